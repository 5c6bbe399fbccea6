"""Schedule views: monthly and yearly tables (from calculators/schedule_frame.py) and charts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from dash import html

from calculators.money import ZERO
from calculators.repayment import Schedule
from calculators.schedule_frame import month_of, monthly, yearly
from i18n import t
from wording.numbers import amount, big_unit

from .figure_style import base_layout


def table(schedule: Schedule, view: str, start: dt.date | None, lang: str):
    """The yearly sums (a year's periods as months) or every payment; a prepayment column only
    when the loan has one (a month without one is left blank)."""
    by_year = view == "yearly"
    money = ["payment", "principal", "interest", "prepayment", "balance"]
    if not any(r.prepayment for r in schedule.rows):
        money.remove("prepayment")
    keys = ["year", "periods", "paid_this_year", *money[1:]] if by_year else ["period", "month", *money]
    head = [t(lang, f"schedule.{k}") for k in keys]
    body = []
    for r in (yearly if by_year else monthly)(schedule).to_dict("records"):
        if by_year:
            span = f"{month_of(start, r['first']) or r['first']} – {month_of(start, r['last']) or r['last']}"
            lead = [r["year"], span]
        else:
            lead = [r["period"], month_of(start, r["period"])]
        blank = not by_year and not r["prepayment"]
        body.append(lead + [("" if k == "prepayment" and blank else amount(r[k])) for k in money])
    return html.Table(
        [
            html.Thead(
                html.Tr(
                    [
                        html.Th(h, scope="col", className="text-end" if i > 1 else "")
                        for i, h in enumerate(head)
                    ]
                )
            ),
            html.Tbody(
                [
                    html.Tr([html.Td(c, className="text-end" if i > 1 else "") for i, c in enumerate(row)])
                    for row in body
                ]
            ),
        ],
        className="table table-sm table-striped schedule-table mb-0",
        id="repayment-table",
    )


def _layout(title: str, lang: str, alt: str, unit: str = "yuan", dated: bool = True, **extra) -> dict:
    """Readable at 390 px: horizontal year ticks, a few of them; amounts in 元/万元 on Chinese
    pages (plotly's own "600k" is not Chinese), with thousands separators in English."""
    return base_layout(
        title={"text": title, "x": 0.02, "font": {"size": 14}},
        height=320,
        margin={"l": 55, "r": 10, "t": 40, "b": 40},
        hovermode="x unified",
        legend={"orientation": "h", "y": -0.2},
        xaxis={"tickangle": 0, "nticks": 6, **({"tickformat": "%Y"} if dated else {})},
        yaxis={"title": {"text": t(lang, f"unit.{unit}")}, "tickformat": ",~r", "rangemode": "tozero"},
        meta={"alt": alt},
        **extra,
    )


def figures(schedule: Schedule, compare: Schedule | None, start: dt.date | None, lang: str):
    """Balance over time (with the schedule it is compared with) and principal/interest per payment."""
    x = [month_of(start, r.period) or r.period for r in schedule.rows]
    per, unit = big_unit(lang)  # the balance in 万元 on Chinese pages, in yuan on English ones
    money = t(lang, "format.chart_money")

    def in_unit(value: Decimal) -> float:
        return float(value / per)

    traces = []
    if compare is not None:
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": t(lang, "chart.without_prepayment"),
                "x": [month_of(start, r.period) or r.period for r in compare.rows],
                "y": [in_unit(r.balance) for r in compare.rows],
                "line": {"dash": "dot", "color": "#9aa5b1"},
                "hovertemplate": money,
            }
        )
    traces.append(
        {
            "type": "scatter",
            "mode": "lines",
            "name": t(lang, "schedule.balance"),
            "x": x,
            "y": [in_unit(r.balance) for r in schedule.rows],
            "line": {"color": "#0b5394"},
            "fill": "tozeroy",
            "hovertemplate": money,
        }
    )
    rows = schedule.rows
    last = rows[-1] if rows else None
    balance_alt = t(
        lang,
        "public.balance_alt",
        principal=amount(rows[0].balance + rows[0].principal if rows else ZERO),
        end=month_of(start, last.period) or (last.period if last else ""),
        months=len(rows),
    )
    balance = {
        "data": traces,
        "layout": _layout(t(lang, "chart.balance"), lang, balance_alt, unit=unit, dated=start is not None),
    }
    parts = {
        "data": [
            {
                "type": "bar",
                "name": t(lang, "schedule.principal"),
                "x": x,
                "y": [float(r.principal) for r in schedule.rows],
                "marker": {"color": "#0b5394"},
            },
            {
                "type": "bar",
                "name": t(lang, "schedule.interest"),
                "x": x,
                "y": [float(r.interest) for r in schedule.rows],
                "marker": {"color": "#f0a202"},
            },
        ],
        "layout": _layout(
            t(lang, "chart.parts"),
            lang,
            t(
                lang,
                "public.parts_alt",
                first_interest=amount(rows[0].interest) if rows else "0",
                last_interest=amount(last.interest) if last else "0",
            ),
            dated=start is not None,
            barmode="stack",
            bargap=0,
        ),
    }
    return balance, parts
