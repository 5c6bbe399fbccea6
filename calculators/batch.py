"""Batch pre-check: read a client list (CSV or XLSX) and judge every row independently.

A bad row gets its own errors; the others are still computed. Column headers may be the API's
field names or any alias the caller passes (the site passes the Chinese and English labels).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Callable, Iterable

from .applicant import parse_applicant
from .eligibility import EligibilityResult, check
from .errors import ValidationError
from .policy import Policy, default_policy
from .quota import QuotaResult, quota

FIELDS = ("date", "category", "age", "contribution_months", "account_balance", "monthly_income",
          "monthly_debt", "house_price", "home_number", "term_years", "co_borrower", "account_status",
          "children", "fund_city", "local_hukou")
NAME_COLUMN = "name"  # optional client name or reference, passed through untouched


class TableError(ValueError):
    """The file as a whole cannot be read; ``code`` is a message key (error.<code>)."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(code)


@dataclass(frozen=True)
class RowResult:
    row: int  # spreadsheet row number (the header is row 1)
    name: str
    errors: tuple = ()  # FieldErrors; when present nothing else is computed
    eligibility: EligibilityResult | None = None
    quota: QuotaResult | None = None
    quota_errors: tuple = ()  # e.g. asked term past the age limit: eligibility still answers
    values: dict = field(default_factory=dict)


def _normalise_header(text: str) -> str:
    return "".join(str(text).split()).lower().replace("（", "(").replace("）", ")")


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError("file_encoding")


def read_table(filename: str, data: bytes, aliases: dict[str, str], max_rows: int,
               max_bytes: int) -> list[dict]:
    """Rows as {field: raw value} (plus 'name' and '_row'); unknown columns are ignored."""
    if len(data) > max_bytes:
        raise TableError("file_too_large", max_kb=max_bytes // 1024)
    lookup = {_normalise_header(k): v for k, v in aliases.items()}
    lookup.update({_normalise_header(f): f for f in FIELDS + (NAME_COLUMN,)})
    lower = filename.lower()
    if lower.endswith((".xlsx", ".xlsm")):
        raw_rows = _xlsx_rows(data)
    elif lower.endswith((".csv", ".txt")):
        raw_rows = list(csv.reader(io.StringIO(_decode(data))))
    else:
        raise TableError("file_type")
    raw_rows = [r for r in raw_rows if any(str(c).strip() for c in r if c is not None)]
    if not raw_rows:
        raise TableError("file_empty")
    header = [lookup.get(_normalise_header(h)) if h is not None else None for h in raw_rows[0]]
    if not any(h in FIELDS for h in header):
        raise TableError("file_no_columns")
    body = raw_rows[1:]
    if len(body) > max_rows:
        raise TableError("file_too_many_rows", max=max_rows, rows=len(body))
    rows = []
    for number, cells in enumerate(body, start=2):
        row = {"_row": number}
        for key, cell in zip(header, cells):
            if key is not None:
                row[key] = _cell(cell)
        rows.append(row)
    return rows


def _cell(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _xlsx_rows(data: bytes) -> list[list]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException
    from zipfile import BadZipFile

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError):
        raise TableError("file_unreadable") from None
    sheet = book.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def check_row(row: dict, policy: Policy, today: dt.date) -> RowResult:
    number = row.get("_row", 0)
    name = "" if row.get(NAME_COLUMN) is None else str(row.get(NAME_COLUMN)).strip()
    values = {k: row.get(k) for k in FIELDS}
    try:
        applicant = parse_applicant(values, for_quota=False, today=today)
        version = policy.on(applicant.date)
    except ValidationError as exc:
        return RowResult(number, name, tuple(exc.errors), values=values)
    verdict = check(applicant, version)
    try:
        result = quota(applicant, version)
        quota_errors: tuple = ()
    except ValidationError as exc:
        result, quota_errors = None, tuple(exc.errors)
    return RowResult(number, name, (), verdict, result, quota_errors, values)


def run(rows: Iterable[dict], *, today: dt.date | None = None, policy: Policy | None = None,
        progress: Callable[[int], None] | None = None, every: int = 250) -> list[RowResult]:
    """Judge rows in input order; ``progress(done)`` is called every ``every`` rows."""
    policy = policy or default_policy()
    today = today or dt.date.today()
    results = []
    for i, row in enumerate(rows, start=1):
        results.append(check_row(row, policy, today))
        if progress and i % every == 0:
            progress(i)
    if progress:
        progress(len(results))
    return results
