"""还款计算器: both methods side by side, combination loans, prepayment modes, schedule, CSV.

The answer comes first: the layout itself renders the result for the query string (no callback
round trip before the first number), a compact result bar stays in view on phones, and the charts
and schedule fill in after. A field that is cleared or wrong keeps the last good result, dimmed.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, dcc, html
from dash.exceptions import PreventUpdate

from calculators.errors import FieldError, ValidationError
from calculators.fields import bounded_decimal, is_blank
from calculators.loan_request import (default_rate, loan_start, min_down_payment, parse_repayment,
                                      run_repayment)
from calculators.money import WAN, ZERO, fen, to_decimal
from calculators.policy import default_policy
from calculators.repayment import EQUAL_INSTALLMENT, EQUAL_PRINCIPAL, PREPAYMENT_MODES, prepay, schedule
from components.applicant_form import query_string
from components.badges import parameter_source, source_line
from calculators.registry import Loan, Prepayment
from components.forms import Field, collect, echoes, field_id, fields_of, messages, render, section_summary, summary
from components.numbers import big_yuan, percent, yuan
from components.results import (error_alert, inputs_table, register_share_callbacks, report_header,
                                result_bar, share_bar, url_sync)
from components.schedule import csv_text, figures, month_of, table
from components.titles import page_title
from i18n import normalize_lang, t

dash.register_page(__name__, path="/calculators/repayment", title=page_title("nav.repayment"),
                   name="repayment", nav="calculators", nav_key="nav.repayment", order=3)
FORM = "repayment"
METHODS = (EQUAL_INSTALLMENT, EQUAL_PRINCIPAL)


def _fields(today: dt.date) -> list[Field]:
    """The form: the loan's fields from the registry, then the prepayment's (spelled flat)."""
    next_month = (today.replace(day=1) + dt.timedelta(days=32)).strftime("%Y-%m")
    loan = [n for n in Loan.model_fields if n not in ("date", "prepayment")]
    return fields_of(Loan, loan, defaults={"start_month": next_month, "commercial_bps": ""}) + fields_of(Prepayment, prefix="prepayment_")


def _months_options(spec: Field, lang: str, current):
    options = [{"label": t(lang, key) if key else
                t(lang, "repayment.years_option", years=int(v) // 12, months=v), "value": v}
               for v, key in spec.options]
    values = [o["value"] for o in options]
    if current and str(current) not in values and str(current).isdigit() and len(str(current)) <= 3:
        options.insert(0, {"label": t(lang, "repayment.months_option", months=current), "value": str(current)})
    return options


def _auto_rate(months, home, start_month=None) -> str | None:
    """The HPF rate in force when the loan starts for this term and home, as the field shows it."""
    try:
        m, h = int(str(months)), int(str(home or 1))
    except ValueError:
        return None
    if not 1 <= m <= 360 or h not in (1, 2):
        return None
    try:
        version = default_policy().on(loan_start(start_month) or dt.date.today())
    except ValidationError:  # before the first policy the site knows: the form says so
        return None
    return _plain(default_rate(version, h, m)[1])


def _same_number(a, b) -> bool:
    try:
        return to_decimal(str(a).replace("%", "")) == to_decimal(str(b))
    except InvalidOperation:
        return False


def _plain(number) -> str:
    text = f"{Decimal(number):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def layout(lang=None, **query):
    lang = normalize_lang(lang)
    specs = _fields(dt.date.today())
    by_name = {f.name: f for f in specs}
    query = {k: v for k, v in query.items() if isinstance(v, str)}
    auto = _auto_rate(query.get("months") or by_name["months"].default,
                      query.get("home_number") or by_name["home_number"].default, query.get("start_month"))
    if is_blank(query.get("annual_rate")):
        query = {**query, "annual_rate": auto}
    if is_blank(query.get("principal")) and not is_blank(query.get("house_price")):
        try:  # a link that starts from the price: the loan fields show what the price gives
            hpf, rest, _ = loan_from_price(f"{bounded_decimal(query['house_price']) / WAN:f}",
                                           query.get("down_payment_percent"), query.get("home_number"))
            query = {**query, "principal": f"{to_decimal(hpf) * WAN:f}"}
            if rest and is_blank(query.get("commercial_principal")):
                query["commercial_principal"] = f"{to_decimal(rest) * WAN:f}"
        except (PreventUpdate, ArithmeticError, ValueError):  # the field shows the price's own error
            pass

    def field(name):
        component = render(FORM, by_name[name], lang, query.get(name))
        if name in ("months", "commercial_months"):  # years in the list, months in the URL
            select = component.children[1]
            select.options = _months_options(by_name[name], lang, query.get(name))
        return component

    # The first answer is part of the page itself: no callback round trip before the number.
    shown = [field_value(by_name[n], query.get(n)) for n in by_name]
    first = _respond(list(by_name), shown, lang)

    has_combo = bool(query.get("commercial_principal"))
    has_prepay = bool(query.get("prepayment_month"))
    has_price = bool(query.get("house_price"))
    form = html.Form([
        field("principal"), field("months"), field("home_number"), field("annual_rate"),
        _rate_hint(lang), field("method"), field("start_month"),
        html.Details([section_summary(t(lang, "repayment.from_price"), lang),
                      html.P(t(lang, "repayment.from_price_help", **_down_payment_minimums()),
                             className="small text-body-secondary"),
                      field("house_price"), field("down_payment_percent")],
                     open=has_price, className="mb-2"),
        html.Details(id="repayment-combo-details", children=[section_summary(t(lang, "repayment.combination"), lang),
                      html.P(t(lang, "repayment.combination_help"), className="small text-body-secondary"),
                      field("commercial_principal"), field("commercial_months"), field("commercial_bps"),
                      field("commercial_rate"), _lpr_hint(lang)],
                     open=has_combo, className="mb-2"),
        html.Details([section_summary(t(lang, "repayment.prepayment"), lang),
                      html.P(t(lang, "repayment.prepayment_help"), className="small text-body-secondary"),
                      field("prepayment_month"), field("prepayment_amount"), field("prepayment_mode")],
                     open=has_prepay, className="mb-2"),
    ], id="repayment-form", className="applicant-form", noValidate=True)
    # Feedback and echoes as the first answer found them (a bad link shows its messages at once).
    for name, text in zip(by_name, first["feedback"]):
        _set_child(form, {"type": "feedback", "form": FORM, "name": name}, text)
    return html.Div([
        dcc.Store(id="repayment-lang", data=lang), url_sync(FORM, first["query"]),
        dcc.Download(id="repayment-download"), dcc.Store(id="repayment-auto-rate", data=auto),
        report_header("nav.repayment", lang),
        html.H1(t(lang, "nav.repayment"), className="h3"),
        html.P(t(lang, "repayment.lead"), className="text-body-secondary d-print-none page-lead"),
        result_bar(FORM, first["bar"]),
        dbc.Row([
            dbc.Col(dbc.Card(dbc.CardBody(form)), lg=4, className="mb-3 d-print-none"),
            dbc.Col(html.Div([
                share_bar(FORM, lang),
                html.Div(first["summary"], id="repayment-summary"),
                # Charts arrive with their own callback, after the numbers: the page's first render
                # holds no graph, so plotly.js is fetched only once the answer is on screen.
                dbc.Row([dbc.Col(html.Div(className="chart-box", id="repayment-balance-box"), md=6),
                         dbc.Col(html.Div(className="chart-box", id="repayment-parts-box"), md=6)],
                        id="repayment-charts", className="d-print-none chart-pair"),
                html.Div([
                    html.H2(t(lang, "repayment.schedule"), className="h5 me-auto mb-0"),
                    dbc.RadioItems(id="repayment-view", value="yearly", inline=True,
                                   className="btn-group btn-group-sm me-2 d-print-none",
                                   inputClassName="btn-check", labelClassName="btn btn-outline-primary",
                                   labelCheckedClassName="active",
                                   options=[{"label": t(lang, "repayment.view_yearly"), "value": "yearly"},
                                            {"label": t(lang, "repayment.view_monthly"), "value": "monthly"}]),
                    dbc.Button([html.I(className="bi bi-download me-1"), t(lang, "repayment.csv")],
                               id="repayment-csv", size="sm", color="secondary", n_clicks=0,
                               className="d-print-none"),
                ], className="d-flex flex-wrap align-items-center gap-2 mt-3 mb-2"),
                html.Div(id="repayment-schedule-caption", className="small text-body-secondary mb-1"),
                html.Div(id="repayment-schedule", className="table-responsive schedule-wrap"),
            ], id="repayment-results", className=first["results_class"]), lg=8),
        ]),
    ])


def field_value(spec: Field, raw):
    """What a field shows for a query value (the same conversion the form's render uses)."""
    from components.forms import to_display
    return to_display(spec, raw)


def _set_child(tree, cid, text):
    """Fill the children of the component with id ``cid`` inside a layout tree."""
    if getattr(tree, "id", None) == cid:
        tree.children = text
        return True
    children = getattr(tree, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if hasattr(child, "children") and _set_child(child, cid, text):
            return True
    return False


def _graph(gid, figure):
    return dcc.Graph(id=gid, figure=figure, config={"displayModeBar": False, "responsive": True},
                     style={"height": "320px"})


def _down_payment_minimums() -> dict:
    v = default_policy().on(dt.date.today())
    return {"first": f"{min_down_payment(v, 1):.0f}%", "second": f"{min_down_payment(v, 2):.0f}%"}


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
    entry = policy.lpr_entry(dt.date.today())
    return html.Div([t(lang, "repayment.lpr_hint", rate=percent(entry.value), since=entry.effective.isoformat()),
                     source_line(policy.sources["lpr_notices"], "secondary", lang, note=policy.lpr_note,
                                 short=True)],
                    className="small text-body-secondary mb-3 mt-n2")


def _first_payment_month(values) -> dt.date | None:
    """The first payment month, to label each period with its month (parse_repayment checks it)."""
    start = loan_start(values.get("start_month"))
    return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) if start else None


def _compute(values):
    """Parse and run; returns (outcome, first payment month) or raises ValidationError."""
    data = dict(values)
    auto = _auto_rate(values.get("months"), values.get("home_number"), values.get("start_month"))
    if auto is not None and _same_number(values.get("annual_rate"), auto):
        data["annual_rate"] = None  # the field shows the policy rate: say so in the result
    return run_repayment(parse_repayment(data)), _first_payment_month(values)


# --- result pieces ------------------------------------------------------------------------------

def _method_parts(request, method):
    parts = [schedule(request.principal, request.annual_rate, request.months, method)]
    if request.commercial_principal:
        parts.append(schedule(request.commercial_principal, request.commercial_rate,
                              request.commercial_months, method))
    return parts


def _summary_table(request, lang):
    """Equal installment and equal principal side by side for the same loan."""
    both = {m: _method_parts(request, m) for m in METHODS}
    rows = [("repayment.first_payment", lambda s: sum(p.first_payment for p in s)),
            ("repayment.last_payment", lambda s: sum(p.last_payment for p in s)),
            ("repayment.total_interest", lambda s: sum(p.total_interest for p in s)),
            ("repayment.total_payment", lambda s: sum(p.total_payment for p in s))]
    return html.Table([
        html.Thead(html.Tr([html.Td(html.Span(t(lang, "repayment.item"), className="visually-hidden"))] +
                           [html.Th(t(lang, f"method.{m}"), className="text-end", scope="col",
                                    **{"data-method": m}) for m in METHODS])),
        html.Tbody([html.Tr([html.Th(t(lang, key), scope="row")] +
                            [html.Td(yuan(fn(both[m]), lang), className="text-end num",
                                     **{"data-method": m, "data-row": key.split(".")[1],
                                        "data-label": t(lang, f"method.{m}")}) for m in METHODS])
                    for key, fn in rows]),
    ], className="table table-sm compare-table stack-sm", id="repayment-compare")


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
    # Rows are modes, columns the figures: on a phone each mode becomes a card (CSS .stack-sm).
    return html.Div([
        html.H2(t(lang, "repayment.prepay_heading", n=req.prepayment_month,
                  month=month_of(start, req.prepayment_month) or "-"), className="h5 mt-3"),
        html.Div(html.Table([
            html.Thead(html.Tr([html.Th(t(lang, "repayment.mode"), scope="col")] +
                               [html.Th(t(lang, key), className="text-end", scope="col") for key, _ in rows])),
            html.Tbody([html.Tr([html.Th(t(lang, f"mode.{m}"), scope="row",
                                         className="chosen" if m == outcome.prepayment.mode else "")] +
                                [html.Td(fn(results[m]) if results[m] else "—", className="text-end num",
                                         **{"data-mode": m, "data-row": key.split(".")[1],
                                            "data-label": t(lang, key)})
                                 for key, fn in rows], **{"data-mode": m}) for m in PREPAYMENT_MODES]),
        ], className="table table-sm compare-table stack-sm", id="repayment-prepay"), className="table-responsive"),
        html.P(t(lang, "repayment.prepay_no_compare"), className="small text-body-secondary",
               id="repayment-prepay-no-compare") if not all(results.values()) else None,
        html.P(t(lang, "repayment.original_line", interest=yuan(original.total_interest, lang),
                 last=month_of(start, original.last_period) or original.last_period),
               className="small text-body-secondary"),
    ])


def _breakdown(s, lang):
    """Principal against interest as one bar: what the loan costs at a glance (no chart library)."""
    principal = s.total_payment - s.total_interest
    total = s.total_payment or Decimal(1)
    share = int((s.total_interest / total * 100).quantize(Decimal(1))) if total else 0
    return html.Div([
        html.Div([html.Div(className="part principal", style={"width": f"{100 - share}%"}),
                  html.Div(className="part interest", style={"width": f"{share}%"})],
                 className="breakdown-bar", **{"aria-hidden": "true"}),
        html.Div([html.Span([html.Span(className="swatch principal"),
                             t(lang, "repayment.part_principal", amount=yuan(principal, lang), share=100 - share)]),
                  html.Span([html.Span(className="swatch interest"),
                             t(lang, "repayment.part_interest", amount=yuan(s.total_interest, lang), share=share)])],
                 className="breakdown-legend small"),
    ], id="repayment-breakdown", className="breakdown mt-2")


def _headline(outcome, lang):
    req, s = outcome.request, outcome.schedule
    headline = t(lang, "repayment.headline", payment=yuan(s.first_payment, lang),
                 method=t(lang, f"method.{req.method}"))
    if req.method == EQUAL_PRINCIPAL and len(s.rows) > 1:
        # Each month the principal part is the same and the interest on it falls by
        # (principal / months) x monthly rate, for each part of a combination loan.
        parts = [(req.principal, req.annual_rate, req.months)]
        if req.commercial_principal:
            parts.append((req.commercial_principal, req.commercial_rate, req.commercial_months))
        step = fen(sum((p / n * r / 1200 for p, r, n in parts), ZERO))
        headline += t(lang, "repayment.decreasing", step=yuan(step, lang), last=yuan(s.last_payment, lang))
    return headline


def _rate_line(req, lang):
    rate = percent(req.annual_rate, 3)
    if req.rate_from_policy:
        return t(lang, "repayment.rate_policy", rate=rate,
                 which=t(lang, f"param.{req.rate_parameter}"))
    return t(lang, "repayment.rate_given", rate=rate)


def _summary(outcome, start, lang):
    req = outcome.request
    s = outcome.schedule
    combo = None
    if outcome.hpf is not None:
        com_rate = percent(req.commercial_rate, 3)
        if req.reference_rate is not None:
            com_rate = t(lang, "repayment.lpr_plus", rate=com_rate, lpr=percent(req.reference_rate, 2),
                         sign="−" if req.commercial_bps < 0 else "+", bps=abs(req.commercial_bps),
                         kind=t(lang, f"repayment.reference_{req.commercial_rate_kind}"))
        combo = html.P(t(lang, "repayment.combo_line",
                         hpf=big_yuan(req.principal, lang), hpf_rate=percent(req.annual_rate, 3),
                         hpf_payment=yuan(outcome.hpf.first_payment, lang),
                         com=big_yuan(req.commercial_principal, lang), com_rate=com_rate,
                         com_years=_term_text(req.commercial_months, lang),
                         com_payment=yuan(outcome.commercial.first_payment, lang)), id="repayment-combo")
    price = None
    if req.house_price is not None:
        price = html.P(t(lang, "repayment.price_line", price=big_yuan(req.house_price, lang),
                         down=percent(req.down_payment_percent, 2),
                         down_amount=big_yuan(req.house_price * req.down_payment_percent / 100, lang),
                         min=percent(req.min_down_payment_percent, 0)), className="small mb-1",
                       id="repayment-price-line")
    over = None
    if req.hpf_ceiling is not None and req.principal > req.hpf_ceiling:
        over = html.P([html.I(className="bi bi-exclamation-triangle me-1", **{"aria-hidden": "true"}),
                       t(lang, "repayment.over_ceiling", ceiling=big_yuan(req.hpf_ceiling, lang))],
                      className="small text-warning-emphasis mb-1", id="repayment-over-ceiling")
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
        html.Div(dbc.Card(dbc.CardBody([
            html.Div(t(lang, "repayment.monthly_label"), className="text-body-secondary"),
            html.Div(yuan(s.first_payment, lang), className="result-amount", id="repayment-payment"),
            html.P(_headline(outcome, lang), className="mb-1", id="repayment-headline"),
            html.P(_rate_line(req, lang), className="small text-body-secondary mb-1", id="repayment-rate-line"),
            over,
            price,
            combo,
            html.P(t(lang, "repayment.totals", interest=yuan(s.total_interest, lang),
                     total=yuan(s.total_payment, lang)), className="mb-0", id="repayment-totals"),
            _breakdown(s, lang),
        ]), className="mb-3 result-card shadow-sm"), role="status", **{"aria-live": "polite"}),
        html.H2(t(lang, "repayment.compare_heading"), className="h5"),
        html.Div(_summary_table(req, lang), className="table-responsive"),
        _prepay_table(outcome, start, lang) if outcome.prepayment else None,
    ])


