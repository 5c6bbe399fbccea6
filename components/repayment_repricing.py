"""The loan against others: as a commercial loan (what the fund saves), and — for a loan that
started in the past — through every rate change since: one row per rate (from which
payment and month, the rate, the payment), the payment now, and the interest saved or added
against the contract rate (calculators/repricing.py)."""

from __future__ import annotations

import datetime as dt

from dash import html

from calculators import clock
from calculators.loan_outcome import payment_on
from i18n import t
from wording.numbers import big_yuan, percent, yuan

from .badges import source_line


def section(outcome, lang: str, today: dt.date | None = None):
    """The rate periods of a loan whose rate changed, else a line saying why it did not, or None."""
    req = outcome.request
    if req.hold_rate and req.start is not None and req.start < (today or clock.today()):
        return html.P(
            t(lang, "repricing.held"), className="small text-body-secondary", id="repayment-repricing"
        )
    if outcome.contract is None:
        return None
    parts = [("repricing.part_hpf", outcome.rate_periods)]
    if outcome.commercial is not None:
        parts.append(("repricing.part_commercial", outcome.commercial_rate_periods))
    changes = sum(len(periods) - 1 for _, periods in parts)
    difference = outcome.schedule.total_interest - outcome.contract.total_interest
    now = payment_on(outcome, today or clock.today())
    return html.Div(
        [
            html.H2(t(lang, "repricing.heading"), className="h5 mt-3"),
            html.P(
                t(lang, "repricing.lead", n=changes)
                if outcome.commercial is None
                else t(
                    lang,
                    "repricing.lead_parts",
                    hpf=len(outcome.rate_periods) - 1,
                    commercial=len(outcome.commercial_rate_periods) - 1,
                ),
                className="small",
            ),
            *[rate_table(key, periods, lang, len(parts) > 1) for key, periods in parts if len(periods) > 1],
            html.P(t(lang, "repricing.now", payment=yuan(now, lang)), className="mb-1") if now else None,
            html.P(
                t(
                    lang,
                    "repricing.saved" if difference <= 0 else "repricing.added",
                    amount=yuan(abs(difference), lang),
                    rate=percent(req.annual_rate, 3)
                    if outcome.commercial is None
                    else t(
                        lang,
                        "repricing.both_rates",
                        hpf=percent(req.annual_rate, 3),
                        commercial=percent(req.commercial_rate, 3),
                    ),
                ),
                className="mb-1",
                id="repayment-repricing-difference",
            ),
            html.P(t(lang, "repricing.assumption"), className="small text-body-secondary"),
        ],
        id="repayment-repricing",
    )


def rate_table(key: str, periods, lang: str, named: bool):
    heads = ("repricing.col_from", "repricing.col_date", "repricing.col_rate", "repricing.col_payment")
    return html.Div(
        [
            html.H3(t(lang, key), className="h6") if named else None,
            html.Table(
                [
                    html.Thead(html.Tr([html.Th(t(lang, h), scope="col") for h in heads])),
                    html.Tbody(
                        [
                            html.Tr(
                                [
                                    html.Td(str(p.from_period), className="num"),
                                    html.Td(p.from_date.strftime("%Y-%m"), className="num"),
                                    html.Td(percent(p.annual_rate, 3), className="num"),
                                    html.Td(yuan(p.payment, lang), className="num"),
                                ]
                            )
                            for p in periods
                        ]
                    ),
                ],
                className="table table-sm rate-periods small",
            ),
        ],
        className="table-responsive",
    )


def comparison(outcome, lang: str):
    """The same loan as a commercial loan at the LPR when it starts plus a spread, and the saving."""
    c = outcome.comparison
    if c is None:
        return None
    key = "repricing.comparison_part" if outcome.hpf is not None else "repricing.comparison"
    if c.saving < 0:  # the commercial loan would cost less: said as such, not as a negative saving
        key += "_costs_more"
    words = t(
        lang,
        key,
        part=big_yuan(c.schedule.principal, lang),
        reference=t(lang, f"repayment.reference_{c.reference.kind}"),
        lpr=percent(c.reference.value, 2),
        sign="−" if c.bps < 0 else "+",
        bps=abs(c.bps),
        rate=percent(c.annual_rate, 3),
        payment=yuan(c.schedule.first_payment, lang),
        interest=yuan(c.schedule.total_interest, lang),
        saving=yuan(abs(c.saving), lang),
    )
    if outcome.contract is not None or outcome.prepayment is not None:  # not what the headline shows
        words += t(lang, "format.sentence_sep") + t(lang, "repricing.comparison_at_start")
    return html.Div(
        [
            html.P(words, className="mb-1"),
            source_line(c.reference.source, c.reference.source.confidence, lang, short=True),
        ],
        className="small mb-2",
        id="repayment-comparison",
    )
