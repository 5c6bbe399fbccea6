"""Plain download links for public data (a link works without JavaScript and can be shared)."""

from __future__ import annotations

from flask import Blueprint, Response, abort, request

from exports import statistics
from i18n import request_lang

blueprint = Blueprint("downloads", __name__)


@blueprint.get("/downloads/statistics.<kind>")
def statistics_file(kind: str):
    if kind not in statistics.KINDS:
        abort(404)
    lang = request_lang(request.args.getlist("lang"))
    return Response(
        statistics.file(lang, kind),
        mimetype=statistics.KINDS[kind],
        headers={"Content-Disposition": f"attachment; filename=statistics.{kind}"},
    )
