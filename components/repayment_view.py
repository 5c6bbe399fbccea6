"""The repayment calculator's answer on screen: the result card, both methods side by side, the
prepayment comparison, the compact bar, and the policy hints beside the form.

Pure rendering of a RepaymentOutcome (calculators/loan_request.py); the page wires it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import dash_bootstrap_components as dbc
from dash import dcc, html

from calculators.loan_request import equal_principal_step, method_parts, min_down_payment, other_mode
from calculators.policy import default_policy
from calculators.repayment import EQUAL_PRINCIPAL, METHODS, PREPAYMENT_MODES
from i18n import t

from .badges import parameter_source, source_line
from .numbers import big_yuan, percent, yuan
from .results import inputs_table
from .schedule import month_of


def months_options(spec, lang: str, current):
    """A term select's options: years in the list, months as the value (and a typed odd term kept)."""
    options = [{"label": t(lang, key) if key else
                t(lang, "repayment.years_option", years=int(v) // 12, months=v), "value": v}
               for v, key in spec.options]
    values = [o["value"] for o in options]
    if current and str(current) not in values and str(current).isdigit() and len(str(current)) <= 3:
        options.insert(0, {"label": t(lang, "repayment.months_option", months=current), "value": str(current)})
    return options


def graph(gid, figure):
    return dcc.Graph(id=gid, figure=figure, config={"displayModeBar": False, "responsive": True},
                     style={"height": "320px"})


def down_payment_minimums() -> dict:
    v = default_policy().on(dt.date.today())
    return {"first": f"{min_down_payment(v, 1):.0f}%", "second": f"{min_down_payment(v, 2):.0f}%"}


def rate_hint(lang):
    v = default_policy().on(dt.date.today())
    return html.Div([t(lang, "repayment.rate_hint", since=v["rate_first_home_long"].since.isoformat(),
                       short=f"{v.value('rate_first_home_short'):.2f}%",
                       long=f"{v.value('rate_first_home_long'):.2f}%",
                       second_short=percent(v.value("rate_second_home_short"), 3),
                       second_long=percent(v.value("rate_second_home_long"), 3)),
                     parameter_source(v["rate_first_home_long"], lang, short=True)],
                    className="small text-body-secondary mb-3 mt-n2", id="repayment-rate-hint")


def lpr_hint(lang):
    policy = default_policy()
    entry = policy.lpr_entry(dt.date.today())
    return html.Div([t(lang, "repayment.lpr_hint", rate=percent(entry.value), since=entry.effective.isoformat()),
                     source_line(policy.sources["lpr_notices"], "secondary", lang, note=policy.lpr_note,
                                 short=True)],
                    className="small text-body-secondary mb-3 mt-n2")


def summary_table(request, lang):
    """Equal installment and equal principal side by side for the same loan."""
    both = {m: method_parts(request, m) for m in METHODS}
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


def prepay_table(outcome, start, lang):
    req = outcome.request
    original = outcome.prepayment.original
    results = {m: outcome.prepayment if m == outcome.prepayment.mode else other_mode(original, req, m)
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


def breakdown(s, lang):
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


def headline(outcome, lang):
    req, s = outcome.request, outcome.schedule
    headline = t(lang, "repayment.headline", payment=yuan(s.first_payment, lang),
                 method=t(lang, f"method.{req.method}"))
    if req.method == EQUAL_PRINCIPAL and len(s.rows) > 1:
        step = equal_principal_step(req)
        headline += t(lang, "repayment.decreasing", step=yuan(step, lang), last=yuan(s.last_payment, lang))
    return headline


def rate_line(req, lang):
    rate = percent(req.annual_rate, 3)
    if req.rate_from_policy:
        return t(lang, "repayment.rate_policy", rate=rate,
                 which=t(lang, f"param.{req.rate_parameter}"))
    return t(lang, "repayment.rate_given", rate=rate)


def summary(outcome, start, lang):
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
                         com_years=term_text(req.commercial_months, lang),
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
            html.P(headline(outcome, lang), className="mb-1", id="repayment-headline"),
            html.P(rate_line(req, lang), className="small text-body-secondary mb-1", id="repayment-rate-line"),
            over,
            price,
            combo,
            html.P(t(lang, "repayment.totals", interest=yuan(s.total_interest, lang),
                     total=yuan(s.total_payment, lang)), className="mb-0", id="repayment-totals"),
            breakdown(s, lang),
        ]), className="mb-3 result-card shadow-sm"), role="status", **{"aria-live": "polite"}),
        html.H2(t(lang, "repayment.compare_heading"), className="h5"),
        html.Div(summary_table(req, lang), className="table-responsive"),
        prepay_table(outcome, start, lang) if outcome.prepayment else None,
    ])


def term_text(months: int, lang: str) -> str:
    if months % 12 == 0:
        return t(lang, "repayment.n_years", n=months // 12)
    return t(lang, "repayment.n_months", n=months)


def bar(outcome, lang):
    """The compact headline that stays in view on a phone."""
    req, s = outcome.request, outcome.schedule
    return [html.Span(t(lang, "repayment.monthly_label"), className="label"),
            html.Strong(yuan(s.first_payment, lang), id="repayment-bar-payment", className="value"),
            html.Span(" · ".join([t(lang, f"method.{req.method}"), term_text(req.months, lang),
                                  t(lang, "repayment.bar_interest", interest=yuan(s.total_interest, lang))]),
                      className="detail")]


def stale_bar(lang, stale=True):
    return [html.Span(t(lang, "result.stale" if stale else "result.fix_bar"), className="label")]




def schedule_controls(lang: str):
    """The schedule's heading with its yearly/monthly switch and the CSV button."""
    return html.Div([
            html.H2(t(lang, "repayment.schedule"), className="h5 me-auto mb-0"),
            dbc.RadioItems(id="repayment-view", value="yearly", inline=True,
                           className="btn-group btn-group-sm me-2 d-print-none",
                           inputClassName="btn-check", labelClassName="btn btn-outline-primary",
                           labelCheckedClassName="active",
                           options=[{"label": t(lang, "repayment.view_yearly"), "value": "yearly"},
                                    {"label": t(lang, "repayment.view_monthly"), "value": "monthly"}]),
            dbc.Button([html.I(className="bi bi-download me-1"), t(lang, "repayment.csv")],
                       id="repayment-csv", size="sm", color="secondary", n_clicks=0, className="d-print-none"),
        ], className="d-flex flex-wrap align-items-center gap-2 mt-3 mb-2")
