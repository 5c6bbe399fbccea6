"""A headline figure as a card: the metric and its year, the figure in words people read (万, 亿),
and its source with a confidence badge. The home page and /statistics show the same card."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from i18n import t
from wording.numbers import figure_text

from .badges import source_line


def figure_card(f, lang: str, **widths):
    """``f``: a facts.statistics figure; ``widths``: the column's breakpoints (xs=6, lg=4)."""
    return dbc.Col(
        dbc.Card(
            dbc.CardBody(
                [
                    html.Div(
                        [
                            t(lang, f"metric.{f.metric}"),
                            " · ",
                            html.Span(t(lang, "public.year", year=f.period), className="headline-year"),
                        ],
                        className="text-body-secondary small",
                    ),
                    html.Div(
                        figure_text(f.value, f.unit, lang, f.qualifier),
                        className="headline-value",
                        **{"data-metric": f.metric, "data-period": f.period},
                    ),
                    source_line(f.source, f.confidence, lang, derived=f.derived, short=True),
                ]
            ),
            className="h-100 shadow-sm headline-card",
        ),
        **widths,
    )
