"""Where to apply: each office's address, phone, opening hours and map search say no more than the
sources (FACTS.md section 3): an address only where the report gives one, no office phone number
or opening hours (none is published), the national hotline marked as general knowledge."""

import re
import shutil
from urllib.parse import parse_qs, urlsplit

import pytest
from dash import html

from calculators.policy import DATA_DIR
from calculators.policy_files import default_policy
from components.branch_info import branch_card
from facts import branches as branches_mod
from facts.branches import branches
from facts.schema import DataFileError
from i18n import t
from tests.conftest import text_of

ADDRESSED = {"hq": "street", "hetang": "street", "shifeng": "street", "tianyuan": "road"}


def test_every_office_has_an_address_or_says_none_is_published():
    status = {b.id: b.address_status for b in branches()}
    assert len(status) == 11
    assert {i: s for i, s in status.items() if s != "not_published"} == ADDRESSED
    for b in branches():
        assert (b.address is None) == (b.address_status == "not_published")
    assert sum(b.address is None for b in branches()) == 7


def test_no_phone_number_or_opening_hours_is_invented():
    """Our sources publish neither for any office; the only number anywhere is the hotline."""
    assert all(b.phone is None and b.hours is None for b in branches())
    text = (DATA_DIR / "branches.csv").read_text(encoding="utf-8")
    assert not re.search(r"\d{5,}", re.sub(r"\d+\.\d+|\b43\d{4}\b", "", text))  # positions, adcodes
    for lang in ("zh", "en"):
        words = " ".join(t(lang, f"branches.{k}") for k in ("phone_none", "hours_none", "no_address"))
        assert re.findall(r"\d+", words) == ["12329"]


def test_the_hotline_is_general_knowledge_not_a_published_source():
    hotline = default_policy().sources["general_knowledge"]
    assert hotline.confidence == "general" and not hotline.url
    assert t("zh", "confidence.general") == "公共常识"


@pytest.mark.parametrize("b", branches(), ids=lambda b: b.id)
def test_map_link_is_a_search_for_the_name_in_zhuzhou(b):
    url = b.map_url
    assert url.isascii() and " " not in url
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "uri.amap.com", "/search")
    query = parse_qs(parts.query)
    assert query == {"keyword": [b.map_keyword], "city": ["430200"], "view": ["map"]}
    # the name (without the city, which the search is limited to), or for the office of the former
    # Zhuzhou County, the district it serves now
    name = re.split("[（(]", b.name["zh"])[0].removeprefix("株洲市")
    county = branches_mod.counties()[b.adcode]["name"]["zh"]
    assert name[:4] in b.map_keyword or county in b.map_keyword


def _links(component):
    if isinstance(component, html.A):
        yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, (str, int, float)):
            yield from _links(child)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_card_says_plainly_what_is_not_published(lang):
    yanling = next(b for b in branches() if b.id == "yanling")
    card = branch_card(yanling, lang)
    words = text_of(card)
    for key in ("no_address", "phone_none", "hours_none"):
        assert t(lang, f"branches.{key}") in words
    assert t(lang, "confidence.general") in words  # the hotline's badge
    (link,) = [a for a in _links(card) if "amap" in a.href]
    assert link.href == yanling.map_url
    assert link.target == "_blank" and link.rel == "noopener noreferrer"
    assert t(lang, "public.new_tab") in text_of(link)


def test_card_of_a_road_only_address_says_there_is_no_number():
    tianyuan = next(b for b in branches() if b.id == "tianyuan")
    words = text_of(branch_card(tianyuan, "zh"))
    assert "天元区黄河南路" in words and t("zh", "branches.address_road") in words
    assert t("en", "branches.address_road") in text_of(branch_card(tianyuan, "en"))


def _broken(tmp_path, old, new):
    target = tmp_path / "branches.csv"
    shutil.copy(DATA_DIR / "branches.csv", target)
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


YANLING = "430225,,,not_published,住房公积金 炎陵县管理部,,,,,,,"


@pytest.mark.parametrize(
    ("new", "column"),
    [
        # a phone "from general knowledge" is not a published office number
        (
            "430225,,,not_published,住房公积金 炎陵县管理部,0731-00000000,general_knowledge,general,,,,",
            "phone_source",
        ),
        ("430225,,,not_published,住房公积金 炎陵县管理部,0731-00000000,,,,,,", "phone_source"),
        ("430225,,,not_published,住房公积金 炎陵县管理部,12345,seed_report,seed,,,,", "phone"),
        ("430225,,,not_published,住房公积金 炎陵县管理部,,,,9:00-17:00,,,", "hours_source"),
        ("430225,,,street,住房公积金 炎陵县管理部,,,,,,,", "address_status"),
        ("430225,,,somewhere,住房公积金 炎陵县管理部,,,,,,,", "address_status"),
    ],
)
def test_loader_refuses_what_no_source_publishes(tmp_path, new, column):
    path = _broken(tmp_path, YANLING, new)
    with pytest.raises(DataFileError, match=rf"branches.csv, row \d+, column {column}"):
        branches_mod.branches.__wrapped__(path)


def test_a_published_phone_would_carry_its_source(tmp_path):
    path = _broken(
        tmp_path, YANLING, "430225,,,not_published,住房公积金 炎陵县管理部,0731-00000000,seed_report,seed,,,,"
    )
    yanling = next(b for b in branches_mod.branches.__wrapped__(path) if b.id == "yanling")
    assert yanling.phone.value["zh"] == "0731-00000000" and yanling.phone.source.id == "seed_report"
