"""The repayment form: its fields (from the input registry), a shared link as the form shows it,
and the one path from what the form holds to the answer (calculators/loan_request.py), which the
page's first render and every later change take alike."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

import dash
from dash import html

from calculators.errors import FieldError, ValidationError
from calculators.fields import bounded_decimal, is_blank
from calculators.loan_outcome import run_repayment
from calculators.loan_request import (
    first_payment_month,
    min_down_payment,
    parse_repayment,
    policy_rate,
    split_loan,
)
from calculators.money import to_decimal
from calculators.policy import default_policy
from calculators.registry import Loan, Prepayment
from calculators.scenarios import run_each
from i18n import href, t

from . import repayment_scenarios as compare
from . import repayment_view as view
from .applicant_form import query_string
from .badges import parameter_source, source_line
from .forms import (
    BLANK_OPTION,
    Field,
    collect,
    echoes,
    fields_of,
    messages,
    plain,
    render,
    section_summary,
    summary,
    to_display,
)
from .numbers import percent
from .results import error_alert

FORM = "repayment"


def form_fields(today: dt.date) -> list[Field]:
    """The form: the loan's fields from the registry, then the prepayment's (spelled flat)."""
    next_month = (today.replace(day=1) + dt.timedelta(days=32)).strftime("%Y-%m")
    loan = [n for n in Loan.model_fields if n not in ("date", "prepayment")]
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
    version = default_policy().on(dt.date.today())
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


def form(by_name: dict, query: dict, lang: str):
    def field(name):
        component = render(FORM, by_name[name], lang, query.get(name))
        if name in ("months", "commercial_months"):  # years in the list, months in the URL
            component.children[1].options = months_options(by_name[name], lang, query.get(name))
        return component

    def section(key, names, extra=(), **kwargs):
        return html.Details(
            [
                section_summary(t(lang, f"repayment.{key}"), lang),
                html.P(
                    t(lang, f"repayment.{key}_help", **down_payment_minimums()),
                    className="small text-body-secondary",
                ),
                *[field(n) for n in names],
                *extra,
            ],
            className="mb-2",
            **kwargs,
        )

    return html.Form(
        [
            field("principal"),
            field("months"),
            field("home_number"),
            field("annual_rate"),
            rate_hint(lang),
            field("method"),
            field("start_month"),
            field("hold_rate"),
            section(
                "from_price", ["house_price", "down_payment_percent"], open=bool(query.get("house_price"))
            ),
            section(
                "combination",
                [
                    "commercial_principal",
                    "commercial_months",
                    "commercial_bps",
                    "commercial_rate",
                    "commercial_repricing",
                    "comparison_bps",
                ],
                [lpr_hint(lang)],
                id="repayment-combo-details",
                open=bool(query.get("commercial_principal")),
            ),
            section(
                "prepayment",
                ["prepayment_by"],
                [
                    html.Div(
                        field(name), id=f"repayment-prepay-by-{by}", className=prepay_by_class(query, by)
                    )
                    for by, name in PREPAY_WHEN.items()
                ]
                + [field("prepayment_amount"), field("prepayment_mode")],
                open=any(query.get(name) for name in PREPAY_WHEN.values()),
            ),
        ],
        id="repayment-form",
        className="applicant-form",
        noValidate=True,
    )


def prepay_by_class(values: dict, by: str) -> str:
    """Only the chosen one of the prepayment's two fields is shown."""
    return "" if prepay_by(values) == by else "d-none"


def request_data(values) -> dict:
    """The form's values as the parser takes them. A rate field that still shows the policy rate
    counts as "the policy rate", so the answer says where it is from (and a scenario with another
    term or home gets its own policy rate)."""
    data = counted(values)
    auto = auto_rate(values.get("months"), values.get("home_number"), values.get("start_month"))
    if auto is not None and same_number(values.get("annual_rate"), auto):
        data["annual_rate"] = None
    return data


def compute(values):
    """The form's values -> (outcome, first payment month), or ValidationError."""
    return run_repayment(parse_repayment(request_data(values))), first_payment_month(
        values.get("start_month")
    )


def compute_shown(names, shown):
    """``compute`` for what the form's fields show (the callbacks' and a link's inputs)."""
    return compute(collect(form_fields(dt.date.today()), names, shown))


