"""A repayment request in the shared vocabulary, and the outcome every front end shows."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from .errors import FieldError, ValidationError
from .fields import Collector, is_blank
from .policy import default_policy
from .repayment import (MAX_MONTHS, MAX_PRINCIPAL, MAX_RATE, METHODS, MIN_PRINCIPAL,
                        PREPAYMENT_MODES, PrepaymentResult, Schedule, combine, prepay, schedule)


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

    @property
    def rate_from_policy(self) -> bool:
        return self.rate_parameter is not None


@dataclass(frozen=True)
class RepaymentOutcome:
    request: RepaymentRequest
    schedule: Schedule  # the whole loan (both parts of a combination loan added up)
    hpf: Schedule | None = None  # parts of a combination loan
    commercial: Schedule | None = None
    prepayment: PrepaymentResult | None = None


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
    return (first - dt.timedelta(days=1)).replace(day=1)


MAX_BPS = 1000  # basis points over the LPR: commercial mortgages sit within a few hundred


def min_down_payment(version, home_number: int) -> Decimal:
    """The smallest down payment in percent: 100 - the policy's loan-to-value."""
    ltv = version.value("ltv_first_home" if home_number == 1 else "ltv_second_home")
    return (1 - ltv) * 100


def parse_repayment(data: dict, *, today: dt.date | None = None) -> RepaymentRequest:
    """Flat fields (query strings, forms) and the API's nested ``prepayment`` object both work.

    ``date`` is the day the loan starts (default today, or the month before ``start_month``, the
    first payment month, when that is given). Without ``annual_rate`` the HPF rate in
    force then for the home (first or second) and the term (up to 5 years or longer) is used;
    without ``commercial_rate`` the commercial part gets the 5-year LPR in force then plus
    ``commercial_bps`` basis points. Without ``principal``, ``house_price`` and
    ``down_payment_percent`` give it: price x (1 - down payment).
    """
    data = dict(data) if isinstance(data, dict) else {}
    nested = data.get("prepayment")
    if isinstance(nested, dict):
        for key in ("month", "amount", "mode"):
            data.setdefault(f"prepayment.{key}", nested.get(key))
    elif nested is not None:
        raise ValidationError(FieldError("prepayment", "object"))
    for key in ("month", "amount", "mode"):  # query-string spelling prepayment_month etc.
        if is_blank(data.get(f"prepayment.{key}")) and not is_blank(data.get(f"prepayment_{key}")):
            data[f"prepayment.{key}"] = data[f"prepayment_{key}"]
    c = Collector(data)
    policy = default_policy()
    if is_blank(data.get("date")) and not is_blank(data.get("start_month")):
        # The form gives the first payment month; the loan starts the month before.
        start = loan_start(data["start_month"])
        if start is None:
            c.errors.append(FieldError("start_month", "month"))
        else:
            data["date"] = start.isoformat()
    day = c.date("date", default=today or dt.date.today())
    version = None
    if day is not None:
        try:
            version = policy.on(day)
        except ValidationError as exc:
            c.errors.extend(exc.errors)
    home = c.integer("home_number", 1, 2, default=1)
    ceiling = version.value("ceiling_standard") if version is not None else None
    price = c.money("house_price", 10_000, 1_000_000_000, required=False)
    down = min_down = None
    derived = False
    if price is not None:
        down = c.decimal("down_payment_percent", 0, "99.99", required=False)
        if version is not None and home:
            min_down = min_down_payment(version, home)
            if down is None:
                down = min_down
            elif down < min_down:
                c.errors.append(FieldError("down_payment_percent", "down_payment_low",
                                           {"min": f"{min_down:.0f}"}))
    if is_blank(data.get("principal")) and price is not None and down is not None:
        # From the price: the HPF part up to the ceiling, the rest as a commercial part.
        loan = (price * (100 - down) / 100).quantize(Decimal("0.01"))
        hpf_part = min(loan, ceiling) if ceiling else loan
        data["principal"] = str(hpf_part)
        if loan > hpf_part and is_blank(data.get("commercial_principal")):
            data["commercial_principal"] = str(loan - hpf_part)
        c.data = data
        derived = True
    principal = c.money("principal", MIN_PRINCIPAL, MAX_PRINCIPAL)
    rate = c.decimal("annual_rate", 0, MAX_RATE, required=False)
    months = c.integer("months", 1, MAX_MONTHS)
    method = c.choice("method", METHODS, default="equal_installment")
    rate_parameter = None
    if rate is None and is_blank(data.get("annual_rate")) and version and months and home:
        rate_parameter, rate = default_rate(version, home, months)
    commercial = c.money("commercial_principal", 0, MAX_PRINCIPAL, required=False)
    if commercial is not None and 0 < commercial < MIN_PRINCIPAL:
        c.errors.append(FieldError("commercial_principal", "range",
                                   {"min": MIN_PRINCIPAL, "max": MAX_PRINCIPAL}))
    commercial_rate = kind = commercial_months = reference_rate = None
    bps = 0
    if commercial:
        commercial_rate = c.decimal("commercial_rate", 0, MAX_RATE, required=False)
        commercial_months = c.integer("commercial_months", 1, MAX_MONTHS, required=False)
        bps = c.integer("commercial_bps", -MAX_BPS, MAX_BPS, default=0)
        kind = "given"
        if commercial_rate is None and is_blank(data.get("commercial_rate")) and day:
            reference = policy.commercial_reference(day)
            if reference is None:
                c.errors.append(FieldError("commercial_rate", "required"))
            elif bps is not None:
                reference_rate, kind = reference.value, reference.kind
                commercial_rate = reference.value + Decimal(bps) / 100
                if not 0 <= commercial_rate <= MAX_RATE:
                    c.errors.append(FieldError("commercial_bps", "range",
                                               {"min": -MAX_BPS, "max": MAX_BPS}))
    if price is not None and principal is not None and not derived and min_down is not None:
        # Price and loan both given: the down payment is what the loans leave, at least the minimum.
        loan = principal + (commercial or 0)
        down = ((price - loan) / price * 100).quantize(Decimal("0.01"))
        if down < min_down:
            c.errors.append(FieldError("principal", "loan_over_price",
                                       {"max": f"{price * (100 - min_down) / 100:,.0f}", "min": f"{min_down:.0f}"}))
    mode = None
    month = amount = None
    # A prepayment is asked for by its month (forms keep a default mode even when unused).
    if not is_blank(data.get("prepayment.month")) or isinstance(nested, dict):
        mode = c.choice("prepayment.mode", PREPAYMENT_MODES)
        month = c.integer("prepayment.month", 1, MAX_MONTHS - 1)
        # pay_off needs no amount; one typed anyway is kept so the other modes can be compared.
        amount = c.money("prepayment.amount", "0.01", MAX_PRINCIPAL, required=mode != "pay_off")
        if commercial:
            c.errors.append(FieldError("prepayment.month", "prepay_single_only"))
    if c.errors:
        raise ValidationError(c.errors)
    return RepaymentRequest(principal, rate, months, method, commercial or None, commercial_rate,
                            month, amount, mode, home, rate_parameter,
                            version.id if rate_parameter else None, kind,
                            (commercial_months or months) if commercial else None, bps or 0,
                            reference_rate, price, down, min_down, ceiling)


def run_repayment(req: RepaymentRequest) -> RepaymentOutcome:
    hpf = schedule(req.principal, req.annual_rate, req.months, req.method)
    if req.commercial_principal:
        commercial = schedule(req.commercial_principal, req.commercial_rate, req.commercial_months,
                              req.method)
        return RepaymentOutcome(req, combine(hpf, commercial), hpf, commercial)
    if req.prepayment_mode:
        result = prepay(hpf, req.annual_rate, req.prepayment_month, req.prepayment_amount,
                        req.prepayment_mode)
        return RepaymentOutcome(req, result.schedule, prepayment=result)
    return RepaymentOutcome(req, hpf)
