"""Issue 7 in a real browser: the answer in the first phone screen, partial plotly.js only where
charts are, the last good result kept, messages that fit each field, tables that fit a phone."""

import json
from contextlib import contextmanager

import pytest

pytestmark = pytest.mark.browser

PHONE = (390, 844)


@contextmanager
def on_every_load(browser, script: str):
    """``script`` runs in each document the browser loads, before the page's own scripts."""
    added = browser.d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": script})
    try:
        yield
    finally:
        browser.d.execute_cdp_cmd(
            "Page.removeScriptToEvaluateOnNewDocument", {"identifier": added["identifier"]}
        )


def loaded_scripts(browser) -> dict:
    """URL -> encoded bytes of every response the page loaded (from the performance log)."""
    sizes, urls = {}, {}
    for entry in browser.d.get_log("performance"):
        m = json.loads(entry["message"])["message"]
        if m["method"] == "Network.responseReceived":
            urls[m["params"]["requestId"]] = m["params"]["response"]["url"]
        elif m["method"] == "Network.loadingFinished":
            sizes[m["params"]["requestId"]] = m["params"]["encodedDataLength"]
    return {urls[k]: sizes.get(k, 0) for k in urls}


def in_first_screen(browser, css) -> bool:
    return browser.d.execute_script(
        """
        const r = document.querySelector(arguments[0]).getBoundingClientRect();
        return r.width > 0 && r.top >= 0 && r.bottom <= window.innerHeight;""",
        css,
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_repayment_answer_in_first_phone_screen(browser, lang):
    browser.open(f"/calculators/repayment?principal=600000&annual_rate=3.1&months=360&lang={lang}", *PHONE)
    browser.wait_for("#repayment-bar-payment")
    expected = "2,562.10 元" if lang == "zh" else "¥2,562.10"
    assert browser.text("#repayment-bar-payment") == expected
    assert in_first_screen(browser, "#repayment-bar-payment")
    # change the top field: the bar shows the new answer and is still on screen
    browser.type_into("repayment", "principal", "50")
    browser.wait_for("#repayment-bar-payment", text="2,135.08")
    assert in_first_screen(browser, "#repayment-bar-payment")
    # scrolled down to the prepayment fields, the answer is still in view
    browser.d.execute_script("window.scrollTo(0, 1400)")
    browser.frames()
    assert in_first_screen(browser, "#repayment-bar-payment")
    browser.shot(f"repayment-first-screen-{lang}")


@pytest.mark.parametrize("form", ["quota", "eligibility"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_applicant_answer_in_first_phone_screen(browser, lang, form):
    browser.open(f"/calculators/{form}?date=2026-11-27&lang={lang}", *PHONE)
    browser.wait_for(f"#{form}-bar-value")
    assert in_first_screen(browser, f"#{form}-bar-value")
    browser.type_into(form, "contribution_months", "3")
    browser.wait_for(f"#{form}-bar-value", text="连续缴存" if lang == "zh" and form == "quota" else "")
    assert "verdict-no" in browser.find(f"#{form}-bar").get_attribute("class")
    assert in_first_screen(browser, f"#{form}-bar-value")
    browser.shot(f"{form}-first-screen-{lang}")


def test_only_partial_plotly_bundles_are_loaded(browser):
    browser.open("/", 1280, 900)
    home = loaded_scripts(browser)
    assert not [u for u in home if "plotly" in u], "a page without charts loads no plotly.js"
    for path, bundle in (
        ("/calculators/repayment?principal=600000&months=360", "plotly-basic-4.1.1"),
        ("/statistics", "plotly-basic-4.1.1"),
        ("/branches", "plotly-geo-4.1.1"),
    ):
        browser.open(path)
        scroll_to_charts(browser)
        browser.wait_for(".js-plotly-plot .main-svg", timeout=30)
        urls = loaded_scripts(browser)
        assert [u for u in urls if bundle in u], (path, list(urls))
        assert not [u for u in urls if u.endswith("plotly.min.js") or "package_data/plotly" in u], path
        assert browser.console_errors() == []


def scroll_to_charts(browser):
    browser.d.execute_script(
        "var c = document.querySelector('.chart-pair, .dash-graph');"
        "if (c) { c.scrollIntoView({block: 'center', behavior: 'instant'}); }"
    )


def test_repayment_page_bytes_under_budget(browser):
    browser.d.execute_cdp_cmd("Network.enable", {})
    browser.d.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    try:
        browser.open("/calculators/repayment?principal=600000&annual_rate=3.1&months=360", *PHONE)
        scroll_to_charts(browser)
        browser.wait_for(".js-plotly-plot .main-svg", timeout=30)
        browser.wait_idle()
        total = sum(loaded_scripts(browser).values())
    finally:
        browser.d.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": False})
    assert total <= 900 * 1024, f"{total / 1024:.0f} KB"


def test_charts_wait_for_their_place_on_a_phone(browser):
    """On a phone the charts are far below the answer: nothing asks for them, and no plotly.js is
    loaded, while the visitor reads and types; they are drawn when scrolled to."""
    browser.open("/calculators/repayment?principal=600000&annual_rate=3.1&months=360", *PHONE)
    browser.type_into("repayment", "principal", "70")
    browser.wait_for("#repayment-bar-payment", text="2,989.11")
    browser.wait_idle()
    browser.frames()
    assert not [u for u in loaded_scripts(browser) if "plotly" in u]
    assert browser.find_all(".js-plotly-plot") == []
    scroll_to_charts(browser)
    browser.wait_for("#repayment-balance-chart .main-svg", timeout=30)
    alt = browser.find("#repayment-balance-chart").get_attribute("aria-label")
    assert "700,000.00" in alt  # drawn for the value typed before they were seen
    assert [u for u in loaded_scripts(browser) if "plotly-basic" in u]


def test_navigating_between_chart_pages_keeps_charts_working(browser):
    browser.open("/statistics")
    browser.wait_for(".js-plotly-plot .main-svg", timeout=30)
    browser.click('a[href="/branches"]')
    browser.wait_for("#branches-map .main-svg", timeout=30)
    assert browser.d.execute_script("return window.__sitePlotlyBundle") == "geo"
    assert browser.console_errors() == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_clearing_a_field_keeps_the_last_result_dimmed(browser, lang):
    browser.open(f"/calculators/repayment?principal=600000&annual_rate=3.1&months=360&lang={lang}")
    browser.wait_for("#repayment-payment")
    before = browser.text("#repayment-payment")
    top = browser.d.execute_script(
        "return document.querySelector('#repayment-compare').getBoundingClientRect().top"
    )
    browser.type_into("repayment", "principal", "")
    browser.until(
        lambda: "stale" in browser.find("#repayment-results").get_attribute("class"), message="not dimmed"
    )
    assert browser.text("#repayment-payment") == before  # the last good answer stays
    assert browser.feedback("repayment", "principal")  # with the field's message
    after = browser.d.execute_script(
        "return document.querySelector('#repayment-compare').getBoundingClientRect().top"
    )
    assert abs(after - top) < 2, "no layout jump"
    browser.type_into("repayment", "principal", "junk")
    assert browser.text("#repayment-payment") == before
    browser.type_into("repayment", "principal", "50")
    browser.wait_for("#repayment-payment", text="2,135.08")
    assert "stale" not in browser.find("#repayment-results").get_attribute("class")


def _wrapped(browser, css):
    """Cells (short labels or amounts) whose text wraps onto a second line."""
    return browser.d.execute_script(
        """
        const out = [];
        document.querySelectorAll(arguments[0]).forEach(e => {
          const text = e.textContent.trim();
          if (!text || text.length > 24) return;
          const range = document.createRange(); range.selectNodeContents(e);
          const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
          if (lines.size > 1) out.push(text);
        });
        return out;""",
        css,
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_prepayment_comparison_is_cards_on_a_phone(browser, lang):
    browser.open(
        "/calculators/repayment?principal=600000&annual_rate=3.1&months=360&prepayment_month=12"
        f"&prepayment_amount=100000&lang={lang}",
        *PHONE,
    )
    browser.wait_for("#repayment-prepay")
    rows = browser.find_all("#repayment-prepay tbody tr")
    assert browser.d.execute_script("return getComputedStyle(arguments[0]).display", rows[0]) == "block"
    assert (
        _wrapped(browser, "#repayment-prepay td, #repayment-prepay tbody th, #repayment-compare tbody td")
        == []
    )
    assert browser.overflowing() == []
    browser.d.execute_script("document.querySelector('#repayment-prepay').scrollIntoView()")
    browser.shot(f"repayment-prepay-cards-{lang}")


def test_precheck_results_are_cards_with_reasons_on_a_phone(browser, tmp_path):
    import app  # noqa: F401  (pages register with the app)
    from exports.precheck import template_csv as _template_csv

    path = tmp_path / "clients.csv"
    path.write_text(_template_csv("zh"), encoding="utf-8")
    browser.open("/precheck", *PHONE)
    browser.find("#precheck-upload input[type=file]").send_keys(str(path))
    browser.wait_for("#precheck-table", timeout=30)
    row = browser.find('#precheck-table tr[data-status="not_eligible"]')
    assert browser.d.execute_script("return getComputedStyle(arguments[0]).display", row) == "block"
    details = row.find_element("css selector", "td.details")
    assert "再连续缴存" in details.text and details.is_displayed()
    box = browser.d.execute_script("return arguments[0].getBoundingClientRect().right", details)
    assert box <= 390
    assert _wrapped(browser, "#precheck-table td.client, #precheck-table td.num") == []
    assert [c.text for c in row.find_elements("css selector", "td.num")] == ["—", "—"]
    browser.d.execute_script("document.querySelector('#precheck-table').scrollIntoView()")
    browser.full_shot("precheck-cards-phone", width=390)


def test_only_the_bad_field_is_marked(browser):
    browser.open("/calculators/repayment?principal=abc&months=360", *PHONE)
    browser.wait_for("#repayment-bar")
    assert "60" in browser.feedback("repayment", "principal")
    color = "return getComputedStyle(arguments[0]).borderTopColor"
    assert browser.d.execute_script(color, browser.field("repayment", "principal")) == "rgb(220, 53, 69)"
    assert browser.d.execute_script(color, browser.field("repayment", "annual_rate")) != "rgb(220, 53, 69)"
    assert browser.d.execute_script(color, browser.field("repayment", "months")) != "rgb(220, 53, 69)"
    assert browser.field("repayment", "principal").get_attribute("value") == "abc"


# Records, every frame from the first, what a visitor sees: the answer in the server's page, the
# answer in the app, and any "Loading..." (installed before the page's own scripts run).
FRAME_RECORDER = """
window.__frames = [];
(function tick() {
  function shown(scope) {
    var box = document.getElementById(scope);
    var e = box && box.querySelector(arguments_answer);
    if (!e || !e.textContent.trim()) { return false; }
    var r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== "hidden";
  }
  if (document.body) {
    window.__frames.push({
      ssr: shown("ssr-page"), live: shown("react-entry-point"),
      loading: (document.body.innerText || "").indexOf("Loading...") >= 0,
    });
  }
  if (window.__frames.length < 5000) { requestAnimationFrame(tick); }
})();
"""
ANSWERS = [
    ("/calculators/repayment?principal=600000&annual_rate=3.1&months=360", "#repayment-bar-payment"),
    ("/calculators/quota?date=2026-11-27&lang=en", "#quota-bar-value"),
    ("/", ".headline-value"),
]


@pytest.mark.parametrize("path, answer", ANSWERS)
def test_the_answer_stays_on_screen_from_the_server_html_to_the_live_app(browser, path, answer):
    """No blank screen and no "Loading..." between the server's page and the app (issue 13): the
    answer shows from the server's HTML first, and some answer is on screen in every frame after."""
    script = FRAME_RECORDER.replace("arguments_answer", repr(answer))
    with on_every_load(browser, script):
        browser.open(path, *PHONE)
        browser.frames(10)  # some frames of the live app recorded too
        frames = browser.d.execute_script("return window.__frames")
    first = next(i for i, f in enumerate(frames) if f["ssr"] or f["live"])
    seen = frames[first:]
    assert seen[0]["ssr"], "the server's answer is what shows first"
    assert all(f["ssr"] or f["live"] for f in seen), [
        i for i, f in enumerate(seen) if not (f["ssr"] or f["live"])
    ]
    assert not any(f["loading"] for f in frames)
    assert seen[-1]["live"] and not seen[-1]["ssr"]
    assert browser.find_all("#ssr-page") == []


# The elements of a page, in order, as a person reads them: tag, id, classes and own text.
DOM_OUTLINE = """
function outline(el, out) {
  for (const c of el.children) {
    if (c.tagName === "SCRIPT") { continue; }
    const own = Array.from(c.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join("").trim();
    const cls = (c.getAttribute("class") || "").split(/\\s+/).filter(Boolean).sort().join(".");
    out.push([c.tagName.toLowerCase(), c.id.startsWith("react-aria") ? "" : c.id, cls, own].join(" | "));
    // a chart comes later; a closed section's content is built in the app only once it opens
    const folded = c.tagName === "DETAILS" && !c.open;
    if (folded) { outline({children: [c.querySelector(":scope > summary")]}, out); }
    else if (!c.classList.contains("dash-graph")) { outline(c, out); }
  }
  return out;
}
const server = new DOMParser().parseFromString(arguments[0], "text/html");
return arguments[1].map(css => [
  outline(server.querySelector("#ssr-page " + css), []),
  outline(document.querySelector("#react-entry-point " + css), []),
]);
"""
ONE_PAGE = [
    (
        "/calculators/repayment?principal=600000&annual_rate=3.1&months=360&prepayment_month=24&prepayment_amount=10",
        ["#site-navbar", "#repayment-bar", "#repayment-form", "#repayment-summary", "#site-footer"],
    ),
    (
        "/calculators/quota?age=30&contribution_months=24&account_balance=50000&monthly_income=12000&lang=en",
        ["#main"],
    ),
    ("/calculators/eligibility?age=70&contribution_months=2", ["#main"]),
    ("/", ["#main"]),
    ("/statistics?lang=en", ["#main"]),
    ("/branches", ["#main"]),
    ("/policy", ["#main"]),
]


@pytest.mark.parametrize("path, parts", ONE_PAGE)
def test_the_server_page_and_the_live_page_are_one_page(browser, path, parts):
    """The server's HTML (what shows before JavaScript, and without it) and the app's DOM carry the
    same elements, ids, classes and text: the answer, the form, the whole page."""
    from urllib.request import urlopen

    server_html = urlopen(browser.base + path).read().decode()
    browser.open(path, *PHONE)
    for css, (server, live) in zip(
        parts, browser.d.execute_script(DOM_OUTLINE, server_html, parts), strict=True
    ):
        assert server and server == live, css


# Holds the app back (its callback list never arrives) until the test calls window.__release():
# the copy of the list in the page is taken away, so the app asks the network for it.
HOLD_THE_APP = """
(function () {
  new MutationObserver(function () {
    var inline = document.getElementById("ssr-dependencies");
    if (inline) { inline.remove(); }
  }).observe(document, {childList: true, subtree: true});
  var original = window.fetch;
  var held = new Promise(function (release) { window.__release = release; });
  window.fetch = function (input) {
    var url = typeof input === "string" ? input : input.url;
    var self = this, args = arguments;
    if (url.indexOf("_dash-dependencies") >= 0) {
      return held.then(function () { return original.apply(self, args); });
    }
    return original.apply(this, arguments);
  };
})();
"""


def test_what_is_typed_before_the_app_is_live_is_kept_and_answered(browser):
    """A visitor types and chooses in the server's form while the app loads: the app takes the
    values, the focus and the caret, and answers them."""
    from selenium.webdriver.common.by import By

    expected = "/calculators/repayment?principal=800000&annual_rate=3.1&months=360&method=equal_principal"
    browser.open(expected, *PHONE)
    answer = browser.text("#repayment-bar-payment")
    with on_every_load(browser, HOLD_THE_APP):
        browser.d.get(browser.base + "/calculators/repayment?principal=600000&annual_rate=3.1&months=360")
        server = browser.wait_for("#ssr-page #repayment-bar-payment")
        assert server.text != answer
        method = '#ssr-page label[for$="_input_equal_principal"]'
        label = browser.d.find_element(By.CSS_SELECTOR, method)
        browser.d.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", label)
        label.click()
        field = browser.d.find_element(By.CSS_SELECTOR, "#ssr-page input[id*='\"principal\"']")
        browser.d.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", field)
        field.clear()
        field.send_keys("80")
        assert browser.find_all("#ssr-page") and not browser.d.execute_script(
            "return document.body.classList.contains('app-live')"
        )
        browser.d.execute_script("window.__release()")
        browser.wait_live()
        browser.wait_for("#repayment-bar-payment", text=answer)
    live = browser.field("repayment", "principal")
    assert live.get_attribute("value") == "80"
    assert browser.d.execute_script("return document.activeElement") == live
    checked = browser.find('input[id$="_input_equal_principal"]')
    assert checked.is_selected()
    assert "principal=800000" in browser.find("#repayment-share-url").get_attribute("value")


HOLD_THE_RENDERER = """
(function () {
  var held = new Promise(function (release) { window.__release = release; });
  window.__calls = [];
  window.__firstAnswer = null;
  var Renderer;
  Object.defineProperty(window, "DashRenderer", {
    configurable: true,
    get: function () {
      return function () { held.then(function () { window.renderer = new Renderer(); }); };
    },
    set: function (value) { Renderer = value; },
  });
  var original = window.fetch;
  window.fetch = function (input, init) {
    window.__calls.push([typeof input === "string" ? input : input.url, init && init.body ? String(init.body) : ""]);
    return original.apply(this, arguments);
  };
  new MutationObserver(function () {
    var live = document.querySelector("#react-entry-point #repayment-bar-payment");
    if (window.__firstAnswer === null && live && document.body.classList.contains("app-live")) {
      window.__firstAnswer = live.textContent;
    }
  }).observe(document, {childList: true, subtree: true, attributes: true, attributeFilter: ["class"]});
})();
"""


def test_an_edit_made_before_the_app_starts_is_the_app_s_first_answer(browser):
    """Typed into the server's form before the app has read its layout: the app starts from the
    server's page for the form as typed (no callback needed), and the answer it first shows is the
    typed value's; the address bar and the share box carry the new link."""
    from selenium.webdriver.common.by import By

    expected = "/calculators/repayment?principal=750000&annual_rate=3.1&months=360"
    browser.open(expected, *PHONE)
    answer = browser.text("#repayment-bar-payment")
    with on_every_load(browser, HOLD_THE_RENDERER):
        browser.d.get(browser.base + "/calculators/repayment?principal=600000&annual_rate=3.1&months=360")
        browser.wait_for("#ssr-page #repayment-bar-payment")
        field = browser.d.find_element(By.CSS_SELECTOR, "#ssr-page input[id*='\"principal\"']")
        field.clear()
        field.send_keys("75")
        browser.until(  # the edit is sent 150 ms after the last key
            lambda: any(
                url.endswith("/_edited-layout") and '"75"' in body
                for url, body in browser.d.execute_script("return window.__calls")
            ),
            message="the edit was not sent",
        )
        browser.d.execute_script("window.__release()")
        browser.wait_live()
        browser.wait_for("#repayment-bar-payment", text=answer)
        first = browser.d.execute_script("return window.__firstAnswer")
        calls = browser.d.execute_script("return window.__calls")
    assert answer.split()[0] in first  # React's first answer is already the typed value's
    edits = [json.loads(body) for url, body in calls if url.endswith("/_edited-layout")]
    assert edits and edits[-1]["changes"] == {"principal": "75"}
    assert not any("repayment-summary.children" in body for url, body in calls if "update-component" in url)
    assert browser.field("repayment", "principal").get_attribute("value") == "75"
    assert "principal=750000" in browser.find("#repayment-share-url").get_attribute("value")
    assert "principal=750000" in browser.d.current_url


LAYOUT_SHIFT_RECORDER = """
window.__cls = 0;
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (e) { if (!e.hadRecentInput) { window.__cls += e.value; } });
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.parametrize("width, height", [PHONE, (1280, 900)])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_layout_shift_stays_small_on_every_page(browser, lang, width, height):
    """Cumulative layout shift ≤ 0.05 from the first frame until the page (and its charts) is
    live; the swap from the server's HTML to the app shifts nothing."""
    from tests.conftest import PAGES

    with on_every_load(browser, LAYOUT_SHIFT_RECORDER):
        shifts = {}
        for path in PAGES:
            browser.open(path + ("?lang=en" if lang == "en" else ""), width, height)
            browser.settle()
            shifts[path] = browser.d.execute_script("return window.__cls")
    assert {p: round(v, 3) for p, v in shifts.items() if v > 0.05} == {}
