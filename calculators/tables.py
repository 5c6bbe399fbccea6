"""Read a client list (CSV, tab-separated text or XLSX) into rows, keeping every column.

Nothing the consultant brings is lost: each row keeps its original cells (``_cells``) in the
upload's order, and the table says which column was read as which field and which were not used.
The header is the first row (among the first ``HEADER_SCAN`` rows with data) naming known columns,
so a title and a blank row above it are fine. Text files may be UTF-8 (with or without BOM),
UTF-16 (Excel's "Unicode text": BOM and tabs) or GB18030/GBK; commas, tabs or semicolons.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import time
from dataclasses import dataclass, field

from .cell_units import fold, unit_of
from .registry import ApplicantFields

FIELDS = tuple(ApplicantFields.model_fields)  # the columns a client list may have, in the template's order
NAME_COLUMN = "name"  # optional client name or reference, passed through untouched

MAX_COLUMNS = 64  # the template has 16; anything far beyond is not a client list
MAX_CELL_CHARS = 1000  # a name or a number; a longer cell is refused, not parsed
MAX_BLANK_ROWS = 1000  # blank rows skipped before the file is judged too long
HEADER_SCAN = 10  # rows with data looked at for the header (title rows above it)
DELIMITERS = (",", "\t", ";")
# A formula that sums or counts a range (=SUM(D4:D8), =SUBTOTAL(9,E:E)): its row is a total.
TOTAL_FORMULA = re.compile(  # also as a download writes it in CSV, quoted as text ('=SUM(...))
    r"^\s*'?=?\s*(sum|subtotal|average|count|counta|max|min|product|sumif|sumifs)\s*\(.*:", re.IGNORECASE
)


class TableError(ValueError):
    """The file as a whole cannot be read; ``code`` is a message key (error.<code>)."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(code)


@dataclass(frozen=True)
class Column:
    index: int  # position in the upload, from 0
    header: str  # the header cell as written ("" when blank)
    field: str | None  # the field it is read as, or None
    reason: str | None = None  # why not used: "unknown", "duplicate" or "result" (an earlier run's)
    unit: str | None = None  # the unit its header names ("万元", "年"), a key of cell_units.UNITS
    chosen: bool = False  # the consultant chose this field (or unit) on the page, not the header


@dataclass
class Table:
    header_row: int  # spreadsheet row (or text line) of the header
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)  # {field: value, "_row": n, "_cells": [...]}

    @property
    def used(self) -> list[Column]:
        return [c for c in self.columns if c.field]

    @property
    def unused(self) -> list[Column]:
        return [c for c in self.columns if not c.field]

    @property
    def units(self) -> dict[str, str]:
        """{field: the unit its column's header names}."""
        return {c.field: c.unit for c in self.columns if c.field and c.unit}


def normalise_header(text) -> str:
    """A header as compared: full-width folded, no spaces, lower case, without the marks people
    add (a required-field star, a trailing colon, "_" and "-" of English names)."""
    key = fold(text).replace("_", "").replace("-", "").replace("*", "")
    return key.rstrip(":").replace("【", "(").replace("】", ")").replace("[", "(").replace("]", ")")


def header_key(text, lookup: dict):
    """The field a header names: a label or alias, or a label followed by the allowed values in
    brackets, as the template writes them ("第几套住房（首套/第二套/第三套及以上）")."""
    return header_unit(text, lookup)[0]


def header_unit(text, lookup: dict) -> tuple[str | None, str | None]:
    """(field, unit) a header names: "公积金余额(万元)" is the balance in 万元, "缴存年限/年" a
    count of years. The unit is a key of cell_units.UNITS, or None when the header names none."""
    key = normalise_header(text)
    unit = None
    if "/" in key and "(" not in key:  # "公积金余额/万元"
        head, _, tail = key.rpartition("/")
        if unit_of(tail):
            key, unit = head, tail
    while key:
        if key in lookup:
            return lookup[key], unit
        shorter = _without_last_bracket(key)  # a label may hold brackets of its own: drop one at a time
        inside = key[len(shorter) + 1 : -1] if shorter else ""
        if inside and unit_of(inside.split("/")[0]):
            unit = inside.split("/")[0].removeprefix("单位").lstrip(":")
        key = shorter
    return None, None


