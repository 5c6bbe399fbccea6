"""Issue 25: a sales office's client list read as the consultant meant it.

The workbook below is typed the way a sales office types it: a two-line title, thirteen columns in
the team's own words, units in headers and cells (35岁, 3年, 1.2万, ¥45,000, 8千, 六万, (万元)),
a 合计 row of =SUM formulas, a note under it, contact columns the site does not use, and bad cells.
Each client must come back as the single quota request for the same person would answer."""

from __future__ import annotations

import io
import json

import pytest

from calculators.cell_units import CellError, chinese_number, read_cell, unit_of

TITLE = ["XX楼盘 2026年11月 公积金客户预审名单"]
SUBTITLE = ["销售顾问：李娜   制表日期：2026-11-20"]
HEADER = [
    "客户姓名",
    "年龄",
    "公积金缴存月数",
    "月收入",
    "公积金余额(万元)",
    "总房款",
    "购房套数",
    "已有月供（元）",
    "首付款",
    "共同借款人",
    "联系电话",
    "身份证号",
    "备注",
]
CLIENTS = [
    [
        "张三",
        "35岁",
        "3年",
        "1.2万",
        5,
        "120万",
        "首套",
        "-",
        "¥45,000",
        "有",
        "13800138000",
        "430201198801011234",
        "急",
    ],
    [
        "李四",
        40,
        "24个月",
        "12,000.00",
        3.5,
        "80万",
        "第二套",
        "2000元",
        "8千",
        "无",
        "13900139000",
        "43020119850202123X",
        None,
    ],
    ["王五", 29, 36, "8千", 2, "六十万", "1", 0, "20万元", "否", "13700137000", "430201199703031111", None],
    ["赵六", 33, "abc", 9000, 4, "90万", 2, -2000, "30万", "是", "13600136000", "430201199104041234", None],
]
# The same four people as single quota requests, in the API's units (yuan, months).
AS_REQUESTS = {
    "张三": dict(age=35, contribution_months=36, monthly_income=12000, account_balance=50000,
                 house_price=1200000, home_number=1, cash=45000, co_borrower=True),
    "李四": dict(age=40, contribution_months=24, monthly_income=12000, account_balance=35000,
                 house_price=800000, home_number=2, monthly_debt=2000, cash=8000, co_borrower=False),
    "王五": dict(age=29, contribution_months=36, monthly_income=8000, account_balance=20000,
                 house_price=600000, home_number=1, monthly_debt=0, cash=200000, co_borrower=False),
}  # fmt: skip


