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

from .precheck_columns import columns_view, defaults_view, skipped_view

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
    items += [d["message"] for d in row.get("defaulted", [])]
    if row["status"] in ("eligible", "depends") and row.get("range"):
        items.append(row["range"]["message"])
    if row.get("cash_short"):
        s = row["cash_short"]
        items.insert(
            0,
            t(
                lang,
                "precheck.cash_short",
                need=big_yuan(s["down_payment"], lang),
                cash=big_yuan(s["cash"], lang),
                short=big_yuan(s["short"], lang),
            ),
        )
    items += _close_text(row, lang)
    if row.get("affordable"):
        a = row["affordable"]
        items.append(t(lang, "afford.row", price=big_yuan(a["price"], lang), loan=big_yuan(a["loan"], lang)))
    if row["status"] in ("eligible", "depends") and row["amount"] == 0 and row.get("binding_cap"):
        items.append(t(lang, "precheck.amount_zero", cap=t(lang, f"cap.{row['binding_cap']}")))
    if row["status"] == "not_eligible" and row["amount"]:
        items.append(t(lang, "precheck.amount_once_met", amount=big_yuan(row["amount"], lang)))
    return items


def _not_lent(row) -> bool:
    """A row the fund lends nothing for (a third home)."""
    return any(f["rule"] == "home_number" for f in row["failed"])


def _close_text(row, lang) -> list[str]:
    """A row whose list gives the floor area: its cash to close, and what that leaves out."""
    close = row.get("cash_to_close")
    not_lent = _not_lent(row)  # the whole price, and the tax
    if not (close and close["deed_tax"] and (row["amount"] or not_lent)):
        return []
    tax = close["deed_tax"]
    text = t(
        lang,
        "precheck.cash_to_close",
        total=yuan(close["total"], lang),
        down=yuan(close["down_payment"], lang),
        tax=yuan(tax["amount"], lang),
        rate=f"{tax['rate']:g}%",
        others="".join(
            t(lang, "format.comma") + t(lang, f"field.{n}") + " " + yuan(v, lang)
            for n, v in close["other_costs"].items()
        ),
    )
    missing = [t(lang, f"field.{n}") for n in close["not_included"]]
    if missing:
        text += t(lang, "precheck.not_included", names=t(lang, "format.list_sep").join(missing))
    return [text]


def figures(row, lang) -> tuple[str, str, str]:
    """Amount, binding cap and payment as shown: only an eligible row has them. A row that fails a
    rule says so first (its possible amount is in the details); a third home is not lent."""
    if row["status"] not in ("eligible", "depends"):
        if row["status"] == "not_eligible" and _not_lent(row):
            return t(lang, "quota.not_lent_label"), "—", "—"
        return "—", "—", "—"
    return (
        yuan(row["amount"], lang) if row["amount"] is not None else "—",
        t(lang, f"cap.{row['binding_cap']}") if row["binding_cap"] else "—",
        yuan(row["monthly_payment"], lang) if row["monthly_payment"] is not None else "—",
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
            html.Td(
                [
                    _details(r, lang),
                    html.Span(
                        [
                            html.A(t(lang, "precheck.open_in_quota"), href=r["quota_link"], target="_blank"),
                            " · ",
                            html.A(
                                t(lang, "share.image"),
                                href=r.get("share_image"),
                                target="_blank",
                                title=t(lang, "share.image_title"),
                            ),
                        ],
                        className="small d-print-none",
                    )
                    if r.get("quota_link")
                    else None,
                ],
                className="details",
                **{"data-label": heads["details"]},
            ),
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
                [t(lang, "precheck.kept", minutes=kept_minutes), " ", t(lang, "precheck.csv_note")],
                className="small text-body-secondary d-print-none mb-2",
            )
            if kept_minutes
            else None,
            defaults_view(result, lang),
            html.P(
                t(lang, "precheck.summary", total=len(rows), **counts)
                + (
                    t(lang, "format.sentence_sep")
                    + t(lang, "precheck.done_skipped", skipped=len(result["skipped"]))
                    if result.get("skipped")
                    else ""
                ),
                id="precheck-summary",
            ),
            skipped_view(result, lang),
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


def done_alert(summary: dict, lang: str):
    """The finished job's status: green only when every client was computed; the words say how
    many were computed, how many need their data fixed and how many rows were skipped."""
    errors = summary.get("error", 0)
    computed = sum(summary.get(k, 0) for k in STATUSES) - errors
    key = "done_clean" if not errors else "done_mixed" if computed else "done_none"
    text = t(lang, f"precheck.{key}", computed=computed, errors=errors)
    if summary.get("skipped"):
        text += t(lang, "format.sentence_sep") + t(lang, "precheck.done_skipped", skipped=summary["skipped"])
    return alert(text, "success" if not errors else "warning" if computed else "danger")


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
