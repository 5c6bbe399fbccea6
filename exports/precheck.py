"""Pre-check downloads: the consultant's own list, every column in its order with its header and
cells as uploaded, the row number first and the results after them: one DataFrame (``Sheet``),
written as CSV or XLSX by exports/files.py. A client's cell in a column the site does not read as
a number (phone, ID number, notes) stays text in the workbook."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from calculators import batch
from calculators.fields import spec_of
from calculators.registry import ApplicantFields
from i18n import CHOICE_LABELS, choice_labels, join, t
from wording.precheck_rows import RESULT_COLUMNS, detail_texts, heading

from .files import csv_text, table, xlsx_bytes


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


@dataclass(frozen=True)
class Sheet:
    """The download's table: ``frame``'s columns are labels of the site's own ("row", "c3" for
    the list's fourth column, "status" ...), ``header`` what the consultant reads above them."""

    frame: pd.DataFrame
    header: list[str]
    text_columns: frozenset = frozenset()

    def as_rows(self) -> list[list]:
        """Header, then each row's cells (blank cells as None)."""
        cells = self.frame.astype(object).where(self.frame.notna(), None)
        return [list(self.header), *(list(r) for r in cells.itertuples(index=False, name=None))]


def _skipped(r: dict, lang: str) -> list:
    """A row that is not a client, kept in its place: said skipped, and why."""
    return [t(lang, "precheck.status_skipped"), None, "", None, None, None, "", r["message"]]


def export_rows(result: dict, lang: str) -> Sheet:
    """The results as a table. A list read from a file keeps its columns; one without (the API's
    JSON rows) has the row and the client's name instead."""
    columns = result.get("columns")
    heads = [heading(c, lang, download=True) for c in RESULT_COLUMNS]
    if columns:  # an earlier run's result columns (uploaded again) give way to this run's
        kept = [i for i, c in enumerate(columns) if c.get("unused") != "result"]
        labels = ["row", *(f"c{i}" for i in kept), *RESULT_COLUMNS]
        every = sorted([*result["rows"], *result.get("skipped", ())], key=lambda r: r["row"])
        rows = (
            [r["row"], *_cells(r.get("cells") or [], kept)]
            + (_skipped(r, lang) if "reason" in r else _results(r, lang))
            for r in every
        )
        return Sheet(
            table(rows, labels),
            [t(lang, "precheck.h_row"), *(columns[i]["header"] for i in kept), *heads],
            frozenset(f"c{i}" for i in kept if not _numeric(columns[i].get("field"))),
        )
    rows = ([r["row"], r["name"], *_results(r, lang)] for r in result["rows"])
    return Sheet(
        table(rows, ["row", "name", *RESULT_COLUMNS]),
        [t(lang, "precheck.h_row"), t(lang, "precheck.h_name"), *heads],
        frozenset({"name"}),
    )


NUMBER_KINDS = ("money", "percent", "area", "integer")


def _numeric(field: str | None) -> bool:
    """A column the site reads as a number (money, a percentage, an area, a count): a number the
    consultant can sum in the workbook. Anything else (a name, a phone, an ID number) stays text."""
    return field in ApplicantFields.model_fields and spec_of(ApplicantFields, field).kind in NUMBER_KINDS


def _cells(cells: list, kept: list[int]) -> list:
    return [cells[i] if i < len(cells) else None for i in kept]


def to_csv(sheet: Sheet) -> str:
    return csv_text(sheet.frame, sheet.header)


def to_xlsx(sheet: Sheet) -> bytes:
    return xlsx_bytes(sheet.frame, sheet.header, sheet.text_columns)


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
    rows = ([_template_cell(c, row.get(c, ""), lang) for c in TEMPLATE_COLUMNS] for row in TEMPLATE_ROWS)
    return csv_text(table(rows, TEMPLATE_COLUMNS), [_template_header(c, lang) for c in TEMPLATE_COLUMNS])
