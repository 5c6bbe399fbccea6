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


MAX_COLUMNS = 64          # the template has 13; anything far beyond is not a client list
MAX_CELL_CHARS = 1000     # a name or a number; a longer cell is refused, not parsed
MAX_BLANK_ROWS = 1000     # blank rows skipped before the file is judged too long
MAX_XML_BYTES = 48 * 1024 * 1024  # uncompressed size of one part of an XLSX (zip-bomb guard)


def _normalise_header(text: str) -> str:
    return "".join(str(text).split()).lower().replace("（", "(").replace("）", ")")


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError("file_encoding")


class _Limits:
    """Counts what a file holds while it is read and stops at the first limit, so the cost of
    reading is bounded by the limits, never by what the file claims (dimensions, row numbers)."""

    def __init__(self, max_rows: int):
        self.max_rows = max_rows
        self.max_cells = (max_rows + 1) * 20
        self.rows = 0      # non-blank rows, header included
        self.blank = 0
        self.cells = 0

    def row(self, number: int, cells: list) -> bool:
        """True when the row holds data; raises TableError past a limit."""
        filled = 0
        for column, cell in enumerate(cells, start=1):
            if cell is None or (isinstance(cell, str) and not cell.strip()):
                continue
            if column > MAX_COLUMNS:
                raise TableError("file_too_many_columns", max=MAX_COLUMNS)
            if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
                raise TableError("file_cell_too_long", row=number, max=MAX_CELL_CHARS)
            filled += 1
        if not filled:
            self.blank += 1
            if self.blank > MAX_BLANK_ROWS + self.max_rows:
                raise TableError("file_too_many_rows", max=self.max_rows, rows=f"{self.max_rows}+")
            return False
        self.rows += 1
        self.cells += filled
        if self.rows - 1 > self.max_rows:
            raise TableError("file_too_many_rows", max=self.max_rows, rows=f"{self.max_rows}+")
        if self.cells > self.max_cells:
            raise TableError("file_too_many_cells", max=self.max_cells)
        return True


def _header_key(text, lookup: dict):
    """The field a header names: its label, or its label followed by the allowed values in
    brackets, as the template writes them ("第几套住房（首套/第二套/第三套及以上）")."""
    key = _normalise_header(text)
    if key in lookup:
        return lookup[key]
    return lookup.get(key.split("(", 1)[0]) if "(" in key else None


def alias_values(row: dict, value_aliases: dict[str, dict[str, str]] | None) -> dict:
    """Choice cells written as the form's labels (普通缴存职工, 首套, 封存, 有/没有) -> API codes."""
    if not value_aliases:
        return row
    out = dict(row)
    for name, mapping in value_aliases.items():
        cell = out.get(name)
        if isinstance(cell, str) and cell.strip() in mapping:
            out[name] = mapping[cell.strip()]
    return out


def read_table(filename: str, data: bytes, aliases: dict[str, str], max_rows: int,
               max_bytes: int, value_aliases: dict[str, dict[str, str]] | None = None) -> list[dict]:
    """Rows as {field: raw value} (plus 'name' and '_row'); unknown columns are ignored.

    Reads at most ``max_rows`` data rows, ``MAX_COLUMNS`` columns and ``MAX_CELL_CHARS`` a cell;
    anything beyond is a TableError (a message for the user), found while streaming."""
    if len(data) > max_bytes:
        raise TableError("file_too_large", max_kb=max_bytes // 1024)
    lookup = {_normalise_header(k): v for k, v in aliases.items()}
    lookup.update({_normalise_header(f): f for f in FIELDS + (NAME_COLUMN,)})
    lower = filename.lower()
    if lower.endswith((".xlsx", ".xlsm")):
        source = _xlsx_rows(data)
    elif lower.endswith((".csv", ".txt")):
        source = _csv_rows(data)
    else:
        raise TableError("file_type")
    limits = _Limits(max_rows)
    raw_rows = [(number, cells) for number, cells in source if limits.row(number, cells)]
    if not raw_rows:
        raise TableError("file_empty")
    header = [_header_key(h, lookup) if h is not None else None for h in raw_rows[0][1][:MAX_COLUMNS]]
    if not any(h in FIELDS for h in header):
        raise TableError("file_no_columns")
    if len(raw_rows) < 2:
        raise TableError("file_empty")  # a header and no client
    rows = []
    for position, (number, cells) in enumerate(raw_rows[1:], start=2):
        row = {"_row": number if number else position}
        for key, cell in zip(header, cells):
            if key is not None:
                row[key] = _cell(cell)
        rows.append(_house_price_in_wan(alias_values(row, value_aliases)))
    return rows


def _house_price_in_wan(row: dict) -> dict:
    """A house price under 10,000 in a spreadsheet was written in 万, as the form reads it (no
    home costs less than 10,000 yuan): 120 means 1,200,000 yuan."""
    price = row.get("house_price")
    if isinstance(price, (int, float)) and not isinstance(price, bool) and 0 < price < 10_000:
        row["house_price"] = f"{price}万"
    elif isinstance(price, str) and price.strip().replace(".", "", 1).isdigit() and len(price.strip()) <= 12 \
            and 0 < float(price) < 10_000:
        row["house_price"] = price.strip() + "万"
    return row


def _csv_rows(data: bytes):
    text = _decode(data)
    reader = csv.reader(io.StringIO(text))
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, cells
    except csv.Error:  # e.g. a field over csv's 131,072-character limit, or a NUL byte
        raise TableError("file_cell_too_long", row=reader.line_num, max=MAX_CELL_CHARS) from None


def _cell(value):
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return int(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _xlsx_rows(data: bytes):
    """Stream the first sheet's rows as (row number, values) with openpyxl's read-only parser.

    The declared dimension (``<dimension ref="A1:XFD1048576"/>``) is ignored: only rows and
    cells present in the XML are produced, gaps are not filled. XML is parsed with defusedxml
    (openpyxl uses it when installed): no entity expansion, no external entities."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.worksheet._reader import WorkSheetParser

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            # ZipExtFile never inflates past the declared size, so checking it bounds the work.
            if any(info.file_size > MAX_XML_BYTES for info in archive.infolist()):
                raise TableError("file_too_large", max_kb=MAX_XML_BYTES // 1024)
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        with sheet._get_source() as source:
            parser = WorkSheetParser(source, sheet._shared_strings, data_only=True, epoch=book.epoch,
                                     date_formats=book._date_formats,
                                     timedelta_formats=book._timedelta_formats)
            for number, cells in parser.parse():
                values: list = []
                for cell in cells:
                    column = cell["column"]
                    if column > MAX_COLUMNS:
                        if cell["value"] not in (None, ""):
                            raise TableError("file_too_many_columns", max=MAX_COLUMNS)
                        continue
                    if column > len(values):
                        values.extend([None] * (column - len(values)))
                    values[column - 1] = cell["value"]
                yield number, values
        book.close()
    except TableError:
        raise
    except Exception:  # noqa: BLE001 - any failure to read an untrusted file is the file's fault
        raise TableError("file_unreadable") from None


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
