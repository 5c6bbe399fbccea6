"""Parts of a layout that never change, sent to the browser as HTML instead of as components.

dash-renderer gives every component a wrapper that watches the app's whole state, so each one
costs time on every state change, and most of a page is text, tables and cards no callback
touches: on a phone, building the repayment page's 330 components was most of the wait before
it was live. ``freeze`` replaces each largest subtree that no callback reads or writes, and that
holds only plain markup (``html.*`` and Bootstrap's layout pieces) or links and menus whose
behaviour a small script gives the markup (assets/links.js), with one ``Html`` component: the
same element, its content written by layout_html as the server's page writes it. The page looks
and reads the same, byte for byte; it is just a few hundred fewer React components.
assets/static_html.js renders ``Html`` in the browser.
"""

from __future__ import annotations

import copy
import functools
from html.parser import HTMLParser

import dash
from dash.development.base_component import Component

from dash_private import split_callback_id
from rendering import layout_html

# dash-bootstrap-components that are markup only: no state, no events, nothing the browser adds.
PLAIN_DBC = {
    "Card",
    "CardBody",
    "CardHeader",
    "CardFooter",
    "Col",
    "Container",
    "InputGroupText",
    "Label",
    "Row",
}
# ...and the ones whose behaviour assets/links.js gives their markup: in-app links, the menu's
# toggler, collapse and dropdown. With no id a callback uses, they go as HTML too.
SCRIPTED = {
    ("dash_core_components", "Link"),
    *(
        ("dash_bootstrap_components", name)
        for name in (
            "Collapse",
            "DropdownMenu",
            "DropdownMenuItem",
            "Nav",
            "NavItem",
            "NavLink",
            "Navbar",
            "NavbarBrand",
        )
    ),
}
MIN_COMPONENTS = 2  # freezing one component into one saves nothing


class Html(Component):
    """One element and its content as HTML (``attributes`` are HTML's own names and values)."""

    _namespace = "site_html"
    _type = "Html"
    _prop_names = ["tag", "attributes", "html"]
    _valid_wildcard_attributes: list[str] = []
    available_properties = _prop_names
    available_wildcard_properties: list[str] = []

    def __init__(self, tag: str, attributes: dict, html: str):  # noqa: D107 - no validation needed
        self.tag, self.attributes, self.html = tag, attributes, html


class _FirstTag(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: tuple[str, dict] | None = None

    def handle_starttag(self, tag, attrs):
        if self.found is None:
            self.found = (tag, {name: True if value is None else value for name, value in attrs})


def as_html(node: Component) -> Html:
    """``node`` (and everything in it) as one Html component of the same markup."""
    outer = layout_html.render(node)
    opening = outer[: outer.index(">") + 1]  # attribute values have their ">" escaped
    parser = _FirstTag()
    parser.feed(opening)
    tag, attributes = parser.found
    closing = f"</{tag}>"
    return Html(tag, attributes, outer[len(opening) : len(outer) - len(closing)])


def _plain(node: Component) -> bool:
    return (
        node._namespace == "dash_html_components"
        or isinstance(node, Html)
        or (node._namespace == "dash_bootstrap_components" and node._type in PLAIN_DBC)
        or (node._namespace, node._type) in SCRIPTED
    )


def freeze(node, wired: set):
    """``node`` with each largest subtree of plain markup that holds no id in ``wired`` (the ids
    callbacks use; pattern ids always count as wired) made one Html component. Components are
    copied, not changed: a layout function may hand out the same component twice."""
    if isinstance(node, list | tuple):
        return [freeze(child, wired) for child in node]
    return _frozen(*_walk(node, wired))


def wired_ids(callback_map: dict) -> set:
    """Every plain id a callback reads or writes (from Dash's callback map)."""
    ids = set()
    for key, spec in callback_map.items():
        outputs = split_callback_id(key)
        for item in [*(outputs if isinstance(outputs, list) else [outputs]), *spec["inputs"], *spec["state"]]:
            ids.add(item["id"])
    return ids


def _walk(node, wired: set) -> tuple[int | None, object]:
    """(components in ``node`` when it can be frozen whole, else None; ``node`` with its largest
    frozen-able parts frozen)."""
    if isinstance(node, list | tuple):
        walked = [_walk(child, wired) for child in node]
        sizes = [size for size, _ in walked]
        return (None if None in sizes else sum(sizes)), [child for _, child in walked]
    if not isinstance(node, Component):
        return 0, node
    kids = getattr(node, "children", None)
    walked = [_walk(kid, wired) for kid in (kids if isinstance(kids, list | tuple) else [kids])]
    sizes = [size for size, _ in walked]
    cid = getattr(node, "id", None)
    if None not in sizes and _plain(node) and not isinstance(cid, dict) and cid not in wired:
        return sum(sizes) + 1, node
    if isinstance(kids, list | tuple | Component):
        node = copy.copy(node)
        parts = [_frozen(size, child) for size, child in walked]
        node.children = parts if isinstance(kids, list | tuple) else parts[0]
    return None, node


def _frozen(size: int | None, node):
    """A part whose parent stays a component: as HTML when it can be and that saves something."""
    if size is not None and size >= MIN_COMPONENTS and isinstance(node, Component):
        return as_html(node)
    return node


def freeze_output(children):
    """``freeze`` for what a callback returns into a page (its static parts as HTML)."""
    return freeze(children, wired_ids(dash.get_app().callback_map))


def freeze_pages(registry: dict) -> None:
    """Each page's layout function gives its static parts as HTML: in the pages router's answer
    when the visitor moves to the page inside the app, as in a first response."""
    for page in registry.values():
        layout = page["layout"]
        if callable(layout) and not hasattr(layout, "__wrapped__"):
            page["layout"] = functools.wraps(layout)(functools.partial(_frozen_layout, layout))


def _frozen_layout(layout, **query):
    return freeze_output(layout(**query))
