"""Page titles in the visitor's language.

Dash calls a page's ``title`` with no arguments, both when it renders the first HTML (a normal
request with ?lang=) and inside the router callback (whose inputs carry the URL's search string).
"""

from __future__ import annotations

import flask
from dash import callback_context

from i18n import request_lang, t

SITE_TITLE = "site.title"  # the home page's title: the site's full name


def _current_lang() -> str:
    try:
        return request_lang(url=callback_context.inputs.get("_pages_location.search"))
    except Exception:  # not inside a callback: the first page request
        pass
    try:
        return request_lang(flask.request.args.getlist("lang"))
    except RuntimeError:
        return request_lang()


def title_text(key: str, lang: str) -> str:
    """A page's name and the site's; the home page's (site.title) is the site's full name."""
    if key == SITE_TITLE:
        return t(lang, key)
    return f"{t(lang, key)} · {t(lang, 'site.name')}"


def page_title(key: str):
    """The title Dash calls; ``.key`` lets the no-JavaScript HTML say the same in a given language."""

    def title() -> str:
        return title_text(key, _current_lang())

    title.key = key
    return title


site_title = page_title(SITE_TITLE)
