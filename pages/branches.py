"""服务网点: an offline map of the nine counties and districts with every department, and a list."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, dcc, html

from components import branch_map
from components.badges import source_line, sources_disclosure
from components.branch_info import branch_card
from components.icons import icon
from components.site_pages import listed
from facts.branches import branches, counties
from i18n import join, pick, request_lang, t

dash.register_page(__name__, **listed("branches", "/branches", nav="info", order=4))


def _map(id_, figure, height, alt):
    """A map box that keeps its height from the first paint (no layout shift when plotly draws);
    its words for screen readers — the list below holds the same branches, with buttons."""
    config = {"displayModeBar": False, "responsive": True, "scrollZoom": False}
    return html.Div(
        dcc.Graph(id=id_, figure=figure, config=config, style={"height": f"{height}px"}),
        className="chart-frame",
        style={"height": f"{height}px"},
        role="img",
        **{"aria-label": alt},
    )


def layout(lang=None, **_query):
    lang = request_lang(lang)
    items = list(branches())
    alt = t(lang, "public.map_alt", n=len(items), names=join(lang, (pick(b.name, lang) for b in items)))
    return html.Div(
        [
            dcc.Store(id="branches-lang", data=lang),
            html.H1(t(lang, "nav.branches"), className="h3"),
            html.P(t(lang, "public.branches_lead"), className="text-body-secondary mb-1"),
            html.P(t(lang, "public.branches_hint_wide"), className="small d-none d-lg-block"),
            html.P(t(lang, "public.branches_hint_narrow"), className="small d-lg-none"),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            dbc.Card(
                                dbc.CardBody(
                                    [
                                        html.H2(t(lang, "branches.map_city"), className="h6"),
                                        _map("branches-map", branch_map.figure(items, lang), 520, alt),
                                        html.H2(t(lang, "branches.map_urban"), className="h6 mt-2"),
                                        _map(
                                            "branches-map-urban",
                                            branch_map.figure(items, lang, urban=True),
                                            360,
                                            alt,
                                        ),
                                        html.P(
                                            [icon("bi-info-circle", "me-1"), t(lang, "branches.map_note")],
                                            className="small text-body-secondary mb-1",
                                            id="branches-map-note",
                                        ),
                                        sources_disclosure(
                                            source_line(_geo_source(), "secondary", lang), lang
                                        ),
                                    ]
                                ),
                                className="mb-3",
                            )
                        ],
                        lg=7,
                    ),
                    dbc.Col(
                        [
                            html.Div(
                                dbc.Alert(t(lang, "branches.click_hint"), color="light", className="mb-0"),
                                id="branches-detail",
                                className="mb-3",
                                role="region",
                                **{"aria-live": "polite", "aria-label": t(lang, "public.branch_detail")},
                            ),
                            html.H2(t(lang, "branches.list"), className="h5"),
                            html.Div([branch_card(b, lang, button=True) for b in items], id="branches-list"),
                            html.P(t(lang, "footer.hotline"), className="small text-body-secondary mt-2"),
                            html.P(
                                t(lang, "branches.map_search_note"), className="small text-body-secondary"
                            ),
                        ],
                        lg=5,
                    ),
                ]
            ),
        ]
    )


def _geo_source():
    from calculators.policy_files import default_policy

    return default_policy().sources["county_geometry"]


def _detail(key: str, lang: str):
    kind, _, ident = key.partition(":")
    items = branches()
    if kind == "branch":
        chosen = [b for b in items if b.id == ident]
        return (
            dbc.Card(
                dbc.CardBody([_close(lang), branch_card(chosen[0], lang, heading="h2")]),
                className="border-primary",
            )
            if chosen
            else None
        )
    if kind == "county" and ident in counties():
        inside = [b for b in items if b.adcode == ident]
        return dbc.Card(
            dbc.CardBody(
                [
                    _close(lang),
                    html.H2(pick(counties()[ident]["name"], lang), className="h5"),
                    html.P(t(lang, "branches.in_county", n=len(inside)), className="small"),
                    *[branch_card(b, lang) for b in inside],
                ]
            ),
            className="border-primary",
        )
    return None


def _close(lang):
    return html.Button(
        icon("bi-x-lg"),
        id={"type": "branches-sheet-close", "id": "sheet"},
        n_clicks=0,
        type="button",
        className="btn btn-sm btn-light sheet-close",
        **{"aria-label": t(lang, "public.close")},
    )


@callback(
    Output("branches-detail", "children"),
    Input("branches-map", "clickData"),
    Input("branches-map-urban", "clickData"),
    Input({"type": "branch-show", "id": ALL}, "n_clicks"),
    Input({"type": "branches-sheet-close", "id": ALL}, "n_clicks"),  # only there while a card shows
    State("branches-lang", "data"),
    prevent_initial_call=True,
)
def show(city_click, urban_click, _list_clicks, _close_clicks, lang):
    """A marker, a county name or a list entry: that branch's card — beside the map on wide
    screens, as a sheet from the bottom of the screen on phones (CSS). Close returns the hint."""
    trigger = dash.ctx.triggered_id
    if isinstance(trigger, dict) and trigger.get("type") == "branches-sheet-close":
        if not any(_close_clicks):
            return dash.no_update
        return dbc.Alert(t(lang, "branches.click_hint"), color="light", className="mb-0")
    if isinstance(trigger, dict):
        if not any(_list_clicks):
            return dash.no_update
        return _detail(f"branch:{trigger['id']}", lang) or dash.no_update
    click = urban_click if trigger == "branches-map-urban" else city_click
    try:
        key = click["points"][0]["customdata"]
    except (TypeError, KeyError, IndexError):
        return dash.no_update
    return _detail(str(key), lang) or dash.no_update
