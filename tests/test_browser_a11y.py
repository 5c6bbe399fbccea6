"""Issue 10 in a real browser: axe-core finds no serious or critical violation on any page, in
both languages, at 1280 and 390 px; page loads do not shift the layout (CLS from a
PerformanceObserver); chart labels do not overlap at 390 px; the English header is one row.

axe-core is vendored (vendor/axe-core/, from npm) and injected with Selenium: nothing is loaded
from outside at run time. One page load per page, language and width, each checked for both
layout shift and accessibility.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import PAGES as SITE_PAGES
from tests.conftest import SHOTS

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe-core" / "axe-4.11.0.min.js"
PAGES = (*SITE_PAGES, "/no-such-page")
WIDTHS = (1280, 390)
CLS_LIMIT = 0.05

# Registered before any page script runs (CDP), so shifts from the first paint on are counted.
CLS_OBSERVER = """
window.__cls = 0; window.__shifts = [];
try {
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      window.__cls += e.value;
      window.__shifts.push({value: e.value, nodes: (e.sources || []).map(s => s.node ?
        (s.node.id || s.node.className || s.node.nodeName) + '' : '?')});
    }
  }).observe({type: 'layout-shift', buffered: true});
} catch (e) {}
"""


def _record(key, cls):
    """Keep the measured layout shift of every page load in .artifacts/cls.json (for the docs)."""
    out = SHOTS.parent / "cls.json"
    data = json.loads(out.read_text()) if out.exists() else {}
    data[key] = round(cls or 0, 4)
    out.write_text(json.dumps(data, indent=1, sort_keys=True))


@pytest.fixture(scope="module")
def axe_source():
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def observed(_driver):
    """Install the layout-shift observer on every new document for this module's tests."""
    script = _driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CLS_OBSERVER})
    yield
    _driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]})


def run_axe(browser, axe_source) -> list[dict]:
    if not browser.d.execute_script("return !!window.axe"):
        browser.d.execute_script(axe_source)
    result = browser.d.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {resultTypes: ['violations']})
           .then(r => done(JSON.stringify(r.violations)), e => done(JSON.stringify([{id: 'axe-error',
              impact: 'critical', help: String(e), nodes: []}])));""")
    return json.loads(result)


def serious(violations):
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(
            " ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"])
            for n in v["nodes"][:4]
        )
        + (f" … {len(v['nodes'])} nodes" if len(v["nodes"]) > 4 else "")
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def settle(browser):
    """Dash idle, charts drawn, fonts loaded: the page as a visitor ends up seeing it."""
    browser.settle()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_page_is_accessible_and_stable(browser, observed, axe_source, path, lang):
    problems = {}
    for width in WIDTHS:
        browser.d.set_window_size(width, 900)
        browser.d.get(browser.base + path + ("?lang=en" if lang == "en" else ""))
        browser.wait_live()
        settle(browser)
        cls = browser.d.execute_script("return window.__cls")
        shifts = browser.d.execute_script("return window.__shifts")
        _record(f"{path} {lang} {width}", cls)
        if cls is None or cls > CLS_LIMIT:
            problems[f"{width} CLS"] = (cls, shifts)
        found = serious(run_axe(browser, axe_source))
        if found:
            problems[f"{width} axe"] = found
        name = path.strip("/").replace("/", "-") or "home"
        browser.shot(f"a11y-{name}-{lang}-{width}")
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)


# Every text a chart draws (bar labels, tick labels, legend, titles), as boxes in page pixels.
TEXT_BOXES = """
const out = [];
document.querySelectorAll(arguments[0] + ' .main-svg text').forEach(t => {
  const r = t.getBoundingClientRect(), s = (t.textContent || '').trim();
  if (s && r.width > 0 && r.height > 0 && getComputedStyle(t).opacity !== '0')
    out.push({text: s, l: r.left, r: r.right, t: r.top, b: r.bottom});
});
return out;"""


def overlaps(boxes, slack=1.0):
    pairs = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if (
                min(a["r"], b["r"]) - max(a["l"], b["l"]) > slack
                and min(a["b"], b["b"]) - max(a["t"], b["t"]) > slack
            ):
                pairs.append((a["text"], b["text"]))
    return pairs


def clipped(browser, css):
    """Texts sticking out of their chart's box (cut off by the card or the screen)."""
    return browser.d.execute_script(
        """
        const g = document.querySelector(arguments[0]), box = g.getBoundingClientRect(), w = document.documentElement.clientWidth;
        return [...g.querySelectorAll('.main-svg text')].filter(t => {
          const r = t.getBoundingClientRect();
          return r.width && (r.left < Math.max(box.left, 0) - 1 || r.right > Math.min(box.right, w) + 1 || r.top < box.top - 1);
        }).map(t => t.textContent);""",
        css,
    )


