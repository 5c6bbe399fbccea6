"""The quota answer's parts: the headline (amount, what to bring, what it rests on), the caps side
by side with how each is worked out and what lifts it, and the result bar."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from components import quota_bring
from components.results import fix_line
from i18n import href, join, t, text_of
from wording.assumed_range import span_text
from wording.numbers import big_yuan, percent, yuan

from .icons import icon


def _cap_how(cap, lang):
    p = cap.params
    if cap.name == "ceiling":
        return t(lang, "cap_how.ceiling", category=t(lang, f"category.{p['category']}"))
    if cap.name == "loan_to_value":
        if "house_price" not in p:
            return t(lang, "cap_how.no_loan")
        return t(
            lang,
            "cap_how.loan_to_value",
            price=big_yuan(p["house_price"], lang),
            ltv=percent(p["ltv"] * 100, 0),
        )
    if cap.name == "balance":
        extra = (
            t(lang, "cap_how.uplift", percent=percent((p["uplift"] - 1) * 100, 0)) if p["uplift"] != 1 else ""
        )
        return t(
            lang,
            "cap_how.balance",
            balance=yuan(p["account_balance"], lang, 0),
            multiplier=p["multiplier"],
            extra=extra,
        )
    return t(
        lang,
        "cap_how.repayment_capacity",
        capacity=yuan(p["monthly_capacity"], lang),
        ratio=percent(p["ratio"] * 100, 0),
        years=p["term_years"],
        rate=percent(p["annual_rate"], 3),
    )


def _lift(cap, lang):
    if cap.name == "ceiling":
        return t(lang, "lift.ceiling")
    if cap.lift is None:
        return ""
    return t(
        lang, f"lift.{cap.lift.field}", per=yuan(cap.lift.per, lang, 0), gain=yuan(cap.lift.gain, lang, 0)
    )


def _failed_list(verdict, lang):
    """The rules not met yet, each with what would fix it: the verdict comes before any amount."""
    return html.Ul(
        [
            html.Li(
                [
                    html.Strong(t(lang, f"rule.{c.rule}") + t(lang, "format.colon")),
                    text_of(lang, "check", c.code, c.params),
                    fix_line(c, lang),
                ],
                **{"data-rule": c.rule},
            )
            for c in verdict.checks
            if not c.passed
        ],
        className="failed-rules mb-2",
        id="quota-failed",
    )


def _depends(verdict, lang):
    """Nothing fails, but a rule in force was not answered: the amount holds only if it is met."""
    unchecked = [c for c in verdict.checks if not c.checked]
    if verdict.eligible is not None or not unchecked:
        return None
    return dbc.Alert(
        [t(lang, "quota.depends"), " ", *(text_of(lang, "check", c.code, c.params) for c in unchecked)],
        color="warning",
        className="py-2 small",
        id="quota-depends",
    )


def headline_card(answer, not_lent, values, lang):
    """The verdict and amount, what it rests on, what to bring and what the cash affords."""
    result, verdict = answer.quota, answer.eligibility
    repay_link = href(
        "/calculators/repayment",
        lang,
        principal=str(result.amount),
        months=result.term_years * 12,
        date=values.get("date") or None,  # the rate of the quota's day, not today's
        home_number=values.get("home_number") if str(values.get("home_number")) == "2" else None,
    )
    elig_link = href("/calculators/eligibility", lang, **values)
    payment = html.P(
        t(
            lang,
            "quota.payment_line",
            years=result.term_years,
            rate=percent(result.annual_rate, 3),
            payment=yuan(result.monthly_payment, lang),
        ),
        className="mt-2 mb-2",
        id="quota-payment-line",
    )
    if not_lent:
        body = [
            html.Div(t(lang, "quota.not_lent_label"), className="verdict text-danger", id="quota-verdict"),
            html.P(t(lang, "quota.not_lent"), className="mb-0"),
            quota_bring.cash_to_close(answer.cash_to_close, lang),  # the whole price, and the tax
        ]
    elif verdict.eligible is False:
        body = [
            html.Div(t(lang, "quota.not_yet"), className="verdict text-danger", id="quota-verdict"),
            _failed_list(verdict, lang),
        ]
        if result.amount > 0:
            body += [
                html.Div(t(lang, "quota.amount_once_met"), className="text-body-secondary"),
                html.Div(
                    big_yuan(result.amount, lang),
                    id="quota-amount",
                    className="result-amount result-amount-muted",
                ),
                html.Div(t(lang, "quota.rounding"), className="small text-body-secondary"),
                payment,
            ]
    else:
        body = [
            html.Div(t(lang, "quota.amount_label"), className="text-body-secondary"),
            html.Div(big_yuan(result.amount, lang), id="quota-amount", className="result-amount"),
            html.Div(t(lang, "quota.rounding"), className="small text-body-secondary"),
            payment if result.amount > 0 else None,
            html.P(
                [html.Strong(t(lang, "quota.binding_is", cap=t(lang, f"cap.{result.binding_cap}")))],
                id="quota-binding",
                className="mb-2",
            ),
            resting_on(result, lang),
            _depends(verdict, lang),
            quota_bring.down_payment(result, answer.down_payment, answer.applicant.house_price, values, lang),
            quota_bring.cash_to_close(answer.cash_to_close if result.amount > 0 else None, lang),
        ]
    if answer.affordable is not None:
        assumed = answer.affordable.binding_cap in ("balance", "repayment_capacity")
        with_tax = answer.applicant.floor_area is not None
        body.insert(0, quota_bring.affordable(answer.affordable, lang, assumed, with_tax))
    links = html.Div(
        [
            dcc.Link(
                [
                    icon("bi-calculator", "me-1"),
                    t(
                        lang,
                        "quota.use_amount" if verdict.eligible is not False else "quota.use_amount_later",
                    ),
                ],
                href=repay_link,
                className="btn btn-primary btn-sm me-2 mb-1",
                id="quota-use-amount",
            )
            if result.amount > 0 and not not_lent
            else None,
            dcc.Link(
                t(
                    lang,
                    "quota."
                    + {True: "eligible_yes", None: "eligible_depends", False: "eligible_no"}[
                        verdict.eligible
                    ],
                ),
                href=elig_link,
                id="quota-eligibility-link",
                className="btn btn-sm mb-1 "
                + {True: "btn-outline-success", None: "btn-outline-warning", False: "btn-outline-danger"}[
                    verdict.eligible
                ],
            ),
        ],
        className="d-print-none",
    )
    ok = verdict.eligible is not False and not not_lent
    return dbc.Card(
        dbc.CardBody(body + [links]),
        className="mb-3 result-card shadow-sm" + ("" if ok else " result-card-no"),
    )


def bar(result, verdict, not_lent, lang):
    if not_lent:
        return [
            html.Span(t(lang, "quota.bar_no"), className="label"),
            html.Strong(t(lang, "quota.not_lent_label"), id="quota-bar-value", className="value"),
        ]
    if verdict.eligible is False:
        failed = [c for c in verdict.checks if not c.passed]
        first = failed[0]
        detail = text_of(lang, "fix", first.fix, first.params) if first.fix else ""
        if len(failed) > 1:
            detail = " ".join([detail, t(lang, "quota.bar_more", n=len(failed) - 1)]).strip()
        return [
            html.Span(t(lang, "quota.bar_no"), className="label"),
            html.Strong(t(lang, f"rule.{first.rule}"), id="quota-bar-value", className="value"),
            html.Span(detail, className="detail"),
        ]
    detail = (
        t(lang, "quota.bar_detail", payment=yuan(result.monthly_payment, lang), years=result.term_years)
        if result.amount > 0
        else t(lang, "quota.binding_is", cap=t(lang, f"cap.{result.binding_cap}"))
    )
    return [
        html.Span(t(lang, "quota.amount_label"), className="label"),
        html.Strong(big_yuan(result.amount, lang), id="quota-bar-value", className="value"),
        html.Span(detail, className="detail"),
    ]


def caps_table(result, lang):
    table = html.Table(
        [
            html.Thead(
                html.Tr(
                    [
                        html.Th(t(lang, "quota.cap"), scope="col"),
                        html.Th(t(lang, "quota.cap_amount"), className="text-end", scope="col"),
                        html.Th(t(lang, "quota.cap_how"), scope="col"),
                    ]
                )
            ),
            html.Tbody(
                [
                    html.Tr(
                        [
                            html.Th(
                                [
                                    t(lang, f"cap.{c.name}"),
                                    html.Span(
                                        t(lang, "quota.binding"), className="badge text-bg-warning ms-1"
                                    )
                                    if c.name == result.binding_cap
                                    else None,
                                ],
                                scope="row",
                            ),
                            # yuan, not 万 rounded half up: a cap must never read above the quota it sets
                            html.Td(yuan(c.amount, lang, 0), className="text-end text-nowrap"),
                            html.Td(
                                [
                                    html.Div(_cap_how(c, lang)),
                                    html.Div(_lift(c, lang), className="small text-body-secondary"),
                                ]
                            ),
                        ],
                        className="table-warning binding" if c.name == result.binding_cap else "",
                        **{"data-cap": c.name},
                    )
                    for c in result.caps
                ]
            ),
        ],
        className="table table-sm align-middle caps-table",
        id="quota-caps",
    )
    return html.Div(table, className="table-responsive")


def resting_on(result, lang):
    """The headline's caveat: the binding cap rests on an assumption (and how far it moves)."""
    if not result.assumed and result.span is None:
        return None
    parts = []
    if result.assumed:
        names = join(lang, (t(lang, f"param.{n}") for n in result.assumed))
        parts.append(t(lang, "quota.assumed", cap=t(lang, f"cap.{result.binding_cap}"), params=names))
    if result.span is not None:
        parts.append(span_text(result.span, lang))
    joined = t(lang, "format.sentence_sep").join(parts)
    return html.Div(
        [icon("bi-exclamation-triangle", "me-1"), joined],
        className="assumption-caveat small mb-2",
        id="quota-assumption",
    )
