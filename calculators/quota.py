"""Loan quota (可贷额度): the smallest of the caps, naming the binding one and what lifts it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

from .applicant import Applicant
from .errors import FieldError, ValidationError
from .money import ZERO, floor_to
from .policy import PolicyVersion
from .repayment import level_payment, present_value_factor
from .rules import Note, ceiling_parameter, effective_category, max_term_years, monthly_capacity

ROUND_STEP = Decimal("100")  # quotas are rounded DOWN to a multiple of 100 yuan
CAP_ORDER = ("ceiling", "loan_to_value", "balance", "repayment_capacity")


@dataclass(frozen=True)
class Lift:
    """Raising ``field`` by ``per`` yuan raises this cap by ``gain`` yuan."""

    field: str
    per: Decimal
    gain: Decimal


@dataclass(frozen=True)
class Cap:
    name: str
    amount: Decimal
    parameters: tuple  # policy parameter names behind this cap (for source badges)
    params: dict = field(default_factory=dict)  # figures to explain it
    lift: Lift | None = None


@dataclass(frozen=True)
class Span:
    """The quota with an assumed parameter at the low and the high end of its stated range."""

    parameter: str
    value: Decimal
    low_value: Decimal
    high_value: Decimal
    low: Decimal
    high: Decimal


@dataclass(frozen=True)
class QuotaResult:
    amount: Decimal
    binding_cap: str
    caps: tuple
    policy_version: str
    category: str
    term_years: int
    max_term_years: int
    annual_rate: Decimal
    rate_parameter: str
    monthly_payment: Decimal  # equal installment at ``amount``, for a first idea
    notes: tuple
    span: Span | None = None  # set when the amount moves within an assumed parameter's range
    assumed: tuple = ()  # assumed parameters behind the binding cap (rates aside)

    def cap(self, name: str) -> Cap | None:
        return next((c for c in self.caps if c.name == name), None)

    @property
    def not_lent(self) -> bool:
        """The fund lends nothing for this home (a third home): said apart from "not yet"."""
        return any(n.code == "home_number_not_lent" for n in self.notes)


def _fen_down(value: Decimal) -> Decimal:
    return max(ZERO, value.quantize(Decimal("0.01"), rounding=ROUND_DOWN))


def term_for(version: PolicyVersion, applicant: Applicant) -> tuple[int, int]:
    """(term used, longest allowed); raises when the age or the asked term does not fit."""
    longest = max_term_years(version, applicant.age)
    if applicant.age < version.value("min_age"):
        raise ValidationError(FieldError("age", "too_young", {"min": int(version.value("min_age"))}))
    if longest < 1:
        raise ValidationError(
            FieldError("age", "too_old", {"max_age": int(version.value("max_age_at_term_end"))})
        )
    if applicant.term_years is not None and applicant.term_years > longest:
        raise ValidationError(
            FieldError(
                "term_years",
                "term_too_long",
                {"max": longest, "age": applicant.age, "max_age": int(version.value("max_age_at_term_end"))},
            )
        )
    return applicant.term_years or longest, longest


def quota(applicant: Applicant, version: PolicyVersion, *, spans: bool = True) -> QuotaResult:
    """The amount this applicant could borrow under ``version``; needs balance and house price.
    With ``spans``, an amount that moves within an assumed parameter's range says how far."""
    missing = [
        FieldError(name, "required")
        for name in ("account_balance", "house_price")
        if getattr(applicant, name) is None
    ]
    if missing:
        raise ValidationError(missing)
    term, longest = term_for(version, applicant)
    category, notes = effective_category(version, applicant)
    months = term * 12
    rate_name = version.rate_name(applicant.home_number, term)
    rate = version.rate(applicant.home_number, term)
    caps = []

    ceiling_name = ceiling_parameter(version, category, applicant.co_borrower)
    caps.append(Cap("ceiling", version.value(ceiling_name), (ceiling_name,), {"category": category}))

    if applicant.home_number > version.value("max_home_number"):
        notes.append(Note("home_number_not_lent", {"max": int(version.value("max_home_number"))}))
        caps.append(Cap("loan_to_value", ZERO, ("max_home_number",), {"ltv": ZERO}))
    else:
        ltv_name = "ltv_first_home" if applicant.home_number == 1 else "ltv_second_home"
        ltv = version.value(ltv_name)
        caps.append(
            Cap(
                "loan_to_value",
                _fen_down(applicant.house_price * ltv),
                (ltv_name,),
                {"ltv": ltv, "house_price": applicant.house_price},
                Lift("house_price", Decimal(10000), ltv * 10000),
            )
        )

    exempt = category == "high_level_talent" and version.value("balance_exempt_high_level_talent")
    if exempt:
        notes.append(Note("talent_balance_exempt", {}))
    else:
        multiplier = version.value("balance_multiplier")
        used = ["balance_multiplier"]
        uplift = Decimal(1)
        uplift_name = f"balance_uplift_{category}"
        if version.has(uplift_name) and version.value(uplift_name) != 1:
            uplift = version.value(uplift_name)
            used.append(uplift_name)
            notes.append(Note("balance_uplift", {"category": category, "percent": (uplift - 1) * 100}))
        caps.append(
            Cap(
                "balance",
                _fen_down(applicant.account_balance * multiplier * uplift),
                tuple(used),
                {"multiplier": multiplier, "uplift": uplift, "account_balance": applicant.account_balance},
                Lift("account_balance", Decimal(10000), multiplier * uplift * 10000),
            )
        )

    capacity = monthly_capacity(version, applicant)
    factor = present_value_factor(rate, months)
    caps.append(
        Cap(
            "repayment_capacity",
            _fen_down(capacity * factor) if capacity > 0 else ZERO,
            ("income_ratio", rate_name, "max_term_years", "max_age_at_term_end"),
            {
                "monthly_capacity": max(capacity, ZERO),
                "ratio": version.value("income_ratio"),
                "term_years": term,
                "annual_rate": rate,
            },
            Lift("monthly_income", Decimal(1000), _fen_down(version.value("income_ratio") * 1000 * factor)),
        )
    )

    binding = min(caps, key=lambda c: (c.amount, CAP_ORDER.index(c.name)))
    amount = floor_to(binding.amount, ROUND_STEP)
    if applicant.co_borrower and category == "standard":
        notes.append(Note("co_borrower_ceiling", {}))
    assumed = tuple(
        n for n in binding.parameters if version[n].confidence == "assumption" and not n.startswith("rate_")
    )
    return QuotaResult(
        amount=amount,
        binding_cap=binding.name,
        caps=tuple(caps),
        policy_version=version.id,
        category=category,
        term_years=term,
        max_term_years=longest,
        annual_rate=rate,
        rate_parameter=rate_name,
        monthly_payment=level_payment(amount, rate, months) if amount > 0 else ZERO,
        notes=tuple(notes),
        span=_span(applicant, version, caps, amount) if spans else None,
        assumed=assumed,
    )


def _span(applicant: Applicant, version: PolicyVersion, caps, amount: Decimal) -> Span | None:
    """The first assumed parameter with a stated range that moves the amount (only the balance
    multiple has one today): the quota asked again at both ends. A cap grows in proportion to
    its ranged parameter, so one that stays above the amount at the low end moves nothing, and
    the quota is not asked again (most rows of a batch)."""
    for name in dict.fromkeys(n for c in caps for n in c.parameters):
        p = version[name]
        if p.range is None or not p.value:
            continue
        using = [c for c in caps if name in c.parameters]
        if all(c.amount * p.range[0] / p.value >= amount + ROUND_STEP for c in using):
            continue  # above the amount at the low end, so also at the high end
        low, high = (quota(applicant, version.with_value(name, end), spans=False).amount for end in p.range)
        if low != high:
            return Span(name, p.value, p.range[0], p.range[1], low, high)
    return None
