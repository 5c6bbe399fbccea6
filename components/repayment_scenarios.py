"""Scenarios side by side on the repayment page: "compare with…" buttons that add the current loan
with another term, the other home or the other method (one tap each), the table, and the link's
spelling of them (``compare=months:240;home_number:2``). Each scenario is computed on the main
answer's own path (calculators/scenarios.py), as the API computes it."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from calculators.errors import ValidationError
from calculators.repayment import METHODS
from calculators.scenarios import MAX_SCENARIOS
from i18n import t
from wording.numbers import percent, term_text, yuan

from .schedule import month_of

FIELDS = ("months", "home_number", "method")  # what a scenario of the page may change
TERMS = (5, 10, 15, 20, 25, 30)  # years offered by "another term"
NO_TERM = "-"


def from_link(text) -> list[dict]:
    """``months:240;home_number:2,method:equal_principal`` -> [{"months": "240"}, {...}]; pairs
    of other fields are dropped, the values are judged by the parser like any field."""
    out = []
    for part in str(text or "").split(";")[:MAX_SCENARIOS]:
        pairs = (item.partition(":") for item in part.split(","))
        override = {k.strip(): v.strip()[:20] for k, _, v in pairs if k.strip() in FIELDS and v.strip()}
        if override:
            out.append(override)
    return out


def to_link(scenarios) -> str | None:
    return ";".join(",".join(f"{k}:{v}" for k, v in s.items()) for s in scenarios or ()) or None


def added(scenarios, kind: str, current: dict, term=None) -> list[dict]:
    """The scenarios with one more: the current loan with ``term`` (months), the other home or the
    other method; a scenario already there, or one past the limit, is not added twice."""
    if kind == "term":
        override = {"months": str(term)}
    elif kind == "home":
        override = {"home_number": "1" if str(current.get("home_number")) == "2" else "2"}
    else:
        override = {"method": METHODS[1] if current.get("method") == METHODS[0] else METHODS[0]}
    scenarios = list(scenarios or [])
    if override in scenarios or len(scenarios) >= MAX_SCENARIOS:
        return scenarios
    return scenarios + [override]


def removed(scenarios, index: int) -> list[dict]:
    return [s for i, s in enumerate(scenarios or []) if i != index]


def describe(override: dict, lang: str) -> str:
    """A scenario's name: what it changes ("20 年 · 二套房")."""
    words = []
    for key, value in override.items():
        if key == "months" and str(value).isdigit():
            words.append(term_text(int(value), lang))
        elif key == "home_number":
            words.append(t(lang, "home_number." + ("second" if str(value) == "2" else "first")))
        elif key == "method" and value in METHODS:
            words.append(t(lang, f"compare.method_{value}"))
        else:
            words.append(f"{key}={value}")
    return " · ".join(words)


def full(scenarios) -> bool:
    return len(scenarios or ()) >= MAX_SCENARIOS


def full_note(scenarios, lang: str) -> str:
    return t(lang, "compare.full", max=MAX_SCENARIOS) if full(scenarios) else ""


def controls(lang: str, scenarios):
    """One tap adds a scenario: another term (a list), the other home, the other method."""
    full_now = full(scenarios)
    options = [{"label": t(lang, "compare.add_term"), "value": NO_TERM}] + [
        {"label": t(lang, "repayment.n_years", n=y), "value": str(y * 12)} for y in TERMS
    ]
    button = dict(size="sm", color="primary", outline=True, n_clicks=0, disabled=full_now)
    return html.Div(
        [
            html.Span(t(lang, "compare.add"), className="me-1 small text-body-secondary"),
            dbc.Label(
                t(lang, "compare.add_term"), html_for="repayment-add-term", className="visually-hidden"
            ),
            dbc.Select(
                id="repayment-add-term",
                options=options,
                value=NO_TERM,
                size="sm",
                disabled=full_now,
                className="w-auto",
            ),
            dbc.Button(t(lang, "compare.add_home"), id="repayment-add-home", **button),
            dbc.Button(t(lang, "compare.add_method"), id="repayment-add-method", **button),
            html.Span(
                full_note(scenarios, lang), className="small text-body-secondary", id="repayment-compare-full"
            ),
        ],
        className="d-flex flex-wrap align-items-center gap-2 mb-2 d-print-none",
        id="repayment-compare-controls",
    )


