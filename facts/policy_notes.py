"""Withdrawal, non-local, cross-province and COVID-era rules shown on /policy."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from calculators.policy import DATA_DIR, Source
from calculators.policy_files import default_policy

from .schema import CONFIDENCE, Column, one_of, partial_date, read_csv, text

SECTIONS = ("withdrawal", "nonlocal", "cross_province", "covid")
COLUMNS = [
    Column("section", one_of(*SECTIONS)),
    Column("key", text),
    Column("effective", partial_date, required=False),
    Column("text_zh", text),
    Column("text_en", text),
    Column("link", text, required=False),
    Column("source", text),
    Column("confidence", one_of(*CONFIDENCE)),
]


@dataclass(frozen=True)
class PolicyNote:
    section: str
    key: str
    effective: str | None
    text: dict
    link: str | None
    source: Source
    confidence: str


@lru_cache(maxsize=1)
def notes(path: Path = DATA_DIR / "policy_notes.csv") -> tuple[PolicyNote, ...]:
    return tuple(PolicyNote(**row) for row in read_csv(path, COLUMNS, default_policy().sources))
