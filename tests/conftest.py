"""Shared fixtures: a real server in a subprocess and a real headless Chromium.

Like datasette's browser tests: start the app on a free port, poll until it answers, drive it
with Chromium, always tear down. A missing browser is a failure, never a skip.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from tests import servers
from tests.servers import Redis, Worker, _gunicorn, _stop

ROOT = Path(__file__).resolve().parent.parent
# The suite sends hundreds of requests from one address: no rate limits unless a test asks
# (tests/test_serving.py starts its own servers with small limits). Jobs use a private directory.
os.environ.setdefault("RATELIMIT_ENABLED", "0")
os.environ.setdefault("JOB_DIR", str(ROOT / ".cache" / "test-jobs"))
os.environ.setdefault("CACHE_DIR", str(ROOT / ".cache" / "test-pages"))
os.environ.setdefault("STRICT_ANSWERS", "1")  # an answer its model does not state fails the test
# Every answer that depends on "this month" (a loan's start, the policy in force, the payment due
# now) is given for this day, here and in every server the suite starts: the suite does not change
# with the calendar (the expected figures below are those of this day).
TODAY = os.environ.setdefault("SITE_TODAY", "2026-11-27")
SHOTS = ROOT / ".artifacts" / "screenshots"
STALL = 4  # JOB_STALL_SECONDS of the serving fixtures' servers: a silent job is lost after 4 s
sys.path.insert(0, str(ROOT))

from calculators import clock  # noqa: E402 - after sys.path

clock.fix(TODAY)


# Fixtures that start processes: gunicorn, redis-server, a Celery worker (services); Chromium (browser).
SERVICE_FIXTURES = {"live_server", "scale_out", "embedded"}
BROWSER_FIXTURES = {"_driver", "browser"}


def _marks(item) -> set[str]:
    return {mark.name for mark in item.iter_markers()}


@pytest.hookimpl(tryfirst=True)  # before -m deselects anything: every collected test is checked
def pytest_collection_modifyitems(config, items):
    """A test that starts a server or a browser must carry its marker, so that
    `-m "not browser and not services"` starts none: an unmarked one stops the run here."""
    wrong = []
    for item in items:
        names, marks = set(getattr(item, "fixturenames", ())), _marks(item)
        if names & BROWSER_FIXTURES and "browser" not in marks:
            wrong.append(f"{item.nodeid} uses {sorted(names & BROWSER_FIXTURES)} but is not marked browser")
        elif names & SERVICE_FIXTURES and not marks & {"services", "browser"}:
            wrong.append(f"{item.nodeid} uses {sorted(names & SERVICE_FIXTURES)} but is not marked services")
    if wrong:
        raise pytest.UsageError("\n".join(["Tests that start processes must say so by a marker:"] + wrong))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """What the collection check cannot see (a test calling tests/servers.py itself) is caught when
    the process would start: tests/servers.py refuses unless the running test is marked."""
    servers.RUNNING_MARKS = _marks(item)


def pytest_sessionfinish(session, exitstatus):
    """No test here is optional: a skip (say, a browser that could not start) fails the run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and reporter.stats.get("skipped") and exitstatus == 0:
        session.exitstatus = 1


@pytest.fixture(scope="session")
def live_server():
    """The site as ./run.sh serves it: gunicorn (gunicorn.conf.py), three workers, so every browser
    test also checks that whichever worker answers serves the same site."""
    env = {
        "HOST": "127.0.0.1",
        "DEBUG": "0",
        "RATELIMIT_ENABLED": os.environ["RATELIMIT_ENABLED"],
        "JOB_DIR": os.environ["JOB_DIR"],
        "REDIS_URL": "",
        "ACCESS_LOG": "-",
    }
    proc, base = _gunicorn("live", env, workers=3)
    try:
        yield base
    finally:
        _stop(proc)


@pytest.fixture(scope="session")
def scale_out(tmp_path_factory):
    """Redis + Celery worker + two gunicorn servers (ports A and B) sharing them."""
    redis_ = Redis()
    redis_.start()
    env = {
        "REDIS_URL": redis_.url,
        "JOB_STALL_SECONDS": str(STALL),
        "PRECHECK_SYNC_ROWS": "50",
        "RATELIMIT_ENABLED": "0",
        "DEBUG": "0",
        "PUBLIC_URL": "https://gjj.example.cn",
        "TRUSTED_PROXIES": "1",  # a test may speak for several clients (X-Forwarded-For)
    }
    worker = Worker(env)
    servers = []
    try:
        worker.start()
        servers = [_gunicorn("scale-a", env), _gunicorn("scale-b", env)]
        yield {"redis": redis_, "worker": worker, "a": servers[0][1], "b": servers[1][1], "env": env}
    finally:
        for proc, _ in servers:
            _stop(proc)
        worker.kill()
        redis_.stop()


