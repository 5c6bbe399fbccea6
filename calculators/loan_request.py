"""A repayment request in the shared vocabulary, and the outcome every front end shows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from . import clock
from .commercial_request import COMMERCIAL_ONLY, commercial_only, commercial_part
from .day_fields import YEARS
from .errors import FieldError, ValidationError
from .fields import is_blank, read, read_field
from .money import fen
from .months import add_months
from .policy_files import default_policy
from .prepayment_request import prepayment as _prepayment
from .rate_what_if import read_changes
from .registry import Loan, Prepayment
from .repayment import MAX_MONTHS, MAX_PRINCIPAL, MIN_PRINCIPAL


@dataclass(frozen=True)
class RepaymentRequest:
    principal: Decimal
    annual_rate: Decimal
    months: int
    method: str
    commercial_principal: Decimal | None = None
    commercial_rate: Decimal | None = None
    prepayment_month: int | None = None
    prepayment_amount: Decimal | None = None
    prepayment_mode: str | None = None
    home_number: int = 1  # first or second home: picks the HPF rate when none is given
    rate_parameter: str | None = None  # the policy rate used when ``annual_rate`` was not given
    policy_version: str | None = None  # the version that rate comes from
    commercial_rate_kind: str | None = None  # "given", "lpr" or "benchmark"
    commercial_months: int | None = None  # the commercial part's own term (default: months)
    commercial_bps: int = 0  # basis points over the reference rate, when no rate is given
    reference_rate: Decimal | None = None  # the LPR (or benchmark) the commercial rate built on
    house_price: Decimal | None = None  # when the loan was derived from price and down payment
    down_payment_percent: Decimal | None = None
    min_down_payment_percent: Decimal | None = None  # 1 - the policy's loan-to-value, in percent
    hpf_ceiling: Decimal | None = None  # the standard HPF ceiling in force (categories may go higher)
    start: dt.date | None = None  # the day the loan starts (its first payment falls due a month later)
    hold_rate: bool = False  # keep the contract rate through later rate changes (for comparison)
    commercial_repricing: str = "january"  # the commercial part's repricing day
    comparison_bps: int = 0  # spread over the reference rate of the commercial loan compared with
    prepayment_part: str | None = None  # the part of a combination loan prepaid ("commercial"/"hpf")
    loan_type: str = "hpf"  # "hpf" (with or without a commercial part) or "commercial" alone
    what_if: tuple = ()  # hypothetical rate changes (calculators/rate_what_if.py)

    @property
    def commercial_only(self) -> bool:
        return self.loan_type == COMMERCIAL_ONLY

    @property
    def rate_from_policy(self) -> bool:
        return self.rate_parameter is not None


SHORT_TERM_MONTHS = 60  # HPF rates: up to and including 5 years, or over 5 years


def default_rate(version, home_number: int, months: int) -> tuple[str, Decimal]:
    """(parameter name, rate) of the HPF rate a loan of ``months`` gets under ``version``."""
    name = version.rate_name(home_number, 5 if months <= SHORT_TERM_MONTHS else 6)
    return name, version.value(name)


def loan_start(start_month) -> dt.date | None:
    """The day a loan starts from its first payment month (YYYY-MM): the first day of the month
    before. None when it is not a month."""
    try:
        first = dt.datetime.strptime(str(start_month).strip()[:7], "%Y-%m").date()
    except (TypeError, ValueError):
        return None
    if not YEARS[0] < first.year <= YEARS[1]:  # a typo: month arithmetic near year 1 overflows
        return None
    return (first - dt.timedelta(days=1)).replace(day=1)


def min_down_payment(version, home_number: int) -> Decimal:
    """The smallest down payment in percent: 100 - the policy's loan-to-value."""
    ltv = version.value("ltv_first_home" if home_number == 1 else "ltv_second_home")
    return (1 - ltv) * 100


# Fields read only when what they refine is there: the others' errors do not count.
COMMERCIAL_FIELDS = ("commercial_rate", "commercial_months", "commercial_bps")


