"""Issue 7 without a browser: money typed as people think, verdict first, LPR + spread, loan from
the house price, Chinese client lists, phone-friendly results."""
import datetime as dt
import json
from decimal import Decimal as D

import pytest

import app  # noqa: F401  (registers the pages)
from calculators import batch
from components.forms import Field, echoes, messages, to_value, wan_to_yuan
from calculators.errors import FieldError
from i18n import choice_aliases, field_aliases
from tests.conftest import find, text_of
from tests.test_repayment_page import page_update

WAN_FIELD = Field("principal", "number", "60", unit="wan")


@pytest.mark.parametrize("typed,yuan", [("60", "600000"), ("600000", "600000"), ("60万", "600000"),
                                        ("600,000元", "600000"), ("75.5", "755000"), ("9999", "99990000")])
def test_wan_field_reads_yuan_when_typed_in_yuan(typed, yuan):
    assert to_value(WAN_FIELD, typed) == yuan


def test_wan_field_echo_and_junk():
    assert echoes([WAN_FIELD], ["principal"], ["600000"], "zh") == ["= 600,000 元"]
    assert echoes([WAN_FIELD], ["principal"], ["60"], "en") == ["= 600,000 yuan"]
    assert wan_to_yuan("1e1000000") is None and wan_to_yuan("abc") is None
    assert to_value(WAN_FIELD, "abc") == "abc"  # the parser says what is wrong


def test_each_field_error_example_fits_the_field():
    specs = [WAN_FIELD, Field("annual_rate", "number", unit="percent"), Field("monthly_income", "number", unit="per_month")]
    names = [s.name for s in specs]
    errors = [FieldError(n, "number") for n in names]
    wan, rate, income = messages(specs, names, errors, "zh")
    assert "60" in wan and "万元" in wan
    assert "3.1" in rate and "600000" not in rate
    assert "600000" in income
    assert "e.g. 3.1" in messages(specs, names, errors, "en")[1]


def test_equal_principal_says_how_much_less_each_month():
    _, summary = page_update({"principal": "60", "annual_rate": "3.1", "months": "360",
                              "method": "equal_principal"})
    headline = text_of(find(summary, "repayment-headline"))
    assert "每月递减约 4.31 元" in headline and "1,670.98 元" in headline


def test_yearly_schedule_header_says_paid_this_year():
    from components.schedule import table
    from calculators.repayment import schedule
    s = schedule(D(600000), D("3.1"), 360)
    head = text_of(table(s, "yearly", None, "zh").children[0])
    assert "本年还款额" in head and "Paid this year" in text_of(table(s, "yearly", None, "en").children[0])


def post(client, body):
    return client.post("/api/v1/repayment?schedule=false", data=json.dumps(body),
                       content_type="application/json")


def test_commercial_part_is_lpr_plus_spread_on_the_start_date(client):
    body = post(client, {"principal": 600000, "annual_rate": 3.1, "months": 360, "date": "2023-07-01",
                         "commercial_principal": 400000, "commercial_bps": -20}).get_json()
    assert body["parts"]["commercial"]["annual_rate"] == 4.0  # LPR 4.20 from 2023-06-20, less 20 bp
    assert body["parts"]["commercial"]["rate_kind"] == "lpr"
    today = post(client, {"principal": 600000, "annual_rate": 3.1, "months": 360,
                          "commercial_principal": 400000, "commercial_bps": 30}).get_json()
    assert today["parts"]["commercial"]["annual_rate"] == 3.8


def test_commercial_part_has_its_own_term(client):
    body = post(client, {"principal": 600000, "annual_rate": 3.1, "months": 360, "commercial_principal": 400000,
                         "commercial_rate": 3.5, "commercial_months": 240}).get_json()
    assert body["parts"]["commercial"]["months"] == 240 and body["parts"]["hpf"]["months"] == 360
    assert body["last_period"] == 360


def test_loan_from_price_and_down_payment(client):
    body = post(client, {"house_price": 1000000, "down_payment_percent": 30, "months": 360,
                         "annual_rate": 3.1}).get_json()
    assert body["principal"] == 700000
    minimum = post(client, {"house_price": 1000000, "months": 360, "annual_rate": 3.1}).get_json()
    assert minimum["principal"] == 800000  # first home: 20% minimum down payment
    low = post(client, {"house_price": 1000000, "down_payment_percent": 10, "months": 360})
    assert low.status_code == 422 and low.get_json()["errors"][0]["field"] == "down_payment_percent"
    second = post(client, {"house_price": 1000000, "down_payment_percent": 25, "home_number": 2, "months": 360})
    assert second.status_code == 422  # second home: at least 30%


