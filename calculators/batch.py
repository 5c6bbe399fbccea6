"""Batch pre-check: read a client list (CSV, text or XLSX) and judge every row independently.

A bad row gets its own errors; the others are still computed. Column headers may be the API's
field names or any alias the caller passes (the site passes the catalogs' labels and aliases).
Reading is in calculators/tables.py (columns, header, encodings) and calculators/xlsx.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from . import clock, xlsx
from .answers import judge
from .cell_units import UNITS, CellError, read_cell
from .eligibility import EligibilityResult
from .errors import FieldError, ValidationError
from .fields import shown, spec_of
from .policy import Policy
from .policy_files import default_policy
from .quota import QuotaResult
from .registry import ApplicantFields
from .tables import (  # noqa: F401
    FIELDS,
    HEADER_SCAN,
    MAX_BLANK_ROWS,
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    NAME_COLUMN,
    Column,
    Limits,
    Table,
    TableError,
    assign,
    build,
    csv_rows,
    normalise_header,
)


@dataclass(frozen=True)
class RowResult:
    row: int  # spreadsheet row number
    name: str
    errors: tuple = ()  # FieldErrors; when present nothing else is computed
    eligibility: EligibilityResult | None = None
    quota: QuotaResult | None = None
    quota_errors: tuple = ()  # e.g. asked term past the age limit: eligibility still answers
    values: dict = field(default_factory=dict)
    cells: tuple = ()  # the row as uploaded, every column in its order
    affordable: object = None  # with a cash column: the highest price the caps allow
    skipped: str | None = None  # not a client: "total" (合计, =SUM) or "no_data" (a note, a blank)
    defaulted: tuple = ()  # fields whose column is there but whose cell is blank: defaults applied
    cash_to_close: tuple | None = None  # (HPF loan alone, with a commercial part) for the price
    cash: object = None  # the cash the row gives, as read (affordable or not)


READ_SECONDS = 10.0  # the whole file is read within this, or refused (file_timeout)


def alias_values(row: dict, value_aliases: dict[str, dict[str, str]] | None) -> dict:
    """Choice cells written as the form's labels (普通缴存职工, 首套, 封存, 有/没有) -> API codes."""
    if not value_aliases:
        return row
    out = dict(row)
    for name, mapping in value_aliases.items():
        cell = out.get(name)
        if not isinstance(cell, str):
            continue
        text = cell.strip()
        plain = NOTE.sub("", text).strip()  # 首套（刚需）, 是（配偶）: the note in brackets aside
        if text in mapping or plain in mapping:
            out[name] = mapping.get(text, mapping.get(plain))
    return out


NOTE = re.compile(r"[（(][^（）()]*[）)]$")