def parse_repayment(data: dict, *, today: dt.date | None = None) -> RepaymentRequest:
    """Flat fields (query strings, forms) and the API's nested ``prepayment`` object both work.

    ``date`` is the day the loan starts (default today, or the month before ``start_month``, the
    first payment month, when that is given). Without ``annual_rate`` the HPF rate in
    force then for the home (first or second) and the term (up to 5 years or longer) is used;
    without ``commercial_rate`` the commercial part gets the 5-year LPR in force then plus
    ``commercial_bps`` basis points. Without ``principal``, ``house_price`` and
    ``down_payment_percent`` give it: price x (1 - down payment).
    """
    raw, nested = _raw_fields(data)
    values, errors = read(Loan, raw)
    _apply_loan_type(raw, values, errors)
    day, version = _start(raw, values, errors, today)
    amounts = _amounts(raw, values, errors, version)
    rate, rate_parameter = _hpf_rate(raw, values, version)
    commercial = commercial_part(raw, values, errors, day)
    prepayment = _prepayment(raw, nested, values, errors, day)
    what_if = read_changes(raw.get("rate_changes"), values["what_if"], errors, today or clock.today())
    errors = [e for e in errors if _counts(e, raw, values)]
    if errors:
        raise ValidationError(errors)
    request = RepaymentRequest(
        values["principal"],
        rate,
        values["months"],
        values["method"],
        commercial["principal"],
        commercial["rate"],
        *prepayment[:3],
        values["home_number"],
        rate_parameter,
        version.id if rate_parameter else None,
        commercial["kind"],
        commercial["months"],
        commercial["bps"],
        commercial["reference"],
        amounts["price"],
        amounts["down"],
        amounts["min_down"],
        amounts["ceiling"],
        day,
        bool(values["hold_rate"]),
        values["commercial_repricing"],
        values["comparison_bps"] or 0,
        prepayment[3],
        what_if=what_if,
    )
    # No HPF part (checked in _amounts): the commercial loan alone.
    return request if values["principal"] else commercial_only(request)


def loan_type_of(principal, commercial_principal) -> str:
    """The loan type the amounts say when none is chosen: a commercial amount alone is a
    commercial loan, both a combination, else the fund loan."""
    has_hpf, has_commercial = not _nothing(principal), not _nothing(commercial_principal)
    if has_commercial:
        return "combination" if has_hpf else "commercial"
    return "hpf"


def _nothing(value) -> bool:
    try:
        return is_blank(value) or Decimal(str(value).replace(",", "").replace("万", "") or 0) == 0
    except ArithmeticError:
        return False


def _apply_loan_type(raw, values, errors) -> None:
    """A chosen loan type decides which amounts count: the fund loan alone leaves a commercial part
    out, a commercial loan leaves the fund loan out, a combination needs both."""
    kind = values["loan_type"]
    if kind == "hpf":
        values["commercial_principal"] = None
        raw["commercial_principal"] = None
    elif kind == "commercial":
        values["principal"], raw["principal"] = Decimal(0), "0"
        if not values["commercial_principal"] and is_blank(raw.get("commercial_principal")):
            errors.append(FieldError("commercial_principal", "required"))
    elif (
        kind == "combination" and is_blank(raw.get("commercial_principal")) and values["house_price"] is None
    ):
        errors.append(FieldError("commercial_principal", "required"))


def _raw_fields(data) -> tuple[dict, object]:
    """The request as one flat dict: the API's ``prepayment`` object and the form's
    ``prepayment_month`` etc. both become ``prepayment.month`` etc."""
    raw = dict(data) if isinstance(data, dict) else {}
    nested = raw.get("prepayment")
    if isinstance(nested, dict):
        for key in Prepayment.model_fields:
            raw.setdefault(f"prepayment.{key}", nested.get(key))
    elif nested is not None:
        raise ValidationError(FieldError("prepayment", "object"))
    for key in Prepayment.model_fields:
        if is_blank(raw.get(f"prepayment.{key}")) and not is_blank(raw.get(f"prepayment_{key}")):
            raw[f"prepayment.{key}"] = raw[f"prepayment_{key}"]
    return raw, nested


def _start(raw, values, errors, today):
    """The day the loan starts, and the policy version in force then (None when unknown)."""
    if values["date"] is not None or not is_blank(raw.get("date")):
        day = values["date"]
        first = values["start_month"]
        if day is not None and first is not None and loan_start(first) != day.replace(day=1):
            # Both said, and they disagree: which one is meant is the asker's to say.
            follows = add_months(day, 1).strftime("%Y-%m")
            errors.append(
                FieldError(
                    "start_month",
                    "start_disagrees",
                    {"date": day.isoformat(), "start_month": first, "follows": follows},
                )
            )
    elif values["start_month"] is not None:
        day = loan_start(values["start_month"])
    else:
        day = today or clock.today()
    if day is None:
        return None, None
    try:
        return day, default_policy().on(day)
    except ValidationError as exc:
        errors.extend(exc.errors)
        return day, None


