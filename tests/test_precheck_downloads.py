"""Pre-check downloads keep every client column and never carry live formulas (OWASP CSV injection)."""

from __future__ import annotations

import base64
import csv
import io

import pytest

from exports.cells import safe_cell

EVIL = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example","x")',
    "+1+1",
    "-2+3",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
]


@pytest.mark.parametrize("text", EVIL)
def test_formula_like_text_is_quoted(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["张三", "Li Si", "", None, 42, -3, 1.5])
def test_other_values_untouched(value):
    assert safe_cell(value) == value


def _export(kind, result=None, token=None):
    """Run the page's export on a finished job whose client names are formulas."""
    import dash
    from dash._callback_context import context_value
    from dash._utils import AttributeDict

    import app as site  # noqa: F401 - registers the pages
    import jobs
    from pages import precheck

    rows = [
        {
            "row": i + 2,
            "name": name,
            "status": "error",
            "amount": None,
            "binding_cap": None,
            "monthly_payment": None,
            "errors": [],
            "failed": [],
        }
        for i, name in enumerate(EVIL)
    ]
    if token is None:
        token = jobs.new_token()
        jobs.store.set(f"result:{token}", result or {"filename": "x.csv", "lang": "en", "rows": rows})
    context_value.set(AttributeDict(triggered_inputs=[{"prop_id": f"precheck-{kind}.n_clicks", "value": 1}]))
    with site.server.test_request_context():
        out = precheck.export(1 if kind == "csv" else 0, 1 if kind == "xlsx" else 0, token, "en")
    assert dash.ctx.triggered_id == f"precheck-{kind}"
    return out[0] if out[0] is not None else out


def test_csv_download_neutralised():
    out = _export("csv")
    names = [r[1] for r in csv.reader(io.StringIO(out["content"].lstrip("\ufeff")))][1:]
    assert names == ["'" + e for e in EVIL]


def test_xlsx_download_text_cells_are_strings():
    from openpyxl import load_workbook

    out = _export("xlsx")
    book = load_workbook(io.BytesIO(base64.b64decode(out["content"])))
    cells = [c for row in book.active.iter_rows(min_row=2) for c in row[1:2]]
    # Stored as strings, which no spreadsheet runs: as written, no quote in front (XML turns a
    # stored CR into LF). The CSV, which has no cell types, quotes them instead.
    assert [c.value for c in cells] == [e.replace("\r", "\n") for e in EVIL]
    assert all(c.data_type == "s" for c in cells)


def _uploaded_result(client_cells):
    """A finished job of a list read from a file: the client's columns, one unknown (备注)."""
    import datetime as dt

    from calculators import batch
    from i18n import choice_aliases, field_aliases
    from serialize.precheck_report import precheck_report

    text = "客户编号,年龄,缴存月数,账户余额,月收入,房价,备注\n" + "\n".join(client_cells) + "\n"
    table = batch.read_list("x.csv", text.encode(), field_aliases(batch.FIELDS), 100, 10**6)
    results = batch.run(
        table.rows, today=dt.date(2026, 11, 27), units=table.units, value_aliases=choice_aliases()
    )
    report = precheck_report(results, "zh", table.columns, table.header_row)
    return {**report, "filename": "x.csv", "lang": "zh"}


def test_downloads_keep_every_client_column_in_order_and_neutralise_them():
    from openpyxl import load_workbook

    result = _uploaded_result(
        [
            'K-001,30,24,50000,12000,100万,=HYPERLINK("http://evil.example")',
            "K-002,约32,24,50000,12000,100万,回访",
        ]
    )
    book = load_workbook(io.BytesIO(base64.b64decode(_export("xlsx", result)["content"])))
    rows = [[c.value for c in row] for row in book.active.iter_rows()]
    assert book.active.cell(2, 8).data_type == "s"  # the client's =HYPERLINK is a string, never live
    assert rows[0][:8] == ["Row", "客户编号", "年龄", "缴存月数", "账户余额", "月收入", "房价", "备注"]
    assert rows[0][8] == "Pre-check result" and rows[0][-1] == "Details"
    assert rows[1][:7] == [
        2,
        "K-001",
        30,
        24,
        50000,
        12000,
        "100万",
    ]  # the client's numbers are numbers, the rest as written
    assert rows[1][7] == '=HYPERLINK("http://evil.example")'  # kept as written
    assert rows[2][:3] == [3, "K-002", "约32"] and rows[2][7] == "回访"
    assert "约32" in rows[2][-1]
    lines = list(csv.reader(io.StringIO(_export("csv", result)["content"].lstrip("\ufeff"))))
    assert lines[0][:8] == rows[0][:8] and lines[2][:3] == ["3", "K-002", "约32"]


def test_expired_results_say_so_beside_the_buttons():
    out = _export("csv", token="0" * 32)
    download, status, csv_disabled, xlsx_disabled = out
    from tests.conftest import text_of

    assert download is None and csv_disabled and xlsx_disabled
    assert "uploaded again" in text_of(status) and "60 minutes" in text_of(status)


def test_plain_numbers_are_kept_and_become_numbers_in_a_workbook():
    """A client's "-5" or "8000" from a CSV is a number, not a formula: no apostrophe, and a
    number cell in the XLSX; an id's leading zeros and formula-like text stay text."""
    import io

    from openpyxl import load_workbook

    from exports.cells import number_or_text
    from exports.files import csv_text, table, xlsx_bytes

    assert [safe_cell(v) for v in ("-5", "8000", "12.5", "-2+3")] == ["-5", "8000", "12.5", "'-2+3"]
    assert [number_or_text(v) for v in ("-5", "8000", "12.5", "00123", "1e5")] == [
        -5,
        8000,
        12.5,
        "00123",
        "1e5",
    ]
    rows, header = table([["00123", "-5", "=1+1"]], ["id", "income", "note"]), ["客户编号", "月收入", "备注"]
    assert "00123,-5,'=1+1" in csv_text(rows, header)
    sheet = load_workbook(io.BytesIO(xlsx_bytes(rows, header, text_columns={"id", "note"}))).active
    assert [c.value for c in sheet[2]] == ["00123", -5, "=1+1"] and sheet["C2"].data_type == "s"
