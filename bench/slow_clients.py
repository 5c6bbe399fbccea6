"""Slow clients at scale: one address holding N slow connections, against gunicorn alone and
behind the repository's nginx configuration (deploy/nginx/), in the same run.

    .venv/bin/python bench/slow_clients.py [--connections 3000] [--seconds 16]

For each setup: how many of the page probes (from another address, one-second budget each) were
answered, and their slowest time. Needs Debian's nginx (./test.sh installs it).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.servers import _gunicorn, _stop, request  # noqa: E402
from tests.test_front_proxy import PAGES, SlowClients, start_nginx  # noqa: E402


def _run(base: str, connections: int, seconds: float) -> str:
    times, failed = [], 0
    with SlowClients(base, connections) as slow:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            for path in PAGES:
                started = time.monotonic()
                try:
                    ok = request("GET", base + path, timeout=1)[0] == 200
                except OSError:
                    ok = False
                failed += not ok
                times.append(time.monotonic() - started)
            time.sleep(0.5)
        held = len(slow.socks)
    return f"{held} slow connections held; probes {len(times) - failed}/{len(times)} answered, slowest {max(times) * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--connections", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=16)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-slow-"))
    os.environ.setdefault("SITE_TODAY", "2026-11-27")
    env = {"REDIS_URL": "", "JOB_DIR": str(tmp / "jobs"), "TRUSTED_PROXIES": "1"}
    app, app_base = _gunicorn("bench-slow", env, workers=2)
    try:
        print(f"gunicorn alone (2 workers): {_run(app_base, args.connections, args.seconds)}")
    finally:
        _stop(app)
    app, app_base = _gunicorn("bench-slow", env, workers=2)
    proxy = None
    try:
        proxy, base = start_nginx(tmp, int(app_base.rsplit(":", 1)[1]))
        print(f"behind nginx:               {_run(base, args.connections, args.seconds)}")
    finally:
        _stop(proxy)
        _stop(app)


if __name__ == "__main__":
    main()
