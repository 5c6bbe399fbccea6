"""Figure builders for public figures: only the years that exist, confidence shown in the marks.

Readable at 390 px: one category per published year (so labels never crowd a long, mostly empty
time axis), bar labels are the bare number with the unit in the axis title — 万/亿 in Chinese,
thousands/billions in English — and year labels stay horizontal.
"""

from __future__ import annotations

from decimal import Decimal

from i18n import t
from wording.numbers import bar_text, chart_scale, figure_text

from .figure_style import base_layout

COLORS = {"seed": "#0b5394", "official": "#198754", "secondary": "#17a2b8", "assumption": "#f0a202"}


def _scaled(value, unit: str, lang: str) -> Decimal:
    number = Decimal(str(value))
    factor = chart_scale(unit, lang)[0]
    return number * factor if factor != 1 else number


def axis_unit(unit: str, lang: str) -> str:
    return chart_scale(unit, lang)[1]


def bar_label(f, lang: str) -> str:
    """The bare number (the axis names the unit); a lower bound keeps its word."""
    return bar_text(_scaled(f.value, f.unit, lang), lang, over=f.qualifier == ">")


def chart_alt(figures, lang: str) -> str:
    """What the chart shows, in words: every bar's year and value with its unit."""
    points = t(lang, "public.chart_alt_sep").join(
        t(lang, "public.chart_point", year=f.period, value=figure_text(f.value, f.unit, lang, f.qualifier))
        for f in figures
    )
    return t(
        lang,
        "public.chart_alt",
        metric=t(lang, f"metric.{figures[0].metric}"),
        unit=axis_unit(figures[0].unit, lang),
        points=points,
    )


def yearly_bars(figures, lang: str) -> dict:
    """One bar per published year. Derived values are hatched, lower bounds say so in the label;
    years without a figure are not drawn (nothing is filled in between)."""
    years = [str(f.year) for f in figures]
    groups = {}
    for f in figures:
        groups.setdefault((f.confidence, f.derived, f.qualifier), []).append(f)
    traces = []
    for (confidence, derived, qualifier), items in groups.items():
        name = t(lang, f"confidence.{confidence}")
        if derived:
            name += " · " + t(lang, "source.derived")
        if qualifier:
            name += " · " + t(lang, "stats.lower_bound")
        traces.append(
            {
                "type": "bar",
                "name": name,
                "x": [str(f.year) for f in items],
                "y": [float(_scaled(f.value, f.unit, lang)) for f in items],
                "width": 0.7,
                "marker": {
                    "color": COLORS[confidence],
                    "pattern": {"shape": "/" if derived or qualifier else ""},
                    "line": {"color": COLORS[confidence], "width": 1},
                },
                "text": [bar_label(f, lang) for f in items],
                "customdata": [figure_text(f.value, f.unit, lang, f.qualifier) for f in items],
                "textposition": "outside",
                "cliponaxis": False,
                "constraintext": "none",
                "textfont": {"size": 11},
                "hovertemplate": "%{x}: %{customdata}<extra></extra>",
            }
        )
    top = max(float(_scaled(f.value, f.unit, lang)) for f in figures)
    return {
        "data": traces,
        "layout": base_layout(
            height=300,
            margin={"l": 50, "r": 12, "t": 24, "b": 30},
            showlegend=len(traces) > 1,
            legend={"orientation": "h", "x": 0, "y": -0.12, "yanchor": "top", "font": {"size": 11}},
            bargap=0.3,
            xaxis={
                "type": "category",
                "categoryorder": "array",
                "categoryarray": years,
                "tickangle": 0,
                "fixedrange": True,
            },
            yaxis={
                "range": [0, top * 1.22],
                "fixedrange": True,
                "tickformat": ",~r",
                "title": {"text": axis_unit(figures[0].unit, lang)},
            },
        ),
    }
