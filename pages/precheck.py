"""批量预审: upload a client list, get eligibility, quota and payment for every row."""
from __future__ import annotations

import base64
import binascii
import csv
import datetime as dt
import io

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html

import settings
from api.serialize import precheck_row
from calculators import batch
from components.numbers import big_yuan, yuan
from components.results import report_header
from components.titles import page_title
from i18n import CHOICE_LABELS, choice_aliases, choice_labels, field_aliases, normalize_lang, t
from serving import jobs, limits
from serving.export import safe_cell

dash.register_page(__name__, path="/precheck", title=page_title("nav.precheck"), name="precheck",
                   nav="calculators", nav_key="nav.precheck", order=4)
SHOWN_ROWS = 500  # rows drawn on the page; the downloads hold every row
TEMPLATE_ROWS = (
    {"name": "张三", "age": 32, "contribution_months": 36, "account_balance": 60000,
     "monthly_income": 15000, "monthly_debt": 0, "house_price": 1200000, "home_number": "1",
     "category": "standard", "term_years": "", "co_borrower": "1", "account_status": "normal", "date": "",
     "fund_city": "zhuzhou"},
    {"name": "李四", "age": 48, "contribution_months": 4, "account_balance": 20000,
     "monthly_income": 8000, "monthly_debt": 1500, "house_price": 800000, "home_number": "2",
     "category": "standard", "term_years": 20, "co_borrower": "0", "account_status": "normal", "date": "",
     "fund_city": "zhuzhou"},
)
COLUMNS = ("name",) + batch.FIELDS


def layout(lang=None, **_query):
    lang = normalize_lang(lang)
    return html.Div([
        dcc.Store(id="precheck-lang", data=lang), dcc.Store(id="precheck-input"),
        dcc.Store(id="precheck-job"),
        dcc.Download(id="precheck-download"),
        report_header("nav.precheck", lang),
        html.H1(t(lang, "nav.precheck"), className="h3"),
        html.P(t(lang, "precheck.lead"), className="text-body-secondary d-print-none"),
        dbc.Card(dbc.CardBody([
            html.Ol([html.Li([t(lang, "precheck.step1"), " ",
                              dbc.Button([html.I(className="bi bi-download me-1"), t(lang, "precheck.template")],
                                         id="precheck-template", size="sm", color="secondary", outline=True,
                                         n_clicks=0)]),
                     html.Li(t(lang, "precheck.step2")),
                     html.Li(t(lang, "precheck.step3", max_kb=settings.UPLOAD_LIMIT_BYTES // 1024,
                               max_rows=settings.PRECHECK_MAX_ROWS))], className="mb-3"),
            html.Div(dcc.Upload(
                id="precheck-upload",
                children=html.Div([html.I(className="bi bi-cloud-upload fs-3 d-block"),
                                   t(lang, "precheck.drop")]),
                # No accept filter: a wrong file type gets a message from the server. Files over the
                # limit are not sent at all; assets/site.js says why (dcc.Upload drops them silently).
                multiple=False, className="upload-box", max_size=settings.UPLOAD_LIMIT_BYTES,
            ), id="precheck-upload-wrap", **{"data-max-bytes": str(settings.UPLOAD_LIMIT_BYTES)}),
            html.Div(t(lang, "error.file_too_large", max_kb=settings.UPLOAD_LIMIT_BYTES // 1024),
                     id="precheck-size-warning", className="alert alert-warning mt-3 mb-0", role="alert",
                     hidden=True),
            html.Div(id="precheck-status", className="mt-3", role="status", **{"aria-live": "polite"}),
            html.Div(id="precheck-progress", className="mt-2", hidden=True),
            html.Button(t(lang, "precheck.cancel"), id="precheck-cancel", n_clicks=0, type="button",
                        className="btn btn-sm btn-outline-secondary mt-2", hidden=True),
        ]), className="mb-3 d-print-none"),
        html.Div(id="precheck-result"),
    ])


def _template_header(name: str, lang: str) -> str:
    """A column's label; a choice column lists its allowed values in brackets."""
    if name == "name":
        return t(lang, "precheck.col_name")
    label = t(lang, f"field.{name}")
    if name in CHOICE_LABELS:
        sep = "/"
        return f"{label}（{sep.join(choice_labels(name, lang))}）" if lang == "zh" else \
            f"{label} ({sep.join(choice_labels(name, lang))})"
    return label


def _template_cell(name: str, value, lang: str):
    """Choice values in the words the form shows (普通缴存职工, 首套, 是), everything else as is."""
    if name in CHOICE_LABELS and value not in (None, ""):
        return t(lang, CHOICE_LABELS[name][str(value)])
    return value


def _template_csv(lang: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_template_header(c, lang) for c in COLUMNS])
    for row in TEMPLATE_ROWS:
        writer.writerow([_template_cell(c, row.get(c, ""), lang) for c in COLUMNS])
    return "\ufeff" + out.getvalue()


