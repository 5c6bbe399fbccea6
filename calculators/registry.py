"""Every input of the calculators, declared once: name, type, unit, bounds, default, choices.

The API validates with these models and its OpenAPI schema is their JSON Schema; the pages build
their forms from them (components/forms.py), the pre-check reads them as spreadsheet columns
(calculators/tables.py), and the parsers (applicant.py, loan_request.py) read every field through
them. Labels, help and column aliases in both languages are catalog strings keyed by the field's
name (``field.<name>``, ``help.<name>``, ``column_alias.<name>``). Field order is the form's.

A new input: an entry here, the rule that uses it, and its catalog strings.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from .fields import Area, Choice, Day, Flag, Money, Month, Percent, Whole
from .policy import CATEGORIES
from .repayment import MAX_MONTHS, MAX_PRINCIPAL, MAX_RATE, METHODS, PREPAYMENT_MODES
from .repricing import JANUARY, REPRICING_DAYS

MAX_MONEY = 100_000_000
# The what-if of rates to come (calculators/rate_what_if.py): a preset moves both rates by its
# basis points from next 1 January; the API may list its own changes instead.
PRESETS = ("none", "-25", "-50", "+25")
MAX_CHANGES = 10
MAX_SHIFT_BPS = 500
MAX_BPS = 1000  # basis points over the LPR: commercial mortgages sit within a few hundred
ACCOUNT_STATUSES = ("normal", "suspended")  # 正常缴存 / 封存
FUND_CITIES = ("zhuzhou", "other")  # where the applicant pays into a housing fund

# Words a spreadsheet or a link may hold instead of the API's codes (the form's own labels in both
# languages are added from the catalogs: i18n.choice_aliases).
CATEGORY_ALIASES = {
    "普通": "standard",
    "一般": "standard",
    "标准": "standard",
    "高层次人才": "high_level_talent",
    "人才": "high_level_talent",
    "多子女家庭": "multi_child_family",
    "多子女": "multi_child_family",
    "二孩及以上家庭": "multi_child_family",
    "二孩家庭": "multi_child_family",
    "三孩家庭": "multi_child_family",
    "三孩及以上家庭": "multi_child_family",
    "毕业生": "recent_graduate",
    "高校毕业生": "recent_graduate",
}
STATUS_ALIASES = {"正常": "normal", "正常缴存": "normal", "封存": "suspended"}
FUND_CITY_ALIASES = {
    "株洲": "zhuzhou",
    "本市": "zhuzhou",
    "株洲缴存": "zhuzhou",
    "本地": "zhuzhou",
    "外地": "other",
    "异地": "other",
    "其他城市": "other",
    "异地缴存": "other",
}
HOME_WORDS = {
    "首套": "1",
    "一套": "1",
    "二套": "2",
    "第二套": "2",
    "三套": "3",
    "第三套": "3",
    "第三套及以上住房": "3",
    **{f"{word}房": value for word, value in (("首套", "1"), ("一套", "1"), ("二套", "2"), ("第二套", "2"))},
    **{f"{word}房": value for word, value in (("三套", "3"), ("第三套", "3"), ("第一套", "1"))},
    **{f"第{n}套{tail}": str(n) for n in (1, 2, 3) for tail in ("", "房")},
    "第一套": "1",
}
# A co-borrower is most often the spouse: a list may name them rather than say yes.
HAVE_WORDS = {"有": "1", "没有": "0", "无": "0", "配偶": "1", "有配偶": "1", "夫妻": "1", "夫妻共同": "1"}
# Category words that also say how many children there are (at least), when no count is given.
CHILDREN_IMPLIED = {"二孩及以上家庭": 2, "二孩家庭": 2, "三孩家庭": 3, "三孩及以上家庭": 3}

YEARS = tuple((str(y * 12), None) for y in range(30, 0, -1))  # a term's choices, 30 years first
PRICES = (10_000, 1_000_000_000)  # yuan: a house price's bounds, for the applicant and the loan alike


class ApplicantFields(BaseModel):
    """Who applies: what eligibility and the quota read."""

    model_config = ConfigDict(title="Applicant", extra="ignore")

    date: Day(help=True) = Field(
        None, description="Application date; selects the policy version. Default today."
    )
    category: Choice(CATEGORIES, labels="category", aliases=CATEGORY_ALIASES, help=True) = Field(
        "standard", description="A category the version does not know is treated as standard, with a note."
    )
    age: Whole(16, 100, unit="years_old", inputmode="numeric") = Field(examples=[30])
    contribution_months: Whole(0, 720, unit="months", inputmode="numeric", help=True) = Field(
        description="Months of continuous contributions", examples=[24]
    )
    account_balance: Money(0, MAX_MONEY, shown_in="wan", help=True) = Field(
        None, description="yuan; required for quota", examples=[50000]
    )
    monthly_income: Money(0, 10_000_000, unit="per_month", help=True) = Field(
        description="household, yuan a month", examples=[12000]
    )
    monthly_debt: Money(0, 10_000_000, unit="per_month", help=True) = Field(
        Decimal(0), description="yuan a month already committed to other loans"
    )
    house_price: Money(*PRICES, shown_in="wan") = Field(
        None, description="yuan; required for quota unless cash is given", examples=[1_000_000]
    )
    cash: Money(1000, MAX_MONEY, shown_in="wan", help=True) = Field(
        None,
        description="yuan the buyer has for the down payment and the costs (the deed tax when "
        "floor_area is given, the other costs entered); the quota then also answers the highest price "
        "they cover and the caps allow (affordable), and house_price may be left out",
    )
    floor_area: Area(1, 10_000, help=True) = Field(
        None,
        description="m², the home's floor area: decides the deed tax rate in cash_to_close. Not "
        "given: the deed tax is left out of cash_to_close and named in its not_included",
    )
    maintenance_fund: Money(0, MAX_MONEY, help=True) = Field(
        None, description="yuan, special maintenance fund (专项维修资金); not given: not included"
    )
    registration_fee: Money(0, MAX_MONEY) = Field(
        None, description="yuan, registration and mortgage-registration fees; not given: not included"
    )
    agency_fee: Money(0, MAX_MONEY) = Field(None, description="yuan, agency fee; not given: not included")
    home_number: Whole(
        1,
        9,
        widget="radio",
        aliases=tuple(HOME_WORDS.items()),
        choices=(("1", "home_number.first"), ("2", "home_number.second"), ("3", "home_number.third")),
    ) = Field(1, description="1 first home, 2 second; 3 or more is not lent")
    term_years: Whole(1, 50, unit="years", inputmode="numeric", help=True) = Field(
        None, description="Default: the longest the policy and the age allow"
    )
    co_borrower: Flag(choices=(("1", "yes"), ("0", "no")), aliases=tuple(HAVE_WORDS.items())) = False
    account_status: Choice(ACCOUNT_STATUSES, labels="account_status", aliases=STATUS_ALIASES) = "normal"
    children: Whole(0, 20, unit="children", inputmode="numeric", help=True) = Field(
        None,
        description="Number of children; decides the multi-child ceiling (3 needed before "
        "2024-09-25, 2 since). Not given: read as qualifying, with a note.",
    )
    fund_city: Choice(FUND_CITIES, labels="fund_city", aliases=FUND_CITY_ALIASES, help=True) = Field(
        "zhuzhou", description="Where the applicant pays into a housing fund"
    )
    local_hukou: Flag(
        widget="select",
        help=True,
        aliases=tuple(HAVE_WORDS.items()),
        choices=(("", "local_hukou.unknown"), ("1", "local_hukou.yes"), ("0", "local_hukou.no")),
    ) = Field(
        None,
        description="Borrower or spouse holds Zhuzhou household registration; needed by "
        "non-local contributors before 2022-04-01. Not given: not checked.",
    )


# The quota needs money figures that eligibility can judge without; with cash for the down
# payment, the price can be left to the quota to find (the highest the caps allow).
QUOTA_REQUIRED = ("account_balance", "house_price")
QUOTA_REQUIRED_WITH_CASH = ("account_balance",)


COMMERCIAL_PART, HPF_PART = "commercial", "hpf"
PREPAY_PARTS = (COMMERCIAL_PART, HPF_PART)


class Prepayment(BaseModel):
    """One prepayment of a single loan (the form spells the fields prepayment_month etc.)."""

    model_config = ConfigDict(title="Prepayment", extra="ignore")

    month: Whole(1, MAX_MONTHS - 1, unit="period", inputmode="numeric", help=True) = Field(
        None, description="prepay with this payment (its number); give this or calendar_month"
    )
    calendar_month: Month(help=True) = Field(
        None,
        description="prepay with the payment falling due in this month (YYYY-MM), counted from the "
        "first payment month; give this or month",
    )
    amount: Money("0.01", MAX_PRINCIPAL, shown_in="wan") = Field(None, description="not needed for pay_off")
    mode: Choice(PREPAYMENT_MODES, labels="mode", widget="radio") = Field(examples=["shorten_term"])
    part: Choice(PREPAY_PARTS, labels="prepay_part", widget="radio", help=True) = Field(
        COMMERCIAL_PART,
        description="Which part of a combination loan is prepaid: commercial (the usual advice: its "
        "rate is higher) or hpf; ignored for a single loan",
    )


class RateChange(BaseModel):
    """A hypothetical change: from the day it would apply to new loans, as the policy data dates
    real ones; an existing loan meets it on its repricing day (1 January for the HPF part)."""

    model_config = ConfigDict(title="RateChange", extra="ignore", populate_by_name=True)

    start: Day() = Field(alias="from", description="YYYY-MM-DD, the day the change takes effect")
    hpf_bps: Whole(-MAX_SHIFT_BPS, MAX_SHIFT_BPS, unit="bps") = Field(0, description="HPF rates moved by")
    lpr_bps: Whole(-MAX_SHIFT_BPS, MAX_SHIFT_BPS, unit="bps") = Field(0, description="The LPR moved by")


# A link typed by hand: "+25" arrives as " 25"; points work as well as basis points.
PRESET_WORDS = {"25": "+25", "0.25": "+25", "+0.25": "+25", "-0.25": "-25", "-0.5": "-50", "0": "none"}
LOAN_TYPES = ("hpf", "combination", "commercial")  # the habit of every Chinese mortgage calculator


class Loan(BaseModel):
    """A repayment request: the loan (or the house it buys), its rate and term, and a prepayment."""

    model_config = ConfigDict(title="RepaymentRequest", extra="ignore")

    loan_type: Choice(LOAN_TYPES, labels="loan_type", widget="radio") = Field(
        None,
        description="hpf: the fund loan alone (a commercial part given is left out); combination: both "
        "parts (commercial_principal required); commercial: the commercial loan alone (principal left "
        "out). Default: read from the amounts given",
    )
    principal: Money(0, MAX_PRINCIPAL, shown_in="wan") = Field(
        None,
        examples=[600_000],
        description="yuan, the HPF loan (the HPF part of a combination loan), at least 1000; may be "
        "left out when house_price is given; 0 or left out with commercial_principal: a commercial "
        "loan alone (LPR + commercial_bps)",
    )
    months: Whole(1, MAX_MONTHS, widget="select", choices=YEARS) = Field(examples=[360])
    home_number: Whole(
        1,
        2,
        widget="radio",
        aliases=tuple(HOME_WORDS.items()),
        choices=(("1", "home_number.first"), ("2", "home_number.second")),
    ) = Field(1, description="First or second home; picks the default rate and the minimum down payment")
    annual_rate: Percent(0, MAX_RATE, help=True) = Field(
        None,
        description="percent, e.g. 3.1; a non-zero rate is at least 0.00000001. Default: the HPF "
        "rate in force on 'date' for 'home_number' and the term (up to 60 months: the "
        "short rate)",
    )
    method: Choice(METHODS, labels="method", widget="radio") = METHODS[0]
    start_month: Month(help=True) = Field(
        None, description="First payment month YYYY-MM; without 'date' the loan starts the month before"
    )
    house_price: Money(*PRICES, shown_in="wan", help=True) = Field(
        None, description="yuan; without principal the loan is price x (1 - down payment)"
    )
    down_payment_percent: Percent(0, "99.99", help=True) = Field(
        None, description="percent of the price; default and minimum: the policy's (20 first home, 30 second)"
    )
    commercial_principal: Money(0, MAX_PRINCIPAL, shown_in="wan", help=True) = Field(
        None,
        description="Commercial part of a combination loan (组合贷款); 0 or left out: none, "
        "otherwise at least 1000",
    )
    commercial_months: Whole(
        1, MAX_MONTHS, widget="select", choices=(("", "repayment.same_term"),) + YEARS
    ) = Field(None, description="The commercial part's own term; default months")
    commercial_bps: Whole(-MAX_BPS, MAX_BPS, unit="bps", inputmode="numeric", help=True) = Field(
        0,
        description="Basis points over the 5-year LPR in force on 'date', used when commercial_rate "
        "is left out",
    )
    commercial_rate: Percent(0, MAX_RATE, help=True) = Field(
        None, description="percent; default the 5-year LPR in force on 'date' plus commercial_bps"
    )
    comparison_bps: Whole(-MAX_BPS, MAX_BPS, unit="bps", inputmode="numeric", help=True) = Field(
        0,
        description="The spread (basis points) over the 5-year LPR in force on 'date' of the commercial "
        "loan this loan is compared with (commercial_comparison)",
    )
    hold_rate: Flag(help=True) = Field(
        False,
        description="For a loan that started in the past at the policy rate: keep the contract rate "
        "instead of following each later rate change (to compare)",
    )
    commercial_repricing: Choice(REPRICING_DAYS, labels="repricing", widget="radio", help=True) = Field(
        JANUARY, description="The commercial part's repricing day: 1 January, or the loan's anniversary"
    )
    date: Day() = Field(
        None, description="The day the loan starts: picks the default HPF rate and the LPR; default today"
    )
    what_if: Choice(PRESETS, labels="what_if", aliases=PRESET_WORDS, help=True) = Field(
        "none",
        description="A what-if, not a forecast: both the HPF rates and the LPR moved by these basis "
        "points from next 1 January (the page's presets); or give rate_changes",
    )
    rate_changes: list[RateChange] | None = Field(
        None, max_length=MAX_CHANGES, description="Hypothetical rate changes (a what-if, not a forecast)"
    )
    prepayment: Prepayment | None = None


def choice_labels() -> dict[str, dict[str, str]]:
    """{field: {value: catalog key of its label}} of every field with named choices (the
    prepayment's spelled ``prepayment.mode``), for templates, messages and spreadsheet words."""
    out: dict[str, dict[str, str]] = {}
    for prefix, model in (("", ApplicantFields), ("", Loan), ("prepayment.", Prepayment)):
        for name in model.model_fields:
            spec = next((m for m in model.model_fields[name].metadata if hasattr(m, "choices")), None)
            if spec and spec.choices and all(key for _, key in spec.choices):
                out.setdefault(prefix + name, dict(spec.choices))
    return out


def value_words() -> dict[str, dict[str, str]]:
    """{field: {word: value}}: the everyday words of the registry (the catalogs add the labels)."""
    out: dict[str, dict[str, str]] = {}
    for model in (ApplicantFields, Loan):
        for name in model.model_fields:
            spec = next((m for m in model.model_fields[name].metadata if hasattr(m, "aliases")), None)
            if spec and spec.aliases and spec.kind != "choice":
                out.setdefault(name, {}).update(dict(spec.aliases))
    return out
