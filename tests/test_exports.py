"""Downloads come from one pandas frame each: the repayment schedule (monthly rows, a totals row,
the yearly summary), the statistics table; CSV with a BOM, XLSX with numbers as numbers and no
live formula."""

import base64
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from calculators import schedule_frame
from calculators.repayment import EQUAL_PRINCIPAL, prepay, schedule
from exports import schedule as schedule_export

D = Decimal


def _rows(kind: str, s, start, lang="zh"):
    sent = schedule_export.download(s, start, lang, kind)
    if kind == "xlsx":
        book = load_workbook(io.BytesIO(base64.b64decode(sent["content"])))
        return sent, [[c.value for c in row] for row in book.active.iter_rows()]
    text = sent["content"]
    assert text.startswith("\ufeff") and "\r\n" in text
    return sent, [line.split(",") for line in text[1:].splitlines()]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_schedule_download_has_every_month_and_totals_that_add_up(kind):
    s = prepay(schedule(D(300000), D("3.1"), 240), D("3.1"), 24, D(50000), "shorten_term").schedule
    sent, rows = _rows(kind, s, dt.date(2027, 1, 1))
    assert sent["filename"] == f"还款计划.{kind}"
    assert rows[0] == ["期数", "年月", "月供", "本金", "利息", "提前还款", "剩余本金"]
    body, total = rows[1:-1], rows[-1]
    assert (
        len(body) == len(s.rows) and str(body[0][1]) == "2027-01" and str(body[-1][0]) == str(s.last_period)
    )
    principal = sum(D(str(r[3])) for r in body) + sum(D(str(r[5])) for r in body)
    assert principal.quantize(D("0.01")) == D(300000)  # the loan, exactly, prepayment included
    assert total[0] == "合计" and D(str(total[4])).quantize(D("0.01")) == s.total_interest


def test_schedule_download_in_english_names_its_file_and_columns():
    sent, rows = _rows("csv", schedule(D(100000), D("2.6"), 60), None, "en")
    assert sent["filename"] == "repayment-schedule.csv"
    assert rows[0][:3] == ["No.", "Month", "Payment"] and rows[1][1] == ""  # no start month given


def test_yearly_summary_is_the_plain_sum_of_each_loan_year():
    s = schedule(D(500000), D("2.85"), 300, EQUAL_PRINCIPAL)
    years = schedule_frame.yearly(s)
    assert list(years["year"]) == list(range(1, 26))
    for y in years.to_dict("records"):
        months = [r for r in s.rows if (r.period - 1) // 12 + 1 == y["year"]]
        assert y["interest"] == sum((r.interest for r in months), D(0))
        assert y["principal"] == sum((r.principal for r in months), D(0))
        assert (y["first"], y["last"], y["balance"]) == (
            months[0].period,
            months[-1].period,
            months[-1].balance,
        )
    assert sum(years["principal"], D(0)) == D(500000)


def test_statistics_workbook_keeps_numbers_as_numbers(client):
    r = client.get("/downloads/statistics.xlsx?lang=en")
    assert r.status_code == 200 and r.mimetype.endswith("spreadsheetml.sheet")
    rows = [[c.value for c in row] for row in load_workbook(io.BytesIO(r.data)).active.iter_rows()]
    assert rows[0][:4] == ["Figure", "Code", "Year", "Value"]
    found = [row for row in rows if row[1] == "contributors" and row[2] == "2022"]
    assert found and found[0][3] == pytest.approx(37.18)
    assert client.get("/downloads/statistics.exe").status_code == 404


def test_workbooks_show_money_with_two_decimals_in_columns_wide_enough():
    s = schedule(D(300000), D("3.1"), 240)
    sent = schedule_export.download(s, dt.date(2027, 1, 1), "zh", "xlsx")
    page = load_workbook(io.BytesIO(base64.b64decode(sent["content"]))).active
    assert page["C2"].number_format == "#,##0.00" and page["A2"].number_format == "General"
    for letter in "CDEFG":  # each money column shows its widest figure whole (300,000.00)
        widest = max(len(f"{c.value:,.2f}") for c in page[letter][1:] if isinstance(c.value, (int, float)))
        assert page.column_dimensions[letter].width > widest, letter


def test_a_precheck_column_read_as_a_number_stays_a_number_in_the_workbook():
    from exports.precheck import _numeric

    assert all(_numeric(f) for f in ("floor_area", "house_price", "age", "contribution_months"))
    assert not any(_numeric(f) for f in ("name", None, "date", "co_borrower", "fund_city"))
