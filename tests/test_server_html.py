"""The HTML the server sends: what a crawler, a link preview or a browser without JavaScript gets.

Every page answers with its own title, description and Open Graph tags in its language, and its
own Dash layout rendered to HTML (a calculator's answer for the query string included) beside the
same layout as JSON, which the app starts from; nothing from the query string is echoed
unescaped; /robots.txt and /sitemap.xml list every page in both languages.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import unescape
from html.parser import HTMLParser

import pytest

from calculators import clock
from tests.conftest import PAGES as SITE_PAGES

PAGES = list(SITE_PAGES)


def head(page: str, name: str) -> str:
    match = re.search(rf'<meta (?:name|property)="{re.escape(name)}" content="([^"]*)">', page)
    return unescape(match.group(1)) if match else ""


def body(page: str) -> str:
    """The page as the server renders it (the inline layout JSON after it is the app's copy)."""
    start = page.index('<div id="ssr-page">')
    return page[start : page.index('<div id="react-entry-point">')]


def words(page: str) -> str:
    """What a reader sees of the server's page: its text, tags removed, entities decoded."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body(page))))


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_page_has_its_own_head_and_content(client, path, lang):
    r = client.get(path + ("?lang=en" if lang == "en" else ""))
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    title = unescape(re.search(r"<title>(.*?)</title>", page).group(1))
    description = head(page, "description")
    assert len(description) > 20
    assert head(page, "og:title") == title and head(page, "og:description") == description
    assert head(page, "og:locale") == ("zh_CN" if lang == "zh" else "en_US")
    assert f'<html lang="{"zh-CN" if lang == "zh" else "en"}">' in page
    text = body(page)
    assert "<h1" in text and "Loading..." not in page
    if lang == "zh":
        assert re.search(r"[\u4e00-\u9fff]", title + description)
    else:
        assert not re.search(r"[\u4e00-\u9fff]", title + description)
    # hreflang alternates for both languages
    assert 'hreflang="zh-CN"' in page and 'hreflang="en"' in page


def test_titles_and_descriptions_differ_between_pages(client):
    seen = set()
    for path in PAGES:
        page = client.get(path).get_data(as_text=True)
        seen.add((re.search(r"<title>(.*?)</title>", page).group(1), head(page, "description")))
    assert len(seen) == len(PAGES)


def test_statistics_headline_is_in_the_html(client):
    text = body(client.get("/statistics").get_data(as_text=True))
    assert "32.05 万人" in text and "68.41 亿元" in text and "2025" in text
    assert text.index("32.05 万人") < text.index("37.18 万人")  # latest first, 2022 as history
    en = body(client.get("/?lang=en").get_data(as_text=True))
    assert "320,500 people" in en and "6.841 billion yuan" in en


def test_repayment_answer_for_the_query_string(client):
    page = client.get("/calculators/repayment?principal=600000&annual_rate=3.1&months=360").get_data(
        as_text=True
    )
    assert "2,562.10 元" in body(page)
    en = client.get("/calculators/repayment?principal=600000&annual_rate=3.1&months=360&lang=en")
    assert "¥2,562.10" in body(en.get_data(as_text=True))


def test_quota_and_eligibility_answers_come_from_the_calculators(client):
    from calculators.applicant import parse_applicant
    from calculators.policy_files import default_policy
    from calculators.quota import quota
    from wording.numbers import big_yuan

    query = {
        "age": "30",
        "contribution_months": "24",
        "account_balance": "50000",
        "monthly_income": "8000",
        "house_price": "1000000",
    }
    expected = quota(parse_applicant(query, for_quota=True), default_policy().on(clock.today()))
    page = client.get("/calculators/quota", query_string=query).get_data(as_text=True)
    assert big_yuan(expected.amount, "zh") in body(page)
    page = client.get(
        "/calculators/eligibility", query_string={**query, "contribution_months": "2"}
    ).get_data(as_text=True)
    assert "有 1 项条件不符合。" in words(page)  # the page's own verdict, as the app shows it


class _Tags(HTMLParser):
    """Every start tag of a page with its attributes, as a browser's parser sees them."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_hostile_query_strings_are_escaped(client):
    evil = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
    for path in ("/calculators/repayment", "/calculators/quota", "/statistics", "/no/such"):
        r = client.get(path, query_string={"principal": evil, "age": evil, "lang": evil, evil: evil})
        parser, plain = _Tags(), _Tags()
        parser.feed(r.get_data(as_text=True))
        plain.feed(client.get(path).get_data(as_text=True))
        assert not [t for t, _ in parser.tags if t == "img"]
        assert not [a for _, a in parser.tags if "onerror" in a]
        script = [a for t, a in parser.tags if t == "script"]
        assert script == [a for t, a in plain.tags if t == "script"]  # the page's own scripts only
        if path == "/calculators/quota":  # the value is kept in its field, as text
            assert any(a.get("value") == evil for t, a in parser.tags if t == "input")
    r = client.get('/calculators/repayment/"><script>x</script>')
    assert r.status_code == 404 and "<script>x" not in r.get_data(as_text=True)


def test_host_header_never_becomes_an_address(client):
    page = client.get("/policy?lang=en", headers={"Host": "evil.example"}).get_data(as_text=True)
    assert "evil.example" not in page


def test_robots_and_sitemap(client):
    robots = client.get("/robots.txt")
    assert robots.status_code == 200 and "Sitemap: " in robots.get_data(as_text=True)
    r = client.get("/sitemap.xml")
    assert r.status_code == 200 and r.mimetype == "application/xml"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(r.data)
    locs = [u.find("s:loc", ns).text for u in root.findall("s:url", ns)]
    assert len(locs) == 2 * len(PAGES)
    for path in PAGES:
        assert any(loc.endswith(path if path != "/" else "/") for loc in locs)
        assert any(
            loc.endswith(path + "?lang=en") or loc.endswith(path.rstrip("/") + "/?lang=en") for loc in locs
        )
    for url in root.findall("s:url", ns):
        assert {a.get("hreflang") for a in url.findall("x:link", ns)} == {"zh-CN", "en"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_branches_say_what_is_published_and_where_nothing_is(client, lang):
    from facts.branches import branches
    from i18n import t

    text = body(client.get("/branches" + ("?lang=en" if lang == "en" else "")).get_data(as_text=True))
    cards = re.split(r'<div class="branch-card" data-branch="', text)[1:]
    offices = {card.split('"', 1)[0]: card for card in cards}
    assert len(offices) == 11
    for b in branches():
        office = unescape(offices[b.id])
        assert t(lang, "branches.phone_none") in office and t(lang, "confidence.general") in office
        assert t(lang, "branches.hours_none") in office
        assert (t(lang, "branches.no_address") in office) == (b.address is None)
        link = re.search(r'<a class="branch-map-link" href="([^"]+)"([^>]*)>', office)
        assert link.group(1) == b.map_url
        assert 'rel="noopener noreferrer"' in link.group(2) and 'target="_blank"' in link.group(2)
    assert (
        "石峰区红旗北路348号凯风珑城" in offices["shifeng"] or "348 Hongqi North Road" in offices["shifeng"]
    )
    assert t(lang, "branches.map_search_note") in unescape(text)


def test_combination_loan_summary_gives_each_part_its_own_figures(client):
    query = "principal=400000&months=360&commercial_principal=350000&commercial_bps=-30"
    text = words(client.get(f"/calculators/repayment?{query}").get_data(as_text=True))
    assert "其中公积金 40 万元（2.6%）首月 1,601.36 元" in text
    assert "商业贷款 35 万元（3.2% = LPR 3.5% − 30 个基点，30 年）首月 1,513.63 元" in text
    assert "利息合计 371,398.07 元，本息合计 1,121,398.07 元" in text


def test_prepayment_summary_names_it_and_the_real_end(client):
    query = "principal=600000&months=360&prepayment_month=24&prepayment_amount=100000&prepayment_mode=shorten_term"
    text = words(client.get(f"/calculators/repayment?{query}&lang=en").get_data(as_text=True))
    assert "Prepay with payment no. payment 24" in text and "Prepayment amount ¥100,000.00" in text
    assert "moves to 2050-04, 79 months sooner" in text and "interest saved ¥89,933.60" in text


def test_no_js_policy_points_carry_confidence_badges(client):
    text = body(client.get("/policy").get_data(as_text=True))
    assert "官方" in text and "转引" in text


def test_a_link_the_page_answers_never_paints_an_error_in_the_html(client):
    """A link without a term: the page's form starts at 30 years, and so does the server's HTML."""
    text = words(
        client.get("/calculators/repayment?principal=800000&commercial_principal=400000").get_data(
            as_text=True
        )
    )
    assert "请填写此项" not in text and "其中公积金 80 万元" in text
    quota = body(client.get("/calculators/quota?account_balance=50000").get_data(as_text=True))
    assert "75 万元" in quota and "请填写" not in quota


LINKS = [
    "/calculators/repayment?principal=600000&annual_rate=3.1&months=360",
    "/calculators/repayment?principal=400000&commercial_principal=350000&prepayment_month=24"
    "&prepayment_amount=100000&compare=months:240;home_number:2",
    "/calculators/quota?age=30&contribution_months=24&account_balance=50000&monthly_income=12000&cash=30",
    "/calculators/eligibility?age=70&contribution_months=2&monthly_income=abc",
    "/policy?date=2016-01-01",
    "/no/such/page",
]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_component_of_every_page_has_its_markup(client, lang):
    """The server renders each page from its layout; a component type it does not know would
    leave a hole, so there is none on any page (with answers, errors and comparisons shown)."""
    from rendering import layout_html, page_tree

    for link in PAGES + LINKS:
        path, _, search = link.partition("?")
        search = "&".join(filter(None, [search, "lang=en" if lang == "en" else ""]))
        with client.application.test_request_context(link):
            tree = page_tree.tree(path, f"?{search}" if search else "")
        assert layout_html.unknown_types(tree) == set(), link


def _layout_in(page: str):
    import json

    match = re.search(r'<script id="ssr-layout" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(match.group(1))


@pytest.mark.parametrize("link", LINKS[:3] + ["/statistics?lang=en"])
def test_the_page_carries_the_layout_the_app_would_fetch(client, link):
    """One layout: the JSON in the page is what /_dash-layout answers for that page (its Referer),
    and the HTML beside it carries each of its ids."""
    page = client.get(link).get_data(as_text=True)
    inline = _layout_in(page)
    fetched = client.get("/_dash-layout", headers={"Referer": "http://localhost" + link}).get_json()
    assert inline == fetched
    ids = set()

    def collect(node):
        if isinstance(node, list):
            for child in node:
                collect(child)
        elif isinstance(node, dict) and "props" in node:
            props = node["props"]
            if isinstance(props.get("id"), str) and node["type"] not in ("Store", "Location", "Download"):
                ids.add(props["id"])
            for value in props.values():
                collect(value)

    collect(inline)
    html_ids = set(re.findall(r' id="([^"]+)"', body(page)))
    assert ids and ids <= html_ids


def test_the_layout_without_a_referrer_is_the_home_frame_left_to_the_router(client):
    layout = client.get("/_dash-layout").get_json()
    assert "_pages_location" in json_text(layout) and "repayment-form" not in json_text(layout)


def json_text(value) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def test_a_commercial_loan_cheaper_than_the_funds_is_said_to_cost_more_not_a_negative_saving(client):
    """LPR 3.5 % − 100 bp = 2.5 % is below the fund's 2.6 %: the fund's loan costs more."""
    query = "principal=400000&months=360&comparison_bps=-100"
    for lang, more, never in (("zh", "反而多付利息", "少付利息 -"), ("en", "costs you", "saves you -")):
        text = words(client.get(f"/calculators/repayment?{query}&lang={lang}").get_data(as_text=True))
        assert more in text and never not in text
        assert "¥-" not in text and "-¥" not in text and " -" not in text.split(more)[1][:20]
