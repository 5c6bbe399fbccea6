"""The /api/v1 blueprint and what every route shares: the language of the answer, a bounded JSON
body, and errors as JSON (422 with every bad field, 400 malformed, 415 not JSON, 429 with
Retry-After)."""

from __future__ import annotations

import json

from flask import Blueprint, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

import settings
from calculators.errors import FieldError, ValidationError
from i18n import request_lang, t
from serialize import answers as serialize

from .jsonout import respond
from .request_names import body_fields, nested_unknown, query_names

blueprint = Blueprint("api_v1", __name__, url_prefix="/api/v1")


class BadJSON(Exception):
    pass


class TooLarge(RequestEntityTooLarge):
    """A JSON body over its route's own limit (smaller than the site's MAX_CONTENT_LENGTH)."""

    def __init__(self, limit_bytes: int):
        super().__init__()
        self.limit_bytes = limit_bytes


class NotJSON(Exception):
    """The body was sent as something other than JSON (text/plain, a form): 415, not parsed."""


MAX_JSON_BYTES = 64 * 1024  # one applicant or loan is well under 1 KB; pre-check lists have their own limit


def api_lang() -> str:
    """?lang=, then Accept-Language: API clients seldom add ?lang= but their language headers say it."""
    return request_lang(request.args.getlist("lang"), accept=request.accept_languages)


def refuse(status: int, code: str, *, field=None, key=None, retry=None, lang=None, **params):
    """The API's one error answer: ``{"errors": [{field, code, message}]}``, the message being the
    catalog's ``key`` (error.<code>) in the client's language; ``retry``: its Retry-After."""
    message = t(lang or api_lang(), key or f"error.{code}", **params)
    response = respond({"errors": [{"field": field, "code": code, "message": message}]}, status)
    if retry is not None:
        response.headers["Retry-After"] = str(retry)
    return response


def json_body(max_bytes: int = MAX_JSON_BYTES) -> dict:
    if not request.is_json:  # application/json or +json; text/plain is refused, never parsed
        raise NotJSON()
    if (request.content_length or 0) > max_bytes:
        raise TooLarge(max_bytes)
    raw = request.get_data(cache=True)
    if len(raw) > max_bytes:
        raise TooLarge(max_bytes)
    try:
        # ValueError covers integer literals over Python's 4,300-digit limit; RecursionError
        # arrays or objects nested thousands deep. Both are malformed input, not server faults.
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BadJSON() from None
    if not isinstance(data, dict):
        raise ValidationError(FieldError("body", "body"))
    known = body_fields(request.path)
    if known is not None:
        _refuse_unknown(sorted(map(str, set(data) - known))[:20] + nested_unknown(data)[:20])
    return data


def _refuse_unknown(names: list[str]) -> None:
    """A 422 naming every field or parameter the operation does not have (none: nothing to say)."""
    if names:
        raise ValidationError([FieldError(n[:40], "unknown_key", {"value": n[:40]}) for n in names])


@blueprint.before_request
def _check_query():
    """Only the query parameters the operation documents (a 422 names any other), and ?lang= zh
    or en, not a silent default."""
    if request.endpoint == "api_v1.unknown" or request.method == "OPTIONS":
        return  # no such operation: its 404 or 405 comes first, whatever the query says
    if request.endpoint != "api_v1.openapi":
        _refuse_unknown(sorted(set(request.args) - query_names(request.path)))
    if "lang" in request.args and request.args["lang"].strip().lower().split("-")[0] not in ("zh", "en"):
        raise ValidationError(FieldError("lang", "choice", {"choices": "zh, en"}))


@blueprint.errorhandler(BadJSON)
def _bad_json(_exc):
    return refuse(400, "json", field="body")


@blueprint.errorhandler(NotJSON)
def _not_json(_exc):
    return refuse(415, "content_type", field="body")


@blueprint.errorhandler(ValidationError)
def _invalid(exc: ValidationError):
    return respond(serialize.errors(exc, api_lang()), 422)


@blueprint.errorhandler(HTTPException)
def _http(exc: HTTPException):
    if exc.code == 429:  # Flask-Limiter's own refusal: its window's reset
        seconds = (
            int(getattr(getattr(exc, "limit", None), "limit", None).get_expiry())
            if getattr(exc, "limit", None) is not None
            else 60
        )
        return refuse(429, "too_many_requests", retry=seconds, seconds=seconds)
    code = {413: "too_large", 404: "not_found", 405: "method_not_allowed"}.get(exc.code, "bad_request")
    limit = getattr(exc, "limit_bytes", settings.MAX_CONTENT_LENGTH)
    return refuse(exc.code or 500, code, max_kb=limit // 1024)