def test_page_fills_the_loan_from_the_price():
    import dash
    from dash.exceptions import PreventUpdate
    from pages import repayment as rp
    assert rp.loan_from_price("100", "30", "1") == ("70", "", dash.no_update)
    assert rp.loan_from_price("1000000", "", "2")[:2] == ("70", "")  # typed in yuan; second home 30% minimum
    # above the HPF ceiling (80万) the rest becomes the commercial part, and that section opens
    assert rp.loan_from_price("200", "20", "1") == ("80", "80", True)
    for down in ("10", "100", "abc"):  # below the minimum, the whole price, junk: the loan stays
        with pytest.raises(PreventUpdate):
            rp.loan_from_price("100", down, "1")


def test_price_and_loan_agree(client):
    over = post(client, {"principal": 600000, "house_price": 1000000, "down_payment_percent": 30, "months": 360})
    assert over.status_code == 200 and over.get_json()["principal"] == 600000
    too_much = post(client, {"principal": 900000, "house_price": 1000000, "months": 360})
    assert too_much.status_code == 422 and too_much.get_json()["errors"][0]["field"] == "principal"
    split = post(client, {"house_price": 2000000, "months": 360, "annual_rate": 3.1}).get_json()
    assert split["parts"]["hpf"]["principal"] == 800000 and split["parts"]["commercial"]["principal"] == 800000
    _, summary = page_update({"principal": "100", "annual_rate": "3.1"})
    assert "最高额度 80 万元" in text_of(find(summary, "repayment-over-ceiling"))


def quota_answer(**values):
    from pages import quota
    base = {"age": "30", "contribution_months": "24", "account_balance": "50000", "monthly_income": "12000",
            "house_price": "1000000", "home_number": "1", "date": "2026-11-27"}
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


