"""Dash's DiskcacheManager on the host's job queue (jobs/host_queue.py): the embedded default.

Dash's own manager forks a process the moment a job is asked for; here the job becomes an entry
and a process is started only when one of the host's JOB_SLOTS is free. To Dash the handle of a
waiting job is a running job (so the page keeps polling), whose progress is its place in line.
"""

from __future__ import annotations

import threading
import time

import psutil
from dash import DiskcacheManager

import jobs
from dash_private import AttributeDict
from jobs import Refused, _Guarded, beat, client, job_record, stalled
from jobs import host_queue as job_queue


class DiskJobs(_Guarded, DiskcacheManager):
    def client_busy(self, client: str) -> bool:
        return job_queue.client_busy(client)

    def _admit(self, handle: str, client: str) -> str | None:
        return None  # job_queue.admit decides, inside its transaction (see _submit)

    def _submit(self, handle, key, job_fn, args, context):
        name = next(n for n, fn in self.func_registry.items() if fn is job_fn)
        entry = {"fn": name, "key": key, "args": list(args), "context": dict(context), "client": client()}
        refused = job_queue.admit(handle, entry)
        if refused:
            raise Refused(refused)
        self.dispatch()
        return handle

    def dispatch(self) -> None:
        job_queue.dispatch(self._start)

    def start_dispatcher(self, every: float = 1.0) -> None:
        """Move the line now and then in this web worker too, so a list starts when the slot frees
        even if nobody is polling (an API client that asks for its result only later). Under
        gevent the thread is a greenlet; a job process never runs it (it never yields)."""

        def loop():
            while True:
                time.sleep(every)
                try:
                    self.dispatch()
                except Exception:  # noqa: BLE001 - the next round tries again; a request says why
                    pass

        threading.Thread(target=loop, name="job-dispatcher", daemon=True).start()

    def _start(self, handle: str, entry: dict) -> int:
        job_fn = self.func_registry[entry["fn"]]
        pid = job_queue.spawn(self._run, (handle, job_fn, entry))
        beat(str(pid))  # it exists now; on a busy host its own first beat may come late
        return pid

    def _run(self, handle: str, job_fn, entry: dict) -> None:
        """In the job's own process: the job, then its slot freed. The next job is started by a web
        worker (the next poll or start), never from here: a job process has closed its copies of
        the worker's sockets, and a fork from it brought gevent's hub back to life on them (the
        middle process aborted and the next list in line was lost)."""
        try:
            key = entry["key"]
            job_fn(key, self._make_progress_key(key), entry["args"], AttributeDict(entry["context"]))
        finally:
            job_queue.end(handle)

    def _alive(self, record) -> bool:
        handle = record["job"]
        if job_queue.is_waiting(handle):
            return True
        entry = job_queue.entry(handle) or {}
        return job_queue.process_alive(entry) and (entry.get("pid") is None or not stalled(str(entry["pid"])))

    def job_running(self, job):
        record = job_record(job)
        return bool(record and record.get("job") and not record.get("ended") and self._alive(record))

    def terminate_job(self, job):
        record = job_record(job)
        if record is None or record.get("job") is None:
            return None
        if not record.get("ended"):
            jobs.store.set(f"job:{job}", {**record, "ended": True})
        entry = job_queue.entry(job) or {}
        # An ended entry's process has its result in and is leaving by itself.
        if entry.get("pid") and not entry.get("ended") and job_queue.process_alive(entry):
            try:
                process = psutil.Process(entry["pid"])
                for child in process.children(recursive=True):
                    child.kill()
                process.kill()
            except psutil.Error:
                pass
        job_queue.end(job)
        self.dispatch()
        return None

    def get_result(self, key, job):
        self.dispatch()  # every poll moves the line along
        return super().get_result(key, job)

    def queue_full(self) -> bool:
        self.dispatch()  # a refused submission still moves the line along
        return job_queue.queue_full()

    def alive(self, job) -> bool:
        self.dispatch()  # an API client's poll of its status moves the line along too
        return super().alive(job)

    def waiting(self, job) -> dict | None:
        record = job_record(job)
        if record and record.get("job") and job_queue.is_waiting(record["job"]):
            return {"ahead": job_queue.ahead(record["job"]) or 0, "why": "waiting"}
        return None


__all__ = ["DiskJobs"]
