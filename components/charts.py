"""Figure builders for public figures: only the years that exist, confidence shown in the marks."""
from __future__ import annotations

from components.numbers import figure_text
from i18n import t

from .figure_style import base_layout

COLORS = {"seed": "#0b5394", "official": "#198754", "secondary": "#17a2b8", "assumption": "#f0a202"}


def yearly_bars(figures, lang: str) -> dict:
    """One bar per published year. Derived values are hatched, lower bounds say so in the label;
    years without a figure stay empty — nothing is drawn between them."""
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
        traces.append({
            "type": "bar", "name": name, "x": [f.year for f in items], "y": [f.value for f in items],
            "width": 0.8, "marker": {"color": COLORS[confidence],
                                     "pattern": {"shape": "/" if derived or qualifier else ""},
                                     "line": {"color": COLORS[confidence], "width": 1}},
            "text": [figure_text(f.value, f.unit, lang, f.qualifier) for f in items],
            "textposition": "outside", "cliponaxis": False, "constraintext": "none", "textfont": {"size": 11},
            "hovertemplate": "%{x}: %{text}<extra></extra>",
        })
    years = [f.year for f in figures]
    top = max(f.value for f in figures)
    return {"data": traces, "layout": base_layout(
        height=300, margin={"l": 50, "r": 10, "t": 20, "b": 40}, showlegend=True,
        legend={"orientation": "h", "y": -0.25}, bargap=0.35,
        xaxis={"range": [min(years) - 1, max(years) + 1], "dtick": 2 if max(years) - min(years) > 12 else 1,
               "tickformat": "d"},
        yaxis={"range": [0, top * 1.2], "title": {"text": t(lang, f"unit.{figures[0].unit}")}})}
