"""The batch pre-check as both front ends run it: one job body, one report.

The page (a Dash background callback) and the API (its own job) differ only in how they show
progress and where they put the result; the rows, their order, the work and the report are here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict

import jobs
from calculators import batch, clock
from calculators.tables import Column
from i18n import choice_aliases, total_words
from jobs import slots as job_slots
from serialize.precheck_report import precheck_report

__all__ = ["remapped", "run_job", "stored"]


def stored(table, filename: str | None = None) -> dict:
    """What the job store keeps of an upload: the rows with their cells, and the columns as read
    (plain data: any process, or a Celery worker, rebuilds them)."""
    return {
        "filename": filename,
        "rows": table.rows,
        "header_row": table.header_row,
        "columns": [asdict(c) for c in table.columns],
    }


def remapped(upload: dict, mapping: dict) -> dict:
    """The same upload read with the consultant's choice of columns (index -> "field@unit")."""
    columns, rows = batch.remap(
        [Column(**c) for c in upload["columns"]], upload["rows"], mapping, total_words()
    )
    return {**upload, "rows": rows, "columns": [asdict(c) for c in columns]}


def run_job(
    token: str,
    lang: str,
    *,
    progress: Callable[[int, int], None],
    cancel_token: str | None = None,
    today: dt.date | None = None,
) -> dict | None:
    """Judge the rows stored under ``rows:<token>``: the report (rows in input order, the upload's
    columns and file name), or None when the rows are gone. ``progress(done, total)`` is called
    now and then; with ``cancel_token`` a cancel asked for meanwhile raises job_slots.Cancelled."""
    upload = jobs.store.get(f"rows:{token}")
    if upload is None:
        return None
    rows = upload["rows"]
    columns = [Column(**c) for c in upload["columns"]] if upload.get("columns") else None
    units = {c.field: c.unit for c in columns or () if c.field and c.unit}
    today = today or clock.today()
    with job_slots.running(cancel_token) as job:
        progress(0, len(rows))

        def step(done):
            job_slots.check_cancelled(cancel_token)
            progress(done, len(rows))
            jobs.beat(job)

        results = batch.run(
            rows,
            today=today,
            progress=step,
            every=max(250, len(rows) // 20),
            units=units,
            value_aliases=choice_aliases(),
        )
    report = precheck_report(
        results, lang, columns, upload.get("header_row"), present=upload.get("present"), today=today
    )
    return {**report, "filename": upload.get("filename")}
