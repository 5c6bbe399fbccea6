"""Several gunicorn workers (and two web servers sharing Redis and a Celery worker) serve one site:
every sub-resource of every load is there, and generated assets are the same bytes in every worker
and after a restart."""

from __future__ import annotations

import hashlib
import json
import re
import time

import pytest

from tests.conftest import Browser
from tests.servers import LOG_DIR, _gunicorn, _stop, request

PAGES = (
    "/",
    "/calculators/repayment",
    "/calculators/quota",
    "/calculators/eligibility",
    "/precheck",
    "/policy",
    "/statistics",
    "/history",
    "/branches",
    "/about",
)


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
    return {
        "icons.css": digest(css),
        "font": digest(font_bytes),
        "page": digest(page),
        "csp": headers.get("Content-Security-Policy", ""),
        "deps": digest(deps),
    }


def _load_statuses(page: Browser, path: str) -> list[tuple[int, str]]:
    """Open ``path`` with the cache off; every response and failed load it made."""
    page.d.get_log("performance")
    page.d.get(page.base + path)
    page.wait_live()
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
            "return getComputedStyle(document.querySelector('.bi'), '::before').fontFamily"
        )
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
    env = {
        "REDIS_URL": "",
        "JOB_DIR": str(tmp_path),
        "RATELIMIT_ENABLED": "0",
        "PUBLIC_URL": "https://gjj.example.cn",
    }  # else the canonical URL names each run's port
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
