"""Scenarios: the same request with a few fields changed (20 against 30 years, first against second
home, the other method), each taken along the one path of the main answer (parse_repayment, then
run_repayment), so a scenario and the main answer cannot disagree.

An override is a dict in the request's own vocabulary; it replaces those fields of the request.
"""

from __future__ import annotations

import datetime as dt

from .errors import FieldError, ValidationError
from .loan_outcome import RepaymentOutcome, run_repayment
from .loan_request import parse_repayment
from .registry import Loan

MAX_SCENARIOS = 3


def scenario_request(data: dict, override: dict) -> dict:
    """The main request with the override's fields in place of its own."""
    merged = {**data, **override}
    if "prepayment" in override:  # the form's flat spelling would otherwise come back
        for key in [k for k in merged if k.startswith("prepayment_")]:
            del merged[key]
    return merged


def check_overrides(overrides) -> list[dict]:
    """The scenarios' overrides as a list of dicts, or ValidationError naming the scenario (and the
    field) at fault: at most MAX_SCENARIOS, each an object of the request's own fields."""
    if overrides is None:
        return []
    if not isinstance(overrides, list):
        raise ValidationError(FieldError("scenarios", "scenario_list"))
    if len(overrides) > MAX_SCENARIOS:
        raise ValidationError(FieldError("scenarios", "too_many_scenarios", {"max": MAX_SCENARIOS}))
    errors = []
    for i, override in enumerate(overrides):
        if not isinstance(override, dict):
            errors.append(FieldError(f"scenarios[{i}]", "scenario_object"))
            continue
        errors += [
            FieldError(f"scenarios[{i}].{key}", "unknown_field", {"value": str(key)[:40]})
            for key in override
            if key not in Loan.model_fields
        ]
    if errors:
        raise ValidationError(errors)
    return overrides


def run_each(
    data: dict, overrides: list[dict], today: dt.date | None = None
) -> list[RepaymentOutcome | ValidationError]:
    """Each scenario's outcome, or its ValidationError (its fields as the request names them)."""
    out = []
    for override in overrides:
        try:
            out.append(run_repayment(parse_repayment(scenario_request(data, override), today=today), today))
        except ValidationError as exc:
            out.append(exc)
    return out


def run_scenarios(data: dict, overrides, today: dt.date | None = None) -> list[RepaymentOutcome]:
    """Every scenario's outcome, or one ValidationError naming each bad scenario's index and field
    (``scenarios[1].months``)."""
    results = run_each(data, check_overrides(overrides), today)
    errors = [
        FieldError(f"scenarios[{i}].{e.field}", e.code, e.params)
        for i, result in enumerate(results)
        if isinstance(result, ValidationError)
        for e in result.errors
    ]
    if errors:
        raise ValidationError(errors)
    return results
