"""Site shell: skip link, navbar built from the page registry, footer; language from ?lang=."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import flask
from dash import Input, Output, dcc, html

from calculators import clock
from calculators.policy_files import policy_on
from components.site_pages import site_pages
from i18n import HTML_LANG, href, other_lang, pick, request_lang, t

from .icons import icon


def navbar(lang: str, pathname: str = "/"):
    def link(page):
        return dbc.NavItem(
            dbc.NavLink(t(lang, page.name_key), href=href(page.path, lang), active=pathname == page.path)
        )

    calculators = dbc.DropdownMenu(
        [
            dbc.DropdownMenuItem(t(lang, p.name_key), href=href(p.path, lang), active=pathname == p.path)
            for p in site_pages("calculators")
        ],
        label=t(lang, "nav.calculators"),
        nav=True,
        in_navbar=True,
        id="nav-calculators",
        toggle_class_name="active" if any(pathname == p.path for p in site_pages("calculators")) else "",
    )
    other = other_lang(lang)
    switch = dbc.NavItem(
        html.A(
            [icon("bi-translate", "me-1"), t(lang, "nav.switch_language")],
            href=href(pathname, other),
            id="lang-switch",
            className="nav-link",
            lang=HTML_LANG[other],
            title=t(lang, "nav.switch_language_label"),
            **{"data-lang": other},
        )
    )
    return dbc.Navbar(
        dbc.Container(
            [
                # The full name, or a short one on phones so the header stays one row in English too.
                dbc.NavbarBrand(
                    [
                        icon("bi-house-heart", "me-2"),
                        html.Span(t(lang, "site.name"), className="d-none d-sm-inline"),
                        html.Span(
                            t(lang, "public.short_name"), className="d-sm-none", title=t(lang, "site.name")
                        ),
                    ],
                    href=href("/", lang),
                    className="fw-semibold",
                ),
                html.Button(
                    html.Span(className="navbar-toggler-icon"),
                    id="nav-toggler",
                    className="navbar-toggler",
                    type="button",
                    # assets/links.js opens and closes the menu (the navbar goes as HTML)
                    **{
                        "aria-label": t(lang, "nav.toggle"),
                        "aria-controls": "nav-collapse",
                        "aria-expanded": "false",
                    },
                ),
                dbc.Collapse(
                    dbc.Nav(
                        [calculators] + [link(p) for p in site_pages("info")] + [switch],
                        navbar=True,
                        className="ms-auto",
                    ),
                    id="nav-collapse",
                    navbar=True,
                    is_open=False,
                ),
            ],
            fluid="lg",
        ),
        color="primary",
        dark=True,
        expand="lg",
        className="site-navbar",
    )


def footer(lang: str):
    version = policy_on(clock.today())
    return dbc.Container(
        [
            html.P(
                [icon("bi-info-circle", "me-2"), t(lang, "footer.disclaimer")],
                className="mb-2",
                id="disclaimer",
            ),
            html.P(
                [
                    dcc.Link(t(lang, "public.footer_about"), href=href("/about", lang)),
                    " · ",
                    html.Span(t(lang, "footer.policy_in_force", version=pick(version.label, lang))),
                    " · ",
                    html.Span(t(lang, "footer.hotline")),
                ],
                className="small mb-0",
            ),
        ],
        fluid="lg",
        className="py-4",
    )


def initial_lang() -> str:
    """A callback's request carries the page URL as its Referer, and with it ?lang=."""
    try:
        return request_lang(url=flask.request.referrer)
    except RuntimeError:  # no request
        return request_lang()


def layout(lang: str | None = None, pathname: str = "/", container=None):
    """The frame of every page: skip link, navbar, ``container`` (the page; Dash's empty
    page_container when the page is left to the router) and footer, in ``lang``."""
    lang = request_lang(lang)
    return html.Div(
        [
            html.A(
                t(lang, "site.skip"),
                href="#main",
                className="visually-hidden-focusable skip-link",
                id="skip-link",
            ),
            dcc.Store(id="site-lang", data=lang),
            html.Div(id="lang-sink", hidden=True),
            html.Header(navbar(lang, pathname), id="site-navbar"),
            html.Main(
                dash.page_container if container is None else container,
                id="main",
                tabIndex="-1",
                className="container-lg py-3",
            ),
            html.Footer(footer(lang), id="site-footer", className="site-footer mt-5"),
        ]
    )


dash.clientside_callback(
    dash.ClientsideFunction("site", "setLang"),
    Output("lang-sink", "children"),  # the function sets <html lang>; nothing to render
    Input("site-lang", "data"),
)
