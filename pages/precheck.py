"""批量预审: upload a client list, get eligibility, quota and payment for every row."""

from __future__ import annotations

import base64
import binascii

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html

import jobs
import settings
from calculators import batch
from components import precheck_view
from components.icons import icon
from components.precheck_view import expired_view, result_view
from components.results import report_header
from components.site_pages import listed
from exports.precheck import export_rows, template_csv, to_csv, to_xlsx
from i18n import request_lang, t
from jobs import precheck_run as precheck
from jobs import slots as job_slots
from serving import limits
from uploads import reader

from . import precheck_again
from .precheck_again import KEPT_MINUTES

dash.register_page(__name__, **listed("precheck", "/precheck", nav="calculators", order=4))
__all__ = ["layout", "precheck_again"]  # precheck_again: the callbacks of a kept list checked again


def layout(lang=None, **_query):
    lang = request_lang(lang)
    return html.Div(
        [
            dcc.Store(id="precheck-lang", data=lang),
            dcc.Store(id="precheck-input"),
            dcc.Store(id="precheck-job"),
            # The last finished job's handle, kept by this tab across a reload and a language
            # switch (written by the browser: pages/precheck_again.py); results stay for KEPT_MINUTES.
            dcc.Store(id="precheck-kept", storage_type="session"),
            html.Span(id="precheck-kept-sink", hidden=True),
            dcc.Download(id="precheck-download"),
            report_header("nav.precheck", lang),
            html.H1(t(lang, "nav.precheck"), className="h3"),
            html.P(t(lang, "precheck.lead"), className="text-body-secondary d-print-none"),
            dbc.Card(
                dbc.CardBody(
                    [
                        html.Ol(
                            [
                                html.Li(
                                    [
                                        t(lang, "precheck.step1"),
                                        " ",
                                        dbc.Button(
                                            [icon("bi-download", "me-1"), t(lang, "precheck.template")],
                                            id="precheck-template",
                                            size="sm",
                                            color="secondary",
                                            outline=True,
                                            n_clicks=0,
                                        ),
                                    ]
                                ),
                                html.Li(t(lang, "precheck.step2")),
                                html.Li(
                                    t(
                                        lang,
                                        "precheck.step3",
                                        max_kb=settings.UPLOAD_LIMIT_BYTES // 1024,
                                        max_rows=settings.PRECHECK_MAX_ROWS,
                                    )
                                ),
                            ],
                            className="mb-3",
                        ),
                        html.Div(
                            dcc.Upload(
                                id="precheck-upload",
                                children=html.Div(
                                    [icon("bi-cloud-upload", "fs-3 d-block"), t(lang, "precheck.drop")]
                                ),
                                # No accept filter: a wrong file type gets a message from the
                                # server. Files over the limit are not sent at all; assets/site.js
                                # says why (dcc.Upload drops them silently).
                                multiple=False,
                                className="upload-box",
                                max_size=settings.UPLOAD_LIMIT_BYTES,
                            ),
                            id="precheck-upload-wrap",
                            **{"data-max-bytes": str(settings.UPLOAD_LIMIT_BYTES)},
                        ),
                        html.Div(
                            t(lang, "error.file_too_large", max_kb=settings.UPLOAD_LIMIT_BYTES // 1024),
                            id="precheck-size-warning",
                            className="alert alert-warning mt-3 mb-0",
                            role="alert",
                            hidden=True,
                        ),
                        html.Div(
                            id="precheck-status", className="mt-3", role="status", **{"aria-live": "polite"}
                        ),
                        html.Div(id="precheck-progress", className="mt-2", hidden=True),
                        html.Button(
                            t(lang, "precheck.cancel"),
                            id="precheck-cancel",
                            n_clicks=0,
                            type="button",
                            className="btn btn-sm btn-outline-secondary mt-2",
                            hidden=True,
                        ),
                    ]
                ),
                className="mb-3 d-print-none",
            ),
            html.Div(id="precheck-result"),
        ]
    )


@callback(
    Output("precheck-download", "data", allow_duplicate=True),
    Input("precheck-template", "n_clicks"),
    State("precheck-lang", "data"),
    prevent_initial_call=True,
)
def template(_clicks, lang):
    name = t(lang, "format.file_precheck_template")
    return dict(content=template_csv(lang), filename=name, type="text/csv")


@callback(
    Output("precheck-status", "children"),
    Output("precheck-input", "data"),
    Output("precheck-result", "children", allow_duplicate=True),
    Output("precheck-upload", "contents"),
    Input("precheck-upload", "contents"),
    State("precheck-upload", "filename"),
    State("precheck-lang", "data"),
    prevent_initial_call=True,
)
def upload(contents, filename, lang):
    """Check the file here (bounded, fast) and hand the rows to the background job by token.
    The upload's contents are cleared each time, so the same file chosen again (fixed, or after a
    "try again in N s") is a new upload; a refused upload leaves the earlier result in place."""
    if not contents:
        return dash.no_update, dash.no_update, dash.no_update, dash.no_update
    message, token = _accept(contents, filename, lang)
    if token is None:
        return message, dash.no_update, dash.no_update, None
    return message, token, None, None


def _accept(contents, filename, lang):
    """(status message, token of the stored rows or None when refused)."""
    wait = limits.upload_wait()
    if wait:
        return precheck_view.alert(t(lang, "error.too_many_requests", seconds=wait)), None
    try:
        data = base64.b64decode(contents.split(",", 1)[1], validate=False)
    except (IndexError, binascii.Error, ValueError):
        return precheck_view.alert(t(lang, "error.file_unreadable")), None
    refused = jobs.admission(limits.client())  # cheap checks first: a refused list is never read
    if refused:
        return precheck_view.alert(
            t(lang, f"error.{refused}"), "danger" if refused == "jobs_unavailable" else "warning"
        ), None
    try:
        table = reader.read_client_list(filename, data)
    except batch.TableError as exc:
        return precheck_view.alert(t(lang, f"error.{exc.code}", **exc.params)), None
    if limits.job_wait():
        return precheck_view.alert(t(lang, "error.busy")), None
    token = jobs.new_token()
    try:
        jobs.store.set(f"rows:{token}", precheck.stored(table, filename))
    except Exception:  # noqa: BLE001 - the job store (Redis) is down: say so, keep serving
        return precheck_view.alert(t(lang, "error.job_failed"), "danger"), None
    return precheck_view.alert(t(lang, "precheck.queued", total=len(table.rows)), "info"), token


def _job_failed(err):
    """A job that raised, was lost, or could not be started or polled (Redis down)."""
    from components.shell import initial_lang  # the page URL (Referer) carries ?lang=

    lang = initial_lang()
    code = next((c for c in (jobs.LOST, jobs.REFUSED, *jobs.REFUSALS) if c in str(err)), "job_failed")
    return None, precheck_view.alert(t(lang, f"error.{code}"), "danger")


@callback(
    Output("precheck-job", "data"),
    Output("precheck-status", "children", allow_duplicate=True),
    Input("precheck-input", "data"),
    State("precheck-lang", "data"),
    background=True,  # on the app's manager (jobs/backend.py, built by create_app)
    interval=500,
    progress=[Output("precheck-progress", "children")],
    running=[
        (Output("precheck-cancel", "hidden"), False, True),
        (Output("precheck-progress", "hidden"), False, True),
        (Output("precheck-upload", "disabled"), True, False),
    ],
    cancel=[Input("precheck-cancel", "n_clicks")],
    on_error=_job_failed,
    prevent_initial_call=True,
)
def run_job(set_progress, token, lang):
    """Runs in the job process (DiskcacheManager) or a Celery worker; results go to the store."""
    if not token:
        raise dash.exceptions.PreventUpdate
    try:
        report = precheck.run_job(
            token,
            lang,
            cancel_token=token,
            progress=lambda done, total: set_progress(precheck_view.progress(done, total, lang)),
        )
    except job_slots.Cancelled:
        return None, precheck_view.alert(t(lang, "precheck.cancelled"), "secondary")
    if report is None:
        return None, precheck_view.alert(t(lang, "precheck.lost"))
    jobs.store.set(f"result:{token}", {**report, "lang": lang})
    return token, precheck_view.done_alert(report["summary"], lang)


@callback(
    Output("precheck-status", "children", allow_duplicate=True),
    Input("precheck-cancel", "n_clicks"),
    State("precheck-lang", "data"),
    State("precheck-input", "data"),
    prevent_initial_call=True,
)
def cancelled(clicks, lang, token):
    if not clicks:
        return dash.no_update
    job_slots.cancel(token)
    return precheck_view.alert(t(lang, "precheck.cancelled"), "secondary")


@callback(
    Output("precheck-result", "children"),
    Input("precheck-job", "data"),
    State("precheck-lang", "data"),
    prevent_initial_call=True,
)
def show(token, lang):
    """Draw the finished job once, from the shared store (any web process can answer)."""
    try:
        result = jobs.store.get(f"result:{token}") if token else None
    except Exception:  # noqa: BLE001 - the job store (Redis) is down: say so, keep serving
        return precheck_view.alert(t(lang, "error.job_failed"), "danger")
    return result_view(result, lang, KEPT_MINUTES) if result else None


@callback(
    Output("precheck-download", "data"),
    Output("precheck-export-status", "children"),
    Output("precheck-csv", "disabled"),
    Output("precheck-xlsx", "disabled"),
    Input("precheck-csv", "n_clicks"),
    Input("precheck-xlsx", "n_clicks"),
    State("precheck-job", "data"),
    State("precheck-lang", "data"),
    prevent_initial_call=True,
)
def export(csv_clicks, xlsx_clicks, job_id, lang):
    """The client's list with the results beside it; once the results have expired, say so (the
    uploaded rows expire with them, so the list has to be uploaded again)."""
    if not (csv_clicks or xlsx_clicks):
        return dash.no_update, dash.no_update, dash.no_update, dash.no_update
    try:
        result = jobs.store.get(f"result:{job_id}") if job_id else None
    except Exception:  # noqa: BLE001 - the job store (Redis) is down: say so, keep serving
        return None, precheck_view.alert(t(lang, "error.job_failed"), "danger"), False, False
    if result is None:
        return None, expired_view(lang, KEPT_MINUTES), True, True
    rows = export_rows(result, lang)
    stem = t(lang, "format.file_precheck_results")
    if dash.ctx.triggered_id == "precheck-xlsx":
        return dcc.send_bytes(to_xlsx(rows), f"{stem}.xlsx"), None, False, False
    return dict(content=to_csv(rows), filename=f"{stem}.csv", type="text/csv"), None, False, False


dash.clientside_callback(
    dash.ClientsideFunction("site", "print"),
    Output("precheck-print-sink", "children"),
    Input("precheck-print", "n_clicks"),
    prevent_initial_call=True,
)
