"""还款计算器: both methods side by side, combination loans, prepayment modes, schedule, CSV."""
from __future__ import annotations

import datetime as dt
from decimal import InvalidOperation

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, dcc, html

from calculators.errors import FieldError, ValidationError
from calculators.fields import is_blank
from calculators.loan_request import default_rate, parse_repayment, run_repayment
from calculators.money import to_decimal
from calculators.policy import default_policy
from calculators.repayment import EQUAL_INSTALLMENT, EQUAL_PRINCIPAL, PREPAYMENT_MODES, prepay, schedule
from components.badges import parameter_source, source_line
from components.forms import Field, collect, field_id, messages, render, summary
from components.numbers import big_yuan, percent, yuan
from components.results import (error_alert, inputs_table, register_share_callbacks, report_header,
                                share_bar, url_sync)
from components.schedule import csv_text, figures, month_of, table
from components.titles import page_title
from components.applicant_form import query_string
from i18n import normalize_lang, t

dash.register_page(__name__, path="/calculators/repayment", title=page_title("nav.repayment"),
                   name="repayment", nav="calculators", nav_key="nav.repayment", order=3)
FORM = "repayment"
METHODS = (EQUAL_INSTALLMENT, EQUAL_PRINCIPAL)


def _fields(today: dt.date) -> list[Field]:
    lpr = default_policy().lpr_on(today)
    next_month = (today.replace(day=1) + dt.timedelta(days=32)).strftime("%Y-%m")
    return [
        Field("principal", "number", "60", unit="wan"),
        Field("months", "select", "360", options=tuple((str(y * 12), None) for y in range(30, 0, -1))),
        Field("home_number", "radio", "1", options=(("1", "home_number.first"),
                                                    ("2", "home_number.second"))),
        Field("annual_rate", "number", None, unit="percent", help=True),
        Field("method", "radio", EQUAL_INSTALLMENT, options=tuple((m, f"method.{m}") for m in METHODS)),
        Field("start_month", "month", next_month, help=True),
        Field("commercial_principal", "number", None, unit="wan", help=True),
        Field("commercial_rate", "number", str(lpr), unit="percent", help=True),
        Field("prepayment_month", "number", None, unit="period", inputmode="numeric", help=True),
        Field("prepayment_amount", "number", None, unit="wan"),
        Field("prepayment_mode", "radio", "shorten_term",
              options=tuple((m, f"mode.{m}") for m in PREPAYMENT_MODES)),
    ]


