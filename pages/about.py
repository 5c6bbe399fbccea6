"""关于本站: what the site is, where every figure comes from, which ones are assumptions."""

from __future__ import annotations

import dash
from dash import html

from calculators.policy import CONFIDENCE_LEVELS
from calculators.policy_files import default_policy
from components.badges import confidence_badge, source_text
from components.site_pages import listed
from i18n import pick, request_lang, t

dash.register_page(__name__, **listed("about", "/about", nav="info", order=5))


def all_assumptions(policy) -> list:
    """Every assumed figure or assumed start date in any policy version, once per setting, in
    the order of the versions: the list is the policy data's, so it is complete."""
    seen, out = set(), []
    for version in policy.versions:
        for p in version.parameters.values():
            if (p.confidence == "assumption" or p.since_assumed) and (p.name, p.since) not in seen:
                seen.add((p.name, p.since))
                out.append(p)
    return out


def span_text(p, lang: str) -> str:
    """When an assumed setting applies: from its start (when known) until the next change."""
    if not p.since_known:  # the first version's date is where the data starts, not a known start
        if p.until is None:
            return t(lang, "about.span_always")
        return t(lang, "about.span_before", until=p.until.isoformat())
    if p.until is not None:
        return t(lang, "about.span_between", since=p.since.isoformat(), until=p.until.isoformat())
    return t(lang, "about.span_since", since=p.since.isoformat())


def layout(lang=None, **_query):
    lang = request_lang(lang)
    policy = default_policy()
    assumptions = all_assumptions(policy)
    sources = sorted(policy.sources.values(), key=lambda s: CONFIDENCE_LEVELS.index(s.confidence))
    return html.Div(
        [
            html.H1(t(lang, "nav.about"), className="h3"),
            html.P(t(lang, "about.lead"), className="lead"),
            html.H2(t(lang, "about.h_what"), className="h5"),
            html.P(t(lang, "about.what")),
            html.H2(t(lang, "about.h_confidence"), className="h5", id="confidence"),
            html.Dl(
                [
                    item
                    for c in CONFIDENCE_LEVELS
                    for item in (html.Dt(confidence_badge(c, lang)), html.Dd(t(lang, f"confidence.{c}_long")))
                ],
                id="about-confidence",
            ),
            html.H2(t(lang, "about.h_assumptions"), className="h5", id="assumptions"),
            html.P(t(lang, "about.assumptions_intro")),
            html.Ul(
                [
                    html.Li(
                        [
                            html.Span(t(lang, f"param.{p.name}"), className="fw-semibold"),
                            " ",
                            html.Span(span_text(p, lang), className="text-body-secondary"),
                            t(lang, "format.colon"),
                            pick(p.note, lang)
                            if p.note
                            else t(lang, "about.start_assumed", since=p.since.isoformat()),
                        ],
                        **{"data-param": p.name, "data-since": p.since.isoformat()},
                    )
                    for p in assumptions
                ]
                + [html.Li(source_text(policy.deed_tax.standard_source, lang), **{"data-param": "deed_tax"})],
                id="about-assumptions",
            ),
            html.H2(t(lang, "about.h_sources"), className="h5"),
            html.Ul(
                [
                    html.Li(
                        [
                            confidence_badge(s.confidence, lang),
                            " ",
                            html.A(
                                source_text(s, lang), href=s.url, rel="noopener noreferrer", target="_blank"
                            )
                            if s.url
                            else source_text(s, lang),
                        ],
                        className="mb-1",
                    )
                    for s in sources
                ],
                className="list-unstyled",
                id="about-sources",
            ),
            html.H2(t(lang, "about.h_map"), className="h5", id="map"),
            html.P(t(lang, "about.map")),
            html.H2(t(lang, "public.h_credits"), className="h5", id="credits"),
            html.P(t(lang, "public.credits")),
            html.H2(t(lang, "about.h_api"), className="h5"),
            html.P(
                [t(lang, "about.api"), " ", html.A("/api/v1/openapi.json", href="/api/v1/openapi.json"), "."]
            ),
            html.H2(t(lang, "about.h_offline"), className="h5"),
            html.P(t(lang, "about.offline")),
            html.H2(t(lang, "about.h_disclaimer"), className="h5"),
            html.P(t(lang, "footer.disclaimer")),
        ]
    )
