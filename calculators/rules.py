"""Rule helpers shared by quota and eligibility, so the two can never disagree."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .applicant import Applicant
from .policy import PolicyVersion


@dataclass(frozen=True)
class Note:
    """Something the user should know about a result; ``code`` is a message key (note.<code>)."""

    code: str
    params: dict


def max_term_years(version: PolicyVersion, age: int) -> int:
    """Longest term: the policy maximum, and the loan must end by the age limit."""
    by_age = int(version.value("max_age_at_term_end")) - age
    return max(0, min(int(version.value("max_term_years")), by_age))


def effective_category(version: PolicyVersion, applicant: Applicant) -> tuple[str, list[Note]]:
    """The category the rules of this version apply, with notes when it differs from the asked one."""
    category = applicant.category
    if not version.knows_category(category):
        return "standard", [Note("category_unknown", {"category": category, "version": version.id})]
    if category == "recent_graduate" and applicant.home_number != 1:
        return "standard", [Note("graduate_first_home_only", {})]
    if category == "multi_child_family" and version.has("multi_child_min_children"):
        need = int(version.value("multi_child_min_children"))
        if applicant.children is None:
            return category, [Note("children_assumed", {"min": need})]
        if applicant.children < need:
            notes = [Note("multi_child_too_few", {"children": applicant.children, "min": need})]
            rule = version["multi_child_min_children"]
            if rule.until and applicant.children >= rule.next_value:
                notes.append(
                    Note("multi_child_later", {"date": rule.until.isoformat(), "min": int(rule.next_value)})
                )
            return "standard", notes
    return category, []


def ceiling_parameter(version: PolicyVersion, category: str, co_borrower: bool) -> str:
    if category == "standard" and co_borrower:
        return "ceiling_standard_with_co_borrower"
    return f"ceiling_{category}"


def monthly_capacity(version: PolicyVersion, applicant: Applicant) -> Decimal:
    """What the household can pay each month under the income rule (may be negative)."""
    return applicant.monthly_income * version.value("income_ratio") - applicant.monthly_debt
