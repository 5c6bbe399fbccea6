"""Issue 9, finding 3: pre-check downloads never carry live formulas (OWASP CSV injection)."""
from __future__ import annotations

import base64
import csv
import io

import pytest

from serving.export import safe_cell

EVIL = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(1,1)",
        "\t=1+1", "\r=1+1", "  =1+1"]


@pytest.mark.parametrize("text", EVIL)
def test_formula_like_text_is_quoted(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["张三", "Li Si", "", None, 42, -3, 1.5])
def test_other_values_untouched(value):
    assert safe_cell(value) == value


def _export(kind):
    """Run the page's export on a finished job whose client names are formulas."""
    import dash
    from dash._callback_context import context_value
    from dash._utils import AttributeDict

    import app as site  # noqa: F401 - registers the pages
    from pages import precheck
    from serving import jobs

    rows = [{"row": i + 2, "name": name, "status": "error", "amount": None, "binding_cap": None,
             "monthly_payment": None, "errors": [], "failed": []} for i, name in enumerate(EVIL)]
    token = jobs.new_token()
    jobs.store.set(f"result:{token}", {"filename": "x.csv", "lang": "en", "rows": rows})
    context_value.set(AttributeDict(triggered_inputs=[{"prop_id": f"precheck-{kind}.n_clicks", "value": 1}]))
    with site.server.test_request_context():
        out = precheck.export(1 if kind == "csv" else 0, 1 if kind == "xlsx" else 0, token, "en")
    assert dash.ctx.triggered_id == f"precheck-{kind}"
    return out


def test_csv_download_neutralised():
    out = _export("csv")
    names = [r[1] for r in csv.reader(io.StringIO(out["content"].lstrip("\ufeff")))][1:]
    assert names == ["'" + e for e in EVIL]


def test_xlsx_download_text_cells_are_strings():
    from openpyxl import load_workbook

    out = _export("xlsx")
    book = load_workbook(io.BytesIO(base64.b64decode(out["content"])))
    cells = [c for row in book.active.iter_rows(min_row=2) for c in row[1:2]]
    # XML turns a stored CR into LF; the quote in front is what matters.
    assert [c.value for c in cells] == ["'" + e.replace("\r", "\n") for e in EVIL]
    assert all(c.data_type == "s" for c in cells)
