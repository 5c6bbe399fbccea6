"""Callback endpoint under attack: what a few scripts looping costly bodies do to visitors.

    .venv/bin/python bench/callbacks.py [--seconds 20] [--attackers 4] [--root DIR]

(``git worktree add /tmp/before <commit>`` and ``--root /tmp/before`` measure an older commit
with the same attack.)

The site as ./run.sh serves it (gunicorn, gevent, default limits, one trusted proxy so that each
attacker is its own client). In one run:
1. baseline: a probe loads the repayment page's callback (a real answer) for --seconds alone;
2. attack: the same probe while --attackers clients loop (a) the 4,000-scenario body that took a
   worker 8.7 s before the callbacks were bounded, (b) 64 KB+ bodies, (c) fuzzed values.
Prints the probe's p50/p95/max both ways, what the attackers got (status counts) and the slowest
answer any attacker got. A refusal costs milliseconds; the probe's p95 should barely move.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))
from servers import free_port, start  # noqa: E402

UPDATE = None  # the repayment update body, from the live /_dash-dependencies


def _post(port: int, body: bytes, client: str) -> tuple[int, float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    try:
        conn.request(
            "POST",
            "/_dash-update-component",
            body=body,
            headers={
                "Content-Type": "application/json",
                "X-Forwarded-For": client,
                "Accept-Encoding": "gzip",
            },
        )
        response = conn.getresponse()
        response.read()
        return response.status, time.perf_counter() - started
    except OSError:
        return 599, time.perf_counter() - started
    finally:
        conn.close()


def _update_body(port: int) -> dict:
    """A real repayment update request: every field of the form, as the renderer sends it."""
    from tests.test_callback_fuzz import _plain  # the same shape the tests fuzz

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/_dash-dependencies")
    callbacks = json.loads(conn.getresponse().read())
    update = next(
        c for c in callbacks if "repayment-summary" in c["output"] and c["output"].startswith("..{")
    )
    body = _plain(update)
    for item in body["inputs"][0]:
        item["value"] = {"principal": "60", "months": "360"}.get(item["id"]["name"])
    for item in body["inputs"][1:]:
        if item["id"] == "repayment-scenarios":
            item["value"] = []  # what the page's store holds with no scenario
    return body


def _attacks(body: dict) -> list[bytes]:
    heavy = json.loads(json.dumps(body))
    for item in heavy["inputs"]:
        if isinstance(item, dict) and item["id"] == "repayment-scenarios":
            item["value"] = [{"months": 240 + i % 120} for i in range(4000)]
    padded = {**body, "changedPropIds": ["x" * 200_000]}
    fuzzed = json.loads(json.dumps(body))
    fuzzed["inputs"][0][0]["value"] = ["9" * 900] * 500
    return [json.dumps(b).encode() for b in (heavy, padded, fuzzed)]


def _probe(port: int, body: bytes, seconds: float, out: list) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        status, took = _post(port, body, "10.9.9.9")
        out.append((status, took))
        time.sleep(0.2)  # a visitor, not a loop


def _attacker(port: int, bodies: list[bytes], seconds: float, me: str, got: Counter, slowest: list) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        status, took = _post(port, random.choice(bodies), me)
        got[status] += 1
        slowest.append(took)


def _summary(samples) -> str:
    times = sorted(t for _, t in samples)
    bad = sum(1 for s, _ in samples if s != 200)
    q = statistics.quantiles(times, n=20)
    return f"n={len(times)} p50={q[9] * 1000:.0f} ms p95={q[18] * 1000:.0f} ms max={times[-1] * 1000:.0f} ms non-200={bad}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--attackers", type=int, default=4)
    parser.add_argument(
        "--root", type=Path, default=ROOT, help="serve this checkout (e.g. a worktree of an older commit)"
    )
    args = parser.parse_args()
    port = free_port()
    env = {**os.environ, "PORT": str(port), "REDIS_URL": "", "TRUSTED_PROXIES": "1"}
    env["JOB_DIR"] = tempfile.mkdtemp(prefix="bench-callbacks-")
    env.setdefault("SITE_TODAY", "2026-11-27")
    proc, _ = start(
        [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "app:server"],
        env,
        ("/calculators/repayment",),
        cwd=args.root,
    )
    try:
        body = _update_body(port)
        probe_body = json.dumps(body).encode()
        status, _ = _post(port, probe_body, "10.9.9.9")
        assert status == 200, f"the probe's own request answered {status}"
        alone: list = []
        _probe(port, probe_body, args.seconds, alone)
        under: list = []
        got: Counter = Counter()
        slowest: list = []
        threads = [
            threading.Thread(
                target=_attacker, args=(port, _attacks(body), args.seconds, f"10.0.0.{i + 1}", got, slowest)
            )
            for i in range(args.attackers)
        ]
        threads.append(threading.Thread(target=_probe, args=(port, probe_body, args.seconds, under)))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        print(f"probe alone:        {_summary(alone)}")
        print(f"probe under attack: {_summary(under)}")
        print(
            f"attackers ({args.attackers}): {dict(sorted(got.items()))}; slowest answer {max(slowest) * 1000:.0f} ms"
        )
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(10)


if __name__ == "__main__":
    main()
