"""Every page's layout renders in both languages (and an unknown one), with odd and unknown query
values: its own heading from the catalog, its own form, and a message on each odd field only."""

import dash
import pytest

import app  # noqa: F401  pyflakes: ignore (importing registers the pages)
from i18n import t
from tests.conftest import PAGES as SITE_PAGES
from tests.conftest import text_of, thawed

ODD = {
    "age": "abc",
    "principal": "-1",
    "months": "9999",
    "category": "nope",
    "date": "2001-99-99",
    "co_borrower": "maybe",
    "unknown_key": "x",
    "prepayment_month": "5",
    "view": "<script>",
}
HEADING = {"/": "home.heading", "/404": "notfound.heading"}  # any other page: its menu entry, nav.<name>
FORMS = {
    "/calculators/eligibility": "eligibility",
    "/calculators/quota": "quota",
    "/calculators/repayment": "repayment",
}
APPLICANT_ODD = {"age", "category", "date"}  # what ODD gets wrong for the applicant forms
MARKED = {
    "/calculators/eligibility": APPLICANT_ODD,
    "/calculators/quota": APPLICANT_ODD,
    "/calculators/repayment": {"principal", "months", "prepayment_amount"},
}  # no amount to prepay


def pages():
    return sorted(dash.page_registry.values(), key=lambda p: p["path"])


def components(component):
    """Every component of a layout tree, depth first (parts sent as HTML read as components)."""
    component = thawed(component)
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        child = thawed(child)
        if hasattr(child, "children") or hasattr(child, "id"):
            yield from components(child)


def form_parts(layout, kind: str) -> dict:
    """name -> component of the form fields (``kind`` "field") or their messages ("feedback")."""
    return {
        c.id["name"]: c
        for c in components(layout)
        if isinstance(getattr(c, "id", None), dict) and c.id.get("type") == kind
    }


@pytest.mark.parametrize("page", pages(), ids=lambda p: p["path"])
@pytest.mark.parametrize("lang", ["zh", "en", "fr"])
def test_layout_renders(page, lang):
    path = page["path"]
    shown = "zh" if lang == "fr" else lang  # a language the site does not have falls back to Chinese
    heading = t(shown, HEADING.get(path, "nav." + path.rsplit("/", 1)[1]))
    for query in ({}, ODD):
        layout = page["layout"](lang=lang, **query)
        assert [text_of(h) for h in components(layout) if type(h).__name__ == "H1"] == [heading]
        fields = form_parts(layout, "field")
        assert {f.id["form"] for f in fields.values()} == ({FORMS[path]} if path in FORMS else set())
        assert path not in FORMS or len(fields) >= 10
        messages = {name for name, m in form_parts(layout, "feedback").items() if text_of(m)}
        assert messages == (MARKED.get(path, set()) if query else set()), messages
        assert "<script>" not in text_of(layout)


def test_every_nav_page_is_registered():
    paths = {p["path"] for p in dash.page_registry.values()}
    assert {
        "/",
        "/calculators/eligibility",
        "/calculators/quota",
        "/calculators/repayment",
        "/precheck",
        "/policy",
        "/statistics",
        "/history",
        "/branches",
        "/about",
    } <= paths


def test_one_page_list_from_the_registry(client):
    """Navbar, no-JavaScript footer, sitemap and 404 status read the same list: dash.page_registry."""
    from components.site_pages import registered_paths, site_pages

    listed = [p.path for p in site_pages()]
    assert listed == list(SITE_PAGES)
    assert set(listed) | {"/404"} == registered_paths() == {p["path"] for p in dash.page_registry.values()}
    for group in ("calculators", "info"):
        assert [p.path for p in site_pages(group)] == [
            p["path"]
            for p in sorted(
                (p for p in dash.page_registry.values() if p.get("nav") == group), key=lambda p: p["order"]
            )
        ]
    sitemap = client.get("/sitemap.xml").get_data(as_text=True)
    page = client.get("/about").get_data(as_text=True)
    for p in site_pages():
        assert f"{p.path}</loc>" in sitemap and f'href="{p.path}"' in page
