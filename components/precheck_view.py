"""The pre-check's result on the page: summary, which column was read as what, one line a client.

Words shared with the downloads (``detail_texts``, ``figures``) live here too, so the page and the
files say the same thing.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from calculators.eligibility import STATUSES
from components.numbers import big_yuan, yuan
from i18n import t

SHOWN_ROWS = 500  # rows drawn on the page; the downloads hold every row


def status_badge(row, lang):
    colors = {"eligible": "success", "depends": "info", "not_eligible": "danger", "error": "warning"}
    return html.Span(
        t(lang, f"precheck.status_{row['status']}"), className=f"badge text-bg-{colors[row['status']]}"
    )


def detail_texts(row, lang) -> list[str]:
    """Why a row is not eligible and how to fix it (or what is wrong with its data): the same
    words on the page and in the downloads."""
    sep = t(lang, "format.colon")
    failed = {f["rule"] for f in row["failed"]}
    # A term past the age limit fails the age rule and the quota alike: say it once.
    errors = [e for e in row["errors"] if not ("age_term" in failed and e["field"] in ("age", "term_years"))]
    items = [f"{t(lang, 'field.' + e['field'])}{sep}{e['message']}" for e in errors]
    items += [f"{f['message']} {f['fix'] or ''}".strip() for f in row["failed"]]
    items += row.get("unchecked", [])
    if row["status"] in ("eligible", "depends") and row.get("range"):
        items.append(row["range"]["message"])
    if row.get("affordable"):
        a = row["affordable"]
        items.append(t(lang, "afford.row", price=big_yuan(a["price"], lang), loan=big_yuan(a["loan"], lang)))
    if row["status"] == "not_eligible" and row["amount"]:
        items.append(t(lang, "precheck.amount_once_met", amount=big_yuan(row["amount"], lang)))
    return items


def figures(row, lang) -> tuple[str, str, str]:
    """Amount, binding cap and payment as shown: only an eligible row has them. A row that fails a
    rule says so first (its possible amount is in the details); a third home is not lent."""
    if row["status"] not in ("eligible", "depends"):
        if row["status"] == "not_eligible" and any(f["rule"] == "home_number" for f in row["failed"]):
            return t(lang, "quota.not_lent_label"), "—", "—"
        return "—", "—", "—"
    return (
        yuan(row["amount"], lang) if row["amount"] is not None else "—",
        t(lang, f"cap.{row['binding_cap']}") if row["binding_cap"] else "—",
        yuan(row["monthly_payment"], lang) if row["monthly_payment"] is not None else "—",
    )


def column_name(column: dict, lang: str) -> str:
    return column["header"] or t(lang, "precheck.column_blank", n=column["column"])


def columns_view(result, lang):
    """Which column was read as which field, which were not used (they stay in the downloads),
    and where the header was found when title rows sit above it."""
    columns = result.get("columns")
    if not columns:
        return None
    read = [
        t(lang, "precheck.column_as", column=column_name(c, lang), field=c["label"])
        for c in columns
        if c["field"]
    ]
    unused = [
        t(lang, "precheck.unused_duplicate", column=column_name(c, lang))
        if c["unused"] == "duplicate"
        else column_name(c, lang)
        for c in columns
        if not c["field"] and c["unused"] != "result" and (c["header"] or c["unused"])
    ]
    replaced = [column_name(c, lang) for c in columns if c["unused"] == "result"]
    sep = t(lang, "format.list_sep_long")
    parts = [
        html.Div(
            [html.Strong(t(lang, "precheck.columns_read") + t(lang, "format.colon")), sep.join(read)],
            id="precheck-columns-read",
        )
    ]
    if unused:
        parts.append(
            html.Div(
                t(lang, "precheck.columns_unused", columns=sep.join(unused)), id="precheck-columns-unused"
            )
        )
    if replaced:
        parts.append(
            html.Div(
                t(lang, "precheck.unused_result", columns=sep.join(replaced)), id="precheck-columns-replaced"
            )
        )
    if (result.get("header_row") or 1) > 1:
        parts.append(
            html.Div(t(lang, "precheck.header_row", row=result["header_row"]), id="precheck-header-row")
        )
    return html.Div(
        parts, className="small text-body-secondary border rounded p-2 mb-2", id="precheck-columns"
    )


def _details(row, lang):
    items = detail_texts(row, lang)
    return html.Ul([html.Li(i) for i in items], className="mb-0 ps-3 small") if items else ""


def result_view(result, lang, kept_minutes: int | None = None):
    rows = result["rows"]
    counts = {k: sum(1 for r in rows if r["status"] == k) for k in STATUSES}
    heads = {
        c: t(lang, f"precheck.h_{c}")
        for c in ("row", "name", "status", "amount", "binding", "payment", "details")
    }

    def cells(r):
        amount, binding, payment = figures(r, lang)
        return [
            html.Td(r["row"], className="text-nowrap", **{"data-label": heads["row"]}),
            html.Td(r["name"], className="text-nowrap client", **{"data-label": heads["name"]}),
            html.Td(status_badge(r, lang), **{"data-label": heads["status"]}),
            html.Td(amount, className="text-end num", **{"data-label": heads["amount"]}),
            html.Td(binding, className="text-nowrap", **{"data-label": heads["binding"]}),
            html.Td(payment, className="text-end num", **{"data-label": heads["payment"]}),
            html.Td(_details(r, lang), className="details", **{"data-label": heads["details"]}),
        ]

    body = [
        html.Tr(cells(r), **{"data-row": r["row"], "data-status": r["status"]}) for r in rows[:SHOWN_ROWS]
    ]
    return html.Div(
        [
            html.Div(
                [
                    html.H2(
                        t(lang, "precheck.result_heading", file=result["filename"] or ""),
                        className="h5 me-auto",
                    ),
                    dbc.Button(
                        [html.I(className="bi bi-filetype-csv me-1"), t(lang, "precheck.download_csv")],
                        id="precheck-csv",
                        size="sm",
                        color="primary",
                        n_clicks=0,
                        className="d-print-none",
                    ),
                    dbc.Button(
                        [
                            html.I(className="bi bi-file-earmark-excel me-1"),
                            t(lang, "precheck.download_xlsx"),
                        ],
                        id="precheck-xlsx",
                        size="sm",
                        color="primary",
                        outline=True,
                        n_clicks=0,
                        className="d-print-none",
                    ),
                    dbc.Button(
                        [html.I(className="bi bi-printer me-1"), t(lang, "share.print")],
                        id="precheck-print",
                        size="sm",
                        color="secondary",
                        outline=True,
                        n_clicks=0,
                        className="d-print-none",
                    ),
                    html.Span(id="precheck-print-sink", hidden=True),
                ],
                className="d-flex flex-wrap gap-2 align-items-center mb-2",
            ),
            html.Div(
                id="precheck-export-status",
                className="d-print-none",
                role="status",
                **{"aria-live": "polite"},
            ),
            html.P(
                t(lang, "precheck.kept", minutes=kept_minutes),
                className="small text-body-secondary d-print-none mb-2",
            )
            if kept_minutes
            else None,
            html.P(t(lang, "precheck.summary", total=len(rows), **counts), id="precheck-summary"),
            columns_view(result, lang),
            html.P(t(lang, "precheck.shown", n=SHOWN_ROWS), className="small text-body-secondary")
            if len(rows) > SHOWN_ROWS
            else None,
            html.Div(
                html.Table(
                    [
                        html.Thead(
                            html.Tr(
                                [html.Th(h, scope="col", className="text-nowrap") for h in heads.values()]
                            )
                        ),
                        html.Tbody(body),
                    ],
                    className="table table-sm align-middle stack-sm precheck-table",
                    id="precheck-table",
                ),
                className="table-responsive",
            ),
            html.P(t(lang, "precheck.note"), className="small text-body-secondary"),
        ]
    )


def expired_view(lang, minutes: int):
    """Said beside the download buttons when the results are gone from the job store."""
    return dbc.Alert(
        [
            html.I(className="bi bi-clock-history me-2"),
            t(lang, "precheck.expired", minutes=minutes),
            " ",
            html.A(
                t(lang, "precheck.upload_again"),
                href="#precheck-upload-wrap",
                className="alert-link",
                id="precheck-upload-again",
            ),
        ],
        color="warning",
        className="mb-2",
        id="precheck-expired",
    )


def alert(text, color="warning"):
    """A status line of the pre-check: queued, running, done, refused."""
    icon = "bi-check-circle" if color == "success" else "bi-exclamation-circle"
    return dbc.Alert([html.I(className=f"bi {icon} me-2"), text], color=color, className="mb-0")


def progress(done, total, lang):
    """The running job's bar: rows done of all."""
    pct = round(100 * done / max(total, 1))
    return html.Div(
        [
            html.Div(t(lang, "precheck.running", done=done, total=total), className="small mb-1"),
            dbc.Progress(value=pct, label=f"{pct}%", striped=True, animated=True, id="precheck-bar"),
        ]
    )
