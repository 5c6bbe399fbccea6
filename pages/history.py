"""大事记: milestones since 2002 as a timeline, filterable by category (links, so filters are shareable)."""

from __future__ import annotations

from itertools import groupby

import dash
from dash import dcc, html

from components.badges import confidence_badge, source_text
from components.icons import icon
from components.site_pages import listed
from facts.milestones import CATEGORIES, milestones
from i18n import href, pick, request_lang, t

dash.register_page(__name__, **listed("history", "/history", nav="info", order=3))
ICONS = {
    "branches": "bi-geo-alt",
    "systems_services": "bi-laptop",
    "awards": "bi-award",
    "reforms_policy": "bi-journal-text",
}


def _filters(active, lang):
    options = [(None, t(lang, "history.all"))] + [(c, t(lang, f"history.cat_{c}")) for c in CATEGORIES]
    return html.Nav(
        html.Div(
            [
                dcc.Link(
                    [
                        label,
                        html.Span(t(lang, "history.current"), className="visually-hidden")
                        if key == active
                        else None,
                    ],
                    href=href("/history", lang, category=key),
                    className="btn btn-sm " + ("btn-primary" if key == active else "btn-outline-primary"),
                    id=f"history-filter-{key or 'all'}",
                )
                for key, label in options
            ],
            className="d-flex flex-wrap gap-2",
        ),
        className="mb-3",
        **{"aria-label": t(lang, "history.filter")},
    )


def _item(m, lang):
    return html.Li(
        [
            html.Div(
                [
                    icon(ICONS[m.category], "me-2 text-primary"),
                    html.Time(m.date, dateTime=m.date, className="fw-semibold me-2"),
                    html.Span(t(lang, f"history.cat_{m.category}"), className="badge text-bg-light me-1"),
                    confidence_badge(m.confidence, lang),
                ]
            ),
            html.Div(pick(m.event, lang), className="event"),
            html.Div(source_text(m.source, lang), className="small text-body-secondary"),
        ],
        className="timeline-item",
        **{"data-category": m.category, "data-confidence": m.confidence},
    )


def layout(lang=None, category=None, **_query):
    lang = request_lang(lang)
    active = category if category in CATEGORIES else None
    items = [m for m in milestones() if active is None or m.category == active]
    years = []
    for year, group in groupby(items, key=lambda m: m.year):
        years.append(
            html.Section(
                [
                    html.H2(str(year), className="h5 timeline-year"),
                    html.Ol([_item(m, lang) for m in group], className="list-unstyled timeline"),
                ]
            )
        )
    return html.Div(
        [
            html.H1(t(lang, "nav.history"), className="h3"),
            html.P(t(lang, "history.lead"), className="text-body-secondary"),
            _filters(active, lang),
            html.P(
                t(lang, "history.count", n=len(items)),
                className="small text-body-secondary",
                id="history-count",
            ),
            html.Div(years, id="history-timeline"),
        ]
    )
