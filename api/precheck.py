"""/api/v1/precheck: a client list (JSON or a CSV/XLSX file) judged row by row; small lists answer
at once, larger ones run as a job (202 and a status URL) through serving/precheck.py, the job the
page runs too."""

from __future__ import annotations

from flask import Response, current_app, request, url_for

import settings
from calculators import batch
from calculators.errors import FieldError, ValidationError
from i18n import choice_aliases, t
from serving import jobs, limits, precheck, serialize_precheck, uploads

from .base import api_lang, blueprint, json_body, today
from .jsonout import dumps, respond

# Lists up to this many rows cost a few milliseconds and pass freely; longer ones, answered at once
# (up to PRECHECK_SYNC_ROWS, ~0.6 s of the upload helper) or as a job, count against RATELIMIT_JOBS
# for all clients together: 20 addresses sending 1,000-row lists held a 2-row upload 2.9 s.
SMALL_LIST = 100


def _precheck_payload(results, lang, upload: dict | None = None) -> dict:
    upload = upload or {}
    return serialize_precheck.precheck_report(results, lang, upload.get("columns"), upload.get("header_row"))


def _too_many(seconds: int, code: str = "too_many_requests"):
    # Read the (bounded) body first: closing with it unread resets the client's connection.
    request.get_data(cache=False)
    response = respond(
        {
            "errors": [
                {"field": None, "code": code, "message": t(api_lang(), f"error.{code}", seconds=seconds)}
            ]
        },
        429,
    )
    response.headers["Retry-After"] = str(seconds)
    return response


def _unavailable(lang: str):
    """The job store or broker cannot be reached: batch pre-checks are off for now (503)."""
    request.get_data(cache=False)
    code = "jobs_unavailable"
    response = respond({"errors": [{"field": None, "code": code, "message": t(lang, f"error.{code}")}]}, 503)
    response.headers["Retry-After"] = "30"
    return response


def precheck_job(token: str, lang: str) -> None:
    """A large API pre-check, run by the job manager (own process or Celery worker)."""

    def progress(done, _total=None):  # state:<token> (the job's handle) is the route's to write
        jobs.store.set(f"progress:{token}", {"done": done})

    report = precheck.run_job(token, lang, progress=progress, today=today())
    if report is None:
        raise LookupError(f"the rows of job {token} are gone")
    report.pop("filename", None)
    jobs.store.set(f"result:{token}", dumps(report))


# Registered like a page's background callback, so a queued job names it and any process runs it.
jobs.manager.register("api_precheck", precheck_job, False)
_PRECHECK_JOB = jobs.manager.func_registry["api_precheck"]


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
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("file")
        if upload is None:
            raise ValidationError(FieldError("file", "required"))
        data = upload.read(settings.UPLOAD_LIMIT_BYTES + 1)  # one byte over is enough to refuse
        try:
            table = uploads.read_client_list(upload.filename, data)
        except batch.TableError as exc:
            raise ValidationError(FieldError("file", exc.code, exc.params)) from None
        rows = table.rows
        about = {"columns": serialize_precheck.precheck_columns(table, lang), "header_row": table.header_row}
    else:
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
        rows = [batch.alias_values({**r, "_row": i}, choice_aliases()) for i, r in enumerate(rows, start=1)]
        about = {}
    if len(rows) > SMALL_LIST:  # a list's work counts against the host's budget, answered now or later
        wait = limits.job_wait()
        if wait:
            return _too_many(wait, "busy")
    if len(rows) <= settings.PRECHECK_SYNC_ROWS:
        return respond(_precheck_payload(uploads.apart(batch.run, rows, today=today()), lang, about))
    token = jobs.new_token()
    try:
        jobs.store.set(f"rows:{token}", {"rows": rows, **about})
        job = jobs.manager.call_job_fn(f"api-{token}", _PRECHECK_JOB, [token, lang], {})
        refused = (jobs.job_record(job) or {}).get("refused")
        if refused:  # another list of this client's is queued or running, or the host's line is full
            return _too_many(30 if refused == "queue_full" else 5, refused)
        jobs.store.set(f"state:{token}", {"job": str(job), "done": 0, "total": len(rows)})
    except Exception:  # noqa: BLE001 - job store or broker down: a clear 503, not a 500
        current_app.logger.exception("could not start a pre-check job")
        response = respond(
            {"errors": [{"field": None, "code": "job_failed", "message": t(lang, "error.job_failed")}]}, 503
        )
        response.headers["Retry-After"] = "30"
        return response
    url = url_for("api_v1.precheck_status", token=token)
    response = respond({"state": "running", "done": 0, "total": len(rows), "status_url": url}, 202)
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
        response = respond(
            {
                "state": "failed",
                "errors": [{"field": None, "code": "job_failed", "message": t(lang, "error.job_failed")}],
            },
            503,
        )
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
        response = respond(
            {
                "state": "running" if waiting is None else "queued",
                "done": progress["done"],
                "total": state["total"],
                **extra,
            },
            202,
        )
        response.headers["Retry-After"] = "1"
        return response
    result = jobs.store.get(f"result:{token}")  # finished between the two reads
    if result is not None:
        return Response(result, mimetype="application/json")
    return respond(
        {
            "state": "failed",
            "errors": [{"field": None, "code": "job_lost", "message": t(lang, "error.job_lost")}],
        }
    )


def _unknown_job(lang):
    return respond(
        {"errors": [{"field": None, "code": "not_found", "message": t(lang, "precheck.lost")}]}, 404
    )
