"""Every page's layout renders in both languages, with odd and unknown query values (no 500s)."""
import dash
import pytest

import app  # noqa: F401  pyflakes: ignore (importing registers the pages)

ODD = {"age": "abc", "principal": "-1", "months": "9999", "category": "nope", "date": "2001-99-99",
       "co_borrower": "maybe", "unknown_key": "x", "prepayment_month": "5", "view": "<script>"}


def pages():
    return sorted(dash.page_registry.values(), key=lambda p: p["path"])


@pytest.mark.parametrize("page", pages(), ids=lambda p: p["path"])
@pytest.mark.parametrize("lang", ["zh", "en", "fr"])
def test_layout_renders(page, lang):
    layout = page["layout"]
    assert layout(lang=lang) is not None
    assert layout(lang=lang, **ODD) is not None


def test_every_nav_page_is_registered():
    paths = {p["path"] for p in dash.page_registry.values()}
    assert {"/", "/calculators/eligibility", "/calculators/quota", "/calculators/repayment", "/precheck",
            "/policy", "/statistics", "/history", "/branches", "/about"} <= paths


def test_one_page_list_from_the_registry(client):
    """Navbar, no-JavaScript footer, sitemap and 404 status read the same list: dash.page_registry."""
    from components.site_pages import registered_paths, site_pages
    listed = [p.path for p in site_pages()]
    assert listed == ["/", "/policy", "/statistics", "/history", "/branches", "/about",
                      "/calculators/eligibility", "/calculators/quota", "/calculators/repayment", "/precheck"]
    assert set(listed) | {"/404"} == registered_paths() == {p["path"] for p in dash.page_registry.values()}
    for group in ("calculators", "info"):
        assert [p.path for p in site_pages(group)] == [
            p["path"] for p in sorted((p for p in dash.page_registry.values() if p.get("nav") == group),
                                      key=lambda p: p["order"])]
    sitemap = client.get("/sitemap.xml").get_data(as_text=True)
    page = client.get("/about").get_data(as_text=True)
    for p in site_pages():
        assert f"{p.path}</loc>" in sitemap and f'href="{p.path}"' in page
