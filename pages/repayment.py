"""还款计算器: both methods side by side, combination loans, prepayment modes, schedule, CSV.

The answer comes first: the layout itself renders the result for the query string (no callback
round trip before the first number), a compact result bar stays in view on phones, and the charts
and schedule fill in after. A field that is cleared or wrong keeps the last good result, dimmed.
The fields come from the input registry, the arithmetic from calculators/loan_request.py and the
rendering from components/repayment_view.py: this module holds the layout and the wiring.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, dcc, html
from dash.exceptions import PreventUpdate

from calculators import clock
from calculators.errors import ValidationError
from components import form_edits as edits
from components import repayment_form
from components import repayment_scenarios as compare
from components import repayment_tables as tables
from components import repayment_view as view
from components.forms import field_id
from components.results import register_share_callbacks, report_header, result_bar, share_bar, url_sync
from components.schedule import figures, table
from components.site_pages import listed
from exports import schedule as schedule_export
from i18n import normalize_lang, t
from rendering.static_html import freeze_output

from . import repayment_compare

dash.register_page(__name__, **listed("repayment", "/calculators/repayment", nav="calculators", order=3))
FORM = "repayment"
ALL_FIELDS = {"type": "field", "form": FORM, "name": ALL}


def layout(lang=None, **query):
    lang = normalize_lang(lang)
    by_name = {f.name: f for f in repayment_form.form_fields(clock.today())}
    query, names, shown, following = repayment_form.first_values(query)
    scenarios = compare.from_link(query.get("compare"))
    # The first answer is part of the page itself: no callback round trip before the number.
    first = repayment_form.respond(names, shown, lang, following, scenarios=scenarios)
    form = repayment_form.form(by_name, query, lang, dict(zip(names, first["feedback"], strict=True)))
    return html.Div(
        [
            dcc.Store(id="repayment-lang", data=lang),
            url_sync(FORM, first["query"]),
            dcc.Download(id="repayment-download"),
            # The policy rate the rate field follows; None once the visitor (or the link) gave one.
            dcc.Store(id="repayment-auto-rate", data=following),
            dcc.Store(id="repayment-scenarios", data=scenarios),
            report_header("nav.repayment", lang),
            html.H1(t(lang, "nav.repayment"), className="h3"),
            html.P(t(lang, "repayment.lead"), className="text-body-secondary d-print-none page-lead"),
            result_bar(FORM, first["bar"]),
            dbc.Row(
                [
                    dbc.Col(dbc.Card(dbc.CardBody(form)), lg=4, className="mb-3 d-print-none"),
                    dbc.Col(_results(first, scenarios, lang), lg=8),
                ]
            ),
        ]
    )


def _results(first: dict, scenarios, lang: str):
    outcome = first["outcome"]
    return html.Div(
        [
            share_bar(FORM, lang, first["query"]),
            html.Div(first["summary"], id="repayment-summary"),
            compare.section(lang, scenarios, first["compare"]),
            # Charts arrive with their own callback once their place nears the screen (site.js sets
            # the store): plotly.js, a long task on a phone, never loads while the visitor types
            # into the first screen.
            dcc.Store(id="repayment-charts-seen"),
            dcc.Store(id="repayment-charts-due"),
            html.Div(
                dbc.Row(
                    [
                        dbc.Col(html.Div(className="chart-box", id="repayment-balance-box"), md=6),
                        dbc.Col(html.Div(className="chart-box", id="repayment-parts-box"), md=6),
                    ],
                    id="repayment-charts",
                    className="d-print-none chart-pair",
                ),
                **{"data-lazy-store": "repayment-charts-seen"},
            ),
            tables.schedule_controls(lang, ready=outcome is not None),
            html.Div(
                view.schedule_caption(outcome, lang),
                id="repayment-schedule-caption",
                className="small text-body-secondary mb-1",
            ),
            # The yearly table is in the page itself (as HTML: no callback touches its cells), so
            # nothing below it moves and no round trip is spent on it.
            html.Div(
                table(outcome.schedule, "yearly", first["start"], lang) if outcome else [],
                id="repayment-schedule",
                className="table-responsive schedule-wrap",
            ),
        ],
        id="repayment-results",
        className=first["results_class"],
    )


# What every answer of the form reads beside the values: the fields' ids, the page's language,
# and whether the rate shown is the policy's (it then follows the term).
FORM_STATE = (State(ALL_FIELDS, "id"), State("repayment-lang", "data"), State("repayment-auto-rate", "data"))


def _outcome(shown, ids, following):
    """(outcome, first payment month) of the form as it stands, or PreventUpdate on bad input."""
    try:
        return repayment_form.compute_shown([i["name"] for i in ids], shown, following)
    except ValidationError:
        raise PreventUpdate from None


@callback(
    Output({"type": "feedback", "form": FORM, "name": ALL}, "children"),
    Output({"type": "echo", "form": FORM, "name": ALL}, "children"),
    Output("repayment-summary", "children"),
    Output("repayment-bar", "children"),
    Output("repayment-results", "className"),
    Output("repayment-query", "data"),
    Output("repayment-compare-box", "children"),
    Output("repayment-csv", "disabled"),
    Output("repayment-xlsx", "disabled"),
    *[Output(section_id, "open", allow_duplicate=True) for section_id, _ in repayment_form.SECTIONS.values()],
    Input(ALL_FIELDS, "value"),
    Input("repayment-scenarios", "data"),
    *FORM_STATE,
    State({"type": "feedback", "form": FORM, "name": ALL}, "children"),
    prevent_initial_call=True,  # the layout already holds the answer for the link's inputs
)
def update(shown, scenarios, ids, lang, following, before=None):
    """Numbers first: the summary, the result bar and the scenarios, without waiting for charts."""
    names = [i["name"] for i in ids]
    out = repayment_form.respond(names, shown, lang, following, stale_ok=True, scenarios=scenarios)
    for part in ("summary", "compare"):  # fewer components for the phone to build
        out[part] = freeze_output(out[part])
    opens = repayment_form.sections_opened_by(names, out["feedback"], before)
    return (
        *(out[k] for k in ("feedback", "echo", "summary", "bar", "results_class", "query")),
        out["compare"],
        *[out["outcome"] is None] * 2,  # a download is of an answer on screen, never a stale one
        *opens,
    )


@callback(
    Output("repayment-schedule", "children"),
    Output("repayment-schedule-caption", "children"),
    Input(ALL_FIELDS, "value"),
    Input("repayment-view", "value"),
    *FORM_STATE,
    prevent_initial_call=True,  # the layout holds the link's schedule
)
def update_schedule(shown, schedule_view, ids, lang, following):
    """The schedule, after the numbers; bad input keeps the last one (dimmed)."""
    outcome, start = _outcome(shown, ids, following)
    return freeze_output(table(outcome.schedule, schedule_view, start, lang)), view.schedule_caption(
        outcome, lang
    )


# The charts' inputs pass a gate in the browser: until their place nears the screen no request is
# sent at all (a phone never fetches plotly.js while the visitor types into the first screen).
dash.clientside_callback(
    dash.ClientsideFunction("site", "whenSeen"),
    Output("repayment-charts-due", "data"),
    Input("repayment-charts-seen", "data"),
    Input(ALL_FIELDS, "value"),
    prevent_initial_call=True,
)


@callback(
    Output("repayment-balance-box", "children"),
    Output("repayment-parts-box", "children"),
    Input("repayment-charts-due", "data"),
    State(ALL_FIELDS, "value"),
    *FORM_STATE,
    prevent_initial_call=True,
)
def update_charts(_due, shown, ids, lang, following):
    """The two charts, once their place has come near the screen."""
    outcome, start = _outcome(shown, ids, following)
    compare = outcome.prepayment.original if outcome.prepayment else None
    balance, parts = figures(outcome.schedule, compare, start, lang)
    return view.graph("repayment-balance-chart", balance), view.graph("repayment-parts-chart", parts)


@callback(
    Output("repayment-download", "data"),
    Input("repayment-csv", "n_clicks"),
    Input("repayment-xlsx", "n_clicks"),
    State(ALL_FIELDS, "value"),
    *FORM_STATE,
    prevent_initial_call=True,
)
def download(_csv, _xlsx, shown, ids, lang, following):
    """The schedule shown, as CSV or as an Excel workbook (exports/schedule.py)."""
    outcome, start = _outcome(shown, ids, following)
    kind = "xlsx" if dash.ctx.triggered_id == "repayment-xlsx" else "csv"
    return schedule_export.download(outcome.schedule, start, normalize_lang(lang), kind)


@callback(
    Output(field_id(FORM, "annual_rate"), "value"),
    Output("repayment-auto-rate", "data"),
    Input(field_id(FORM, "months"), "value"),
    Input(field_id(FORM, "home_number"), "value"),
    Input(field_id(FORM, "start_month"), "value"),
    State(field_id(FORM, "annual_rate"), "value"),
    State("repayment-auto-rate", "data"),
    prevent_initial_call=True,
)
def follow_policy_rate(months, home, start_month, rate, last_auto):
    """While the rate field holds the policy rate (or nothing), it follows the term, the home and
    the start: 2.10 % up to 5 years, 2.60 % over. A rate the user typed is left alone."""
    new = edits.followed_rate(months, home, start_month, rate, last_auto)
    if new is None:
        return dash.no_update, dash.no_update
    return new, new


@callback(
    Output(field_id(FORM, "principal"), "value"),
    Output(field_id(FORM, "commercial_principal"), "value"),
    Output("repayment-combo-details", "open"),
    Output(field_id(FORM, "loan_type"), "value"),
    Input(field_id(FORM, "house_price"), "value"),
    Input(field_id(FORM, "down_payment_percent"), "value"),
    Input(field_id(FORM, "home_number"), "value"),
    prevent_initial_call=True,
)
def loan_from_price(price, down, home):
    """Starting from the house price: loan = price x (1 - down payment), in 万元 like the fields.
    Up to the HPF ceiling it is the HPF loan; the rest becomes the commercial part of a
    combination loan (and that section opens, the loan type says so). A down payment below the
    minimum changes nothing: its field says why."""
    loan = edits.loan_from_price(price, down, home)
    if loan is None:
        raise PreventUpdate
    hpf, rest = loan
    return hpf, rest, True if rest else dash.no_update, "combination" if rest else "hpf"


@callback(
    Output("repayment-prepay-by-period", "className"),
    Output("repayment-prepay-by-month", "className"),
    Input(field_id(FORM, "prepayment_by"), "value"),
    prevent_initial_call=True,
)
def show_prepay_by(by):
    """By payment number or by month: only the chosen field is shown (the other keeps its text)."""
    values = {"prepayment_by": by}
    return tuple(repayment_form.prepay_by_class(values, b) for b in repayment_form.PREPAY_WHEN)


register_share_callbacks(FORM)
__all__ = ["layout", "repayment_compare"]  # repayment_compare: the scenario buttons' callbacks