TEMPLATE_ROWS_EXPECTED = {"张三": "eligible", "李四": "not_eligible"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_template_round_trip(lang):
    from pages.precheck import _template_csv
    text = _template_csv(lang)
    if lang == "zh":
        assert "申请人类别（普通缴存职工/高层次人才/多子女家庭/毕业5年内的高校毕业生）" in text
        assert "普通缴存职工" in text.splitlines()[1] and "首套" in text.splitlines()[1]
    rows = batch.read_table("t.csv", text.encode("utf-8"), field_aliases(batch.FIELDS), 100, 10 ** 6,
                            choice_aliases())
    results = batch.run(rows, today=dt.date(2026, 11, 27))
    assert [r.errors for r in results] == [(), ()]
    assert {r.name: ("eligible" if r.eligibility.eligible else "not_eligible") for r in results} == \
        TEMPLATE_ROWS_EXPECTED


def test_every_choice_label_of_the_form_is_accepted():
    csv_text = ("客户,借款人年龄,连续缴存月数,家庭月收入,申请人类别,第几套住房,账户状态,有共同借款人,公积金缴存地,借款人或配偶有株洲户籍\n"
                "甲,30,24,12000,高层次人才,第二套,封存,是,其他城市（异地缴存）,没有\n"
                "乙,30,24,12000,毕业5年内的高校毕业生,首套,正常缴存,否,株洲,有\n")
    rows = batch.read_table("t.csv", csv_text.encode(), field_aliases(batch.FIELDS), 100, 10 ** 6,
                            choice_aliases())
    assert rows[0]["category"] == "high_level_talent" and rows[0]["home_number"] == "2"
    assert rows[0]["account_status"] == "suspended" and rows[0]["fund_city"] == "other"
    assert rows[0]["local_hukou"] == "0" and rows[1]["local_hukou"] == "1"
    assert all(not r.errors for r in batch.run(rows, today=dt.date(2026, 11, 27)))


def test_result_table_shows_fix_hints_and_no_amount_for_ineligible_rows():
    from api.serialize import precheck_row
    from components.precheck_view import result_view as _result_view
    from serving.precheck_export import export_rows as _export_rows
    rows = [{"name": "李四", "age": 48, "contribution_months": 4, "account_balance": 20000, "monthly_income": 8000,
             "house_price": 800000, "_row": 2},
            {"name": "王五", "age": 30, "contribution_months": 24, "account_balance": 20000, "monthly_income": 8000,
             "house_price": 800000, "home_number": 3, "_row": 3}]
    out = [precheck_row(r, "zh") for r in batch.run(rows, today=dt.date(2026, 11, 27))]
    view = text_of(_result_view({"rows": out, "filename": "x.csv"}, "zh"))
    assert "再连续缴存 2 个月即可满足" in view
    assert "0.00 元" not in view and "房价成数" not in view
    assert "不予公积金贷款" in view
    exported = _export_rows({"rows": out}, "zh")
    assert exported[1][3] is None and "再连续缴存 2 个月即可满足" in exported[1][-1]


def test_link_from_price_opens_with_that_loan():
    from pages import repayment as rp
    layout = rp.layout(house_price="1000000", down_payment_percent="30", months="360")
    assert text_of(find(layout, "repayment-payment")).startswith("2,802.")  # 70万 at 2.6% over 30 years


def test_review_findings_are_fixed(client):
    """What an outside tester found (issue 7's review): each pinned here."""
    from components.forms import messages
    from calculators.errors import FieldError
    from pages.repayment import _fields
    import datetime as dt
    specs = _fields(dt.date.today())
    names = [s.name for s in specs]
    texts = dict(zip(names, messages(specs, names, [FieldError("method", "choice", {"choices": "x"}),
                                                    FieldError("principal", "range",
                                                               {"min": 1000, "max": 100000000})], "zh")))
    assert texts["method"] == "请选择以下之一：等额本息、等额本金。"
    assert "9999 万元" in texts["principal"] and "10000 万元" not in texts["principal"]
    # the API names the labels with their codes, and takes the labels the form shows
    bad = client.post("/api/v1/quota", data=json.dumps({"age": 30, "contribution_months": 24, "monthly_income": 1,
                                                         "account_balance": 1, "house_price": 100000,
                                                         "category": "x"}), content_type="application/json")
    assert "普通缴存职工 (standard)" in bad.get_json()["errors"][0]["message"]
    ok = client.post("/api/v1/eligibility", data=json.dumps({"age": 30, "contribution_months": 24, "monthly_income": 9000,
                                                             "category": "普通缴存职工", "home_number": "首套"}),
                     content_type="application/json")
    assert ok.status_code == 200 and ok.get_json()["eligible"]
    # a bad rate's example is a rate
    rate = post(client, {"principal": 600000, "annual_rate": "abc", "months": 360}).get_json()
    assert "3.1" in rate["errors"][0]["message"] and "600000" not in rate["errors"][0]["message"]
    # no income: the message says so, not "your debts"
    body = client.post("/api/v1/eligibility", data=json.dumps({"age": 30, "contribution_months": 24,
                                                               "monthly_income": 0}),
                       content_type="application/json").get_json()
    capacity = next(c for c in body["checks"] if c["rule"] == "repayment_capacity")
    assert capacity["code"] == "capacity_no_income"
    # a start month before the policies the site knows is a message on that field
    feedback, _ = page_update({"start_month": "2010-01", "annual_rate": "3.1"})
    assert "2015-08-26" in feedback["start_month"]


def test_precheck_reads_prices_in_wan_and_refuses_a_header_only_file():
    text = "客户,借款人年龄,连续缴存月数,公积金账户余额,家庭月收入,房屋总价\n甲,30,24,50000,12000,120\n"
    rows = batch.read_table("t.csv", text.encode(), field_aliases(batch.FIELDS), 100, 10 ** 6, choice_aliases())
    [result] = batch.run(rows, today=dt.date(2026, 11, 27))
    assert not result.errors and result.quota.cap("loan_to_value").amount == 960000
    with pytest.raises(batch.TableError) as info:
        batch.read_table("t.csv", "客户,借款人年龄\n".encode(), field_aliases(batch.FIELDS), 100, 10 ** 6)
    assert info.value.code == "file_empty"


def test_quota_caps_never_read_above_the_quota():
    answer = quota_answer(age="60", account_balance="500000", house_price="3000000", monthly_income="12000")
    amounts = [text_of(row.children[1]) for row in find(answer.result, "quota-caps").children[1].children]
    assert "341,461 元" in amounts and not any("万元" in a for a in amounts)
    assert text_of(answer.bar[1]) == "34.14 万元"


def test_start_month_is_read_by_the_one_parser(client):
    """Page, server-rendered page and API read the first payment month alike: the loan starts the
    month before, and its rates are those in force then."""
    body = post(client, {"principal": 600000, "months": 360, "start_month": "2023-01"}).get_json()
    assert body["annual_rate"] == 3.1  # the loan starts in December 2022
    bad = post(client, {"principal": 600000, "months": 360, "start_month": "junk"})
    assert bad.status_code == 422 and bad.get_json()["errors"][0]["field"] == "start_month"
