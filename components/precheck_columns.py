"""The pre-check's account of how the list was read: each column and what it was read as (a
select the consultant can change), the defaults every client was taken with for a field the list
does not give, and the rows that are not clients."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from calculators import batch
from calculators.cell_units import UNITS
from i18n import t


def column_name(column: dict, lang: str) -> str:
    return column["header"] or t(lang, "precheck.column_blank", n=column["column"])


# The units a column of each field may be read in, besides the field's own (the first).
UNIT_CHOICES = {  # (unit as cell_units writes it, catalog key of its name)
    "money": (("元", "yuan"), ("万元", "wan")),
    "contribution_months": (("个月", "months"), ("年", "years")),
    "term_years": (("年", "years"), ("个月", "months")),
}


def field_options(lang: str) -> list[dict]:
    """What a column can be read as: not used, the client's name, or a field (money and periods in
    each unit they are written in)."""
    options = [
        {"label": t(lang, "precheck.map_none"), "value": "none"},
        {"label": t(lang, "precheck.col_name"), "value": "name"},
    ]
    for name in batch.FIELDS:
        label = t(lang, f"field.{name}")
        units = UNIT_CHOICES.get(name) or (
            UNIT_CHOICES["money"] if batch.MEASURES.get(name) == "money" else ()
        )
        if not units:
            options.append({"label": label, "value": name})
            continue
        for i, (unit, word) in enumerate(units):
            value = name if i == 0 else f"{name}@{unit}"
            shown = t(lang, f"precheck.unit_{word}")
            options.append({"label": t(lang, "precheck.map_unit", field=label, unit=shown), "value": value})
    return options


def column_choice(column: dict) -> str:
    """A column's current reading as a select value: "none", "field" or "field@unit", the unit
    named as the select names it (a header's 万 is the select's 万元)."""
    field = column["field"]
    choices = UNIT_CHOICES.get(field) or (
        UNIT_CHOICES["money"] if batch.MEASURES.get(field) == "money" else ()
    )
    if not field or not choices:
        return field or "none"
    written = UNITS.get(column.get("unit") or "")
    for i, (unit, _word) in enumerate(choices):
        if written is None and i == 0 or written == UNITS[unit]:
            return field if i == 0 else f"{field}@{unit}"
    return f"{field}@{column['unit']}"


def columns_view(result, lang):
    """Each column and what it was read as, in a select the consultant can change; then "pre-check
    again" reads the kept cells that way (no new upload). Where the header was found is said."""
    columns = result.get("columns")
    if not columns:
        return None
    options = field_options(lang)
    known = {o["value"] for o in options}
    rows = []
    for c in columns:
        if c["unused"] == "result" or not (c["header"] or c["field"]):
            continue
        value = column_choice(c)
        extra = [] if value in known else [{"label": f"{c['label']} ({c['unit']})", "value": value}]
        note = t(lang, "precheck.unused_duplicate", column="").strip() if c["unused"] == "duplicate" else ""
        rows.append(
            html.Tr(
                [
                    html.Td(
                        [
                            column_name(c, lang),
                            html.Div(note, className="small text-body-secondary") if note else None,
                        ],
                        className="text-break",
                    ),
                    html.Td(
                        html.Label(
                            [
                                html.Span(
                                    t(lang, "precheck.column_as", column=column_name(c, lang), field=""),
                                    className="visually-hidden",
                                ),
                                dbc.Select(
                                    id={"type": "precheck-map", "column": c["column"]},
                                    options=options + extra,
                                    value=value,
                                    size="sm",
                                ),
                            ],
                            className="d-block",
                        )
                    ),
                ],
                **{"data-column": c["column"]},
            )
        )
    replaced = [column_name(c, lang) for c in columns if c["unused"] == "result"]
    sep = t(lang, "format.list_sep_long")
    parts = [
        html.Summary(
            t(lang, "precheck.map_summary", read=sum(1 for c in columns if c["field"]), total=len(rows)),
            className="fw-semibold",
        ),
        html.P(t(lang, "precheck.map_hint"), className="small text-body-secondary mb-2"),
        html.Table(
            [
                html.Thead(
                    html.Tr([html.Th(t(lang, "precheck.h_column")), html.Th(t(lang, "precheck.h_read_as"))])
                ),
                html.Tbody(rows),
            ],
            className="table table-sm align-middle mb-2",
            id="precheck-columns-read",
        ),
        dbc.Button(
            t(lang, "precheck.map_apply"), id="precheck-map-apply", size="sm", color="primary", n_clicks=0
        ),
    ]
    if replaced:
        parts.append(
            html.Div(
                t(lang, "precheck.unused_result", columns=sep.join(replaced)),
                id="precheck-columns-replaced",
                className="small text-body-secondary mt-2",
            )
        )
    if (result.get("header_row") or 1) > 1:
        parts.append(
            html.Div(
                t(lang, "precheck.header_row", row=result["header_row"]),
                id="precheck-header-row",
                className="small text-body-secondary mt-2",
            )
        )
    needs_look = any(r["status"] == "error" for r in result["rows"]) or any(
        c["unused"] == "unknown" for c in columns
    )
    return html.Details(
        parts, open=needs_look, className="border rounded p-2 mb-3 d-print-none", id="precheck-columns"
    )


def defaults_view(result, lang):
    """Above the results: what every client was taken as for a field the list does not give."""
    defaults = [d for d in result.get("defaults") or [] if not d.get("missing")]
    missing = [d for d in result.get("defaults") or [] if d.get("missing")]
    if not (defaults or missing):
        return None
    return dbc.Alert(
        [
            html.Ul([html.Li(d["message"], className="fw-semibold") for d in missing], className="ps-3")
            if missing
            else None,
            html.Div(t(lang, "precheck.defaults_heading"), className="fw-semibold mb-1")
            if defaults
            else None,
            html.Ul([html.Li(d["message"]) for d in defaults], className="mb-0 ps-3") if defaults else None,
        ],
        color="danger" if missing else "warning",
        id="precheck-defaults",
        className="small",
    )


def skipped_view(result, lang):
    """Rows that are not clients (totals, notes): listed, never counted."""
    skipped = result.get("skipped") or []
    if not skipped:
        return None
    return html.Div(
        [
            html.Div(t(lang, "precheck.skipped_heading"), className="fw-semibold"),
            html.Ul([html.Li(s["message"]) for s in skipped], className="mb-0 ps-3"),
        ],
        className="small text-body-secondary border rounded p-2 mb-2",
        id="precheck-skipped",
    )
