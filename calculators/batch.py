"""Batch pre-check: read a client list (CSV, text or XLSX) and judge every row independently.

A bad row gets its own errors; the others are still computed. Column headers may be the API's
field names or any alias the caller passes (the site passes the catalogs' labels and aliases).
Reading is in calculators/tables.py (columns, header, encodings) and calculators/xlsx.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from . import clock, xlsx
from .answers import judge
from .eligibility import EligibilityResult
from .errors import ValidationError
from .policy import Policy, default_policy
from .quota import QuotaResult
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


READ_SECONDS = 10.0  # the whole file is read within this, or refused (file_timeout)


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


def read_list(
    filename: str,
    data: bytes,
    aliases: dict[str, str],
    max_rows: int,
    max_bytes: int,
    value_aliases: dict[str, dict[str, str]] | None = None,
    *,
    seconds: float = READ_SECONDS,
    result_headers=(),
    fields=FIELDS,
) -> Table:
    """The client list as a Table: every column kept, known ones read as fields.

    Reads at most ``max_rows`` data rows, ``MAX_COLUMNS`` columns and ``MAX_CELL_CHARS`` a cell,
    within ``seconds``; an XLSX is checked part by part before it is parsed (calculators/xlsx.py).
    Anything beyond is a TableError (a message for the user). ``fields``: the registry's
    applicant fields (calculators/registry.py), read from columns of their names or aliases."""
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
    table = build(source, lookup, limits, ours)
    table.rows = [_amounts_in_wan(alias_values(row, value_aliases)) for row in table.rows]
    return table


def read_table(
    filename: str,
    data: bytes,
    aliases: dict[str, str],
    max_rows: int,
    max_bytes: int,
    value_aliases: dict[str, dict[str, str]] | None = None,
) -> list[dict]:
    """Rows as {field: raw value} (plus 'name', '_row' and '_cells'); see read_list."""
    return read_list(filename, data, aliases, max_rows, max_bytes, value_aliases).rows


IN_WAN = ("house_price", "cash")  # the form's 万元 fields


def _amounts_in_wan(row: dict) -> dict:
    """A house price or cash under 10,000 in a spreadsheet was written in 万, as the form reads
    it (no home costs less than 10,000 yuan): 120 means 1,200,000 yuan."""
    for name in IN_WAN:
        value = row.get(name)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value < 10_000:
            row[name] = f"{value}万"
        elif (
            isinstance(value, str)
            and value.strip().replace(".", "", 1).isdigit()
            and len(value.strip()) <= 12
            and 0 < float(value) < 10_000
        ):
            row[name] = value.strip() + "万"
    return row


def check_row(row: dict, policy: Policy, today: dt.date) -> RowResult:
    number = row.get("_row", 0)
    name = "" if row.get(NAME_COLUMN) is None else str(row.get(NAME_COLUMN)).strip()
    values = {k: row.get(k) for k in FIELDS}
    cells = tuple(row.get("_cells") or ())
    try:
        answer = judge(values, for_quota=False, today=today, policy=policy)
    except ValidationError as exc:
        return RowResult(number, name, tuple(exc.errors), values=values, cells=cells)
    return RowResult(
        number,
        name,
        (),
        answer.eligibility,
        answer.quota,
        answer.quota_errors,
        values,
        cells,
        answer.affordable,
    )


def run(
    rows: Iterable[dict],
    *,
    today: dt.date | None = None,
    policy: Policy | None = None,
    progress: Callable[[int], None] | None = None,
    every: int = 250,
) -> list[RowResult]:
    """Judge rows in input order; ``progress(done)`` is called every ``every`` rows."""
    policy = policy or default_policy()
    today = today or clock.today()
    results = []
    for i, row in enumerate(rows, start=1):
        results.append(check_row(row, policy, today))
        if progress and i % every == 0:
            progress(i)
    if progress:
        progress(len(results))
    return results
