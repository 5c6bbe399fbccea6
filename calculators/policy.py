"""Loan policy versioned by effective date, each parameter with its source and confidence.

Files in data/policy/ named YYYY-MM-DD.yaml each hold one version; the first sets every
parameter and later ones list only what changed, so a parameter remembers since when it holds.
The classes are here; the files are read by policy_files.py (``default_policy()``, ``policy_on(date)``
for the version in force). Calculators take the version they are given.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from .errors import FieldError, ValidationError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
POLICY_DIR = DATA_DIR / "policy"
SOURCES_FILE = DATA_DIR / "sources.yaml"
# general: general knowledge (the national hotline 12329), not a published source
CONFIDENCE_LEVELS = ("seed", "official", "secondary", "general", "assumption")
CATEGORIES = ("standard", "high_level_talent", "multi_child_family", "recent_graduate")


@dataclass(frozen=True)
class Source:
    id: str
    title: dict  # {"zh": ..., "en": ...}
    date: str | None
    confidence: str
    url: str | None = None
    short: dict | None = None  # a few words for tight spots: {"zh": ..., "en": ...}


@dataclass(frozen=True)
class Parameter:
    name: str
    value: object  # Decimal for numbers, bool for flags
    source: Source
    confidence: str
    since: dt.date  # effective date of the version that set this value
    note: dict | None = None
    # The sources do not say when the value started (only that it held before ``until``).
    since_known: bool = True
    # The start date is this site's assumption (a rule known to hold now, start not published).
    since_assumed: bool = False
    until: dt.date | None = None  # effective date of the version that changed it next
    next_value: object = None  # the value it changed to then
    # An assumed figure's plausible span (low, high), where the site states one: answers that
    # rest on it are also given at both ends.
    range: tuple | None = None


@dataclass(frozen=True)
class PolicyVersion:
    """Identified (equality, hash) by its effective date, so results can be cached per version."""

    effective: dt.date
    label: dict = field(compare=False)
    changes: dict = field(compare=False)
    parameters: dict = field(repr=False, compare=False)  # name -> Parameter
    changed: tuple = field(default=(), compare=False)  # names this version set itself

    @property
    def id(self) -> str:
        return self.effective.isoformat()

    def __getitem__(self, name: str) -> Parameter:
        return self.parameters[name]

    def value(self, name: str):
        return self.parameters[name].value

    def has(self, name: str) -> bool:
        return name in self.parameters

    def with_value(self, name: str, value) -> PolicyVersion:
        """This version with one parameter's value changed: to ask "what if" of an assumption."""
        return replace(self, parameters={**self.parameters, name: replace(self[name], value=value)})

    def knows_category(self, category: str) -> bool:
        return category == "standard" or self.has(f"ceiling_{category}")

    def rate_name(self, home_number: int, term_years: int) -> str:
        home = "first_home" if home_number <= 1 else "second_home"
        return f"rate_{home}_{'short' if term_years <= 5 else 'long'}"

    def rate(self, home_number: int, term_years: int) -> Decimal:
        """HPF annual rate in percent: first/second home, term up to or over 5 years."""
        return self.value(self.rate_name(home_number, term_years))


@dataclass(frozen=True)
class ReferenceRate:
    """A commercial reference rate in force on some day: the 5-year LPR, or before the first LPR
    (2019-08-20) the PBoC benchmark rate it replaced."""

    kind: str  # "lpr" | "benchmark"
    value: Decimal
    effective: dt.date
    source: Source
    note: dict | None = None


@dataclass(frozen=True)
class Policy:
    versions: tuple  # PolicyVersion, oldest first
    sources: dict
    lpr: tuple  # ReferenceRate of kind "lpr", oldest first
    lpr_note: dict
    benchmark: ReferenceRate | None = None  # what commercial loans used before the first LPR
    lpr_pricing_from: dt.date | None = None  # new mortgages priced on the LPR from this day
    deed_tax: object = None  # cash_to_close.DeedTaxRules: the deed tax rates by notice

    def on(self, day: dt.date) -> PolicyVersion:
        if day < self.versions[0].effective:
            raise ValidationError(
                FieldError("date", "before_first_policy", {"first": self.versions[0].effective.isoformat()})
            )
        return [v for v in self.versions if v.effective <= day][-1]

    def lpr_entry(self, day: dt.date) -> ReferenceRate | None:
        """The over-five-year LPR in force on ``day``; None before the first LPR."""
        eligible = [r for r in self.lpr if r.effective <= day]
        return eligible[-1] if eligible else None

    def lpr_on(self, day: dt.date) -> Decimal | None:
        entry = self.lpr_entry(day)
        return entry.value if entry else None

    def commercial_reference(self, day: dt.date) -> ReferenceRate | None:
        """What a new commercial mortgage was priced on that day: the LPR once mortgages moved to it
        (2019-10-08, weeks after the first LPR), before that the benchmark, else None (unknown)."""
        entry = self.lpr_entry(day)
        if entry is not None and (self.lpr_pricing_from is None or day >= self.lpr_pricing_from):
            return entry
        if self.benchmark is not None and self.benchmark.effective <= day:
            return self.benchmark
        return None
