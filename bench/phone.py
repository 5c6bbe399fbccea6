"""How soon a phone shows the answer, and is live, against bare Dash baselines in the same run.

    .venv/bin/python bench/phone.py [--runs 5] [--pages repayment,quota,...] [--root CHECKOUT]
                                    [--before OLDER_CHECKOUT]

A mid-range phone on a mobile network, through Chromium's DevTools protocol: CPU 4x slower,
9 Mbit/s down, 1.5 Mbit/s up, 150 ms round trip, cache off, 390 x 844. For each page, the median
of ``--runs`` loads of, in ms from navigation start (a script installed before the page's own
scripts watches every frame):

- first: the answer (or headline) is on screen, from the server's HTML or the app (in the DOM
  and laid out, checked when the document changes rather than forcing a layout every frame, and
  not before the first contentful paint);
- live: the answer on screen is the app's (React's) element (for the link's inputs, or for the
  typed value when the app starts from the form as typed);
- typed: a new value, typed into the field the moment the field is visible, is answered on
  screen (the value goes in as a person's typing would: an input event on the visible field);
- and the compressed bytes the page transferred.

Once per page, without throttling: the first screen without JavaScript against the live page,
the share of pixels that differ (390 x 844). The site and two bare Dash apps (text only; text and
a dcc.Graph) are served by gunicorn in the same run, so the ratios compare like with like.
Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from servers import free_port, start  # noqa: E402

GUNICORN = [sys.executable, "-m", "gunicorn", "--no-control-socket"]
REPAYMENT = "/calculators/repayment?principal=600000&annual_rate=3.1&months=360"
QUOTA = (
    "/calculators/quota?age=30&contribution_months=24&account_balance=50000&monthly_income=12000"
    "&house_price=1000000"
)


def field(form: str, name: str) -> str:
    return f'[id=\'{{"form":"{form}","name":"{name}","type":"field"}}\']'


# name -> (server, path, answer (CSS; first match: the server's copy, else the app's), text the
# answer must hold ("" = any), field to type into or None, the value typed, the link whose answer
# the typed value must bring (read from that link's server HTML) or the text itself)
PAGES = {
    "bare text": ("text", "/", "#y", "answer", "#x", "700000", "answer 700000"),
    "bare text+graph": ("graph", "/", "#y", "answer", "#x", "700000", "answer 700000"),
    "repayment": (
        "site",
        REPAYMENT,
        "#repayment-bar-payment, #repayment-payment, #repayment-ssr-payment",
        "2,562.10",
        field("repayment", "principal"),
        "70",
        REPAYMENT.replace("600000", "700000"),
    ),
    "quota": (
        "site",
        QUOTA,
        "#quota-bar-value, #quota-amount, #quota-ssr-amount",
        "万元",
        field("quota", "monthly_income"),
        "6000",
        QUOTA.replace("12000", "6000"),
    ),
    # The same pages, read without typing: the app starts from the page as served.
    "repayment read": (
        "site",
        REPAYMENT,
        "#repayment-bar-payment, #repayment-payment",
        "2,562.10",
        None,
        "",
        "",
    ),
    "quota read": ("site", QUOTA, "#quota-bar-value, #quota-amount", "万元", None, "", ""),
    "eligibility": (
        "site",
        "/calculators/eligibility?age=30&contribution_months=24&monthly_income=12000",
        "#eligibility-bar-value, #eligibility-verdict",
        "",
        None,
        "",
        "",
    ),
    "home": ("site", "/", ".headline-value", "", None, "", ""),
    "statistics": ("site", "/statistics", ".headline-value", "", None, "", ""),
    "branches": ("site", "/branches", ".branch-card", "", None, "", ""),
}

WATCH = """
window.__t = {first: null, live: null, typedAt: null, typed: null};
(function () {
  const [answerCss, must, fieldCss, value, expected] = %s;
  // Checked when the document changes, cheap tests first: forcing a layout on every frame would
  // slow the page it measures (most on a big page, least on a bare one).
  function holds(el, text) { return el && el.textContent.trim() && el.textContent.includes(text); }
  function visible(el) {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden";
  }
  function type(input) {
    const proto = Object.getPrototypeOf(input);
    Object.getOwnPropertyDescriptor(proto, "value").set.call(input, value);
    input.dispatchEvent(new Event("input", {bubbles: true}));
  }
  function check() {
    const now = performance.now(), t = window.__t;
    if (t.first === null) {
      const el = document.querySelector(answerCss);
      if (holds(el, must) && visible(el)) { t.first = now; }
    }
    const root = document.getElementById("react-entry-point");
    const live = root && !document.getElementById("ssr-page") ? root.querySelector(answerCss) : null;
    // The app may start from the form as typed (its first answer is then the typed value's).
    const answered = holds(live, must) || (t.typedAt !== null && holds(live, expected));
    if (t.live === null && answered && visible(live)) { t.live = now; }
    if (fieldCss && t.typedAt === null) {
      const input = document.querySelector(fieldCss);
      if (input && visible(input)) { type(input); t.typedAt = now; }
    }
    if (fieldCss && t.typed === null && t.typedAt !== null && holds(live, expected) && visible(live)) {
      t.typed = now;
    }
  }
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["class"],
  });
})();
"""


def serve(kind: str, root: Path = ROOT):
    port = free_port()
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1", "RATELIMIT_ENABLED": "0"}
    kind = "site" if kind == "before" else kind
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


def load_once(drv, url: str, spec: tuple, expected: str, timeout: float = 60) -> tuple[dict, int]:
    """({first, live, typed} ms from navigation start, compressed bytes transferred)."""
    _kind, _path, css, must, field_css, value, _link = spec
    drv.get("about:blank")
    drv.get_log("performance")
    script = drv.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument",
        {"source": WATCH % json.dumps([css, must, field_css, value, expected])},
    )
    try:
        drv.get(url)
        end = time.time() + timeout
        seen = None
        while time.time() < end:
            try:
                seen = drv.execute_script("return window.__t")
            except Exception:  # noqa: BLE001 - the document is still being replaced
                seen = None
            if seen and seen["live"] is not None and (not field_css or seen["typed"] is not None):
                break
            time.sleep(0.05)
        if not seen or seen["live"] is None or (field_css and seen["typed"] is None):
            state = drv.execute_script(
                "return [document.readyState, location.href, window.__t, "
                "(document.body ? document.body.innerText : '').slice(0, 120)]"
            )
            raise RuntimeError(f"not live or not answered {css!r} at {url}: {state}")
        # Nothing is on screen before the first paint, however early the element is in the DOM.
        paint = drv.execute_script(
            "var p = performance.getEntriesByName('first-contentful-paint')[0]; return p ? p.startTime : 0"
        )
        seen["first"] = max(seen["first"] or seen["live"], paint)
        time.sleep(1.5)  # let late requests (charts) finish before counting bytes
        sizes = {}
        for entry in drv.get_log("performance"):
            m = json.loads(entry["message"])["message"]
            if m["method"] == "Network.loadingFinished":
                sizes[m["params"]["requestId"]] = m["params"]["encodedDataLength"]
        return seen, sum(sizes.values())
    finally:
        drv.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]})


def load_with_retry(drv, url, spec, expected):
    """One more try when a load stalls (a headless Chromium hiccup on a busy machine)."""
    try:
        return load_once(drv, url, spec, expected)
    except RuntimeError as exc:
        print(f"retrying after: {exc}", file=sys.stderr)
        return load_once(drv, url, spec, expected)


def expected_answer(base: str, spec: tuple) -> str:
    """What the typed value must bring: the answer in the server's HTML of that link."""
    link = spec[6]
    if not spec[4] or not link.startswith("/"):
        return link
    page = urllib.request.urlopen(base + link).read().decode()
    for answer_id in (c.strip().lstrip("#") for c in spec[2].split(",")):
        match = re.search(rf'id="{answer_id}"[^>]*>(.*?)</(?:p|strong|span|div)>', page, re.S)
        amount = match and re.search(r"[\d,.]+ ?万?元", re.sub(r"<[^>]+>", "", match.group(1)))
        if amount:  # the amount itself: older versions of the site worded the line around it
            return amount.group(0)
    raise RuntimeError(f"no answer {spec[2]} in the HTML of {link}")


