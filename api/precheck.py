"""/api/v1/precheck: a client list (JSON or a CSV/XLSX file) judged row by row; small lists answer
at once, larger ones run as a job (202 and a status URL) through jobs/precheck_run.py, the job the
page runs too."""

from __future__ import annotations

import json

from dash.background_callback.managers import BaseBackgroundCallbackManager
from flask import Response, current_app, request, url_for

import jobs
import settings
from calculators import batch
from calculators.cell_units import ACCEPTS, UNITS
from calculators.clock import today
from calculators.errors import FieldError, ValidationError
from calculators.tables import Column, normalise_header
from i18n import choice_aliases, t
from jobs import precheck_run as precheck
from serialize import precheck_report as serialize_precheck
from serving import limits
from uploads import reader

from .answer_models import JobFailed, JobState, answer
from .base import api_lang, blueprint, json_body, refuse
from .jsonout import dumps, respond
from .precheck_answer import PrecheckResult

# Lists up to this many rows cost a few milliseconds and pass freely; longer ones, answered at once
# (up to PRECHECK_SYNC_ROWS, ~0.6 s of the upload helper) or as a job, count against RATELIMIT_JOBS
# for all clients together: 20 addresses sending 1,000-row lists held a 2-row upload 2.9 s.
SMALL_LIST = 100


def _precheck_payload(results, lang, upload: dict) -> dict:
    columns = [Column(**c) for c in upload["columns"]] if upload.get("columns") else None
    return serialize_precheck.precheck_report(
        results, lang, columns, upload.get("header_row"), present=upload.get("present"), today=today()
    )


def _present(rows: list[dict]) -> set:
    """The fields a JSON list gives for at least one client (the others take their defaults)."""
    return {k for r in rows for k, v in r.items() if v is not None and str(v).strip()}


def _too_many(seconds: int, code: str = "too_many_requests"):
    # Read the (bounded) body first: closing with it unread resets the client's connection.
    request.get_data(cache=False)
    return refuse(429, code, retry=seconds, seconds=seconds)


def _unavailable(lang: str):
    """The job store or broker cannot be reached: batch pre-checks are off for now (503)."""
    request.get_data(cache=False)
    return refuse(503, "jobs_unavailable", retry=30, lang=lang)


def precheck_job(token: str, lang: str) -> None:
    """A large API pre-check, run by the job manager (own process or Celery worker)."""

    def progress(done, _total=None):  # state:<token> (the job's handle) is the route's to write
        jobs.store.set(f"progress:{token}", {"done": done})

    report = precheck.run_job(token, lang, progress=progress, today=today())
    if report is None:
        raise LookupError(f"the rows of job {token} are gone")
    report.pop("filename", None)
    jobs.store.set(f"result:{token}", dumps(answer(PrecheckResult, report)))


# Registered as Dash registers a page's background callback, with every job manager there is and
# will be (create_app builds it), so a queued job names it and any process runs it.
BaseBackgroundCallbackManager.functions.append(("api_precheck", precheck_job, False))
for _manager in BaseBackgroundCallbackManager.managers:
    _manager.register("api_precheck", precheck_job, False)


MAPPING_CHARS = 4096  # a mapping names at most 64 columns


def _mapping(raw: str | None, columns) -> dict:
    """The optional ``columns`` form field: {header or 1-based column number: "field" or
    "field@unit" or "" for not used} -> {column index: choice}. Anything else is a 422 that
    names the key; a mapping never silently falls back to the headers."""
    if not raw:
        return {}
    try:
        given = json.loads(raw) if len(raw) <= MAPPING_CHARS else None
    except ValueError:
        given = None
    if not isinstance(given, dict):
        raise ValidationError(FieldError("columns", "column_mapping_json"))
    by_header = {normalise_header(c.header): c.index for c in columns if c.header}
    mapping, named = {}, set()
    for key, choice in given.items():
        index = int(key) - 1 if str(key).isdigit() else by_header.get(normalise_header(key))
        if index is None or not 0 <= index < len(columns):
            raise ValidationError(FieldError("columns", "column_mapping_column", {"column": str(key)[:40]}))
        name = (choice or "").partition("@")[0] if isinstance(choice, str) or choice is None else None
        if not _fits(choice) or name in named:  # a field given to two columns is ambiguous
            raise ValidationError(FieldError("columns", "column_mapping", {"column": str(key)[:40]}))
        if name:
            named.add(name)
        mapping[index] = choice or ""
    return mapping


def _fits(choice) -> bool:
    """A field the list can have (or "" / null: not used), with a unit its figures can be in."""
    if choice is None or choice == "":
        return True
    if not isinstance(choice, str):
        return False
    name, _, unit = choice.partition("@")
    if name not in (*batch.FIELDS, batch.NAME_COLUMN):
        return False
    return not unit or (unit in UNITS and UNITS[unit][0] in ACCEPTS.get(batch.MEASURES.get(name), ()))


def _file_rows() -> tuple[list, dict]:
    """The uploaded file's rows, read with the caller's column mapping when one is given."""
    upload = request.files.get("file")
    if upload is None:
        raise ValidationError(FieldError("file", "required"))
    data = upload.read(settings.UPLOAD_LIMIT_BYTES + 1)  # one byte over is enough to refuse
    try:
        table = reader.read_client_list(upload.filename, data)
    except batch.TableError as exc:
        raise ValidationError(FieldError("file", exc.code, exc.params)) from None
    about = precheck.stored(table)
    mapping = _mapping(request.form.get("columns"), table.columns)
    if mapping:
        about = precheck.remapped(about, mapping)
    return about.pop("rows"), about


