"""Source and confidence badges: every figure on the site says where it comes from."""
from __future__ import annotations

from dash import html

from i18n import pick, t

COLORS = {"official": "success", "seed": "primary", "secondary": "info", "assumption": "warning"}
ICONS = {"official": "bi-patch-check", "seed": "bi-newspaper", "secondary": "bi-journal-text",
         "assumption": "bi-exclamation-triangle"}


def confidence_badge(confidence: str, lang: str, *, derived: bool = False):
    label = t(lang, f"confidence.{confidence}")
    if derived:
        label = f"{label} · {t(lang, 'source.derived')}"
    return html.Span(
        [html.I(className=f"bi {ICONS[confidence]} me-1", **{"aria-hidden": "true"}), label],
        className=f"badge rounded-pill text-bg-{COLORS[confidence]} source-badge",
        title=t(lang, f"confidence.{confidence}_long"),
        **{"data-confidence": confidence},
    )


def source_text(source, lang: str) -> str:
    """'Title (date)' of a Source."""
    title = pick(source.title, lang)
    return f"{title}（{source.date}）" if source.date and lang == "zh" else (
        f"{title} ({source.date})" if source.date else title)


def source_line(source, confidence: str, lang: str, *, note: dict | None = None,
                derived: bool = False, since=None, short: bool = False):
    """A badge plus the source's title (linked when it has a URL) and any note.

    ``short`` shows a few words with the full title on hover, for cards and table cells.
    """
    title = pick(source.short, lang) if short and source.short else source_text(source, lang)
    parts = [confidence_badge(confidence, lang, derived=derived), " "]
    if source.url:
        parts.append(html.A(title, href=source.url, rel="noopener noreferrer", target="_blank",
                            className="link-secondary"))
    else:
        parts.append(html.Span(title, title=source_text(source, lang) if short else None))
    if since is not None:
        parts.append(html.Span(f" · {t(lang, 'source.since', date=since.isoformat())}"))
    if note:
        parts.append(html.Div(pick(note, lang), className="source-note"))
    return html.Div(parts, className="source-line small text-body-secondary")


def parameter_source(parameter, lang: str, *, show_since: bool = False, short: bool = False):
    """Source line of a policy Parameter."""
    return source_line(parameter.source, parameter.confidence, lang, note=parameter.note,
                       since=parameter.since if show_since else None, short=short)