def _months_options(spec: Field, lang: str, current):
    options = [{"label": t(lang, "repayment.years_option", years=int(v) // 12, months=v), "value": v}
               for v, _ in spec.options]
    if current and str(current) not in [o["value"] for o in options]:
        options.insert(0, {"label": t(lang, "repayment.months_option", months=current), "value": str(current)})
    return options


def _auto_rate(months, home) -> str | None:
    """The HPF rate in force today for this term and home, as the rate field shows it."""
    try:
        m, h = int(str(months)), int(str(home or 1))
    except ValueError:
        return None
    if not 1 <= m <= 360 or h not in (1, 2):
        return None
    return _plain_rate(default_rate(default_policy().on(dt.date.today()), h, m)[1])


def _plain_rate(rate) -> str:
    text = f"{rate:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def layout(lang=None, **query):
    lang = normalize_lang(lang)
    specs = {f.name: f for f in _fields(dt.date.today())}
    auto = _auto_rate(query.get("months") or specs["months"].default,
                      query.get("home_number") or specs["home_number"].default)
    if is_blank(query.get("annual_rate")):
        query = {**query, "annual_rate": auto}

    def field(name):
        component = render(FORM, specs[name], lang, query.get(name))
        if name == "months":  # years in the list, months in the URL
            select = component.children[1]
            select.options = _months_options(specs[name], lang, query.get("months"))
        return component

    has_combo = bool(query.get("commercial_principal"))
    has_prepay = bool(query.get("prepayment_month"))
    form = html.Form([
        field("principal"), field("months"), field("home_number"), field("annual_rate"),
        _rate_hint(lang), field("method"),
        field("start_month"),
        html.Details([html.Summary(t(lang, "repayment.combination")),
                      html.P(t(lang, "repayment.combination_help"), className="small text-body-secondary"),
                      field("commercial_principal"), field("commercial_rate"), _lpr_hint(lang)],
                     open=has_combo, className="mb-2"),
        html.Details([html.Summary(t(lang, "repayment.prepayment")),
                      html.P(t(lang, "repayment.prepayment_help"), className="small text-body-secondary"),
                      field("prepayment_month"), field("prepayment_amount"), field("prepayment_mode")],
                     open=has_prepay, className="mb-2"),
    ], id="repayment-form", className="applicant-form", noValidate=True)
    return html.Div([
        dcc.Store(id="repayment-lang", data=lang), url_sync(FORM), dcc.Download(id="repayment-download"),
        dcc.Store(id="repayment-auto-rate", data=auto),
        report_header("nav.repayment", lang),
        html.H1(t(lang, "nav.repayment"), className="h3"),
        html.P(t(lang, "repayment.lead"), className="text-body-secondary d-print-none"),
        dbc.Row([
            dbc.Col(dbc.Card(dbc.CardBody(form)), lg=4, className="mb-3 d-print-none"),
            dbc.Col([
                share_bar(FORM, lang),
                dcc.Loading(html.Div(id="repayment-summary"), type="dot", delay_show=400),
                html.Div([
                    dbc.Row([dbc.Col(dcc.Graph(id="repayment-balance-chart", config={"displayModeBar": False,
                                                                                  "responsive": True},
                                               style={"height": "320px"}), md=6),
                             dbc.Col(dcc.Graph(id="repayment-parts-chart", config={"displayModeBar": False,
                                                                                "responsive": True},
                                               style={"height": "320px"}), md=6)]),
                ], id="repayment-charts", className="d-print-none"),
                html.Div([
                    html.H2(t(lang, "repayment.schedule"), className="h5 me-auto mb-0"),
                    dbc.RadioItems(id="repayment-view", value="yearly", inline=True,
                                   className="btn-group btn-group-sm me-2", inputClassName="btn-check",
                                   labelClassName="btn btn-outline-primary",
                                   labelCheckedClassName="active",
                                   options=[{"label": t(lang, "repayment.view_yearly"), "value": "yearly"},
                                            {"label": t(lang, "repayment.view_monthly"), "value": "monthly"}]),
                    dbc.Button([html.I(className="bi bi-download me-1"), t(lang, "repayment.csv")],
                               id="repayment-csv", size="sm", color="secondary", n_clicks=0,
                               className="d-print-none"),
                ], className="d-flex flex-wrap align-items-center gap-2 mt-3 mb-2"),
                html.Div(id="repayment-schedule-caption", className="small text-body-secondary mb-1"),
                html.Div(id="repayment-schedule", className="table-responsive schedule-wrap"),
            ], lg=8),
        ]),
    ])


def _rate_hint(lang):
    v = default_policy().on(dt.date.today())
    return html.Div([t(lang, "repayment.rate_hint", since=v["rate_first_home_long"].since.isoformat(),
                       short=f"{v.value('rate_first_home_short'):.2f}%",
                       long=f"{v.value('rate_first_home_long'):.2f}%",
                       second_short=percent(v.value("rate_second_home_short"), 3),
                       second_long=percent(v.value("rate_second_home_long"), 3)),
                     parameter_source(v["rate_first_home_long"], lang, short=True)],
                    className="small text-body-secondary mb-3 mt-n2", id="repayment-rate-hint")


def _lpr_hint(lang):
    policy = default_policy()
    return html.Div([t(lang, "repayment.lpr_hint"),
                     source_line(policy.sources["lpr_notices"], "secondary", lang, note=policy.lpr_note,
                                 short=True)],
                    className="small text-body-secondary mb-3 mt-n2")


def _start(values) -> tuple[dt.date | None, list[FieldError]]:
    raw = values.get("start_month")
    if not raw:
        return None, []
    try:
        return dt.datetime.strptime(str(raw).strip()[:7], "%Y-%m").date(), []
    except ValueError:
        return None, [FieldError("start_month", "month")]


def _summary_table(request, lang):
    """Equal installment and equal principal side by side for the same loan."""
    both = {}
    for m in METHODS:
        parts = [schedule(request.principal, request.annual_rate, request.months, m)]
        if request.commercial_principal:
            parts.append(schedule(request.commercial_principal, request.commercial_rate, request.months, m))
        both[m] = parts
    rows = [("repayment.first_payment", lambda s: sum(p.first_payment for p in s)),
            ("repayment.last_payment", lambda s: sum(p.last_payment for p in s)),
            ("repayment.total_interest", lambda s: sum(p.total_interest for p in s)),
            ("repayment.total_payment", lambda s: sum(p.total_payment for p in s))]
    return html.Table([
        html.Thead(html.Tr([html.Th("")] + [html.Th(t(lang, f"method.{m}"), className="text-end",
                                                    **{"data-method": m}) for m in METHODS])),
        html.Tbody([html.Tr([html.Th(t(lang, key), scope="row")] +
                            [html.Td(yuan(fn(both[m]), lang), className="text-end",
                                     **{"data-method": m, "data-row": key.split(".")[1]}) for m in METHODS])
                    for key, fn in rows]),
    ], className="table table-sm compare-table", id="repayment-compare")


def _other_mode(original, req, mode):
    """The same prepayment in another mode, or None when it cannot be compared (pay_off chosen and
    no amount typed, or an amount that would settle the whole balance)."""
    if mode != "pay_off" and req.prepayment_amount is None:
        return None
    try:
        return prepay(original, req.annual_rate, req.prepayment_month, req.prepayment_amount, mode)
    except ValidationError:
        return None


def _prepay_table(outcome, start, lang):
    req = outcome.request
    original = outcome.prepayment.original
    results = {m: outcome.prepayment if m == outcome.prepayment.mode else _other_mode(original, req, m)
               for m in PREPAYMENT_MODES}

    def last(p):
        period = p.schedule.last_period
        return f"{month_of(start, period)} ({t(lang, 'repayment.period_n', n=period)})" if start else \
            t(lang, "repayment.period_n", n=period)

    rows = [("repayment.interest_saved", lambda p: yuan(p.interest_saved, lang)),
            ("repayment.prepaid", lambda p: yuan(p.amount, lang)),
            ("repayment.new_last", last),
            ("repayment.months_saved", lambda p: t(lang, "repayment.n_months", n=p.months_saved)),
            ("repayment.next_payment", lambda p: yuan(p.next_payment, lang) if p.next_payment is not None
             else t(lang, "repayment.nothing_left"))]
    return html.Div([
        html.H2(t(lang, "repayment.prepay_heading", n=req.prepayment_month,
                  month=month_of(start, req.prepayment_month) or "-"), className="h5 mt-3"),
        html.Div(html.Table([
            html.Thead(html.Tr([html.Th("")] + [html.Th(t(lang, f"mode.{m}"), className="text-end")
                                                for m in PREPAYMENT_MODES])),
            html.Tbody([html.Tr([html.Th(t(lang, key), scope="row")] +
                                [html.Td(fn(results[m]) if results[m] else "—", className="text-end",
                                         **{"data-mode": m, "data-row": key.split(".")[1]})
                                 for m in PREPAYMENT_MODES]) for key, fn in rows]),
        ], className="table table-sm compare-table", id="repayment-prepay"), className="table-responsive"),
        html.P(t(lang, "repayment.prepay_no_compare"), className="small text-body-secondary",
               id="repayment-prepay-no-compare") if not all(results.values()) else None,
        html.P(t(lang, "repayment.original_line", interest=yuan(original.total_interest, lang),
                 last=month_of(start, original.last_period) or original.last_period),
               className="small text-body-secondary"),
    ])


def _summary(outcome, start, values, lang):
    req = outcome.request
    s = outcome.schedule
    headline = t(lang, "repayment.headline", payment=yuan(s.first_payment, lang),
                 method=t(lang, f"method.{req.method}"))
    if req.method == EQUAL_PRINCIPAL:
        headline += t(lang, "repayment.decreasing", last=yuan(s.last_payment, lang))
    combo = None
    if outcome.hpf is not None:
        combo = html.P(t(lang, "repayment.combo_line",
                         hpf=big_yuan(req.principal, lang), hpf_rate=percent(req.annual_rate, 3),
                         hpf_payment=yuan(outcome.hpf.first_payment, lang),
                         com=big_yuan(req.commercial_principal, lang), com_rate=percent(req.commercial_rate, 3),
                         com_payment=yuan(outcome.commercial.first_payment, lang)), id="repayment-combo")
    inputs = [(t(lang, "field.principal"), big_yuan(req.principal, lang)),
              (t(lang, "field.home_number"), t(lang, "home_number." + ("first" if req.home_number == 1
                                                                      else "second"))),
              (t(lang, "field.annual_rate"), percent(req.annual_rate, 3)),
              (t(lang, "field.months"), str(req.months)), (t(lang, "field.method"), t(lang, f"method.{req.method}"))]
    if req.commercial_principal:
        inputs += [(t(lang, "field.commercial_principal"), big_yuan(req.commercial_principal, lang)),
                   (t(lang, "field.commercial_rate"), percent(req.commercial_rate, 3))]
    return html.Div([
        inputs_table(inputs, lang),
        dbc.Card(dbc.CardBody([
            html.Div(t(lang, "repayment.monthly_label"), className="text-body-secondary"),
            html.Div(yuan(s.first_payment, lang), className="result-amount", id="repayment-payment"),
            html.P(headline, className="mb-1"),
            combo,
            html.P(t(lang, "repayment.totals", interest=yuan(s.total_interest, lang),
                     total=yuan(s.total_payment, lang)), className="mb-0", id="repayment-totals"),
        ]), className="mb-3 result-card shadow-sm"),
        html.H2(t(lang, "repayment.compare_heading"), className="h5"),
        html.Div(_summary_table(req, lang), className="table-responsive"),
        _prepay_table(outcome, start, lang) if outcome.prepayment else None,
    ])


def _compute(values):
    """Parse and run; returns (outcome, start) or raises ValidationError with every bad field."""
    start, errors = _start(values)
    try:
        request = parse_repayment(values)
    except ValidationError as exc:
        raise ValidationError(list(exc.errors) + errors) from None
    if errors:
        raise ValidationError(errors)
    return run_repayment(request), start


def _form_name(field: str) -> str:
    return field.replace("prepayment.", "prepayment_")


@callback(
    Output({"type": "feedback", "form": FORM, "name": ALL}, "children"),
    Output("repayment-summary", "children"),
    Output("repayment-balance-chart", "figure"),
    Output("repayment-parts-chart", "figure"),
    Output("repayment-schedule", "children"),
    Output("repayment-schedule-caption", "children"),
    Output("repayment-charts", "hidden"),
    Output("repayment-query", "data"),
    Input({"type": "field", "form": FORM, "name": ALL}, "value"),
    Input("repayment-view", "value"),
    State({"type": "field", "form": FORM, "name": ALL}, "id"),
    State("repayment-lang", "data"),
)
def update(shown, view, ids, lang):
    names = [i["name"] for i in ids]
    specs = _fields(dt.date.today())
    values = collect(specs, names, shown)
    query = query_string(values, lang)
    try:
        outcome, start = _compute(values)
    except ValidationError as exc:
        errors = [FieldError(_form_name(e.field), e.code, e.params) for e in exc.errors]
        texts = messages(specs, names, errors, lang)
        empty = {"layout": {"height": 40}}
        return (texts, error_alert(lang, summary(specs, names, errors, lang)), empty, empty, None, "",
                True, query)
    compare = outcome.prepayment.original if outcome.prepayment else None
    balance, parts = figures(outcome.schedule, compare, start, lang)
    caption = t(lang, "repayment.schedule_caption", method=t(lang, f"method.{outcome.request.method}"))
    if outcome.prepayment:
        caption += t(lang, "repayment.schedule_caption_prepay", mode=t(lang, f"mode.{outcome.prepayment.mode}"))
    return ([""] * len(names), _summary(outcome, start, values, lang), balance, parts,
            table(outcome.schedule, view, start, lang), caption, False, query)


@callback(
    Output("repayment-download", "data"),
    Input("repayment-csv", "n_clicks"),
    State({"type": "field", "form": FORM, "name": ALL}, "value"),
    State({"type": "field", "form": FORM, "name": ALL}, "id"),
    State("repayment-lang", "data"),
    prevent_initial_call=True,
)
def download(_clicks, shown, ids, lang):
    values = collect(_fields(dt.date.today()), [i["name"] for i in ids], shown)
    try:
        outcome, start = _compute(values)
    except ValidationError:
        return dash.no_update
    name = "还款计划.csv" if lang == "zh" else "repayment-schedule.csv"
    return dict(content=csv_text(outcome.schedule, start, lang), filename=name, type="text/csv")


@callback(
    Output(field_id(FORM, "annual_rate"), "value"),
    Output("repayment-auto-rate", "data"),
    Input(field_id(FORM, "months"), "value"),
    Input(field_id(FORM, "home_number"), "value"),
    State(field_id(FORM, "annual_rate"), "value"),
    State("repayment-auto-rate", "data"),
    prevent_initial_call=True,
)
def follow_policy_rate(months, home, rate, last_auto):
    """While the rate field holds the policy rate (or nothing), it follows the term and the home:
    2.10 % up to 5 years, 2.60 % over. A rate the user typed is left alone."""
    new = _auto_rate(months, home)
    if new is None:
        return dash.no_update, dash.no_update
    untouched = is_blank(rate)
    if not untouched and last_auto is not None:
        try:
            untouched = to_decimal(str(rate).replace("%", "")) == to_decimal(last_auto)
        except InvalidOperation:  # junk typed by the user: theirs to fix, not ours to overwrite
            untouched = False
    if not untouched:
        return dash.no_update, dash.no_update
    return new, new


register_share_callbacks(FORM)
