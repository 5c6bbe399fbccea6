"""Batch pre-check jobs on Dash's background callback managers, and the store they share.

Embedded default: ``DiskcacheManager`` — each job runs in its own process, progress, results and
heartbeats live in a diskcache directory on this host, so every gunicorn worker of the host can
answer any poll. With ``REDIS_URL``: ``CeleryManager`` — jobs run in Celery workers started as
their own processes (``celery -A jobs:celery_app worker``), everything lives in Redis,
so any web process on any host can answer.

A job that dies without a result (its process killed, its Celery worker gone, Redis lost) must
end with a message, never poll forever: the managers below report a job as lost when its
process is gone or its heartbeat is older than ``JOB_STALL_SECONDS``.
"""

from __future__ import annotations

import os
import pickle
import re
import time
import uuid

import psutil

import settings

TTL = 3600  # seconds a job's input and results stay available
LOST = "job_lost"  # message code of a job that ended without a result
REFUSED = "job_refused"  # a job start that no fresh upload stands behind
REFUSALS = ("client_busy", "queue_full")  # a job not queued (jobs/host_queue.py); error.<code>
HANDLE = re.compile(r"[0-9a-f]{32}")  # what clients see of a job (and an upload's token)

# The backend the settings name, built by jobs/backend.py's ``install`` from create_app (app.py):
# a diskcache directory and DiskJobs by default, Redis and CeleryJobs with REDIS_URL.
store = None
manager = None
celery_app = None
disk_cache = None


class DiskStore:
    def __init__(self, cache):
        self.cache = cache

    def set(self, key: str, value, ttl: int = TTL) -> None:
        self.cache.set(key, value, expire=ttl)

    def get(self, key: str):
        return self.cache.get(key)

    def add(self, key: str, value, ttl: int = TTL) -> bool:
        """Set only when absent (atomic): True for the one caller that set it."""
        return self.cache.add(key, value, expire=ttl)


class RedisStore:
    def __init__(self, url: str):
        import redis

        self.client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)

    def set(self, key: str, value, ttl: int = TTL) -> None:
        self.client.set("zzgjj:" + key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), ex=ttl)

    def add(self, key: str, value, ttl: int = TTL) -> bool:
        return bool(
            self.client.set(
                "zzgjj:" + key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), ex=ttl, nx=True
            )
        )

    def get(self, key: str):
        raw = self.client.get("zzgjj:" + key)
        return None if raw is None else pickle.loads(raw)  # only this site's own code writes here


def current_job_id() -> str:
    """The id the manager gave the running job: the Celery task id, or this process's pid."""
    if celery_app is not None:
        from celery import current_task

        if current_task and current_task.request.id:
            return current_task.request.id
    return str(os.getpid())


def beat(job: str | None = None) -> None:
    """Called by a running job now and then; a job silent for JOB_STALL_SECONDS is lost."""
    store.set(f"beat:{job or current_job_id()}", time.time())


def stalled(job) -> bool:
    last = store.get(f"beat:{job}")
    return last is None or time.time() - last > settings.JOB_STALL_SECONDS


def is_handle(value) -> bool:
    return isinstance(value, str) and HANDLE.fullmatch(value) is not None


def job_record(handle, key: str | None = None) -> dict | None:
    """What this server noted when it started the job behind ``handle``; None for anything it did
    not issue (a pid, a Celery task id, junk) or, with ``key``, for another job's cache key."""
    if not is_handle(handle):
        return None
    record = store.get(f"job:{handle}")
    if record is None or (key is not None and record["key"] != key):
        return None
    return record


def upload_state(token) -> str:
    """ "fresh" (an upload's token no job has used yet: the only thing that may start a job),
    "used" (a job has started from it) or "unknown"."""
    if not is_handle(token) or store.get(f"rows:{token}") is None:
        return "unknown"
    return "used" if store.get(f"started:{token}") is not None else "fresh"


def admission(client: str) -> str | None:
    """Before a list is read: None, or why it would not be queued — "client_busy", "queue_full",
    or "jobs_unavailable" when the job store cannot be reached (Redis down: a 503, never a 500)."""
    try:
        if manager.client_busy(client):  # one list at a time per client
            return "client_busy"
        if manager.queue_full():
            return "queue_full"
    except Exception:  # noqa: BLE001 - any failure of the store or broker means the same to a visitor
        return "jobs_unavailable"
    return None