CHART_PAGES = [
    (
        "/statistics",
        [
            "#stats-chart-contributors",
            "#stats-chart-annual_collection",
            "#stats-chart-loans_total",
            "#stats-chart-loans_issued",
            "#stats-chart-withdrawals",
        ],
    ),
    (
        "/calculators/repayment?principal=600000&annual_rate=3.1&months=360&start_month=2026-01",
        [".dash-graph:nth-of-type(1)"],
    ),
]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chart_labels_do_not_overlap_at_390(browser, lang):
    problems = {}
    for path, _ in CHART_PAGES:
        browser.open(path + ("&" if "?" in path else "?") + f"lang={lang}", width=390, height=844)
        # charts below the first screen are drawn when their place nears it
        browser.d.execute_script(
            "document.querySelector('.chart-pair, .dash-graph').scrollIntoView({behavior: 'instant'})"
        )
        browser.wait_for(".dash-graph .main-svg", timeout=30)
        settle(browser)
        graphs = browser.d.execute_script(
            "return [...document.querySelectorAll('.dash-graph')].map(g => g.id)"
        )
        assert graphs, path
        for gid in graphs:
            css = f"[id='{gid}']"
            browser.d.execute_script("document.querySelector(arguments[0]).scrollIntoView()", css)
            boxes = browser.d.execute_script(TEXT_BOXES, css)
            assert boxes, gid
            bad = overlaps(boxes)
            out = clipped(browser, css)
            ticks = browser.d.execute_script(
                "return [...document.querySelectorAll(arguments[0] + ' .xtick text')].map(t => t.getAttribute('transform') || '')",
                css,
            )
            turned = [tr for tr in ticks if "rotate" in tr]
            label = browser.d.execute_script(
                "const g = document.querySelector(arguments[0]); return (g.closest('[role=img]') || g).getAttribute('aria-label')",
                css,
            )
            if bad or out or turned or not label:
                problems[f"{path} {gid}"] = {"overlap": bad, "clipped": out, "rotated": turned, "alt": label}
            if lang == "zh":
                units = [
                    b["text"]
                    for b in boxes
                    if b["text"][-1:] in "kMGB" and b["text"][:-1].replace(".", "").isdigit()
                ]
                if units:
                    problems[f"{path} {gid} SI units"] = units
        browser.full_shot(f"charts-{path.split('?')[0].strip('/').replace('/', '-')}-{lang}-390", width=390)
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)


def test_english_header_one_row_at_390(browser):
    browser.open("/calculators/repayment?lang=en", width=390, height=844)
    nav = browser.find("#site-navbar nav")
    brand = browser.find("#site-navbar .navbar-brand")
    toggler = browser.find("#nav-toggler")
    assert (
        abs(brand.rect["y"] + brand.rect["height"] / 2 - (toggler.rect["y"] + toggler.rect["height"] / 2)) < 8
    )
    assert nav.rect["height"] < 70, nav.rect
    assert brand.rect["height"] < 34, brand.rect  # the name on one line
    assert browser.d.execute_script(
        "const b = arguments[0]; return b.scrollWidth <= b.clientWidth + 1", brand
    )


def test_print_shows_no_controls(browser):
    browser.open("/calculators/repayment?principal=600000&annual_rate=3.1&months=360")
    browser.d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        shown = browser.d.execute_script("""
            return [...document.querySelectorAll('#main button, #main input, #main select, #main .btn, #main [role=radiogroup]')]
              .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
              .map(e => e.tagName + '#' + e.id + '.' + e.className).slice(0, 10);""")
    finally:
        browser.d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert shown == []


def test_branch_by_thumb_at_390(browser):
    """A list entry's button brings that branch's card up in view (a sheet on phones); markers are
    at least 24 px; the close button hands the screen back."""
    browser.open("/branches", width=390, height=844)
    settle(browser)
    sizes = browser.d.execute_script(
        "return [...document.querySelectorAll('#branches-map g.trace.scattergeo path.point')]"
        ".map(p => p.getBoundingClientRect()).filter(r => r.width > 0).map(r => Math.max(r.width, r.height))"
    )
    markers = [s for s in sizes if s > 5]
    assert markers and min(markers) >= 22, sizes  # 24 px symbols (a star's box is its points)
    assert "右侧" not in browser.body_text()
    button = browser.find('#branches-list [data-branch="shifeng"] button')
    browser.d.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button)
    button.click()
    card = browser.wait_for("#branches-detail .branch-card")
    assert "石峰区红旗北路348号凯风珑城" in card.text
    r = browser.d.execute_script("return arguments[0].getBoundingClientRect().toJSON()", card)
    assert r["top"] >= 0 and r["bottom"] <= 844 + 1, r
    browser.shot("branches-sheet-zh-390")
    browser.find("#branches-detail .sheet-close").click()
    browser.wait_idle()
    assert not browser.find_all("#branches-detail .branch-card")