def _term_text(months: int, lang: str) -> str:
    if months % 12 == 0:
        return t(lang, "repayment.n_years", n=months // 12)
    return t(lang, "repayment.n_months", n=months)


def _bar(outcome, lang):
    """The compact headline that stays in view on a phone."""
    req, s = outcome.request, outcome.schedule
    return [html.Span(t(lang, "repayment.monthly_label"), className="label"),
            html.Strong(yuan(s.first_payment, lang), id="repayment-bar-payment", className="value"),
            html.Span(" · ".join([t(lang, f"method.{req.method}"), _term_text(req.months, lang),
                                  t(lang, "repayment.bar_interest", interest=yuan(s.total_interest, lang))]),
                      className="detail")]


def _stale_bar(lang, stale=True):
    return [html.Span(t(lang, "result.stale" if stale else "result.fix_bar"), className="label")]


def _respond(names, shown, lang, stale_ok=False):
    """Everything the inputs decide, as a dict; ``stale_ok``: on bad input keep the last result."""
    specs = _fields(dt.date.today())
    values = collect(specs, names, shown)
    out = {"query": query_string(values, lang), "echo": echoes(specs, names, shown, lang)}
    try:
        outcome, start = _compute(values)
    except ValidationError as exc:
        errors = [FieldError(_form_name(e.field), e.code, e.params) for e in exc.errors]
        out["feedback"] = messages(specs, names, errors, lang)
        if stale_ok:
            out.update(summary=dash.no_update, bar=_stale_bar(lang), results_class="results stale")
        else:
            out.update(summary=error_alert(lang, summary(specs, names, errors, lang)),
                       bar=_stale_bar(lang, stale=False), results_class="results")
        out["outcome"] = None
        return out
    out.update(feedback=[""] * len(names), summary=_summary(outcome, start, lang), bar=_bar(outcome, lang),
               results_class="results", outcome=outcome, start=start)
    return out


def _form_name(field: str) -> str:
    """The form field an error belongs to (the page's start month carries the loan's date)."""
    return "start_month" if field == "date" else field.replace("prepayment.", "prepayment_")


@callback(
    Output({"type": "feedback", "form": FORM, "name": ALL}, "children"),
    Output({"type": "echo", "form": FORM, "name": ALL}, "children"),
    Output("repayment-summary", "children"),
    Output("repayment-bar", "children"),
    Output("repayment-results", "className"),
    Output("repayment-query", "data"),
    Input({"type": "field", "form": FORM, "name": ALL}, "value"),
    State({"type": "field", "form": FORM, "name": ALL}, "id"),
    State("repayment-lang", "data"),
    prevent_initial_call=True,  # the layout already holds the answer for the link's inputs
)
def update(shown, ids, lang):
    """Numbers first: the summary and the result bar, without waiting for charts."""
    out = _respond([i["name"] for i in ids], shown, lang, stale_ok=True)
    return out["feedback"], out["echo"], out["summary"], out["bar"], out["results_class"], out["query"]


@callback(
    Output("repayment-balance-box", "children"),
    Output("repayment-parts-box", "children"),
    Output("repayment-schedule", "children"),
    Output("repayment-schedule-caption", "children"),
    Input({"type": "field", "form": FORM, "name": ALL}, "value"),
    Input("repayment-view", "value"),
    State({"type": "field", "form": FORM, "name": ALL}, "id"),
    State("repayment-lang", "data"),
)
def update_details(shown, view, ids, lang):
    """Charts and the schedule, after the numbers; bad input keeps the last ones (dimmed)."""
    values = collect(_fields(dt.date.today()), [i["name"] for i in ids], shown)
    try:
        outcome, start = _compute(values)
    except ValidationError:
        raise PreventUpdate from None
    compare = outcome.prepayment.original if outcome.prepayment else None
    balance, parts = figures(outcome.schedule, compare, start, lang)
    caption = t(lang, "repayment.schedule_caption", method=t(lang, f"method.{outcome.request.method}"))
    if outcome.prepayment:
        caption += t(lang, "repayment.schedule_caption_prepay", mode=t(lang, f"mode.{outcome.prepayment.mode}"))
    return (_graph("repayment-balance-chart", balance), _graph("repayment-parts-chart", parts),
            table(outcome.schedule, view, start, lang), caption)


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
    name = t(lang, "format.file_repayment")
    return dict(content=csv_text(outcome.schedule, start, lang), filename=name, type="text/csv")


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
    new = _auto_rate(months, home, start_month)
    if new is None:
        return dash.no_update, dash.no_update
    # Junk typed by the user is theirs to fix, not ours to overwrite.
    untouched = is_blank(rate) or (last_auto is not None and _same_number(rate, last_auto))
    if not untouched:
        return dash.no_update, dash.no_update
    return new, new


@callback(
    Output(field_id(FORM, "principal"), "value"),
    Output(field_id(FORM, "commercial_principal"), "value"),
    Output("repayment-combo-details", "open"),
    Input(field_id(FORM, "house_price"), "value"),
    Input(field_id(FORM, "down_payment_percent"), "value"),
    Input(field_id(FORM, "home_number"), "value"),
    prevent_initial_call=True,
)
def loan_from_price(price, down, home):
    """Starting from the house price: loan = price x (1 - down payment), in 万元 like the fields.
    Up to the HPF ceiling it is the HPF loan; the rest becomes the commercial part of a
    combination loan (and that section opens). A down payment below the minimum changes nothing:
    its field says why."""
    from components.forms import wan_to_yuan
    yuan = wan_to_yuan(price) if not is_blank(price) else None
    if yuan is None or yuan <= 0:
        raise PreventUpdate
    version = default_policy().on(dt.date.today())
    minimum = min_down_payment(version, 2 if str(home) == "2" else 1)
    try:
        share = to_decimal(str(down).replace("%", "")) if not is_blank(down) else minimum
    except InvalidOperation:
        raise PreventUpdate from None
    if not minimum <= share < 100:
        raise PreventUpdate
    loan = fen(yuan * (100 - share) / 100)
    ceiling = version.value("ceiling_standard")
    hpf, rest = min(loan, ceiling), max(loan - ceiling, ZERO)
    return (_plain(hpf / WAN), _plain(rest / WAN) if rest > 0 else "",
            True if rest > 0 else dash.no_update)


register_share_callbacks(FORM)
