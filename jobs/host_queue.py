"""The host's batch jobs as data: a queue in the job store, and at most JOB_SLOTS processes.

Embedded default only (with REDIS_URL the Celery queue is the data and the workers' concurrency
the bound). A job asked for is an entry: the registered job function's name, its arguments, the
client and its arrival. ``dispatch`` starts a process for the oldest entries while fewer than
JOB_SLOTS run; a web worker runs it at every start, every poll of any job (page or API) and once
a second, one at a time (a diskcache transaction). A job process only frees its slot as it ends.
So a flood of lists costs entries, not processes, and memory stays flat whatever the clients.

A job's process is detached (a double fork, its own session): no web worker is its parent, so a
worker that restarts never waits on a job, and no job is left a zombie.

Admission (``admit``) is where the per-client and host-wide rules hold, at the moment a job is
queued, inside the same transaction: one list per client (queued or running), and at most
JOB_QUEUE_MAX waiting on the host. One entry per client makes arrival order fair between clients.
"""

from __future__ import annotations

import os
import time

import psutil

import jobs
import settings

WAITING = "queue:waiting"  # handles in arrival order
RUNNING = "queue:running"  # handles whose process has been started
STARTING_SECONDS = 10  # a slot taken by a process being forked right now


def _cache():
    return jobs.disk_cache


def entry(handle: str) -> dict | None:
    return _cache().get(f"entry:{handle}")


def process_alive(entry: dict) -> bool:
    pid, born = entry.get("pid"), entry.get("born")
    if pid is None:  # being started
        return time.time() - entry.get("starting", 0) < STARTING_SECONDS
    try:
        process = psutil.Process(pid)
        return process.create_time() == born and process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def _lists() -> tuple[list[str], list[str]]:
    """(waiting, running) without entries that ended or whose process is gone. A job whose start
    was interrupted (the process forking it died before noting the pid) goes back to the front."""
    cache = _cache()
    waiting = [h for h in cache.get(WAITING, ()) if (e := entry(h)) and not e.get("ended")]
    running, restart = [], []
    for handle in cache.get(RUNNING, ()):
        record = entry(handle)
        if not record or record.get("ended"):
            continue
        if process_alive(record):
            running.append(handle)
        elif record.get("pid") is None:
            restart.append(handle)
    return restart + waiting, running


def _save(waiting: list[str], running: list[str]) -> None:
    _cache().set(WAITING, waiting, expire=jobs.TTL)
    _cache().set(RUNNING, running, expire=jobs.TTL)


def admit(handle: str, job: dict) -> str | None:
    """Queue the job, or say why not: "client_busy" (this client has a list queued or running) or
    "queue_full" (JOB_QUEUE_MAX lists wait on this host)."""
    with _cache().transact():
        waiting, running = _lists()
        if any(entry(h).get("client") == job["client"] for h in waiting + running):
            return "client_busy"  # checked again here: uploads in parallel all passed the first check
        if len(waiting) >= settings.JOB_QUEUE_MAX:
            return "queue_full"
        _cache().set(f"entry:{handle}", {**job, "queued": time.time()}, expire=jobs.TTL)
        _save([*waiting, handle], running)
    return None


def queue_full() -> bool:
    return len(_lists()[0]) >= settings.JOB_QUEUE_MAX


def client_busy(client: str) -> bool:
    waiting, running = _lists()
    return any(entry(h).get("client") == client for h in waiting + running)


def ahead(handle: str) -> int | None:
    """How many lists wait before this one; None once it runs (or is no longer queued)."""
    waiting = _cache().get(WAITING, ())
    return waiting.index(handle) if handle in waiting else None


def is_waiting(handle: str) -> bool:
    record = entry(handle)
    return (
        bool(record) and not record.get("ended") and record.get("pid") is None and ahead(handle) is not None
    )


def end(handle: str) -> None:
    """The job finished, was cancelled or was lost: it holds no place any more."""
    with _cache().transact():
        record = entry(handle)
        if record is not None:
            _cache().set(f"entry:{handle}", {**record, "ended": True}, expire=jobs.TTL)
        waiting, running = _lists()
        _save([h for h in waiting if h != handle], [h for h in running if h != handle])


def dispatch(start) -> list[str]:
    """Start the oldest waiting jobs while fewer than JOB_SLOTS run; ``start(handle, entry)``
    forks one and returns its pid. The handles started."""
    with _cache().transact():
        waiting, running = _lists()
        chosen = []
        while waiting and len(running) < settings.JOB_SLOTS:
            handle = waiting.pop(0)
            running.append(handle)
            chosen.append(handle)
            _cache().set(f"entry:{handle}", {**entry(handle), "starting": time.time()}, expire=jobs.TTL)
        _save(waiting, running)
    for handle in chosen:
        record = entry(handle)
        try:
            pid = start(handle, record)
            born = psutil.Process(pid).create_time()
        except Exception:  # noqa: BLE001 - could not fork (out of processes): the job is lost, said so
            end(handle)
            continue
        _cache().set(f"entry:{handle}", {**record, "pid": pid, "born": born}, expire=jobs.TTL)
    return chosen


def unpatched(name: str):
    """``os.<name>`` as the OS gives it (fork, waitpid, close). Under gevent they are patched to
    cooperate with the worker's hub; a job process must never run the hub (it holds copies of the
    worker's greenlets: a limiter's timer ran in a job and aborted it on a closed socket), so jobs
    fork, wait and close with the plain calls, which block for the millisecond they take."""
    try:
        from gevent import monkey
    except ImportError:
        return getattr(os, name)
    return monkey.get_original("os", name) if monkey.is_module_patched("os") else getattr(os, name)


def spawn(target, args) -> int:
    """Run ``target(*args)`` in a detached process (double fork, own session); its pid."""
    fork, waitpid = unpatched("fork"), unpatched("waitpid")
    read_end, write_end = os.pipe()
    middle = fork()
    if middle == 0:  # the middle process: fork the job, tell its pid, leave at once
        try:
            os.close(read_end)
            os.setsid()
            job = fork()
            if job == 0:
                os.close(write_end)
                code = 1
                try:
                    target(*args)
                    code = 0
                finally:
                    os._exit(code)
            os.write(write_end, str(job).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    try:
        pid = int(os.read(read_end, 32) or b"0")
    finally:
        os.close(read_end)
        try:
            waitpid(middle, 0)
        except ChildProcessError:  # reaped already (gevent's SIGCHLD handler)
            pass
    if pid <= 0:
        raise OSError("the job process could not be started")
    return pid
