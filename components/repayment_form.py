"""The repayment form: its fields (from the input registry), a shared link as the form shows it,
and the one path from what the form holds to the answer (calculators/loan_request.py), which the
page's first render and every later change take alike."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

import dash
from dash import html

from calculators import clock
from calculators.errors import FieldError, ValidationError
from calculators.fields import bounded_decimal, is_blank
from calculators.loan_outcome import run_repayment
from calculators.loan_request import (
    first_payment_month,
    loan_type_of,
    min_down_payment,
    parse_repayment,
    policy_rate,
    split_loan,
)
from calculators.money import to_decimal
from calculators.months import add_months
from calculators.policy_files import default_policy
from calculators.registry import Loan, Prepayment
from calculators.scenarios import check_overrides, run_each
from i18n import t

from . import repayment_scenarios as compare
from . import repayment_view as view
from .applicant_form import query_string
from .forms import (
    Field,
    collect,
    echoes,
    feedback_id,
    fields_of,
    fill,
    messages,
    newly_marked,
    plain,
    render,
    section_summary,
    summary,
    to_display,
)
from .lazy_details import LazyDetails
from .repayment_hints import down_payment_minimums, lpr_hint, months_options, rate_hint
from .results import error_alert

FORM = "repayment"


def form_fields(today: dt.date) -> list[Field]:
    """The form: the loan's fields from the registry, then the prepayment's (spelled flat)."""
    next_month = add_months(today, 1).strftime("%Y-%m")
    loan = [n for n in Loan.model_fields if n not in ("date", "prepayment", "rate_changes")]
    return (
        fields_of(
            Loan, loan, defaults={"start_month": next_month, "commercial_bps": "", "comparison_bps": ""}
        )
        + [PREPAY_BY]
        + fields_of(Prepayment, prefix="prepayment_")
    )


# The form's own choice (not the API's): a prepayment by its payment number or by its month. Only
# the chosen field counts; the other keeps what was typed in it, hidden.
PREPAY_BY = Field(
    "prepayment_by",
    "radio",
    "period",
    options=(("period", "prepayment_by.period"), ("month", "prepayment_by.month")),
)
PREPAY_WHEN = {"period": "prepayment_month", "month": "prepayment_calendar_month"}


def prepay_by(values: dict) -> str:
    """Which of the prepayment's two fields counts: the one chosen, else the one filled in."""
    chosen = values.get("prepayment_by")
    if chosen in PREPAY_WHEN:
        return chosen
    by_month = is_blank(values.get("prepayment_month")) and not is_blank(
        values.get("prepayment_calendar_month")
    )
    return "month" if by_month else "period"


def counted(values: dict) -> dict:
    """The form's values as the parser and the link take them: only the chosen prepayment field."""
    by = prepay_by(values)
    other = PREPAY_WHEN["month" if by == "period" else "period"]
    return {k: v for k, v in values.items() if k not in (other, "prepayment_by")}


def auto_rate(months, home, start_month=None) -> str | None:
    """The policy rate as the rate field shows it."""
    rate = policy_rate(months, home, start_month)
    return None if rate is None else plain(rate)


def same_number(a, b) -> bool:
    try:
        return to_decimal(str(a).replace("%", "")) == to_decimal(str(b))
    except InvalidOperation:
        return False


def from_price(price_yuan: Decimal, down, home) -> tuple[Decimal, Decimal] | None:
    """(HPF part, commercial part) in yuan for a price and a down payment as typed, or None while
    the down payment is not one the policy allows (its field says why)."""
    version = default_policy().on(clock.today())
    minimum = min_down_payment(version, 2 if str(home) == "2" else 1)
    try:
        share = to_decimal(str(down).replace("%", "")) if not is_blank(down) else minimum
    except InvalidOperation:
        return None
    if not minimum <= share < 100:
        return None
    return split_loan(price_yuan, share, version.value("ceiling_standard"))


