"""The repayment calculator's answer on screen: the result card, both methods side by side, the
prepayment comparison, the compact bar, and the policy hints beside the form.

Pure rendering of a RepaymentOutcome (calculators/loan_request.py); the page wires it.
"""

from __future__ import annotations

from decimal import Decimal

import dash_bootstrap_components as dbc
from dash import dcc, html

from calculators import clock
from calculators.loan_outcome import equal_principal_step, payment_due
from calculators.repayment import EQUAL_PRINCIPAL
from i18n import t
from wording.numbers import big_yuan, percent, term_text, yuan

from . import repayment_prepay_view as prepaid
from . import repayment_repricing as repricing
from . import repayment_tables as tables
from . import repayment_what_if as what_if
from .icons import icon
from .results import inputs_table
from .schedule import month_of


def graph(gid, figure):
    return dcc.Graph(
        id=gid, figure=figure, config={"displayModeBar": False, "responsive": True}, style={"height": "320px"}
    )


def breakdown(s, lang):
    """Principal against interest as one bar: what the loan costs at a glance (no chart library)."""
    principal = s.total_payment - s.total_interest
    total = s.total_payment or Decimal(1)
    share = int((s.total_interest / total * 100).quantize(Decimal(1))) if total else 0
    return html.Div(
        [
            html.Div(
                [
                    html.Div(className="part principal", style={"width": f"{100 - share}%"}),
                    html.Div(className="part interest", style={"width": f"{share}%"}),
                ],
                className="breakdown-bar",
                **{"aria-hidden": "true"},
            ),
            html.Div(
                [
                    html.Span(
                        [
                            html.Span(className="swatch principal"),
                            t(
                                lang,
                                "repayment.part_principal",
                                amount=yuan(principal, lang),
                                share=100 - share,
                            ),
                        ]
                    ),
                    html.Span(
                        [
                            html.Span(className="swatch interest"),
                            t(
                                lang,
                                "repayment.part_interest",
                                amount=yuan(s.total_interest, lang),
                                share=share,
                            ),
                        ]
                    ),
                ],
                className="breakdown-legend small",
            ),
        ],
        id="repayment-breakdown",
        className="breakdown mt-2",
    )


def payment_shown(outcome, start, lang) -> tuple[str, str, str | None]:
    """(label, amount, aside) of the headline payment: this month's for a loan under way, with
    the first payment beside it; else the first payment."""
    s = outcome.schedule
    due = payment_due(outcome, clock.today())
    if due is None:
        return t(lang, "repayment.monthly_label"), yuan(s.first_payment, lang), None
    period, payment = due
    first = t(lang, "repayment.first_beside", month=month_of(start, 1), payment=yuan(s.first_payment, lang))
    return t(lang, "repayment.due_label", month=month_of(start, period)), yuan(payment, lang), first


def headline(outcome, lang):
    req, s = outcome.request, outcome.schedule
    headline = t(
        lang,
        "repayment.headline",
        payment=yuan(s.first_payment, lang),
        method=t(lang, f"method.{req.method}"),
    )
    if req.method == EQUAL_PRINCIPAL and len(s.rows) > 1:
        step = equal_principal_step(req)
        headline += t(lang, "repayment.decreasing", step=yuan(step, lang), last=yuan(s.last_payment, lang))
    return headline


def commercial_rate_text(req, rate, lang) -> str:
    """A commercial rate as built: "3.2% = LPR 3.5% − 30 个基点", or the rate given."""
    text = percent(rate, 3)
    if req.reference_rate is None:
        return text
    return t(
        lang,
        "repayment.lpr_plus",
        rate=text,
        lpr=percent(req.reference_rate, 2),
        sign="−" if req.commercial_bps < 0 else "+",
        bps=abs(req.commercial_bps),
        kind=t(lang, f"repayment.reference_{req.commercial_rate_kind}"),
    )


def rate_line(req, lang):
    rate = percent(req.annual_rate, 3)
    if req.commercial_only:  # no fund loan: a commercial loan alone, said so
        return t(
            lang, "repayment.rate_commercial_only", rate=commercial_rate_text(req, req.annual_rate, lang)
        )
    if req.rate_from_policy:
        return t(lang, "repayment.rate_policy", rate=rate, which=t(lang, f"param.{req.rate_parameter}"))
    return t(lang, "repayment.rate_given", rate=rate)


