"""Bootstrap Icons, decorative: the words beside an icon say what it means, so a screen reader
skips the glyph (aria-hidden) instead of reading a private-use character."""

from __future__ import annotations

from dash import html


def icon(name: str, classes: str = "") -> html.I:
    """``name``: the icon's class ("bi-download"); ``classes``: its spacing and colour."""
    return html.I(className=f"bi {name} {classes}".strip(), **{"aria-hidden": "true"})
