"""Home: what the site offers, headline figures from data/, the policy in force."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from calculators import clock
from calculators.policy_files import policy_on
from components.badges import parameter_source
from components.figure_card import figure_card
from components.headlines import latest
from components.icons import icon
from components.titles import site_title
from i18n import href, pick, request_lang, t
from wording.numbers import big_yuan, percent

dash.register_page(__name__, path="/", order=0, title=site_title, name="home", nav_key="nav.home")

TOOLS = (
    ("eligibility", "/calculators/eligibility", "bi-clipboard-check"),
    ("quota", "/calculators/quota", "bi-cash-stack"),
    ("repayment", "/calculators/repayment", "bi-calendar3"),
    ("precheck", "/precheck", "bi-people"),
)
INFO = (
    ("policy", "/policy", "bi-journal-text"),
    ("statistics", "/statistics", "bi-bar-chart"),
    ("history", "/history", "bi-clock-history"),
    ("branches", "/branches", "bi-geo-alt"),
)


def _headline(f, lang):
    return figure_card(f, lang, xs=6, lg=4)


def _tool(key, path, glyph, lang):
    return dbc.Col(
        dbc.Card(
            dbc.CardBody(
                [
                    html.H3([icon(glyph, "me-2 text-primary"), t(lang, f"nav.{key}")], className="h5"),
                    html.P(t(lang, f"home.tool_{key}"), className="mb-3"),
                    dcc.Link(
                        [t(lang, "home.open"), icon("bi-arrow-right", "ms-1")],
                        href=href(path, lang),
                        className="btn btn-primary btn-sm stretched-link",
                        id=f"home-tool-{key}",
                    ),
                ]
            ),
            className="h-100 shadow-sm tool-card",
        ),
        xs=12,
        md=6,
        xl=3,
    )


def _policy_row(label, value, parameter, lang):
    return html.Tr(
        [
            html.Th(label, scope="row"),
            html.Td(
                [html.Div(value, className="fw-semibold"), parameter_source(parameter, lang, short=True)]
            ),
        ]
    )


def layout(lang=None, **_query):
    lang = request_lang(lang)
    v = policy_on(clock.today())
    policy = html.Table(
        html.Tbody(
            [
                _policy_row(
                    t(lang, "home.policy_ceiling"),
                    big_yuan(v.value("ceiling_standard"), lang),
                    v["ceiling_standard"],
                    lang,
                ),
                _policy_row(
                    t(lang, "home.policy_rate"),
                    percent(v.value("rate_first_home_long")),
                    v["rate_first_home_long"],
                    lang,
                ),
                _policy_row(
                    t(lang, "home.policy_rate_second"),
                    percent(v.value("rate_second_home_long"), 3),
                    v["rate_second_home_long"],
                    lang,
                ),
                _policy_row(
                    t(lang, "home.policy_ltv"),
                    percent(v.value("ltv_first_home") * 100, 0),
                    v["ltv_first_home"],
                    lang,
                ),
                _policy_row(
                    t(lang, "home.policy_term"),
                    f"{v.value('max_term_years')} {t(lang, 'unit.years')}",
                    v["max_term_years"],
                    lang,
                ),
            ]
        ),
        className="table table-sm align-middle mb-2",
    )
    return html.Div(
        [
            html.Section(
                [
                    html.H1(t(lang, "home.heading"), className="display-6 fw-semibold"),
                    html.P(t(lang, "home.lead"), className="lead mb-0"),
                ],
                className="hero p-4 p-md-5 mb-4 rounded-3",
            ),
            html.Section(
                [
                    html.H2(t(lang, "home.tools_heading"), className="h4 mb-3"),
                    dbc.Row([_tool(*item, lang) for item in TOOLS], className="g-3"),
                ],
                className="mb-5",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        html.Section(
                            [
                                html.H2(t(lang, "home.figures_heading"), className="h4"),
                                html.P(t(lang, "home.figures_note"), className="text-body-secondary small"),
                                dbc.Row([_headline(f, lang) for f in latest()], className="g-3"),
                            ]
                        ),
                        lg=7,
                        className="mb-4",
                    ),
                    dbc.Col(
                        html.Section(
                            [
                                html.H2(t(lang, "home.policy_heading"), className="h4"),
                                html.P(pick(v.label, lang), className="text-body-secondary small"),
                                policy,
                                dcc.Link(t(lang, "home.policy_more"), href=href("/policy", lang)),
                            ],
                            id="home-policy",
                        ),
                        lg=5,
                        className="mb-4",
                    ),
                ]
            ),
            html.Section(
                [
                    html.H2(t(lang, "home.info_heading"), className="h4 mb-3"),
                    dbc.Row(
                        [
                            dbc.Col(
                                dcc.Link(
                                    [
                                        icon(glyph, "me-2"),
                                        html.Span(t(lang, f"nav.{key}"), className="fw-semibold"),
                                        html.Span(
                                            " — " + t(lang, f"home.info_{key}"),
                                            className="text-body-secondary",
                                        ),
                                    ],
                                    href=href(path, lang),
                                    className="info-link d-block p-3 rounded-3 h-100",
                                ),
                                xs=12,
                                md=6,
                            )
                            for key, path, glyph in INFO
                        ],
                        className="g-2",
                    ),
                ]
            ),
        ]
    )
