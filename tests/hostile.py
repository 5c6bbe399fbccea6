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
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet {NS}>'
        f'<dimension ref="{dimension}"/><sheetData>{rows_xml}</sheetData></worksheet>'
    )


def huge_dimension_xlsx() -> bytes:
    """1.5 KB that declares A1:XFD1048576 with one cell at the last row."""
    rows = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>age</t></is></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    )
    return xlsx_with_sheet(sheet(rows, "A1:XFD1048576"))


def million_rows_xlsx() -> bytes:
    """A million (empty-celled) rows compress to little; reading must stop at the row limit."""
    head = '<row r="1"><c r="A1" t="inlineStr"><is><t>age</t></is></c></row>'
    body = "<row><c><v>30</v></c></row>" * 999_999  # no row numbers: compresses ~1000:1
    return xlsx_with_sheet(sheet(head + body, "A1:A1000000"))


def billion_laughs_xlsx() -> bytes:
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    prolog = f"<!DOCTYPE worksheet [{entities}]>"
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is></c></row>'
    return xlsx_with_sheet(sheet(rows, prolog=prolog))


def xxe_xlsx() -> bytes:
    prolog = '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>'
    return xlsx_with_sheet(sheet(rows, prolog=prolog))


def csv_bytes(*lines: str) -> bytes:
    return (HEADER + "\n".join(lines) + "\n").encode()


# Issue 16: uploads that are small on the wire and cost a worker minutes to read. Each is
# built here from text (no binary fixtures); sizes are what the upload limit (2 MiB) lets in.


