"""Issue 27 in a browser, as a new buyer on a phone: price, area, cash -> what to bring, what home
fits, what if rates fall, and a picture of the answer to send to a spouse."""

from __future__ import annotations

import pytest
from selenium.webdriver.support.ui import Select

from tests.conftest import TODAY

pytestmark = pytest.mark.browser
BUYER = f"age=30&contribution_months=24&account_balance=50000&monthly_income=12000&date={TODAY}"


def test_a_buyer_sees_cash_to_close_and_sends_it_as_a_picture(browser):
    browser.open(f"/calculators/quota?{BUYER}&house_price=1000000", 390, 844)
    browser.wait_for("#quota-close-tax", text="契税未计入")  # no area yet: said, not a silent zero
    browser.type_into("quota", "floor_area", "141")
    browser.wait_for("#quota-close-tax", text="契税 1.5%：15,000.00 元")
    assert "财政部公告2024年第16号" in browser.text("#quota-close-tax")
    assert "250,000.00" in browser.text("#quota-close") and "未计入" in browser.text("#quota-close-missing")
    browser.full_shot("quota-cash-to-close-phone", width=390)
    # What home fits: the cash pays the down payment and the deed tax.
    browser.type_into("quota", "cash", "30")
    browser.wait_for("#quota-afford-parts", text="税费")
    link = browser.find("#quota-share-image").get_attribute("href")
    assert "/share/quota.png?" in link and "floor_area=141" in link and "cash=300000" in link
    browser.d.get(link)
    size = browser.d.execute_script(
        "const i = document.querySelector('img'); return i && i.complete ? [i.naturalWidth, i.naturalHeight] : null"
    )
    assert size and size[0] == 720
    browser.shot("quota-share-image-phone")


def test_a_buyer_asks_what_if_rates_fall(browser):
    browser.open(f"/calculators/repayment?principal=600000&months=360&date={TODAY}", 390, 844)
    browser.wait_live()
    browser.click("#repayment-what-if-details > summary")  # a closed section, built once opened
    browser.wait_for('[data-field="what_if"] select')
    Select(browser.find('[data-field="what_if"] select')).select_by_value("-25")
    browser.wait_for("#repayment-what-if", text="不是预测")
    shown = browser.text("#repayment-what-if")
    assert "少付" in shown and "−0.25" in shown
    assert "what_if=-25" in browser.d.current_url
    browser.full_shot("repayment-what-if-phone", width=390)
    assert browser.console_errors() == []


def test_the_what_if_fits_a_phone_in_english(browser):
    browser.open(
        "/calculators/repayment?principal=600000&months=360&start_month=2021-07&what_if=-25&lang=en", 390, 844
    )
    browser.wait_for("#repayment-what-if", text="not a forecast")
    wide = browser.d.execute_script(
        "return [...document.querySelectorAll('#repayment-what-if .table-responsive')]"
        ".map(e => e.scrollWidth - e.clientWidth)"
    )
    assert wide and max(wide) <= 0, wide
    assert browser.overflowing() == []