PIXELS = """
const [a, b] = arguments; const done = arguments[arguments.length - 1];
function load(src) {
  return new Promise(r => { const i = new Image(); i.onload = () => r(i); i.src = "data:image/png;base64," + src; });
}
Promise.all([load(a), load(b)]).then(([x, y]) => {
  const w = Math.min(x.width, y.width), h = Math.min(x.height, y.height);
  const c = document.createElement("canvas"); c.width = w; c.height = h; const g = c.getContext("2d");
  g.drawImage(x, 0, 0); const p = g.getImageData(0, 0, w, h).data;
  g.clearRect(0, 0, w, h); g.drawImage(y, 0, 0); const q = g.getImageData(0, 0, w, h).data;
  let n = 0;
  for (let i = 0; i < p.length; i += 4) {
    if (Math.abs(p[i] - q[i]) + Math.abs(p[i + 1] - q[i + 1]) + Math.abs(p[i + 2] - q[i + 2]) > 48) { n++; }
  }
  done(n / (w * h));
});
"""


def pixel_difference(drv, url: str) -> float:
    """Share of the first screen's pixels (390 x 844) that differ between the page without
    JavaScript and the live page (a channel difference over 48 of 765 counts)."""
    drv.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": 1})
    drv.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    drv.get(url)
    time.sleep(1.5)
    without = drv.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})["data"]
    drv.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    drv.get(url)
    end = time.time() + 30
    while time.time() < end and drv.execute_script(
        "return !!document.getElementById('ssr-page') || !!document.querySelector('[data-dash-is-loading]')"
    ):
        time.sleep(0.1)
    time.sleep(2.5)  # charts drawn
    drv.execute_script("window.scrollTo(0, 0)")
    live = drv.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})["data"]
    drv.get("about:blank")
    share = drv.execute_async_script(PIXELS, without, live)
    drv.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": 4})
    return share


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument(
        "--before",
        type=Path,
        help="also serve this checkout (e.g. a git worktree of an older commit) and measure each page "
        "on both, interleaved in the same run",
    )
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
        if args.before:  # each page, then the same page served by the older checkout
            for name in [p for p in chosen if PAGES[p][0] == "site"]:
                PAGES[name + " (before)"] = ("before", *PAGES[name][1:])
                chosen.insert(chosen.index(name) + 1, name + " (before)")
        for kind in {PAGES[p][0] for p in chosen} | {"text", "graph"}:
            servers[kind] = serve(kind, (args.before if kind == "before" else args.root).resolve())
        order = ["bare text", "bare text+graph"] + [p for p in chosen if not p.startswith("bare")]
        expected = {n: expected_answer(servers[PAGES[n][0]][1], PAGES[n]) for n in order}
        drv = browser()
        results, pixels = {}, {}
        try:
            for run in range(args.runs + 1):  # interleaved, so a busy moment hits every page alike
                for name in order:
                    spec = PAGES[name]
                    times, size = load_with_retry(drv, servers[spec[0]][1] + spec[1], spec, expected[name])
                    if run:  # the first round warms every server's caches and is not counted
                        results.setdefault(name, []).append((times, size))
            for name in order:
                if not name.startswith("bare"):
                    spec = PAGES[name]
                    pixels[name] = pixel_difference(drv, servers[spec[0]][1] + spec[1])
        finally:
            drv.quit()
    finally:
        for proc, _ in servers.values():
            proc.terminate()
            proc.wait(10)
    report(results, pixels, args.runs)