def _amounts(raw, values, errors, version) -> dict:
    """Price, down payment and the loan: from the price when no loan is given (the HPF part up to
    the ceiling, the rest a commercial part), else the down payment the loans leave."""
    price = values["house_price"]
    ceiling = version.value("ceiling_standard") if version is not None else None
    down, min_down = _down_payment(values, version, errors)
    if is_blank(raw.get("principal")) and price is not None and down is not None:
        hpf_part, rest = split_loan(price, down, ceiling)
        values["principal"] = read_field(Loan, "principal", str(hpf_part), errors)
        if rest > 0 and is_blank(raw.get("commercial_principal")):
            values["commercial_principal"] = read_field(Loan, "commercial_principal", str(rest), errors)
    elif is_blank(raw.get("principal")) or values["principal"] == 0:
        if not values["commercial_principal"] and values["loan_type"] != "commercial":  # nothing to lend
            errors.append(FieldError("principal", "required"))
        values["principal"] = Decimal(0)
    elif values["principal"] is not None and values["principal"] < MIN_PRINCIPAL:
        errors.append(FieldError("principal", "range", {"min": MIN_PRINCIPAL, "max": MAX_PRINCIPAL}))
    elif price is not None and values["principal"] is not None and min_down is not None:
        loan = values["principal"] + (values["commercial_principal"] or 0)
        down = ((price - loan) / price * 100).quantize(Decimal("0.01"))
        if down < min_down:
            errors.append(
                FieldError(
                    "principal",
                    "loan_over_price",
                    {"max": f"{price * (100 - min_down) / 100:,.0f}", "min": f"{min_down:.0f}"},
                )
            )
    return {
        "price": price,
        "down": down if price is not None else None,
        "min_down": min_down,
        "ceiling": ceiling,
    }


def _down_payment(values, version, errors) -> tuple[Decimal | None, Decimal | None]:
    """(down payment, the policy's minimum) in percent for a price; the minimum when none given."""
    down, home = values["down_payment_percent"], values["home_number"]
    if values["house_price"] is None or version is None or not home:
        return down, None
    min_down = min_down_payment(version, home)
    if down is None:
        return min_down, min_down
    if down < min_down:
        errors.append(FieldError("down_payment_percent", "down_payment_low", {"min": f"{min_down:.0f}"}))
    return down, min_down


def _hpf_rate(raw, values, version) -> tuple[Decimal | None, str | None]:
    """The rate given, or the policy's for the home and the term (and which parameter it is)."""
    rate, months, home = values["annual_rate"], values["months"], values["home_number"]
    if rate is None and is_blank(raw.get("annual_rate")) and version and months and home:
        name, rate = default_rate(version, home, months)
        return rate, name
    return rate, None


def _counts(error: FieldError, raw, values) -> bool:
    """Whether a field's error matters: the commercial part's settings only with a commercial part,
    the down payment only with a price, the first payment month only without a start date."""
    if isinstance(raw.get(error.field), (dict, list)):  # no form sends that: always an error
        return True
    if error.field in COMMERCIAL_FIELDS:
        return bool(values["commercial_principal"])
    if error.field == "down_payment_percent" and error.code != "down_payment_low":
        return values["house_price"] is not None
    if error.field == "start_month" and error.code != "start_disagrees":
        return is_blank(raw.get("date"))
    return True


def split_loan(price: Decimal, down_percent: Decimal, ceiling: Decimal | None) -> tuple[Decimal, Decimal]:
    """(HPF part, commercial part) of the loan a price leaves after its down payment: the HPF loan
    up to the ceiling, the rest a commercial loan."""
    loan = fen(price * (100 - down_percent) / 100)
    hpf = min(loan, ceiling) if ceiling else loan
    return hpf, loan - hpf


def policy_rate(months, home, start_month=None) -> Decimal | None:
    """The HPF rate in force when a loan of ``months`` for the ``home`` starts (its first payment
    in ``start_month``, default next month), or None when the inputs cannot say."""
    try:
        m, h = int(str(months)), int(str(home or 1))
    except ValueError:
        return None
    if not 1 <= m <= MAX_MONTHS or h not in (1, 2):
        return None
    try:
        version = default_policy().on(loan_start(start_month) or clock.today())
    except ValidationError:  # before the first policy the site knows: the form says so
        return None
    return default_rate(version, h, m)[1]


def first_payment_month(start_month) -> dt.date | None:
    """The first payment month as a date, to label each period with its month."""
    start = loan_start(start_month)
    return add_months(start, 1) if start else None