@callback(
    Output("precheck-download", "data", allow_duplicate=True),
    Input("precheck-template", "n_clicks"),
    State("precheck-lang", "data"),
    prevent_initial_call=True,
)
def template(_clicks, lang):
    name = "预审名单模板.csv" if lang == "zh" else "precheck-template.csv"
    return dict(content=_template_csv(lang), filename=name, type="text/csv")


def _alert(text, color="warning"):
    icon = "bi-check-circle" if color == "success" else "bi-exclamation-circle"
    return dbc.Alert([html.I(className=f"bi {icon} me-2"), text], color=color, className="mb-0")


def _progress_view(done, total, lang):
    pct = round(100 * done / max(total, 1))
    return html.Div([
        html.Div(t(lang, "precheck.running", done=done, total=total), className="small mb-1"),
        dbc.Progress(value=pct, label=f"{pct}%", striped=True, animated=True, id="precheck-bar"),
    ])


@callback(
    Output("precheck-status", "children"),
    Output("precheck-input", "data"),
    Output("precheck-result", "children", allow_duplicate=True),
    Input("precheck-upload", "contents"),
    State("precheck-upload", "filename"),
    State("precheck-lang", "data"),
    prevent_initial_call=True,
)
def upload(contents, filename, lang):
    """Check the file here (bounded, fast) and hand the rows to the background job by token."""
    if not contents:
        return dash.no_update, dash.no_update, dash.no_update
    wait = limits.upload_wait()
    if wait:
        return _alert(t(lang, "error.too_many_requests", seconds=wait)), None, None
    try:
        data = base64.b64decode(contents.split(",", 1)[1], validate=False)
    except (IndexError, binascii.Error, ValueError):
        return _alert(t(lang, "error.file_unreadable")), None, None
    try:
        rows = batch.read_table(filename or "", data, field_aliases(batch.FIELDS), settings.PRECHECK_MAX_ROWS,
                                settings.UPLOAD_LIMIT_BYTES, choice_aliases())
    except batch.TableError as exc:
        return _alert(t(lang, f"error.{exc.code}", **exc.params)), None, None
    if jobs.client_busy(limits.client()):
        return _alert(t(lang, "error.client_busy")), None, None
    wait = limits.job_wait()
    if wait:
        return _alert(t(lang, "error.busy")), None, None
    token = jobs.new_token()
    try:
        jobs.store.set(f"rows:{token}", {"filename": filename, "rows": rows})
    except Exception:  # noqa: BLE001 - the job store (Redis) is down: say so, keep serving
        return _alert(t(lang, "error.job_failed"), "danger"), None, None
    return _alert(t(lang, "precheck.queued", total=len(rows)), "info"), token, None


def _job_failed(err):
    """A job that raised, was lost, or could not be started or polled (Redis down)."""
    from components.shell import initial_lang  # the page URL (Referer) carries ?lang=

    lang = initial_lang()
    code = next((c for c in (jobs.LOST, jobs.REFUSED) if c in str(err)), "job_failed")
    return None, _alert(t(lang, f"error.{code}"), "danger")


