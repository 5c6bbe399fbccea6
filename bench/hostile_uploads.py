"""Hostile uploads against a gunicorn server: time to answer each, and page latency meanwhile.

    .venv/bin/python bench/hostile_uploads.py [--root DIR] [--timeout 60] [--probe-seconds 5]

The corpus is tests/hostile.py's CORPUS (built by code: styles bomb, millions of empty styled
cells, huge shared strings, deep nesting, ZIP bomb, many members, UTF-16/GBK text, a title row).
The server runs as ./run.sh starts it (gunicorn.conf.py: gevent workers), rate limits off. First
page requests alone (the baseline), then each file is posted to ``POST /api/v1/precheck`` while
another thread keeps requesting a page; prints the answer time and the page latency during it.
``--root`` serves another checkout (say, an export of main before this work) with this venv.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from servers import free_port, start  # noqa: E402

PAGE = "/calculators/quota"


def serve(root: Path, job_dir: str):
    env = {
        **os.environ,
        "PORT": str(free_port()),
        "HOST": "127.0.0.1",
        "REDIS_URL": "",
        "JOB_DIR": job_dir,
        "RATELIMIT_ENABLED": "0",
        "WEB_TIMEOUT": "300",
        "PYTHONPATH": "",
    }
    return start(
        [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "--no-control-socket", "app:server"],
        env,
        ready=("/api/v1/policy",),
        cwd=root,
    )


def get(url: str) -> float:
    began = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
    return (time.perf_counter() - began) * 1000


def post_file(url: str, name: str, data: bytes, timeout: float):
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}
    )
    began = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read().decode("utf-8", "replace")
            status = response.status
    except urllib.error.HTTPError as exc:
        text, status = exc.read().decode("utf-8", "replace"), exc.code
    except OSError:
        return time.perf_counter() - began, None, "no answer"
    code = ""
    if status == 200 and '"summary"' in text:
        code = text.split('"summary":', 1)[1].split("}", 1)[0] + "}"
    elif '"code":"' in text:
        code = text.split('"code":"', 1)[1].split('"', 1)[0]
    return time.perf_counter() - began, status, code


class Prober(threading.Thread):
    """Requests the page again and again (100 ms apart) until stopped; keeps the latencies."""

    def __init__(self, base: str):
        super().__init__(daemon=True)
        self.base = base
        self.times: list[float] = []
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            try:
                self.times.append(get(self.base + PAGE))
            except OSError:
                self.times.append(float("inf"))
            self.stop.wait(0.1)


def summary(times: list[float]) -> str:
    if not times:
        return "no page request finished"
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"{len(times):>4} pages  p50 {statistics.median(ordered):7.1f} ms  p95 {p95:7.1f} ms  max {ordered[-1]:8.1f} ms"


def main():
    from tests import hostile

    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout to serve (default: this one)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds to wait for one answer")
    parser.add_argument("--probe-seconds", type=float, default=5)
    parser.add_argument("--only", nargs="*", help="corpus names to run")
    args = parser.parse_args()
    corpus = {
        name: (maker(), filename)
        for name, (maker, filename) in hostile.CORPUS.items()
        if not args.only or name in args.only
    }
    with tempfile.TemporaryDirectory() as job_dir:
        proc, base = serve(args.root.resolve(), job_dir)
        try:
            warm_maker = hostile.CORPUS["title_row"][0]
            for _ in range(6):  # every worker has served a page and read a workbook (imports done)
                get(base + PAGE)
                post_file(base + "/api/v1/precheck", "warm.xlsx", warm_maker(), args.timeout)
            alone = Prober(base)
            alone.start()
            time.sleep(args.probe_seconds)
            alone.stop.set()
            alone.join()
            print(f"served from {args.root.resolve()} (gunicorn, rate limits off)")
            print(f"{'pages, no uploads':<28}{'':>34}{summary(alone.times)}")
            for name, (data, filename) in corpus.items():
                prober = Prober(base)
                prober.start()
                seconds, status, code = post_file(base + "/api/v1/precheck", filename, data, args.timeout)
                prober.stop.set()
                prober.join()
                shown = f"{seconds:6.2f} s" if status else f">{args.timeout:.0f} s"
                print(
                    f"{name:<28}{len(data) / 1024:7.0f} KB {shown} {status or '-':>4} {code[:40]:<42}"
                    f"{summary(prober.times)}",
                    flush=True,
                )
        finally:
            proc.terminate()
            try:
                proc.wait(15)
            except Exception:  # noqa: BLE001 - a worker stuck in a request: make sure it goes
                proc.kill()


if __name__ == "__main__":
    main()
