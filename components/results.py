"""Result pieces shared by calculator pages: share/print bar, printed report header, inputs table."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, html

from calculators import clock
from calculators.policy import PolicyVersion
from i18n import pick, t, text_of

from .badges import parameter_source, sources_disclosure
from .icons import icon


def share_bar(prefix: str, lang: str, query: str | None = None):
    """Copy-link, share-as-image and print buttons; the link box and the image's address follow
    the page's URL sync (``query``: the first answer's, "?..." or "")."""
    return html.Div(
        [
            dbc.Label(t(lang, "share.link"), html_for=f"{prefix}-share-url", className="visually-hidden"),
            dbc.InputGroup(
                [
                    dbc.InputGroupText(icon("bi-link-45deg")),
                    dbc.Input(id=f"{prefix}-share-url", readonly=True, value=""),
                    dbc.Button(
                        [icon("bi-clipboard", "me-1"), t(lang, "share.copy")],
                        id=f"{prefix}-copy",
                        color="secondary",
                        outline=True,
                        n_clicks=0,
                    ),
                ],
                size="sm",
                className="mb-2",
            ),
            html.Div(id=f"{prefix}-copy-status", className="small text-success mb-2", role="status"),
            dcc.Store(id=f"{prefix}-copy-text", data=[t(lang, "share.copied"), t(lang, "share.copy_manual")]),
            dbc.Button(
                [icon("bi-printer", "me-1"), t(lang, "share.print")],
                id=f"{prefix}-print",
                color="primary",
                outline=True,
                size="sm",
                n_clicks=0,
            ),
            html.A(
                [icon("bi-image", "me-1"), t(lang, "share.image")],
                id=f"{prefix}-share-image",
                href=f"/share/{prefix}.png{query or ''}",
                target="_blank",
                rel="noopener",
                title=t(lang, "share.image_title"),
                className="btn btn-outline-primary btn-sm ms-2",
            ),
            html.Span(id=f"{prefix}-print-sink", hidden=True),
        ],
        className="share-bar d-print-none mb-3",
    )


def register_share_callbacks(prefix: str) -> None:
    """URL sync, copy and print for a calculator page whose callback fills ``<prefix>-query``."""
    dash.clientside_callback(
        dash.ClientsideFunction("site", "syncUrl"),
        Output(f"{prefix}-share-url", "value"),
        Output(f"{prefix}-share-image", "href"),
        Input(f"{prefix}-query", "data"),
    )
    dash.clientside_callback(
        dash.ClientsideFunction("site", "copyLink"),
        Output(f"{prefix}-copy-status", "children"),
        Input(f"{prefix}-copy", "n_clicks"),
        State(f"{prefix}-share-url", "value"),
        State(f"{prefix}-copy-text", "data"),
        prevent_initial_call=True,
    )
    dash.clientside_callback(
        dash.ClientsideFunction("site", "print"),
        Output(f"{prefix}-print-sink", "children"),
        Input(f"{prefix}-print", "n_clicks"),
        prevent_initial_call=True,
    )


def url_sync(prefix: str, query: str | None = None):
    return dcc.Store(id=f"{prefix}-query", data=query)


def result_bar(prefix: str, children):
    """The headline answer in a bar that sticks to the top of a phone's screen while the form
    below it is edited (hidden beside the form on wide screens, where the result is in view)."""
    return html.Div(
        children,
        id=f"{prefix}-bar",
        className="result-bar d-lg-none d-print-none",
        role="status",
        **{"aria-live": "polite"},
    )


def report_header(title_key: str, lang: str):
    """Shown only on paper: what this is, when it was made, that it is an estimate."""
    return html.Div(
        [
            html.H2(f"{t(lang, 'site.name')} · {t(lang, title_key)}", className="h5"),
            html.P(t(lang, "report.generated", date=clock.today().isoformat()), className="small mb-1"),
            html.P(t(lang, "footer.disclaimer"), className="small"),
        ],
        className="d-none d-print-block report-header",
    )


def inputs_table(rows: list[tuple[str, str]], lang: str):
    return html.Div(
        [
            html.H3(t(lang, "report.inputs"), className="h6"),
            html.Table(
                html.Tbody([html.Tr([html.Th(k, scope="row"), html.Td(v)]) for k, v in rows]),
                className="table table-sm",
            ),
        ],
        className="d-none d-print-block",
    )


def version_line(version: PolicyVersion, lang: str, asked: dt.date | None = None):
    """Which rules answered; a day still to come is answered by today's rules, and says so."""
    ahead = asked is not None and asked > clock.today()
    return html.P(
        [
            icon("bi-journal-check", "me-1"),
            t(lang, "result.policy_version", label=pick(version.label, lang)),
            html.Span(" " + t(lang, "result.future_day", date=asked.isoformat()), id="future-day")
            if ahead
            else None,
        ],
        className="small text-body-secondary mb-2 policy-version",
    )


def parameter_sources(version: PolicyVersion, names, lang: str):
    """Source lines of the parameters behind a result, each once.

    The list depends only on the version, the names and the language, and is the bulk of a
    result's components: build it once per combination and reuse it (it is only serialised).
    """
    return _parameter_sources(version, tuple(dict.fromkeys(n for n in names if version.has(n))), lang)


@lru_cache(maxsize=256)
def _parameter_sources(version: PolicyVersion, seen: tuple, lang: str):
    """Behind a short "依据 / Sources" disclosure: the answer first, citations on request."""
    return sources_disclosure(_parameter_list(version, seen, lang), lang, count=len(seen))


def _parameter_list(version: PolicyVersion, seen: tuple, lang: str):
    return html.Ul(
        [
            html.Li(
                [
                    html.Span(t(lang, f"param.{n}") + t(lang, "format.colon"), className="fw-semibold small"),
                    parameter_source(version[n], lang, show_since=True),
                ]
            )
            for n in seen
        ],
        className="list-unstyled sources-list",
    )


def error_alert(lang: str, messages: list[str] | None = None):
    return dbc.Alert(
        [
            icon("bi-exclamation-circle", "me-2"),
            t(lang, "result.fix_inputs"),
            html.Ul([html.Li(m) for m in messages]) if messages else None,
        ],
        color="warning",
        className="mb-0",
    )


def fix_line(check, lang: str, className: str = "fix small"):
    """What would fix a rule not met yet (a lightbulb and the catalog's words), or None."""
    if not check.fix:
        return None
    return html.Div(
        [icon("bi-lightbulb", "me-1"), text_of(lang, "fix", check.fix, check.params)], className=className
    )
