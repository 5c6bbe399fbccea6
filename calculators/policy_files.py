"""Reading data/policy/: each YAML file checked against the schema of every parameter, so a bad
file stops the site at start-up with its file, version and field named."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml

from . import clock
from .cash_to_close import DeedTaxRule, DeedTaxRules
from .policy import (
    CONFIDENCE_LEVELS,
    POLICY_DIR,
    SOURCES_FILE,
    Parameter,
    Policy,
    PolicyVersion,
    ReferenceRate,
    Source,
)


class PolicyFileError(RuntimeError):
    """A policy file that cannot be used; the message names the file, version and field."""


def _number(lo, hi):
    def check(v):
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not lo <= v <= hi:
            return f"a number from {lo} to {hi}"
        return None

    return check


def _boolean(v):
    return None if isinstance(v, bool) else "true or false"


# Every parameter the calculators read, with what its value must look like.
SCHEMA = {
    "ceiling_standard": _number(10_000, 5_000_000),
    "ceiling_standard_with_co_borrower": _number(10_000, 5_000_000),
    "ceiling_high_level_talent": _number(10_000, 5_000_000),
    "ceiling_multi_child_family": _number(10_000, 5_000_000),
    "ceiling_recent_graduate": _number(10_000, 5_000_000),
    "rate_first_home_short": _number(0, 20),
    "rate_first_home_long": _number(0, 20),
    "rate_second_home_short": _number(0, 20),
    "rate_second_home_long": _number(0, 20),
    "ltv_first_home": _number(0, 1),
    "ltv_second_home": _number(0, 1),
    "balance_multiplier": _number(1, 100),
    "income_ratio": _number(0.05, 1),
    "max_term_years": _number(1, 50),
    "max_age_at_term_end": _number(40, 90),
    "min_age": _number(14, 30),
    "min_contribution_months": _number(0, 120),
    "max_home_number": _number(1, 5),
    "local_hukou_required_for_nonlocal": _boolean,
    "balance_uplift_multi_child_family": _number(1, 3),
    "balance_uplift_recent_graduate": _number(1, 3),
    "balance_exempt_high_level_talent": _boolean,
    "multi_child_min_children": _number(2, 5),
}
# Parameters a category may lack in early versions (the category did not exist yet).
OPTIONAL = {"ceiling_multi_child_family", "ceiling_recent_graduate", "multi_child_min_children"}


def _read_yaml(path: Path):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PolicyFileError(f"{path.name}: cannot read YAML: {exc}") from exc


def _as_date(value, where: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise PolicyFileError(f"{where}: 'effective' must be a date YYYY-MM-DD, got {value!r}") from None


def load_sources(path: Path) -> dict:
    raw = _read_yaml(path)
    if not isinstance(raw, dict):
        raise PolicyFileError(f"{path.name}: expected a mapping of source ids")
    sources = {}
    for sid, s in raw.items():
        where = f"{path.name}, source {sid}"
        if not isinstance(s, dict) or "title" not in s:
            raise PolicyFileError(f"{where}: needs a title")
        if s.get("confidence") not in CONFIDENCE_LEVELS:
            raise PolicyFileError(f"{where}, field confidence: one of {', '.join(CONFIDENCE_LEVELS)}")
        date = s.get("date")
        short = {"zh": s.get("short", s["title"]), "en": s.get("short_en", s.get("short", s["title"]))}
        sources[sid] = Source(
            sid,
            {"zh": s["title"], "en": s.get("title_en", s["title"])},
            None if date is None else str(date),
            s["confidence"],
            s.get("url"),
            short,
        )
    return sources


def _parse_parameter(name, raw, where, sources, since) -> Parameter:
    where = f"{where}, field {name}"
    if name not in SCHEMA:
        raise PolicyFileError(f"{where}: unknown parameter")
    if not isinstance(raw, dict) or "value" not in raw:
        raise PolicyFileError(f"{where}: needs 'value' and 'source'")
    source = sources.get(raw.get("source"))
    if source is None:
        raise PolicyFileError(f"{where}: unknown source {raw.get('source')!r}")
    problem = SCHEMA[name](raw["value"])
    if problem:
        raise PolicyFileError(f"{where}: value must be {problem}, got {raw['value']!r}")
    confidence = raw.get("confidence", source.confidence)
    if confidence not in CONFIDENCE_LEVELS:
        raise PolicyFileError(f"{where}: confidence must be one of {', '.join(CONFIDENCE_LEVELS)}")
    note = raw.get("note")
    if note is not None and not (isinstance(note, dict) and {"zh", "en"} <= set(note)):
        raise PolicyFileError(f"{where}: note needs zh and en")
    for flag in ("since_known", "since_assumed"):
        if flag in raw and not isinstance(raw[flag], bool):
            raise PolicyFileError(f"{where}, {flag}: true or false")
    value = raw["value"] if isinstance(raw["value"], bool) else Decimal(str(raw["value"]))
    span = _range(raw.get("range"), value, where)
    # An assumed figure has no start date: "since <first version>" would state one as fact.
    known_default = confidence != "assumption"
    return Parameter(
        name,
        value,
        source,
        confidence,
        since,
        note,
        since_known=raw.get("since_known", known_default),
        since_assumed=raw.get("since_assumed", False),
        range=span,
    )


def _range(raw, value, where: str) -> tuple | None:
    if raw is None:
        return None
    ok = isinstance(raw, dict) and all(isinstance(raw.get(k), (int, float)) for k in ("low", "high"))
    if not ok or not raw["low"] <= value <= raw["high"]:
        raise PolicyFileError(f"{where}, range: needs numbers low <= value <= high")
    return Decimal(str(raw["low"])), Decimal(str(raw["high"]))


def load_policy(directory: Path = POLICY_DIR, sources_file: Path = SOURCES_FILE) -> Policy:
    """Read and validate every file; any problem raises PolicyFileError naming file and field."""
    sources = load_sources(sources_file)
    files = sorted(p for p in directory.glob("*.yaml") if p.stem[:1].isdigit())
    if not files:
        raise PolicyFileError(f"{directory}: no policy versions (YYYY-MM-DD.yaml)")
    versions: list[PolicyVersion] = []
    current: dict = {}
    for path in files:
        raw = _read_yaml(path)
        if not isinstance(raw, dict):
            raise PolicyFileError(f"{path.name}: expected a mapping")
        effective = _as_date(raw.get("effective"), path.name)
        where = f"{path.name} (version {effective})"
        if effective.isoformat() != path.stem:
            raise PolicyFileError(f"{where}: file name must be the effective date")
        for key in ("label", "changes"):
            if not isinstance(raw.get(key), dict) or not {"zh", "en"} <= set(raw[key]):
                raise PolicyFileError(f"{where}, field {key}: needs zh and en text")
        params = raw.get("parameters")
        if not isinstance(params, dict) or not params:
            raise PolicyFileError(f"{where}, field parameters: needs at least one parameter")
        for name, p in params.items():
            current[name] = _parse_parameter(name, p, where, sources, effective)
        missing = set(SCHEMA) - OPTIONAL - set(current)
        if missing:
            raise PolicyFileError(f"{where}: missing parameters {', '.join(sorted(missing))}")
        versions.append(PolicyVersion(effective, raw["label"], raw["changes"], dict(current), tuple(params)))
    versions = _with_until(versions)
    lpr, lpr_note, benchmark, pricing_from = _load_lpr(directory / "lpr.yaml", sources)
    deed_tax = _load_deed_tax(directory / "deed_tax.yaml", sources)
    return Policy(tuple(versions), sources, lpr, lpr_note, benchmark, pricing_from, deed_tax)


def _with_until(versions: list[PolicyVersion]) -> list[PolicyVersion]:
    """Tell every parameter value until when it held (the next version that set it)."""
    ends = {}
    for i, v in enumerate(versions):
        for name in v.changed:
            nxt = next((w for w in versions[i + 1 :] if name in w.changed), None)
            ends[(name, v.effective)] = (nxt.effective, nxt.value(name)) if nxt else (None, None)
    out = []
    for v in versions:
        params = {}
        for name, p in v.parameters.items():
            until, next_value = ends.get((name, p.since), (None, None))
            params[name] = replace(p, until=until, next_value=next_value)
        out.append(replace(v, parameters=params))
    return out


def _reference(raw, kind: str, default_source: str, sources: dict, where: str) -> ReferenceRate:
    if not isinstance(raw, dict) or "effective" not in raw or "value" not in raw:
        raise PolicyFileError(f"{where}: needs effective and value")
    value = raw["value"]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 30:
        raise PolicyFileError(f"{where}, field value: a rate in percent, got {value!r}")
    source = sources.get(raw.get("source", default_source))
    if source is None:
        raise PolicyFileError(f"{where}: unknown source {raw.get('source', default_source)!r}")
    note = raw.get("note")
    if note is not None and not (isinstance(note, dict) and {"zh", "en"} <= set(note)):
        raise PolicyFileError(f"{where}: note needs zh and en")
    return ReferenceRate(kind, Decimal(str(value)), _as_date(raw["effective"], where), source, note)


def _load_lpr(path: Path, sources: dict):
    raw = _read_yaml(path)
    if not isinstance(raw, dict) or not isinstance(raw.get("rates"), list) or not raw["rates"]:
        raise PolicyFileError(f"{path.name}: needs a list 'rates'")
    note = raw.get("note")
    if not (isinstance(note, dict) and {"zh", "en"} <= set(note)):
        raise PolicyFileError(f"{path.name}, field note: needs zh and en")
    default_source = raw.get("source")
    rates = tuple(
        sorted(
            (
                _reference(r, "lpr", default_source, sources, f"{path.name}, rate {i}")
                for i, r in enumerate(raw["rates"], start=1)
            ),
            key=lambda r: r.effective,
        )
    )
    if len({r.effective for r in rates}) != len(rates):
        raise PolicyFileError(f"{path.name}: two rates on the same day")
    benchmark = None
    if raw.get("benchmark") is not None:
        benchmark = _reference(
            raw["benchmark"], "benchmark", default_source, sources, f"{path.name}, benchmark"
        )
        if benchmark.effective >= rates[0].effective:
            raise PolicyFileError(f"{path.name}, benchmark: must start before the first LPR")
    pricing_from = _as_date(raw["lpr_pricing_from"], path.name) if raw.get("lpr_pricing_from") else None
    return rates, note, benchmark, pricing_from


def _tax_rate(value, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 10:
        raise PolicyFileError(f"{where}: a rate in percent from 0 to 10, got {value!r}")
    return Decimal(str(value))


def _source(raw: dict, sources: dict, where: str):
    if raw.get("source") not in sources:
        raise PolicyFileError(f"{where}: unknown source {raw.get('source')!r}")
    return sources[raw["source"]]


def _load_deed_tax(path: Path, sources: dict) -> DeedTaxRules:
    raw = _read_yaml(path)
    if not isinstance(raw, dict) or not isinstance(raw.get("reductions"), list):
        raise PolicyFileError(f"{path.name}: needs a list 'reductions' and 'standard'")
    rules = []
    for i, r in enumerate(raw["reductions"], start=1):
        where = f"{path.name}, reduction {i}"
        if not isinstance(r, dict) or not all(
            isinstance(r.get(k), dict) for k in ("first_home", "second_home")
        ):
            raise PolicyFileError(f"{where}: needs first_home and second_home rates")
        band = r.get("area_band")
        if isinstance(band, bool) or not isinstance(band, (int, float)) or not 10 <= band <= 1000:
            raise PolicyFileError(f"{where}, area_band: square metres from 10 to 1000, got {band!r}")
        rates = {
            n: tuple(_tax_rate(r[key].get(size), f"{where}, {key}.{size}") for size in ("small", "large"))
            for n, key in ((1, "first_home"), (2, "second_home"))
        }
        rules.append(
            DeedTaxRule(
                _as_date(r.get("effective"), where), _source(r, sources, where), Decimal(str(band)), rates
            )
        )
    standard = raw.get("standard")
    if not isinstance(standard, dict):
        raise PolicyFileError(f"{path.name}: needs 'standard' with rate and source")
    where = f"{path.name}, standard"
    rules.sort(key=lambda r: r.effective)
    return DeedTaxRules(
        tuple(rules), _tax_rate(standard.get("rate"), where), _source(standard, sources, where)
    )


@lru_cache(maxsize=1)
def default_policy() -> Policy:
    """The site's policy, loaded once per process."""
    return load_policy()


def policy_on(day: dt.date | None = None) -> PolicyVersion:
    return default_policy().on(day or clock.today())
