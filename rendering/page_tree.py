"""One page's whole Dash layout — the shell with the page already inside — for one URL.

The HTML of the first response and the layout dash-renderer starts from are both this tree, so the
server's page and the app's first render are the same page (same tags, ids and text), and the app
starts with the page in place: no router round trip before the page's content, no initial
callback to fill the shell. The page's own layout function is found and called as Dash's pages
router calls it (the path, then the query string's values as keyword arguments), so a navigation
inside the app and a first visit render a page alike.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import dash
import flask
from dash import Input, Output, dcc, html

from components import shell
from components.site_pages import registered_paths
from components.titles import SITE_TITLE, title_text
from dash_private import PAGE_REGISTRY, parse_query_string, path_to_page
from i18n import request_lang, t
from rendering import layout_html, static_html
from serving import shared_cache

CONTENT, LOCATION, STORE, DUMMY = "_pages_content", "_pages_location", "_pages_store", "_pages_dummy"
MAX_QUERY_VALUES = 40  # a query string longer than any form is not a calculation


def _page(path: str) -> dict:
    page, _variables = path_to_page(path.strip("/"))
    if page:
        return page
    return next(p for m, p in PAGE_REGISTRY.items() if m.split(".")[-1] == "not_found_404")


def tree(path: str, search: str):
    """The layout of the page at ``path`` with ``search`` ("?a=1&b=2" or ""), in its language."""
    search = search if search.startswith("?") else ("?" + search if search else "")
    query = dict(list(parse_query_string(search).items())[:MAX_QUERY_VALUES])
    page = _page(path)
    layout = page["layout"]
    content = layout(**query) if callable(layout) else layout
    lang = request_lang(url=search)
    title = title_text(getattr(page["title"], "key", SITE_TITLE), lang)
    container = html.Div(
        [
            # pathname and search as the browser has them: the Location does not report them on mount,
            # so the router has nothing to do (href and hash, unknown here, it reports; nothing
            # listens to them).
            dcc.Location(id=LOCATION, refresh="callback-nav", pathname=path, search=search),
            html.Div(content, id=CONTENT, disable_n_clicks=True),
            dcc.Store(id=STORE, data={"title": title}),
            html.Div(id=DUMMY, disable_n_clicks=True),
        ]
    )
    # The parts no callback touches go as HTML (rendering/static_html.py): far fewer components.
    wired = static_html.wired_ids(dash.get_app().callback_map) | {CONTENT, LOCATION, STORE, DUMMY}
    return static_html.freeze(shell.layout(lang, path, container), wired)


def first_page(path: str, search: str, day: dt.date) -> tuple[str, str]:
    """(HTML, layout JSON) of a page's first response. A public page is a function of its URL and
    the day (nothing else it shows changes while the site runs), so it is rendered once a day per
    language for every worker and host (serving/shared_cache.py); a link with a calculation in it
    is rendered for its own request."""
    key = shared_cache.page_key(path, search, day, registered_paths())
    kept = shared_cache.get(key) if key else None
    if kept is None:
        layout = tree(path, search)
        kept = layout_html.render(layout), layout_html.script_json(layout)
        if key:
            shared_cache.set(key, kept)
    return kept


def from_request():
    """The tree for /_dash-layout: the page named by the request's Referer (the page URL), or the
    home page when there is none (a layout fetched by hand; a browser that sends no Referer then
    gets the page from the router, as any Dash app does)."""
    referrer = flask.request.referrer
    if not referrer:
        return shell.layout(request_lang(), "/", None)
    url = urlsplit(referrer)
    search = f"?{url.query}" if url.query else ""
    return tree(url.path or "/", search)


@dash.callback(
    Output("site-navbar", "children"),
    Output("site-footer", "children"),
    Output("site-lang", "data"),
    Output("skip-link", "children"),
    Input(LOCATION, "pathname"),
    Input(LOCATION, "search"),
    prevent_initial_call=True,  # the first layout carries the page's own shell (tree above)
)
def update_shell(pathname, search):
    """The shell for the page the visitor moved to inside the app: its menu and footer as HTML,
    like the first layout's (their behaviour is assets/links.js's), in the link's language."""
    lang = request_lang(url=search)
    parts = shell.navbar(lang, pathname or "/"), shell.footer(lang)
    return *(static_html.freeze_output(part) for part in parts), lang, t(lang, "site.skip")
