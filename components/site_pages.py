"""The site's pages, read from dash.page_registry, so the navbar, the no-JavaScript HTML, the
sitemap and the 404 status list the same pages: adding a page is one dash.register_page call.

A listed page registers ``nav_key`` (the catalog key of its name) and ``nav`` (its navbar group,
none for the home page); its description is the catalog's ``seo.<name>_description``.
"""

from __future__ import annotations

from dataclasses import dataclass

import dash

from .titles import page_title

# The order of the site's own lists (footer links, sitemap): home, information, then calculators;
# the navbar shows the calculators first, each group in its pages' registry order.
GROUPS = (None, "info", "calculators")


@dataclass(frozen=True)
class SitePage:
    path: str
    name: str
    name_key: str  # catalog key of the page's name: links and headings
    title_key: str  # what the page's registered title says (components.titles)
    nav: str | None
    order: int

    @property
    def description_key(self) -> str:
        return f"seo.{self.name}_description"


def listed(name: str, path: str, *, nav: str, order: int) -> dict:
    """dash.register_page's arguments for a listed page: its name gives its catalog key
    (nav.<name>) and its title. (Dash imports a module of pages/ only if it calls register_page.)"""
    key = f"nav.{name}"
    return {"path": path, "title": page_title(key), "name": name, "nav": nav, "nav_key": key, "order": order}


def site_pages(group: str | None = "*") -> tuple[SitePage, ...]:
    """The listed pages (not the 404 page) in site order; or the pages of one navbar group."""
    pages = [
        SitePage(
            p["path"],
            p["name"],
            p["nav_key"],
            getattr(p["title"], "key", p["nav_key"]),
            p.get("nav"),
            p.get("order") or 0,
        )
        for p in dash.page_registry.values()
        if p.get("nav_key")
    ]
    pages.sort(key=lambda p: (GROUPS.index(p.nav), p.order))
    return tuple(p for p in pages if group == "*" or p.nav == group)


def page_at(path: str) -> SitePage | None:
    """The listed page a request path names (trailing slash allowed), or None."""
    path = "/" + path.strip("/")
    return next((p for p in site_pages() if p.path == path), None)


def registered_paths() -> set[str]:
    """Every path Dash serves as a page, the 404 page's own included: anything else answers 404."""
    return {p["path"] for p in dash.page_registry.values()}
