"""Share images: what a picture of an answer costs the server, against the same link's page and
API answer in the same run (gunicorn as ./run.sh starts it, one client at a time on loopback).

    .venv/bin/python bench/share.py [--requests 40]

Prints p50/p95 in ms and the bytes sent for each. Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "bench"))
from servers import free_port, start  # noqa: E402

QUERY = (
    "age=30&contribution_months=24&account_balance=50000&monthly_income=12000&house_price=1000000"
    "&floor_area=141&date=2026-11-27"
)
LOAN = "principal=600000&months=360&date=2026-11-27&what_if=-25"


def timed(base: str, path: str, body: dict | None = None) -> tuple[float, int]:
    data = None if body is None else json.dumps(body).encode()
    headers = {"Accept-Encoding": "gzip, br", **({"Content-Type": "application/json"} if data else {})}
    request = urllib.request.Request(base + path, data=data, headers=headers)
    start_at = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        sent = len(response.read())
    return (time.perf_counter() - start_at) * 1000, sent


def measure(base: str, label: str, path: str, n: int, body: dict | None = None, fresh=False) -> None:
    """``fresh``: a different link each time (``&r=<i>``), so no cache answers it."""
    timed(base, path, body)  # warm
    runs = [timed(base, f"{path}&r={i}" if fresh else path, body) for i in range(n)]
    times = sorted(t for t, _ in runs)
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(f"{label:<54} p50 {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   {runs[0][1]:>8,} B")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=40)
    n = parser.parse_args().requests
    env = {**os.environ, "PORT": str(free_port()), "RATELIMIT_ENABLED": "0", "SITE_TODAY": "2026-11-27"}
    proc, base = start(
        [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "--no-control-socket", "app:server"],
        env,
        ready=("/api/v1/policy",),
    )
    try:
        applicant = dict(part.split("=") for part in QUERY.split("&"))
        measure(base, "quota: POST /api/v1/quota (baseline)", "/api/v1/quota", n, applicant)
        measure(
            base,
            "quota: the page, a new link each time (baseline)",
            f"/calculators/quota?{QUERY}",
            n,
            fresh=True,
        )
        measure(
            base, "quota: /share/quota.png, a new link each time", f"/share/quota.png?{QUERY}", n, fresh=True
        )
        measure(base, "quota: /share/quota.png, the same link again", f"/share/quota.png?{QUERY}", n)
        loan = dict(part.split("=") for part in LOAN.split("&"))
        measure(
            base, "repayment: POST /api/v1/repayment (baseline)", "/api/v1/repayment?schedule=false", n, loan
        )
        measure(
            base,
            "repayment: the page, a new link each time (baseline)",
            f"/calculators/repayment?{LOAN}",
            n,
            fresh=True,
        )
        measure(
            base,
            "repayment: /share/repayment.png, a new link each time",
            f"/share/repayment.png?{LOAN}",
            n,
            fresh=True,
        )
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)


if __name__ == "__main__":
    main()
