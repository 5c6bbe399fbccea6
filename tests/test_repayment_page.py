"""Defects an independent audit found (issue 8), each pinned by a test, plus properties that keep
the page and the API giving the same numbers."""
import csv
import datetime as dt
import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from calculators.applicant import parse_applicant
from calculators.eligibility import check
from calculators.policy import default_policy
from calculators.quota import quota
from tests.conftest import find, text_of

ROOT = Path(__file__).resolve().parent.parent


def post(client, path, body):
    return client.post(path, data=json.dumps(body), content_type="application/json")


def page_update(values: dict, lang="zh"):
    """Run the repayment page's callback as the browser would, with the form showing ``values``."""
    from pages import repayment as rp
    names = [f.name for f in rp._fields(dt.date.today())]
    ids = [{"type": "field", "form": "repayment", "name": n} for n in names]
    defaults = {"principal": "60", "months": "360", "home_number": "1", "method": "equal_installment",
                "start_month": "2027-01", "prepayment_mode": "shorten_term"}
    shown = [{**defaults, **values}.get(n) for n in names]
    feedback, _echo, summary, *_ = rp.update(shown, ids, lang)
    return dict(zip(names, feedback)), summary


# 1. 一次还清 on the page ------------------------------------------------------------------------

@pytest.mark.parametrize("mode,amount", [("shorten_term", "10"), ("reduce_payment", "10"),
                                         ("pay_off", ""), ("pay_off", "10")])
def test_every_prepayment_mode_renders_on_the_page(client, mode, amount):
    import app  # noqa: F401  (registers the pages)
    feedback, summary = page_update({"annual_rate": "3.1", "prepayment_month": "12",
                                     "prepayment_amount": amount, "prepayment_mode": mode})
    assert not any(feedback.values()), feedback
    table = find(summary, "repayment-prepay")
    assert table is not None
    text = text_of(table)
    if mode == "pay_off":
        assert "303,929.09" in text  # the API's interest saved for this loan
    if not amount:
        assert "—" in text and find(summary, "repayment-prepay-no-compare") is not None


def test_other_modes_without_amount_ask_for_it(client):
    import app  # noqa: F401
    feedback, _ = page_update({"annual_rate": "3.1", "prepayment_month": "12",
                               "prepayment_mode": "reduce_payment"})
    assert feedback["prepayment_amount"] == "请填写此项。"


# 2. LPR history ---------------------------------------------------------------------------------

@pytest.mark.parametrize("day,rate", [("2024-08-01", 3.85), ("2023-07-01", 4.20), ("2020-06-01", 4.65),
                                      ("2019-12-01", 4.80), ("2019-08-20", 4.85), ("2022-08-22", 4.30),
                                      ("2024-10-21", 3.60), ("2026-11-27", 3.50)])
def test_lpr_on_date(client, day, rate):
    body = client.get(f"/api/v1/policy?date={day}").get_json()
    assert body["lpr_5y"]["value"] == rate
    assert body["lpr_5y"]["source"]["id"] == "lpr_notices" and body["lpr_5y"]["effective"] <= day


def test_no_lpr_before_august_2019(client):
    body = client.get("/api/v1/policy?date=2019-01-01&lang=en").get_json()["lpr_5y"]
    assert body["value"] is None and "no Loan Prime Rate before 2019-08-20" in body["message"]
    assert body["benchmark"]["value"] == 4.90 and body["benchmark"]["effective"] == "2015-10-24"


def test_every_lpr_entry_names_its_source():
    policy = default_policy()
    assert len(policy.lpr) == 12
    assert all(r.source.id == "lpr_notices" for r in policy.lpr)
    assert policy.benchmark.source.id == "pboc_benchmark_2015"


# 3. Default rate follows the term -----------------------------------------------------------------

