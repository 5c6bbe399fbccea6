"""A friendly 404 inside the site shell."""

from __future__ import annotations

import dash
from dash import dcc, html

from components.icons import icon
from components.titles import page_title
from i18n import href, request_lang, t

dash.register_page(__name__, path="/404", title=page_title("notfound.heading"), name="404")


def layout(lang=None, **_query):
    lang = request_lang(lang)
    return html.Div(
        [
            html.H1(t(lang, "notfound.heading"), className="h3"),
            html.P(t(lang, "notfound.body"), id="notfound-body"),
            dcc.Link(
                [icon("bi-house", "me-1"), t(lang, "notfound.back")],
                href=href("/", lang),
                className="btn btn-primary",
            ),
        ],
        className="py-5 text-center",
    )