def link_inputs(query: dict, auto) -> dict:
    """A shared link as the form shows it: the policy rate when none is given, and the loan a
    price gives when no loan is given."""
    query = {k: v for k, v in query.items() if isinstance(v, str)}
    if is_blank(query.get("annual_rate")):
        query["annual_rate"] = auto
    if is_blank(query.get("loan_type")):  # the choice shows what the amounts say
        query["loan_type"] = loan_type_of(query.get("principal"), query.get("commercial_principal"))
    query["prepayment_by"] = prepay_by(query)
    if is_blank(query.get("principal")) and not is_blank(query.get("house_price")):
        try:
            parts = from_price(
                bounded_decimal(query["house_price"]),
                query.get("down_payment_percent"),
                query.get("home_number"),
            )
        except (ArithmeticError, ValueError):  # the field shows the price's own error
            parts = None
        if parts:
            query["principal"] = f"{parts[0]:f}"
            if parts[1] and is_blank(query.get("commercial_principal")):
                query["commercial_principal"] = f"{parts[1]:f}"
    return query


MAIN_FIELDS = (
    "loan_type",
    "principal",
    "months",
    "home_number",
    "annual_rate",
    "method",
    "start_month",
    "hold_rate",
)
# The form's closed sections: their DOM ids and fields. A section opens for a link that fills one
# of its fields in, and for a message on one of its fields (its fields are built only once open).
SECTIONS = {
    "from_price": ("repayment-price-details", ("house_price", "down_payment_percent")),
    "combination": (
        "repayment-combo-details",
        (
            "commercial_principal",
            "commercial_months",
            "commercial_bps",
            "commercial_rate",
            "commercial_repricing",
            "comparison_bps",
        ),
    ),
    "prepayment": (
        "repayment-prepay-details",
        ("prepayment_by", *PREPAY_WHEN.values(), "prepayment_amount", "prepayment_mode", "prepayment_part"),
    ),
    "what_if": ("repayment-what-if-details", ("what_if",)),
}
OPENED_BY = {  # the link's fields that open a section
    "from_price": ("house_price",),
    "combination": ("commercial_principal",),
    "prepayment": tuple(PREPAY_WHEN.values()),
    "what_if": ("what_if",),
}
NOT_OPENING = ("", "none")  # a link's value that leaves its section closed (no what-if)


def opened_sections(query: dict, feedback: dict) -> set[str]:
    """The sections open for a link: those it fills in, and those holding a field's message."""
    return {
        key
        for key, (_id, names) in SECTIONS.items()
        if any(query.get(n) not in (None, *NOT_OPENING) for n in OPENED_BY[key])
        or any(feedback.get(n) for n in names)
    }


def sections_opened_by(names: list[str], feedback: list[str], before: list) -> list:
    """For each section, in SECTIONS order, True when a field in it has a new message (the
    callback's answer opens it: its fields are built only once open), else no_update."""
    marked = newly_marked(names, feedback, before)
    return [True if marked & set(fields) else dash.no_update for _, fields in SECTIONS.values()]


def form(by_name: dict, query: dict, lang: str, feedback: dict | None = None):
    """The form for a link; ``feedback``: each field's message in the first answer."""
    feedback = feedback or {}
    opened = opened_sections(query, feedback)

    def field(name):
        component = render(FORM, by_name[name], lang, query.get(name))
        if name in ("months", "commercial_months"):  # years in the list, months in the URL
            component.children[1].options = months_options(by_name[name], lang, query.get(name))
        if name in feedback:
            fill(component, feedback_id(FORM, name), feedback[name])
        return component

    def section(key, names, extra=()):
        return LazyDetails(
            [
                section_summary(t(lang, f"repayment.{key}"), lang),
                html.P(
                    t(lang, f"repayment.{key}_help", **down_payment_minimums()),
                    className="small text-body-secondary",
                ),
                *[field(n) for n in names],
                *extra,
            ],
            id=SECTIONS[key][0],
            open=key in opened,
            className="mb-2",
        )

    return html.Form(
        [
            *[field(n) for n in MAIN_FIELDS[:5]],
            rate_hint(lang),
            *[field(n) for n in MAIN_FIELDS[5:]],
            section("from_price", SECTIONS["from_price"][1]),
            section("combination", SECTIONS["combination"][1], [lpr_hint(lang)]),
            section(
                "prepayment",
                ["prepayment_by"],
                [
                    html.Div(
                        field(name), id=f"repayment-prepay-by-{by}", className=prepay_by_class(query, by)
                    )
                    for by, name in PREPAY_WHEN.items()
                ]
                + [field("prepayment_amount"), field("prepayment_mode"), field("prepayment_part")],
            ),
            section("what_if", SECTIONS["what_if"][1]),
        ],
        id="repayment-form",
        className="applicant-form",
        noValidate=True,
    )


