"""What a page's <head> says: its title and description in the visitor's language, from the page
registry and the catalog, so the first HTML, link previews and the sitemap name a page alike."""

from __future__ import annotations

from components.site_pages import page_at
from components.titles import title_text
from i18n import t


def page_path(path: str) -> str | None:
    """The page a request path names (trailing slash allowed), or None for the 404 page."""
    page = page_at(path)
    return page.path if page else None


def title_of(path: str | None, lang: str) -> str:
    page = page_at(path) if path else None
    return title_text(page.title_key if page else "notfound.heading", lang)


def description_of(path: str | None, lang: str) -> str:
    page = page_at(path) if path else None
    return t(lang, page.description_key if page else "seo.notfound_description")
