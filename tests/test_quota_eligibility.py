"""Quota and eligibility: the same rules, different questions."""

import datetime as dt
from decimal import Decimal

import pytest

from calculators.applicant import parse_applicant
from calculators.eligibility import check
from calculators.errors import ValidationError
from calculators.policy_files import default_policy
from calculators.quota import quota
from calculators.repayment import level_payment
from tests.conftest import APPLICANT, WELL_OFF

D = Decimal


def run(**changes):
    a = parse_applicant({**APPLICANT, **changes}, for_quota=True)
    return quota(a, default_policy().on(a.date))


def elig(**changes):
    a = parse_applicant({**APPLICANT, **changes}, for_quota=False)
    return check(a, default_policy().on(a.date))


def hukou(**changes):
    """The household-registration check, and the whole answer."""
    result = elig(**changes)
    return next(c for c in result.checks if c.rule == "hukou"), result


def test_balance_binds_and_amount_is_min_of_caps_rounded_down_to_100():
    q = run(account_balance=50123)
    caps = {c.name: c.amount for c in q.caps}
    assert q.binding_cap == "balance" and caps["balance"] == D("751845.00")
    assert q.amount == D("751800")
    assert q.amount <= min(caps.values())


def test_ceiling_before_and_after_2022_04_01():
    assert run(date="2022-03-31", account_balance=500000).amount == 400000
    assert run(date="2022-04-01", account_balance=500000).amount == 600000
    assert run(date="2022-03-31", account_balance=500000, co_borrower=True).amount == 600000


def test_loan_to_value_first_and_second_home():
    assert run(house_price=500000, account_balance=500000).cap("loan_to_value").amount == 400000
    q = run(house_price=500000, account_balance=500000, home_number=2)
    assert q.cap("loan_to_value").amount == 350000 and q.annual_rate == D("3.075")


def test_third_home_gets_nothing():
    q = run(home_number=3)
    assert q.amount == 0 and q.binding_cap == "loan_to_value"
    assert any(n.code == "home_number_not_lent" for n in q.notes)


def test_repayment_capacity_matches_payment_at_policy_rate():
    q = run(monthly_income=4000, account_balance=500000)
    assert q.binding_cap == "repayment_capacity"
    # the quota's payment fits 50% of income
    assert level_payment(q.amount, q.annual_rate, q.term_years * 12) <= D("2000")
    r = D("2.6") / 1200  # a plain annuity formula, apart from the site's numpy-financial call
    expected = D(2000) * (1 - (1 + r) ** -360) / r
    assert abs(q.cap("repayment_capacity").amount - expected) < 1


def test_debt_reduces_capacity_to_zero():
    q = run(monthly_income=4000, monthly_debt=2500)
    assert q.amount == 0 and q.binding_cap == "repayment_capacity"


def test_talent_not_bound_by_balance_and_higher_ceiling():
    q = run(category="high_level_talent", account_balance=1000, monthly_income=100000, house_price=3000000)
    assert q.cap("balance") is None and q.amount == 1200000
    assert any(n.code == "talent_balance_exempt" for n in q.notes)


def test_multi_child_uplift_and_ceiling():
    q = run(category="multi_child_family", account_balance=50000)
    assert q.cap("balance").amount == D("975000.00")  # 50000 x 15 x 1.3
    assert q.cap("ceiling").amount == 1000000


def test_unknown_category_in_old_version_is_standard_with_note():
    q = run(category="recent_graduate", date="2023-01-01", account_balance=500000)
    assert q.category == "standard" and q.amount == 600000
    assert q.notes[0].code == "category_unknown"


def test_age_limits_term():
    q = run(age=50)
    assert q.max_term_years == 15 and q.term_years == 15
    with pytest.raises(ValidationError) as err:
        run(age=50, term_years=20)
    assert err.value.fields() == {"term_years"}
    with pytest.raises(ValidationError) as err:
        run(age=66)
    assert err.value.fields() == {"age"}


def test_short_term_uses_short_rate():
    assert run(term_years=5).annual_rate == D("2.10")
    assert run(term_years=6).annual_rate == D("2.60")


def test_lift_tells_what_each_10000_of_balance_adds():
    q = run()
    assert q.cap("balance").lift.gain == D("150000")


