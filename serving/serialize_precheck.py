"""The pre-check as JSON: the API's answer and the page's stored result are this one shape."""

from __future__ import annotations

from calculators.eligibility import STATUSES, status_of
from i18n import t

from .serialize import affordable, field_errors, message, money, span


def precheck_columns(table, lang: str) -> list[dict]:
    """Every column of an uploaded list, in its order: its header as written, the field it was
    read as (with that field's label) or why it was not used ("unknown", "duplicate")."""
    label = {"name": t(lang, "precheck.col_name")}
    return [
        {
            "column": c.index + 1,
            "header": c.header,
            "field": c.field,
            "label": (label.get(c.field) or t(lang, f"field.{c.field}")) if c.field else None,
            "unused": c.reason if not c.field else None,
        }
        for c in table.columns
    ]


def precheck_report(
    results, lang: str, columns: list[dict] | None = None, header_row: int | None = None
) -> dict:
    """The whole pre-check, as the API answers it and the page stores it: rows in input order,
    each with the client's own cells (``cells``, in the order of ``columns``) when a file was read."""
    rows = [precheck_row(r, lang) for r in results]
    body = {
        "state": "done",
        "count": len(rows),
        "summary": {key: sum(1 for r in rows if r["status"] == key) for key in STATUSES},
        "rows": rows,
    }
    if columns is not None:
        body["header_row"] = header_row
        body["columns"] = columns
        body["unused_columns"] = [
            c["header"] for c in columns if c["field"] is None and c["unused"] != "result"
        ]
    return body


def precheck_row(result, lang: str) -> dict:
    """One client of a batch: verdict, quota, payment at the quota, or the row's own errors."""
    body = {"row": result.row, "name": result.name}
    if result.cells:
        body["cells"] = list(result.cells)
    if result.errors:
        return {
            **body,
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
        }
    verdict = result.eligibility
    failed = [
        {
            "rule": c.rule,
            "message": message(lang, "check", c.code, c.params),
            "fix": message(lang, "fix", c.fix, c.params) if c.fix else None,
        }
        for c in verdict.checks
        if not c.passed
    ]
    unchecked = [message(lang, "check", c.code, c.params) for c in verdict.checks if not c.checked]
    q = result.quota
    return {
        **body,
        "status": status_of(verdict.eligible),
        "eligible": verdict.eligible,
        "policy_version": verdict.policy_version,
        "amount": money(q.amount) if q else None,
        "binding_cap": q.binding_cap if q else None,
        "monthly_payment": q.monthly_payment if q else None,
        "term_years": q.term_years if q else None,
        "annual_rate": q.annual_rate if q else None,
        "failed": failed,
        "unchecked": unchecked,
        "range": span(q.span, lang) if q else None,
        "affordable": affordable(result.affordable),
        "errors": field_errors(result.quota_errors, lang),
    }
