"""Plain download links for public data (a link works without JavaScript and can be shared)."""

from __future__ import annotations

from flask import Blueprint, Response, abort, request

from calculators import clock
from exports import statistics
from i18n import request_lang

from . import shared_cache

blueprint = Blueprint("downloads", __name__)


@blueprint.get("/downloads/statistics.<kind>")
def statistics_file(kind: str):
    if kind not in statistics.KINDS:
        abort(404)
    lang = request_lang(request.args.getlist("lang"))
    # the same file for everyone on a day: made once, kept with the pages (serving/shared_cache.py)
    key = f"{shared_cache.content_version()}:statistics:{clock.today().isoformat()}:{lang}.{kind}"
    data = shared_cache.get(key)
    if data is None:
        data = statistics.file(lang, kind)
        shared_cache.set(key, data)
    return Response(
        data,
        mimetype=statistics.KINDS[kind],
        headers={"Content-Disposition": f"attachment; filename=statistics.{kind}"},
    )
