"""Scenarios as JSON: each with the main answer's summary keys (serialize/answers.repayment), so a
scenario reads like the answer it is compared with; and their errors naming the scenario."""

from __future__ import annotations

from dataclasses import replace

from calculators import clock
from calculators.errors import ValidationError
from calculators.loan_outcome import payment_due, payment_months
from serialize import answers as serialize

# The main answer's summary: what a scenario answers too (no schedule, no rate history).
SUMMARY_KEYS = (
    "method",
    "principal",
    "monthly_payment",
    "first_payment",
    "last_payment",
    "total_payment",
    "total_interest",
    "months",
    "last_period",
    "annual_rate",
    "rate_source",
    "first_payment_month",
    "last_payment_month",
    "prepayment",
)


def repayment(outcome, *, include_schedule: bool = True) -> dict:
    """serialize.repayment and the months of the first and the last payment."""
    body = {**serialize.repayment(outcome, include_schedule=include_schedule), **payment_months(outcome)}
    due = payment_due(outcome, clock.today())
    if due is not None:  # a loan under way: the payment due this month, as the page headlines it
        body["payment_due_now"] = {"period": due[0], "payment": due[1]}
    return body


def scenarios(outcomes, overrides) -> list[dict]:
    out = []
    for outcome, override in zip(outcomes, overrides, strict=True):
        body = repayment(outcome, include_schedule=False)
        summary = {key: body[key] for key in SUMMARY_KEYS if key in body}
        out.append({"overrides": override, "home_number": outcome.request.home_number, **summary})
    return out


def errors(exc: ValidationError, lang: str) -> dict:
    """A scenario's errors in words, each worded as for its own field (``months``) and named with
    its scenario (``scenarios[1].months``)."""
    out = []
    for e in exc.errors:
        inner = e.field.partition("].")[2] or e.field
        (item,) = serialize.errors(ValidationError(replace(e, field=inner)), lang)["errors"]
        out.append({**item, "field": e.field})
    return {"errors": out}
