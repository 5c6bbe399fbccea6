"""One DataFrame, two files. In CSV a text cell that a spreadsheet would run as a formula gets a
leading apostrophe (``cells.safe_cell``); in XLSX every text cell is stored as a string, which no
spreadsheet runs, so the consultant's own cells come back exactly as written. Money is kept as
Decimal until here: two decimals in CSV, a number shown with two decimals in XLSX.

Column labels of a frame are the site's own names (unique); ``header`` gives what the reader
sees, which may repeat (a consultant's list with two "备注" columns keeps both).
"""

from __future__ import annotations

import io
from decimal import Decimal

import pandas as pd

from .cells import number_or_text, safe_cell

BOM = "\ufeff"  # Excel opens a Chinese CSV correctly only with it


def table(rows, columns) -> pd.DataFrame:
    """A frame of ``rows`` (lists, or dicts keyed by ``columns``) whose cells stay what they are:
    object columns, so an int beside a blank is not turned into a float nor a Decimal into one."""
    return pd.DataFrame(list(rows), columns=list(columns), dtype=object)


def _csv_cell(value):
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, float):
        return f"{value:.15g}"  # 12.5, 1234567: no "1234567.0", no exponent
    return safe_cell(value)


def csv_text(frame: pd.DataFrame, header: list[str]) -> str:
    """CSV text with a BOM and CRLF line ends, as Excel on Windows writes it."""
    cells = frame.map(_csv_cell)
    return BOM + cells.to_csv(index=False, header=header, lineterminator="\r\n")


def _xlsx_cell(value, text: bool):
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, Decimal):
        return float(value)
    if text:  # as the list had it: its text stays text, a number it held as a number stays one
        return value if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)
    return number_or_text(value)


MONEY_FORMAT = "#,##0.00"
MAX_WIDTH = 40  # characters; a long note wraps in its cell instead of widening the sheet


def _width(values) -> float:
    """A column wide enough for its longest value (a CJK character takes two)."""
    longest = max(
        (sum(2 if ord(ch) > 0x2E7F else 1 for ch in str(v)) for v in values if v is not None), default=4
    )
    return min(max(longest, 4) + 2, MAX_WIDTH)


def xlsx_bytes(frame: pd.DataFrame, header: list[str], text_columns=(), sheet: str = "Sheet1") -> bytes:
    """An XLSX workbook of one sheet, the header row frozen. A column in ``text_columns`` keeps
    its cells as text (a phone or ID number is not a number to sum); in the others a number
    written as text ("5", "-5") becomes a number. Every text cell is stored as a string."""
    cells = pd.DataFrame(
        {label: [_xlsx_cell(v, label in text_columns) for v in frame[label]] for label in frame.columns},
        columns=frame.columns,
    )
    money = {i for i, label in enumerate(frame.columns) if any(isinstance(v, Decimal) for v in frame[label])}
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        pd.DataFrame([list(header), *cells.itertuples(index=False, name=None)]).to_excel(
            writer, sheet_name=sheet, index=False, header=False
        )
        page = writer.sheets[sheet]
        for row in page.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text stays text: never a formula, whatever it starts with
                elif cell.column - 1 in money and cell.row > 1:
                    cell.number_format = MONEY_FORMAT
        for i, column in enumerate(page.columns):
            shown = (
                f"{c.value:,.2f}" if i in money and isinstance(c.value, float) else c.value
                for c in column[1:]
            )
            values = [header[i], *shown]
            page.column_dimensions[column[0].column_letter].width = _width(values)
        page.freeze_panes = "B2"
    return buffer.getvalue()
