"""One DataFrame, two files. Both go through ``cells.safe_cell`` (no live formula); money is kept
as Decimal until here, written with two decimals in CSV and as a number in XLSX.

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
    if text:
        return safe_cell(str(value))
    return safe_cell(number_or_text(value))


def xlsx_bytes(frame: pd.DataFrame, header: list[str], text_columns=(), sheet: str = "Sheet1") -> bytes:
    """An XLSX workbook of one sheet, the header row frozen. A column in ``text_columns`` keeps
    its cells as text (a phone or ID number is not a number to sum); in the others a number
    written as text ("5", "-5") becomes a number. Every text cell is stored as a string."""
    cells = pd.DataFrame(
        {label: [_xlsx_cell(v, label in text_columns) for v in frame[label]] for label in frame.columns},
        columns=frame.columns,
    )
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        pd.DataFrame([[safe_cell(h) for h in header], *cells.itertuples(index=False, name=None)]).to_excel(
            writer, sheet_name=sheet, index=False, header=False
        )
        page = writer.sheets[sheet]
        for row in page.iter_rows():  # text stays text: never a formula, whatever it starts with
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
        page.freeze_panes = "B2"
    return buffer.getvalue()
