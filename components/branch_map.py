"""The branch map, drawn with plotly Scattergeo from the local county GeoJSON (no tiles, no CDN).

Plotly's geojson Choropleth fetches a topojson from a CDN and stays blank offline; filled
Scattergeo polygons with the base map hidden need nothing from outside.
"""

from __future__ import annotations

from facts.branches import Branch, counties
from i18n import pick, t

FILL = "rgba(11, 83, 148, 0.08)"
LINE = "#6b8bb0"
# Markers a thumb can hit: at least 24 px (WCAG 2.2 target size).
KIND_STYLE = {
    "hq": ("star", 28, "#c0392b"),
    "department": ("circle", 24, "#0b5394"),
    "service_area": ("diamond", 24, "#f0a202"),
}
URBAN = {"lon": (113.08, 113.19), "lat": (27.80, 27.90)}  # the four city districts


def _clockwise(ring):
    """d3-geo (behind plotly's geo) fills the outside of a counter-clockwise ring, while GeoJSON
    writes exterior rings counter-clockwise: turn them around so the county, not the world, fills."""
    area = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=False))
    return ring[::-1] if area > 0 else ring


def _county_traces(lang: str):
    traces = []
    for adcode, county in counties().items():
        lons, lats = [], []
        for ring in map(_clockwise, county["rings"]):
            lons += [p[0] for p in ring] + [None]
            lats += [p[1] for p in ring] + [None]
        name = pick(county["name"], lang)
        traces.append(
            {
                "type": "scattergeo",
                "lon": lons,
                "lat": lats,
                "mode": "lines",
                "fill": "toself",
                "fillcolor": FILL,
                "line": {"color": LINE, "width": 1},
                "name": name,
                "showlegend": False,
                "customdata": [f"county:{adcode}"] * len(lons),
                "hoverinfo": "text",
                "text": name,
            }
        )
    return traces


URBAN_CODES = {"430202", "430203", "430204", "430211"}


def _label_traces(lang: str, urban: bool):
    """County names beside their seats, so the map reads without hovering; the four crowded city
    districts are labelled on the zoomed-in map only."""
    from facts.branches import branches

    seats = {b.adcode: b for b in branches() if b.kind == "department"}
    items = [
        (pick(c["name"], lang), seats[a].lat, seats[a].lon, a)
        for a, c in counties().items()
        if a in seats and (a in URBAN_CODES) == urban
    ]
    # Clicking inside a filled polygon fires nothing in scattergeo, so each county's name is the
    # click target for the county (an invisible marker under the label catches the click).
    return {
        "type": "scattergeo",
        "lon": [i[2] for i in items],
        # below the seat's 24 px marker, so the marker never covers the name
        "lat": [i[1] - (0.02 if urban else 0.075) for i in items],
        "mode": "markers+text",
        "text": [i[0] for i in items],
        "textfont": {"size": 11, "color": "#334e68"},
        "textposition": "middle center",
        "marker": {"size": 24, "color": "rgba(255,255,255,0.01)"},
        "customdata": [f"county:{i[3]}" for i in items],
        "hovertemplate": "%{text}<extra></extra>",
        "showlegend": False,
    }


def figure(items: list[Branch], lang: str, *, urban: bool = False) -> dict:
    traces = _county_traces(lang)
    for kind, (symbol, size, color) in KIND_STYLE.items():
        chosen = [b for b in items if b.kind == kind]
        if not chosen:
            continue
        traces.append(
            {
                "type": "scattergeo",
                "lon": [b.lon for b in chosen],
                "lat": [b.lat for b in chosen],
                "mode": "markers",
                "name": t(lang, f"branches.kind_{kind}"),
                "marker": {
                    "symbol": symbol,
                    "size": size,
                    "color": color,
                    "line": {"color": "#fff", "width": 1.5},
                },
                "customdata": [f"branch:{b.id}" for b in chosen],
                "text": [pick(b.name, lang) for b in chosen],
                "hovertemplate": "%{text}<extra></extra>",
            }
        )
    traces.append(_label_traces(lang, urban))
    geo = {"visible": False, "projection": {"type": "mercator"}, "bgcolor": "rgba(0,0,0,0)"}
    if urban:
        geo.update(lonaxis={"range": list(URBAN["lon"])}, lataxis={"range": list(URBAN["lat"])})
    else:
        geo.update(fitbounds="locations")
    return {
        "data": traces,
        "layout": {
            "geo": geo,
            "height": 520 if not urban else 360,
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "legend": {"orientation": "h", "y": 0.02, "x": 0.01, "bgcolor": "rgba(255,255,255,0.8)"},
            "paper_bgcolor": "rgba(0,0,0,0)",
            "clickmode": "event",
            "font": {"family": "Noto Sans CJK SC, system-ui, sans-serif"},
        },
    }
