"""可贷额度: the amount, every cap side by side, the binding one and what would lift it."""

from __future__ import annotations

import dash
from dash import html

from calculators.answers import judge
from components import applicant_form as af
from components import quota_timeline, quota_view
from components.results import inputs_table, parameter_sources, version_line
from components.site_pages import listed
from i18n import request_lang, t, text_of
from rendering.static_html import freeze_output

dash.register_page(__name__, **listed("quota", "/calculators/quota", nav="calculators", order=2))
FORM = "quota"


def layout(lang=None, **query):
    return af.page(FORM, request_lang(lang), query, compute)


def _result(answer, values, lang):
    result, version, verdict = answer.quota, answer.version, answer.eligibility
    not_lent = result.not_lent
    names = [n for c in result.caps for n in c.parameters] + [result.rate_parameter]
    return af.PageAnswer(
        html.Div(
            [
                inputs_table(af.inputs_rows(values, lang), lang),
                quota_view.headline_card(answer, not_lent, values, lang),
                version_line(version, lang, answer.applicant.date),
                html.H2(t(lang, "quota.caps_heading"), className="h5"),
                quota_view.caps_table(result, lang),
                html.Ul(
                    [html.Li(text_of(lang, "note", n.code, n.params)) for n in result.notes],
                    className="notes",
                )
                if result.notes
                else None,
                quota_timeline.section(answer.applicant, lang),
                html.H2(t(lang, "result.sources_heading"), className="h6 mt-3"),
                parameter_sources(version, names, lang),
            ]
        ),
        quota_view.bar(result, verdict, not_lent, lang),
        verdict.eligible is not False and not not_lent,
    )


def compute(values, lang):
    answer = judge(values, for_quota=True)
    return _result(answer, values, lang)


af.register(FORM, compute, freeze_output)
