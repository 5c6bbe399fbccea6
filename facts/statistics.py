"""Public statistics of the fund in long format: one row per metric and period."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from calculators.policy import DATA_DIR, Source
from calculators.policy_files import default_policy

from .schema import CONFIDENCE, Column, boolean, number, one_of, read_csv, text

UNITS = (
    "wan_people",
    "yi_yuan",
    "wan_yuan",
    "percent",
    "wan_households",
    "wan_m2",
    "times",
    "wan_times",
    "wan_transactions",
    "count",
    "households",
    "people",
    "loans",
)
COLUMNS = [
    Column("metric", text),
    Column("period", text),
    Column("value", number),
    Column("unit", one_of(*UNITS)),
    Column("qualifier", one_of(">", "<"), required=False),
    Column("scope", one_of("annual", "cumulative", "point", "unstated")),
    Column("source", text),
    Column("confidence", one_of(*CONFIDENCE)),
    Column("derived", boolean),
    Column("note_zh", text, required=False),
    Column("note_en", text, required=False),
]


@dataclass(frozen=True)
class Figure:
    metric: str
    period: str
    value: float
    unit: str
    qualifier: str | None
    scope: str
    source: Source
    confidence: str
    derived: bool
    note: dict | None

    @property
    def year(self) -> int | None:
        return int(self.period) if self.period.isdigit() else None


@lru_cache(maxsize=1)
def figures(path: Path = DATA_DIR / "statistics.csv") -> tuple[Figure, ...]:
    return tuple(Figure(**row) for row in read_csv(path, COLUMNS, default_policy().sources))


def series(metric: str) -> list[Figure]:
    """One metric's yearly figures in time order (only years that exist; nothing interpolated)."""
    return sorted((f for f in figures() if f.metric == metric and f.year), key=lambda f: f.year)


def figure(metric: str, period: str) -> Figure:
    for f in figures():
        if f.metric == metric and f.period == period:
            return f
    raise KeyError(f"{metric} {period}")