def respond(names, shown, lang, stale_ok=False, scenarios=()):
    """Everything the inputs decide, as a dict; ``stale_ok``: on bad input keep the last result.
    ``scenarios``: overrides of the loan to show side by side (and carry in the link)."""
    specs = form_fields(dt.date.today())
    values = collect(specs, names, shown)
    link = {**counted(values), "compare": compare.to_link(scenarios)}
    out = {"query": query_string(link, lang), "echo": echoes(specs, names, shown, lang)}
    try:
        outcome, start = compute(values)
    except ValidationError as exc:
        errors = [FieldError(form_name(e.field), e.code, e.params) for e in exc.errors]
        out["feedback"] = messages(specs, names, errors, lang)
        if stale_ok:
            out.update(summary=dash.no_update, bar=view.stale_bar(lang), results_class="results stale")
        else:
            out.update(
                summary=error_alert(lang, summary(specs, names, errors, lang)),
                bar=view.stale_bar(lang, stale=False),
                results_class="results",
            )
        out["outcome"] = None
        out["compare"] = dash.no_update if stale_ok else None
        return out
    out.update(
        feedback=[""] * len(names),
        summary=view.summary(outcome, start, lang),
        bar=view.bar(outcome, lang),
        results_class="results",
        outcome=outcome,
        start=start,
        compare=compare.table(outcome, start, scenarios, run_each(request_data(values), scenarios), lang),
    )
    return out


def form_name(field: str) -> str:
    """The form field an error belongs to (the page's start month carries the loan's date)."""
    return "start_month" if field == "date" else field.replace("prepayment.", "prepayment_")


# --- beside the fields: what the policy says now ------------------------------------------------


def months_options(spec, lang: str, current):
    """A term select's options: years in the list, months as the value (and a typed odd term kept)."""
    options = [
        {
            "label": t(lang, key) if key else t(lang, "repayment.years_option", years=int(v) // 12, months=v),
            "value": v or BLANK_OPTION,
        }
        for v, key in spec.options
    ]
    values = [o["value"] for o in options]
    if current and str(current) not in values and str(current).isdigit() and len(str(current)) <= 3:
        options.insert(
            0, {"label": t(lang, "repayment.months_option", months=current), "value": str(current)}
        )
    return options


def down_payment_minimums() -> dict:
    v = default_policy().on(dt.date.today())
    return {"first": f"{min_down_payment(v, 1):.0f}%", "second": f"{min_down_payment(v, 2):.0f}%"}


def rate_hint(lang):
    v = default_policy().on(dt.date.today())
    return html.Div(
        [
            t(
                lang,
                "repayment.rate_hint",
                since=v["rate_first_home_long"].since.isoformat(),
                short=f"{v.value('rate_first_home_short'):.2f}%",
                long=f"{v.value('rate_first_home_long'):.2f}%",
                second_short=percent(v.value("rate_second_home_short"), 3),
                second_long=percent(v.value("rate_second_home_long"), 3),
            ),
            parameter_source(v["rate_first_home_long"], lang, short=True),
            html.A(
                t(lang, "repayment.per_10k_link"),
                href=href("/policy", lang) + "#policy-per_10k",
                id="repayment-per-10k-link",
            ),
        ],
        className="small text-body-secondary mb-3 mt-n2",
        id="repayment-rate-hint",
    )


def lpr_hint(lang):
    policy = default_policy()
    entry = policy.lpr_entry(dt.date.today())
    return html.Div(
        [
            t(lang, "repayment.lpr_hint", rate=percent(entry.value), since=entry.effective.isoformat()),
            source_line(policy.sources["lpr_notices"], "secondary", lang, note=policy.lpr_note, short=True),
        ],
        className="small text-body-secondary mb-3 mt-n2",
    )


def first_values(query: dict, today: dt.date | None = None) -> tuple[dict, list, list, object]:
    """What a link means to the form: (its inputs as the form reads them, the field names, what
    each input shows, the policy rate the rate field follows). The page's first answer and the
    server's HTML both start here: a link the page answers never paints an error in the HTML."""
    by_name = {f.name: f for f in form_fields(today or dt.date.today())}
    auto = auto_rate(
        query.get("months") or by_name["months"].default,
        query.get("home_number") or by_name["home_number"].default,
        query.get("start_month"),
    )
    query = link_inputs(query, auto)
    return query, list(by_name), [to_display(by_name[n], query.get(n)) for n in by_name], auto
