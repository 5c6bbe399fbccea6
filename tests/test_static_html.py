"""Parts no callback touches go to the browser as HTML (rendering/static_html.py): the page is the
same bytes, with far fewer components, and nothing a callback uses is ever frozen."""

from __future__ import annotations

import json

import pytest
from dash import html
from dash.development.base_component import Component

from tests.conftest import PAGES
from tests.test_server_html import LINKS


def _trees(client, link, lang):
    """(frozen, as written by the page) layouts of one link."""
    from rendering import page_tree, static_html

    path, _, search = link.partition("?")
    search = "&".join(filter(None, [search, "lang=en" if lang == "en" else ""]))
    search = f"?{search}" if search else ""
    with client.application.test_request_context(link):
        frozen = page_tree.tree(path, search)
        keep = static_html.freeze
        static_html.freeze = lambda node, wired: node
        try:
            whole = page_tree.tree(path, search)
        finally:
            static_html.freeze = keep
    return frozen, whole


def _components(node, found=None):
    found = [] if found is None else found
    if isinstance(node, list | tuple):
        for child in node:
            _components(child, found)
    elif isinstance(node, Component):
        found.append(node)
        _components(getattr(node, "children", None), found)
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_frozen_page_is_the_same_html_with_fewer_components(client, lang):
    from rendering import layout_html

    for link in [*PAGES, *LINKS]:
        frozen, whole = _trees(client, link, lang)
        assert layout_html.render(frozen) == layout_html.render(whole), link
        assert len(_components(frozen)) <= len(_components(whole)), link
    frozen, whole = _trees(client, LINKS[0], lang)
    assert len(_components(frozen)) < 0.75 * len(_components(whole))
    frozen, whole = _trees(client, "/statistics", lang)
    assert len(_components(frozen)) < 0.25 * len(_components(whole))


def test_nothing_a_callback_uses_is_frozen(client):
    """Every id a callback reads or writes, and every pattern id, is still a component's id."""
    import dash

    from rendering import static_html

    wired = static_html.wired_ids(dash.get_app().callback_map)
    for link in [*PAGES, *LINKS]:
        frozen, whole = _trees(client, link, "zh")
        ids = {json.dumps(getattr(c, "id", None), sort_keys=True) for c in _components(frozen)}
        for component in _components(whole):
            cid = getattr(component, "id", None)
            if cid is not None and (isinstance(cid, dict) or cid in wired):
                assert json.dumps(cid, sort_keys=True) in ids, (link, cid)


def test_freeze_keeps_the_element_and_its_attributes():
    from rendering import layout_html, static_html

    tree = html.Div(
        [
            html.Section(
                [html.H2("标题 <b>", className="h5"), html.P(["a & b", html.Br(), "c"], hidden=True)],
                id="static-part",
                role="note",
                style={"--rows": 3, "minHeight": 10},
                **{"data-x": 'say "hi"', "aria-label": "说明"},
            ),
            html.Div("answer", id="wired-part"),
            html.Span("alone"),
        ],
        id="outer",
    )
    frozen = static_html.freeze(tree, {"wired-part"})
    assert layout_html.render(frozen) == layout_html.render(tree)
    kinds = [type(c).__name__ for c in frozen.children]
    assert kinds == ["Html", "Div", "Span"]  # one component alone gains nothing from freezing
    part = frozen.children[0]
    assert part.tag == "section" and part.attributes["id"] == "static-part"
    assert (
        part.attributes["data-x"] == 'say "hi"' and part.attributes["style"] == "--rows: 3; min-height: 10px;"
    )
    assert "&lt;b&gt;" in part.html and "<p hidden>" in part.html
    assert part.to_plotly_json()["namespace"] == "site_html"


@pytest.mark.parametrize("link", ["/", "/calculators/repayment?principal=600000", "/statistics"])
def test_the_menu_and_footer_go_as_html(client, link):
    """The shell's navbar (26 components) and footer are one Html each, on the first layout and
    when the visitor moves inside the app; their links and menus are assets/links.js's."""
    from rendering import page_tree

    frozen, _whole = _trees(client, link, "zh")
    shell_parts = [c for c in _components(frozen) if getattr(c, "id", None) in ("site-navbar", "site-footer")]
    assert [type(p.children).__name__ for p in shell_parts] == ["Html", "Html"]
    navbar, footer, lang, skip = page_tree.update_shell("/policy", "?lang=en")
    assert type(navbar).__name__ == "Html" and type(footer).__name__ == "Html" and lang == "en"
    assert 'class="active nav-link"' in navbar.html or 'class="nav-link active"' in navbar.html
    assert "data-dropdown" in navbar.html and "data-app-link" in footer.html and skip


def test_links_the_app_opens_are_marked_for_the_script():
    """A link component the app would open in place is marked ``data-app-link``; one that loads a
    page (another site, a new tab, refresh, external_link) is left to the browser."""
    import dash_bootstrap_components as dbc
    from dash import dcc

    from rendering import layout_html

    def marked(component) -> bool:
        return "data-app-link" in layout_html.render(component)

    assert marked(dcc.Link("a", href="/policy?lang=en"))
    assert marked(dbc.NavLink("a", href="/policy"))
    assert marked(dbc.DropdownMenuItem("a", href="/calculators/quota"))
    assert marked(dbc.NavbarBrand("a", href="/"))
    assert not marked(dcc.Link("a", href="/policy", refresh=True))
    assert not marked(dcc.Link("a", href="/policy", target="_blank"))
    assert not marked(dcc.Link("a", href="https://example.org/policy"))
    assert not marked(dcc.Link("a", href="//example.org/policy"))
    assert not marked(dbc.NavLink("a", href="/downloads/x.csv", external_link=True))
    assert not marked(html.A("a", href="/policy"))  # a plain anchor loads the page, as in Dash
    assert "data-dropdown" in layout_html.render(dbc.DropdownMenu([], label="x", nav=True))