ROWS = (
    ("months", lambda o, start, lang: term_text(o.request.months, lang)),
    ("home_number", lambda o, start, lang: t(lang, f"home_number.{_home(o)}")),
    ("method", lambda o, start, lang: t(lang, f"compare.method_{o.request.method}")),
    ("annual_rate", lambda o, start, lang: percent(o.request.annual_rate, 3)),
    ("first_payment", lambda o, start, lang: yuan(o.schedule.first_payment, lang)),
    ("last_payment", lambda o, start, lang: yuan(o.schedule.last_payment, lang)),
    ("total_interest", lambda o, start, lang: yuan(o.schedule.total_interest, lang)),
    ("total_payment", lambda o, start, lang: yuan(o.schedule.total_payment, lang)),
    ("last_month", lambda o, start, lang: month_of(start, o.schedule.last_period) or o.schedule.last_period),
)


WORDS = ("months", "home_number", "method")  # rows of words, which may wrap


def _home(outcome) -> str:
    return "second" if outcome.request.home_number == 2 else "first"


def _difference(outcome, main, lang) -> str:
    change = outcome.schedule.total_interest - main.schedule.total_interest
    sign = "+" if change > 0 else "−" if change < 0 else "±"
    return sign + yuan(abs(change), lang)


def _heading(i, override, result, lang):
    return html.Th(
        [
            html.Span(describe(override, lang)),
            html.Button(
                "×",
                id={"type": "scenario-remove", "index": i},
                n_clicks=0,
                className="btn btn-link btn-sm p-0 ms-1 d-print-none scenario-remove",
                title=t(lang, "compare.remove"),
                **{"aria-label": t(lang, "compare.remove_named", name=describe(override, lang))},
            ),
            html.Div(
                " ".join(
                    t(
                        lang,
                        "compare.error",
                        field=t(lang, f"field.{e.field}"),
                        message=t(lang, f"error.{e.code}", **e.params),
                    )
                    for e in result.errors
                ),
                className="small text-danger fw-normal",
            )
            if isinstance(result, ValidationError)
            else None,
        ],
        scope="col",
        className="text-end",
        **{"data-scenario": str(i)},
    )


def table(main, start, scenarios, results, lang):
    """The current loan and each scenario in a column; a scenario the parser refuses shows why."""
    if not scenarios:
        return None
    columns = [(None, main)] + list(zip(scenarios, results, strict=True))

    def cell(i, result, key, fn):
        ok = not isinstance(result, ValidationError)
        return html.Td(
            fn(result, start, lang) if ok else "—",
            className="text-end" + (" num" if key not in WORDS else ""),
            **{"data-scenario": "main" if i == 0 else str(i - 1), "data-row": key},
        )

    width = len(columns)
    body = []
    for key, fn in ROWS + (("interest_change", lambda o, s, lg: _difference(o, main, lg)),):
        label = t(lang, f"compare.row_{key}")
        # On a phone the label is a row of its own above the figures, so the columns fit the width.
        body.append(html.Tr(html.Th(label, colSpan=width, scope="colgroup"), className="label-row"))
        cells = [cell(i, r, key, fn) for i, (_, r) in enumerate(columns)]
        if key == "interest_change":
            cells[0] = html.Td("—", className="text-end", **{"data-scenario": "main", "data-row": key})
        body.append(html.Tr([html.Th(label, scope="row", className="row-label")] + cells))
    head = html.Tr(
        [html.Td(html.Span(t(lang, "repayment.item"), className="visually-hidden"), className="row-label")]
        + [
            html.Th(
                t(lang, "compare.current"), scope="col", className="text-end", **{"data-scenario": "main"}
            )
        ]
        + [_heading(i, s, r, lang) for i, (s, r) in enumerate(columns[1:])]
    )
    note = (
        html.P(
            t(lang, "compare.with_prepayment", n=main.prepayment.month),
            className="small text-body-secondary mb-1",
            id="repayment-scenarios-prepaid",
        )
        if main.prepayment is not None
        else None
    )
    return html.Div(
        [
            html.Div(
                html.Table(
                    [html.Thead(head), html.Tbody(body)],
                    className="table table-sm compare-table scenario-table mb-1",
                    id="repayment-scenarios-table",
                ),
                className="table-responsive",
            ),
            note,
        ]
    )


def section(lang: str, scenarios, content):
    """The heading, the buttons and the table (filled by the page's callback)."""
    return html.Div(
        [
            html.H2(t(lang, "compare.heading"), className="h5 mt-3"),
            html.P(t(lang, "compare.help"), className="small text-body-secondary mb-2 d-print-none"),
            controls(lang, scenarios),
            html.Div(content, id="repayment-compare-box"),
        ],
        id="repayment-compare-section",
    )
