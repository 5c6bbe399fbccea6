"""What runs inside a batch job: the lowest CPU priority, heartbeats and cancellation. The handles
and the job store are jobs.py; the host's queue and its JOB_SLOTS are job_queue.py."""

from __future__ import annotations

import os
from contextlib import contextmanager

import psutil

import jobs
from jobs import beat, current_job_id, is_handle
from jobs.host_queue import unpatched


def drop_network_sockets() -> None:
    """A job process on the embedded default is a fork of a gevent web worker: it holds copies of
    the worker's listening socket and its visitors' connections, and copies of the greenlets that
    serve them. It closes the sockets first (talking to no one over the network: the job store is a
    file here), with the plain ``os.close``: gevent's own close waits on the hub, and the hub would
    run the copied worker loop inside the job, which saw its parent gone and exited mid-list, and
    the listening socket stayed open in the job after the server stopped (a restart could not bind)."""
    close = unpatched("close")
    try:
        connections = psutil.Process().net_connections(kind="inet")
    except psutil.Error:
        return
    for conn in connections:
        if conn.fd != -1:
            try:
                close(conn.fd)
            except OSError:
                pass


def lower_priority() -> None:
    """Jobs yield the CPU to web requests: pages stay fast while a batch runs."""
    try:
        os.nice(19 - os.nice(0)) if os.nice(0) < 19 else None
    except OSError:
        pass


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


@contextmanager
def running(token=None):
    """The body of every batch job: lowest CPU priority, heartbeats, cancellation. Its place among
    the host's JOB_SLOTS was taken before its process started (jobs/host_queue.py); with Celery,
    the worker's concurrency is the bound and its queue the order."""
    lower_priority()
    if jobs.celery_app is None:
        drop_network_sockets()
    job = current_job_id()
    beat(job)
    check_cancelled(token)
    yield job
