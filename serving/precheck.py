"""The batch pre-check as both front ends run it: one job body, one report.

The page (a Dash background callback) and the API (its own job) differ only in how they show
progress and where they put the result; the rows, their order, the work and the report are here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from calculators import batch, clock

from . import job_slots, jobs
from .serialize_precheck import precheck_columns, precheck_report

__all__ = ["columns", "run_job"]
columns = precheck_columns  # every column of an uploaded list, as the report names it


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
    with job_slots.running(cancel_token) as job:
        progress(0, len(rows))

        def step(done):
            job_slots.check_cancelled(cancel_token)
            progress(done, len(rows))
            jobs.beat(job)

        results = batch.run(
            rows, today=today or clock.today(), progress=step, every=max(250, len(rows) // 20)
        )
    report = precheck_report(results, lang, upload.get("columns"), upload.get("header_row"))
    return {**report, "filename": upload.get("filename")}
