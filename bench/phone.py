"""How soon a phone shows the answer: navigation to headline text, against bare Dash baselines.

    .venv/bin/python bench/phone.py [--runs 5] [--pages repayment,quota,...]

A mid-range phone on a mobile network, through Chromium's DevTools protocol: CPU 4x slower,
9 Mbit/s down, 1.5 Mbit/s up, 150 ms round trip, cache off, 390 x 844. For each page the time
from navigation start until its headline text is on screen (a MutationObserver installed before
the page's own scripts records performance.now()), the median of ``--runs`` loads, and the
compressed bytes the page transferred. The site and two bare Dash apps (text only; text and a
dcc.Graph) are served by gunicorn in the same run, so the ratios compare like with like.
Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from servers import free_port, start  # noqa: E402

GUNICORN = [sys.executable, "-m", "gunicorn", "--no-control-socket"]

# name -> (server, path, CSS selector, text the element must contain ("" = any text))
PAGES = {
    "bare text": ("text", "/", "#y", "answer"),
    "bare text+graph": ("graph", "/", "#y", "answer"),
    # (a selector list: the first match in the page; the second is where older versions of the
    # site, measured with --root, showed the answer)
    "repayment": (
        "site",
        "/calculators/repayment?principal=600000&annual_rate=3.1&months=360",
        "#repayment-bar-payment, #repayment-payment",
        "2,562.10",
    ),
    "quota": (
        "site",
        "/calculators/quota?age=30&contribution_months=24&account_balance=50000"
        "&monthly_income=12000&house_price=1000000",
        "#quota-bar-value, #quota-amount",
        "万元",
    ),
    "eligibility": (
        "site",
        "/calculators/eligibility?age=30&contribution_months=24&monthly_income=12000",
        "#eligibility-bar-value, #eligibility-verdict",
        "",
    ),
    "home": ("site", "/", ".headline-value", ""),
    "statistics": ("site", "/statistics", ".headline-value", ""),
    "branches": ("site", "/branches", ".branch-card", ""),
}

WATCH = """
window.__headline = null;
(function () {
  const [css, text] = %s;
  function check() {
    if (window.__headline !== null) return;
    const el = document.querySelector(css);
    if (!el) return;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0 && el.textContent.trim() && el.textContent.includes(text)) {
      window.__headline = performance.now();
    }
  }
  new MutationObserver(check).observe(document, {subtree: true, childList: true, characterData: true});
})();
"""


def serve(kind: str, root: Path = ROOT):
    port = free_port()
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1", "RATELIMIT_ENABLED": "0"}
    if kind == "site" and (root / "gunicorn.conf.py").exists():
        cmd = GUNICORN + ["-c", "gunicorn.conf.py", "app:server"]
    elif kind == "site":  # an older checkout without its own settings: the same workers and threads
        cmd = GUNICORN + [
            "-w",
            "2",
            "-k",
            "gthread",
            "--threads",
            "8",
            "-b",
            f"127.0.0.1:{port}",
            "app:server",
        ]
    else:
        env["BARE"] = kind
        cmd = GUNICORN + [
            "-w",
            "2",
            "-k",
            "gthread",
            "--threads",
            "8",
            "-b",
            f"127.0.0.1:{port}",
            "--chdir",
            str(ROOT / "bench"),
            "bare_pages:server",
        ]
    return start(cmd, env, cwd=root if kind == "site" else ROOT)


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser")
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--window-size=390,844",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    options.page_load_strategy = "none"
    drv = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    drv.execute_cdp_cmd("Network.enable", {})
    drv.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    drv.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": 150,
            "downloadThroughput": 9_000_000 / 8,
            "uploadThroughput": 1_500_000 / 8,
        },
    )
    drv.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": 4})
    drv.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True},
    )
    return drv


def load_once(drv, url: str, css: str, text: str, timeout: float = 60) -> tuple[float, int]:
    """(ms from navigation start to the headline on screen, compressed bytes transferred)."""
    drv.get("about:blank")
    drv.get_log("performance")
    script = drv.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": WATCH % json.dumps([css, text])}
    )
    try:
        drv.get(url)
        end = time.time() + timeout
        seen = None
        while time.time() < end:
            try:
                seen = drv.execute_script("return window.__headline")
            except Exception:  # noqa: BLE001 - the document is still being replaced
                seen = None
            if seen is not None:
                break
            time.sleep(0.05)
        if seen is None:
            state = drv.execute_script(
                "return [document.readyState, location.href, "
                "(document.body ? document.body.innerText : '').slice(0, 120)]"
            )
            raise RuntimeError(f"no headline {css!r} at {url}: {state}")
        time.sleep(1.5)  # let late requests (charts) finish before counting bytes
        sizes = {}
        for entry in drv.get_log("performance"):
            m = json.loads(entry["message"])["message"]
            if m["method"] == "Network.loadingFinished":
                sizes[m["params"]["requestId"]] = m["params"]["encodedDataLength"]
        return float(seen), sum(sizes.values())
    finally:
        drv.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]})


def load_with_retry(drv, url, css, text):
    """One more try when a load stalls (a headless Chromium hiccup on a busy machine)."""
    try:
        return load_once(drv, url, css, text)
    except RuntimeError as exc:
        print(f"retrying after: {exc}", file=sys.stderr)
        return load_once(drv, url, css, text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument(
        "--root",
        type=Path,
        default=ROOT,
        help="serve the site from another checkout (e.g. a git worktree of an older commit)",
    )
    args = parser.parse_args()
    chosen = [p for p in args.pages.split(",") if p in PAGES]
    servers = {}
    try:
        for kind in {PAGES[p][0] for p in chosen} | {"text", "graph"}:
            servers[kind] = serve(kind, args.root.resolve())
        drv = browser()
        results = {}
        try:
            order = ["bare text", "bare text+graph"] + [p for p in chosen if not p.startswith("bare")]
            for run in range(args.runs + 1):  # interleaved, so a busy moment hits every page alike
                for name in order:
                    kind, path, css, text = PAGES[name]
                    ms, size = load_with_retry(drv, servers[kind][1] + path, css, text)
                    if run:  # the first round warms every server's caches and is not counted
                        results.setdefault(name, []).append((ms, size))
        finally:
            drv.quit()
    finally:
        for proc, _ in servers.values():
            proc.terminate()
            proc.wait(10)
    median = {n: statistics.median(ms for ms, _ in r) for n, r in results.items()}
    text_base, graph_base = median["bare text"], median["bare text+graph"]
    print(f"Phone profile: CPU 4x, 9/1.5 Mbit/s, 150 ms RTT, cache off, 390x844; median of {args.runs}")
    print(f"{'page':<18}{'headline ms':>12}{'x text-only':>13}{'x text+graph':>14}{'KB':>8}   runs (ms)")
    for name, runs in results.items():
        kb = statistics.median(size for _, size in runs) / 1024
        print(
            f"{name:<18}{median[name]:>12.0f}{median[name] / text_base:>13.2f}"
            f"{median[name] / graph_base:>14.2f}{kb:>8.0f}   {', '.join(f'{ms:.0f}' for ms, _ in runs)}"
        )


if __name__ == "__main__":
    main()