def read_list(
    filename: str,
    data: bytes,
    aliases: dict[str, str],
    max_rows: int,
    max_bytes: int,
    *,
    seconds: float = READ_SECONDS,
    result_headers=(),
    fields=FIELDS,
    total_words=(),
) -> Table:
    """The client list as a Table: every column kept, known ones read as fields.

    Reads at most ``max_rows`` data rows, ``MAX_COLUMNS`` columns and ``MAX_CELL_CHARS`` a cell,
    within ``seconds``; an XLSX is checked part by part before it is parsed (calculators/xlsx.py).
    Anything beyond is a TableError (a message for the user). ``fields``: the registry's
    applicant fields (calculators/registry.py), read from columns of their names or aliases.
    Cells are kept as written: choice words and units are read when a row is checked
    (``check_row``), so the consultant can map the columns another way without a new upload."""
    if len(data) > max_bytes:
        raise TableError("file_too_large", max_kb=max_bytes // 1024)
    lookup = {normalise_header(k): v for k, v in aliases.items()}
    lookup.update({normalise_header(f): f for f in tuple(fields) + (NAME_COLUMN,)})
    lower = filename.lower()
    limits = Limits(max_rows, seconds)
    if lower.endswith((".xlsx", ".xlsm")):
        source = xlsx.read_rows(
            data,
            max_rows=max_rows + HEADER_SCAN,
            max_columns=MAX_COLUMNS,
            max_cells=limits.max_cells,
            blank_margin=MAX_BLANK_ROWS + max_rows,
            seconds=seconds,
        )
    elif lower.endswith((".csv", ".txt", ".tsv")):
        source = csv_rows(data, lookup)
    else:
        raise TableError("file_type")
    ours = frozenset(normalise_header(h) for h in result_headers)
    words = frozenset(normalise_header(w) for w in total_words)
    return build(source, lookup, limits, ours, words)


def _measure(name: str) -> str | None:
    """What a number field measures, for reading units (calculators/cell_units.ACCEPTS)."""
    spec = spec_of(ApplicantFields, name)
    if spec.kind == "money":
        return "money"
    if spec.kind == "integer":
        return {"years_old": "age", "months": "months", "years": "years"}.get(spec.unit, "count")
    return None


MEASURES = {name: m for name in FIELDS if (m := _measure(name))}


def _reading(column: Column) -> str:
    """A column's reading as a mapping writes it: "field", "field@unit" or ""."""
    return (column.field or "") + (f"@{column.unit}" if column.field and column.unit else "")


def _decide(column: Column, choice: str, taken: set, chosen: bool) -> Column:
    """The column read as ``choice``; not used when the field is unknown or already taken."""
    name, _, unit = str(choice).partition("@")
    if not name or name not in (*FIELDS, NAME_COLUMN) or (unit and unit not in UNITS):
        return Column(column.index, column.header, None, "unknown" if column.header else None)
    if name in taken:  # two columns for one field: the one chosen (or the first) is read
        return Column(column.index, column.header, None, "duplicate")
    taken.add(name)
    return Column(column.index, column.header, name, None, unit or None, chosen=chosen)


def remap(columns: list[Column], rows: list[dict], mapping: dict, total_words=()) -> tuple[list, list]:
    """The columns read as the consultant chose (``mapping``: column index -> "field" or
    "field@unit", "" for not used) and the rows again from their kept cells; no new upload.
    A column the consultant changed is read first: a field it now takes is taken from the column
    that had it (which is then not used), never the other way round."""
    changed = [c.index for c in columns if c.index in mapping and mapping[c.index] != _reading(c)]
    order = changed + [c.index for c in columns if c.index not in changed]
    by_index, taken, decided = {c.index: c for c in columns}, set(), {}
    for index in order:
        column = by_index[index]
        if index not in mapping and not (column.field and column.field in taken):
            decided[index] = column  # as read (a result column stays one)
            taken.add(column.field)
        else:
            decided[index] = _decide(column, mapping.get(index, _reading(column)), taken, index in mapping)
    chosen = [decided[c.index] for c in columns]
    words = frozenset(normalise_header(w) for w in total_words)
    numbered = [(r["_row"], r["_cells"]) for r in rows]
    return chosen, assign(chosen, numbered, words)


def read_values(row: dict, units: dict, value_aliases: dict | None) -> tuple[dict, list[FieldError]]:
    """A row's fields as the registry reads them: choice words to codes, units applied. A cell
    whose unit does not fit its field is an error quoting the cell."""
    values = alias_values({k: row.get(k) for k in FIELDS}, value_aliases)
    errors = []
    for name, measure in MEASURES.items():
        try:
            values[name] = read_cell(values[name], measure, UNITS.get(units.get(name) or ""))
        except CellError as exc:
            errors.append(FieldError(name, exc.code, exc.params))
            values[name] = None
    return values, errors


def _quoted(errors, row: dict, units: dict, values: dict | None = None) -> tuple:
    """Errors quoting the cell as the consultant wrote it ("5万"), not its value in yuan. A bare
    number out of a money field's range says how a unit is written (never guessed from its size)."""
    out = []
    for e in errors:
        written = row.get(e.field)
        if "value" in e.params and written is not None and not isinstance(written, bool):
            code = e.code
            if code == "range" and MEASURES.get(e.field) == "money" and not units.get(e.field):
                bare = isinstance(written, (int, float)) or str(written).strip().replace(".", "", 1).isdigit()
                below = bare and 0 < float(written) < float(e.params.get("min", 0))
                code = "range_unit_hint" if below else code
            read = (values or {}).get(e.field)
            extra = {}
            if code == "range" and read is not None and str(read) != str(written).strip():
                code, extra = "range_read", {"read": f"{Decimal(str(read)):,f}"}  # as its unit made it
            e = FieldError(e.field, code, {**e.params, **extra, "value": shown(written)})
        out.append(e)
    return tuple(out)


DEFAULTED = ("home_number", "monthly_debt", "co_borrower", "category", "date", "term_years", "account_status")


def check_row(row: dict, policy: Policy, today: dt.date, units=None, value_aliases=None) -> RowResult:
    number = row.get("_row", 0)
    name = "" if row.get(NAME_COLUMN) is None else str(row.get(NAME_COLUMN)).strip()
    cells = tuple(row.get("_cells") or ())
    if row.get("_skip"):
        return RowResult(number, name, cells=cells, skipped=row["_skip"])
    units = units or {}
    values, cell_errors = read_values(row, units, value_aliases)
    try:
        answer = judge(values, for_quota=False, today=today, policy=policy)
    except ValidationError as exc:
        bad = {e.field for e in cell_errors}
        errors = [*cell_errors, *(e for e in exc.errors if e.field not in bad)]
        return RowResult(number, name, _quoted(errors, row, units, values), values=values, cells=cells)
    if cell_errors:
        return RowResult(number, name, _quoted(cell_errors, row, units, values), values=values, cells=cells)
    return RowResult(
        number,
        name,
        (),
        answer.eligibility,
        answer.quota,
        _quoted(answer.quota_errors, row, units, values),
        values,
        cells,
        answer.affordable,
        defaulted=tuple(n for n in DEFAULTED if n in row and values.get(n) is None),
        cash_to_close=answer.cash_to_close,
        cash=answer.applicant.cash,
    )


def run(
    rows: Iterable[dict],
    *,
    today: dt.date | None = None,
    policy: Policy | None = None,
    progress: Callable[[int], None] | None = None,
    every: int = 250,
    units: dict | None = None,
    value_aliases: dict | None = None,
) -> list[RowResult]:
    """Judge rows in input order; ``progress(done)`` is called every ``every`` rows. ``units``:
    {field: unit written in its column's header}; ``value_aliases``: choice words to codes."""
    policy = policy or default_policy()
    today = today or clock.today()
    results = []
    for i, row in enumerate(rows, start=1):
        results.append(check_row(row, policy, today, units, value_aliases))
        if progress and i % every == 0:
            progress(i)
    if progress:
        progress(len(results))
    return results
