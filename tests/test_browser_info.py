"""Public information pages in a real browser: figures visible, filters and clicks work, offline."""

import pytest

pytestmark = pytest.mark.browser

PHONE = 390


def click_plot_point(browser, point, expect: str, text: str | None = None, tries: int = 3):
    """Hover, then click a plotted point, as a mouse would; plotly may need the hover to settle."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.action_chains import ActionChains

    browser.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", point)
    browser.wait_idle()
    for attempt in range(tries):
        ActionChains(browser.d).move_to_element(point).pause(0.3).click().perform()
        try:
            return browser.wait_for(expect, timeout=8, text=text)
        except TimeoutException:
            if attempt == tries - 1:
                raise


def check_clean(browser):
    assert browser.console_errors() == []
    assert browser.outside_requests() == []


def test_statistics_headlines_charts_table(browser):
    browser.open("/statistics")
    browser.wait_for("#stats-chart-annual_collection .main-svg")
    # latest figures first; the 2022 anniversary figures stay, as history
    assert browser.text('#stats-latest [data-metric="contributors"]') == "32.05 万人"
    assert browser.text('#stats-latest [data-metric="annual_collection"]') == "68.41 亿元"
    assert browser.text('#stats-history [data-metric="contributors"]') == "37.18 万人"
    assert browser.text('#stats-history [data-metric="cumulative_contributions"]') == "514.17 亿元"
    assert "前后矛盾" in browser.text("#stats-inconsistent")
    # sparse years: one bar per published year, nothing in between
    bars = browser.find_all("#stats-chart-contributors .bars .point")
    assert "2025" in browser.find("#main [role=img]").get_attribute("aria-label")
    assert len(bars) == 3
    row = browser.find('#stats-table tr[data-metric="annual_collection"][data-period="2021"]')
    assert "推算" in row.text
    check_clean(browser)
    browser.full_shot("statistics-zh")


def test_history_filter_by_category(browser):
    browser.open("/history?lang=en")
    total = len(browser.find_all(".timeline-item"))
    assert total >= 30
    browser.click("#history-filter-awards")
    browser.wait_for("#history-count", text="2 items")
    items = browser.find_all(".timeline-item")
    assert {i.get_attribute("data-category") for i in items} == {"awards"}
    assert "category=awards" in browser.d.current_url and "lang=en" in browser.d.current_url
    # later, lower-confidence facts carry their badge
    browser.open("/history?category=reforms_policy")
    assert browser.find_all('.timeline-item[data-confidence="secondary"]')
    check_clean(browser)
    browser.full_shot("history-zh")


def test_branch_map_renders_offline_and_click_shows_details(browser):
    browser.open("/branches")
    browser.wait_for("#branches-map .geo")
    assert len(browser.find_all("#branches-list .branch-card")) == 11
    assert "本站依据的资料未公布地址" in browser.text('[data-branch="yanling"]')
    assert "石峰区红旗北路348号凯风珑城" in browser.text('[data-branch="shifeng"]')
    assert "审图号" in browser.text("#branches-map-note")
    # click the Shifeng department's marker on the zoomed city map (data order: 8th department)
    departments = browser.find_all("#branches-map-urban g.trace.scattergeo")[10]
    marker = departments.find_elements("css selector", "path.point")[7]
    click_plot_point(browser, marker, "#branches-detail .branch-card")
    assert "石峰区红旗北路348号凯风珑城" in browser.text("#branches-detail")
    # a county: its name on the map is the click target
    label_trace = browser.find_all("#branches-map g.trace.scattergeo")[-1]
    names = [t.text for t in label_trace.find_elements("css selector", "text")]
    target = label_trace.find_elements("css selector", "path.point")[names.index("醴陵市")]
    click_plot_point(browser, target, "#branches-detail h2", text="醴陵市")
    assert "醴陵市管理部" in browser.text("#branches-detail")
    check_clean(browser)
    browser.full_shot("branches-zh")


def test_branch_sheet_says_where_nothing_is_published(browser):
    """On a phone, in English: an office without an address says so, and no phone number or
    hours are made up; the map search is an outside link in a new tab that the page never loads."""
    from facts.branches import branches
    from i18n import t

    browser.open("/branches?lang=en", width=PHONE, height=844)
    browser.wait_for("#branches-map-urban .geo")  # the maps drawn: the list no longer moves
    button = browser.find('#branches-list [data-branch="yanling"] button')
    sheet = click_plot_point(browser, button, "#branches-detail .branch-card")  # a tap, retried
    for key in ("no_address", "phone_none", "hours_none"):
        assert t("en", f"branches.{key}") in sheet.text
    assert sheet.find_element("css selector", '.source-badge[data-confidence="general"]').is_displayed()
    link = sheet.find_element("css selector", "a.branch-map-link")
    yanling = next(b for b in branches() if b.id == "yanling")
    assert link.get_attribute("href") == yanling.map_url
    assert (link.get_attribute("target"), link.get_attribute("rel")) == ("_blank", "noopener noreferrer")
    assert link.is_displayed() and browser.overflowing() == []
    shifeng = browser.text('#branches-list [data-branch="shifeng"]')
    assert "348 Hongqi North Road" in shifeng and t("en", "branches.phone_none") in shifeng
    check_clean(browser)
    browser.shot("branches-en-phone-sheet")


def test_policy_page_from_policy_data(browser):
    browser.open("/policy?lang=en")
    row = browser.find('#policy-in-force [data-param="ceiling_standard"]')
    assert "¥800,000" in row.text and "since 2024-09-25" in row.text
    row = browser.find('#policy-in-force [data-param="balance_multiplier"]')
    assert "estimate" in row.get_attribute("class") and "site estimate" in row.text
    assert (
        row.find_element("css selector", "a.estimate-link")
        .get_attribute("href")
        .endswith("/about?lang=en#assumptions")
    )
    assert len(browser.find_all("#policy-history-table tbody tr")) == 7
    assert "18,000" in browser.text('[data-note="rent"]')
    assert "4,472" in browser.text('[data-note="covid_deferral"]')
    browser.click('#policy-in-force [data-param="ceiling_standard"] a')
    browser.wait_for("#quota-amount")
    assert "lang=en" in browser.d.current_url
    check_clean(browser)


def test_about_lists_assumptions_and_sources(browser):
    browser.open("/about")
    assumptions = browser.find_all("#about-assumptions li")
    assert {a.get_attribute("data-param") for a in assumptions} >= {
        "balance_multiplier",
        "income_ratio",
        "max_age_at_term_end",
    }
    assert "12329" in browser.body_text()
    check_clean(browser)


@pytest.mark.parametrize("path", ["/statistics", "/history", "/branches", "/policy", "/about"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_info_pages_at_both_widths(browser, path, lang):
    query = "?lang=en" if lang == "en" else ""
    browser.open(path + query, width=PHONE, height=844)
    assert browser.overflowing() == []
    assert browser.d.execute_script("return document.documentElement.lang") == (
        "en" if lang == "en" else "zh-CN"
    )
    name = path.strip("/")
    browser.full_shot(f"{name}-{lang}-phone", width=PHONE)
    browser.open(path + query)
    browser.full_shot(f"{name}-{lang}-desktop")
    check_clean(browser)