def report(results: dict, pixels: dict, runs: int) -> None:
    def median(name, key):
        values = [t[key] for t, _ in results[name] if t[key] is not None]
        return statistics.median(values) if values else None

    base = {k: median("bare text", k) for k in ("first", "live", "typed")}
    graph_live = median("bare text+graph", "live")
    print(f"Phone profile: CPU 4x, 9/1.5 Mbit/s, 150 ms RTT, cache off, 390x844; median of {runs}")
    print(
        f"{'page':<25}{'first ms':>9}{'x text':>8}{'live ms':>9}{'x text':>8}{'x graph':>8}"
        f"{'typed ms':>10}{'x text':>8}{'KB':>6}{'px diff':>9}"
    )
    for name in results:
        first, live, typed = (median(name, k) for k in ("first", "live", "typed"))
        kb = statistics.median(size for _, size in results[name]) / 1024
        typed_text = f"{typed:>10.0f}{typed / base['typed']:>8.2f}" if typed else f"{'-':>10}{'-':>8}"
        pixel = f"{pixels[name] * 100:>8.2f}%" if name in pixels else f"{'-':>9}"
        print(
            f"{name:<25}{first:>9.0f}{first / base['first']:>8.2f}{live:>9.0f}{live / base['live']:>8.2f}"
            f"{live / graph_live:>8.2f}{typed_text}{kb:>6.0f}{pixel}"
        )


if __name__ == "__main__":
    main()
