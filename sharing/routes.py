"""/share/<page>.png: the answer of a calculator link as a picture to send (and the link preview's
og:image). The query is the page's own; the QR code opens the page with it."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from urllib.parse import parse_qs

from flask import Blueprint, Response, abort, request

import settings
from calculators import clock
from i18n import request_lang, t

from .cards import BUILDERS, PAGES
from .picture import render

blueprint = Blueprint("sharing", __name__)
# A calculator link with every field filled is ~600 characters; a QR code of 1,500 still scans.
MAX_QUERY = 1500


def image_path(name: str, query: str) -> str:
    """The picture of page ``name``'s answer for ``query`` (without "?")."""
    return f"/share/{name}.png" + (f"?{query}" if query else "")


def preview(path: str | None, query: str) -> str | None:
    """The picture a link preview shows for a calculator link with inputs, else None."""
    name = next((n for n, p in PAGES.items() if p == path), None)
    return image_path(name, query) if name and query and len(query) <= MAX_QUERY else None


@lru_cache(maxsize=32)
def _picture(name: str, raw: str, lang: str, today: dt.date) -> bytes:
    """The PNG for a link, kept per link and day in this process: a link sent to a group chat is
    fetched by every phone that previews it. A new day (or a restart for new data) draws it anew."""
    # As Dash hands a page its query: a name given twice is a list, which the pages do not read.
    query = {k: v[0] if len(v) == 1 else v for k, v in parse_qs(raw, keep_blank_values=True).items()}
    url = settings.PUBLIC_URL + PAGES[name] + (f"?{raw}" if raw else "")
    return render(BUILDERS[name](query, lang, url))


@blueprint.get("/share/<name>.png")
def image(name: str):
    if name not in BUILDERS:
        abort(404)
    raw = request.query_string.decode("utf-8", "replace")
    lang = request_lang(request.args.getlist("lang"))
    if len(raw) > MAX_QUERY:
        return Response(t(lang, "share_card.too_long") + "\n", status=414, mimetype="text/plain")
    png = _picture(name, raw, lang, clock.today())
    return Response(
        png,
        mimetype="image/png",
        headers={
            "Cache-Control": "public, max-age=3600",
            "Content-Disposition": f'inline; filename="zhuzhou-hpf-{name}.png"',
        },
    )
