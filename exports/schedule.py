"""The repayment schedule to take away: every payment month, then the whole loan's totals."""

from __future__ import annotations

import base64
import datetime as dt

from calculators import schedule_frame
from calculators.repayment import Schedule
from calculators.schedule_frame import month_of
from i18n import t

from .files import csv_text, table, xlsx_bytes

KINDS = ("csv", "xlsx")


def frame(schedule: Schedule, start: dt.date | None, total_label: str):
    """Every payment (period, month, amounts), then one row of the loan's totals."""
    rows = schedule_frame.monthly(schedule)
    rows.insert(1, "month", [month_of(start, p) for p in rows["period"]])
    sums = schedule_frame.totals(schedule)
    total = [total_label, "", *(sums[c] for c in ("payment", "principal", "interest", "prepayment")), None]
    return table([*rows.itertuples(index=False, name=None), total], rows.columns)


def download(schedule: Schedule, start: dt.date | None, lang: str, kind: str) -> dict:
    """What dcc.Download takes: the schedule as CSV (UTF-8 with BOM) or XLSX, named in ``lang``."""
    whole = frame(schedule, start, t(lang, "schedule.total"))
    header = [t(lang, f"schedule.{c}") for c in whole.columns]
    stem = t(lang, "format.file_repayment").rsplit(".", 1)[0]
    if kind == "xlsx":
        data = xlsx_bytes(whole, header, text_columns={"month"}, sheet=stem[:31])
        return {"content": base64.b64encode(data).decode(), "filename": f"{stem}.xlsx", "base64": True}
    return {"content": csv_text(whole, header), "filename": f"{stem}.csv", "type": "text/csv"}
