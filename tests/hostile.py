"""Hostile inputs found by the outside probe (issue 9), built here so each test names its own."""
from __future__ import annotations

import io
import zipfile

HEADER = "name,age,contribution_months,account_balance,monthly_income,house_price\n"


def xlsx_with_sheet(sheet_xml: str, shared_strings: str | None = None) -> bytes:
    """A real workbook from openpyxl with its first sheet's XML replaced."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["age"])
    buffer = io.BytesIO()
    book.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml.encode()
            dst.writestr(item.filename, data)
        if shared_strings is not None:
            dst.writestr("xl/sharedStrings.xml", shared_strings)
    return out.getvalue()


NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def sheet(rows_xml: str, dimension: str = "A1:A1", prolog: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet {NS}>'
            f'<dimension ref="{dimension}"/><sheetData>{rows_xml}</sheetData></worksheet>')


def huge_dimension_xlsx() -> bytes:
    """1.5 KB that declares A1:XFD1048576 with one cell at the last row."""
    rows = ('<row r="1"><c r="A1" t="inlineStr"><is><t>age</t></is></c></row>'
            '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    return xlsx_with_sheet(sheet(rows, "A1:XFD1048576"))


def million_rows_xlsx() -> bytes:
    """A million (empty-celled) rows compress to little; reading must stop at the row limit."""
    head = '<row r="1"><c r="A1" t="inlineStr"><is><t>age</t></is></c></row>'
    body = '<row><c><v>30</v></c></row>' * 999_999  # no row numbers: compresses ~1000:1
    return xlsx_with_sheet(sheet(head + body, "A1:A1000000"))


def billion_laughs_xlsx() -> bytes:
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    prolog = f"<!DOCTYPE worksheet [{entities}]>"
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is></c></row>'
    return xlsx_with_sheet(sheet(rows, prolog=prolog))


def xxe_xlsx() -> bytes:
    prolog = '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>'
    return xlsx_with_sheet(sheet(rows, prolog=prolog))


def csv_bytes(*lines: str) -> bytes:
    return (HEADER + "\n".join(lines) + "\n").encode()
