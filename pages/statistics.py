"""统计数据: charts of the published yearly figures, headline cards, the full table and a CSV."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from components.badges import confidence_badge, source_line, sources_disclosure
from components.charts import chart_alt, yearly_bars
from components.figure_card import figure_card
from components.headlines import history, latest, latest_year
from components.icons import icon
from components.site_pages import listed
from facts.statistics import figure, figures, series
from i18n import href, pick, request_lang, t
from wording.numbers import figure_text

dash.register_page(__name__, **listed("statistics", "/statistics", nav="info", order=2))

CHARTS = ("contributors", "annual_collection", "loans_total", "loans_issued", "withdrawals")
SINGLE = (("overdue_rate", "2022"),)  # one year only: no chart


def _card(f, lang):
    return figure_card(f, lang, xs=6, md=4, xl=3)


def _chart(metric, lang):
    items = series(metric)
    sources = {}
    for f in items:
        sources.setdefault(f.source.id, f)
    notes = [f"{f.period}{t(lang, 'format.colon')}{pick(f.note, lang)}" for f in items if f.note]
    return dbc.Col(
        dbc.Card(
            dbc.CardBody(
                [
                    html.H3(t(lang, f"metric.{metric}"), className="h6", id=f"stats-chart-{metric}-title"),
                    html.P(t(lang, f"stats.about_{metric}"), className="small text-body-secondary mb-1"),
                    # The picture's words for screen readers; the chart itself is hidden from them.
                    html.Div(
                        dcc.Graph(
                            figure=yearly_bars(items, lang),
                            config={"displayModeBar": False, "responsive": True},
                            id=f"stats-chart-{metric}",
                            style={"height": "300px"},
                        ),
                        role="img",
                        className="chart-frame",
                        style={"minHeight": "300px"},  # the chart's height before its code loads
                        **{"aria-label": chart_alt(items, lang)},
                    ),
                    sources_disclosure(
                        [
                            html.Div(
                                [
                                    source_line(f.source, f.confidence, lang, short=False)
                                    for f in sources.values()
                                ]
                            ),
                            html.Ul(
                                [html.Li(n) for n in notes], className="small text-body-secondary mb-0 mt-1"
                            )
                            if notes
                            else None,
                        ],
                        lang,
                        count=len(sources) + len(notes),
                    ),
                ]
            ),
            className="h-100 shadow-sm",
        ),
        lg=6,
        className="mb-3",
    )


def _table(lang):
    head = [t(lang, f"stats.col_{c}") for c in ("metric", "period", "value", "scope", "confidence", "note")]
    rows = [
        html.Tr(
            [
                html.Td(t(lang, f"metric.{f.metric}")),
                html.Td(f.period),
                html.Td(figure_text(f.value, f.unit, lang, f.qualifier), className="text-nowrap"),
                html.Td(t(lang, f"stats.scope_{f.scope}")),
                html.Td(
                    confidence_badge(f.confidence, lang, derived=f.derived), title=pick(f.source.title, lang)
                ),
                html.Td(pick(f.note, lang), className="small"),
            ],
            **{"data-metric": f.metric, "data-period": f.period},
        )
        for f in figures()
    ]
    return html.Table(
        [
            html.Caption(t(lang, "stats.table"), className="visually-hidden"),
            html.Thead(html.Tr([html.Th(h, scope="col") for h in head])),
            html.Tbody(rows),
        ],
        className="table table-sm table-striped align-middle",
        id="stats-table",
    )


def layout(lang=None, **_query):
    lang = request_lang(lang)
    return html.Div(
        [
            html.H1(t(lang, "nav.statistics"), className="h3"),
            html.P(t(lang, "stats.lead"), className="text-body-secondary"),
            html.H2(t(lang, "public.latest_heading"), className="h5 mt-3"),
            html.P(t(lang, "public.latest_note", year=latest_year()), className="small text-body-secondary"),
            dbc.Row([_card(f, lang) for f in latest()], className="g-3 mb-4", id="stats-latest"),
            html.H2(t(lang, "stats.charts"), className="h5"),
            html.P(t(lang, "stats.charts_note"), className="small text-body-secondary"),
            dbc.Row([_chart(m, lang) for m in CHARTS]),
            html.Section(
                [
                    html.H2(t(lang, "stats.headlines"), className="h5 mt-2"),
                    html.P(t(lang, "public.history_note"), className="small text-body-secondary"),
                    dbc.Row(
                        [_card(f, lang) for f in history()] + [_card(figure(m, p), lang) for m, p in SINGLE],
                        className="g-3 mb-3",
                    ),
                    html.P(
                        [icon("bi-info-circle", "me-2"), t(lang, "stats.inconsistent")],
                        className="small text-body-secondary",
                        id="stats-inconsistent",
                    ),
                ],
                className="headline-history mb-4",
                id="stats-history",
            ),
            html.Div(
                [
                    html.H2(t(lang, "stats.table"), className="h5 me-auto mb-0"),
                    *(
                        html.A(
                            [icon("bi-download", "me-1"), t(lang, f"stats.download_{kind}")],
                            href=href(f"/downloads/statistics.{kind}", lang),
                            className=f"btn btn-sm btn-{'outline-' if kind == 'xlsx' else ''}secondary ms-2",
                            id=f"stats-download{'' if kind == 'csv' else '-xlsx'}",
                            download=f"statistics.{kind}",
                        )
                        for kind in ("csv", "xlsx")
                    ),
                ],
                className="d-flex align-items-center mb-2",
            ),
            html.Div(
                _table(lang),
                className="table-responsive",
                tabIndex="0",
                role="region",
                **{"aria-label": t(lang, "stats.table")},
            ),
        ]
    )
