"""Start a server for a benchmark on a free loopback port and wait until it answers."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(
    cmd: list[str],
    env: dict,
    ready: tuple[str, ...] = ("/",),
    cwd: Path = ROOT,
    tries: int = 300,
    log: Path | None = None,
) -> tuple[subprocess.Popen, str]:
    """Run ``cmd`` (its PORT in ``env``) until every path in ``ready`` answers; (process, base URL).
    Its output goes to ``log`` when given."""
    out = open(log, "ab") if log else subprocess.DEVNULL
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
    )
    base = f"http://127.0.0.1:{env['PORT']}"
    for _ in range(tries):
        try:
            for path in ready:
                urllib.request.urlopen(base + path, timeout=1).read()
            return proc, base
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"{' '.join(cmd)} did not start")
