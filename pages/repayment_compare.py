"""The repayment page's scenario buttons: one tap adds a scenario (another term, the other home,
the other method) or removes one, and the buttons say when the comparison is full. Imported by
pages/repayment.py; Dash's page scan passes this module by, as it is not a page of its own."""

from __future__ import annotations

import dash
from dash import ALL, Input, Output, State, callback
from dash.exceptions import PreventUpdate

from components import repayment_scenarios as compare
from components.forms import field_id

FORM = "repayment"


@callback(
    Output("repayment-scenarios", "data"),
    Output("repayment-add-term", "value"),
    Input("repayment-add-term", "value"),
    Input("repayment-add-home", "n_clicks"),
    Input("repayment-add-method", "n_clicks"),
    Input({"type": "scenario-remove", "index": ALL}, "n_clicks"),
    State("repayment-scenarios", "data"),
    State(field_id(FORM, "method"), "value"),
    State(field_id(FORM, "home_number"), "value"),
    prevent_initial_call=True,
)
def change_scenarios(term, _home, _method, _removes, scenarios, method, home):
    """One tap adds a scenario (another term, the other home, the other method) or removes one."""
    trigger, value = dash.ctx.triggered_id, dash.ctx.triggered[0]["value"]
    if not value or value == compare.NO_TERM:  # a button just drawn, or the list's own label
        raise PreventUpdate
    if isinstance(trigger, dict):
        return compare.removed(scenarios, trigger["index"]), dash.no_update
    kind = {"repayment-add-term": "term", "repayment-add-home": "home"}.get(trigger, "method")
    current = {"method": method, "home_number": home}
    return compare.added(scenarios, kind, current, term), compare.NO_TERM


@callback(
    Output("repayment-add-term", "disabled"),
    Output("repayment-add-home", "disabled"),
    Output("repayment-add-method", "disabled"),
    Output("repayment-compare-full", "children"),
    Input("repayment-scenarios", "data"),
    State("repayment-lang", "data"),
    prevent_initial_call=True,
)
def scenarios_full(scenarios, lang):
    full = compare.full(scenarios)
    return full, full, full, compare.full_note(scenarios, lang)