def workbook(header=HEADER, clients=CLIENTS) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in (TITLE, SUBTITLE, header, *clients):
        sheet.append(row)
    last = 3 + len(clients)
    sheet.append(["合计", None, None, f"=SUM(D4:D{last})", f"=SUM(E4:E{last})"])
    sheet.append(["注：以上数据仅供预审，以公积金中心审核为准"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def answer(upload):
    response = upload("客户名单.xlsx", workbook())
    assert response.status_code == 200, response.data[:400]
    return response.get_json()


def test_every_client_is_the_single_request_for_the_same_person(answer, post):
    rows = {r["name"]: r for r in answer["rows"]}
    assert list(rows) == ["张三", "李四", "王五", "赵六"]
    for name, request in AS_REQUESTS.items():
        single = post("/api/v1/quota", {**request, "date": "2026-11-27"}).get_json()
        row = rows[name]
        assert row["status"] != "error", row["errors"]
        assert (row["amount"], row["monthly_payment"], row["binding_cap"]) == (
            single["amount"],
            single["monthly_payment"],
            single["binding_cap"],
        ), name
    assert (
        rows["李四"]["annual_rate"]
        == post("/api/v1/quota", {**AS_REQUESTS["李四"], "date": "2026-11-27"}).get_json()["annual_rate"]
    )


def test_bad_cells_are_quoted_as_written(answer):
    row = answer["rows"][3]
    assert row["status"] == "error"
    messages = {e["field"]: e["message"] for e in row["errors"]}
    assert "“abc” 不是整数" in messages["contribution_months"]
    assert "“-2000” 超出范围" in messages["monthly_debt"]


def test_total_and_note_rows_are_skipped_and_listed_never_counted(answer):
    assert answer["count"] == 4 and answer["summary"]["skipped"] == 2
    assert [(s["row"], s["reason"]) for s in answer["skipped"]] == [(8, "total"), (9, "no_data")]
    assert sum(answer["summary"][k] for k in ("eligible", "depends", "not_eligible", "error")) == 4


def test_header_units_and_unread_columns_are_reported(answer):
    columns = {c["header"]: c for c in answer["columns"]}
    assert columns["公积金余额(万元)"]["field"] == "account_balance"
    assert columns["公积金余额(万元)"]["unit"] == "万元"
    assert columns["已有月供（元）"]["field"] == "monthly_debt"
    assert columns["购房套数"]["field"] == "home_number"
    assert columns["公积金缴存月数"]["field"] == "contribution_months"
    assert columns["总房款"]["field"] == "house_price"
    assert answer["unused_columns"] == ["联系电话", "身份证号", "备注"]


def test_fields_the_list_does_not_give_are_named_with_their_default(answer):
    defaults = {d["field"]: d["message"] for d in answer["defaults"]}
    assert set(defaults) == {"category", "date", "term_years", "account_status"}
    assert "名单里没有“日期”列" in defaults["date"] and "2026-11-27" in defaults["date"]
    # A blank cell in a column that is there: said on the client's own row.
    [note] = answer["rows"][0]["defaulted"]
    assert note["field"] == "monthly_debt" and "按0元计算" in note["message"]


def test_a_list_without_home_number_or_debt_columns_says_every_client_is_a_first_home(upload):
    keep = [i for i, h in enumerate(HEADER) if h not in ("购房套数", "已有月供（元）")]
    body = upload(
        "x.xlsx", workbook([HEADER[i] for i in keep], [[c[i] for i in keep] for c in CLIENTS])
    ).get_json()
    defaults = {d["field"]: d["message"] for d in body["defaults"]}
    assert defaults["home_number"] == "所有客户按首套计算：名单里没有“套数”列。"
    assert "已有月供" in defaults["monthly_debt"]


def test_a_bare_number_is_the_fields_own_unit_and_a_mapping_gives_another(upload):
    text = "客户,年龄,缴存月数,公积金余额,月收入,总房款\n甲,30,24,50000,12000,120\n".encode()
    plain = upload("x.csv", text).get_json()["rows"][0]
    assert plain["status"] == "error" and plain["errors"][0]["code"] == "range_unit_hint"
    assert "120万" in plain["errors"][0]["message"]  # says how to write it, never guesses
    mapped = upload("x.csv", text, columns=json.dumps({"总房款": "house_price@万元"})).get_json()
    assert mapped["rows"][0]["status"] == "eligible"
    assert mapped["columns"][5]["unit"] == "万元" and mapped["columns"][5]["chosen"] is True
    by_number = upload("x.csv", text, columns=json.dumps({"6": "house_price@万元", "4": ""})).get_json()
    assert by_number["columns"][3]["field"] is None  # 公积金余额 chosen as not used
    assert by_number["rows"][0]["amount"] is None  # ...and the quota needs it: no amount, said so
    assert [e["field"] for e in by_number["rows"][0]["errors"]] == ["account_balance"]


@pytest.mark.parametrize(
    "mapping",
    [
        '{"总房款": "pets"}',
        '{"没有这列": "age"}',
        '{"99": "age"}',
        "[1]",
        "{",
        '{"总房款": "age@光年"}',
        '{"年龄": "age@万元"}',
        '{"1": "age", "2": "age"}',
    ],
)
def test_a_mapping_that_cannot_be_used_is_a_422_naming_it(upload, mapping):
    text = "客户,年龄,缴存月数,公积金余额,月收入,总房款\n甲,30,24,50000,12000,120万\n".encode()
    response = upload("x.csv", text, columns=mapping)
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["code"].startswith("column_mapping")


def test_a_json_list_names_the_defaults_it_applied(post):
    body = post(
        "/api/v1/precheck", {"applicants": [{**AS_REQUESTS["王五"], "date": "2026-11-27", "term_years": 20}]}
    ).get_json()
    assert {d["field"] for d in body["defaults"]} == {"category", "account_status"}


def test_each_client_opens_on_the_quota_page_filled_in(answer, client):
    link = answer["rows"][0]["quota_link"]
    assert link.startswith("/calculators/quota?") and "account_balance=50000" in link
    page = client.get(link).get_data(as_text=True)
    assert "750,000.00" in page or "75 万" in page


@pytest.mark.parametrize(
    "cell,measure,header,value",
    [
        ("35岁", "age", None, 35),
        ("3年", "months", None, 36),
        ("3年6个月", "months", None, 42),
        ("24个月", "months", None, 24),
        (20, "months", "年", 240),
        ("240个月", "years", None, 20),
        ("5万", "money", None, 50000),
        ("5万元", "money", None, 50000),
        ("１２０万元整", "money", None, 1200000),
        ("¥45,000", "money", None, 45000),
        ("￥45,000.50", "money", None, "45000.5"),
        ("8千", "money", None, 8000),
        ("1.2万", "money", None, 12000),
        ("1.2w", "money", None, 12000),
        ("12,000.00", "money", None, 12000),
        ("六万", "money", None, 60000),
        ("五万", "money", "公积金余额(万元)", 50000),  # its 万 is written: the header's is not applied again
        ("一百万", "money", "房屋总价(万元)", 1000000),
        (5, "money", "万元", 50000),
        (3.5, "money", "单位：万元", 35000),
        ("5000", "money", None, 5000),  # a bare number is yuan, whatever its size
        ("-", "money", None, None),
        ("无", "money", None, None),
        ("abc", "money", None, "abc"),  # left for the field's reader to refuse, quoting it
        ("-2000", "money", None, -2000),
    ],
)
def test_cells_are_read_in_the_unit_written(cell, measure, header, value):
    assert read_cell(cell, measure, unit_of(header) if header else None) == value


@pytest.mark.parametrize("cell,measure", [("5套", "money"), ("3岁", "money"), ("2万", "months")])
def test_a_unit_that_does_not_fit_the_field_is_refused(cell, measure):
    with pytest.raises(CellError):
        read_cell(cell, measure, None)


@pytest.mark.parametrize(
    "text,value",
    [
        ("六万", 60000),
        ("一百二十万", 1200000),
        ("三千五", 3500),
        ("一万二", 12000),
        ("两千", 2000),
        ("十", 10),
        ("一二", None),
    ],
)
def test_chinese_numerals(text, value):
    assert chinese_number(text) == value


def test_downloads_keep_skipped_rows_in_place_and_phone_and_id_numbers_as_text(answer):
    from openpyxl import load_workbook

    from exports.precheck import export_rows, to_csv, to_xlsx

    exported = export_rows(answer, "zh")
    rows = exported.as_rows()
    assert [r[0] for r in rows[1:]] == [4, 5, 6, 7, 8, 9]  # every row of the list, in its place
    assert rows[5][1] == "合计" and rows[5][14] == "已跳过" and "合计" in rows[5][-1]
    book = load_workbook(io.BytesIO(to_xlsx(exported)))
    sheet = [[c.value for c in row] for row in book.active.iter_rows()]
    assert sheet[1][11:13] == ["13800138000", "430201198801011234"]  # text, not 1.38E+10
    assert sheet[1][2] == "35岁" and sheet[2][2] == 40  # the client's own cells as they were
    assert "=SUM" not in to_csv(exported).replace("'=SUM", "")  # the total's formula is never live


def test_a_list_without_the_balance_column_says_no_amount_can_be_computed(upload):
    """From a stranger's review: clients came back green 符合 with nothing computed."""
    body = upload("x.csv", "序号,客户姓名,年龄,缴存月数,月收入\n1,甲,30,24,12000\n".encode()).get_json()
    [row] = body["rows"]
    assert row["name"] == "甲"  # 序号 is a row number, not the client
    assert row["status"] == "error" and row["amount"] is None
    assert body["summary"]["error"] == 1 and body["summary"]["eligible"] == 0
    missing = [d for d in body["defaults"] if d.get("missing")]
    assert [d["field"] for d in missing] == ["account_balance", "house_price"]
    assert "公积金余额" in missing[0]["message"]


def test_a_column_the_consultant_changes_wins_over_the_one_that_had_the_field(upload):
    text = "客户,年龄,备用年龄,缴存月数,公积金余额,月收入,总房款\n甲,30,45,24,50000,12000,100万\n".encode()
    body = upload("x.csv", text, columns=json.dumps({"备用年龄": "age"})).get_json()
    fields = {c["header"]: c["field"] for c in body["columns"]}
    assert fields["备用年龄"] == "age" and fields["年龄"] is None
    assert body["columns"][1]["unused"] == "duplicate"


def test_the_cash_short_of_the_down_payment_is_said_on_the_row(upload):
    text = "客户,年龄,缴存月数,公积金余额,月收入,总房款,首付款\n甲,30,24,18000,12000,65万,6万\n".encode()
    [row] = upload("x.csv", text).get_json()["rows"]
    assert row["status"] == "eligible"
    short = row["cash_short"]
    assert short["cash"] == 60000 and short["down_payment"] == 650000 - row["amount"]
    assert short["short"] == short["down_payment"] - 60000


@pytest.mark.parametrize(
    "home,co,value",
    [("首套房", "配偶", 1), ("第2套", "是（配偶）", 2), ("首套（刚需）", "有", 1), ("二套房", "无", 2)],
)
def test_everyday_words_for_the_home_and_the_co_borrower(upload, home, co, value):
    text = f"客户,年龄,缴存月数,公积金余额,月收入,总房款,购房套数,共同借款人,日期\n甲,30,24,50000,12000,100万,{home},{co},2026/11/20\n"
    [row] = upload("x.csv", text.encode()).get_json()["rows"]
    assert row["errors"] == [] and row["status"] in ("eligible", "depends"), row
    assert f"home_number={value}" in row["quota_link"] and "date=2026-11-20" in row["quota_link"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_download_uploaded_again_still_skips_its_total_row(answer, upload, kind):
    """The round trip a consultant makes: download the results, upload that file again. Its 合计
    row (now after the row-number column, its =SUM kept as text) is still a total, not a client."""
    from exports.precheck import export_rows, to_csv, to_xlsx

    sheet = export_rows(answer, "zh")
    data = to_xlsx(sheet) if kind == "xlsx" else to_csv(sheet).encode("utf-8")
    again = upload(f"结果.{kind}", data)
    assert again.status_code == 200, again.data[:300]
    body = again.get_json()
    assert [r["name"] for r in body["rows"]] == [r["name"] for r in answer["rows"]]
    assert [s["reason"] for s in body["skipped"]] == [s["reason"] for s in answer["skipped"]]
