"""Routes of /api/v1. Invalid input answers 422 with every bad field, malformed JSON 400."""
from __future__ import annotations

import datetime as dt
import json

from flask import Blueprint, Response, current_app, request, url_for
from pydantic import BaseModel
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

import settings
from calculators import batch
from calculators.answers import judge
from calculators.errors import FieldError, ValidationError
from calculators.fields import Day, Flag, read
from calculators.loan_request import parse_repayment, run_repayment
from calculators.policy import default_policy
from i18n import choice_aliases, request_lang, t

from serving import jobs, limits, precheck, uploads

from . import serialize
from .jsonout import dumps, respond
from .openapi import document

blueprint = Blueprint("api_v1", __name__, url_prefix="/api/v1")


class BadJSON(Exception):
    pass


class NotJSON(Exception):
    """The body was sent as something other than JSON (text/plain, a form): 415, not parsed."""


MAX_JSON_BYTES = 64 * 1024  # one applicant or loan is well under 1 KB; pre-check lists have their own limit


def api_lang() -> str:
    """?lang=, then Accept-Language: API clients seldom add ?lang= but their language headers say it."""
    return request_lang(request.args.get("lang"), accept=request.accept_languages)


def json_body(max_bytes: int = MAX_JSON_BYTES) -> dict:
    if not request.is_json:  # application/json or +json; text/plain is refused, never parsed
        raise NotJSON()
    if (request.content_length or 0) > max_bytes:
        raise RequestEntityTooLarge()
    raw = request.get_data(cache=True)
    if len(raw) > max_bytes:
        raise RequestEntityTooLarge()
    try:
        # ValueError covers integer literals over Python's 4,300-digit limit; RecursionError
        # arrays or objects nested thousands deep. Both are malformed input, not server faults.
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BadJSON() from None
    if not isinstance(data, dict):
        raise ValidationError(FieldError("body", "body"))
    return data


def _today() -> dt.date:
    return dt.date.today()


@blueprint.before_request
def _check_lang():
    """The API's ?lang= is zh or en (as documented); anything else is a 422, not a silent default."""
    if "lang" in request.args and request.args["lang"] not in ("zh", "en"):
        raise ValidationError(FieldError("lang", "choice", {"choices": "zh, en"}))


@blueprint.errorhandler(BadJSON)
def _bad_json(_exc):
    return respond({"errors": [{"field": "body", "code": "json",
                                "message": t(api_lang(), "error.json")}]}, 400)


@blueprint.errorhandler(NotJSON)
def _not_json(_exc):
    return respond({"errors": [{"field": "body", "code": "content_type",
                                "message": t(api_lang(), "error.content_type")}]}, 415)


@blueprint.errorhandler(ValidationError)
def _invalid(exc: ValidationError):
    return respond(serialize.errors(exc, api_lang()), 422)


@blueprint.errorhandler(HTTPException)
def _http(exc: HTTPException):
    if exc.code == 429:  # Flask-Limiter adds Retry-After (headers_enabled)
        seconds = int(getattr(getattr(exc, "limit", None), "limit", None).get_expiry()) \
            if getattr(exc, "limit", None) is not None else 60
        return respond({"errors": [{"field": None, "code": "too_many_requests",
                                    "message": t(api_lang(), "error.too_many_requests",
                                                 seconds=seconds)}]}, 429)
    return respond({"errors": [{"field": None, "code": exc.name.lower().replace(" ", "_"),
                                "message": exc.description}]}, exc.code or 500)


class RepaymentOptions(BaseModel):
    schedule: Flag() = True  # ?schedule=0 leaves the rows out


class PolicyQuery(BaseModel):
    date: Day() = None  # default today


@blueprint.post("/repayment")
def repayment():
    data = json_body()
    outcome = run_repayment(parse_repayment(data, today=_today()))
    options, errors = read(RepaymentOptions, request.args.to_dict())
    if errors:
        raise ValidationError(errors)
    return respond(serialize.repayment(outcome, include_schedule=options["schedule"]))


@blueprint.post("/quota")
def quota_route():
    answer = judge(batch.alias_values(json_body(), choice_aliases()), for_quota=True, today=_today())
    return respond(serialize.quota(answer.quota, answer.version, api_lang()))


@blueprint.post("/eligibility")
def eligibility_route():
    answer = judge(batch.alias_values(json_body(), choice_aliases()), for_quota=False, with_quota=False,
                   today=_today())
    return respond(serialize.eligibility(answer.eligibility, api_lang()))


@blueprint.get("/policy")
def policy_route():
    if "date" in request.args and not request.args["date"].strip():
        raise ValidationError(FieldError("date", "date"))
    query, errors = read(PolicyQuery, request.args.to_dict())
    if errors:
        raise ValidationError(errors)
    day = query["date"] or _today()
    policy = default_policy()
    version = policy.on(day)
    return respond(serialize.policy(version, policy, day, api_lang()))


def _precheck_payload(results, lang, upload: dict | None = None) -> dict:
    upload = upload or {}
    return serialize.precheck_report(results, lang, upload.get("columns"), upload.get("header_row"))


