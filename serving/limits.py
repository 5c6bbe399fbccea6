"""Per-client rate limits (Flask-Limiter): memory storage by default, Redis with REDIS_URL.

The JSON API has a per-client limit (429 JSON with Retry-After). Uploads — the pre-check page
and ``POST /api/v1/precheck`` — share a tighter per-client limit, checked by hand so the page can
say "try again in N s" instead of failing a callback; large jobs also count against a limit for
all clients together, which bounds the CPU batch work may take from page requests.
"""

from __future__ import annotations

import math
import time

import flask
from flask import request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import parse_many

import settings
from jobs import client  # the one definition of who a client is

limiter = Limiter(
    key_func=get_remote_address,
    storage_uri=settings.REDIS_URL or "memory://",
    storage_options={"socket_connect_timeout": 2, "socket_timeout": 2} if settings.REDIS_URL else {},
    enabled=settings.RATELIMIT_ENABLED,
    headers_enabled=True,
    strategy="fixed-window",
    # A limiter that cannot reach Redis lets requests through rather than failing the site.
    swallow_errors=True,
    in_memory_fallback_enabled=bool(settings.REDIS_URL),
)

_CALLBACKS = parse_many(settings.RATELIMIT_CALLBACKS)
_UPLOAD = parse_many(settings.RATELIMIT_UPLOAD)
_JOBS = parse_many(settings.RATELIMIT_JOBS)


def _hit(items, key: str) -> int:
    """0 when allowed (and counted), else the seconds until the first exhausted window resets."""
    if not settings.RATELIMIT_ENABLED:
        return 0
    strategy = limiter.limiter
    try:
        for item in items:
            if not strategy.test(item, key):
                reset = strategy.get_window_stats(item, key).reset_time
                return max(1, math.ceil(reset - time.time()))
        for item in items:
            strategy.hit(item, key)
    except Exception:  # noqa: BLE001 - storage down: do not take the site down with it
        return 0
    return 0


def callback_wait() -> int:
    """Per client: seconds to wait before another callback request, 0 when allowed (and counted)."""
    return _hit(_CALLBACKS, f"callback/{get_remote_address() or '-'}")


def upload_wait() -> int:
    """Per client: seconds to wait before another upload, 0 when allowed (and counted)."""
    return _hit(_UPLOAD, f"upload/{get_remote_address() or '-'}")


def job_wait() -> int:
    """All clients together: seconds before another large job may start, 0 when allowed."""
    return _hit(_JOBS, "jobs/all")


def install(server, *blueprints) -> None:
    """The API's per-client limit on each blueprint (the JSON API, the edited-layout answer).

    Flask-Limiter writes Retry-After on every answer of a limited route (its window's reset) and
    raises a refusal's own to it: a 200 said "retry after 33 s", and a list refused for 5 s said
    33. Retry-After is the site's to say (a refusal, a job's poll interval): the one written before
    the limiter's hook is put back after it, and none is left where none was written."""

    @server.after_request
    def _put_back_retry_after(response):  # registered first: Flask runs it after the limiter's
        written = flask.g.pop("retry_after", None)
        if written is None:
            response.headers.pop("Retry-After", None)
        else:
            response.headers["Retry-After"] = written
        return response

    limiter.init_app(server)

    @server.after_request
    def _note_retry_after(response):  # registered last: runs before the limiter's hook
        if "Retry-After" in response.headers:
            flask.g.setdefault("retry_after", response.headers["Retry-After"])
        return response

    for blueprint in blueprints:
        limiter.limit(settings.RATELIMIT_API)(blueprint)


__all__ = ["limiter", "upload_wait", "job_wait", "install", "request", "client"]
