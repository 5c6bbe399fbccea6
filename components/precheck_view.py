"""The pre-check's result on the page: summary, which column was read as what, one line a client.

The words a row is said in (``detail_texts``, ``figures``) are wording/precheck_rows.py's, so the
page and the downloads say the same thing.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from calculators.eligibility import STATUSES
from i18n import t
from wording.precheck_rows import PAGE_COLUMNS, detail_texts, figures, heading

from .icons import icon
from .precheck_columns import columns_view, defaults_view, skipped_view

SHOWN_ROWS = 500  # rows drawn on the page; the downloads hold every row


# The result's actions: (id suffix, icon, label, colour); the first is the filled one.
_ACTIONS = (
    ("csv", "bi-filetype-csv", "precheck.download_csv", "primary"),
    ("xlsx", "bi-file-earmark-excel", "precheck.download_xlsx", "primary"),
    ("print", "bi-printer", "share.print", "secondary"),
)


def status_badge(row, lang):
    colors = {"eligible": "success", "depends": "info", "not_eligible": "danger", "error": "warning"}
    return html.Span(
        t(lang, f"precheck.status_{row['status']}"), className=f"badge text-bg-{colors[row['status']]}"
    )


def _details(row, lang):
    items = detail_texts(row, lang)
    return html.Ul([html.Li(i) for i in items], className="mb-0 ps-3 small") if items else ""


def result_view(result, lang, kept_minutes: int | None = None):
    rows = result["rows"]
    counts = {k: sum(1 for r in rows if r["status"] == k) for k in STATUSES}
    heads = {c: heading(c, lang) for c in ("row", "name", *PAGE_COLUMNS)}

    def cells(r):
        amount, binding, payment = figures(r, lang)
        return [
            html.Td(r["row"], className="text-nowrap", **{"data-label": heads["row"]}),
            html.Td(r["name"], className="client", **{"data-label": heads["name"]}),
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
                    *(
                        dbc.Button(
                            [icon(name, "me-1"), t(lang, key)],
                            id=f"precheck-{kind}",
                            size="sm",
                            color=color,
                            outline=kind != "csv",
                            n_clicks=0,
                            className="d-print-none",
                        )
                        for kind, name, key, color in _ACTIONS
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
            icon("bi-clock-history", "me-2"),
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
    glyph = "bi-check-circle" if color == "success" else "bi-exclamation-circle"
    return dbc.Alert([icon(glyph, "me-2"), text], color=color, className="mb-0")


def progress(done, total, lang):
    """The running job's bar: rows done of all."""
    pct = round(100 * done / max(total, 1))
    return html.Div(
        [
            html.Div(t(lang, "precheck.running", done=done, total=total), className="small mb-1"),
            dbc.Progress(value=pct, label=f"{pct}%", striped=True, animated=True, id="precheck-bar"),
        ]
    )
