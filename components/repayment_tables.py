"""The repayment calculator's tables: both methods side by side, the prepayment in every mode,
and the schedule's controls."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from calculators.loan_outcome import other_mode, repriced_parts
from calculators.repayment import METHODS, PREPAYMENT_MODES
from i18n import t
from wording.numbers import yuan

from .icons import icon
from .schedule import month_of


def summary_table(request, lang):
    """Equal installment and equal principal side by side for the same loan, through the same rate
    changes as the headline (a prepayment aside: the heading says so)."""
    both = {m: repriced_parts(request, m) for m in METHODS}
    rows = [
        ("repayment.first_payment", lambda s: sum(p.first_payment for p in s)),
        ("repayment.last_payment", lambda s: sum(p.last_payment for p in s)),
        ("repayment.total_interest", lambda s: sum(p.total_interest for p in s)),
        ("repayment.total_payment", lambda s: sum(p.total_payment for p in s)),
    ]
    return html.Table(
        [
            html.Thead(
                html.Tr(
                    [html.Td(html.Span(t(lang, "repayment.item"), className="visually-hidden"))]
                    + [
                        html.Th(
                            t(lang, f"method.{m}"), className="text-end", scope="col", **{"data-method": m}
                        )
                        for m in METHODS
                    ]
                )
            ),
            html.Tbody(
                [
                    html.Tr(
                        [html.Th(t(lang, key), scope="row")]
                        + [
                            html.Td(
                                yuan(fn(both[m]), lang),
                                className="text-end num",
                                **{
                                    "data-method": m,
                                    "data-row": key.split(".")[1],
                                    "data-label": t(lang, f"method.{m}"),
                                },
                            )
                            for m in METHODS
                        ]
                    )
                    for key, fn in rows
                ]
            ),
        ],
        className="table table-sm compare-table stack-sm",
        id="repayment-compare",
    )


def prepay_table(outcome, start, lang):
    req = outcome.request
    original = outcome.prepayment.original
    results = {
        m: outcome.prepayment if m == outcome.prepayment.mode else other_mode(original, req, m)
        for m in PREPAYMENT_MODES
    }

    part = bool(getattr(outcome.prepayment, "parts", ()))  # a combination loan: one part prepaid

    def last(p):
        # The prepaid part's last payment and months saved: the other part runs on unchanged.
        period = p.parts[1 if p.part == "commercial" else 0].last_period if part else p.schedule.last_period
        return (
            f"{month_of(start, period)} ({t(lang, 'repayment.period_n', n=period)})"
            if start
            else t(lang, "repayment.period_n", n=period)
        )

    rows = [
        ("repayment.interest_saved", lambda p: yuan(p.interest_saved, lang)),
        ("repayment.prepaid", lambda p: yuan(p.amount, lang)),
        ("repayment.new_last_part" if part else "repayment.new_last", last),
        (
            "repayment.months_saved_part" if part else "repayment.months_saved",
            lambda p: t(lang, "repayment.n_months", n=p.part_months_saved if part else p.months_saved),
        ),
        (
            "repayment.next_payment",
            lambda p: (
                yuan(p.next_payment, lang)
                if p.next_payment is not None
                else t(lang, "repayment.nothing_left")
            ),
        ),
    ]
    # Rows are modes, columns the figures: on a phone each mode becomes a card (CSS .stack-sm).
    return html.Div(
        [
            html.H2(
                t(
                    lang,
                    "repayment.prepay_heading",
                    n=req.prepayment_month,
                    month=month_of(start, req.prepayment_month) or "-",
                ),
                className="h5 mt-3",
            ),
            html.Div(
                html.Table(
                    [
                        html.Thead(
                            html.Tr(
                                [html.Th(t(lang, "repayment.mode"), scope="col")]
                                + [
                                    html.Th(t(lang, key), className="text-end", scope="col")
                                    for key, _ in rows
                                ]
                            )
                        ),
                        html.Tbody(
                            [
                                html.Tr(
                                    [
                                        html.Th(
                                            t(lang, f"mode.{m}"),
                                            scope="row",
                                            className="chosen" if m == outcome.prepayment.mode else "",
                                        )
                                    ]
                                    + [
                                        html.Td(
                                            fn(results[m]) if results[m] else "—",
                                            className="text-end num",
                                            **{
                                                "data-mode": m,
                                                "data-row": key.split(".")[1],
                                                "data-label": t(lang, key),
                                            },
                                        )
                                        for key, fn in rows
                                    ],
                                    **{"data-mode": m},
                                )
                                for m in PREPAYMENT_MODES
                            ]
                        ),
                    ],
                    className="table table-sm compare-table stack-sm",
                    id="repayment-prepay",
                ),
                className="table-responsive",
            ),
            html.P(
                t(lang, "repayment.prepay_no_compare"),
                className="small text-body-secondary",
                id="repayment-prepay-no-compare",
            )
            if not all(results.values())
            else None,
            html.P(
                t(
                    lang,
                    "repayment.original_line",
                    interest=yuan(original.total_interest, lang),
                    last=month_of(start, original.last_period) or original.last_period,
                ),
                className="small text-body-secondary",
            ),
        ]
    )


def schedule_controls(lang: str, ready: bool = True):
    """The schedule's heading with its yearly/monthly switch and the CSV and Excel buttons."""
    return html.Div(
        [
            html.H2(t(lang, "repayment.schedule"), className="h5 me-auto mb-0"),
            dbc.RadioItems(
                id="repayment-view",
                value="yearly",
                inline=True,
                className="btn-group btn-group-sm me-2 d-print-none",
                inputClassName="btn-check",
                labelClassName="btn btn-outline-primary",
                labelCheckedClassName="active",
                options=[
                    {"label": t(lang, "repayment.view_yearly"), "value": "yearly"},
                    {"label": t(lang, "repayment.view_monthly"), "value": "monthly"},
                ],
            ),
            *(
                dbc.Button(
                    [icon("bi-download", "me-1"), t(lang, f"repayment.{kind}")],
                    id=f"repayment-{kind}",
                    size="sm",
                    color="secondary",
                    outline=kind == "xlsx",
                    n_clicks=0,
                    disabled=not ready,  # the form has a field to fix: nothing to download yet
                    className="d-print-none",
                )
                for kind in ("csv", "xlsx")
            ),
        ],
        className="d-flex flex-wrap align-items-center gap-2 mt-3 mb-2",
    )
