"""The applicant form shared by the eligibility and quota pages (and its URL round trip).

The answer comes first: ``page`` renders the result for the link's inputs in the layout itself
(no callback round trip before the first figure), a compact result bar sticks to the top of a
phone's screen, and an input that is cleared or wrong keeps the last good result, dimmed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, dcc, html

from calculators.cash_to_close import OTHER_COSTS
from calculators.errors import ValidationError
from calculators.fields import bounded_decimal, spec_of
from calculators.registry import ApplicantFields
from i18n import CHOICE_LABELS, has, href, t
from wording.numbers import big_yuan, yuan

from .forms import (
    collect,
    echoes,
    fields_of,
    fill,
    messages,
    newly_marked,
    render,
    section_summary,
    summary,
    to_display,
)
from .lazy_details import LazyDetails
from .results import error_alert, register_share_callbacks, report_header, result_bar, share_bar, url_sync


@dataclass(frozen=True)
class PageAnswer:
    """What an applicant page computes: the full result, and the headline for the result bar."""

    result: object
    bar: list
    ok: bool = True  # False: the verdict is "not yet" (the bar says so in red)


FIELDS = fields_of(ApplicantFields)
NAMES = [f.name for f in FIELDS]
# Fields shown in the "more" section: defaults fit most people.
ADVANCED = {
    "monthly_debt",
    "co_borrower",
    "account_status",
    "term_years",
    "children",
    "fund_city",
    "local_hukou",
    *OTHER_COSTS,  # no published figure: counted only once entered
}
# Fields a page does not ask: eligibility needs neither the cash nor what the purchase costs.
NOT_ASKED = {"eligibility": {"cash", "floor_area", *OTHER_COSTS}}


def fields_for(form_id: str, query: dict | None = None) -> list:
    """The page's fields. A link with cash and no price asks what price the cash allows: the price
    then starts blank instead of with its example."""
    asked = [f for f in FIELDS if f.name not in NOT_ASKED.get(form_id, ())]
    if query and query.get("cash") and not query.get("house_price"):
        asked = [replace(f, default=None) if f.name == "house_price" else f for f in asked]
    return asked


def shown_for(form_id: str, query: dict) -> tuple[dict, list[str], list]:
    """(the link's text values, the page's field names, what each field shows for the link)."""
    query = {k: v for k, v in query.items() if isinstance(v, str)}
    asked = fields_for(form_id, query)
    return query, [f.name for f in asked], [to_display(f, query.get(f.name)) for f in asked]


def first_values(form_id: str, query: dict) -> dict:
    """A link's inputs as the page's form reads them (fields the link leaves out start with the
    form's own values): the server's HTML answers the same inputs as the page."""
    _query, names, shown = shown_for(form_id, query)
    return collect(FIELDS, names, shown)


PLAIN_ANSWERS = (None, "", "0", "normal", "zhuzhou")  # a link with these leaves "more" closed


def more_id(form_id: str) -> str:
    return f"{form_id}-more-details"


def marked_more(names: list[str], feedback: list[str], before: list | None = None) -> bool:
    """Whether a field of the "more" section has a new message (which opens it: its fields are
    built in the browser only once it is open)."""
    return bool(newly_marked(names, feedback, before) & ADVANCED)


def _more_key(asked) -> str:
    """The "more" section's title names the purchase costs where the page asks them."""
    return "form.more_costs" if any(f.name in OTHER_COSTS for f in asked) else "form.more"


def form(form_id: str, lang: str, query: dict, marked: bool = False):
    """The form for a link; ``marked``: a field of the "more" section holds a message."""
    asked = fields_for(form_id, query)
    main = [render(form_id, f, lang, query.get(f.name)) for f in asked if f.name not in ADVANCED]
    more = [render(form_id, f, lang, query.get(f.name)) for f in asked if f.name in ADVANCED]
    return html.Form(
        [
            *main,
            LazyDetails(
                [section_summary(t(lang, _more_key(asked)), lang, className="mb-2"), *more],
                id=more_id(form_id),
                open=marked or any(query.get(n) not in PLAIN_ANSWERS for n in ADVANCED),
                className="mb-2",
            ),
        ],
        id=f"{form_id}-form",
        className="applicant-form",
        noValidate=True,
        **{"aria-label": t(lang, "form.applicant")},
    )


def query_string(values: dict, lang: str) -> str:
    """The inputs as ?name=value in the API's vocabulary (blank ones left out)."""
    params = {
        k: ("1" if v is True else v)
        for k, v in values.items()
        if v not in (None, "") and v is not False  # a switch left off is the default
    }
    return href("", lang, **params)  # href adds the language when it is not the default


def _is_number(v) -> bool:
    try:
        bounded_decimal(str(v))
        return True
    except (ArithmeticError, ValueError):
        return False


def inputs_rows(values: dict, lang: str) -> list[tuple[str, str]]:
    """The inputs as (label, value) pairs in words, for the printed report: a choice by the label
    the form shows, money in 元/万元 alike, a count with its unit (岁, 个月, 年, 平方米)."""
    rows = []
    for name in NAMES:
        v = values.get(name)
        if v in (None, ""):
            continue
        spec = spec_of(ApplicantFields, name)
        choice = CHOICE_LABELS.get(name, {}).get(("1" if v else "0") if isinstance(v, bool) else str(v))
        if choice:
            v = t(lang, choice)
        elif spec.unit == "per_month" and _is_number(v):
            v = yuan(Decimal(str(v)), lang) + t(lang, "unit.a_month")  # 8,000.00 元/月, as a payslip
        elif spec.kind == "money" and _is_number(v):
            v = big_yuan(Decimal(str(v)), lang)
        elif spec.unit and has(lang, f"unit.{spec.unit}") and _is_number(v):
            v = f"{v} {t(lang, f'unit.{spec.unit}')}"
        rows.append((t(lang, f"field.{name}"), str(v)))
    return rows


def page(form_id: str, lang: str, query: dict, compute):
    """Layout of an applicant calculator: the form beside the result, share and print above it.

    ``compute(values, lang)`` -> PageAnswer is run here for the link's inputs, so the page arrives
    with its answer (and any field messages) already in it.
    """
    query, names, shown = shown_for(form_id, query)
    first = respond(shown, [{"name": n} for n in names], lang, lambda values: compute(values, lang))
    form_tree = form(form_id, lang, query, marked_more(names, first["feedback"]))
    for name, text in zip(names, first["feedback"], strict=False):
        fill(form_tree, {"type": "feedback", "form": form_id, "name": name}, text)
    return html.Div(
        [
            dcc.Store(id=f"{form_id}-lang", data=lang),
            url_sync(form_id, first["query"]),
            report_header(f"nav.{form_id}", lang),
            html.H1(t(lang, f"nav.{form_id}"), className="h3"),
            html.P(t(lang, f"{form_id}.lead"), className="text-body-secondary d-print-none page-lead"),
            _bar(form_id, first["bar"], first["bar_ok"]),
            dbc.Row(
                [
                    dbc.Col(dbc.Card(dbc.CardBody(form_tree)), lg=5, className="mb-3 d-print-none"),
                    dbc.Col(
                        html.Div(
                            [
                                share_bar(form_id, lang, first["query"]),
                                html.Div(
                                    first["result"],
                                    id=f"{form_id}-result",
                                    role="status",
                                    **{"aria-live": "polite"},
                                ),
                            ],
                            id=f"{form_id}-results",
                            className=first["results_class"],
                        ),
                        lg=7,
                    ),
                ]
            ),
        ]
    )


def _bar(form_id, children, ok):
    bar = result_bar(form_id, children)
    bar.className += "" if ok else " verdict-no"
    return bar


def respond(shown: list, ids: list, lang: str, compute, stale_ok: bool = False) -> dict:
    """What an applicant page shows for the inputs: field messages, yuan echoes, result, bar, URL.

    ``compute(values)`` -> PageAnswer, or raises ValidationError; then every bad field gets its
    message beside it and the inputs keep what was typed. With ``stale_ok`` (a later change, not
    the first answer) the last good result stays, dimmed, instead of a list of errors.
    """
    names = [i["name"] for i in ids]
    values = collect(FIELDS, names, shown)
    out = {"query": query_string(values, lang), "echo": echoes(FIELDS, names, shown, lang)}
    try:
        answer = compute(values)
    except ValidationError as exc:
        out["feedback"] = messages(FIELDS, names, exc.errors, lang)
        bar = [html.Span(t(lang, "result.stale" if stale_ok else "result.fix_bar"), className="label")]
        if stale_ok:
            out.update(result=dash.no_update, bar=bar, bar_ok=False, results_class="results stale")
        else:
            out.update(
                result=error_alert(lang, summary(FIELDS, names, exc.errors, lang)),
                bar=bar,
                bar_ok=False,
                results_class="results",
            )
        return out
    out.update(
        feedback=[""] * len(names),
        result=answer.result,
        bar=answer.bar,
        bar_ok=answer.ok,
        results_class="results",
    )
    return out


def register(form_id: str, compute, send=lambda children: children) -> None:
    """Wire an applicant page: the whole form -> field messages, result and URL; share and print.

    ``compute(values, lang)`` is the page's own part: a PageAnswer, or raise ValidationError.
    ``send(children)`` is the result as it goes to the browser (its static parts as HTML).
    """

    @callback(
        Output({"type": "feedback", "form": form_id, "name": ALL}, "children"),
        Output({"type": "echo", "form": form_id, "name": ALL}, "children"),
        Output(f"{form_id}-result", "children"),
        Output(f"{form_id}-bar", "children"),
        Output(f"{form_id}-bar", "className"),
        Output(f"{form_id}-results", "className"),
        Output(f"{form_id}-query", "data"),
        Output(more_id(form_id), "open"),
        Input({"type": "field", "form": form_id, "name": ALL}, "value"),
        State({"type": "field", "form": form_id, "name": ALL}, "id"),
        State({"type": "feedback", "form": form_id, "name": ALL}, "children"),
        State(f"{form_id}-lang", "data"),
        prevent_initial_call=True,  # the layout already holds the answer for the link's inputs
    )
    def update(shown, ids, before, lang):
        out = respond(shown, ids, lang, lambda values: compute(values, lang), stale_ok=True)
        bar_class = _bar(form_id, [], out["bar_ok"]).className
        return (
            out["feedback"],
            out["echo"],
            send(out["result"]),
            out["bar"],
            bar_class,
            out["results_class"],
            out["query"],
            True if marked_more([i["name"] for i in ids], out["feedback"], before) else dash.no_update,
        )

    register_share_callbacks(form_id)
