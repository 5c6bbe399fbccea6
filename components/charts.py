"""Figure builders for public figures: only the years that exist, confidence shown in the marks."""
from __future__ import annotations

import plotly.graph_objects as go

from components.numbers import figure_text
from i18n import t

COLORS = {"seed": "#0b5394", "official": "#198754", "secondary": "#17a2b8", "assumption": "#f0a202"}
BASE = dict(template="plotly_white", height=300, margin=dict(l=50, r=10, t=20, b=40),
            font=dict(family="Noto Sans CJK SC, system-ui, sans-serif"), showlegend=True,
            legend=dict(orientation="h", y=-0.25), bargap=0.35)


def yearly_bars(figures, lang: str) -> go.Figure:
    """One bar per published year. Derived values are hatched, lower bounds say so in the label;
    years without a figure stay empty — nothing is drawn between them."""
    fig = go.Figure()
    groups = {}
    for f in figures:
        key = (f.confidence, f.derived, f.qualifier)
        groups.setdefault(key, []).append(f)
    for (confidence, derived, qualifier), items in groups.items():
        name = t(lang, f"confidence.{confidence}")
        if derived:
            name += " · " + t(lang, "source.derived")
        if qualifier:
            name += " · " + t(lang, "stats.lower_bound")
        fig.add_trace(go.Bar(
            x=[f.year for f in items], y=[f.value for f in items], name=name,
            marker=dict(color=COLORS[confidence], pattern_shape="/" if derived or qualifier else "",
                        line=dict(color=COLORS[confidence], width=1)),
            text=[figure_text(f.value, f.unit, lang, f.qualifier) for f in items],
            textposition="outside", cliponaxis=False, constraintext="none", width=0.8,
            textfont=dict(size=11),
            hovertemplate="%{x}: %{text}<extra></extra>",
        ))
    years = [f.year for f in figures]
    top = max(f.value for f in figures)
    fig.update_layout(**BASE)
    fig.update_xaxes(range=[min(years) - 1, max(years) + 1], dtick=2 if max(years) - min(years) > 12 else 1,
                     tickformat="d")
    fig.update_yaxes(range=[0, top * 1.2], title=t(lang, f"unit.{figures[0].unit}"))
    return fig
