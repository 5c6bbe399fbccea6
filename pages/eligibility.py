"""贷款资格: one line per rule — passed or failed, why, and what would fix it."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from calculators.answers import judge
from components import applicant_form as af
from components.icons import icon
from components.results import fix_line, inputs_table, parameter_sources, version_line
from components.site_pages import listed
from i18n import href, join, request_lang, t, text_of
from rendering.static_html import freeze_output

dash.register_page(__name__, **listed("eligibility", "/calculators/eligibility", nav="calculators", order=1))
FORM = "eligibility"


def layout(lang=None, **query):
    return af.page(FORM, request_lang(lang), query, compute)


def _check_item(c, lang):
    glyph = (
        "bi-question-circle text-secondary"
        if not c.checked
        else "bi-check-circle-fill text-success"
        if c.passed
        else "bi-x-circle-fill text-danger"
    )
    return html.Li(
        [
            html.Div(
                [
                    icon(glyph, "me-2"),
                    html.Span(t(lang, f"rule.{c.rule}"), className="fw-semibold me-2"),
                    html.Span(
                        t(lang, "eligibility.not_checked")
                        if not c.checked
                        else t(lang, "eligibility.passed")
                        if c.passed
                        else t(lang, "eligibility.failed"),
                        className="visually-hidden",
                    ),
                ]
            ),
            html.Div(text_of(lang, "check", c.code, c.params), className="reason"),
            fix_line(c, lang, "fix small mt-1"),
        ],
        className="check" + ("" if c.passed else " failed") + ("" if c.checked else " not-checked"),
        **{"data-rule": c.rule, "data-passed": str(c.passed).lower(), "data-checked": str(c.checked).lower()},
    )


def _result(result, version, values, lang, asked=None):
    failed = [c for c in result.checks if not c.passed]
    unchecked = [c for c in result.checks if not c.checked]
    quota_link = href("/calculators/quota", lang, **values)
    names = [n for c in result.checks for n in c.parameters]
    bar = [
        html.Span(t(lang, "eligibility.bar_label"), className="label"),
        html.Strong(
            {
                True: t(lang, "eligibility.bar_yes"),
                None: t(lang, "eligibility.bar_depends"),
                False: t(lang, "eligibility.bar_no", count=len(failed)),
            }[result.eligible],
            id="eligibility-bar-value",
            className="value",
        ),
        html.Span(join(lang, (t(lang, f"rule.{c.rule}") for c in failed)), className="detail"),
    ]
    return af.PageAnswer(
        html.Div(
            [
                inputs_table(af.inputs_rows(values, lang), lang),
                dbc.Alert(
                    [
                        html.Div(
                            {
                                True: t(lang, "eligibility.yes"),
                                None: t(lang, "eligibility.depends"),
                                False: t(lang, "eligibility.no", count=len(failed)),
                            }[result.eligible],
                            className="verdict",
                            id="eligibility-verdict",
                        ),
                        html.Div(
                            t(lang, "eligibility.unchecked", count=len(unchecked)), id="eligibility-unchecked"
                        )
                        if unchecked and result.eligible is False
                        else None,
                        dcc.Link(
                            t(lang, "eligibility.to_quota"),
                            href=quota_link,
                            id="eligibility-quota-link",
                            className="alert-link d-print-none",
                        ),
                    ],
                    color={True: "success", None: "warning", False: "danger"}[result.eligible],
                    className="mb-3",
                ),
                version_line(version, lang, asked),
                html.Ol(
                    [_check_item(c, lang) for c in result.checks],
                    className="checks list-unstyled",
                    id="eligibility-checks",
                ),
                html.Ul(
                    [html.Li(text_of(lang, "note", n.code, n.params)) for n in result.notes],
                    className="notes",
                )
                if result.notes
                else None,
                html.H2(t(lang, "result.sources_heading"), className="h6 mt-3"),
                parameter_sources(version, names, lang),
            ]
        ),
        bar,
        result.eligible is not False,
    )


def compute(values, lang):
    answer = judge(values, for_quota=False, with_quota=False)
    return _result(answer.eligibility, answer.version, values, lang, answer.applicant.date)


af.register(FORM, compute, freeze_output)
