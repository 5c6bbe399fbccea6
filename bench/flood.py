"""Batch-job flood: processes and memory while many clients send client lists at once.

    .venv/bin/python bench/flood.py [--clients 25] [--lists 2] [--rows 2000] [--root DIR]

The site as ./run.sh serves it (gunicorn, two workers, embedded default, one trusted proxy so each
client is its own address, JOB_SLOTS=1). Every client posts --lists lists to /api/v1/precheck at
once; a watcher samples every 50 ms the processes started with this server's JOB_DIR. Prints how
many were accepted and refused, the peak number of processes beyond the idle server's, the peak
resident memory of them all, and how long until every accepted list had its answer. ``--root``
serves another checkout (``git worktree add /tmp/before <commit>``) for a baseline in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "bench"))
from servers import free_port, start  # noqa: E402


def _csv(rows: int) -> bytes:
    lines = ["name,age,contribution_months,account_balance,monthly_income,house_price"]
    lines += [
        f"c{i},{25 + i % 30},{12 + i % 100},{20000 + i},{8000 + i % 5000},{600000 + i}" for i in range(rows)
    ]
    return ("\n".join(lines) + "\n").encode()


def _post(base: str, data: bytes, client: str):
    boundary = "----flood"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="c.csv"\r\n'
            "Content-Type: text/csv\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}", "X-Forwarded-For": client}
    request = urllib.request.Request(
        base + "/api/v1/precheck?lang=en", data=body, method="POST", headers=headers
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def _processes(job_dir: str):
    out = []
    for p in psutil.process_iter():
        try:
            if p.environ().get("JOB_DIR") == job_dir:
                out.append(p)
        except psutil.Error:
            pass
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=25)
    parser.add_argument("--lists", type=int, default=2)
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args()
    job_dir = tempfile.mkdtemp(prefix="bench-flood-")
    env = {
        **os.environ,
        "PORT": str(free_port()),
        "REDIS_URL": "",
        "JOB_DIR": job_dir,
        "TRUSTED_PROXIES": "1",
        "WEB_WORKERS": "2",
        "JOB_SLOTS": "1",
        "PRECHECK_SYNC_ROWS": "50",
        "RATELIMIT_JOBS": "100000/minute",
    }
    proc, base = start([str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "app:server"], env, cwd=args.root)
    try:
        time.sleep(2)  # the workers' upload helpers are up
        idle = len(_processes(job_dir))
        peak = {"procs": 0, "mb": 0}
        stop = threading.Event()

        def watch():
            while not stop.is_set():
                procs, rss = _processes(job_dir), 0
                for p in procs:
                    try:
                        rss += p.memory_info().rss
                    except psutil.Error:
                        pass
                peak["procs"] = max(peak["procs"], len(procs) - idle)
                peak["mb"] = max(peak["mb"], rss // 2**20)
                stop.wait(0.05)

        statuses: Counter = Counter()
        urls: list[str] = []
        data = _csv(args.rows)

        def client(n: int):
            for _ in range(args.lists):
                status, body = _post(base, data, f"198.51.{n // 250}.{n % 250 + 1}")
                statuses[(status, (body.get("errors") or [{}])[0].get("code"))] += 1
                if status == 202:
                    urls.append(body["status_url"])

        watcher = threading.Thread(target=watch)
        watcher.start()
        started = time.perf_counter()
        threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        outcomes: Counter = Counter()
        for url in urls:
            while True:
                with urllib.request.urlopen(base + url, timeout=30) as r:
                    if r.status != 202:
                        outcomes[json.loads(r.read()).get("state", "done")] += 1
                        break
                time.sleep(0.5)
        took = time.perf_counter() - started
        stop.set()
        watcher.join()
        print(f"server at {args.root}: {idle} processes idle")
        print(f"answers to {args.clients} clients x {args.lists} lists: {dict(statuses)}")
        print(f"accepted lists' outcomes: {dict(outcomes)}; all answered in {took:.1f} s")
        print(f"peak extra processes: {peak['procs']}; peak resident memory of all: {peak['mb']} MB")
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(30)


if __name__ == "__main__":
    main()