def test_api_default_rate_by_term_and_home(client):
    short = post(client, "/api/v1/repayment?schedule=false", {"principal": 600000, "months": 60}).get_json()
    assert short["monthly_payment"] == 10542.93 and short["annual_rate"] == 2.1
    assert short["rate_source"]["parameter"] == "rate_first_home_short"
    long = post(client, "/api/v1/repayment?schedule=false", {"principal": 600000, "months": 61}).get_json()
    assert long["annual_rate"] == 2.6
    second = post(client, "/api/v1/repayment?schedule=false",
                  {"principal": 600000, "months": 60, "home_number": 2}).get_json()
    assert second["annual_rate"] == 2.525
    old = post(client, "/api/v1/repayment?schedule=false",
               {"principal": 600000, "months": 360, "date": "2023-01-01"}).get_json()
    assert old["annual_rate"] == 3.1


def test_page_default_rate_by_term():
    import app  # noqa: F401
    from pages import repayment as rp
    assert rp._auto_rate("60", "1") == "2.1" and rp._auto_rate("360", "1") == "2.6"
    assert rp._auto_rate("60", "2") == "2.525"
    assert rp._auto_rate("360", "1", "2023-01") == "3.1"  # a loan that started in December 2022
    # the rate field follows the term while it holds the policy rate...
    assert rp.follow_policy_rate("60", "1", "2027-01", "2.6", "2.6") == ("2.1", "2.1")
    assert rp.follow_policy_rate("60", "1", "2027-01", "", "2.6") == ("2.1", "2.1")
    # ...and a rate the user typed stays
    import dash
    assert rp.follow_policy_rate("60", "1", "2027-01", "3.3", "2.6") == (dash.no_update, dash.no_update)
    _, summary = page_update({"principal": "60", "months": "60", "annual_rate": "2.1"})
    assert text_of(find(summary, "repayment-payment")) == "10,542.93 元"


# 4. Multi-child families ----------------------------------------------------------------------------

WELL_OFF = dict(age=30, contribution_months=60, account_balance=300000, monthly_income=60000,
                house_price=5000000)


def q(**kw):
    a = parse_applicant({**WELL_OFF, **kw}, for_quota=True)
    return quota(a, default_policy().on(a.date))


def test_two_children_before_2024_09_25_get_the_standard_ceiling():
    r = q(date="2023-01-01", category="multi_child_family", children=2)
    assert r.amount == 600000 and r.category == "standard"
    assert [n.code for n in r.notes] == ["multi_child_too_few", "multi_child_later"]
    assert q(date="2023-01-01", category="multi_child_family", children=3).amount == 800000
    assert q(date="2024-09-25", category="multi_child_family", children=2).category == "multi_child_family"


def test_children_not_given_says_which_reading(client):
    body = post(client, "/api/v1/quota?lang=en", {**WELL_OFF, "date": "2023-01-01",
                                                  "category": "multi_child_family"}).get_json()
    assert body["amount"] == 800000
    assert "at least 3 children" in body["notes"][0]["message"]


def test_batch_alias_for_two_children():
    from calculators import batch
    [row] = batch.run([{**WELL_OFF, "date": "2023-01-01", "category": "二孩及以上家庭", "_row": 2}])
    assert row.quota.amount == 600000


# 5. Household registration ------------------------------------------------------------------------------

def elig(**kw):
    base = dict(age=30, contribution_months=24, monthly_income=12000)
    a = parse_applicant({**base, **kw}, for_quota=False)
    result = check(a, default_policy().on(a.date))
    return next(c for c in result.checks if c.rule == "hukou"), result


def test_hukou_rule_applied_before_2022_04_01():
    c, result = elig(date="2022-03-01", fund_city="other", local_hukou=False)
    assert not c.passed and not result.eligible and c.params["lifted"] == "2022-04-01"
    c, result = elig(date="2022-04-01", fund_city="other", local_hukou=False)
    assert c.passed and result.eligible
    c, _ = elig(date="2022-03-01", fund_city="other", local_hukou=True)
    assert c.passed and c.checked


