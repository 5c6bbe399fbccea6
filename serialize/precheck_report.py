"""The pre-check as JSON: the API's answer and the page's stored result are this one shape."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from calculators import clock
from calculators.batch import DEFAULTED, Column
from calculators.day_fields import read_day
from calculators.eligibility import STATUSES, status_of
from calculators.money import fen
from i18n import href, t, text_of
from serialize.answers import field_errors, span
from serialize.purchase import affordable, cash_to_close
from wording.numbers import date_text


def precheck_columns(columns: list[Column], lang: str) -> list[dict]:
    """Every column of an uploaded list, in its order: its header as written, the field it was
    read as (with that field's label and the unit its header or the consultant gave), or why it
    was not used ("unknown", "duplicate", "result")."""
    label = {"name": t(lang, "precheck.col_name")}
    return [
        {
            "column": c.index + 1,
            "header": c.header,
            "field": c.field,
            "label": (label.get(c.field) or t(lang, f"field.{c.field}")) if c.field else None,
            "unit": c.unit,
            "chosen": c.chosen,
            "unused": c.reason if not c.field else None,
        }
        for c in columns
    ]


def list_defaults(present, lang: str, today: dt.date) -> list[dict]:
    """The fields that change answers but that the list does not give at all: what every client
    is taken as, in words that name the missing column; first the ones without which no amount
    can be computed (the balance; the price unless the cash is given)."""
    needed = ["account_balance"] + ([] if "cash" in present else ["house_price"])
    missing = [
        {"field": name, "message": t(lang, f"list_missing.{name}"), "missing": True}
        for name in needed
        if name not in present
    ]
    return missing + [
        {"field": name, "message": t(lang, f"list_default.{name}", today=date_text(today, lang))}
        for name in DEFAULTED
        if name not in present
    ]


def precheck_report(
    results,
    lang: str,
    columns: list[Column] | None = None,
    header_row: int | None = None,
    *,
    present=None,
    today: dt.date | None = None,
) -> dict:
    """The whole pre-check, as the API answers it and the page stores it: clients in input order,
    each with its own cells (``cells``, in the order of ``columns``) when a file was read; rows
    that are not clients (totals, notes) under ``skipped``; ``defaults``: what every client was
    taken as for a field the list does not give (``present``: the fields it gives)."""
    rows = [precheck_row(r, lang) for r in results if not r.skipped]
    skipped = [skipped_row(r, lang) for r in results if r.skipped]
    if present is None:
        present = {c.field for c in columns or () if c.field}
    summary = {key: sum(1 for r in rows if r["status"] == key) for key in STATUSES}
    body = {
        "state": "done",
        "count": len(rows),
        "summary": {**summary, "skipped": len(skipped)},
        "rows": rows,
        "skipped": skipped,
        "defaults": list_defaults(present, lang, today or clock.today()),
    }
    if columns is not None:
        shown = precheck_columns(columns, lang)
        body["header_row"] = header_row
        body["columns"] = shown
        body["unused_columns"] = [
            c["header"] for c in shown if c["field"] is None and c["unused"] != "result"
        ]
    return body


def skipped_row(result, lang: str) -> dict:
    """A row that is not a client: why, in words, and its cells as uploaded."""
    text = " ".join(str(c) for c in result.cells if c is not None and str(c).strip())[:60]
    return {
        "row": result.row,
        "reason": result.skipped,
        "message": t(lang, f"precheck.skip_{result.skipped}", row=result.row, text=text),
        "cells": list(result.cells),
    }


def quota_link(result, lang: str) -> str:
    """The quota calculator filled in with the client's values as read (in the API's units), so
    one client can be looked at, changed and printed alone."""
    query = {}
    for name, value in result.values.items():
        if value is None or value == "":
            continue
        if name == "date":  # 2026/11/20 as the quota page's link writes a day
            value = read_day(value).isoformat()
        query[name] = ("1" if value else "0") if isinstance(value, bool) else str(value)
    return href("/calculators/quota", lang, **query)


def _defaulted(result, lang: str) -> list[dict]:
    return [
        {
            "field": name,
            "message": t(
                lang,
                "precheck.row_defaulted",
                field=t(lang, f"field.{name}"),
                value=t(lang, f"list_default_value.{name}"),
            ),
        }
        for name in result.defaulted
    ]


def precheck_row(result, lang: str) -> dict:
    """One client of a batch: verdict, quota, payment at the quota, or the row's own errors."""
    # Only a client whose data reads opens on the quota page: a refused cell would be dropped there.
    link = quota_link(result, lang) if not result.errors and not result.quota_errors else None
    image = link.replace("/calculators/quota", "/share/quota.png", 1) if link else None
    body = {"row": result.row, "name": result.name, "quota_link": link, "share_image": image}
    if result.cells:
        body["cells"] = list(result.cells)
    if result.errors:
        return {**body, **_unread(result, lang)}
    verdict = result.eligibility
    # Eligible but no amount (the balance or the price missing): the row needs its data, and says
    # so in its status, never a green "eligible" with nothing computed.
    status = (
        "error" if result.quota is None and result.quota_errors and verdict.eligible is not False else None
    )
    failed = [
        {
            "rule": c.rule,
            "message": text_of(lang, "check", c.code, c.params),
            "fix": text_of(lang, "fix", c.fix, c.params) if c.fix else None,
        }
        for c in verdict.checks
        if not c.passed
    ]
    unchecked = [text_of(lang, "check", c.code, c.params) for c in verdict.checks if not c.checked]
    q = result.quota
    return {
        **body,
        "status": status or status_of(verdict.eligible),
        "eligible": verdict.eligible,
        "policy_version": verdict.policy_version,
        **_quota_fields(q, lang),
        "failed": failed,
        "unchecked": unchecked,
        "affordable": affordable(result.affordable),
        "errors": field_errors(result.quota_errors, lang),
        "defaulted": _defaulted(result, lang),
        "cash_short": cash_short(result),
        "cash_to_close": cash_to_close(result.cash_to_close, lang),
    }


def _quota_fields(q, lang: str) -> dict:
    """The row's quota, or every figure None when it could not be computed."""
    names = ("amount", "binding_cap", "monthly_payment", "term_years", "annual_rate", "range")
    if q is None:
        return dict.fromkeys(names)
    figures = (
        fen(q.amount),
        q.binding_cap,
        q.monthly_payment,
        q.term_years,
        q.annual_rate,
        span(q.span, lang),
    )
    return dict(zip(names, figures, strict=True))


def _unread(result, lang: str) -> dict:
    """A row whose cells do not read: its errors, and nothing computed."""
    return {
        "status": "error",
        "eligible": None,
        "amount": None,
        "binding_cap": None,
        "monthly_payment": None,
        "errors": field_errors(result.errors, lang),
        "failed": [],
        "unchecked": [],
        "range": None,
        "affordable": None,
        "defaulted": [],
        "cash_short": None,
        "cash_to_close": None,
    }


def cash_short(result) -> dict | None:
    """The list gives the price and the cash, and the cash does not cover the down payment the
    HPF loan leaves: how much is missing (the row is eligible, the purchase as listed is not)."""
    price, q, cash = result.values.get("house_price"), result.quota, result.cash
    if q is None or cash is None or price in (None, ""):
        return None
    try:
        need = Decimal(str(price)) - q.amount
    except ArithmeticError:
        return None
    if need <= cash:
        return None
    return {"down_payment": fen(need), "cash": fen(cash), "short": fen(need - cash)}
