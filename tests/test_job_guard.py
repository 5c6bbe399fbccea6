"""No value a client sends reaches a kill, a fork or the job store unchecked.

Dash's background-callback managers end whatever job id a request names (``oldJob``, ``job``):
DiskcacheManager SIGKILLs that pid and its children. These tests run the embedded default under
gunicorn, start an unrelated process, and send its pid (and another client's real job id) in
every form the callback endpoint accepts; the process and the job must live.
"""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import time
import urllib.request

import diskcache
import pytest

from tests.conftest import csv_file
from tests.servers import request

pytestmark = pytest.mark.services

CSV = csv_file(3000)


def _post(url: str, body):
    status, _, answer = request("POST", url, json.dumps(body).encode(), {"Content-Type": "application/json"})
    return status, answer


def _callbacks(base: str) -> dict:
    with urllib.request.urlopen(base + "/_dash-dependencies", timeout=10) as r:
        deps = json.loads(r.read())
    return {d["inputs"][0]["id"] + "." + d["inputs"][0]["property"]: d for d in deps if d["inputs"]}


def _body(dep: dict, value, state=("zh",)) -> dict:
    outputs = [
        {"id": o.split(".")[0], "property": o.split(".")[1].split("@")[0]}
        for o in dep["output"].strip(".").split("...")
    ]
    return {
        "output": dep["output"],
        "outputs": outputs,
        "inputs": [{**dep["inputs"][0], "value": value}],
        "state": [{**s, "value": v} for s, v in zip(dep["state"], state, strict=False)],
        "changedPropIds": [dep["inputs"][0]["id"] + "." + dep["inputs"][0]["property"]],
    }


def _upload(base: str, deps: dict) -> str:
    """The page's upload callback, as the browser sends it: the token of the stored rows."""
    dep = deps["precheck-upload.contents"]
    contents = "data:text/csv;base64," + base64.b64encode(CSV).decode()
    body = _body(dep, contents, state=("clients.csv", "zh"))
    status, answer = _post(base + "/_dash-update-component", body)
    assert status == 200, answer
    token = json.loads(answer)["response"]["precheck-input"]["data"]
    assert len(token) == 32
    return token


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    """The embedded default as ./run.sh serves it (two gunicorn workers, diskcache jobs), without
    rate limits: these tests send many requests from one address."""
    from tests.servers import _gunicorn, _stop

    job_dir = tmp_path_factory.mktemp("guard-jobs")
    proc, base = _gunicorn(
        "guard", {"REDIS_URL": "", "JOB_DIR": str(job_dir), "RATELIMIT_ENABLED": "0", "DEBUG": "0"}, workers=2
    )
    try:
        yield {"base": base, "job_dir": job_dir}
    finally:
        _stop(proc)


@pytest.fixture
def victim():
    proc = subprocess.Popen(["sleep", "600"], start_new_session=True)
    yield proc
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def test_forged_job_ids_end_nothing(embedded, victim):
    base, cache = embedded["base"], diskcache.Cache(str(embedded["job_dir"]))
    deps = _callbacks(base)
    start = deps["precheck-input.data"]
    # Another client's real job: its handle, cache key and pid.
    status, answer = _post(base + "/_dash-update-component", _body(start, _upload(base, deps)))
    assert status == 200, answer
    issued = json.loads(answer)
    handle, key = issued["job"], issued["cacheKey"]
    other_pid = cache.get(f"job:{handle}")["job"]
    assert other_pid.isdigit() and handle != other_pid  # clients never see the pid
    pids = [str(victim.pid), other_pid, str(os.getpid()), "1"]
    forged = [f"oldJob={p}" for p in pids] + [f"cacheKey=x&job={p}" for p in pids]
    forged += [f"cacheKey={key}&job={p}" for p in pids] + [f"job={p}" for p in pids]
    forged += [
        f"cacheKey=beat:{other_pid}&job={handle}",
        f"oldJob={'0' * 32}",
        f"oldJob={handle}x",
        f"cacheKey={key}&job={'f' * 32}",
        "oldJob=1e1000000",
        "job=-1&cacheKey=1",
    ]
    bodies = [_body(start, None), _body(deps["_pages_location.pathname"], "/precheck", state=())]
    for query in forged:
        for body in bodies:
            started = time.monotonic()
            status, _ = _post(f"{base}/_dash-update-component?{query}", body)
            assert 400 <= status < 500, (query, status)
            assert time.monotonic() - started < 1
    time.sleep(0.5)
    assert victim.poll() is None, "an unrelated process was killed"
    # The other client's job was not ended by any of that: it finishes and its poll answers.
    deadline = time.time() + 60
    while time.time() < deadline:
        status, answer = _post(
            f"{base}/_dash-update-component?cacheKey={key}&job={handle}", _body(start, None)
        )
        assert status in (200, 204), answer
        if status == 200 and b"precheck-job" in answer:
            break
        time.sleep(0.5)
    else:
        raise AssertionError("the other client's job never finished")