def _json_rows() -> tuple[list, dict]:
    body = json_body(max_bytes=settings.MAX_CONTENT_LENGTH)
    rows = body.get("applicants")
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ValidationError(FieldError("applicants", "applicants_list"))
    if len(rows) > settings.PRECHECK_MAX_ROWS:
        raise ValidationError(
            FieldError(
                "applicants", "file_too_many_rows", {"max": settings.PRECHECK_MAX_ROWS, "rows": len(rows)}
            )
        )
    return [{**r, "_row": i} for i, r in enumerate(rows, start=1)], {"present": sorted(_present(rows))}


@blueprint.post("/precheck")
def precheck_route():
    """JSON {"applicants": [...]} or a multipart CSV/XLSX ``file``; rows answer in input order.
    Up to PRECHECK_SYNC_ROWS rows answer at once; more run as a job: 202 and a status URL."""
    lang = api_lang()
    wait = limits.upload_wait()
    if wait:
        return _too_many(wait)
    refused = jobs.admission(limits.client())  # one list at a time; checked before anything is read
    if refused == "jobs_unavailable":
        return _unavailable(lang)
    if refused == "client_busy":
        return _too_many(5, "client_busy")
    rows, about = _file_rows() if request.mimetype == "multipart/form-data" else _json_rows()
    if len(rows) > SMALL_LIST:  # a list's work counts against the host's budget, answered now or later
        wait = limits.job_wait()
        if wait:
            return _too_many(wait, "busy")
    if len(rows) <= settings.PRECHECK_SYNC_ROWS:
        units = {c["field"]: c["unit"] for c in about.get("columns", ()) if c["field"] and c["unit"]}
        results = reader.apart(batch.run, rows, today=today(), units=units, value_aliases=choice_aliases())
        return respond(answer(PrecheckResult, _precheck_payload(results, lang, about)))
    token = jobs.new_token()
    try:
        jobs.store.set(f"rows:{token}", {"rows": rows, **about})
        job = jobs.manager.call_job_fn(
            f"api-{token}", jobs.manager.func_registry["api_precheck"], [token, lang], {}
        )
        refused = (jobs.job_record(job) or {}).get("refused")
        if refused:  # another list of this client's is queued or running, or the host's line is full
            return _too_many(30 if refused == "queue_full" else 5, refused)
        jobs.store.set(f"state:{token}", {"job": str(job), "done": 0, "total": len(rows)})
    except Exception:  # noqa: BLE001 - job store or broker down: a clear 503, not a 500
        current_app.logger.exception("could not start a pre-check job")
        return refuse(503, "job_failed", retry=30, lang=lang)
    url = url_for("api_v1.precheck_status", token=token)
    response = respond(
        answer(JobState, {"state": "running", "done": 0, "total": len(rows), "status_url": url}), 202
    )
    response.headers["Location"] = url
    return response


@blueprint.get("/precheck/jobs/<token>")
def precheck_status(token: str):
    """202 while running (with progress), 200 with the rows when done, 200 state "failed" with a
    message when the job died; 404 for an unknown or expired job."""
    lang = api_lang()
    if not token.isalnum() or len(token) != 32:
        return _unknown_job(lang)
    try:
        return _status(token, lang)
    except Exception:  # noqa: BLE001 - the job store (Redis) is down: say so, not a 500
        current_app.logger.exception("job store unavailable")
        failed = {
            "state": "failed",
            "errors": [{"field": None, "code": "job_failed", "message": t(lang, "error.job_failed")}],
        }
        response = respond(answer(JobFailed, failed), 503)
        response.headers["Retry-After"] = "30"
        return response


def _status(token: str, lang: str):
    result = jobs.store.get(f"result:{token}")
    if result is not None:
        return Response(result, mimetype="application/json")
    state = jobs.store.get(f"state:{token}")
    if state is None:
        return _unknown_job(lang)
    if jobs.manager.alive(state["job"]):
        progress = jobs.store.get(f"progress:{token}") or {"done": 0}
        waiting = jobs.manager.waiting(state["job"])  # None once it runs
        extra = {}
        if waiting is not None:
            extra = {
                "ahead": waiting["ahead"],
                "message": t(lang, f"precheck.{waiting['why']}", ahead=waiting["ahead"]),
            }
        running = {
            "state": "running" if waiting is None else "queued",
            "done": progress["done"],
            "total": state["total"],
            **extra,
        }
        response = respond(answer(JobState, running), 202)
        response.headers["Retry-After"] = "1"
        return response
    result = jobs.store.get(f"result:{token}")  # finished between the two reads
    if result is not None:
        return Response(result, mimetype="application/json")
    lost = {
        "state": "failed",
        "errors": [{"field": None, "code": "job_lost", "message": t(lang, "error.job_lost")}],
    }
    return respond(answer(JobFailed, lost))


def _unknown_job(lang):
    return refuse(404, "not_found", key="precheck.lost", lang=lang)
