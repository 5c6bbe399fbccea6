"""Batch pre-check jobs on Dash's background callback managers, and the store they share.

Embedded default: ``DiskcacheManager`` — each job runs in its own process, progress, results and
heartbeats live in a diskcache directory on this host, so every gunicorn worker of the host can
answer any poll. With ``REDIS_URL``: ``CeleryManager`` — jobs run in Celery workers started as
their own processes (``celery -A serving.jobs:celery_app worker``), everything lives in Redis,
so any web process on any host can answer.

A job that dies without a result (its process killed, its Celery worker gone, Redis lost) must
end with a message, never poll forever: the managers below report a job as lost when its
process is gone or its heartbeat is older than ``JOB_STALL_SECONDS``.
"""
from __future__ import annotations

import os
import pickle
import time
import uuid

from dash import CeleryManager, DiskcacheManager

import settings

TTL = 3600  # seconds a job's input and results stay available
LOST = "job_lost"  # message code of a job that ended without a result


class _DiskStore:
    def __init__(self, cache):
        self.cache = cache

    def set(self, key: str, value, ttl: int = TTL) -> None:
        self.cache.set(key, value, expire=ttl)

    def get(self, key: str):
        return self.cache.get(key)


class _RedisStore:
    def __init__(self, url: str):
        import redis

        self.client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)

    def set(self, key: str, value, ttl: int = TTL) -> None:
        self.client.set("zzgjj:" + key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), ex=ttl)

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


class _Liveness:
    """Mixin: a job without a result whose process is gone or heartbeat is stale is lost.

    Dash then calls the callback's ``on_error`` handler with this error, which shows a message
    and ends the polling."""

    def call_job_fn(self, key, job_fn, args, context):
        job = super().call_job_fn(key, job_fn, args, context)
        beat(str(job))
        return job

    def alive(self, job) -> bool:
        return not stalled(job)

    def terminate_job(self, job):
        """Dash ends a job the user cancelled (or whose result is in): remember it, so its
        missing result reads as cancelled (Dash answers no update), not as lost."""
        if job:
            store.set(f"ended:{job}", True)
        return super().terminate_job(job)

    def get_result(self, key, job):
        result = super().get_result(key, job)
        if result is self.UNDEFINED and job and not self.alive(job) and not store.get(f"ended:{job}"):
            result = super().get_result(key, job)  # it may have finished just now
            if result is self.UNDEFINED:
                try:
                    super().terminate_job(job)
                except Exception:  # noqa: BLE001 - best effort; the job is gone either way
                    pass
                return {"background_callback_error": {"msg": LOST, "tb": ""}}
        return result


class DiskJobs(_Liveness, DiskcacheManager):
    def alive(self, job) -> bool:
        return self.job_running(job) and not stalled(job)


class CeleryJobs(_Liveness, CeleryManager):
    pass


def _celery(url: str):
    from celery import Celery

    app = Celery("zzgjj", broker=url, backend=url)
    app.conf.update(
        task_serializer="json", result_serializer="json", accept_content=["json"],
        result_expires=TTL, worker_prefetch_multiplier=1, task_track_started=True,
        # Fail fast when Redis is down: the page says so instead of hanging a web worker.
        task_publish_retry=False, broker_connection_timeout=2,
        broker_transport_options={"socket_connect_timeout": 2, "socket_timeout": 5},
        redis_socket_connect_timeout=2, redis_socket_timeout=5, redis_retry_on_timeout=False,
        redis_backend_health_check_interval=10,
        result_backend_always_retry=False, broker_connection_retry_on_startup=True,
    )
    return app


if settings.REDIS_URL:
    celery_app = _celery(settings.REDIS_URL)
    store = _RedisStore(settings.REDIS_URL)
    manager = CeleryJobs(celery_app, expire=TTL)
else:
    import diskcache

    celery_app = None
    _cache = diskcache.Cache(settings.JOB_DIR)
    store = _DiskStore(_cache)
    manager = DiskJobs(_cache, expire=TTL)


def new_token() -> str:
    return uuid.uuid4().hex


def lower_priority() -> None:
    """Jobs yield the CPU to web requests: pages stay fast while a batch runs."""
    try:
        os.nice(10 - os.nice(0)) if os.nice(0) < 10 else None
    except OSError:
        pass
