"""The pre-check reads a consultant's own list as they wrote it (everyday headers, the form's labels,
prices in 万元, title rows) and loses nothing they bring; the template reads back as it was written."""

from __future__ import annotations

import datetime as dt
import io

import pytest

import app  # noqa: F401  (registers the pages)
from calculators import batch
from calculators.tables import header_key, normalise_header
from i18n import choice_aliases, field_aliases, total_words
from tests.conftest import WELL_OFF, text_of
from wording.precheck_rows import result_headings

LOOKUP = {normalise_header(k): v for k, v in field_aliases(batch.FIELDS).items()}


@pytest.mark.parametrize(
    "header,field",
    [
        ("年龄", "age"),
        ("月收入", "monthly_income"),
        ("家庭月收入", "monthly_income"),
        ("房价", "house_price"),
        ("房屋总价", "house_price"),
        ("公积金余额", "account_balance"),
        ("账户余额", "account_balance"),
        ("缴存月数", "contribution_months"),
        ("连续缴存月数", "contribution_months"),
        ("月负债", "monthly_debt"),
        ("客户姓名", "name"),
        ("姓名", "name"),
        ("客户编号", "name"),
        ("Monthly income", "monthly_income"),
        ("Client ID", "name"),
        ("price", "house_price"),
        ("Balance", "account_balance"),
    ],
)
def test_everyday_headers_are_recognised(header, field):
    assert header_key(header, LOOKUP) == field


def test_result_headings_are_never_read_as_fields():
    assert [h for h in result_headings() if header_key(h, LOOKUP)] == []


def read(text: str, name="x.csv"):
    return batch.read_list(
        name,
        text.encode("utf-8"),
        field_aliases(batch.FIELDS),
        100,
        10**6,
        result_headers=result_headings(),
        total_words=total_words(),
    )


def judge(table, today=dt.date(2026, 11, 27)):
    """The rows of a read list checked as the job checks them: header units, choice words."""
    return batch.run(table.rows, today=today, units=table.units, value_aliases=choice_aliases())


def test_title_rows_above_the_header_and_unknown_columns_kept():
    table = read("2026年11月 客户名单,,,\n,,,\n客户编号,年龄,月收入,备注,\nK-1,30,12000,老客户,x\n")
    assert table.header_row == 3
    assert [(c.header, c.field, c.reason) for c in table.columns] == [
        ("客户编号", "name", None),
        ("年龄", "age", None),
        ("月收入", "monthly_income", None),
        ("备注", None, "unknown"),
        ("", None, None),
    ]
    assert table.rows[0]["_row"] == 4 and table.rows[0]["_cells"] == ["K-1", "30", "12000", "老客户", "x"]


def test_a_second_column_for_the_same_field_is_kept_but_not_used():
    table = read("姓名,客户编号,年龄\n张三,K-1,30\n")
    assert [(c.field, c.reason) for c in table.columns] == [
        ("name", None),
        (None, "duplicate"),
        ("age", None),
    ]
    assert table.rows[0]["name"] == "张三"


def test_tab_separated_text_and_semicolons():
    assert read("年龄\t月收入\n30\t12000\n", "x.txt").rows[0]["monthly_income"] == "12000"
    assert read("年龄;月收入\n30;12000\n").rows[0]["age"] == "30"


def test_no_known_header_in_the_first_rows_says_so():
    with pytest.raises(batch.TableError) as info:
        read("a,b\n1,2\n")
    assert info.value.code == "file_no_columns"


def test_a_download_uploaded_again_has_its_old_results_replaced():
    from exports.precheck import export_rows
    from serialize.precheck_report import precheck_report

    def run(table):
        return {**precheck_report(judge(table), "zh", table.columns, table.header_row), "filename": "x"}

    first = export_rows(
        run(read("客户编号,年龄,缴存月数,账户余额,月收入,房价,备注\nK-1,约32,24,50000,12000,100万,回访\n")),
        "zh",
    ).as_rows()
    assert first[1][2] == "约32" and first[1][8] == "数据有误"
    first[1][2] = 32
    import csv

    out = io.StringIO()
    csv.writer(out).writerows(first)
    again = read(out.getvalue())
    assert [c.header for c in again.columns if c.reason == "result"] == first[0][:1] + first[0][8:]
    second = export_rows(run(again), "zh").as_rows()
    assert second[0] == first[0]  # same columns: the old results gave way to the new ones
    assert second[1][8] == "符合" and second[1][7] == "回访"


