"""The repayment calculator in a real browser: every prepayment mode renders, the rate follows the
term, and a bad commercial part is marked on its own field."""

import pytest

pytestmark = pytest.mark.browser

BASE = "/calculators/repayment?principal=600000&annual_rate=3.1&months=360&prepayment_month=12"


@pytest.mark.parametrize(
    "mode,amount",
    [
        ("shorten_term", "&prepayment_amount=100000"),
        ("reduce_payment", "&prepayment_amount=100000"),
        ("pay_off", ""),
        ("pay_off", "&prepayment_amount=100000"),
    ],
)
def test_each_prepayment_mode_renders(browser, mode, amount):
    browser.open(f"{BASE}&prepayment_mode={mode}{amount}")
    browser.wait_for("#repayment-prepay")
    cell = browser.find(f'#repayment-prepay [data-mode="{mode}"][data-row="interest_saved"]').text
    assert cell.endswith("元") and cell != "—"
    if mode == "pay_off":
        assert cell == "303,929.09 元"
        assert (
            browser.find('#repayment-prepay [data-mode="pay_off"][data-row="months_saved"]').text
            == "348 个月"
        )
    if not amount:
        assert "填写提前还款金额" in browser.text("#repayment-prepay-no-compare")
    assert browser.find("#repayment-payment").text == "2,562.10 元"
    assert browser.console_errors() == []


def test_choosing_pay_off_in_the_form(browser):
    browser.open(BASE + "&prepayment_amount=100000&lang=en")
    browser.wait_for("#repayment-prepay")
    _pick(browser, "prepayment_mode", "pay_off")
    browser.wait_for("#repayment-schedule-caption", text="Pay off")
    assert (
        browser.find('#repayment-prepay [data-mode="pay_off"][data-row="interest_saved"]').text
        == "¥303,929.09"
    )
    assert browser.console_errors() == []


def _pick(browser, name, value):
    """Choose a radio option as a person does: click its label."""
    radio = browser.find(
        f'[id=\'{{"form":"repayment","name":"{name}","type":"field"}}\'] input[value="{value}"]'
    )
    label = browser.d.execute_script(
        "return arguments[0].closest('.form-check').querySelector('label')", radio
    )
    browser.mark_requests()
    browser.d.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click()", label)
    browser.answered()


def _rate(browser):
    return browser.field("repayment", "annual_rate").get_attribute("value")


def _choose_months(browser, months):
    from selenium.webdriver.support.ui import Select

    browser.mark_requests()
    Select(browser.field("repayment", "months")).select_by_value(str(months))
    browser.answered()


def test_default_rate_follows_the_term_until_typed(browser):
    browser.open("/calculators/repayment?principal=600000")
    browser.wait_for("#repayment-payment")
    assert _rate(browser) == "2.6"
    assert "2.10%" in browser.text("#repayment-rate-hint") and "2.60%" in browser.text("#repayment-rate-hint")
    _choose_months(browser, 60)
    browser.wait_for("#repayment-payment", text="10,542.93 元")
    assert _rate(browser) == "2.1"
    _pick(browser, "home_number", "2")
    browser.until(lambda: _rate(browser) == "2.525", message=f"the rate is {_rate(browser)}")
    browser.type_into("repayment", "annual_rate", "3.3")
    _choose_months(browser, 360)
    assert _rate(browser) == "3.3"
    assert "annual_rate=3.3" in browser.d.current_url


def test_link_with_short_term_opens_with_short_rate(browser):
    browser.open("/calculators/repayment?principal=600000&months=60")
    browser.wait_for("#repayment-payment", text="10,542.93 元")
    assert _rate(browser) == "2.1"


def test_bad_commercial_part_marks_that_field(browser):
    browser.open(
        "/calculators/repayment?principal=600000&annual_rate=3.1&months=360&commercial_principal=500"
    )
    browser.until(lambda: browser.feedback("repayment", "commercial_principal"), message="no message")
    assert "万元" in browser.feedback("repayment", "commercial_principal")
    assert browser.feedback("repayment", "principal") == ""
