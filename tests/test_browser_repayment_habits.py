"""A buyer's habits on a phone, in a real browser: prepaying by month (the month typed stays, a month
outside the loan is said on its field), the new payment after 减少月供, and scenarios added in a
tap or two, side by side, carried in the link."""

import pytest

from tests.test_browser_repayment import _pick

pytestmark = pytest.mark.browser

BASE = "/calculators/repayment?principal=600000&annual_rate=3.1&months=360&start_month=2027-01"
PREPAY = BASE + "&prepayment_month=12&prepayment_amount=100000&prepayment_mode=reduce_payment"
PHONE = (390, 844)


def _choose_month(browser, name, month):
    """Choose a month as the phone's month picker does: the input's value set, then input and
    change events and the focus leaving (typing into Chrome's segmented month field by keys depends
    on which segment holds the focus)."""
    box = browser.field("repayment", name)
    browser.mark_requests()
    browser.d.execute_script(
        """const box = arguments[0];
        box.scrollIntoView({block: 'center'}); box.focus();
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(box, arguments[1]);
        box.dispatchEvent(new Event('input', {bubbles: true}));
        box.dispatchEvent(new Event('change', {bubbles: true}));
        box.blur();""",
        box,
        month,
    )
    browser.answered()


def _tap(browser, css):
    """Tap a button as a person does once it is on screen (scrolled there at once: Bootstrap's smooth
    scrolling would still be moving the page when the click lands)."""
    element = browser.find(css)
    browser.d.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    browser.frames()
    browser.mark_requests()
    element.click()
    browser.answered()


def test_prepay_by_month_on_a_phone(browser):
    browser.open(PREPAY, *PHONE)
    browser.wait_for("#repayment-new-payment")
    assert "第 13 期起" in browser.text("#repayment-prepay-change")
    assert browser.find("#repayment-prepay-by-month").get_attribute("class") == "d-none"
    _pick(browser, "prepayment_by", "month")
    browser.wait_for("#repayment-prepay-by-month")
    assert "d-none" in browser.find("#repayment-prepay-by-period").get_attribute("class")
    _choose_month(browser, "prepayment_calendar_month", "2028-06")
    assert browser.field("repayment", "prepayment_calendar_month").get_attribute("value") == "2028-06"
    browser.wait_for("#repayment-prepay-change", text="第 19 期起，2028-07")
    assert browser.text("#repayment-new-payment") == "2,121.40 元"
    assert "prepayment_calendar_month=2028-06" in browser.find("#repayment-share-url").get_attribute("value")
    # a month before the first payment: said on the field, in words, and what was typed stays
    _choose_month(browser, "prepayment_calendar_month", "2026-12")
    browser.wait_feedback("repayment", "prepayment_calendar_month", "首次还款在 2027-01")
    assert browser.field("repayment", "prepayment_calendar_month").get_attribute("value") == "2026-12"
    # back to the payment number: the number typed before is still there and counts again
    _pick(browser, "prepayment_by", "period")
    browser.wait_for("#repayment-prepay-change", text="第 13 期起")
    assert browser.field("repayment", "prepayment_month").get_attribute("value") == "12"
    assert browser.console_errors() == []


def test_a_link_by_month_in_english(browser):
    browser.open(BASE + "&prepayment_calendar_month=2056-12&prepayment_mode=pay_off&lang=en", *PHONE)
    browser.wait_for("#repayment-results")
    browser.wait_feedback("repayment", "prepayment_calendar_month", "prepay in 2056-11 at the latest")
    browser.open(BASE + "&prepayment_calendar_month=2056-11&prepayment_mode=pay_off&lang=en", *PHONE)
    browser.wait_for("#repayment-prepay-change", text="with payment 359 (2056-11)")


def test_scenarios_in_two_taps_side_by_side_and_shared(browser):
    from selenium.webdriver.support.ui import Select

    browser.open(BASE.replace("&annual_rate=3.1", ""), *PHONE)
    browser.wait_for("#repayment-payment")
    _tap(browser, "#repayment-add-home")  # one tap: the same loan as a second home
    browser.wait_for("#repayment-scenarios-table")
    browser.mark_requests()
    Select(browser.find("#repayment-add-term")).select_by_value("240")  # another: 20 years
    browser.answered()
    browser.wait_for('#repayment-scenarios-table [data-scenario="1"][data-row="months"]', text="20 年")
    cell = '#repayment-scenarios-table [data-scenario="{}"][data-row="{}"]'
    assert browser.text(cell.format("0", "annual_rate")) == "3.075%"
    assert browser.text(cell.format("main", "first_payment")) == "2,402.04 元"
    assert browser.text(cell.format("1", "first_payment")) == "3,208.73 元"
    assert browser.text(cell.format("1", "last_month")) == "2046-12"
    # side by side within the phone's width: nothing to scroll sideways
    box = browser.find("#repayment-scenarios-table").find_element("xpath", "..")
    assert browser.d.execute_script("return arguments[0].scrollWidth <= arguments[0].clientWidth + 1", box)
    link = browser.find("#repayment-share-url").get_attribute("value")
    assert "compare=home_number%3A2%3Bmonths%3A240" in link
    # the shared link reproduces the comparison
    browser.d.get(link)
    browser.wait_live()
    browser.wait_for("#repayment-scenarios-table")
    assert browser.text(cell.format("1", "first_payment")) == "3,208.73 元"
    # and a tap on × takes a scenario away
    _tap(browser, '#repayment-scenarios-table [data-scenario="0"] .scenario-remove')
    browser.wait_for(cell.format("0", "months"), text="20 年")
    assert not browser.find_all(cell.format("1", "months"))
    assert browser.console_errors() == []


def test_other_method_scenario_on_a_wide_screen(browser):
    browser.open(BASE + "&lang=en")
    browser.wait_for("#repayment-payment")
    _tap(browser, "#repayment-add-method")
    cell = '#repayment-scenarios-table [data-scenario="0"][data-row="{}"]'
    browser.wait_for(cell.format("method"), text="Equal principal")
    assert browser.text(cell.format("first_payment")) == "¥3,216.67"
    assert browser.text(cell.format("last_payment")) == "¥1,670.98"
    assert browser.console_errors() == []
