"""Read the first sheet of an XLSX upload under a work budget and a deadline.

Measured on the hostile uploads of issue 16 (2-core machine): openpyxl spent ~20 µs on every
cell element of the sheet — its ElementTree pull parser builds an element per tag in Python,
then ``parse_cell`` converts the coordinate and looks the style up — so 2.5 million empty styled
cells (``<c r="A2" s="0"/>``, 105 KB on the wire) took 30 s; and ``load_workbook`` turned every
font and cell format of ``styles.xml`` into descriptor objects (~0.5 ms each), so 400,000 of them
took minutes. Neither can be bounded from outside openpyxl.

This reader never builds an object per element. Before any XML is parsed:

* the ZIP directory is checked: number of members, the declared uncompressed size and the
  compression ratio of each part read (workbook, its relationships, styles, shared strings, the
  sheet);
* the sheet (and the styles) are inflated chunk by chunk and counted at C speed (``bytes.count``):
  tags, cell elements, rows; over a budget the file is refused with what was found, before a
  single Python callback runs. Nothing is kept: parsing inflates the part a second time.

Then expat (with DTDs and entities refused, as defusedxml does) calls back only for tags; depth
and elapsed time are checked as it goes. Only ``numFmtId`` of each cell format is kept from the
styles (to know which numbers are dates); shared strings are read only up to the last index the
sheet uses.
"""

from __future__ import annotations

import time

from .tables import TOTAL_FORMULA, TableError
from .xlsx_zip import MAX_DEPTH, MAX_PART_BYTES, MAX_STYLE_TAGS, Reader, Stop  # noqa: F401

_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


