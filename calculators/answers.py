"""Input → answer for an applicant: the one path the pages, the server HTML, the API and the batch
pre-check all take (parse the fields, pick the policy version of the day, judge), so they cannot
disagree about any applicant."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .afford import Affordable, DownPayment, affordable, down_payment
from .applicant import Applicant, parse_applicant
from .cash_to_close import CashToClose, cash_to_close, costs_at
from .eligibility import EligibilityResult, check
from .errors import FieldError, ValidationError
from .fields import read_field
from .policy import Policy, PolicyVersion
from .policy_files import default_policy
from .quota import QuotaResult, quota
from .registry import ApplicantFields
from .rules import Note


@dataclass(frozen=True)
class Answer:
    applicant: Applicant
    version: PolicyVersion
    eligibility: EligibilityResult
    quota: QuotaResult | None = None
    quota_errors: tuple[FieldError, ...] = ()  # e.g. a term past the age limit: eligibility still answers
    affordable: Affordable | None = None  # with cash: the highest price (the quota is asked there
    down_payment: DownPayment | None = None  # when no price is given)
    # What the buyer brings for the price: with the HPF loan alone, and with a commercial part for
    # the rest (None when the HPF loan already reaches the loan-to-value cap).
    cash_to_close: tuple[CashToClose, CashToClose | None] | None = None


def judge(
    data: dict,
    *,
    for_quota: bool,
    with_quota: bool = True,
    today: dt.date | None = None,
    policy: Policy | None = None,
) -> Answer:
    """Eligibility and (``with_quota``) the quota of the applicant in ``data``. Raises
    ValidationError for bad fields; with ``for_quota`` also when the quota cannot be computed."""
    policy = policy or default_policy()
    try:
        applicant = parse_applicant(data, for_quota=for_quota, today=today)
    except ValidationError as exc:  # a date before the first policy is named with the others
        raise ValidationError(exc.errors + _date_errors(data, policy, exc.errors)) from None
    version = policy.on(applicant.date)
    verdict = check(applicant, version)
    if not with_quota:
        return Answer(applicant, version, verdict)
    try:
        costs = costs_at(policy.deed_tax, applicant)
        afford, short = _affordable(applicant, version, costs)
        if applicant.house_price is None and afford is not None:
            applicant = replace(applicant, house_price=afford.price)
        q = quota(applicant, version)
        if short is not None:  # said beside the answer, never dropped in silence
            q = replace(q, notes=(*q.notes, Note(short.code, {**short.params, "cash": applicant.cash})))
        down = down_payment(q, applicant.house_price)
        bring = (
            cash_to_close(policy.deed_tax, applicant, applicant.house_price, down.hpf_only),
            cash_to_close(policy.deed_tax, applicant, applicant.house_price, down.minimum)
            if down.commercial_part > 0
            else None,
        )
        return Answer(applicant, version, verdict, q, (), afford, down, bring)
    except ValidationError as exc:
        if for_quota:
            raise
        return Answer(applicant, version, verdict, None, tuple(exc.errors))


def _affordable(applicant: Applicant, version: PolicyVersion, costs):
    """(what the cash affords, or None; why not, or None). Cash below the least home's need is an
    error on ``cash`` when it is the question (no price given); beside a price the quota for that
    price is answered, and the shortfall becomes a note of it."""
    if applicant.cash is None:
        return None, None
    try:
        return affordable(applicant, version, applicant.cash, costs), None
    except ValidationError as exc:
        if applicant.house_price is None:
            raise
        return None, exc.errors[0]


def _date_errors(data, policy: Policy, found) -> list[FieldError]:
    if any(e.field == "date" for e in found):
        return []
    day = read_field(ApplicantFields, "date", data.get("date") if isinstance(data, dict) else None, [])
    try:
        policy.on(day) if day else None
    except ValidationError as exc:
        return list(exc.errors)
    return []


@dataclass(frozen=True)
class TimelineEntry:
    """The same applicant under one policy version, asked on the day it took effect."""

    version: str
    effective: dt.date
    eligible: bool | None
    amount: object = None  # Decimal, or None when the quota cannot be computed that day
    binding_cap: str | None = None
    errors: tuple[FieldError, ...] = ()


def timeline(data: dict, *, policy: Policy | None = None) -> list[TimelineEntry]:
    """What the applicant in ``data`` could borrow under every policy version: each entry equals
    asking the quota on that version's effective date (the applicant's own date is replaced)."""
    policy = policy or default_policy()
    first = policy.versions[0].effective.isoformat()
    return timeline_of(parse_applicant({**data, "date": first}, for_quota=False), policy=policy)


def timeline_of(applicant: Applicant, *, policy: Policy | None = None) -> list[TimelineEntry]:
    """``timeline`` for an applicant already read (an answer's, whose price may be the one the
    cash affords): read once, asked on each version's day."""
    policy = policy or default_policy()
    entries = []
    for version in policy.versions:
        asked = replace(applicant, date=version.effective)
        verdict = check(asked, version)
        try:
            q, problems = quota(asked, version, spans=False), ()
        except ValidationError as exc:
            q, problems = None, tuple(exc.errors)
        entries.append(
            TimelineEntry(
                version.id,
                version.effective,
                verdict.eligible,
                q.amount if q else None,
                q.binding_cap if q else None,
                problems,
            )
        )
    return entries
