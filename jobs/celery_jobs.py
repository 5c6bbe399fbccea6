"""Batch jobs with REDIS_URL: Dash's CeleryManager behind the same guard, tasks run by Celery
workers started as their own processes (``celery -A app:celery_app worker``)."""

from __future__ import annotations

import time

from dash import CeleryManager

import jobs
import settings
from jobs import TTL, _Guarded, job_record, stalled


class CeleryJobs(_Guarded, CeleryManager):
    QUEUE = "celery"  # the broker's list of tasks no worker has taken yet
    WAIT_SHOWN_AFTER = 1  # a worker usually takes a list at once: no "waiting" flash before then

    def queue_full(self) -> bool:
        return jobs.store.client.llen(self.QUEUE) >= settings.JOB_QUEUE_MAX

    def _alive(self, record) -> bool:
        """A task still in the queue is queued, not lost — until nobody has taken it for
        JOB_QUEUE_SECONDS (no worker running); a started one must keep beating once it has
        begun to (a task just taken has not beaten yet: it is as good as queued)."""
        state = self.get_task(record["job"]).state
        queued_for = time.time() - record.get("queued", 0)
        if state == "PENDING" or jobs.store.get(f"beat:{record['job']}") is None:
            return state in ("PENDING", "STARTED", "RECEIVED") and queued_for < settings.JOB_QUEUE_SECONDS
        return state in ("STARTED", "PROGRESS", "RETRY", "RECEIVED") and not stalled(record["job"])

    def waiting(self, job) -> dict | None:
        record = job_record(job)
        if record and record.get("job") and self.get_task(record["job"]).state == "PENDING":
            return {"ahead": 0, "why": "waiting_worker"}
        return None


def celery_app(url: str):
    from celery import Celery

    app = Celery("zzgjj", broker=url, backend=url)
    app.conf.update(
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        result_expires=TTL,
        worker_prefetch_multiplier=1,
        task_track_started=True,
        # Fail fast when Redis is down: the page says so instead of hanging a web worker.
        task_publish_retry=False,
        broker_connection_timeout=2,
        broker_transport_options={"socket_connect_timeout": 2, "socket_timeout": 5},
        redis_socket_connect_timeout=2,
        redis_socket_timeout=5,
        redis_retry_on_timeout=False,
        redis_backend_health_check_interval=10,
        result_backend_always_retry=False,
        broker_connection_retry_on_startup=True,
    )
    return app
