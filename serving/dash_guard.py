"""Dash's callback endpoint answers a malformed or forged request with a 4xx, in milliseconds.

``/_dash-update-component`` trusts its caller: a body without ``inputs``, an unknown output, fewer
ids than values or nesting thousands deep end in a KeyError, IndexError or RecursionError (HTTP
500), and the job ids in the query string reach the background-callback manager (see
jobs/__init__.py). Before Dash sees the request this checks that the body has the shape the
renderer sends for a callback that exists, that every job id and cache key is one this server
issued, and that a background job starts only from a fresh upload.
"""

from __future__ import annotations

import json

import flask
from dash.exceptions import InvalidCallbackReturnValue
from werkzeug.exceptions import RequestEntityTooLarge

import jobs
import settings
from dash_private import split_callback_id
from i18n import request_lang, t

from . import callback_values, limits

ENDPOINT = "/_dash-update-component"
JOB_ARGS = ("oldJob", "cancelJob")  # ids Dash hands to the manager to end (``job`` comes with a poll)
# Bytes of one callback request. The largest the renderer sends is the repayment form with three
# scenarios and every field's message (~12 KB); only a callback fed by an upload takes more, up to
# the upload's own limit (Flask's MAX_CONTENT_LENGTH).
MAX_BODY = 64 * 1024


class Malformed(Exception):
    pass


def _parse(raw: bytes):
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):  # RecursionError: nesting thousands deep
        raise Malformed("body is not JSON") from None


def _fits(concrete, pattern: dict) -> bool:
    """A concrete id of a pattern: the same keys, the same fixed values, a short text or a number
    where the pattern has a wildcard (ALL, MATCH, ALLSMALLER)."""
    if not isinstance(concrete, dict) or set(concrete) != set(pattern):
        return False
    for key, want in pattern.items():
        got = concrete[key]
        if isinstance(want, list):  # a wildcard
            if isinstance(got, bool) or not isinstance(got, (str, int)) or len(str(got)) > 60:
                return False
        elif got != want:
            return False
    return True


def _check_item(item, declared) -> None:
    """One input or state: the id and property the callback declared, or, for a pattern id, a
    list (ALL) or object (MATCH) of ids that fit the pattern (an ``id`` state's value too)."""
    pattern = json.loads(declared["id"]) if declared["id"].startswith("{") else None
    items = item if pattern is not None and isinstance(item, list) else [item]
    for one in items:
        if not isinstance(one, dict) or one.get("property") != declared["property"]:
            raise Malformed("input or state does not match the callback")
        if pattern is not None:
            if not _fits(one.get("id"), pattern):
                raise Malformed("pattern id does not fit the callback's")
            if declared["property"] == "id" and not _fits(one.get("value"), pattern):
                raise Malformed("an id state's value does not fit the callback's pattern")
        elif one.get("id") != declared["id"]:
            raise Malformed("input or state does not match the callback")


def _check_body(body, callback_map) -> dict:
    """The callback the body names, when the body has the shape the renderer sends for it."""
    if not isinstance(body, dict):
        raise Malformed("body is not an object")
    output = body.get("output")
    callback = callback_map.get(output) if isinstance(output, str) else None
    if callback is None or "callback" not in callback:  # a clientside one runs in the browser only
        raise Malformed("no such callback")
    for name in ("inputs", "state"):
        given, declared = body.get(name, []), callback[name]
        if not isinstance(given, list) or len(given) != len(declared):
            raise Malformed(f"{name} do not match the callback")
        for item, spec in zip(given, declared, strict=True):
            _check_item(item, spec)
            try:
                callback_values.check_all(item)
            except callback_values.BadValue as exc:
                raise Malformed(f"{spec['id']}.{spec['property']}: {exc}") from None
    _check_outputs(output, body.get("outputs"))
    _check_changed(body.get("changedPropIds", []), callback["inputs"])
    return callback


def _check_changed(changed, inputs) -> None:
    """Each changed prop names one of the callback's inputs (``ctx.triggered_id`` parses it)."""
    if not isinstance(changed, list) or len(changed) > 100 or not all(isinstance(c, str) for c in changed):
        raise Malformed("changedPropIds is not a list of strings")
    for entry in changed:
        spec_id, _, prop = entry.rpartition(".")
        ok = False
        for declared in inputs:
            if declared["property"] != prop:
                continue
            if declared["id"].startswith("{"):
                try:
                    ok = _fits(json.loads(spec_id), json.loads(declared["id"]))
                except (ValueError, RecursionError):
                    ok = False
            else:
                ok = spec_id == declared["id"]
            if ok:
                break
        if not ok:
            raise Malformed("changedPropIds names no input of the callback")


def _check_outputs(output: str, outputs) -> None:
    """One entry per declared output, each naming an id and a prop: a list of them exactly where
    the output is a wildcard (ALL, ALLSMALLER), one where it is not (Dash answered 500 otherwise)."""
    declared = split_callback_id(output)
    if not isinstance(declared, list):  # a single output
        if outputs is None:
            raise Malformed("outputs missing")
        declared, outputs = [declared], [outputs]
    elif not isinstance(outputs, list) or len(outputs) != len(declared):
        raise Malformed("outputs do not match the callback")
    for entry, spec in zip(outputs or (), declared, strict=True):
        many = '["ALL' in spec["id"]
        if isinstance(entry, list) != many or not all(map(_names_a_prop, entry if many else [entry])):
            raise Malformed("outputs do not match the callback")


