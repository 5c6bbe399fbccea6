"""The applicant's quota under every policy version since 2015 (calculators/answers.timeline_of): a
bar per version, which cap bound, and the version's own words for what changed."""

from __future__ import annotations

from dash import html

from calculators.answers import timeline_of
from calculators.policy_files import default_policy
from i18n import pick, t
from wording.numbers import big_yuan


def section(applicant, lang: str):
    """The timeline of the applicant the page's answer read (its price, when only cash was given,
    the one the cash affords)."""
    entries = timeline_of(applicant)
    top = max((e.amount for e in entries if e.amount), default=0) or 1
    versions = {v.id: v for v in default_policy().versions}
    return html.Div(
        [
            html.H2(t(lang, "timeline.heading"), className="h5 mt-3"),
            html.P(t(lang, "timeline.lead"), className="small text-body-secondary"),
            html.Ol(
                [_entry(e, versions[e.version], top, lang) for e in entries],
                className="quota-timeline list-unstyled",
            ),
        ],
        id="quota-timeline",
    )


def _entry(e, version, top, lang: str):
    if e.amount is None:
        figure = t(lang, "timeline.none")
    elif e.eligible is False:
        figure = t(lang, "timeline.not_eligible", amount=big_yuan(e.amount, lang))
    elif e.eligible is None:
        figure = t(lang, "timeline.depends", amount=big_yuan(e.amount, lang))
    else:
        figure = big_yuan(e.amount, lang)
    share = 0 if not e.amount else int(e.amount / top * 100)
    return html.Li(
        [
            html.Div(
                [
                    html.Strong(e.effective.isoformat(), className="me-2"),
                    html.Span(pick(version.label, lang)),
                ],
                className="small",
            ),
            html.Div(
                [
                    html.Div(
                        className="timeline-bar",
                        style={"width": f"{share * 0.6:.0f}%"},
                        **{"aria-hidden": "true"},
                    ),
                    html.Span(figure, className="timeline-amount num"),
                    html.Span(
                        t(lang, "timeline.bound", cap=t(lang, f"cap.{e.binding_cap}")), className="small ms-2"
                    )
                    if e.binding_cap and e.amount
                    else None,
                ],
                className="timeline-row",
            ),
        ],
        className="mb-2",
        **{"data-version": e.version},
    )
