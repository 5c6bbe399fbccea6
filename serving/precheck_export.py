"""Pre-check downloads: the consultant's own list, every column in its order with its header and
cells as uploaded, the row number first and the results after them. Every text cell goes through
``safe_cell`` (no live formula), XLSX text cells are stored as strings, CSV is UTF-8 with a BOM."""
from __future__ import annotations

import csv
import io

from components.precheck_view import detail_texts
from i18n import join, t
from serving.export import number_or_text, safe_cell

RESULT_COLUMNS = ("status", "amount", "binding", "payment", "term", "rate", "version", "details")


def _results(r: dict, lang: str) -> list:
    details = detail_texts(r, lang)
    eligible = r["status"] == "eligible"
    return [t(lang, f"precheck.status_{r['status']}"),
            r["amount"] if eligible else None,
            t(lang, f"cap.{r['binding_cap']}") if eligible and r["binding_cap"] else "",
            r["monthly_payment"] if eligible else None, r.get("term_years") if eligible else None,
            r.get("annual_rate") if eligible else None,
            r.get("policy_version", ""), join(lang, details, "format.list_sep_long")]


def export_rows(result: dict, lang: str) -> list[list]:
    """Header and rows. A list read from a file keeps its columns; one without (the API's JSON
    rows) has the row and the client's name instead."""
    columns = result.get("columns")
    heads = [t(lang, "precheck.h_result" if c == "status" else f"precheck.h_{c}") for c in RESULT_COLUMNS]
    if columns:  # an earlier run's result columns (uploaded again) give way to this run's
        kept = [i for i, c in enumerate(columns) if c.get("unused") != "result"]
        out = [[t(lang, "precheck.h_row")] + [columns[i]["header"] for i in kept] + heads]
        for r in result["rows"]:
            cells = list(r.get("cells") or [])
            out.append([r["row"]] + [cells[i] if i < len(cells) else None for i in kept] + _results(r, lang))
        return out
    out = [[t(lang, "precheck.h_row"), t(lang, "precheck.h_name")] + heads]
    for r in result["rows"]:
        out.append([r["row"], r["name"]] + _results(r, lang))
    return out


def _safe(rows: list[list]) -> list[list]:
    return [[safe_cell(v) for v in row] for row in rows]


def to_csv(rows: list[list]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(
        [["" if v is None else (f"{v:.2f}" if hasattr(v, "as_tuple") else v) for v in row] for row in _safe(rows)])
    return "\ufeff" + out.getvalue()


def to_xlsx(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in _safe(rows):
        sheet.append([float(v) if hasattr(v, "as_tuple") else number_or_text(v) for v in row])
    for cells in sheet.iter_rows():  # text stays text: never a formula, whatever it starts with
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
