"""The production front proxy (deploy/nginx/) in front of gunicorn, with Debian's nginx: the
repository's own configuration files, started as they are.

One address holding 3,000 slow connections (headers trickled, each re-opened as nginx closes it)
took the bare gunicorn down (its cap is workers × WEB_CONNECTIONS); behind nginx, visitors from
other addresses get every page within a second. The proxy passes the client's address and
scheme, so the app's per-client limits and HSTS follow the real client.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time

import pytest

from tests.servers import LOG_DIR, ROOT, _free_port, _gunicorn, _spawn, _stop, _wait_http, request

pytestmark = pytest.mark.services

DEPLOY = ROOT / "deploy" / "nginx"
SLOW = 3000


def nginx_conf(tmp, listen_port: int, app_port: int) -> str:
    """The site's http- and server-level files as production includes them, with a loopback
    listener and the test's gunicorn as the upstream (no TLS: no certificate is kept here)."""
    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp / name).mkdir(exist_ok=True)
    return f"""
user root;
worker_processes 1;
worker_rlimit_nofile 20000;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 10000; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {DEPLOY}/zzgjj-http.conf;
    upstream zzgjj_app {{ server 127.0.0.1:{app_port}; keepalive 16; }}
    server {{
        listen 127.0.0.1:{listen_port};
        include {DEPLOY}/zzgjj-proxy.conf;
    }}
}}
"""


def start_nginx(tmp, app_port: int):
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not shutil.which(binary):
        pytest.fail("nginx is required (./test.sh installs Debian's nginx)")
    port = _free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(nginx_conf(tmp, port, app_port), encoding="utf-8")
    check = subprocess.run([binary, "-t", "-c", str(conf), "-p", str(tmp)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    proc = _spawn("nginx", [binary, "-c", str(conf), "-p", str(tmp), "-g", "daemon off;"], {})
    base = f"http://127.0.0.1:{port}"
    _wait_http(base + "/api/v1/policy", proc)
    return proc, base


class SlowClients:
    """``count`` connections from one address (127.0.0.2), each sending a header line now and
    then and never finishing; one the server closes is opened again at once."""

    def __init__(self, base: str, count: int):
        self.host, port = base.rsplit("/", 1)[1].split(":")
        self.port, self.count = int(port), count
        self.socks: list[socket.socket] = []
        self.reopened = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _open(self) -> socket.socket | None:
        try:
            s = socket.create_connection((self.host, self.port), timeout=3, source_address=("127.0.0.2", 0))
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
            return s
        except OSError:
            return None

    def __enter__(self):
        self.socks = [s for s in (self._open() for _ in range(self.count)) if s]
        self.thread.start()
        return self

    def _run(self):
        while not self.stop.wait(2):
            for i, s in enumerate(self.socks):
                try:
                    s.sendall(b"X-Slow: 1\r\n")
                except OSError:
                    s.close()
                    fresh = self._open()
                    if fresh is not None:
                        self.socks[i] = fresh
                        self.reopened += 1

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(10)
        for s in self.socks:
            s.close()


def probe(base: str, paths, timeout: float = 1.0) -> list[tuple[str, int | str]]:
    """Each page fetched with a one-second budget: (path, status or the error)."""
    out = []
    for path in paths:
        try:
            status, _, _ = request("GET", base + path, timeout=timeout)
            out.append((path, status))
        except OSError as exc:
            out.append((path, type(exc).__name__))
    return out


PAGES = ("/", "/api/v1/policy", "/calculators/repayment?principal=60", "/vendor/icons.css")


def test_behind_nginx_one_address_with_3000_slow_connections_takes_nothing_down(tmp_path):
    env = {
        "REDIS_URL": "",
        "JOB_DIR": str(tmp_path / "jobs"),
        "TRUSTED_PROXIES": "1",
        "RATELIMIT_ENABLED": "1",
    }
    app, app_base = _gunicorn("behind-nginx", env, workers=2)
    proxy = None
    try:
        proxy, base = start_nginx(tmp_path, int(app_base.rsplit(":", 1)[1]))
        with SlowClients(base, SLOW) as slow:
            assert len(slow.socks) == SLOW
            seen = []
            deadline = time.monotonic() + 16  # past nginx's 10 s header timeout: re-opened ones too
            while time.monotonic() < deadline:
                seen += probe(base, PAGES)
                time.sleep(0.5)
            assert slow.reopened > 0  # nginx closed slow headers and they came back
        assert seen and all(status == 200 for _, status in seen), [s for s in seen if s[1] != 200][:5]
        # The client's address and scheme reach the app through the proxy.
        status, headers, _ = request("GET", base + "/", headers={"X-Forwarded-Proto": "https"})
        assert status == 200 and "Strict-Transport-Security" not in headers  # nginx says http here
        assert headers.get("Server", "nginx") == "nginx"  # no version (server_tokens off)
    finally:
        _stop(proxy)
        _stop(app)
        (LOG_DIR / "nginx-error.log").write_bytes(
            (tmp_path / "error.log").read_bytes() if (tmp_path / "error.log").exists() else b""
        )
