"""每万元月供 on /policy: the table fund centres publish, for the policy version of a chosen day
(calculators/per_10k.py), with the rates' source; a plain GET form picks the day, so it works
without JavaScript and prints as it shows."""

from __future__ import annotations

import datetime as dt

import dash_bootstrap_components as dbc
from dash import dcc, html

from calculators import clock
from calculators.errors import ValidationError
from calculators.fields import read_field
from calculators.per_10k import HOMES, per_10k
from calculators.policy_files import default_policy
from calculators.registry import Loan
from i18n import lang_query, pick, t
from wording.numbers import percent, yuan

from .badges import parameter_source

ANCHOR = "policy-per_10k"


def section(lang: str, day_text=None, today: dt.date | None = None):
    today = today or clock.today()
    problems: list = []
    day = read_field(Loan, "date", day_text, problems) or today
    try:
        version = default_policy().on(day)
    except ValidationError as exc:
        problems, day, version = exc.errors, today, default_policy().on(today)
    rows = per_10k(version)
    long_rate = version["rate_first_home_long"]
    return html.Section(
        [
            html.H2(t(lang, "policy.h_per_10k"), className="h5", id=ANCHOR),
            html.P(
                t(lang, "per10k.lead", label=pick(version.label, lang), date=day.isoformat()),
                className="small",
            ),
            _day_form(lang, day),
            html.P(t(lang, "per10k.bad_date"), className="small text-danger", role="alert")
            if problems
            else None,
            html.P(t(lang, "result.future_day", date=day.isoformat()), className="small", id="per-10k-future")
            if day > today
            else None,
            html.Div(
                _table(rows, lang),
                className="table-responsive",
                tabIndex="0",
                role="region",
                **{"aria-label": t(lang, "policy.h_per_10k")},
            ),
            html.Div(parameter_source(long_rate, lang, short=True), className="small"),
        ],
        className="mb-4 per-10k",
    )


def _day_form(lang: str, day: dt.date):
    hidden = [dcc.Input(type="hidden", name=k, value=v) for k, v in lang_query(lang).items()]
    return html.Form(
        [
            html.Label(t(lang, "per10k.date"), htmlFor="per10k-date", className="form-label small me-2 mb-0"),
            dbc.Input(
                type="date",
                name="date",
                id="per10k-date",
                value=day.isoformat(),
                className="form-control form-control-sm d-inline-block w-auto me-2",
            ),
            *hidden,
            html.Button(t(lang, "per10k.show"), type="submit", className="btn btn-sm btn-outline-primary"),
        ],
        method="get",
        action=f"/policy#{ANCHOR}",
        className="d-flex flex-wrap align-items-center gap-1 mb-2 d-print-none",
    )


def _table(rows, lang: str):
    homes = [t(lang, f"per10k.home_{h}") for h in HOMES]
    heads = [t(lang, "per10k.years")] + [
        f"{home} · {t(lang, key)}"
        for home in homes
        for key in ("per10k.rate", "per10k.installment", "per10k.principal_first")
    ]
    return html.Table(
        [
            html.Thead(html.Tr([html.Th(h, scope="col") for h in heads])),
            html.Tbody(
                [
                    html.Tr(
                        [html.Th(t(lang, "per10k.years_n", n=r.years), scope="row")]
                        + [
                            html.Td(text, className="num")
                            for h in HOMES
                            for text in (
                                percent(r.rates[h], 3),
                                yuan(r.installment[h], lang),
                                yuan(r.principal_first[h], lang),
                            )
                        ],
                        **{"data-years": r.years},
                    )
                    for r in rows
                ]
            ),
        ],
        className="table table-sm per-10k-table",
        id="per-10k-table",
    )
