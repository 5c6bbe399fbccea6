"""The markup of links and the menu (dcc.Link; dbc's Navbar, NavLink, Collapse, DropdownMenu), as
they render in the browser. A link the component would open inside the app is marked
``data-app-link`` and a dropdown ``data-dropdown``: where no callback needs them they stay HTML in
the app too (rendering/static_html.py), and assets/links.js gives that markup their behaviour.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from rendering.markup_text import attr_text, classes, common_attrs, div


def _navbar(props, w):
    theme = "navbar-dark" if props.get("dark") else "navbar-light"
    expand = props.get("expand", "md")
    colour = props.get("color")
    attrs = {
        **common_attrs(props),
        "class": classes(
            props.get("className"),
            "navbar",
            f"navbar-expand-{expand}" if expand else None,
            theme,
            f"bg-{colour}" if colour else None,
        ),
    }
    w.tag("nav", attrs, props.get("children"))


def _app_link(props, loads_page: bool) -> dict:
    """``data-app-link`` on a link that the component opens inside the app (a path on this site,
    in this tab), as dcc.Link and dbc's links decide; assets/links.js does the same for a link sent
    as HTML (rendering/static_html.py) once the app is live."""
    href = str(props.get("href") or "")
    local = href.startswith("/") and not href.startswith("//")
    inside = local and props.get("target") in (None, "_self") and not loads_page
    return {"data-app-link": True if inside else None}


def _link(base: str) -> Callable:
    def write(props, w):
        attrs = {
            "href": props.get("href"),
            **_app_link(props, bool(props.get("external_link"))),
            **common_attrs(props),
            "class": classes(props.get("className"), base, "active" if props.get("active") else None),
        }
        w.tag("a", attrs, props.get("children"))

    return write


def _collapse(props, w):
    base = ["navbar-collapse"] if props.get("navbar") else []
    div(*base, "collapse", "show" if props.get("is_open") else None)(props, w)


def _nav(props, w):
    div("navbar-nav" if props.get("navbar") else "nav")(props, w)


def _dropdown(props, w):
    attrs = {
        **common_attrs(props),
        "class": classes(props.get("className"), "dropdown", "nav-item" if props.get("nav") else None),
        "data-dropdown": True,  # assets/links.js opens and closes it where it is markup only
    }
    w.raw(f"<div{attr_text(attrs)}>")
    toggle = classes(
        props.get("toggle_class_name"), "dropdown-toggle", "nav-link" if props.get("nav") else "btn"
    )
    w.raw(f'<a aria-expanded="false" role="button" class="{escape(toggle)}" tabindex="0" href="#">')
    w.node(props.get("label"))
    w.raw('</a><div data-bs-popper="static" class="dropdown-menu">')
    w.node(props.get("children"))
    w.raw("</div></div>")


def _dropdown_item(props, w):
    active = bool(props.get("active"))
    attrs = {
        "href": props.get("href"),
        **_app_link(props, bool(props.get("external_link"))),
        "aria-selected": "true" if active else "false",
        **common_attrs(props),
        "class": classes(props.get("className"), "dropdown-item", "active" if active else None),
    }
    w.tag("a", attrs, props.get("children"))


def _dcc_link(props, w):
    attrs = {
        "href": props.get("href"),
        **_app_link(props, bool(props.get("refresh"))),
        **common_attrs(props),
        "class": props.get("className"),
        "target": props.get("target"),
    }
    w.tag("a", attrs, props.get("children"))


WRITERS: dict[tuple[str, str], Callable] = {
    ("dash_bootstrap_components", "Collapse"): _collapse,
    ("dash_bootstrap_components", "DropdownMenu"): _dropdown,
    ("dash_bootstrap_components", "DropdownMenuItem"): _dropdown_item,
    ("dash_bootstrap_components", "Nav"): _nav,
    ("dash_bootstrap_components", "NavItem"): div("nav-item"),
    ("dash_bootstrap_components", "NavLink"): _link("nav-link"),
    ("dash_bootstrap_components", "Navbar"): _navbar,
    ("dash_bootstrap_components", "NavbarBrand"): _link("navbar-brand"),
    ("dash_core_components", "Link"): _dcc_link,
}