def test_api_names_every_column(upload):
    data = "客户编号,年龄,月收入,缴存月数,账户余额,房价,备注\nK-1,30,12000,24,50000,100万,老客户\n".encode(
        "gb18030"
    )
    body = upload("x.csv", data, "/api/v1/precheck?lang=en").get_json()
    assert body["header_row"] == 1 and body["unused_columns"] == ["备注"]
    assert [c["field"] for c in body["columns"]] == [
        "name",
        "age",
        "monthly_income",
        "contribution_months",
        "account_balance",
        "house_price",
        None,
    ]
    assert body["columns"][1]["label"] == "Borrower's age"
    assert body["rows"][0]["cells"] == ["K-1", "30", "12000", "24", "50000", "100万", "老客户"]
    assert body["rows"][0]["name"] == "K-1" and body["rows"][0]["status"] == "eligible"


def test_batch_alias_for_two_children():
    from calculators import batch

    [row] = batch.run([{**WELL_OFF, "date": "2023-01-01", "category": "二孩及以上家庭", "_row": 2}])
    assert row.quota.amount == 600000


TEMPLATE_ROWS_EXPECTED = {"张三": "eligible", "李四": "not_eligible"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_template_round_trip(lang):
    from exports.precheck import template_csv as _template_csv

    text = _template_csv(lang)
    if lang == "zh":
        assert "申请人类别（普通缴存职工/高层次人才/多子女家庭/毕业5年内的高校毕业生）" in text
        assert "普通缴存职工" in text.splitlines()[1] and "首套" in text.splitlines()[1]
    table = read(text)
    assert table.unused == []  # every column of the site's own template is read (co-borrower too)
    results = judge(table)
    assert {r.values["co_borrower"] for r in results} == {"1", "0"}
    assert [r.errors for r in results] == [(), ()]
    assert {
        r.name: ("eligible" if r.eligibility.eligible else "not_eligible") for r in results
    } == TEMPLATE_ROWS_EXPECTED


def test_every_choice_label_of_the_form_is_accepted():
    csv_text = (
        "客户,借款人年龄,连续缴存月数,家庭月收入,申请人类别,第几套住房,账户状态,有共同借款人,公积金缴存地,借款人或配偶有株洲户籍\n"
        "甲,30,24,12000,高层次人才,第二套,封存,是,其他城市（异地缴存）,没有\n"
        "乙,30,24,12000,毕业5年内的高校毕业生,首套,正常缴存,否,株洲,有\n"
    )
    results = judge(read(csv_text))
    first, second = (r.values for r in results)
    assert first["category"] == "high_level_talent" and first["home_number"] == 2
    assert first["account_status"] == "suspended" and first["fund_city"] == "other"
    assert first["local_hukou"] == "0" and second["local_hukou"] == "1"
    assert all(not r.errors for r in results)


def test_result_table_shows_fix_hints_and_no_amount_for_ineligible_rows():
    from components.precheck_view import result_view as _result_view
    from exports.precheck import export_rows as _export_rows
    from serialize.precheck_report import precheck_row

    rows = [
        {
            "name": "李四",
            "age": 48,
            "contribution_months": 4,
            "account_balance": 20000,
            "monthly_income": 8000,
            "house_price": 800000,
            "_row": 2,
        },
        {
            "name": "王五",
            "age": 30,
            "contribution_months": 24,
            "account_balance": 20000,
            "monthly_income": 8000,
            "house_price": 800000,
            "home_number": 3,
            "_row": 3,
        },
    ]
    out = [precheck_row(r, "zh") for r in batch.run(rows, today=dt.date(2026, 11, 27))]
    view = text_of(_result_view({"rows": out, "filename": "x.csv"}, "zh"))
    assert "再连续缴存 2 个月即可满足" in view
    assert "0.00 元" not in view and "房价成数" not in view
    assert "不予公积金贷款" in view
    exported = _export_rows({"rows": out}, "zh").as_rows()
    assert exported[1][3] is None and "再连续缴存 2 个月即可满足" in exported[1][-1]


def test_a_bare_price_is_yuan_and_the_message_says_how_to_write_wan():
    """Never a unit from a number's size: 120 under 房屋总价 is 120 yuan (refused, with how to say
    万元), 120 under 房屋总价（万元）or written 120万 is 1,200,000 yuan."""
    bare = "客户,借款人年龄,连续缴存月数,公积金账户余额,家庭月收入,房屋总价\n甲,30,24,50000,12000,120\n"
    [result] = judge(read(bare))
    [error] = result.errors
    assert error.field == "house_price" and error.code == "range_unit_hint"
    for text in (bare.replace("房屋总价", "房屋总价（万元）"), bare.replace(",120\n", ",120万\n")):
        [result] = judge(read(text))
        assert not result.errors and result.quota.cap("loan_to_value").amount == 960000


def test_a_header_only_file_is_refused():
    with pytest.raises(batch.TableError) as info:
        read("客户,借款人年龄\n")
    assert info.value.code == "file_empty"
