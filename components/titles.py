"""Page titles in the visitor's language.

Dash calls a page's ``title`` with no arguments, both when it renders the first HTML (a normal
request with ?lang=) and inside the router callback (whose inputs carry the URL's search string).
"""
from __future__ import annotations

import flask
from dash import callback_context

from i18n import request_lang, t


def _current_lang() -> str:
    try:
        return request_lang(url=callback_context.inputs.get("_pages_location.search"))
    except Exception:  # not inside a callback: the first page request
        pass
    try:
        return request_lang(flask.request.args.get("lang"))
    except RuntimeError:
        return request_lang()


def page_title(key: str):
    def title() -> str:
        lang = _current_lang()
        return f"{t(lang, key)} · {t(lang, 'site.name')}"
    return title


def site_title() -> str:
    """The home page's title: the site's full name."""
    return t(_current_lang(), "site.title")
