"""Eligibility: one check per rule, each passed or failed with a message key and what would fix it."""

from __future__ import annotations

from dataclasses import dataclass

from .applicant import Applicant
from .policy import PolicyVersion
from .rules import Note, effective_category, max_term_years, monthly_capacity


@dataclass(frozen=True)
class Check:
    rule: str
    passed: bool
    code: str  # message key: check.<code>
    params: dict
    parameters: tuple  # policy parameters behind the rule (for source badges)
    fix: str | None = None  # message key: fix.<fix>, only for failed checks
    checked: bool = True  # False: the input the rule needs was not given; not held against anyone


@dataclass(frozen=True)
class EligibilityResult:
    """``eligible`` is three-valued: False when a rule fails, None ("depends") when nothing fails
    but a rule in force could not be checked for want of an answer, else True."""

    eligible: bool | None
    checks: tuple
    policy_version: str
    category: str
    notes: tuple


def _contribution(a: Applicant, v: PolicyVersion) -> Check:
    need = int(v.value("min_contribution_months"))
    ok = a.contribution_months >= need
    return Check(
        "contribution_months",
        ok,
        "contribution_ok" if ok else "contribution_short",
        {"months": a.contribution_months, "min": need, "missing": max(0, need - a.contribution_months)},
        ("min_contribution_months",),
        None if ok else "contribution_short",
    )


def _account(a: Applicant, v: PolicyVersion) -> Check:
    ok = a.account_status == "normal"
    return Check(
        "account_status",
        ok,
        "account_ok" if ok else "account_suspended",
        {},
        (),
        None if ok else "account_suspended",
    )


def _age_term(a: Applicant, v: PolicyVersion) -> Check:
    params = ("min_age", "max_age_at_term_end", "max_term_years")
    min_age, max_age = int(v.value("min_age")), int(v.value("max_age_at_term_end"))
    longest = max_term_years(v, a.age)
    info = {"age": a.age, "min_age": min_age, "max_age": max_age, "max_term": longest, "term": a.term_years}
    if a.age < min_age:
        return Check("age_term", False, "age_too_young", info, params, "age_too_young")
    if longest < 1:
        return Check("age_term", False, "age_too_old", info, params, "age_too_old")
    if a.term_years is not None and a.term_years > longest:
        return Check("age_term", False, "term_too_long", info, params, "term_too_long")
    return Check("age_term", True, "age_term_ok", info, params)


def _home_number(a: Applicant, v: PolicyVersion) -> Check:
    most = int(v.value("max_home_number"))
    ok = a.home_number <= most
    return Check(
        "home_number",
        ok,
        f"home_{min(a.home_number, 3)}" if ok else "home_not_lent",
        {"home_number": a.home_number, "max": most},
        ("max_home_number",),
        None if ok else "home_not_lent",
    )


def _category(category: str) -> Check:
    """Category rules are met on paper; the check says which proof the centre will ask for."""
    return Check(
        "category",
        True,
        f"category_{category}",
        {"category": category},
        () if category == "standard" else (f"ceiling_{category}",),
    )


def _hukou(a: Applicant, v: PolicyVersion) -> Check:
    """Before 2022-04-01 a non-local contributor needed Zhuzhou household registration
    (borrower or spouse); the fund lifted that rule then."""
    params = ("local_hukou_required_for_nonlocal",)
    rule = v["local_hukou_required_for_nonlocal"]
    if a.fund_city == "zhuzhou":
        return Check("hukou", True, "hukou_local_fund", {}, params)
    if not rule.value:
        return Check("hukou", True, "hukou_not_required", {"since": rule.since.isoformat()}, params)
    info = {"lifted": rule.until.isoformat() if rule.until else ""}
    if a.local_hukou is None:
        return Check("hukou", True, "hukou_not_checked", info, params, checked=False)
    if a.local_hukou:
        return Check("hukou", True, "hukou_ok", info, params)
    return Check(
        "hukou",
        False,
        "hukou_missing",
        info,
        params,
        "hukou_missing" if rule.until else "hukou_missing_no_date",
    )


def _capacity(a: Applicant, v: PolicyVersion) -> Check:
    capacity = monthly_capacity(v, a)
    ok = capacity > 0
    # No income at all is its own problem: debts are not what stands in the way.
    code = "capacity_ok" if ok else ("capacity_no_income" if not a.monthly_income else "capacity_none")
    return Check(
        "repayment_capacity",
        ok,
        code,
        {
            "capacity": max(capacity, 0),
            "income": a.monthly_income,
            "debt": a.monthly_debt,
            "ratio": v.value("income_ratio"),
        },
        ("income_ratio",),
        None if ok else code,
    )


def check(applicant: Applicant, version: PolicyVersion) -> EligibilityResult:
    category, notes = effective_category(version, applicant)
    checks = (
        _contribution(applicant, version),
        _account(applicant, version),
        _age_term(applicant, version),
        _home_number(applicant, version),
        _hukou(applicant, version),
        _category(category),
        _capacity(applicant, version),
    )
    return EligibilityResult(verdict_of(checks), checks, version.id, category, tuple(notes))


def verdict_of(checks) -> bool | None:
    if not all(c.passed for c in checks):
        return False
    return None if any(not c.checked for c in checks) else True


STATUSES = ("eligible", "depends", "not_eligible", "error")  # a batch row's verdict, or its data


def status_of(eligible: bool | None) -> str:
    """The verdict's name in reports and downloads: eligible, depends or not_eligible."""
    return {True: "eligible", None: "depends", False: "not_eligible"}[eligible]


__all__ = ["Check", "EligibilityResult", "STATUSES", "Note", "check", "status_of", "verdict_of"]
