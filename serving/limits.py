"""Per-client rate limits (Flask-Limiter): memory storage by default, Redis with REDIS_URL.

The JSON API has a per-client limit (429 JSON with Retry-After). Uploads — the pre-check page
and ``POST /api/v1/precheck`` — share a tighter per-client limit, checked by hand so the page can
say "try again in N s" instead of failing a callback; large jobs also count against a limit for
all clients together, which bounds the CPU batch work may take from page requests.
"""

from __future__ import annotations

import math
import time

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
    """The API's per-client limit on each blueprint (the JSON API, the edited-layout answer)."""
    limiter.init_app(server)
    for blueprint in blueprints:
        limiter.limit(settings.RATELIMIT_API)(blueprint)


__all__ = ["limiter", "upload_wait", "job_wait", "install", "request", "client"]