@callback(
    Output("precheck-job", "data"),
    Output("precheck-status", "children", allow_duplicate=True),
    Input("precheck-input", "data"),
    State("precheck-lang", "data"),
    background=True,
    manager=jobs.manager,
    interval=500,
    progress=[Output("precheck-progress", "children")],
    running=[(Output("precheck-cancel", "hidden"), False, True),
             (Output("precheck-progress", "hidden"), False, True),
             (Output("precheck-upload", "disabled"), True, False)],
    cancel=[Input("precheck-cancel", "n_clicks")],
    on_error=_job_failed,
    prevent_initial_call=True,
)
def run_job(set_progress, token, lang):
    """Runs in the job process (DiskcacheManager) or a Celery worker; results go to the store."""
    if not token:
        raise dash.exceptions.PreventUpdate
    upload_ = jobs.store.get(f"rows:{token}")
    if upload_ is None:
        return None, _alert(t(lang, "precheck.lost"))
    rows = upload_["rows"]
    with jobs.running(lambda ahead: set_progress(html.Div(t(lang, "precheck.waiting", ahead=ahead),
                                                          className="small"))) as job:
        set_progress(_progress_view(0, len(rows), lang))

        def progress(done):
            set_progress(_progress_view(done, len(rows), lang))
            jobs.beat(job)

        results = batch.run(rows, today=dt.date.today(), progress=progress,
                            every=max(250, len(rows) // 20))
    jobs.store.set(f"result:{token}", {"filename": upload_["filename"], "lang": lang,
                                       "rows": [precheck_row(r, lang) for r in results]})
    return token, _alert(t(lang, "precheck.done", total=len(rows)), "success")


@callback(
    Output("precheck-status", "children", allow_duplicate=True),
    Input("precheck-cancel", "n_clicks"),
    State("precheck-lang", "data"),
    prevent_initial_call=True,
)
def cancelled(clicks, lang):
    return _alert(t(lang, "precheck.cancelled"), "secondary") if clicks else dash.no_update


def _status_badge(row, lang):
    colors = {"eligible": "success", "not_eligible": "danger", "error": "warning"}
    return html.Span(t(lang, f"precheck.status_{row['status']}"),
                     className=f"badge text-bg-{colors[row['status']]}")


def _detail_texts(row, lang) -> list[str]:
    """Why a row is not eligible and how to fix it (or what is wrong with its data): the same
    words on the page and in the downloads."""
    sep = "：" if lang == "zh" else ": "
    failed = {f["rule"] for f in row["failed"]}
    # A term past the age limit fails the age rule and the quota alike: say it once.
    errors = [e for e in row["errors"] if not ("age_term" in failed and e["field"] in ("age", "term_years"))]
    items = [f"{t(lang, 'field.' + e['field'])}{sep}{e['message']}" for e in errors]
    items += [f"{f['message']} {f['fix'] or ''}".strip() for f in row["failed"]]
    if row["status"] == "not_eligible" and row["amount"]:
        items.append(t(lang, "precheck.amount_once_met", amount=big_yuan(row["amount"], lang)))
    return items


def _details(row, lang):
    items = _detail_texts(row, lang)
    return html.Ul([html.Li(i) for i in items], className="mb-0 ps-3 small") if items else ""


def _figures(row, lang) -> tuple[str, str, str]:
    """Amount, binding cap and payment as shown: only an eligible row has them. A row that fails a
    rule says so first (its possible amount is in the details); a third home is not lent."""
    if row["status"] != "eligible":
        if row["status"] == "not_eligible" and any(f["rule"] == "home_number" for f in row["failed"]):
            return t(lang, "quota.not_lent_label"), "—", "—"
        return "—", "—", "—"
    return (yuan(row["amount"], lang) if row["amount"] is not None else "—",
            t(lang, f"cap.{row['binding_cap']}") if row["binding_cap"] else "—",
            yuan(row["monthly_payment"], lang) if row["monthly_payment"] is not None else "—")


def _result_view(result, lang):
    rows = result["rows"]
    counts = {k: sum(1 for r in rows if r["status"] == k) for k in ("eligible", "not_eligible", "error")}
    heads = {c: t(lang, f"precheck.h_{c}") for c in ("row", "name", "status", "amount", "binding",
                                                       "payment", "details")}

    def cells(r):
        amount, binding, payment = _figures(r, lang)
        return [html.Td(r["row"], className="text-nowrap", **{"data-label": heads["row"]}),
                html.Td(r["name"], className="text-nowrap client", **{"data-label": heads["name"]}),
                html.Td(_status_badge(r, lang), **{"data-label": heads["status"]}),
                html.Td(amount, className="text-end num", **{"data-label": heads["amount"]}),
                html.Td(binding, className="text-nowrap", **{"data-label": heads["binding"]}),
                html.Td(payment, className="text-end num", **{"data-label": heads["payment"]}),
                html.Td(_details(r, lang), className="details", **{"data-label": heads["details"]})]
    body = [html.Tr(cells(r), **{"data-row": r["row"], "data-status": r["status"]})
            for r in rows[:SHOWN_ROWS]]
    return html.Div([
        html.Div([
            html.H2(t(lang, "precheck.result_heading", file=result["filename"] or ""), className="h5 me-auto"),
            dbc.Button([html.I(className="bi bi-filetype-csv me-1"), t(lang, "precheck.download_csv")],
                       id="precheck-csv", size="sm", color="primary", n_clicks=0, className="d-print-none"),
            dbc.Button([html.I(className="bi bi-file-earmark-excel me-1"), t(lang, "precheck.download_xlsx")],
                       id="precheck-xlsx", size="sm", color="primary", outline=True, n_clicks=0,
                       className="d-print-none"),
            dbc.Button([html.I(className="bi bi-printer me-1"), t(lang, "share.print")],
                       id="precheck-print", size="sm", color="secondary", outline=True, n_clicks=0,
                       className="d-print-none"),
            html.Span(id="precheck-print-sink", hidden=True),
        ], className="d-flex flex-wrap gap-2 align-items-center mb-2"),
        html.P(t(lang, "precheck.summary", total=len(rows), **counts), id="precheck-summary"),
        html.P(t(lang, "precheck.shown", n=SHOWN_ROWS), className="small text-body-secondary")
        if len(rows) > SHOWN_ROWS else None,
        html.Div(html.Table([
            html.Thead(html.Tr([html.Th(h, scope="col", className="text-nowrap") for h in heads.values()])),
            html.Tbody(body),
        ], className="table table-sm align-middle stack-sm precheck-table", id="precheck-table"),
            className="table-responsive"),
        html.P(t(lang, "precheck.note"), className="small text-body-secondary"),
    ])


@callback(
    Output("precheck-result", "children"),
    Input("precheck-job", "data"),
    State("precheck-lang", "data"),
    prevent_initial_call=True,
)
def show(token, lang):
    """Draw the finished job once, from the shared store (any web process can answer)."""
    result = jobs.store.get(f"result:{token}") if token else None
    return _result_view(result, lang) if result else None


def _export_rows(result, lang):
    header = [t(lang, f"precheck.h_{c}") for c in ("row", "name", "status", "amount", "binding",
                                                   "payment")] + [
        t(lang, "precheck.h_term"), t(lang, "precheck.h_rate"), t(lang, "precheck.h_version"),
        t(lang, "precheck.h_details")]
    out = [header]
    for r in result["rows"]:
        details = _detail_texts(r, lang)
        eligible = r["status"] == "eligible"
        out.append([r["row"], r["name"], t(lang, f"precheck.status_{r['status']}"),
                    r["amount"] if eligible else None,
                    t(lang, f"cap.{r['binding_cap']}") if eligible and r["binding_cap"] else "",
                    r["monthly_payment"] if eligible else None, r.get("term_years") if eligible else None,
                    r.get("annual_rate") if eligible else None,
                    r.get("policy_version", ""), "；".join(details) if lang == "zh" else "; ".join(details)])
    return out


@callback(
    Output("precheck-download", "data"),
    Input("precheck-csv", "n_clicks"),
    Input("precheck-xlsx", "n_clicks"),
    State("precheck-job", "data"),
    State("precheck-lang", "data"),
    prevent_initial_call=True,
)
def export(csv_clicks, xlsx_clicks, job_id, lang):
    if not (csv_clicks or xlsx_clicks):
        return dash.no_update
    result = jobs.store.get(f"result:{job_id}") if job_id else None
    if result is None:
        return dash.no_update
    rows = [[safe_cell(v) for v in row] for row in _export_rows(result, lang)]
    stem = "预审结果" if lang == "zh" else "precheck-results"
    if dash.ctx.triggered_id == "precheck-xlsx":
        from openpyxl import Workbook
        book = Workbook()
        sheet = book.active
        for row in rows:
            sheet.append([float(v) if hasattr(v, "as_tuple") else v for v in row])
        for cells in sheet.iter_rows():  # text stays text: never a formula, whatever it starts with
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
        buffer = io.BytesIO()
        book.save(buffer)
        return dcc.send_bytes(buffer.getvalue(), f"{stem}.xlsx")
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(
        [["" if v is None else (f"{v:.2f}" if hasattr(v, "as_tuple") else v) for v in row] for row in rows])
    return dict(content="\ufeff" + out.getvalue(), filename=f"{stem}.csv", type="text/csv")


dash.clientside_callback(
    dash.ClientsideFunction("site", "print"),
    Output("precheck-print-sink", "children"),
    Input("precheck-print", "n_clicks"),
    prevent_initial_call=True,
)
