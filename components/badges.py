"""Source and confidence badges: every figure on the site says where it comes from."""

from __future__ import annotations

from dash import html

from i18n import pick, t

from .icons import icon

COLORS = {
    "official": "success",
    "seed": "primary",
    "secondary": "info",
    "general": "secondary",
    "assumption": "estimate",
}
ICONS = {
    "official": "bi-patch-check",
    "seed": "bi-newspaper",
    "secondary": "bi-journal-text",
    "general": "bi-lightbulb",
    "assumption": "bi-calculator",
}


def confidence_badge(confidence: str, lang: str, *, derived: bool = False):
    label = t(lang, f"confidence.{confidence}")
    if derived:
        label = f"{label} · {t(lang, 'source.derived')}"
    return html.Span(
        [icon(ICONS[confidence], "me-1"), label],
        className=(
            "badge rounded-pill estimate-badge source-badge"
            if confidence == "assumption"
            else f"badge rounded-pill text-bg-{COLORS[confidence]} source-badge"
        ),
        title=t(lang, f"confidence.{confidence}_long"),
        **{"data-confidence": confidence},
    )


def source_text(source, lang: str) -> str:
    """'Title (date)' of a Source."""
    title = pick(source.title, lang)
    return t(lang, "format.aside", text=title, note=source.date) if source.date else title


def source_line(
    source,
    confidence: str,
    lang: str,
    *,
    note: dict | None = None,
    derived: bool = False,
    since=None,
    short: bool = False,
):
    """A badge plus the source's title (linked when it has a URL) and any note.

    ``short`` shows a few words with the full title on hover, for cards and table cells.
    """
    title = pick(source.short, lang) if short and source.short else source_text(source, lang)
    parts = [confidence_badge(confidence, lang, derived=derived), " "]
    if source.url:
        parts.append(
            html.A(
                title, href=source.url, rel="noopener noreferrer", target="_blank", className="link-secondary"
            )
        )
    else:
        parts.append(html.Span(title, title=source_text(source, lang) if short else None))
    if since:
        parts.append(html.Span(f" · {since}", className="source-since"))
    if confidence == "assumption":  # the site's estimate: say so, and link to why
        parts += [" ", estimate_link(lang)]
    if note:
        parts.append(html.Div(pick(note, lang), className="source-note"))
    return html.Div(parts, className="source-line small text-body-secondary")


def estimate_link(lang: str):
    """'Why an estimate?' -> the explanation on /about."""
    from i18n import href

    return html.A(
        t(lang, "public.estimate_why"), href=href("/about", lang) + "#assumptions", className="estimate-link"
    )


def sources_disclosure(children, lang: str, *, count: int | None = None, id: str | None = None):
    """Sources behind a short "依据 / Sources" summary, closed until asked for."""
    label = t(lang, "public.sources_count", n=count) if count else t(lang, "public.sources")
    extra = {"id": id} if id else {}
    return html.Details([html.Summary(label), html.Div(children)], className="sources small", **extra)


def since_text(parameter, lang: str) -> str:
    """Since when a value holds, saying no more than the source: 'before 2022-04-01' when only
    that is known, and an assumed start date marked as such."""
    if not parameter.since_known:
        return t(lang, "source.before", date=parameter.until.isoformat()) if parameter.until else ""
    key = "source.since_assumed" if parameter.since_assumed else "source.since"
    return t(lang, key, date=parameter.since.isoformat())


def parameter_source(parameter, lang: str, *, show_since: bool = False, short: bool = False):
    """Source line of a policy Parameter."""
    return source_line(
        parameter.source,
        parameter.confidence,
        lang,
        note=parameter.note,
        since=since_text(parameter, lang) if show_since else None,
        short=short,
    )