def _takes_upload(callback) -> bool:
    """Only a callback fed by an upload's contents may carry more than MAX_BODY."""
    return any(i["property"] == "contents" for i in callback["inputs"])


def _names_a_prop(one) -> bool:
    return (
        isinstance(one, dict)
        and isinstance(one.get("id"), (str, dict))
        and isinstance(one.get("property"), str)
    )


def _check_jobs(args, callback, body) -> int | None:
    """None when the query string is acceptable, else the HTTP status to answer."""
    for name in JOB_ARGS:
        for value in args.getlist(name):
            if jobs.job_record(value) is None:
                return 400
    key = args.get("cacheKey")
    if key is not None:  # a poll: the job and its own cache key, as this server issued them
        if not callback.get("background") or jobs.job_record(args.get("job"), key) is None:
            return 400
        return None
    if "job" in args:  # Dash sends a job only with its cache key
        return 400
    if callback.get("background"):  # a start: only from an upload no job has used yet
        inputs = body.get("inputs") or [{}]
        token = inputs[0].get("value") if isinstance(inputs[0], dict) else None
        if token in (None, ""):  # the upload was refused: nothing to start, nothing to say
            return 204
        return {"unknown": 400, "used": 429}.get(jobs.upload_state(token))
    return None


def _refuse(status: int, lang: str, seconds: int = 60, max_kb: int = MAX_BODY // 1024):
    """A short JSON answer in the visitor's language: 400/415 malformed, 429 a job start refused."""
    code = {429: "too_many_requests", 413: "too_large"}.get(status, "bad_request")
    response = flask.jsonify(
        {
            "errors": [
                {
                    "field": None,
                    "code": code,
                    "message": t(lang, f"error.{code}", seconds=seconds, max_kb=max_kb),
                }
            ]
        }
    )
    response.status_code = status
    if status == 429:
        response.headers["Retry-After"] = str(seconds)
    return response


def _lang() -> str:
    """?lang= if given (the API's habit), else the page's own: the renderer's requests carry the
    page URL, with its ?lang=, as their Referer."""
    request = flask.request
    return request_lang(
        request.args.getlist("lang"), url=None if "lang" in request.args else request.referrer
    )


def install(server, app) -> None:
    @server.errorhandler(InvalidCallbackReturnValue)
    def wrong_outputs(_exc):
        """Outputs that name other wildcard items than the inputs do (a forged body): the answer
        cannot fit them. Dash raises after running the callback; this is a 400, not a 500."""
        flask.current_app.logger.info("callback request refused: outputs do not fit the inputs")
        return _refuse(400, _lang())

    @server.errorhandler(RequestEntityTooLarge)
    def too_large(exc):
        """A body over its limit, anywhere on the site: the limit that applied (an API route's own,
        64 KB for one calculation, or the site's), in the visitor's words (for the API, as its
        other errors: ?lang=, then Accept-Language)."""
        request = flask.request
        api = request.path.startswith("/api/")
        lang = request_lang(request.args.getlist("lang"), accept=request.accept_languages) if api else _lang()
        kb = getattr(exc, "limit_bytes", settings.MAX_CONTENT_LENGTH) // 1024
        flask.current_app.logger.info("request refused (413): %s over %d KB", flask.request.path[:100], kb)
        return _refuse(413, lang, max_kb=kb)

    @server.before_request
    def guard_callbacks():
        request = flask.request
        if request.path != ENDPOINT or request.method != "POST":
            return None
        lang = _lang()
        wait = limits.callback_wait()
        if wait:
            flask.current_app.logger.info(
                "callback request refused (429): %s over its limit", limits.client()
            )
            return _refuse(429, lang, wait)
        if request.mimetype != "application/json":
            return _refuse(415, lang)
        try:
            raw = request.get_data(cache=True)  # Flask refuses more than MAX_CONTENT_LENGTH (413)
            body = _parse(raw)
            callback = _check_body(body, app.callback_map)
        except Malformed as exc:
            flask.current_app.logger.info("callback request refused (400): %s", str(exc)[:200])
            return _refuse(400, lang)
        if len(raw) > MAX_BODY and not _takes_upload(callback):
            flask.current_app.logger.info("callback request refused (413): %d bytes", len(raw))
            return _refuse(413, lang)
        try:
            status = _check_jobs(request.args, callback, body)
        except Exception:  # noqa: BLE001 - job store (Redis) down: the managers refuse what they
            status = None  # cannot look up, and the page's callback says the job failed
        if status == 204:  # what Dash answers for PreventUpdate
            return flask.Response(status=204)
        if status:
            flask.current_app.logger.info(
                "callback request refused (%s): %s", status, request.query_string[:200]
            )
            return _refuse(status, lang)
        request._cached_json = (body, body)  # Dash's get_json() reads this, not the bytes again
        return None