def _without_last_bracket(key: str) -> str:
    """``key`` without its final balanced "(...)" group (nested ones included), or "" when it
    does not end in one."""
    depth = 0
    for i in range(len(key) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(key[i], 0)
        if depth == 0:
            return key[:i] if i < len(key) - 1 or key[i] == "(" else ""
    return ""


def decode(data: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16 (BOM, or NULs in every other byte), else GB18030 (GBK's superset)."""
    if data.startswith(codecs.BOM_UTF8):
        candidates = ("utf-8-sig",)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ("utf-16",)
    else:
        sample = data[:400]
        if len(sample) >= 4 and sample.count(b"\0") * 3 >= len(sample):
            odd = sample[1::2].count(b"\0")
            candidates = ("utf-16-le",) if odd >= sample[0::2].count(b"\0") else ("utf-16-be",)
        else:
            candidates = ("utf-8", "gb18030")
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError("file_encoding")


class Limits:
    """Counts what a file holds while it is read and stops at the first limit, so the cost of
    reading is bounded by the limits, never by what the file claims (dimensions, row numbers)."""

    def __init__(self, max_rows: int, seconds: float = 5.0):
        self.max_rows = max_rows
        self.max_cells = (max_rows + 1) * 20
        self.rows = 0  # non-blank rows, header and title rows included
        self.blank = 0
        self.cells = 0
        self.seconds = seconds
        self.deadline = time.perf_counter() + seconds

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
        if (self.rows + self.blank) % 1000 == 999 and time.perf_counter() > self.deadline:
            raise TableError("file_timeout", seconds=f"{self.seconds:g}")
        if not filled:
            self.blank += 1
            if self.blank > MAX_BLANK_ROWS + self.max_rows:
                raise TableError("file_too_many_rows", max=self.max_rows, rows=f"{self.max_rows}+")
            return False
        self.rows += 1
        self.cells += filled
        if self.rows - 1 > self.max_rows + HEADER_SCAN:
            raise TableError("file_too_many_rows", max=self.max_rows, rows=f"{self.max_rows}+")
        if self.cells > self.max_cells:
            raise TableError("file_too_many_cells", max=self.max_cells)
        return True


def _recognised(cells, lookup) -> int:
    """How many cells of a row name a field (the name column does not count)."""
    keys = {header_key(c, lookup) for c in cells[:MAX_COLUMNS] if isinstance(c, str) and c.strip()}
    return len(keys - {None, NAME_COLUMN})


def _delimiter(text: str, lookup: dict) -> str:
    """The separator under which some early row names the most known columns."""
    head = [line for line in text.splitlines()[: HEADER_SCAN * 3] if line.strip()][:HEADER_SCAN]
    best, chosen = 0, None
    for sep in DELIMITERS:
        try:
            rows = list(csv.reader(head, delimiter=sep))
        except csv.Error:
            continue
        score = max((_recognised(r, lookup) for r in rows), default=0)
        if score > best:
            best, chosen = score, sep
    if chosen:
        return chosen
    first = head[0] if head else ""
    return "\t" if first.count("\t") > first.count(",") else ","


def csv_rows(data: bytes, lookup: dict):
    text = decode(data)
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text, lookup))
    try:
        yield from enumerate(reader, start=1)
    except csv.Error:  # e.g. a field over csv's 131,072-character limit, or a NUL byte
        raise TableError("file_cell_too_long", row=reader.line_num, max=MAX_CELL_CHARS) from None


def cell(value):
    """A cell as the reader keeps it: whole floats as int, dates as ISO text."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:  # an ID typed as a number
        return int(value)
    if isinstance(value, dt.datetime):
        return (
            value.date().isoformat()
            if not (value.hour or value.minute or value.second)
            else value.isoformat(sep=" ", timespec="minutes")
        )
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _columns(header: list, width: int, lookup: dict, ours: frozenset) -> list[Column]:
    columns, taken = [], set()
    for index in range(width):
        text = header[index] if index < len(header) else None
        title = "" if text is None else str(cell(text)).strip()
        key, unit = header_unit(title, lookup) if title else (None, None)
        if normalise_header(title) in ours:  # a downloaded result uploaded again: replaced, not kept
            columns.append(Column(index, title, None, "result"))
        elif key is None:
            columns.append(Column(index, title, None, "unknown" if title else None))
        elif key in taken:
            columns.append(Column(index, title, None, "duplicate"))
        else:
            taken.add(key)
            columns.append(Column(index, title, key, unit=unit))
    return columns


def skip_reason(cells: list, columns: list[Column], total_words: frozenset) -> str | None:
    """Why a row is not a client, or None: a total ("合计", "Total", or a =SUM of a range), or a
    row with nothing in any column read as a field (a note, a signature line, a separator). The
    label is the first cell of the client's own columns: an earlier download's row number and
    results (columns marked "result") come before or after them."""
    results = {c.index for c in columns if c.reason == "result"}
    label = next(
        (c for i, c in enumerate(cells) if i not in results and c is not None and str(c).strip()), None
    )
    if label is not None and normalise_header(label).rstrip(":") in total_words:
        return "total"
    if any(isinstance(c, str) and TOTAL_FORMULA.match(c) for c in cells):
        return "total"
    fields = [c.index for c in columns if c.field and c.field != NAME_COLUMN]
    if not any(i < len(cells) and cells[i] is not None and str(cells[i]).strip() for i in fields):
        return "no_data"
    return None


def assign(columns: list[Column], numbered: list, total_words: frozenset = frozenset()) -> list[dict]:
    """Rows as {field: cell, "_row": n, "_cells": [...], "_skip": reason or None} from the kept
    cells: used at upload, and again when the consultant maps the columns another way."""
    used = [c for c in columns if c.field]
    rows = []
    for number, kept in numbered:
        row = {"_row": number, "_cells": kept, "_skip": skip_reason(kept, columns, total_words)}
        for column in used:
            row[column.field] = kept[column.index] if column.index < len(kept) else None
        rows.append(row)
    return rows


def build(
    source, lookup: dict, limits: Limits, ours: frozenset = frozenset(), total_words: frozenset = frozenset()
) -> Table:
    """Rows with data → a Table: find the header, map the columns, keep every cell. Columns whose
    header is in ``ours`` (the result columns of a download) are marked "result"; rows that are
    totals or notes are marked skipped (``total_words``: normalised words of a total row)."""
    raw_rows = [(number, cells) for number, cells in source if limits.row(number, cells)]
    if not raw_rows:
        raise TableError("file_empty")
    scores = [_recognised(cells, lookup) for _, cells in raw_rows[:HEADER_SCAN]]
    best = max(scores)
    if best == 0:
        raise TableError("file_no_columns")
    at = next(i for i, s in enumerate(scores) if s >= min(2, best))
    header_number, header = raw_rows[at]
    data_rows = raw_rows[at + 1 :]
    if not data_rows:
        raise TableError("file_empty")  # a header and no client
    if len(data_rows) > limits.max_rows:
        raise TableError("file_too_many_rows", max=limits.max_rows, rows=len(data_rows))
    width = min(MAX_COLUMNS, max(len(header), max(len(c) for _, c in data_rows)))
    columns = _columns(list(header), width, lookup, ours)
    numbered = [
        (number or position, [cell(cells[i]) if i < len(cells) else None for i in range(width)])
        for position, (number, cells) in enumerate(data_rows, start=header_number + 1)
    ]
    return Table(header_number, columns, assign(columns, numbered, total_words))
