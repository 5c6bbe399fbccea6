"""The quota page's answer without a browser: the verdict before the amount, nothing lent for a third
home, caps never above the quota."""

import app  # noqa: F401  (registers the pages)
from tests.conftest import find, text_of


def quota_answer(**values):
    from pages import quota

    base = {
        "age": "30",
        "contribution_months": "24",
        "account_balance": "50000",
        "monthly_income": "12000",
        "house_price": "1000000",
        "home_number": "1",
        "date": "2026-11-27",
    }
    return quota.compute({**base, **values}, "zh")


def test_quota_verdict_before_amount():
    answer = quota_answer(contribution_months="3")
    assert not answer.ok
    text = text_of(answer.result)
    assert text.index("暂不符合贷款条件") < text.index("满足上述条件后")
    assert "再连续缴存 3 个月" in text
    assert text_of(answer.bar[1]) == "连续缴存"


def test_quota_third_home_is_not_lent_and_shows_no_payment():
    answer = quota_answer(home_number="3")
    text = text_of(answer.result)
    assert "不予公积金贷款" in text and "每月约还" not in text
    assert find(answer.result, "quota-payment-line") is None and find(answer.result, "quota-amount") is None
    assert find(answer.result, "quota-use-amount") is None


def test_quota_eligible_leads_with_the_amount():
    answer = quota_answer()
    assert answer.ok and text_of(answer.bar[1]) == "75 万元"


def test_quota_caps_never_read_above_the_quota():
    answer = quota_answer(age="60", account_balance="500000", house_price="3000000", monthly_income="12000")
    amounts = [text_of(row.children[1]) for row in find(answer.result, "quota-caps").children[1].children]
    assert "341,461 元" in amounts and not any("万元" in a for a in amounts)
    assert text_of(answer.bar[1]) == "34.14 万元"


def test_the_quota_page_shows_the_applicant_under_every_policy_version():
    from calculators.policy_files import default_policy
    from pages import quota

    layout = quota.layout(
        age="30",
        contribution_months="36",
        account_balance="60000",
        monthly_income="15000",
        house_price="1500000",
    )
    section = find(layout, "quota-timeline")
    text = text_of(section)
    assert [v.id for v in default_policy().versions][0] == "2015-08-26"
    assert (
        "40 万元" in text
        and "80 万元" in text
        and text.count("由政策最高额度决定") == len(default_policy().versions)
    )


def test_the_more_section_opens_for_a_message_on_one_of_its_fields():
    """Its fields are built in the browser only once it is open, so a message there opens it."""
    from components import applicant_form as af

    names = ["age", "term_years", "monthly_debt"]
    assert not af.marked_more(names, ["请填写此项。", "", ""])  # a message outside it
    assert af.marked_more(names, ["", "最长 15 年。", ""])
    assert af.form("quota", "zh", {}, marked=True).children[-1].open is True
    assert af.form("quota", "zh", {}).children[-1].open is False
    assert af.form("quota", "zh", {"co_borrower": "1"}).children[-1].open is True