def prepay_by_class(values: dict, by: str) -> str:
    """Only the chosen one of the prepayment's two fields is shown."""
    return "" if prepay_by(values) == by else "d-none"


def request_data(values, following) -> dict:
    """The form's values as the parser (and the page's link) take them. ``following``: the
    policy rate the rate field follows (None once a rate was typed or came in the link). A field
    still showing it asks for "the policy rate" (which follows later rate changes, and a scenario
    with another term gets its own); any other rate is held, as the API holds a given rate."""
    data = counted(values)
    if following is not None and same_number(values.get("annual_rate"), following):
        data["annual_rate"] = None
    if data.get("loan_type") == loan_type_of(values.get("principal"), values.get("commercial_principal")):
        data["loan_type"] = None  # what the amounts say anyway: the link stays as short as it was
    return data


def compute(values, following):
    """The form's values -> (outcome, first payment month), or ValidationError."""
    return run_repayment(parse_repayment(request_data(values, following))), first_payment_month(
        values.get("start_month")
    )


def compute_shown(names, shown, following):
    """``compute`` for what the form's fields show (the callbacks' and a link's inputs)."""
    return compute(collect(form_fields(clock.today()), names, shown), following)


def respond(names, shown, lang, following, stale_ok=False, scenarios=None):
    """Everything the inputs decide, as a dict; ``stale_ok``: on bad input keep the last result.
    ``following``: the policy rate the rate field follows (see ``request_data``). ``scenarios``:
    overrides of the loan to show side by side (and carry in the link), read by the API's rule
    (an empty store is no scenario; the callback endpoint has refused anything else)."""
    scenarios = check_overrides(scenarios)
    specs = form_fields(clock.today())
    values = collect(specs, names, shown)
    link = {**request_data(values, following), "compare": compare.to_link(scenarios)}
    out = {"query": query_string(link, lang), "echo": echoes(specs, names, shown, lang)}
    try:
        outcome, start = compute(values, following)
    except ValidationError as exc:
        errors = [FieldError(form_name(e.field, values), e.code, e.params) for e in exc.errors]
        out["feedback"] = messages(specs, names, errors, lang)
        if stale_ok:
            out.update(summary=dash.no_update, bar=view.stale_bar(lang), results_class="results stale")
        else:
            out.update(
                summary=error_alert(lang, summary(specs, names, errors, lang)),
                bar=view.stale_bar(lang, stale=False),
                results_class="results no-answer",  # a link's bad input: no empty charts or table
            )
        out["outcome"] = None
        out["compare"] = dash.no_update if stale_ok else None
        return out
    out.update(
        feedback=[""] * len(names),
        summary=view.summary(outcome, start, lang),
        bar=view.bar(outcome, lang, start),
        results_class="results",
        outcome=outcome,
        start=start,
        compare=compare.table(
            outcome, start, scenarios, run_each(request_data(values, following), scenarios), lang
        ),
    )
    return out


def form_name(field: str, values: dict | None = None) -> str:
    """The form field an error belongs to (the page's start month carries the loan's date; a
    missing prepayment time is asked for in the field the form shows)."""
    if field == "date":
        return "start_month"
    name = field.replace("prepayment.", "prepayment_")
    if name in PREPAY_WHEN.values() and values is not None:
        return PREPAY_WHEN[prepay_by(values)]
    return name


def first_values(query: dict, today: dt.date | None = None) -> tuple[dict, list, list, object]:
    """What a link means to the form: (its inputs as the form reads them, the field names, what
    each input shows, the policy rate the rate field follows: None when the link gives a rate,
    which is then held as the API holds it). The page's first answer and the server's HTML both
    start here: a link the page answers never paints an error in the HTML."""
    by_name = {f.name: f for f in form_fields(today or clock.today())}
    auto = auto_rate(
        query.get("months") or by_name["months"].default,
        query.get("home_number") or by_name["home_number"].default,
        query.get("start_month"),
    )
    following = auto if is_blank(query.get("annual_rate")) else None
    query = link_inputs(query, auto)
    return query, list(by_name), [to_display(by_name[n], query.get(n)) for n in by_name], following
