"""The fund's milestones, 2002 onwards: date as precise as the source, category, both languages."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from calculators.policy import DATA_DIR, Source
from calculators.policy_files import default_policy

from .schema import CONFIDENCE, Column, one_of, partial_date, read_csv, text

CATEGORIES = ("branches", "systems_services", "awards", "reforms_policy")
COLUMNS = [
    Column("date", partial_date),
    Column("category", one_of(*CATEGORIES)),
    Column("event_zh", text),
    Column("event_en", text),
    Column("source", text),
    Column("confidence", one_of(*CONFIDENCE)),
]


@dataclass(frozen=True)
class Milestone:
    date: str
    category: str
    event: dict
    source: Source
    confidence: str

    @property
    def year(self) -> int:
        return int(self.date[:4])


@lru_cache(maxsize=1)
def milestones(path: Path = DATA_DIR / "milestones.csv") -> tuple[Milestone, ...]:
    items = (Milestone(**row) for row in read_csv(path, COLUMNS, default_policy().sources))
    return tuple(sorted(items, key=lambda m: m.date))
