"""The applicant: what quota and eligibility need to know, parsed from any source."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace
from decimal import Decimal

from .errors import ValidationError
from .fields import Collector, is_blank
from .policy import CATEGORIES

ACCOUNT_STATUSES = ("normal", "suspended")  # 正常缴存 / 封存
# Chinese words a spreadsheet may hold instead of the API's codes.
CATEGORY_ALIASES = {"普通": "standard", "一般": "standard", "标准": "standard",
                    "高层次人才": "high_level_talent", "人才": "high_level_talent",
                    "多子女家庭": "multi_child_family", "多子女": "multi_child_family",
                    "二孩及以上家庭": "multi_child_family", "三孩家庭": "multi_child_family",
                    "毕业生": "recent_graduate", "高校毕业生": "recent_graduate"}
STATUS_ALIASES = {"正常": "normal", "正常缴存": "normal", "封存": "suspended"}
# Category words that also say how many children there are (at least), when no count is given.
CHILDREN_IMPLIED = {"二孩及以上家庭": 2, "二孩家庭": 2, "三孩家庭": 3, "三孩及以上家庭": 3}
FUND_CITIES = ("zhuzhou", "other")  # where the applicant pays into a housing fund
FUND_CITY_ALIASES = {"株洲": "zhuzhou", "本市": "zhuzhou", "株洲缴存": "zhuzhou", "本地": "zhuzhou",
                     "外地": "other", "异地": "other", "其他城市": "other", "异地缴存": "other"}

MAX_MONEY = 100_000_000


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

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def parse_applicant(data: dict, *, for_quota: bool, today: dt.date | None = None) -> Applicant:
    """Build an Applicant or raise ValidationError listing every bad field.

    Quota needs the money fields; eligibility can judge the rules without balance and price.
    """
    c = Collector(data)
    applicant = Applicant(
        date=c.date("date", default=today or dt.date.today()),
        category=c.choice("category", CATEGORIES, default="standard", aliases=CATEGORY_ALIASES),
        age=c.integer("age", 16, 100),
        contribution_months=c.integer("contribution_months", 0, 720),
        account_balance=c.money("account_balance", 0, MAX_MONEY, required=for_quota),
        monthly_income=c.money("monthly_income", 0, 10_000_000, required=True),
        monthly_debt=c.money("monthly_debt", 0, 10_000_000, default=0),
        house_price=c.money("house_price", 10_000, 1_000_000_000, required=for_quota),
        home_number=c.integer("home_number", 1, 9, default=1),
        term_years=c.integer("term_years", 1, 50, required=False),
        co_borrower=c.boolean("co_borrower", default=False),
        account_status=c.choice("account_status", ACCOUNT_STATUSES, default="normal",
                                aliases=STATUS_ALIASES),
        children=c.integer("children", 0, 20, required=False),
        fund_city=c.choice("fund_city", FUND_CITIES, default="zhuzhou", aliases=FUND_CITY_ALIASES),
        local_hukou=None if is_blank(data.get("local_hukou") if isinstance(data, dict) else None)
        else c.boolean("local_hukou"),
    )
    if applicant.children is None and isinstance(data, dict):
        implied = CHILDREN_IMPLIED.get(str(data.get("category") or "").strip())
        if implied is not None:
            applicant = replace(applicant, children=implied)
    if c.errors:
        raise ValidationError(c.errors)
    return applicant
