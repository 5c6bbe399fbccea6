"""What runs inside a batch job: the lowest CPU priority, a place among the host's JOB_SLOTS (first
come, first served), heartbeats, and cancellation. The handles and the job store are jobs.py."""

from __future__ import annotations

import os
import time
from contextlib import contextmanager

import psutil

import settings

from . import jobs
from .jobs import TTL, beat, current_job_id, is_handle, stalled


def drop_network_sockets() -> None:
    """A job process on the embedded default is a fork of a gevent web worker: it holds copies of
    the worker's listening socket and its visitors' connections, and copies of the greenlets that
    serve them. Were the job ever to yield, those copies would accept and swallow requests meant
    for the worker (seen: a page's polls and its cancel click never answered). A job talks to no
    one over the network (the job store is a file here), so it closes them all first."""
    try:
        connections = psutil.Process().net_connections(kind="inet")
    except psutil.Error:
        return
    for conn in connections:
        if conn.fd != -1:
            try:
                os.close(conn.fd)
            except OSError:
                pass


def lower_priority() -> None:
    """Jobs yield the CPU to web requests: pages stay fast while a batch runs."""
    try:
        os.nice(19 - os.nice(0)) if os.nice(0) < 19 else None
    except OSError:
        pass


def _live_pid(job: str) -> bool:
    """A job process that runs (a killed one stays a zombie until its parent reaps it)."""
    try:
        return psutil.Process(int(job)).status() != psutil.STATUS_ZOMBIE and not stalled(job)
    except (psutil.Error, ValueError):
        return False


def turn(job: str) -> int | None:
    """None when ``job`` holds one of this host's JOB_SLOTS places, else how many jobs are ahead of
    it. First come, first served; a job whose process is gone or silent loses its place."""
    with jobs.disk_cache.transact():
        running = [j for j in jobs.disk_cache.get("slots:running", ()) if j != job and _live_pid(j)]
        queue = [j for j in jobs.disk_cache.get("slots:queue", ()) if j == job or _live_pid(j)]
        if job not in queue:
            queue.append(job)
        ahead: int | None = queue.index(job)
        if ahead == 0 and len(running) < settings.JOB_SLOTS:
            queue.remove(job)
            running.append(job)
            ahead = None
        jobs.disk_cache.set("slots:running", running, expire=TTL)
        jobs.disk_cache.set("slots:queue", queue, expire=TTL)
    return ahead


def release(job: str) -> None:
    with jobs.disk_cache.transact():
        jobs.disk_cache.set(
            "slots:running", [j for j in jobs.disk_cache.get("slots:running", ()) if j != job], expire=TTL
        )
        jobs.disk_cache.set(
            "slots:queue", [j for j in jobs.disk_cache.get("slots:queue", ()) if j != job], expire=TTL
        )


class Cancelled(Exception):
    """The visitor cancelled the list (checked by the job itself at each step)."""


def cancel(token) -> None:
    """Dash ends a cancelled job by the id its start answered; a visitor may click before that
    answer has arrived. The job also looks for this mark, so a cancel is never lost."""
    if is_handle(token):
        jobs.store.set(f"cancelled:{token}", True)


def check_cancelled(token) -> None:
    if token and jobs.store.get(f"cancelled:{token}"):
        raise Cancelled(token)


def _blocking_sleep():
    """time.sleep that never yields to gevent's hub. A job process on the embedded default is a
    fork of a gevent web worker and holds copies of all its greenlets (requests in flight, the
    worker's own loop): if the job yielded, they would run in the job's process — read answers
    meant for the worker, shut the "worker" down. A job only ever blocks."""
    try:
        from gevent import monkey
    except ImportError:
        return time.sleep
    return monkey.get_original("time", "sleep") if monkey.is_module_patched("time") else time.sleep


@contextmanager
def running(on_wait=None, token=None):
    """The body of every batch job: lowest CPU priority, heartbeats, and a place among the host's
    JOB_SLOTS (with Celery, the worker's concurrency is the bound and its queue the order).
    ``on_wait(ahead)`` is told how many jobs are ahead while this one waits."""
    lower_priority()
    if jobs.celery_app is None:
        drop_network_sockets()
    job = current_job_id()
    beat(job)
    if jobs.celery_app is None:
        while (ahead := turn(job)) is not None:
            check_cancelled(token)
            if on_wait:
                on_wait(ahead)
            beat(job)
            _blocking_sleep()(0.25)
    try:
        check_cancelled(token)
        yield job
    finally:
        if jobs.celery_app is None:
            release(job)
