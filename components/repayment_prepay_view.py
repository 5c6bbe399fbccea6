"""What a prepayment changes, said where the answer is: the new monthly payment after 减少月供 (and
from which payment and month), the earlier end after 缩短年限, and the totals without and with the
prepayment side by side, so the pair cannot be misread."""

from __future__ import annotations

from dash import html

from calculators.repayment import EQUAL_PRINCIPAL, PAY_OFF, REDUCE_PAYMENT
from i18n import t
from wording.numbers import yuan

from .schedule import month_of


def _when(start, period: int) -> str:
    return month_of(start, period) or "-"


def change(outcome, start, lang):
    """The prepayment's effect under the headline: for 减少月供 the new payment as a second amount."""
    p = outcome.prepayment
    if p is None:
        return None
    after = p.month + 1
    part = getattr(p, "part", None)
    if p.mode == REDUCE_PAYMENT and p.next_payment is not None:
        return html.Div(
            [
                html.Div(
                    t(lang, "repayment.new_payment_label", n=after, month=_when(start, after)),
                    className="text-body-secondary",
                ),
                html.Div(yuan(p.next_payment, lang), className="result-amount", id="repayment-new-payment"),
                html.P(
                    t(
                        lang,
                        "repayment.new_payment_less",
                        less=yuan(p.original.rows[p.month].payment - p.next_payment, lang),
                        last=_when(start, p.schedule.last_period),
                    ),
                    className="mb-1",
                ),
                *(part_lines(outcome, start, lang) if part else []),
            ],
            id="repayment-prepay-change",
            className="prepay-change mb-1",
        )
    if part:
        return html.Div(part_lines(outcome, start, lang), id="repayment-prepay-change", className="mb-1")
    if p.mode == PAY_OFF or p.next_payment is None:
        text = t(
            lang,
            "repayment.prepay_payoff_line",
            n=p.month,
            month=_when(start, p.month),
            amount=yuan(p.amount, lang),
        )
    else:
        # 等额本金 keeps its principal part, not its payment (the interest falls with the balance)
        by_part = p.schedule.method == EQUAL_PRINCIPAL
        key = "prepay_shorten_line_principal" if by_part else "prepay_shorten_line"
        text = t(lang, f"repayment.{key}", last=_when(start, p.schedule.last_period), months=p.months_saved)
    return html.P(text, className="mb-1", id="repayment-prepay-change")


def part_lines(outcome, start, lang) -> list:
    """A combination loan's prepayment: which part it went to (and why the commercial part is the
    usual choice), and what changes for that part; the other part runs on."""
    p, req = outcome.prepayment, outcome.request
    name = t(lang, f"prepay_part.{p.part}")
    lines = [t(lang, "repayment.prepaid_part", part=name)]
    if req.commercial_rate > req.annual_rate:
        lines.append(
            t(
                lang,
                "repayment.prepaid_advice",
                commercial=f"{req.commercial_rate:g}%",
                hpf=f"{req.annual_rate:g}%",
            )
        )
    prepaid = p.parts[0] if p.part == "hpf" else p.parts[1]
    if p.mode == PAY_OFF:
        lines.append(
            t(
                lang,
                "repayment.prepay_payoff_part",
                part=name,
                n=p.month,
                month=_when(start, p.month),
                amount=yuan(p.amount, lang),
            )
        )
    elif p.mode != REDUCE_PAYMENT:
        lines.append(
            t(
                lang,
                "repayment.prepay_shorten_part",
                part=name,
                last=_when(start, prepaid.last_period),
                months=p.part_months_saved,
            )
        )
    return [html.P(line, className="mb-1") for line in lines]


def totals(outcome, lang):
    """利息合计 / 本息合计, or with a prepayment both pairs, labelled, and the interest saved."""
    s, p = outcome.schedule, outcome.prepayment
    if p is None:
        return html.P(
            t(
                lang,
                "repayment.totals",
                interest=yuan(s.total_interest, lang),
                total=yuan(s.total_payment, lang),
            ),
            className="mb-0",
            id="repayment-totals",
        )
    return html.Div(
        [
            html.P(
                t(
                    lang,
                    "repayment.totals_without",
                    interest=yuan(p.original.total_interest, lang),
                    total=yuan(p.original.total_payment, lang),
                ),
                className="mb-1 text-body-secondary",
                id="repayment-totals-without",
            ),
            html.P(
                t(
                    lang,
                    "repayment.totals_with",
                    interest=yuan(s.total_interest, lang),
                    total=yuan(s.total_payment, lang),
                    prepaid=yuan(p.amount, lang),
                    saved=yuan(p.interest_saved, lang),
                ),
                className="mb-0",
                id="repayment-totals",
            ),
        ]
    )


def bar_parts(outcome, lang) -> tuple[list, str]:
    """(what follows the payment in the phone's bar, the interest in its detail line)."""
    s, p = outcome.schedule, outcome.prepayment
    if p is None:
        return [], t(lang, "repayment.bar_interest", interest=yuan(s.total_interest, lang))
    extra = []
    if p.mode == REDUCE_PAYMENT and p.next_payment is not None:
        extra = [
            html.Strong(
                t(lang, "repayment.bar_new_payment", n=p.month + 1, payment=yuan(p.next_payment, lang)),
                className="value value-next",
                id="repayment-bar-new-payment",
            )
        ]
    return extra, t(lang, "repayment.bar_interest_prepaid", interest=yuan(s.total_interest, lang))
