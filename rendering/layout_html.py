"""A Dash layout as HTML: the markup React renders for it, written on the server.

The first response of every page is its own Dash layout turned into HTML here, so the page a
visitor (or a crawler, or a browser without JavaScript) sees first is the page the app then
renders over it: the same tags, classes, ids and text, from the same layout function.

``html.*`` components become their tags; the dash-bootstrap-components and dcc components the site
uses become the Bootstrap markup they render in the browser (checked against the live DOM by
tests/test_browser_first_screen.py); a graph becomes a box of its size holding its text
alternative. Components that render nothing (stores, locations, downloads) are left out. A
component type not listed here renders its children and is reported by ``unknown_types``, which
the tests keep empty for every page.
"""

from __future__ import annotations

import json
from html import escape

from dash.development.base_component import Component

from dash_private import to_json
from rendering.component_markup import WRITERS
from rendering.markup_text import attr_text, dom_id, in_order, js_text, style_text

VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
# Props Dash keeps for itself, never attributes of the element.
NOT_ATTRIBUTES = {"children", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "loading_state", "key"}
# React's names for attributes whose HTML name differs beyond case.
RENAMED = {"className": "class", "htmlFor": "for"}
SILENT = {"Store", "Location", "Download", "Interval", "Clipboard"}  # render nothing


class Writer:
    """Collects the HTML of one tree, and the component types it could not render."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.unknown: set[str] = set()

    def raw(self, text: str) -> None:
        self.parts.append(text)

    def tag(self, tag: str, attrs: dict, children=None) -> None:
        self.parts.append(f"<{tag}{attr_text(attrs)}>")
        if tag not in VOID:
            self.node(children)
            self.parts.append(f"</{tag}>")

    def node(self, node) -> None:
        if node is None or isinstance(node, bool):
            return
        if isinstance(node, (list, tuple)):
            for child in node:
                self.node(child)
            return
        if not isinstance(node, Component):
            self.parts.append(escape(js_text(node), quote=False))
            return
        props = node.to_plotly_json()["props"]
        if node._namespace == "dash_html_components":
            self.tag(node._type.lower(), _html_attrs(props), props.get("children"))
            return
        writer = WRITERS.get((node._namespace, node._type))
        if writer is not None:
            writer(props, self)
        elif node._type not in SILENT:
            self.unknown.add(f"{node._namespace}.{node._type}")
            self.node(props.get("children"))


def render(node) -> str:
    """HTML of a layout (a component, a list, a string or a number), every text escaped."""
    writer = Writer()
    writer.node(node)
    return "".join(writer.parts)


def unknown_types(node) -> set[str]:
    """The component types in ``node`` that this module does not know how to render."""
    writer = Writer()
    writer.node(node)
    return writer.unknown


def _html_attrs(props: dict) -> dict:
    attrs = {}
    for name, value in in_order(props):
        if name in NOT_ATTRIBUTES or value is None:
            continue
        if name == "style":
            attrs["style"] = style_text(value)
        elif name == "id":
            attrs["id"] = dom_id(value)
        elif name.startswith(("aria-", "data-")):
            attrs[name] = "true" if value is True else "false" if value is False else value
        else:
            attrs[RENAMED.get(name, name.lower())] = value
    return attrs


def script_json(value) -> str:
    """``value`` as JSON with <, > and & escaped, so it cannot end its <script> element, and its
    keys sorted: the same bytes from every worker (see markup_text.in_order)."""
    text = json.dumps(json.loads(to_json(value)), sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