def test_hukou_not_asked_is_not_checked(client):
    c, result = elig(date="2022-03-01", fund_city="other")
    assert c.passed and not c.checked and result.eligible
    body = post(client, "/api/v1/eligibility?lang=en", {"age": 30, "contribution_months": 24,
                                                        "monthly_income": 12000, "date": "2022-03-01",
                                                        "fund_city": "other"}).get_json()
    hukou = next(c for c in body["checks"] if c["rule"] == "hukou")
    assert hukou["checked"] is False and hukou["message"].startswith("Not checked")
    c, _ = elig(date="2022-03-01")  # contributes in Zhuzhou: the rule does not apply
    assert c.passed and c.checked


# 6. A wrong commercial part names the commercial field ---------------------------------------------------

def test_commercial_part_error_names_its_field(client):
    r = post(client, "/api/v1/repayment", {"principal": 600000, "commercial_principal": 500,
                                           "annual_rate": 3.1, "months": 360})
    assert r.status_code == 422
    assert [e["field"] for e in r.get_json()["errors"]] == ["commercial_principal"]
    import app  # noqa: F401
    feedback, _ = page_update({"annual_rate": "3.1", "commercial_principal": "0.05"})
    assert feedback["commercial_principal"] and not feedback["principal"]


# 7. Provenance that says no more than the source --------------------------------------------------------

def test_pre_2022_ceilings_known_only_before_2022_04_01(client):
    params = client.get("/api/v1/policy?date=2021-01-01").get_json()["parameters"]
    for name in ("ceiling_standard", "ceiling_high_level_talent", "ceiling_standard_with_co_borrower",
                 "local_hukou_required_for_nonlocal"):
        assert params[name]["since"] is None and params[name]["since_known"] is False
        assert params[name]["until"] == "2022-04-01"
    from components.badges import since_text
    v = default_policy().on(dt.date(2021, 1, 1))
    assert since_text(v["ceiling_standard"], "zh").startswith("2022-04-01 之前")


def test_second_home_rates_held_since_2015():
    v = default_policy().on(dt.date(2023, 1, 1))
    assert v["rate_second_home_long"].since == dt.date(2015, 8, 26)
    assert v["rate_first_home_long"].since == dt.date(2022, 10, 1)


def test_assumed_start_dates_say_so():
    from components.badges import since_text
    v = default_policy().on(dt.date(2026, 1, 1))
    for name in ("max_term_years", "min_contribution_months"):
        assert v[name].since_assumed
        assert "本站假定" in since_text(v[name], "zh") and "assumed" in since_text(v[name], "en")


def test_statistics_scope_and_qualifiers():
    rows = list(csv.DictReader((ROOT / "data" / "statistics.csv").open(encoding="utf-8")))
    scope = {(r["metric"], r["period"]): r for r in rows}
    assert scope[("loans_total", "2002")]["scope"] == "unstated"
    assert scope[("loans_total", "2012")]["scope"] == "unstated"
    assert "株洲城区" in scope[("no_trip_settlements", "2022")]["note_zh"]


def test_history_lead_does_not_credit_the_report_with_everything():
    from i18n import t
    assert "2022年及以前的来自二十周年报道" not in t("zh", "history.lead")


# Properties: the page and the API agree --------------------------------------------------------------

loans = st.tuples(
    st.integers(min_value=1, max_value=500).map(lambda wan: str(wan)),  # 万元, as people type it
    st.decimals(min_value=0, max_value=24, places=2).map(str),
    st.integers(min_value=1, max_value=360),
    st.sampled_from(["equal_installment", "equal_principal"]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(loans)
def test_page_and_api_give_the_same_numbers(client, loan):
    import app  # noqa: F401
    from components.numbers import yuan
    wan, rate, months, method = loan
    body = post(client, "/api/v1/repayment?schedule=false",
                {"principal": int(wan) * 10000, "annual_rate": rate, "months": months,
                 "method": method}).get_json()
    feedback, summary = page_update({"principal": wan, "annual_rate": rate, "months": str(months),
                                     "method": method})
    assert not any(feedback.values())
    assert text_of(find(summary, "repayment-payment")) == yuan(D(str(body["first_payment"])), "zh")
    totals = text_of(find(summary, "repayment-totals"))
    assert yuan(D(str(body["total_interest"])), "zh") in totals
