"""The statistics page's table to take away: every published figure with its unit, scope,
confidence and source, in the reader's language."""

from __future__ import annotations

from facts.statistics import figures
from i18n import pick, t

from .files import csv_text, table, xlsx_bytes

COLUMNS = ("metric", "code", "period", "value", "unit", "scope", "confidence", "derived", "source", "note")
KINDS = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def frame(lang: str):
    """One row per figure; a value with a qualifier (">", "<") keeps it, as text."""
    return table(
        (
            [
                t(lang, f"metric.{f.metric}"),
                f.metric,
                f.period,
                f"{f.qualifier}{f.value:g}" if f.qualifier else f.value,
                t(lang, f"unit.{f.unit}"),
                t(lang, f"stats.scope_{f.scope}"),
                t(lang, f"confidence.{f.confidence}"),
                t(lang, "yes") if f.derived else "",
                pick(f.source.title, lang),
                pick(f.note, lang),
            ]
            for f in figures()
        ),
        COLUMNS,
    )


def file(lang: str, kind: str) -> bytes:
    """The table as CSV (UTF-8 with BOM) or XLSX bytes."""
    rows = frame(lang)
    header = [t(lang, f"stats.col_{c}") for c in COLUMNS]
    if kind == "xlsx":
        return xlsx_bytes(rows, header, text_columns={"code", "period"}, sheet="statistics")
    return csv_text(rows, header).encode("utf-8")
