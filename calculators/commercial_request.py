"""The commercial loan of a repayment request: the commercial part of a combination loan, or a
commercial loan alone (no HPF part), with its amount, term and rate (given, or the reference
rate in force when the loan starts plus basis points). calculators/loan_request.py reads the
rest of the request."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from .errors import FieldError
from .fields import is_blank
from .policy_files import default_policy
from .repayment import MAX_PRINCIPAL, MAX_RATE, MIN_PRINCIPAL

COMMERCIAL_ONLY = "commercial"  # a loan with no HPF part: the commercial loan is the loan


def commercial_part(raw, values, errors, day) -> dict:
    """The commercial part of a combination loan: its amount, term, and rate (given, or the
    reference rate in force on ``day`` plus basis points)."""
    amount = values["commercial_principal"]
    out = {
        "principal": amount or None,
        "rate": None,
        "kind": None,
        "months": None,
        "bps": 0,
        "reference": None,
    }
    if amount is not None and 0 < amount < MIN_PRINCIPAL:
        errors.append(
            FieldError("commercial_principal", "range", {"min": MIN_PRINCIPAL, "max": MAX_PRINCIPAL})
        )
    if not amount:
        return out
    bps = values["commercial_bps"]
    out.update(
        rate=values["commercial_rate"],
        kind="given",
        bps=bps or 0,
        months=values["commercial_months"] or values["months"],
    )
    if out["rate"] is None and is_blank(raw.get("commercial_rate")) and day:
        reference = default_policy().commercial_reference(day)
        if reference is None:
            errors.append(FieldError("commercial_rate", "required"))
        elif bps is not None:
            out.update(
                reference=reference.value, kind=reference.kind, rate=reference.value + Decimal(bps) / 100
            )
            if not 0 <= out["rate"] <= MAX_RATE:
                # bps within bounds can still take the rate below zero: say that, not "out of range"
                errors.append(
                    FieldError(
                        "commercial_bps",
                        "rate_below_zero",
                        {
                            "reference": f"{reference.value}",
                            "bps": bps,
                            "min": f"{-reference.value * 100:.0f}",
                        },
                    )
                )
    return out


def commercial_only(request):
    """A commercial loan with no HPF part: its amount, term and rate (LPR + basis points, or the
    rate given) are the loan's; it follows the LPR on its repricing day like a commercial part."""
    return replace(
        request,
        principal=request.commercial_principal,
        annual_rate=request.commercial_rate,
        months=request.commercial_months,
        commercial_principal=None,
        commercial_rate=None,
        rate_parameter=None,
        policy_version=None,
        prepayment_part=None,
        loan_type=COMMERCIAL_ONLY,
    )
