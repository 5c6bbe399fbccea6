"""Plain download links for public data (a link works without JavaScript and can be shared)."""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, request

from facts.statistics import figures
from i18n import pick, request_lang, t

blueprint = Blueprint("downloads", __name__)


@blueprint.get("/downloads/statistics.csv")
def statistics_csv():
    lang = request_lang(request.args.get("lang"))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            t(lang, f"stats.col_{c}")
            for c in (
                "metric",
                "code",
                "period",
                "value",
                "unit",
                "scope",
                "confidence",
                "derived",
                "source",
                "note",
            )
        ]
    )
    for f in figures():
        writer.writerow(
            [
                t(lang, f"metric.{f.metric}"),
                f.metric,
                f.period,
                f"{f.qualifier or ''}{f.value:g}",
                t(lang, f"unit.{f.unit}"),
                t(lang, f"stats.scope_{f.scope}"),
                t(lang, f"confidence.{f.confidence}"),
                t(lang, "yes") if f.derived else "",
                pick(f.source.title, lang),
                pick(f.note, lang),
            ]
        )
    name = "statistics.csv"
    return Response(
        "\ufeff" + out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename={name}"},
    )
