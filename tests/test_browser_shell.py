"""Home page, navigation, language and 404 in a real headless Chromium."""

import pytest

pytestmark = pytest.mark.browser

PHONE = 390


@pytest.mark.parametrize(
    "lang,heading,figure",
    [
        ("zh", "株洲住房公积金 信息与测算", "32.05 万人"),
        ("en", "Zhuzhou Housing Provident Fund", "320,500 people"),
    ],
)
def test_home_renders_figures_and_links(browser, lang, heading, figure):
    browser.open("/" if lang == "zh" else "/?lang=en")
    browser.wait_for("h1", text=heading)
    assert browser.d.execute_script("return document.documentElement.lang") == (
        "zh-CN" if lang == "zh" else "en"
    )
    # the latest year first, with its year (issue 10)
    assert browser.text('[data-metric="contributors"]') == figure
    assert browser.find('[data-metric="contributors"]').get_attribute("data-period") == "2025"
    # every headline figure carries a source badge
    assert len(browser.find_all("#main .source-badge")) >= 6
    text = browser.body_text()
    assert ("免责" in text or "估算" in text) if lang == "zh" else "estimate" in text
    assert browser.console_errors() == []
    assert browser.outside_requests() == []
    browser.full_shot(f"home-{lang}-desktop")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_home_at_phone_width(browser, lang):
    browser.open("/" if lang == "zh" else "/?lang=en", width=PHONE, height=844)
    toggler = browser.find("#nav-toggler")
    assert toggler.is_displayed()
    # no horizontal scrolling at phone width
    assert browser.overflowing() == []
    toggler.click()
    browser.wait_for("#nav-collapse #lang-switch")
    browser.full_shot(f"home-{lang}-phone", width=PHONE)


def test_language_persists_while_navigating(browser):
    browser.open("/?lang=en")
    browser.click("#home-tool-quota")
    browser.wait_for("#site-navbar", text="Calculators")
    assert "lang=en" in browser.d.current_url
    browser.wait_idle()
    assert browser.d.title.startswith("Loan quota")
    browser.click("#lang-switch")
    browser.wait_for("#site-navbar", text="测算工具")
    assert "lang=en" not in browser.d.current_url
    assert browser.d.execute_script("return document.documentElement.lang") == "zh-CN"


def test_friendly_404(browser):
    browser.open("/no/such/page?lang=en")
    browser.wait_for("#notfound-body")
    assert "no page at this address" in browser.text("#notfound-body")
    # the only console line is Chromium noting the HTTP 404 status of the page itself
    assert [e for e in browser.console_errors() if "status of 404" not in e] == []
    browser.shot("404-en")