@pytest.fixture(scope="session")
def embedded(tmp_path_factory):
    """The embedded default: gunicorn, two workers, diskcache jobs, small rate limits."""
    job_dir, cache_dir = tmp_path_factory.mktemp("jobs"), tmp_path_factory.mktemp("pages")
    env = {
        "REDIS_URL": "",
        "JOB_DIR": str(job_dir),
        "CACHE_DIR": str(cache_dir),
        "JOB_STALL_SECONDS": str(STALL),
        "PRECHECK_SYNC_ROWS": "50",
        "RATELIMIT_ENABLED": "1",
        "RATELIMIT_API": "20/minute",
        "RATELIMIT_UPLOAD": "4/minute",
        "PUBLIC_URL": "https://gjj.example.cn",
        "DEBUG": "0",
    }
    proc, base = _gunicorn("embedded", env, workers=2)
    try:
        yield {"base": base, "job_dir": job_dir, "cache_dir": cache_dir, "proc": proc, "env": env}
    finally:
        _stop(proc)


def _chromium_paths():
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not browser or not driver:
        pytest.fail("Chromium and chromedriver are required (./test.sh installs Debian's packages)")
    return browser, driver


@pytest.fixture(scope="session")
def _driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    servers.may_start("Chromium", needs="browser")
    browser, driver_path = _chromium_paths()
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--window-size=1280,900",
        "--lang=zh-CN",
        # Any host but this machine fails to resolve: nothing may load from outside.
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    SHOTS.mkdir(parents=True, exist_ok=True)
    drv = webdriver.Chrome(service=Service(driver_path), options=options)
    drv.set_page_load_timeout(30)
    yield drv
    drv.quit()