def summary(outcome, start, lang):
    label, amount, aside = payment_shown(outcome, start, lang)
    req = outcome.request
    s = outcome.schedule
    combo = None
    if outcome.hpf is not None:
        com_rate = commercial_rate_text(req, req.commercial_rate, lang)
        combo = html.P(
            t(
                lang,
                "repayment.combo_line",
                hpf=big_yuan(req.principal, lang),
                hpf_rate=percent(req.annual_rate, 3),
                hpf_payment=yuan(outcome.hpf.first_payment, lang),
                com=big_yuan(req.commercial_principal, lang),
                com_rate=com_rate,
                com_years=term_text(req.commercial_months, lang),
                com_payment=yuan(outcome.commercial.first_payment, lang),
            ),
            id="repayment-combo",
        )
    price = None
    if req.house_price is not None:
        price = html.P(
            t(
                lang,
                "repayment.price_line",
                price=big_yuan(req.house_price, lang),
                down=percent(req.down_payment_percent, 2),
                down_amount=big_yuan(req.house_price * req.down_payment_percent / 100, lang),
                min=percent(req.min_down_payment_percent, 0),
            ),
            className="small mb-1",
            id="repayment-price-line",
        )
    over = None
    if req.hpf_ceiling is not None and req.principal > req.hpf_ceiling and not req.commercial_only:
        over = html.P(
            [
                icon("bi-exclamation-triangle", "me-1"),
                t(lang, "repayment.over_ceiling", ceiling=big_yuan(req.hpf_ceiling, lang)),
            ],
            className="small text-warning-emphasis mb-1",
            id="repayment-over-ceiling",
        )
    inputs = []
    if req.house_price is not None:  # the loan came from the price: the report names both
        inputs += [
            (t(lang, "field.house_price"), big_yuan(req.house_price, lang)),
            (t(lang, "field.down_payment_percent"), percent(req.down_payment_percent, 2)),
        ]
    inputs += [
        (t(lang, "field.principal"), big_yuan(req.principal, lang)),
        (
            t(lang, "field.home_number"),
            t(lang, "home_number." + ("first" if req.home_number == 1 else "second")),
        ),
        (t(lang, "field.annual_rate"), percent(req.annual_rate, 3)),
        (t(lang, "field.months"), str(req.months)),
        (t(lang, "field.method"), t(lang, f"method.{req.method}")),
    ]
    if req.commercial_principal:
        inputs += [
            (t(lang, "field.commercial_principal"), big_yuan(req.commercial_principal, lang)),
            (t(lang, "field.commercial_rate"), percent(req.commercial_rate, 3)),
        ]
    if start:
        inputs.append((t(lang, "field.start_month"), str(start)[:7]))  # a month, as the field shows it
    p = outcome.prepayment
    if p is not None:  # the printed report names the prepayment its figures include
        inputs += [
            (t(lang, "field.prepayment_month"), t(lang, "repayment.period_n", n=p.month)),
            (t(lang, "field.prepayment_amount"), yuan(p.amount, lang)),
            (t(lang, "field.prepayment_mode"), t(lang, f"mode.{p.mode}")),
        ]
    return html.Div(
        [
            inputs_table(inputs, lang),
            html.Div(
                dbc.Card(
                    dbc.CardBody(
                        [
                            html.Div(label, className="text-body-secondary", id="repayment-payment-label"),
                            html.Div(amount, className="result-amount", id="repayment-payment"),
                            html.P(aside, className="small mb-1", id="repayment-first-payment")
                            if aside
                            else None,
                            html.P(headline(outcome, lang), className="mb-1", id="repayment-headline"),
                            prepaid.change(outcome, start, lang),
                            html.P(
                                rate_line(req, lang),
                                className="small text-body-secondary mb-1",
                                id="repayment-rate-line",
                            ),
                            html.P(
                                t(
                                    lang,
                                    "repayment.start_day" if req.start.day == 1 else "repayment.start_on",
                                    day=req.start.isoformat(),
                                ),
                                className="small text-body-secondary mb-1",
                                id="repayment-start-day",
                            )
                            if req.start is not None
                            else None,
                            over,
                            price,
                            combo,
                            prepaid.totals(outcome, lang),
                            breakdown(s, lang),
                        ]
                    ),
                    className="mb-3 result-card shadow-sm",
                ),
                role="status",
                **{"aria-live": "polite"},
            ),
            html.H2(
                t(lang, "repayment.compare_heading")
                + (t(lang, "repayment.compare_without_prepayment") if outcome.prepayment else ""),
                className="h5",
            ),
            html.Div(tables.summary_table(req, lang), className="table-responsive"),
            repricing.comparison(outcome, lang),
            repricing.section(outcome, lang),
            what_if.section(outcome, lang),
            tables.prepay_table(outcome, start, lang) if outcome.prepayment else None,
        ]
    )


def bar(outcome, lang, start=None):
    """The compact headline that stays in view on a phone."""
    req = outcome.request
    after, interest = prepaid.bar_parts(outcome, lang)
    label, amount, _aside = payment_shown(outcome, start, lang)
    return [
        html.Span(label, className="label"),
        html.Strong(amount, id="repayment-bar-payment", className="value"),
        *after,
        html.Span(
            " · ".join([t(lang, f"method.{req.method}"), term_text(req.months, lang), interest]),
            className="detail",
        ),
    ]


def stale_bar(lang, stale=True):
    return [html.Span(t(lang, "result.stale" if stale else "result.fix_bar"), className="label")]


def schedule_caption(outcome, lang: str) -> str:
    """What the schedule shows: its method, and the prepayment mode when there is one."""
    if outcome is None:
        return ""
    caption = t(lang, "repayment.schedule_caption", method=t(lang, f"method.{outcome.request.method}"))
    if outcome.prepayment:
        caption += t(
            lang, "repayment.schedule_caption_prepay", mode=t(lang, f"mode.{outcome.prepayment.mode}")
        )
    return caption
