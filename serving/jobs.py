"""Background jobs for long batch pre-checks: progress and results live in the shared cache.

The embedded default runs jobs in a thread and keeps state in the in-process cache; with
REDIS_URL set, every worker sees the same job state, so any of them can answer a poll.
"""
from __future__ import annotations

import threading
import uuid
from typing import Callable

from .cache import cache

TTL = 3600  # seconds a finished job's results stay downloadable


def _key(job_id: str, part: str) -> str:
    return f"job:{job_id}:{part}"


def start(total: int, work: Callable[[Callable[[int], None]], object]) -> str:
    """Run ``work(progress)`` in a thread; it returns the result to store."""
    job_id = uuid.uuid4().hex
    cache.set(_key(job_id, "state"), {"state": "running", "done": 0, "total": total}, timeout=TTL)
    from flask import current_app
    app = current_app._get_current_object()

    def run():
        with app.app_context():
            def progress(done: int):
                cache.set(_key(job_id, "state"), {"state": "running", "done": done, "total": total},
                          timeout=TTL)
            try:
                result = work(progress)
            except Exception as exc:  # the user sees a message; the log keeps the detail
                app.logger.exception("job %s failed", job_id)
                cache.set(_key(job_id, "state"), {"state": "failed", "done": 0, "total": total,
                                                  "error": type(exc).__name__}, timeout=TTL)
                return
            cache.set(_key(job_id, "result"), result, timeout=TTL)
            cache.set(_key(job_id, "state"), {"state": "done", "done": total, "total": total},
                      timeout=TTL)

    threading.Thread(target=run, name=f"job-{job_id[:8]}", daemon=True).start()
    return job_id


def state(job_id: str | None) -> dict | None:
    return cache.get(_key(job_id, "state")) if job_id else None


def result(job_id: str | None):
    return cache.get(_key(job_id, "result")) if job_id else None
