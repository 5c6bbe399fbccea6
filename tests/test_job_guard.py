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
import psutil
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
    other_pid = str(cache.get(f"entry:{handle}")["pid"])  # started: the host's slot was free
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
            status, _ = _post(f"{base}/_dash-update-component?{query}", body)
            assert 400 <= status < 500, (query, status)
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


def test_waiting_jobs_are_entries_and_take_the_host_slots_in_arrival_order(
    monkeypatch, client
):  # client: jobs built
    """Three clients' lists, one slot: one process runs, the others are entries told how many are
    ahead; a second list of the same client and one past JOB_QUEUE_MAX are refused; a job whose
    process is gone loses its slot to the next in line."""
    import jobs
    import settings
    from jobs import host_queue as job_queue

    monkeypatch.setattr(settings, "JOB_SLOTS", 1)
    monkeypatch.setattr(settings, "JOB_QUEUE_MAX", 3)
    procs = []

    def start(handle, entry):
        procs.append(subprocess.Popen(["sleep", "60"]))
        return procs[-1].pid

    jobs.disk_cache.delete(job_queue.WAITING)
    jobs.disk_cache.delete(job_queue.RUNNING)
    handles = [f"{i:032x}" for i in range(1, 5)]
    try:
        for i, handle in enumerate(handles[:3]):
            assert job_queue.admit(handle, {"client": f"10.0.0.{i}"}) is None
        assert job_queue.admit(handles[3], {"client": "10.0.0.1"}) == "client_busy"
        assert job_queue.dispatch(start) == [handles[0]] and len(procs) == 1  # one process, two entries
        assert job_queue.ahead(handles[1]) == 0 and job_queue.ahead(handles[2]) == 1
        assert job_queue.is_waiting(handles[2]) and not job_queue.is_waiting(handles[0])
        assert job_queue.dispatch(start) == [] and len(procs) == 1  # asking again starts nothing
        assert job_queue.admit(handles[3], {"client": "10.0.0.9"}) is None
        assert job_queue.admit(f"{9:032x}", {"client": "10.0.0.8"}) == "queue_full"  # three wait already
        job_queue.end(handles[0])
        assert job_queue.dispatch(start) == [handles[1]]  # the next in line, not the newest
        procs[1].kill()
        procs[1].wait()
        assert job_queue.dispatch(start) == [handles[2]]  # a dead job's slot is taken over
        assert job_queue.client_busy("10.0.0.2") and not job_queue.client_busy("10.0.0.0")
    finally:
        for p in procs:
            p.kill()
            p.wait()
        jobs.disk_cache.delete(job_queue.WAITING)
        jobs.disk_cache.delete(job_queue.RUNNING)


def test_a_job_process_has_no_web_worker_for_a_parent():
    """The job runs detached: the process that asked for it returns at once and never waits on it."""
    from jobs import host_queue as job_queue

    pid = job_queue.spawn(lambda: __import__("time").sleep(30), ())
    try:
        job = psutil.Process(pid)
        assert job.ppid() != os.getpid() and pid not in [c.pid for c in psutil.Process().children()]
    finally:
        os.kill(pid, signal.SIGKILL)


def test_a_page_list_waiting_behind_api_lists_gets_its_result(tmp_path):
    """Two other clients' large API lists take the slot and the line; the page's list waits (its
    progress says how many are ahead), then runs and answers with its result — not "lost".
    (A job process that started the next one in line used to abort the fork and lose it.)"""
    from tests.servers import _gunicorn, _stop
    from tests.test_serving import poll, post_file

    env = {"REDIS_URL": "", "JOB_DIR": str(tmp_path), "RATELIMIT_ENABLED": "0", "TRUSTED_PROXIES": "1"}
    env["PRECHECK_SYNC_ROWS"] = "50"
    proc, base = _gunicorn("guard-line", env, workers=2)
    try:
        urls = []
        for n in (1, 2):
            status, _, body = post_file(base, csv_file(20000), client=f"198.51.100.{n}")
            assert status == 202, body
            urls.append(json.loads(body)["status_url"])
        deps = _callbacks(base)
        start = deps["precheck-input.data"]
        status, answer = _post(base + "/_dash-update-component", _body(start, _upload(base, deps)))
        assert status == 200, answer
        issued = json.loads(answer)
        seen_waiting, deadline = False, time.time() + 120
        while time.time() < deadline:
            status, answer = _post(
                f"{base}/_dash-update-component?cacheKey={issued['cacheKey']}&job={issued['job']}",
                _body(start, None),
            )
            assert status in (200, 204), answer
            seen_waiting |= b"\\u6392\\u961f" in answer or "排队".encode() in answer  # 排队中：前面还有…
            if b"precheck-job" in answer:
                break
            time.sleep(0.5)
        else:
            raise AssertionError("the page's list never finished")
        result = json.loads(answer)["response"]
        assert result["precheck-job"]["data"], answer  # its token: the result is in, nothing lost
        assert seen_waiting
        assert all(poll(base, url, seconds=60)[1].get("count") == 20000 for url in urls)
    finally:
        _stop(proc)
