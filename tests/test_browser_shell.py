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


def _marked(browser):
    """Set a mark on the window: it survives moving inside the app, not a page load."""
    browser.d.execute_script("window.__samePage = true")
    return lambda: browser.d.execute_script("return window.__samePage === true")


def test_the_menu_is_html_that_works_like_the_components(browser):
    """The menu goes as HTML (rendering/static_html.py); assets/links.js opens the dropdown with a
    click or the keyboard, closes it outside, and its links move inside the app."""
    from selenium.webdriver.common.keys import Keys

    browser.open("/?lang=en")
    same_page = _marked(browser)
    toggle = browser.find("#site-navbar .dropdown-toggle")
    menu = browser.find("#site-navbar .dropdown-menu")
    assert not menu.is_displayed()
    toggle.click()
    assert menu.is_displayed() and toggle.get_attribute("aria-expanded") == "true"
    outside = browser.find("#disclaimer")
    browser.d.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", outside)
    outside.click()
    assert not menu.is_displayed() and toggle.get_attribute("aria-expanded") == "false"
    browser.d.execute_script("window.scrollTo({top: 0, behavior: 'instant'})")
    # keyboard: arrow down opens and walks the items, Escape closes and gives the focus back
    toggle.send_keys(Keys.ARROW_DOWN)
    items = browser.find_all("#site-navbar .dropdown-item")
    assert menu.is_displayed() and browser.d.switch_to.active_element == items[0]
    browser.d.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    assert browser.d.switch_to.active_element == items[1]
    browser.d.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert not menu.is_displayed() and browser.d.switch_to.active_element == toggle
    toggle.send_keys(Keys.SPACE)
    assert menu.is_displayed()
    # an item moves inside the app: no page load, the new page, the menu closed and marked, and
    # the keyboard goes on from the new page's content
    quota = next(a for a in items if "/calculators/quota" in a.get_attribute("href"))
    quota.send_keys(Keys.ENTER)
    browser.wait_for("h1", text="Loan quota")
    browser.wait_idle()
    assert same_page() and "lang=en" in browser.d.current_url
    assert browser.d.switch_to.active_element.get_attribute("id") == "main"
    assert not browser.find("#site-navbar .dropdown-menu").is_displayed()
    assert "active" in browser.find('#site-navbar .dropdown-item[href*="/calculators/quota"]').get_attribute(
        "class"
    )
    # the footer's link too
    about = browser.find("#site-footer a[data-app-link]")
    browser.d.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", about)
    about.click()
    browser.wait_for("h1", text="About")
    assert same_page()
    # a ctrl-click on the language switch is left to the browser (a new tab), with the whole link;
    # the test's own listener, after the site's, sees that and keeps the tab from opening here
    switch = browser.find("#lang-switch")
    left_alone = browser.d.execute_script(
        """
        let seen = null;
        document.addEventListener("click", e => { seen = !e.defaultPrevented; e.preventDefault(); }, {once: true});
        arguments[0].dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true, ctrlKey: true}));
        return seen;""",
        switch,
    )
    assert left_alone and same_page() and switch.get_attribute("href").endswith("/about")
    assert browser.console_errors() == []


def test_the_phone_menu_opens_and_closes_and_leads_inside_the_app(browser):
    browser.open("/calculators/repayment", width=PHONE, height=844)
    same_page = _marked(browser)
    toggler = browser.find("#nav-toggler")
    collapse = browser.find("#nav-collapse")
    assert not collapse.is_displayed() and toggler.get_attribute("aria-expanded") == "false"
    toggler.click()
    browser.wait_for("#nav-collapse #lang-switch")
    assert toggler.get_attribute("aria-expanded") == "true"
    toggler.click()
    assert not collapse.is_displayed()
    toggler.click()
    browser.find('#nav-collapse a.nav-link[href="/policy"]').click()
    browser.wait_for("h1", text="政策")
    browser.wait_idle()
    assert same_page() and browser.d.current_url.endswith("/policy")
    # the new page's menu is closed, and says where the visitor is
    assert not browser.find("#nav-collapse").is_displayed()
    assert "active" in browser.find('#nav-collapse a.nav-link[href="/policy"]').get_attribute("class")
    browser.d.back()
    browser.wait_for("#repayment-bar-payment")
    assert same_page()


def test_the_menu_works_before_the_app_is_live(browser):
    """In the server's page, before dash-renderer has started: the menu opens, and a link loads
    the page it names (the browser's own navigation; the app is not there to move)."""
    from tests.test_browser_first_screen import HOLD_THE_APP, on_every_load

    with on_every_load(browser, HOLD_THE_APP):
        browser.d.set_window_size(PHONE, 844)
        browser.d.get(browser.base + "/calculators/repayment")
        toggler = browser.wait_for("#ssr-page #nav-toggler")
        toggler.click()
        browser.wait_for("#ssr-page #nav-collapse #lang-switch")
        browser.find("#ssr-page .dropdown-toggle").click()
        browser.find('#ssr-page .dropdown-item[href="/calculators/quota"]').click()
        browser.wait_for("#ssr-page h1", text="可贷额度")
        assert browser.d.current_url.endswith("/calculators/quota")
        browser.d.execute_script("window.__release()")
    browser.wait_live()
    assert browser.find("h1").text.startswith("可贷额度")
