"""The small pieces of turning component props into HTML attributes, as React DOM writes them."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from dash import stringify_id

# CSS properties React writes without "px" when given a number.
UNITLESS = {
    "flex",
    "flexGrow",
    "flexShrink",
    "fontWeight",
    "lineHeight",
    "opacity",
    "order",
    "zIndex",
    "zoom",
}


def js_text(value) -> str:
    """Text as React prints it: 3.0 is "3", True/None print nothing (handled above)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def attr_text(attrs: dict) -> str:
    parts = []
    for name, value in attrs.items():
        if value is None or value is False:
            continue
        if value is True:
            parts.append(f" {name}")
        else:
            parts.append(f' {name}="{escape(js_text(value), quote=True)}"')
    return "".join(parts)


def dom_id(value) -> str | None:
    """A pattern-matching id as dash-renderer writes it in the DOM (sorted keys, JSON)."""
    return None if value is None else stringify_id(value)


def style_text(style: dict) -> str | None:
    if not style:
        return None
    rules = []
    for name, value in style.items():
        css = re.sub(r"[A-Z]", lambda m: "-" + m.group(0).lower(), name)
        if (
            isinstance(value, (int, float))
            and not isinstance(value, bool)
            and name not in UNITLESS
            and not name.startswith("--")
        ):
            value = f"{js_text(value)}px"
        rules.append(f"{css}: {js_text(value)};")
    return " ".join(rules)


def classes(*names) -> str | None:
    text = " ".join(n for n in names if n)
    return text or None


def in_order(props: dict) -> list:
    """Props in one order in every process: Dash keeps data-* and aria-* props in the order of a
    set of names, which differs between processes (string hashing is randomised per process)."""
    return sorted(props.items(), key=lambda item: item[0])


def common_attrs(props: dict) -> dict:
    """The attributes every component passes through: id, style, title, aria-*, data-*."""
    attrs = {"id": dom_id(props.get("id")), "style": style_text(props.get("style"))}
    for name, value in in_order(props):
        if name.startswith(("aria-", "data-")) or name in ("title", "role", "hidden", "lang"):
            attrs[name] = value
    return attrs


def element(tag: str, *base: str) -> Callable:
    """A writer of ``tag`` with the component's own classes after ``base``."""

    def write(props, w):
        attrs = {**common_attrs(props), "class": classes(props.get("className"), *base)}
        w.tag(tag, attrs, props.get("children"))

    return write


def div(*base: str) -> Callable:
    return element("div", *base)