class Browser:
    """A thin helper over Selenium for what a person does: open, read, type, click, look."""

    def __init__(self, driver, base):
        self.d = driver
        self.base = base

    def open(self, path: str, width: int = 1280, height: int = 900):
        self.d.set_window_size(width, height)
        self.d.get_log("browser")
        self.d.get_log("performance")
        self.d.get(self.base + path)
        self.wait_live()
        self.wait_idle()

    def wait_live(self, timeout: float = 20):
        """Until the app has taken over from the server's HTML of the page (body.app-live): before
        that, the server's copy and the app's share ids, and the app's is hidden."""
        from selenium.webdriver.support.ui import WebDriverWait

        WebDriverWait(self.d, timeout).until(
            lambda d: d.execute_script(
                "return document.body && document.body.classList.contains('app-live')"
                " && !document.getElementById('ssr-page')"
            )
        )

    def wait_for(self, css: str, timeout: float = 20, text: str | None = None):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as ec
        from selenium.webdriver.support.ui import WebDriverWait

        wait = WebDriverWait(self.d, timeout)
        if text is None:
            return wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, css)))
        wait.until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, css), text))
        return self.d.find_element(By.CSS_SELECTOR, css)

    def until(self, condition, timeout: float = 10, message: str = ""):
        """Until ``condition()`` is true (polled every 0.1 s), else fail with ``message``."""
        from selenium.webdriver.support.ui import WebDriverWait

        return WebDriverWait(self.d, timeout, poll_frequency=0.1).until(lambda _d: condition(), message)

    def frames(self, count: int = 2):
        """Until the browser has drawn ``count`` more frames: a scroll, a resize, a class change
        is on screen, not merely asked for."""
        self.d.execute_async_script(
            "const done = arguments[arguments.length - 1]; let left = arguments[0];"
            "const step = () => (--left > 0 ? requestAnimationFrame(step) : done());"
            "requestAnimationFrame(step);",
            count,
        )

    def settle(self):
        """Dash idle, charts drawn, fonts loaded, then two frames: the page as a visitor ends up
        seeing it."""
        self.wait_idle()
        self.until(
            lambda: self.d.execute_script(
                "const graphs = document.querySelectorAll('.dash-graph').length;"
                "const drawn = document.querySelectorAll('.dash-graph .main-svg').length;"
                "return document.fonts.status === 'loaded' && drawn >= graphs;"
            ),
            message="charts or fonts never finished",
        )
        self.frames()

    def mark_requests(self):
        """Forget the requests so far: ``answered`` then waits for one sent after this."""
        self.d.execute_script("performance.clearResourceTimings()")

    def answered(self, timeout: float = 3):
        """After a change: until the callback request it sends (a typed field sends it 350 ms after
        the last key) has been answered, then until Dash is idle. A change no server callback
        listens to sends nothing, and the wait ends at ``timeout``."""
        from selenium.common.exceptions import TimeoutException

        sent = (
            "return performance.getEntriesByType('resource')"
            ".some(e => e.name.includes('/_dash-update-component'))"
        )
        try:
            self.until(lambda: self.d.execute_script(sent), timeout)
        except TimeoutException:
            pass
        self.wait_idle()

    def wait_idle(self, timeout: float = 15):
        """Until Dash has no callback in flight on two looks in a row, 0.15 s apart (the renderer
        marks the document while loading; a chain's next request follows the last answer)."""
        from selenium.common.exceptions import TimeoutException
        from selenium.webdriver.support.ui import WebDriverWait

        busy = "return !!document.querySelector('[data-dash-is-loading=\"true\"]')"
        looks = []

        def idle(d):
            looks.append(not d.execute_script(busy))
            return looks[-2:] == [True, True]

        try:
            WebDriverWait(self.d, timeout, poll_frequency=0.15).until(idle)
        except TimeoutException:
            pass  # still busy: the caller's own wait says what it waited for

    def find(self, css: str):
        from selenium.webdriver.common.by import By

        return self.d.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css: str):
        from selenium.webdriver.common.by import By

        return self.d.find_elements(By.CSS_SELECTOR, css)

    def click(self, css: str, timeout: float = 10):
        """Click once the element is the one a finger would hit at its centre: scrolled into
        view, and not covered (by the result bar, a note sliding in, a scroll still settling)."""
        from selenium.common.exceptions import ElementClickInterceptedException
        from selenium.webdriver.support.ui import WebDriverWait

        element = self.find(css)
        self.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)

        def clicked(d):
            on_top = d.execute_script(
                "const e = arguments[0], r = e.getBoundingClientRect();"
                "const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
                "return !!hit && (hit === e || e.contains(hit));",
                element,
            )
            if not on_top:
                d.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
                return False
            try:
                element.click()
            except ElementClickInterceptedException:
                return False
            return True

        WebDriverWait(self.d, timeout, poll_frequency=0.1).until(clicked)
        self.wait_idle()

    def text(self, css: str) -> str:
        return self.find(css).text

    def body_text(self) -> str:
        return self.find("body").text

    def shot(self, name: str):
        self.d.save_screenshot(str(SHOTS / f"{name}.png"))

    def full_shot(self, name: str, width: int = 1280):
        """Resize to the whole page height so the screenshot shows everything."""
        height = self.d.execute_script("return document.documentElement.scrollHeight")
        self.d.set_window_size(width, min(max(height + 100, 600), 6000))
        self.frames()
        self.shot(name)

    def overflowing(self) -> list[str]:
        """Elements sticking out to the right of the viewport (horizontal scrolling on a phone)."""
        return self.d.execute_script("""
            const w = document.documentElement.clientWidth, out = [];
            const clipped = e => {  // inside a container that scrolls or clips sideways
              for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
                const o = getComputedStyle(p).overflowX;
                if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
              }
              return false;
            };
            document.querySelectorAll('body *').forEach(e => {
              if (clipped(e)) return;
              const r = e.getBoundingClientRect();
              if (r.width && r.right > w + 1) out.push(e.tagName + '#' + e.id + '.' + e.className
                + ' right=' + Math.round(r.right) + ' ' + (e.textContent || '').slice(0, 40));
            });
            return out.slice(0, 10);""")

    def field(self, form: str, name: str):
        """The input of a form field (ids are Dash dict ids)."""
        return self.find(f'[id=\'{{"form":"{form}","name":"{name}","type":"field"}}\']')

    def feedback(self, form: str, name: str) -> str:
        return self.find(f'[id=\'{{"form":"{form}","name":"{name}","type":"feedback"}}\']').text

    def wait_feedback(self, form: str, name: str, text: str, timeout: float = 10):
        """Until the field's message says ``text`` (messages follow typing after a debounce)."""
        self.until(
            lambda: text in self.feedback(form, name),
            timeout,
            f"{name}: {self.feedback(form, name)!r} does not say {text!r}",
        )

    def type_into(self, form: str, name: str, text: str):
        """Select what is there and type over it, as a person would."""
        from selenium.webdriver.common.keys import Keys

        box = self.field(form, name)
        self.d.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus()", box)
        self.mark_requests()
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys(Keys.BACKSPACE)
        box.send_keys(text)
        self.answered()

    def downloads_to(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.d.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})

    def console_errors(self) -> list[str]:
        return [e["message"] for e in self.d.get_log("browser") if e["level"] == "SEVERE"]

    def outside_requests(self) -> list[str]:
        urls = []
        for entry in self.d.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.requestWillBeSent":
                url = message["params"]["request"]["url"]
                if not url.startswith((self.base, "data:", "blob:", "about:")):
                    urls.append(url)
        return urls