def test_eligibility_all_pass():
    r = elig()
    assert r.eligible and all(c.passed for c in r.checks)
    assert [c.rule for c in r.checks] == [
        "contribution_months",
        "account_status",
        "age_term",
        "home_number",
        "hukou",
        "category",
        "repayment_capacity",
    ]


@pytest.mark.parametrize(
    "changes,rule,fix",
    [
        ({"contribution_months": 3}, "contribution_months", "contribution_short"),
        ({"account_status": "suspended"}, "account_status", "account_suspended"),
        ({"age": 17}, "age_term", "age_too_young"),
        ({"age": 65}, "age_term", "age_too_old"),
        ({"age": 50, "term_years": 20}, "age_term", "term_too_long"),
        ({"home_number": 3}, "home_number", "home_not_lent"),
        ({"monthly_debt": 7000}, "repayment_capacity", "capacity_none"),
    ],
)
def test_each_failing_rule_says_why_and_how_to_fix(changes, rule, fix):
    r = elig(**changes)
    assert not r.eligible
    failed = [c for c in r.checks if not c.passed]
    assert [c.rule for c in failed] == [rule] and failed[0].fix == fix


def test_eligibility_does_not_need_balance_or_price():
    a = parse_applicant({"age": 30, "contribution_months": 12, "monthly_income": 8000}, for_quota=False)
    assert check(a, default_policy().on(dt.date(2026, 1, 1))).eligible


def test_parse_accepts_spreadsheet_spellings():
    a = parse_applicant(
        {
            **APPLICANT,
            "account_balance": "5万",
            "house_price": "1,000,000",
            "category": "高层次人才",
            "co_borrower": "是",
        },
        for_quota=True,
    )
    assert a.account_balance == 50000 and a.house_price == 1000000
    assert a.category == "high_level_talent" and a.co_borrower is True


def test_parse_reports_every_bad_field():
    with pytest.raises(ValidationError) as err:
        parse_applicant(
            {
                "age": "abc",
                "contribution_months": -1,
                "monthly_income": "1e999x",
                "house_price": 0,
                "account_balance": "",
                "co_borrower": "maybe",
                "category": "king",
            },
            for_quota=True,
        )
    assert err.value.fields() == {
        "age",
        "contribution_months",
        "monthly_income",
        "house_price",
        "account_balance",
        "co_borrower",
        "category",
    }


def test_two_children_before_2024_09_25_get_the_standard_ceiling():
    r = run(**WELL_OFF, date="2023-01-01", category="multi_child_family", children=2)
    assert r.amount == 600000 and r.category == "standard"
    assert [n.code for n in r.notes] == ["multi_child_too_few", "multi_child_later"]
    assert run(**WELL_OFF, date="2023-01-01", category="multi_child_family", children=3).amount == 800000
    later = run(**WELL_OFF, date="2024-09-25", category="multi_child_family", children=2)
    assert later.category == "multi_child_family"


def test_hukou_rule_applied_before_2022_04_01():
    c, result = hukou(date="2022-03-01", fund_city="other", local_hukou=False)
    assert not c.passed and not result.eligible and c.params["lifted"] == "2022-04-01"
    c, result = hukou(date="2022-04-01", fund_city="other", local_hukou=False)
    assert c.passed and result.eligible
    c, _ = hukou(date="2022-03-01", fund_city="other", local_hukou=True)
    assert c.passed and c.checked


def test_hukou_not_asked_is_not_checked(post):
    c, result = hukou(date="2022-03-01", fund_city="other")
    assert c.passed and not c.checked and result.eligible is None  # depends on the registration
    body = post(
        "/api/v1/eligibility?lang=en",
        {
            "age": 30,
            "contribution_months": 24,
            "monthly_income": 12000,
            "date": "2022-03-01",
            "fund_city": "other",
        },
    ).get_json()
    rule = next(c for c in body["checks"] if c["rule"] == "hukou")
    assert rule["checked"] is False and rule["message"].startswith("Not checked")
    assert body["eligible"] is None
    c, _ = hukou(date="2022-03-01")  # contributes in Zhuzhou: the rule does not apply
    assert c.passed and c.checked
