"""One office on /branches: where it is, how to call, when it is open, a map search — each as
published with its source, or said plainly that our sources publish nothing.

The page's card is also the server's first HTML of it (rendering/layout_html.py), so a visitor
without JavaScript reads the same card.
"""

from __future__ import annotations

from dash import html

from calculators.policy_files import default_policy
from components.badges import confidence_badge, source_line
from facts.branches import Branch, counties
from i18n import pick, t

from .icons import icon

HOTLINE_SOURCE = "general_knowledge"  # the national hotline 12329: general knowledge, no document


def county_name(b: Branch, lang: str) -> str:
    return pick(counties()[b.adcode]["name"], lang)


def address_text(b: Branch, lang: str) -> str:
    return pick(b.address, lang) if b.address else t(lang, "branches.no_address")


def address_extra(b: Branch, lang: str) -> str | None:
    """Only the road is published: say there is no street number."""
    return t(lang, "branches.address_road") if b.address_status == "road" else None


def phone_text(b: Branch, lang: str) -> str:
    return pick(b.phone.value, lang) if b.phone else t(lang, "branches.phone_none")


def hours_text(b: Branch, lang: str) -> str:
    return pick(b.hours.value, lang) if b.hours else t(lang, "branches.hours_none")


def map_label(b: Branch, lang: str) -> str:
    return t(lang, "branches.map_search", name=b.map_keyword)


# --- the page's card ---------------------------------------------------------------------------


def _unpublished(text: str, badge=None):
    """Said plainly, in grey; a badge beside it stays upright."""
    return html.Dd(
        [html.Span(text, className="fst-italic"), " " if badge else None, badge],
        className="text-body-secondary",
    )


def _published(fact, text: str, lang: str):
    return html.Dd([text, source_line(fact.source, fact.confidence, lang, short=True)])


def map_link(b: Branch, lang: str):
    """An outside link, opened in a new tab; nothing from the map site is loaded by this page."""
    return html.A(
        [
            map_label(b, lang),
            icon("bi-box-arrow-up-right", "ms-1"),
            html.Span(t(lang, "public.new_tab"), className="visually-hidden"),
        ],
        href=b.map_url,
        target="_blank",
        rel="noopener noreferrer",
        className="branch-map-link",
    )


def _address(b: Branch, lang: str):
    if not b.address:
        return _unpublished(address_text(b, lang))
    extra = address_extra(b, lang)
    return html.Dd(
        [address_text(b, lang), html.Div(extra, className="small text-body-secondary") if extra else None]
    )


def _phone(b: Branch, lang: str):
    if b.phone:
        return _published(b.phone, phone_text(b, lang), lang)
    return _unpublished(phone_text(b, lang), confidence_badge(_hotline_confidence(), lang))


def _hours(b: Branch, lang: str):
    return _published(b.hours, hours_text(b, lang), lang) if b.hours else _unpublished(hours_text(b, lang))


def _hotline_confidence() -> str:
    return default_policy().sources[HOTLINE_SOURCE].confidence


def _facts(b: Branch, lang: str) -> list:
    return [
        html.Dt(t(lang, "branches.county")),
        html.Dd(county_name(b, lang)),
        html.Dt(t(lang, "branches.address")),
        _address(b, lang),
        html.Dt(t(lang, "branches.phone")),
        _phone(b, lang),
        html.Dt(t(lang, "branches.hours")),
        _hours(b, lang),
        html.Dt(t(lang, "branches.opened")),
        html.Dd(b.opened),
        html.Dt(t(lang, "branches.services")),
        html.Dd(t(lang, f"branches.services_{b.kind}")),
        html.Dt(t(lang, "branches.position")),
        html.Dd(
            [
                t(lang, "branches.approximate") if b.approximate else t(lang, "branches.exact"),
                html.Div(pick(b.note, lang), className="small text-body-secondary") if b.note else None,
            ]
        ),
        html.Dt(t(lang, "branches.map")),
        html.Dd(map_link(b, lang)),
    ]


def branch_card(b: Branch, lang: str, *, heading: str = "h3", button: bool = False):
    return html.Div(
        [
            html.Div(
                [
                    getattr(html, heading.upper())(pick(b.name, lang), className="h6 mb-1 me-2"),
                    html.Span(t(lang, f"branches.kind_{b.kind}"), className="badge text-bg-light"),
                ],
                className="d-flex flex-wrap align-items-center",
            ),
            html.Dl(_facts(b, lang), className="branch-facts small mb-1"),
            source_line(b.source, b.confidence, lang, short=True),
            html.Button(
                [icon("bi-geo-alt", "me-1"), t(lang, "public.branch_show")],
                id={"type": "branch-show", "id": b.id},
                n_clicks=0,
                type="button",
                className="btn btn-sm btn-outline-primary mt-1",
            )
            if button
            else None,
        ],
        className="branch-card",
        **{"data-branch": b.id},
    )
