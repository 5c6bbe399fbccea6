"""The applicant: what quota and eligibility need to know, parsed from any source."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from . import clock
from .errors import ValidationError
from .fields import read
from .registry import CHILDREN_IMPLIED, QUOTA_REQUIRED, QUOTA_REQUIRED_WITH_CASH, ApplicantFields


@dataclass(frozen=True)
class Applicant:
    date: dt.date
    category: str
    age: int
    contribution_months: int
    account_balance: Decimal | None
    monthly_income: Decimal | None
    monthly_debt: Decimal
    house_price: Decimal | None
    home_number: int
    term_years: int | None
    co_borrower: bool
    account_status: str
    children: int | None = None  # number of children; None when not asked
    fund_city: str = "zhuzhou"
    local_hukou: bool | None = None  # borrower or spouse registered in Zhuzhou; None = not asked
    cash: Decimal | None = None  # for the down payment: what home can I afford
    floor_area: Decimal | None = None  # m²: the deed tax rate (cash to close)
    maintenance_fund: Decimal | None = None  # the buyer's other costs: None is "not included"
    registration_fee: Decimal | None = None
    agency_fee: Decimal | None = None


def _required(data) -> tuple:
    cash = data.get("cash") if isinstance(data, dict) else None
    return QUOTA_REQUIRED if cash is None or str(cash).strip() == "" else QUOTA_REQUIRED_WITH_CASH


def parse_applicant(data: dict, *, for_quota: bool, today: dt.date | None = None) -> Applicant:
    """Build an Applicant or raise ValidationError listing every bad field.

    Quota needs the money fields; eligibility can judge the rules without balance and price.
    """
    values, errors = read(ApplicantFields, data, required=_required(data) if for_quota else ())
    if errors:
        raise ValidationError(errors)
    if values["date"] is None:
        values["date"] = today or clock.today()
    if values["children"] is None and isinstance(data, dict):
        values["children"] = CHILDREN_IMPLIED.get(str(data.get("category") or "").strip())
    return Applicant(**values)
