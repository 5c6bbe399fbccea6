"""Real serving parts for tests: gunicorn as ./run.sh starts it, Debian's redis-server, a Celery
worker. Each runs in its own process group, logs to .artifacts/serving/, and is always stopped."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
LOG_DIR = ROOT / ".artifacts" / "serving"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, proc, seconds: float = 60):
    deadline = time.time() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"{url} did not come up (exit {proc.poll()})") from None
            time.sleep(0.2)


def _stop(proc, sig=signal.SIGTERM, wait: float = 15):
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        return
    try:
        proc.wait(wait)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)


# The markers of the test pytest is running (set by tests/conftest.py); None outside pytest (bench/).
RUNNING_MARKS: set[str] | None = None


def may_start(what: str, needs: str = "services"):
    """Refuse to start a process for a test not marked for it: `-m "not browser and not services"`
    promises a run that starts no server, no Redis, no Celery worker and no browser."""
    if RUNNING_MARKS is not None and not RUNNING_MARKS & {needs, "browser"}:
        pytest.fail(f"this test starts {what} but is not marked {needs} (see pytest.ini)", pytrace=False)


def _spawn(name: str, args: list[str], env: dict):
    may_start(f"{Path(args[0]).name} ({name})")
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log = open(LOG_DIR / f"{name}.log", "ab")
    return subprocess.Popen(
        args,
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # own process group: stop it and its children


class Redis:
    def __init__(self):
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc = None

    def start(self):
        binary = shutil.which("redis-server")
        if not binary:
            pytest.fail("redis-server is required (./test.sh installs Debian's redis-server)")
        self.proc = _spawn(
            "redis",
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--protected-mode",
                "yes",
            ],
            {},
        )
        import redis

        client = redis.Redis.from_url(self.url)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        _stop(self.proc)


def wait_until(condition, timeout: float, message: str, every: float = 0.1):
    """Until ``condition()`` is true, looking every ``every`` seconds; else fail with ``message``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(message)
        time.sleep(every)


class Worker:
    def __init__(self, env):
        self.env = env
        self.proc = None

    def start(self):
        """Start a worker and wait until it says it is ready to take tasks."""
        log = LOG_DIR / "celery.log"
        offset = log.stat().st_size if log.exists() else 0
        self.proc = _spawn(
            "celery",
            [
                str(VENV_BIN / "celery"),
                "-A",
                "app:celery_app",
                "worker",
                "--concurrency",
                "1",
                "--pool",
                "prefork",
                "--loglevel",
                "INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            self.env,
        )

        def ready() -> bool:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the Celery worker exited ({self.proc.poll()}): see {log}")
            with log.open("rb") as f:
                f.seek(offset)
                return b" ready." in f.read()

        wait_until(ready, 60, f"the Celery worker never said it was ready: see {log}")

    def kill(self):
        _stop(self.proc, signal.SIGKILL)


def _gunicorn(name: str, env: dict, workers: int = 1):
    """The server as ./run.sh starts it (gunicorn.conf.py), on a free port."""
    port = _free_port()
    proc = _spawn(
        name,
        [
            str(VENV_BIN / "gunicorn"),
            "-c",
            "gunicorn.conf.py",
            "--no-control-socket",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "app:server",
        ],
        {**env, "PORT": str(port)},
    )
    base = f"http://127.0.0.1:{port}"
    _wait_http(base + "/api/v1/policy", proc)
    return proc, base


def request(
    method: str, url: str, body: bytes | None = None, headers: dict | None = None, timeout: float = 15
):
    """One HTTP request to a live server: (status, headers, body), error statuses included."""
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()