def _replace_parts(
    parts: dict[str, bytes | str], extra: dict[str, bytes | str] | None = None, level: int = 9
) -> bytes:
    """openpyxl's one-sheet workbook with some parts replaced (and others added)."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["age"])
    buffer = io.BytesIO()
    book.save(buffer)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(buffer) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as dst,
    ):
        for item in src.infolist():
            data = parts.get(item.filename, src.read(item.filename))
            dst.writestr(item.filename, data.encode() if isinstance(data, str) else data)
        for name, data in (extra or {}).items():
            dst.writestr(name, data.encode() if isinstance(data, str) else data)
    return out.getvalue()


HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>age</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>contribution_months</t></is></c></row>'
)


def styles_bomb_xlsx(count: int = 400_000) -> bytes:
    """A styles part with hundreds of thousands of fonts and cell formats (~40 MB inflated)."""
    fonts = '<font><sz val="11"/><name val="Calibri"/></font>' * count
    xfs = '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0"/>' * count
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {NS}>'
        f'<fonts count="{count}">{fonts}</fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        f'<cellXfs count="{count}">{xfs}</cellXfs></styleSheet>'
    )
    return _replace_parts({"xl/styles.xml": styles})


def same_styled_cell_xlsx(count: int = 2_500_000) -> bytes:
    """The same empty styled cell ``<c r="A2" s="0"/>`` millions of times in one row."""
    body = '<row r="2">' + '<c r="A2" s="0"/>' * count + "</row>"
    return _replace_parts({"xl/worksheets/sheet1.xml": sheet(HEADER_ROW + body, "A1:B2")})


def styled_cells_many_rows_xlsx(rows: int = 600_000, columns: int = 4) -> bytes:
    """Empty styled cells spread over many rows (rows and cells unnumbered, as the format allows)."""
    body = ("<row>" + '<c s="0"/>' * columns + "</row>") * rows
    return _replace_parts({"xl/worksheets/sheet1.xml": sheet(HEADER_ROW + body, f"A1:D{rows + 1}")})


def styled_cells_many_columns_xlsx(rows: int = 150, columns: int = 16_384) -> bytes:
    """Empty styled cells across every column Excel has (A..XFD), in a hundred and fifty rows."""
    body = "".join(f'<row r="{r}">' + '<c s="0"/>' * columns + "</row>" for r in range(2, rows + 2))
    return _replace_parts({"xl/worksheets/sheet1.xml": sheet(HEADER_ROW + body, "A1:XFD151")})


def huge_shared_strings_xlsx(count: int = 2_000_000) -> bytes:
    """A shared-strings part of millions of tiny strings (~40 MB inflated), one of them used."""
    strings = (
        f'<?xml version="1.0" encoding="UTF-8"?><sst {NS} count="{count}" uniqueCount="{count}">'
        + "<si><t>x</t></si>" * count
        + "</sst>"
    )
    rows = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    content_types_extra = (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    return _with_shared_strings(sheet(rows), strings, content_types_extra)


def _with_shared_strings(sheet_xml: str, strings: str, override: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["age"])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as src:
        types = src.read("[Content_Types].xml").decode().replace("</Types>", override)
        rels = (
            src.read("xl/_rels/workbook.xml.rels")
            .decode()
            .replace(
                "</Relationships>",
                '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/'
                '2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
            )
        )
    return _replace_parts(
        {
            "xl/worksheets/sheet1.xml": sheet_xml,
            "[Content_Types].xml": types,
            "xl/_rels/workbook.xml.rels": rels,
        },
        {"xl/sharedStrings.xml": strings},
    )


def deep_nesting_xlsx(depth: int = 1_000_000) -> bytes:
    """A cell whose inline string nests unknown elements a million deep."""
    inner = "<x>" * depth + "</x>" * depth
    rows = f'<row r="1"><c r="A1" t="inlineStr"><is><t>age</t>{inner}</is></c></row>'
    return _replace_parts({"xl/worksheets/sheet1.xml": sheet(rows)})


def zip_bomb_xlsx(members: int = 3, size: int = 40 * 1024 * 1024) -> bytes:
    """A sheet padded with 40 MB of spaces, and extra members of 40 MB of zeros each (each under
    the old per-part size limit): ~1000:1 compression, a few hundred KB on the wire."""
    pad = " " * size
    sheet_xml = sheet(HEADER_ROW + pad)
    extra = {f"xl/media/pad{i}.bin": b"\0" * size for i in range(members)}
    return _replace_parts({"xl/worksheets/sheet1.xml": sheet_xml}, extra, level=9)


def many_members_xlsx(members: int = 12_000) -> bytes:
    """A valid workbook with twelve thousand empty members next to it."""
    return _replace_parts({}, {f"customXml/item{i}.xml": b"" for i in range(members)}, level=1)


TEXT_HEADER = ["客户", "年龄", "缴存月数", "账户余额", "月收入", "房价"]
TEXT_ROWS = [
    ["张三", "30", "24", "50000", "12000", "100万"],
    ["李四", "约32", "24", "50000", "12000", "100万"],
]


def text_list(encoding: str, sep: str = "\t", title: str | None = None) -> bytes:
    """A client list as Excel's text exports write it: "Unicode text" is UTF-16 with a BOM and
    tabs; Chinese Windows saves CSV in GBK."""
    lines = ([title, ""] if title else []) + [sep.join(r) for r in [TEXT_HEADER] + TEXT_ROWS]
    text = "\r\n".join(lines) + "\r\n"
    return ("\ufeff" + text).encode("utf-16-le") if encoding == "utf-16" else text.encode(encoding)


def titled_xlsx() -> bytes:
    """A consultant's own sheet: a title in row 1, a blank row, everyday headers in row 3."""
    from openpyxl import Workbook

    book = Workbook()
    sheet_ = book.active
    sheet_.append(["2026年11月 客户名单"])
    sheet_.append([])
    sheet_.append(TEXT_HEADER)
    for row in TEXT_ROWS:
        sheet_.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# name -> (maker, file name); the bench and the tests share this list
CORPUS = {
    "styles_bomb": (styles_bomb_xlsx, "x.xlsx"),
    "same_styled_cell": (same_styled_cell_xlsx, "x.xlsx"),
    "styled_cells_many_rows": (styled_cells_many_rows_xlsx, "x.xlsx"),
    "styled_cells_many_columns": (styled_cells_many_columns_xlsx, "x.xlsx"),
    "huge_shared_strings": (huge_shared_strings_xlsx, "x.xlsx"),
    "deep_nesting": (deep_nesting_xlsx, "x.xlsx"),
    "zip_bomb": (zip_bomb_xlsx, "x.xlsx"),
    "many_members": (many_members_xlsx, "x.xlsx"),
    "utf16_tab": (lambda: text_list("utf-16", "\t"), "x.txt"),
    "utf16_comma": (lambda: text_list("utf-16", ","), "x.csv"),
    "gbk": (lambda: text_list("gbk", ","), "x.csv"),
    "title_row": (titled_xlsx, "x.xlsx"),
}
