"""What search engines and link previews read: canonical URLs, the page head (title, description,
Open Graph), /robots.txt and /sitemap.xml. Addresses come from settings.PUBLIC_URL, never from the
request's Host header."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from flask import Blueprint, Response

import settings
from components.site_pages import site_pages
from i18n import HTML_LANG, LANGS, href

blueprint = Blueprint("crawl", __name__)
OG_LOCALE = {"zh": "zh_CN", "en": "en_US"}


def canonical_url(path: str, lang: str) -> str:
    """settings.PUBLIC_URL + the page path (one leading slash), + ?lang=en for English."""
    path = "/" + path.lstrip("/\\")
    return settings.PUBLIC_URL + href(quote(path, safe="/-_.~"), lang)


def head_tags(path: str, lang: str, title: str, description: str, image: str | None = None) -> str:
    """<meta>/<link> tags of one page in one language; every value escaped. ``image``: the path of
    the picture of this link's answer (a calculator link), its preview."""
    e = lambda text: escape(str(text), quote=True)  # noqa: E731
    url = canonical_url(path, lang)
    card = "summary"
    pictures = []
    if image:
        card = "summary_large_image"
        pictures = [
            f'<meta property="og:image" content="{e(settings.PUBLIC_URL + image)}">',
            '<meta property="og:image:type" content="image/png">',
            f'<meta name="twitter:image" content="{e(settings.PUBLIC_URL + image)}">',
        ]
    tags = [
        f'<meta name="description" content="{e(description)}">',
        '<meta property="og:type" content="website">',
        f'<meta property="og:site_name" content="{e(title.rsplit(" · ", 1)[-1])}">',
        f'<meta property="og:title" content="{e(title)}">',
        f'<meta property="og:description" content="{e(description)}">',
        f'<meta property="og:url" content="{e(url)}">',
        f'<meta property="og:locale" content="{OG_LOCALE[lang]}">',
        f'<meta name="twitter:card" content="{card}">',
        *pictures,
        f'<meta name="twitter:title" content="{e(title)}">',
        f'<meta name="twitter:description" content="{e(description)}">',
        f'<meta property="twitter:url" content="{e(url)}">',
        f'<link rel="canonical" href="{e(url)}">',
    ]
    for other in LANGS:
        tags.append(
            f'<link rel="alternate" hreflang="{HTML_LANG[other]}" href="{e(canonical_url(path, other))}">'
        )
    tags.append(f'<link rel="alternate" hreflang="x-default" href="{e(canonical_url(path, "zh"))}">')
    return "\n".join(tags)


@blueprint.route("/robots.txt")
def robots():
    text = (
        "User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /_dash-update-component\n"
        "Disallow: /downloads/\n"
        f"Sitemap: {settings.PUBLIC_URL}/sitemap.xml\n"
    )
    return Response(text, mimetype="text/plain", headers={"Cache-Control": "public, max-age=86400"})


@blueprint.route("/sitemap.xml")
def sitemap():
    """Every page in both languages, each naming its other-language version (hreflang)."""
    entries = []
    for path in (p.path for p in site_pages()):
        alternates = "".join(
            f'<xhtml:link rel="alternate" hreflang="{HTML_LANG[other]}" '
            f'href="{escape(canonical_url(path, other))}"/>'
            for other in LANGS
        )
        for lang in LANGS:
            entries.append(f"<url><loc>{escape(canonical_url(path, lang))}</loc>{alternates}</url>")
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "\n".join(entries) + "\n</urlset>\n"
    )
    return Response(xml, mimetype="application/xml", headers={"Cache-Control": "public, max-age=86400"})
