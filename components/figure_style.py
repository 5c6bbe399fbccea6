"""Plain-dict plotly layouts. dcc.Graph takes dicts as they are; building plotly.graph_objects
validates every property and deep-copies the template, which cost ~45 ms a chart here (see bench/)."""

from __future__ import annotations

FONT = {"family": "Noto Sans CJK SC, system-ui, sans-serif", "color": "#2a3f5f"}
AXIS = {"gridcolor": "#ebf0f8", "linecolor": "#ebf0f8", "zerolinecolor": "#ebf0f8", "automargin": True}


def base_layout(**extra) -> dict:
    layout = {
        "font": FONT,
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "xaxis": dict(AXIS),
        "yaxis": dict(AXIS),
        "hoverlabel": {"align": "left"},
    }
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(layout.get(key), dict):
            layout[key] = {**layout[key], **value}
        else:
            layout[key] = value
    return layout
