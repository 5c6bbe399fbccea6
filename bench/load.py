"""Load benchmark: the site under ./run.sh's gunicorn, driven by locust headless on loopback.

    .venv/bin/python bench/load.py [--seconds 25]

Two runs of --seconds each (under 60 s in all): 50 visitors (pages, callbacks, API), then the
same 50 while 10 clients flood 20,000-row pre-checks. Prints p50/p95 and error counts per kind.
Each simulated user is its own client (one trusted proxy, its own X-Forwarded-For), so the
per-client upload and job limits apply to each flooder as to a real consultant; the API limit is
raised for the run. Ends with the page p99 under the flood against the p99 without it.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "bench"))
from servers import free_port, start  # noqa: E402


def serve(job_dir: str):
    env = {
        **os.environ,
        "PORT": str(free_port()),
        "HOST": "127.0.0.1",
        "REDIS_URL": "",
        "JOB_DIR": job_dir,
        "RATELIMIT_API": "100000/minute",
        "RATELIMIT_CALLBACKS": "100000/minute",  # simulated visitors click faster than people
        "TRUSTED_PROXIES": "1",
    }
    log = ROOT / ".artifacts" / "load-server.log"
    log.parent.mkdir(exist_ok=True)
    return start(
        [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "--no-control-socket", "app:server"],
        {**env, "ACCESS_LOG": "-"},
        ready=("/api/v1/policy",),
        log=log,
    )


def run(base: str, seconds: int, flood: bool, out: Path) -> list[dict]:
    users = 60 if flood else 50
    env = {**os.environ, "FLOOD": "1" if flood else "0"}
    subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "-u",
            str(users),
            "-r",
            "25",
            "-t",
            f"{seconds}s",
            "-H",
            base,
            "--csv",
            str(out),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        env=env,
        check=False,
        stdout=subprocess.DEVNULL,
    )
    with open(f"{out}_failures.csv", newline="") as f:
        for failure in csv.DictReader(f):
            print(
                f"  failed {failure['Occurrences']}x: {failure['Method']} {failure['Name']}: {failure['Error']}"
            )
    with open(f"{out}_stats.csv", newline="") as f:
        return list(csv.DictReader(f))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=25)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        proc, base = serve(tmp)
        p99, failed = {}, 0
        try:
            for flood in (False, True):
                rows = run(base, args.seconds, flood, Path(tmp) / ("flood" if flood else "mix"))
                p99[flood] = {r["Name"]: float(r["99%"]) for r in rows}
                print("\n" + ("with 10 clients flooding 20,000-row pre-checks" if flood else "50 users, mix"))
                print(f"{'name':<22}{'requests':>9}{'failures':>9}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}")
                failed += sum(int(r["Failure Count"]) for r in rows if r["Name"] != "Aggregated")
                for r in rows:
                    print(
                        f"{r['Name']:<22}{r['Request Count']:>9}{r['Failure Count']:>9}"
                        f"{r['50%']:>8}{r['95%']:>8}{r['99%']:>8}"
                    )
        finally:
            proc.terminate()
            proc.wait(15)
        for name in ("page", "callback quota"):
            if name in p99[False] and name in p99[True]:
                print(
                    f"\n{name}: p99 {p99[True][name]:.0f} ms under the flood, {p99[False][name]:.0f} ms without "
                    f"({p99[True][name] / max(p99[False][name], 1):.2f}x)"
                )
        if failed:  # a request the site refused measures nothing: say so, and fail
            print(
                f"\n{failed} requests failed: these figures do not measure the site (see the failures above)"
            )
            raise SystemExit(1)


if __name__ == "__main__":
    main()
