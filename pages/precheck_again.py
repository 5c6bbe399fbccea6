"""A kept upload checked again without a new file: with the columns mapped another way, after a
reload of the page, or in the other language. The callbacks of the pre-check page that start a
job from rows already in the job store (pages/precheck.py starts one from an upload, and imports
this module; Dash's page scan passes it by, as it is not a page of its own)."""

from __future__ import annotations

import dash
from dash import ALL, Input, Output, State, callback

import jobs
from components import precheck_view
from components.precheck_view import expired_view
from i18n import t
from jobs import precheck_run as precheck
from serving import limits

KEPT_MINUTES = jobs.TTL // 60  # uploaded rows and results stay this long; then upload again


@callback(
    Output("precheck-status", "children", allow_duplicate=True),
    Output("precheck-input", "data", allow_duplicate=True),
    Input("precheck-map-apply", "n_clicks"),
    State({"type": "precheck-map", "column": ALL}, "value"),
    State({"type": "precheck-map", "column": ALL}, "id"),
    State("precheck-job", "data"),
    State("precheck-lang", "data"),
    prevent_initial_call=True,
)
def remap(clicks, choices, ids, token, lang):
    """Pre-check the kept upload again, its columns read as the consultant chose: a new job of
    the same rows (the same limits as an upload), no new file."""
    if not clicks or not token:
        return dash.no_update, dash.no_update
    wait = limits.upload_wait()
    if wait:
        return precheck_view.alert(t(lang, "error.too_many_requests", seconds=wait)), dash.no_update
    refused = jobs.admission(limits.client())
    if refused:
        color = "danger" if refused == "jobs_unavailable" else "warning"
        return precheck_view.alert(t(lang, f"error.{refused}"), color), dash.no_update
    try:
        upload = jobs.store.get(f"rows:{token}")
        if upload is None:
            return expired_view(lang, KEPT_MINUTES), dash.no_update
        mapping = {
            i["column"] - 1: "" if v in (None, "none") else v for i, v in zip(ids, choices, strict=False)
        }
        new = jobs.new_token()
        jobs.store.set(f"rows:{new}", precheck.remapped(upload, mapping))
    except Exception:  # noqa: BLE001 - the job store (Redis) is down: say so, keep serving
        return precheck_view.alert(t(lang, "error.job_failed"), "danger"), dash.no_update
    return precheck_view.alert(t(lang, "precheck.remapped"), "info"), new


# The browser keeps the finished job's handle for this tab: written outside the callback graph
# (precheck-kept is nobody's output), so ``restore`` starting a job cannot loop back to itself.
dash.clientside_callback(
    """function (token) {
        if (token) { window.sessionStorage.setItem("precheck-kept", JSON.stringify(token)); }
        return window.dash_clientside.no_update;
    }""",
    Output("precheck-kept-sink", "children"),
    Input("precheck-job", "data"),
    prevent_initial_call=True,
)


@callback(
    Output("precheck-job", "data", allow_duplicate=True),
    Output("precheck-input", "data", allow_duplicate=True),
    Output("precheck-status", "children", allow_duplicate=True),
    Input("precheck-kept", "data"),
    State("precheck-lang", "data"),
    prevent_initial_call=True,
)
def restore(token, lang):
    """After a reload, the tab's last results; after a language switch, the kept rows checked
    again in the page's language as a new job (a handle starts one job only); once expired, say so."""
    none = dash.no_update
    try:
        result = jobs.store.get(f"result:{token}") if token else None
        if result is None:
            return none, none, (expired_view(lang, KEPT_MINUTES) if token else none)
        if result.get("lang") == lang:
            return token, none, precheck_view.done_alert(result["summary"], lang)
        upload = jobs.store.get(f"rows:{token}")
        if upload is None:
            return none, none, expired_view(lang, KEPT_MINUTES)
        again = jobs.new_token()
        jobs.store.set(f"rows:{again}", upload)
    except Exception:  # noqa: BLE001 - the job store (Redis) is down: say so, keep serving
        return none, none, precheck_view.alert(t(lang, "error.job_failed"), "danger")
    return none, again, precheck_view.alert(t(lang, "precheck.relabelling"), "info")
