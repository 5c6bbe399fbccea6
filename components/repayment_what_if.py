"""The loan through hypothetical rate changes, under a label that says it is a what-if and not a
forecast; the headline above stays at today's rates (calculators/rate_what_if.py)."""

from __future__ import annotations

from dash import html

from calculators import clock
from calculators.months import add_months
from i18n import t
from wording.numbers import yuan

from .repayment_repricing import rate_table


def changes_text(changes, lang: str) -> str:
    """Each change in words: from when, and by how much for each rate."""

    def points(bps: int) -> str:
        return f"{'+' if bps > 0 else '−' if bps < 0 else '±'}{abs(bps) / 100:g}"

    return t(lang, "format.list_sep_long").join(
        t(lang, "what_if_view.change", day=c.start.isoformat(), hpf=points(c.hpf_bps), lpr=points(c.lpr_bps))
        for c in changes
    )


def _after_prepayment(outcome, lang: str):
    """The table lists rates; a prepayment also changes the payment: say what it is then."""
    p, rows = outcome.prepayment, outcome.what_if.schedule.rows
    if p is None or p.month >= len(rows):
        return None
    start = outcome.request.start or clock.today()
    return html.P(
        t(
            lang,
            "what_if_view.after_prepayment",
            n=p.month + 1,
            month=add_months(start, p.month + 1).strftime("%Y-%m"),
            payment=yuan(rows[p.month].payment, lang),
        ),
        className="mb-1",
        id="repayment-what-if-prepaid",
    )


def section(outcome, lang: str):
    """The payment path, the total interest and the difference, or why nothing changes."""
    w = outcome.what_if
    if w is None:
        return None
    parts = [("repricing.part_hpf", w.rate_periods)]
    if outcome.commercial is not None:
        parts.append(("repricing.part_commercial", w.commercial_rate_periods))
    moved = any(len(periods) > 1 for _, periods in parts)
    key = "what_if_view.less" if w.difference < 0 else "what_if_view.more"
    return html.Div(
        [
            html.H2(t(lang, "what_if_view.heading"), className="h5 mt-3"),
            html.P(
                [
                    html.Span(t(lang, "what_if_view.badge"), className="badge text-bg-warning me-1"),
                    changes_text(w.changes, lang),
                ],
                className="small",
            ),
            *[rate_table(k, periods, lang, len(parts) > 1) for k, periods in parts if len(periods) > 1],
            html.P(
                t(
                    lang,
                    key,
                    total=yuan(w.schedule.total_interest, lang),
                    amount=yuan(abs(w.difference), lang),
                )
                if moved
                else t(lang, "what_if_view.unchanged"),
                className="mb-1",
                id="repayment-what-if-difference",
            ),
            _after_prepayment(outcome, lang),
            html.P(t(lang, "what_if_view.floored"), className="small text-warning-emphasis")
            if w.floored
            else None,
            html.P(t(lang, "what_if_view.note"), className="small text-body-secondary"),
        ],
        className="what-if border rounded p-2 mb-3",
        id="repayment-what-if",
    )
