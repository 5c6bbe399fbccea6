"""Pre-check downloads: the consultant's own list, every column in its order with its header and
cells as uploaded, the row number first and the results after them. Every text cell goes through
``safe_cell`` (no live formula), XLSX text cells are stored as strings, CSV is UTF-8 with a BOM."""

from __future__ import annotations

import csv
import io

from calculators import batch
from components.precheck_view import detail_texts
from i18n import CHOICE_LABELS, choice_labels, join, t
from serving.export import number_or_text, safe_cell

RESULT_COLUMNS = ("status", "amount", "binding", "payment", "term", "rate", "version", "details")


def _results(r: dict, lang: str) -> list:
    details = detail_texts(r, lang)
    eligible = r["status"] in ("eligible", "depends")  # "depends": the amount holds once it is confirmed
    return [
        t(lang, f"precheck.status_{r['status']}"),
        r["amount"] if eligible else None,
        t(lang, f"cap.{r['binding_cap']}") if eligible and r["binding_cap"] else "",
        r["monthly_payment"] if eligible else None,
        r.get("term_years") if eligible else None,
        r.get("annual_rate") if eligible else None,
        r.get("policy_version", ""),
        join(lang, details, "format.list_sep_long"),
    ]


class Text(str):
    """A client's cell kept as the text it was (a phone or ID number is not a number to sum)."""


def _cell(cells: list, i: int, as_text: bool):
    value = cells[i] if i < len(cells) else None
    return Text(value) if as_text and isinstance(value, str) else value


def _skipped(r: dict, lang: str) -> list:
    """A row that is not a client, kept in its place: said skipped, and why."""
    return [t(lang, "precheck.status_skipped"), None, "", None, None, None, "", r["message"]]


def export_rows(result: dict, lang: str) -> list[list]:
    """Header and rows. A list read from a file keeps its columns; one without (the API's JSON
    rows) has the row and the client's name instead."""
    columns = result.get("columns")
    heads = [t(lang, "precheck.h_result" if c == "status" else f"precheck.h_{c}") for c in RESULT_COLUMNS]
    if columns:  # an earlier run's result columns (uploaded again) give way to this run's
        kept = [i for i, c in enumerate(columns) if c.get("unused") != "result"]
        # A column the site does not read as a number (phone, ID number, notes) stays text.
        as_text = {i for i in kept if batch.MEASURES.get(columns[i].get("field")) is None}
        out = [[t(lang, "precheck.h_row")] + [columns[i]["header"] for i in kept] + heads]
        every = sorted([*result["rows"], *result.get("skipped", ())], key=lambda r: r["row"])
        for r in every:
            cells = list(r.get("cells") or [])
            mine = [_cell(cells, i, i in as_text) for i in kept]
            out.append([r["row"]] + mine + (_skipped(r, lang) if "reason" in r else _results(r, lang)))
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
        [
            ["" if v is None else (f"{v:.2f}" if hasattr(v, "as_tuple") else v) for v in row]
            for row in _safe(rows)
        ]
    )
    return "\ufeff" + out.getvalue()


def to_xlsx(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row, kept in zip(_safe(rows), rows, strict=True):
        sheet.append(
            [
                v if isinstance(k, Text) else float(v) if hasattr(v, "as_tuple") else number_or_text(v)
                for v, k in zip(row, kept, strict=True)
            ]
        )
    for cells in sheet.iter_rows():  # text stays text: never a formula, whatever it starts with
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- the template a consultant fills in ----------------------------------------------------------

TEMPLATE_ROWS = (
    {
        "name": "张三",
        "age": 32,
        "contribution_months": 36,
        "account_balance": 60000,
        "monthly_income": 15000,
        "monthly_debt": 0,
        "house_price": 1200000,
        "home_number": "1",
        "category": "standard",
        "term_years": "",
        "co_borrower": "1",
        "account_status": "normal",
        "date": "",
        "fund_city": "zhuzhou",
    },
    {
        "name": "李四",
        "age": 48,
        "contribution_months": 4,
        "account_balance": 20000,
        "monthly_income": 8000,
        "monthly_debt": 1500,
        "house_price": 800000,
        "home_number": "2",
        "category": "standard",
        "term_years": 20,
        "co_borrower": "0",
        "account_status": "normal",
        "date": "",
        "fund_city": "zhuzhou",
    },
)
TEMPLATE_COLUMNS = ("name",) + batch.FIELDS


def _template_header(name: str, lang: str) -> str:
    """A column's label; a choice column lists its allowed values in brackets."""
    if name == "name":
        return t(lang, "precheck.col_name")
    label = t(lang, f"field.{name}")
    if name in CHOICE_LABELS:
        sep = "/"
        return t(lang, "format.aside", text=label, note=sep.join(choice_labels(name, lang)))
    return label


def _template_cell(name: str, value, lang: str):
    """Choice values in the words the form shows (普通缴存职工, 首套, 是), everything else as is."""
    if name in CHOICE_LABELS and value not in (None, ""):
        return t(lang, CHOICE_LABELS[name][str(value)])
    return value


def template_csv(lang: str) -> str:
    """The client-list template: the registry's columns, two example clients, UTF-8 with BOM."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_template_header(c, lang) for c in TEMPLATE_COLUMNS])
    for row in TEMPLATE_ROWS:
        writer.writerow([_template_cell(c, row.get(c, ""), lang) for c in TEMPLATE_COLUMNS])
    return "\ufeff" + out.getvalue()
