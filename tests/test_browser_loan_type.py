"""Issue 25 in a browser: the repayment page's loan type (公积金 / 组合 / 商业), the habit of every
Chinese mortgage calculator. A commercial loan alone is asked for by choosing it, not refused."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _choose(browser, value):
    label = browser.find(f'[data-field="loan_type"] input[value="{value}"] + label')
    label.click()


def test_choosing_a_commercial_loan_hides_the_fund_fields_and_answers_it(browser):
    browser.open("/calculators/repayment?principal=600000&months=360", 390, 844)
    assert browser.find('[data-field="loan_type"] input[value="hpf"]').is_selected()
    assert not browser.find("#repayment-combo-details").is_displayed()  # the fund loan alone
    _choose(browser, "commercial")
    # The combination section opens on its own: its amount is asked for, beside its field.
    browser.wait_for('[data-field="commercial_principal"] .field-error', text="请填写", timeout=15)
    assert not browser.find('[data-field="principal"]').is_displayed()
    browser.type_into("repayment", "commercial_principal", "50")
    browser.wait_for("#repayment-rate-line", text="商业贷款（没有公积金部分）")
    assert "loan_type=commercial" in browser.d.current_url
    browser.full_shot("repayment-commercial-only-phone", width=390)
    _choose(browser, "combination")
    browser.wait_for("#repayment-combo", text="其中公积金 60 万元")
    assert browser.find('[data-field="principal"]').is_displayed()
    assert browser.console_errors() == []
