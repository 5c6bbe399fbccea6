"""A small CSV schema: every row checked, every problem named by file, row and column."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

CONFIDENCE = ("seed", "official", "secondary", "general", "assumption")


class DataFileError(RuntimeError):
    """A data file the site cannot trust; the message names file, row and column."""


@dataclass(frozen=True)
class Column:
    name: str
    parse: Callable[[str], object]
    required: bool = True


def text(value: str) -> str:
    return value


def number(value: str) -> float:
    result = float(value)
    if result != result or result in (float("inf"), float("-inf")):
        raise ValueError("not a finite number")
    return result


def boolean(value: str) -> bool:
    if value not in ("true", "false"):
        raise ValueError("true or false")
    return value == "true"


def one_of(*choices: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if value not in choices:
            raise ValueError(f"one of {', '.join(choices)}")
        return value

    return parse


def partial_date(value: str) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source is."""
    parts = value.split("-")
    formats = {1: "%Y", 2: "%Y-%m", 3: "%Y-%m-%d"}
    if len(parts) not in formats:
        raise ValueError("YYYY, YYYY-MM or YYYY-MM-DD")
    dt.datetime.strptime(value, formats[len(parts)])
    return value


def read_csv(path: Path, columns: list[Column], sources: dict) -> list[dict]:
    """Rows as dicts of parsed values. pandas reads the file, every cell as the text it is (no
    guessed types, no NaN for a blank); each column's own parser then says what a cell means,
    naming row and column when it cannot. Then, the same for every file: ``source`` must name a
    known source and becomes it; a pair ``X_zh``/``X_en`` becomes ``X`` = {"zh", "en"} (English
    falling back to the Chinese; None without a Chinese text)."""
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8", skipinitialspace=False)
    except (OSError, ValueError) as exc:
        raise DataFileError(f"{path.name}: cannot read: {exc}") from exc
    missing = [c.name for c in columns if c.name not in table.columns]
    if missing:
        raise DataFileError(f"{path.name}: missing columns {', '.join(missing)}")
    rows = []
    for number_, raw in enumerate(table.to_dict("records"), start=2):  # row 1 is the header
        row = {}
        for column in columns:
            value = (raw.get(column.name) or "").strip()
            where = f"{path.name}, row {number_}, column {column.name}"
            if not value:
                if column.required:
                    raise DataFileError(f"{where}: empty")
                row[column.name] = None
                continue
            try:
                row[column.name] = column.parse(value)
            except ValueError as exc:
                raise DataFileError(f"{where}: {value!r} is not {exc}") from None
        if "source" in row and row["source"] not in sources:
            raise DataFileError(
                f"{path.name}, row {number_}, column source: unknown source {row['source']!r}"
            )
        rows.append(_with_pairs(row, sources))
    if not rows:
        raise DataFileError(f"{path.name}: no rows")
    return rows


def _with_pairs(row: dict, sources: dict) -> dict:
    for name in [key[:-3] for key in row if key.endswith("_zh")]:
        zh, en = row.pop(f"{name}_zh"), row.pop(f"{name}_en", None)
        row[name] = {"zh": zh, "en": en or zh} if zh else None
    if "source" in row:
        row["source"] = sources[row["source"]]
    return row
