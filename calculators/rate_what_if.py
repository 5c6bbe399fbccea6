"""Rates to come, as a what-if and never a forecast: hypothetical changes of the HPF rates and the
LPR, each from the day it would take effect for new loans (as the policy data dates real changes).

A loan meets a hypothetical change the way it meets a real one (calculators/repricing.py): the HPF
part on the next 1 January, the commercial part on its repricing day, each payment recomputed from
the balance then. The change shifts whatever rate the loan would otherwise have on that day (the
policy's, the LPR plus the loan's spread, or a typed contract rate), never below zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from . import registry
from .errors import FieldError
from .fields import read
from .money import ZERO
from .policy_files import default_policy
from .registry import MAX_CHANGES


@dataclass(frozen=True)
class RateChange:
    start: dt.date  # the API's "from": the day the change would apply to new loans
    hpf_bps: int = 0
    lpr_bps: int = 0


@dataclass(frozen=True)
class WhatIf:
    """The loan through the hypothetical changes, beside the answer without them."""

    changes: tuple  # RateChange
    schedule: object  # Schedule through the changes
    rate_periods: tuple  # of the HPF part (or the single loan)
    commercial_rate_periods: tuple
    difference: Decimal  # its total interest − the answer's
    floored: bool = False  # a change would take a rate below zero: it stops at 0 %


def preset(name: str, today: dt.date) -> tuple[RateChange, ...]:
    """A preset of the page: both rates moved by its basis points from next 1 January."""
    if name in (None, "", "none"):
        return ()
    bps = int(name)
    return (RateChange(dt.date(today.year + 1, 1, 1), bps, bps),)


def read_changes(raw, chosen: str | None, errors: list, today: dt.date) -> tuple[RateChange, ...]:
    """The API's ``rate_changes`` list, or the page's preset ``what_if``; not both."""
    if raw is None or raw == [] or raw == "":  # left out, as the schema allows
        return preset(chosen, today)
    if chosen not in (None, "", "none"):
        errors.append(FieldError("what_if", "what_if_twice"))
        return ()
    if not isinstance(raw, list) or len(raw) > MAX_CHANGES:
        errors.append(FieldError("rate_changes", "rate_changes_list", {"max": MAX_CHANGES}))
        return ()
    changes = [_change(item, i, errors) for i, item in enumerate(raw)]
    return tuple(sorted((c for c in changes if c is not None), key=lambda c: c.start))


def _change(item, index: int, errors: list) -> RateChange | None:
    """One change of the list, read by the registry's RateChange (its "from" is ``start``)."""
    where = f"rate_changes[{index}]"
    if not isinstance(item, dict):
        errors.append(FieldError(where, "rate_change_object"))
        return None
    values, found = read(registry.RateChange, {**item, "start": item.get("from")})
    first = default_policy().versions[0].effective
    if values["start"] is not None and values["start"] < first:  # history, not a what-if
        found.append(FieldError("start", "before_first_policy", {"first": first.isoformat()}))
    errors.extend(
        FieldError(f"{where}.{'from' if e.field == 'start' else e.field}", e.code, e.params) for e in found
    )
    return None if found else RateChange(values["start"], values["hpf_bps"], values["lpr_bps"])


def shifted(base, changes, kind: str):
    """``base`` (day -> rate) with the changes of ``kind`` ("hpf_bps"/"lpr_bps") in force that day."""

    def rate_on(day: dt.date) -> Decimal | None:
        rate = base(day)
        if rate is None:
            return None
        bps = sum(getattr(c, kind) for c in changes if c.start <= day)
        return max(ZERO, rate + Decimal(bps) / 100)

    return rate_on