class Refused(Exception):
    """A job not queued: ``code`` says why ("client_busy", "queue_full")."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


class _Guarded:
    """Dash's background-callback managers trust the job ids a client sends back: ``oldJob`` and
    ``job`` reach ``terminate_job`` (DiskcacheManager SIGKILLs that pid and its process tree;
    CeleryManager revokes that task) and ``cacheKey`` reads any entry of the result cache. Here a
    client only ever sees an opaque handle: the real id, the cache key it belongs to and the
    process's start time stay in the job store. A value this server did not issue ends nothing,
    reads nothing and writes nothing (serving/dash_guard.py answers it 400 before Dash runs).

    A job starts only from an upload's token, once (``started:<token>``); the upload itself went
    through the per-client upload limit and the jobs limit."""

    def call_job_fn(self, key, job_fn, args, context):
        token = args[0] if isinstance(args, (list, tuple)) and args else None
        handle = new_token()
        if not (upload_state(token) == "fresh" and store.add(f"started:{token}", handle)):
            store.set(f"job:{handle}", {"job": None, "key": key, "refused": REFUSED})
            return handle  # nothing runs; the first poll says so
        refused = self._admit(handle, client())
        if not refused:
            try:
                real = str(self._submit(handle, key, job_fn, args, context))
            except Refused as exc:
                refused = exc.code
        if refused:  # one list per client, a host-wide cap on waiting lists: said at the first poll
            store.set(f"job:{handle}", {"job": None, "key": key, "refused": refused})
            return handle
        lang = args[1] if isinstance(args, (list, tuple)) and len(args) > 1 else None
        record = {"job": real, "key": key, "born": self._born(real), "queued": time.time(), "token": token}
        store.set(f"job:{handle}", {**record, "lang": lang})
        store.set(f"key:{key}", handle)
        store.set(f"client:{client()}", handle)
        self._started(real)
        return handle

    def client_busy(self, client: str) -> bool:
        handle = store.get(f"client:{client}")
        record = job_record(handle)
        return bool(record and not record.get("ended") and self.alive(handle))

    def _admit(self, handle: str, client: str) -> str | None:
        """None, or why this job may not queue: "client_busy" or "queue_full"."""
        if manager.client_busy(client):  # one list at a time per client
            return "client_busy"
        if self.queue_full():
            return "queue_full"
        return None

    def _submit(self, handle, key, job_fn, args, context):
        return super().call_job_fn(key, job_fn, args, context)

    def _started(self, real: str) -> None:
        """A Celery task waits in the queue until a worker takes it: it beats once it runs."""

    def _born(self, real: str):
        return None

    def _same(self, record) -> bool:
        """The process behind the record is still the one that was started (a pid may be reused)."""
        return record.get("job") is not None

    def terminate_job(self, job):
        """Dash ends a job the user cancelled or replaced, or whose result is in: remember it, so its
        missing result reads as cancelled (Dash answers no update), not as lost."""
        record = job_record(job)
        if record is None or record.get("job") is None:
            return None
        if not record.get("ended"):
            store.set(f"job:{job}", {**record, "ended": True})
        if self._same(record):
            try:
                return super().terminate_job(record["job"])
            except psutil.Error:  # it (or a child) ended while being listed: nothing left to end
                return None
        return None

    def job_running(self, job):
        record = job_record(job)
        return bool(record and self._same(record) and super().job_running(record["job"]))

    def waiting(self, job) -> dict | None:
        """While the job waits for a process or a worker: {"ahead": n, "why": catalog key}."""
        return None

    def queue_full(self) -> bool:
        return False

    WAIT_SHOWN_AFTER = 0  # seconds after its start a waiting job's place is shown

    def get_progress(self, key):
        """While the job waits (for a slot, or for a worker to take it): say so, in the language
        it was asked in. Until then nothing has run that could report progress."""
        progress = super().get_progress(key)
        if progress:
            return progress
        handle = store.get(f"key:{key}")
        record = job_record(handle) or {}
        waiting = self.waiting(handle) if record.get("job") else None
        if waiting and time.time() - record.get("queued", 0) >= self.WAIT_SHOWN_AFTER:
            from dash import html

            from i18n import t

            lang = record.get("lang") if record.get("lang") in ("zh", "en") else "zh"
            return [
                html.Div(t(lang, f"precheck.{waiting['why']}", ahead=waiting["ahead"]), className="small")
            ]
        return progress

    def alive(self, job) -> bool:
        """Running (or fairly queued) and heard from lately."""
        record = job_record(job)
        return bool(record and record.get("job") and self._alive(record))

    def _alive(self, record) -> bool:
        return not stalled(record["job"])

    def get_result(self, key, job):
        record = job_record(job, key)
        if record is None:
            return self.UNDEFINED
        if record.get("refused"):
            code = record["refused"] if isinstance(record["refused"], str) else REFUSED
            return {"background_callback_error": {"msg": code, "tb": ""}}
        result = super().get_result(key, job)
        if result is self.UNDEFINED and not self._alive(record) and not (job_record(job) or {}).get("ended"):
            result = super().get_result(key, job)  # it may have finished just now
            if result is self.UNDEFINED:
                try:
                    self.terminate_job(job)
                except Exception:  # noqa: BLE001 - best effort; the job is gone either way
                    pass
                return {"background_callback_error": {"msg": LOST, "tb": ""}}
        return result


def new_token() -> str:
    return uuid.uuid4().hex


def client() -> str:
    """The client a request comes from, as the rate limits and the job queue both count it
    (Flask-Limiter's address: the real client's behind a trusted proxy, ProxyFix having run)."""
    from flask_limiter.util import get_remote_address

    try:
        return get_remote_address()
    except RuntimeError:  # no request: a job started outside one counts as nobody's
        return "-"