class _Shared(int):
    """A cell that refers to the shared-strings table (resolved after the sheet is read)."""


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _resolve(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    parts = base.split("/")[:-1]
    for piece in target.split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _workbook(reader: Reader):
    """(first sheet path, styles path, shared strings path, 1904 dates)."""
    book = reader.part("xl/workbook.xml", "workbook")
    if book is None:
        raise TableError("file_unreadable")
    found = {"rid": None, "date1904": False}

    def start(name, attrs):
        tag = _local(name)
        if tag == "sheet" and found["rid"] is None:
            found["rid"] = next((v for k, v in attrs.items() if _local(k) == "id"), None)
        elif tag == "workbookPr":
            found["date1904"] = attrs.get("date1904", "").lower() in ("1", "true")

    reader.parse(book, start)
    rels = reader.part("xl/_rels/workbook.xml.rels", "rels")
    targets = {}

    def rel(name, attrs):
        if _local(name) == "Relationship":
            targets[attrs.get("Id")] = (attrs.get("Type", ""), attrs.get("Target", ""))

    if rels is not None:
        reader.parse(rels, rel)
    by_type = {kind.rsplit("/", 1)[-1]: target for kind, target in targets.values()}
    sheet = targets.get(found["rid"], ("", "worksheets/sheet1.xml"))[1]
    return (
        _resolve("xl/workbook.xml", sheet),
        _resolve("xl/workbook.xml", by_type.get("styles", "styles.xml")),
        _resolve("xl/workbook.xml", by_type.get("sharedStrings", "sharedStrings.xml")),
        found["date1904"],
    )


def _date_styles(reader: Reader, path: str) -> set[int]:
    """Indexes of the cell formats that show a number as a date."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

    data = reader.part(path, "styles")
    if data is None:
        return set()
    if reader.count(data, (b"<",))[b"<"] > MAX_STYLE_TAGS:
        raise TableError(
            "file_styles", mb=round(data.file_size / 2**20, 1), max_mb=MAX_PART_BYTES["styles"] // 2**20
        )
    formats = dict(BUILTIN_FORMATS)
    xfs: list[int] = []
    where = {"cellXfs": False}

    def start(name, attrs):
        tag = _local(name)
        if tag == "numFmt":
            try:
                formats[int(attrs.get("numFmtId", ""))] = attrs.get("formatCode", "")
            except ValueError:
                pass
        elif tag == "cellXfs":
            where["cellXfs"] = True
        elif tag == "xf" and where["cellXfs"]:
            try:
                xfs.append(int(attrs.get("numFmtId", "0")))
            except ValueError:
                xfs.append(0)

    def end(name):
        if _local(name) == "cellXfs":
            where["cellXfs"] = False
            raise Stop()  # nothing after the cell formats matters

    reader.parse(data, start, end)
    return {i for i, fmt in enumerate(xfs) if fmt in formats and is_date_format(formats[fmt])}


def _shared_strings(reader: Reader, path: str, needed: int, budget: int) -> list[str]:
    """The first ``needed`` strings of the table (rich text runs joined, phonetic runs left out)."""
    if needed <= 0:
        return []
    if needed > budget:
        raise TableError("file_too_many_cells", max=budget)
    data = reader.part(path, "strings")
    if data is None:
        raise TableError("file_unreadable")
    strings: list[str] = []
    state = {"in_t": False, "phonetic": 0, "parts": []}

    def start(name, attrs):
        tag = _local(name)
        if tag == "t" and not state["phonetic"]:
            state["in_t"] = True
        elif tag == "rPh":
            state["phonetic"] += 1
        elif tag == "si":
            state["parts"] = []

    def end(name):
        tag = _local(name)
        if tag == "t":
            state["in_t"] = False
        elif tag == "rPh":
            state["phonetic"] -= 1
        elif tag == "si":
            strings.append("".join(state["parts"])[:_MAX_TEXT])
            if len(strings) >= needed:
                raise Stop()

    def text(chunk):
        if state["in_t"]:
            state["parts"].append(chunk)

    reader.parse(data, start, end, text)
    return strings


_MAX_TEXT = 4000  # characters kept of any one text (the reader refuses cells over its own limit)


def _column_number(ref: str) -> int:
    number = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            number = number * 26 + ord(ch) - 64
        else:
            break
    return number


class _Sheet:
    """Expat handlers for one worksheet: rows of raw values, numbers as int/float."""

    def __init__(self, max_columns: int, date_styles: set[int]):
        self.max_columns = max_columns
        self.date_styles = date_styles
        self.rows: list[tuple[int, list]] = []
        self.row_number = 0
        self.values: list = []
        self.column = 0
        self.kind = self.style = None
        self.parts: list[str] = []
        self.capture = False
        self.formula: list[str] | None = None  # the text of the cell's <f>, while inside one
        self.formula_text = ""
        self.phonetic = 0
        self.depth = 0
        self.max_shared = -1

    def start(self, name, attrs):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise TableError("file_too_complex", max=MAX_DEPTH)
        tag = name if ":" not in name else _local(name)  # the hot path: called for every tag
        if tag == "v":
            self.capture = True
        elif tag == "f":
            self.formula = []
        elif tag == "c":
            ref = attrs.get("r")
            self.column = _column_number(ref) if ref else self.column + 1
            self.kind = attrs.get("t", "n")
            self.style = attrs.get("s")
            self.parts = []
            self.formula_text = ""
        elif tag == "t" and not self.phonetic:
            self.capture = True
        elif tag == "rPh":
            self.phonetic += 1
        elif tag == "row":
            ref = attrs.get("r")
            try:
                self.row_number = int(ref) if ref else self.row_number + 1
            except ValueError:
                self.row_number += 1
            self.values = []
            self.column = 0

    def end(self, name):
        self.depth -= 1
        tag = name if ":" not in name else _local(name)
        if tag == "v" or tag == "t":
            self.capture = False
        elif tag == "f":
            self.formula_text = "".join(self.formula or ())[:_MAX_TEXT]
            self.formula = None
        elif tag == "c":
            if self.formula_text and (not self.parts or TOTAL_FORMULA.match(self.formula_text)):
                # A total (=SUM(D4:D8)) is kept as its formula so the row is known for one; a
                # formula without a saved result is quoted back as written, never computed here.
                self.parts = ["=" + self.formula_text]
                self.kind = "str"
            if self.parts:
                self._cell()
        elif tag == "rPh":
            self.phonetic -= 1
        elif tag == "row":
            self.rows.append((self.row_number, self.values))

    def text(self, chunk):
        if self.capture:
            self.parts.append(chunk)
        elif self.formula is not None:
            self.formula.append(chunk)

    def _cell(self):
        if not self.parts:
            return  # an empty (styled) cell: nothing to keep
        text = "".join(self.parts)
        value = self._value(text)
        if value is None or value == "":
            return
        if self.column > self.max_columns:
            raise TableError("file_too_many_columns", max=self.max_columns)
        if self.column > len(self.values):
            self.values.extend([None] * (self.column - len(self.values)))
        self.values[self.column - 1] = value

    def _value(self, text: str):
        kind = self.kind
        if kind in ("inlineStr", "str", "e", "d"):
            return text[:_MAX_TEXT]
        if kind == "s":
            try:
                index = int(text)
            except ValueError:
                return None
            self.max_shared = max(self.max_shared, index)
            return _Shared(index)
        if kind == "b":
            return text.strip() in ("1", "true")
        text = text.strip()
        if len(text) > 40:
            return text[:_MAX_TEXT]  # not a number Excel writes; the field parser will say so
        try:
            number = int(text) if text.lstrip("-").isdigit() else float(text)
        except ValueError:
            return text
        if self.style is not None and self.date_styles:
            try:
                if int(self.style) in self.date_styles:
                    return _ExcelDate(number)
            except ValueError:
                pass
        return number


class _ExcelDate(float):
    """A number shown as a date (converted once the workbook's epoch is known)."""


def read_rows(
    data: bytes, *, max_rows: int, max_columns: int, max_cells: int, blank_margin: int, seconds: float
) -> list[tuple[int, list]]:
    """The first sheet's rows as (row number, values), within the budgets; TableError otherwise."""
    deadline = time.perf_counter() + seconds
    reader = Reader(data, deadline, seconds)
    sheet_path, styles_path, strings_path, date1904 = _workbook(reader)
    xml = reader.part(sheet_path, "sheet")
    if xml is None:
        raise TableError("file_unreadable")
    # Counted before parsing: every tag, every cell element (empty styled ones too), every row.
    counts = reader.count(xml, (b"<", b"<row", b"<c ", b"<c>", b"<c/>"))
    rows = counts[b"<row"]
    if rows > max_rows + 1 + blank_margin:
        raise TableError("file_too_many_rows", max=max_rows, rows=rows)
    cells = counts[b"<c "] + counts[b"<c>"] + counts[b"<c/>"]
    if cells > max_cells:
        raise TableError("file_cell_elements", cells=cells, max=max_cells)
    if counts[b"<"] > 4 * max_cells + 2 * rows + 1000:  # tags that are neither cells nor rows
        raise TableError("file_too_complex", max=MAX_DEPTH)
    date_styles = _date_styles(reader, styles_path)
    sheet = _Sheet(max_columns, date_styles)
    reader.parse(xml, sheet.start, sheet.end, sheet.text)
    strings = (
        _shared_strings(reader, strings_path, sheet.max_shared + 1, max_cells)
        if sheet.max_shared >= 0
        else []
    )
    return [(number, [_final(v, strings, date1904) for v in values]) for number, values in sheet.rows]


def _final(value, strings: list[str], date1904: bool):
    if isinstance(value, _Shared):
        return strings[value] if value < len(strings) else None
    if isinstance(value, _ExcelDate):
        from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

        try:
            return from_excel(float(value), CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900)
        except (ValueError, OverflowError):
            return float(value)
    return value