@pytest.fixture
def browser(_driver, live_server):
    """A fresh visit for each test: the tab's sessionStorage (a pre-check's kept results) of an
    earlier test is cleared, as a new tab would have none."""
    if _driver.current_url.startswith(live_server):
        _driver.execute_script("window.sessionStorage.clear()")
    return Browser(_driver, live_server)


def wait_file(folder: Path, suffix: str, timeout: float = 15) -> Path:
    """The first finished download ending in ``suffix`` in ``folder``."""
    end = time.time() + timeout
    while time.time() < end:
        done = [p for p in folder.glob(f"*{suffix}") if not p.name.endswith(".crdownload")]
        if done:
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} download in {folder}")


@pytest.fixture(scope="session")
def client():
    """The app in this process, warmed as gunicorn warms a worker (upload helper started)."""
    import app as site

    site.warm(site.app)
    return site.server.test_client()


@pytest.fixture(scope="session")
def post(client):
    """POST to the app in this process: a dict or list is sent as JSON, text or bytes as they are
    (malformed bodies), with ``content_type`` and any other test-client arguments passed on."""

    def send(path: str, body, content_type: str = "application/json", **kwargs):
        data = body if isinstance(body, (str, bytes)) else json.dumps(body)
        return client.post(path, data=data, content_type=content_type, **kwargs)

    return send


@pytest.fixture(scope="session")
def upload(client):
    """A file sent to the pre-check API as a form sends it (multipart), under the name ``name``."""

    def send(name: str, data: bytes, path: str = "/api/v1/precheck", **form):
        body = {"file": (io.BytesIO(data), name), **form}
        return client.post(path, data=body, content_type="multipart/form-data")

    return send


def csv_file(rows: int) -> bytes:
    """A client list of ``rows`` made-up clients, every one of them readable, as a CSV file."""
    lines = ["name,age,contribution_months,account_balance,monthly_income,house_price"]
    lines += [
        f"c{i},{25 + i % 30},{12 + i % 100},{20000 + i},{8000 + i % 5000},{600000 + i}" for i in range(rows)
    ]
    return ("\n".join(lines) + "\n").encode()


# Two applicants most API and calculator tests start from: one just eligible for 75万 (the balance
# binds) on a fixed date, and one whose ceiling binds (rich enough for any cap but the ceiling).
# The site's pages in the navbar's order (tests check dash.page_registry gives the same).
PAGES = (
    "/",
    "/policy",
    "/statistics",
    "/history",
    "/branches",
    "/about",
    "/calculators/eligibility",
    "/calculators/quota",
    "/calculators/repayment",
    "/precheck",
)

APPLICANT = dict(
    age=30,
    contribution_months=24,
    account_balance=50000,
    monthly_income=12000,
    house_price=1000000,
    date="2026-11-27",
)
WELL_OFF = dict(
    age=30, contribution_months=60, account_balance=300000, monthly_income=60000, house_price=5000000
)


def thawed(component):
    """A part sent as HTML (rendering/static_html.Html) as html components again, so the tree can be
    searched by id and read; anything else as it is."""
    if type(component).__name__ != "Html":
        return component
    from html.parser import HTMLParser

    from dash import html

    void = {"br", "hr", "img", "input", "wbr", "col"}

    def element(tag: str, attrs: dict):
        named = {"id": attrs.get("id"), "className": attrs.get("class")}
        return getattr(html, tag.capitalize(), html.Div)([], **{k: v for k, v in named.items() if v})

    root = element(component.tag, component.attributes)
    stack = [root]

    class Builder(HTMLParser):
        def handle_starttag(self, tag, attrs):
            node = element(tag, dict(attrs))
            stack[-1].children.append(node)
            if tag not in void:
                stack.append(node)

        def handle_endtag(self, tag):
            if tag not in void and len(stack) > 1:
                stack.pop()

        def handle_data(self, data):
            stack[-1].children.append(data)

    Builder(convert_charrefs=True).feed(component.html)
    return root


def find(component, cid):
    """The Dash component with id ``cid`` in a layout tree, or None."""
    component = thawed(component)
    if getattr(component, "id", None) == cid:
        return component
    children = getattr(component, "children", None)
    if children is None:
        return None
    for child in children if isinstance(children, (list, tuple)) else [children]:
        child = thawed(child)
        if hasattr(child, "children") or hasattr(child, "id"):
            hit = find(child, cid)
            if hit is not None:
                return hit
    return None


def text_of(component) -> str:
    """The text a Dash component tree shows, as one string."""
    if component is None:
        return ""
    if isinstance(component, (str, int, float)):
        return str(component)
    children = getattr(thawed(component), "children", None)
    if isinstance(children, (list, tuple)):
        return "".join(text_of(c) for c in children)
    return text_of(children)