def test_a_job_starts_once_per_upload(embedded):
    base, cache = embedded["base"], diskcache.Cache(str(embedded["job_dir"]))
    deps = _callbacks(base)
    start = deps["precheck-input.data"]
    token = _upload(base, deps)
    status, answer = _post(base + "/_dash-update-component", _body(start, token))
    assert status == 200 and "job" in json.loads(answer)
    for _ in range(10):  # re-posting the start forks nothing
        status, answer = _post(base + "/_dash-update-component", _body(start, token))
        assert status == 429, answer
    # tokens nobody uploaded start nothing either
    for junk in ("0" * 32, "x", 12345, {"a": 1}):
        status, _ = _post(base + "/_dash-update-component", _body(start, junk))
        assert status == 400
    # no token (the upload was refused): nothing to start, Dash's "no update"
    assert _post(base + "/_dash-update-component", _body(start, None))[0] == 204
    assert sum(1 for k in cache.iterkeys() if str(k).startswith("started:")) >= 1
    started = [k for k in cache.iterkeys() if str(k) == f"started:{token}"]
    assert len(started) == 1


def test_requests_that_start_nothing_do_not_grow_the_store(embedded):
    base, cache = embedded["base"], diskcache.Cache(str(embedded["job_dir"]))
    deps = _callbacks(base)
    before = len(cache)
    for i in range(60):
        _post(f"{base}/_dash-update-component?oldJob={i:032x}", _body(deps["precheck-input.data"], None))
        _post(
            f"{base}/_dash-update-component?cacheKey={i:032x}&job={i:032x}",
            _body(deps["precheck-input.data"], None),
        )
    assert len(cache) <= before + 2  # (a job of another test may write a beat meanwhile)


def test_jobs_take_the_host_slots_first_come_first_served(monkeypatch):
    """Three live job processes, one slot: the first runs, the others wait in arrival order and are
    told how many are ahead; a job whose process is gone loses its place."""
    import settings
    from serving import job_slots, jobs

    monkeypatch.setattr(settings, "JOB_SLOTS", 1)
    procs = [subprocess.Popen(["sleep", "60"]) for _ in range(3)]
    ids = [str(p.pid) for p in procs]
    try:
        for job in ids:
            jobs.beat(job)
        jobs.disk_cache.delete("slots:running")
        jobs.disk_cache.delete("slots:queue")
        assert job_slots.turn(ids[0]) is None  # runs
        assert job_slots.turn(ids[1]) == 0  # first in line
        assert job_slots.turn(ids[2]) == 1  # one ahead of it
        assert job_slots.turn(ids[2]) == 1  # asking again keeps its place
        job_slots.release(ids[0])
        assert job_slots.turn(ids[2]) == 1  # the slot is free, but ids[1] came first
        assert job_slots.turn(ids[1]) is None
        procs[1].kill()
        procs[1].wait()
        assert job_slots.turn(ids[2]) is None  # a dead job's slot is taken over
    finally:
        for p in procs:
            p.kill()
            p.wait()
        jobs.disk_cache.delete("slots:running")
        jobs.disk_cache.delete("slots:queue")
