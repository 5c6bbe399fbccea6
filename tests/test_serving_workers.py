"""The site as production runs it: several gunicorn workers (and two web servers sharing Redis and a
Celery worker) serve one site — every sub-resource of every load is there, generated assets are
the same bytes in every worker and after a restart — slow clients starve nothing, and behind a
proxy each client has its own rate limit."""
from __future__ import annotations

import hashlib
import json
import re
import socket
import threading
import time

import pytest

from tests.conftest import Browser
from tests.servers import LOG_DIR, _gunicorn, _stop, request

PAGES = ("/", "/calculators/repayment", "/calculators/quota", "/calculators/eligibility", "/precheck",
         "/policy", "/statistics", "/history", "/branches", "/about")


def _get(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    return request("GET", url, headers=headers, timeout=10)


def _generated(base: str) -> dict[str, str]:
    """Digests of what the server makes at start-up: the icon subset and its stylesheet, the
    page HTML (script and style URLs, CSP hashes) and Dash's dependency list."""
    _, _, css = _get(base + "/vendor/icons.css")
    font = re.search(rb'url\("(/vendor/icons/[^"]+)"', css).group(1).decode()
    status, _, font_bytes = _get(base + font)
    assert status == 200, font
    _, headers, page = _get(base + "/calculators/repayment")
    _, _, deps = _get(base + "/_dash-dependencies")
    digest = lambda b: hashlib.sha256(b).hexdigest()  # noqa: E731
    (LOG_DIR / f"page-{digest(page)[:8]}.html").write_bytes(page)  # to compare when a digest differs
    return {"icons.css": digest(css), "font": digest(font_bytes), "page": digest(page),
            "csp": headers.get("Content-Security-Policy", ""), "deps": digest(deps)}


def _load_statuses(page: Browser, path: str) -> list[tuple[int, str]]:
    """Open ``path`` with the cache off; every response and failed load it made."""
    page.d.get_log("performance")
    page.d.get(page.base + path)
    page.wait_for("#site-navbar nav")
    page.wait_idle()
    out = []
    for entry in page.d.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.responseReceived":
            response = message["params"]["response"]
            if response["url"].startswith(page.base):
                out.append((response["status"], response["url"]))
        elif message.get("method") == "Network.loadingFailed" and not message["params"].get("canceled"):
            out.append((0, message["params"].get("errorText", "")))
    return out


@pytest.mark.browser
def test_fresh_loads_find_every_sub_resource_on_every_worker(_driver, live_server):
    """100 fresh loads (cache off) against three workers: no stylesheet names a font, no page a
    bundle, that the worker answering the next request lacks."""
    page = Browser(_driver, live_server)
    page.d.set_window_size(390, 844)
    page.d.execute_cdp_cmd("Network.enable", {})
    page.d.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    try:
        bad, seen = [], 0
        for i in range(100):
            statuses = _load_statuses(page, PAGES[i % len(PAGES)])
            seen += len(statuses)
            bad += [s for s in statuses if s[0] not in (200, 204)]  # 204: a callback with nothing to update
        assert not bad, bad[:10]
        assert seen > 100 * 5  # the page, its scripts, styles, font and callbacks were all looked at
        icons = page.d.execute_script(
            "return getComputedStyle(document.querySelector('.bi'), '::before').fontFamily")
        assert "bootstrap-icons" in icons
    finally:
        page.d.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": False})


@pytest.mark.browser
def test_two_servers_sharing_redis_serve_one_site(_driver, scale_out):
    page = Browser(_driver, scale_out["a"])
    page.d.execute_cdp_cmd("Network.enable", {})
    page.d.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    try:
        for i in range(20):
            page.base = scale_out["a" if i % 2 else "b"]
            bad = [s for s in _load_statuses(page, PAGES[i % len(PAGES)]) if s[0] not in (200, 204)]
            assert not bad, bad
    finally:
        page.d.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": False})
    assert _generated(scale_out["a"]) == _generated(scale_out["b"])


@pytest.mark.services
def test_generated_assets_are_the_same_bytes_in_every_worker_and_after_a_restart(tmp_path):
    env = {"REDIS_URL": "", "JOB_DIR": str(tmp_path), "RATELIMIT_ENABLED": "0",
           "PUBLIC_URL": "https://gjj.example.cn"}  # else the canonical URL names each run's port
    proc, base = _gunicorn("assets-1", env, workers=3)
    try:
        first = [_generated(base) for _ in range(9)]  # the requests land on all three workers
    finally:
        _stop(proc)
    assert all(f == first[0] for f in first)
    time.sleep(1.1)  # a timestamp stamped at start-up would now differ
    proc, base = _gunicorn("assets-2", env, workers=3)
    try:
        assert _generated(base) == first[0]
    finally:
        _stop(proc)


@pytest.mark.services
def test_slow_clients_leave_the_site_answering(embedded):
    """Slowloris, bounded: 20 connections trickle header lines every 4 s for 16 s; a normal
    visitor meanwhile gets every answer in under a second."""
    host, port = embedded["base"].rsplit("/", 1)[1].split(":")
    slow = []
    for _ in range(20):
        s = socket.create_connection((host, int(port)), timeout=5)
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        slow.append(s)
    stop = threading.Event()

    def trickle():
        while not stop.wait(4):
            for s in slow:
                try:
                    s.sendall(b"X-Slow: 1\r\n")
                except OSError:
                    pass

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    try:
        time.sleep(6)  # past the point where every thread of a threaded worker is taken
        for path in ("/api/v1/policy", "/calculators/repayment?principal=600000", "/vendor/icons.css", "/"):
            started = time.monotonic()
            status, _, _ = _get(embedded["base"] + path)
            assert status == 200
            assert time.monotonic() - started < 1, path
            time.sleep(2)
    finally:
        stop.set()
        thread.join(5)
        for s in slow:
            s.close()


@pytest.mark.services
def test_behind_a_trusted_proxy_each_client_has_its_own_limit(tmp_path):
    env = {"REDIS_URL": "", "JOB_DIR": str(tmp_path), "RATELIMIT_ENABLED": "1", "RATELIMIT_API": "3/minute",
           "TRUSTED_PROXIES": "1"}
    proc, base = _gunicorn("proxied", env, workers=1)  # memory limits count per worker: one, exact
    url = base + "/api/v1/policy"
    try:
        first = [_get(url, {"X-Forwarded-For": "203.0.113.7"})[0] for _ in range(5)]
        assert first[:3] == [200] * 3 and first[3:] == [429, 429]
        for n in range(1, 20):  # 19 other clients arriving through the same proxy
            assert _get(url, {"X-Forwarded-For": f"198.51.100.{n}"})[0] == 200
        # Only the nearest proxy is believed: a client's own X-Forwarded-For entry changes nothing.
        assert _get(url, {"X-Forwarded-For": "1.2.3.4, 203.0.113.7"})[0] == 429
    finally:
        _stop(proc)
