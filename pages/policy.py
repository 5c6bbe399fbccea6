"""政策: the loan rules in force and how they changed — generated from the same policy YAML the
calculators use — plus withdrawal, non-local, cross-province and COVID-era rules, each sourced."""

from __future__ import annotations

import dash
from dash import dcc, html

from calculators import clock
from calculators.policy import CATEGORIES
from calculators.policy_files import default_policy
from components import per_10k_table
from components.badges import (
    confidence_badge,
    estimate_link,
    since_text,
    source_line,
    source_text,
    sources_disclosure,
)
from components.policy_tables import RULES, history_table, value_text
from components.site_pages import listed
from facts.policy_notes import notes
from i18n import href, join, pick, request_lang, t

dash.register_page(__name__, **listed("policy", "/policy", nav="info", order=1))

SECTIONS = ("withdrawal", "nonlocal", "cross_province", "covid")


def _sources_list(items, lang):
    """One line per source (badge, linked title), each once, for a section's 依据 disclosure."""
    seen = {}
    for source, confidence in items:
        seen.setdefault(source.id, (source, confidence))
    return sources_disclosure(
        html.Ul([html.Li(source_line(s, c, lang)) for s, c in seen.values()], className="list-unstyled mb-0"),
        lang,
        count=len(seen),
    )


def _in_force(version, lang):
    rows = []
    for name, kind, link in RULES:
        if not version.has(name):
            continue
        p = version[name]
        since = since_text(p, lang)
        rows.append(
            html.Tr(
                [
                    html.Th(t(lang, f"param.{name}"), scope="row"),
                    html.Td(value_text(kind, p.value, lang), className="text-nowrap fw-semibold"),
                    html.Td(
                        [
                            confidence_badge(p.confidence, lang),
                            " ",
                            estimate_link(lang) if p.confidence == "assumption" else None,
                            html.Div(since, className="small text-body-secondary") if since else None,
                        ],
                        title=source_text(p.source, lang),
                    ),
                    html.Td(
                        dcc.Link(t(lang, f"policy.used_by_{link.rsplit('/', 1)[1]}"), href=href(link, lang)),
                        className="text-nowrap small col-used",
                    ),
                ],
                className="estimate" if p.confidence == "assumption" else "",
                **{"data-param": name},
            )
        )
    return html.Table(
        [
            html.Thead(
                html.Tr(
                    [
                        html.Th(t(lang, f"policy.col_{c}"), scope="col", className=f"col-{c}")
                        for c in ("rule", "value", "source", "used")
                    ]
                )
            ),
            html.Tbody(rows),
        ],
        className="table table-sm align-middle",
        id="policy-in-force",
    )


def _changes(lang):
    return html.Ol(
        [
            html.Li([html.Span(v.effective.isoformat(), className="fw-semibold me-2"), pick(v.changes, lang)])
            for v in reversed(default_policy().versions)
        ],
        reversed=True,
        className="small",
    )


def _notes(section, lang):
    items = [n for n in notes() if n.section == section]
    return html.Div(
        [
            html.Ul(
                [
                    html.Li(
                        [
                            pick(n.text, lang),
                            " ",
                            confidence_badge(n.confidence, lang),
                            dcc.Link(" " + t(lang, "policy.try"), href=href(n.link, lang), className="ms-1")
                            if n.link
                            else None,
                        ],
                        className="mb-2",
                        **{"data-note": n.key},
                    )
                    for n in items
                ],
                className="policy-notes mb-1",
            ),
            _sources_list([(n.source, n.confidence) for n in items], lang),
        ]
    )


def layout(lang=None, date=None, **_query):
    lang = request_lang(lang)
    today = clock.today()
    version = default_policy().on(today)
    return html.Div(
        [
            html.H1(t(lang, "nav.policy"), className="h3"),
            html.P(t(lang, "public.policy_lead"), className="text-body-secondary"),
            html.Nav(
                html.Ul(
                    [
                        html.Li(html.A(t(lang, f"policy.h_{k}"), href=f"#policy-{k}"))
                        for k in ("loans", "per_10k", "history") + SECTIONS
                    ],
                    className="list-inline-item-list d-flex flex-wrap gap-3 list-unstyled small",
                ),
                **{"aria-label": t(lang, "policy.contents")},
            ),
            html.Section(
                [
                    html.H2(t(lang, "policy.h_loans"), className="h5", id="policy-loans"),
                    html.P(
                        t(lang, "policy.in_force", label=pick(version.label, lang), date=today.isoformat()),
                        className="small",
                    ),
                    html.P(
                        [
                            confidence_badge("assumption", lang),
                            " ",
                            t(lang, "public.estimate_rows"),
                            " ",
                            estimate_link(lang),
                        ],
                        className="small",
                    ),
                    html.Div(
                        _in_force(version, lang),
                        className="table-responsive",
                        tabIndex="0",
                        role="region",
                        **{"aria-label": t(lang, "policy.h_loans")},
                    ),
                    _sources_list(
                        [(version[n].source, version[n].confidence) for n, _, _ in RULES if version.has(n)],
                        lang,
                    ),
                    html.P(
                        t(
                            lang,
                            "policy.categories",
                            names=join(lang, (t(lang, f"category.{c}") for c in CATEGORIES)),
                        ),
                        className="small text-body-secondary",
                    ),
                ],
                className="mb-4",
            ),
            per_10k_table.section(lang, date),
            html.Section(
                [
                    html.H2(t(lang, "policy.h_history"), className="h5", id="policy-history"),
                    html.P(t(lang, "policy.history_note"), className="small text-body-secondary"),
                    html.Div(
                        history_table(lang),
                        className="table-responsive",
                        tabIndex="0",
                        role="region",
                        **{"aria-label": t(lang, "policy.h_history")},
                    ),
                    html.Details(
                        [html.Summary(t(lang, "public.changes")), _changes(lang)], className="sources small"
                    ),
                ],
                className="mb-4",
            ),
            *[
                html.Section(
                    [
                        html.H2(t(lang, f"policy.h_{s}"), className="h5", id=f"policy-{s}"),
                        html.P(t(lang, f"policy.intro_{s}"), className="small text-body-secondary"),
                        _notes(s, lang),
                    ],
                    className="mb-4",
                )
                for s in SECTIONS
            ],
        ]
    )