def _too_many(seconds: int, code: str = "too_many_requests"):
    # Read the (bounded) body first: closing with it unread resets the client's connection.
    request.get_data(cache=False)
    response = respond({"errors": [{"field": None, "code": code,
                                    "message": t(api_lang(), f"error.{code}", seconds=seconds)}]}, 429)
    response.headers["Retry-After"] = str(seconds)
    return response


def precheck_job(token: str, lang: str) -> None:
    """A large API pre-check, run by the job manager (own process or Celery worker)."""

    def progress(done, _total=None, ahead=None):  # state:<token> (the job's handle) is the route's to write
        jobs.store.set(f"progress:{token}", {"done": done, "ahead": ahead})

    report = precheck.run_job(token, lang, progress=progress, on_wait=lambda ahead: progress(0, None, ahead),
                              today=_today())
    if report is None:
        raise LookupError(f"the rows of job {token} are gone")
    report.pop("filename", None)
    jobs.store.set(f"result:{token}", dumps(report))


_PRECHECK_JOB = jobs.manager.make_job_fn(precheck_job, False, "api_precheck")


@blueprint.post("/precheck")
def precheck_route():
    """JSON {"applicants": [...]} or a multipart CSV/XLSX ``file``; rows answer in input order.
    Up to PRECHECK_SYNC_ROWS rows answer at once; more run as a job: 202 and a status URL."""
    lang = api_lang()
    wait = limits.upload_wait()
    if wait:
        return _too_many(wait)
    if jobs.client_busy(limits.client()):  # one list at a time; checked before anything is read
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
        about = {"columns": serialize.precheck_columns(table, lang), "header_row": table.header_row}
    else:
        body = json_body(max_bytes=settings.MAX_CONTENT_LENGTH)
        rows = body.get("applicants")
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise ValidationError(FieldError("applicants", "applicants_list"))
        if len(rows) > settings.PRECHECK_MAX_ROWS:
            raise ValidationError(FieldError("applicants", "file_too_many_rows",
                                             {"max": settings.PRECHECK_MAX_ROWS, "rows": len(rows)}))
        rows = [batch.alias_values({**r, "_row": i}, choice_aliases()) for i, r in enumerate(rows, start=1)]
        about = {}
    if len(rows) <= settings.PRECHECK_SYNC_ROWS:
        return respond(_precheck_payload(uploads.apart(batch.run, rows, today=_today()), lang, about))
    wait = limits.job_wait()
    if wait:
        return _too_many(wait, "busy")
    token = jobs.new_token()
    try:
        jobs.store.set(f"rows:{token}", {"rows": rows, **about})
        job = jobs.manager.call_job_fn(f"api-{token}", _PRECHECK_JOB, [token, lang], {})
        jobs.store.set(f"state:{token}", {"job": str(job), "done": 0, "total": len(rows)})
    except Exception:  # noqa: BLE001 - job store or broker down: a clear 503, not a 500
        current_app.logger.exception("could not start a pre-check job")
        response = respond({"errors": [{"field": None, "code": "job_failed",
                                        "message": t(lang, "error.job_failed")}]}, 503)
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
        response = respond({"state": "failed", "errors": [{"field": None, "code": "job_failed",
                                                           "message": t(lang, "error.job_failed")}]}, 503)
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
        progress = jobs.store.get(f"progress:{token}") or {"done": 0, "ahead": 0}  # not started yet
        queued = progress["ahead"] is not None
        response = respond({"state": "queued" if queued else "running", "done": progress["done"],
                            "total": state["total"], **({"ahead": progress["ahead"]} if queued else {})}, 202)
        response.headers["Retry-After"] = "1"
        return response
    result = jobs.store.get(f"result:{token}")  # finished between the two reads
    if result is not None:
        return Response(result, mimetype="application/json")
    return respond({"state": "failed", "errors": [{"field": None, "code": "job_lost",
                                                   "message": t(lang, "error.job_lost")}]})


def _unknown_job(lang):
    return respond({"errors": [{"field": None, "code": "not_found",
                                "message": t(lang, "precheck.lost")}]}, 404)


@blueprint.route("/<path:_rest>", methods=["GET", "POST", "PUT", "DELETE", "PATCH"])
def unknown(_rest):
    """Keep unknown API paths out of Dash's page catch-all: JSON 404 (405 for a known path
    asked with another method), not the site's HTML."""
    lang = api_lang()
    allowed = _allowed_methods(request.path)
    if allowed:
        response = respond({"errors": [{"field": None, "code": "method_not_allowed",
                                        "message": t(lang, "error.method_not_allowed")}]}, 405)
        response.headers["Allow"] = ", ".join(sorted(allowed))
        return response
    return respond({"errors": [{"field": None, "code": "not_found",
                                "message": t(lang, "error.not_found")}]}, 404)


def _allowed_methods(path: str) -> set[str]:
    from flask import current_app
    from werkzeug.exceptions import MethodNotAllowed, NotFound

    adapter = current_app.url_map.bind("localhost")
    methods = set()
    for method in ("GET", "POST"):
        try:
            endpoint, _ = adapter.match(path, method=method)
        except (MethodNotAllowed, NotFound):
            continue
        if endpoint != "api_v1.unknown":
            methods.add(method)
    return methods


@blueprint.get("/openapi.json")
def openapi():
    return respond(document())
