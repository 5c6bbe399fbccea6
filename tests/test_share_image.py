"""An answer to send: the share image's QR code opens the link, the link answers the same figures,
every character the catalogs hold can be drawn, and link previews show the picture."""

import io
import re
from decimal import Decimal

import pytest
import zxingcpp
from fontTools.ttLib import TTFont
from PIL import Image

import settings
from sharing.font import FONT_DIR, FONTS, drawable_text
from sharing.picture import wrap
from tests.conftest import TODAY
from wording.numbers import big_yuan, yuan

D = Decimal
QUOTA = (
    f"age=30&contribution_months=24&account_balance=50000&monthly_income=12000&house_price=1000000"
    f"&floor_area=141&date={TODAY}"
)
LINKS = {
    "quota": QUOTA,
    "eligibility": f"age=30&contribution_months=3&monthly_income=12000&date={TODAY}",
    "repayment": f"principal=600000&months=360&date={TODAY}&what_if=-25",
}


def _decode(png: bytes) -> str:
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert len(found) == 1, "one QR code on the picture"
    return found[0].text


@pytest.mark.parametrize("name", list(LINKS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_qr_code_opens_the_link_of_the_same_answer(client, name, lang):
    query = LINKS[name] + ("&lang=en" if lang == "en" else "")
    response = client.get(f"/share/{name}.png?{query}")
    assert response.status_code == 200 and response.mimetype == "image/png"
    image = Image.open(io.BytesIO(response.data))
    assert image.width == 720 and 600 < image.height < 2400  # a phone's screen, long-pressed to save
    page = f"/calculators/{name}"
    assert _decode(response.data) == f"{settings.PUBLIC_URL}{page}?{query}"
    from sharing.routes import _picture

    _picture.cache_clear()  # drawn again, not served from the process's cache: the same bytes
    assert client.get(f"/share/{name}.png?{query}").data == response.data


def test_the_link_in_the_qr_code_reproduces_the_figures_on_the_picture(client, post):
    """The card is built by the page's own path: its figures are the API's and the page's."""
    from sharing.cards import quota, repayment

    link = _decode(client.get(f"/share/quota.png?{QUOTA}").data)
    query = dict(part.split("=") for part in link.split("?", 1)[1].split("&"))
    card = quota(query, "zh", link)
    api = post("/api/v1/quota", query).get_json()
    assert card.headline == big_yuan(D(str(api["amount"])), "zh")
    values = dict(card.rows)
    assert yuan(D(str(api["cash_to_close"]["total"])), "zh") in values["签约时要准备的钱（首付＋税费）"]
    page = client.get(link.removeprefix(settings.PUBLIC_URL)).get_data(as_text=True)
    assert card.headline in page and yuan(D(str(api["cash_to_close"]["total"])), "zh") in page

    loan = dict(part.split("=") for part in LINKS["repayment"].split("&"))
    card = repayment(loan, "zh", "x")
    body = post("/api/v1/repayment?schedule=false", loan).get_json()
    assert card.headline == yuan(D(str(body["first_payment"])), "zh")
    assert dict(card.rows)["利息合计"] == yuan(D(str(body["total_interest"])), "zh")
    assert yuan(D(str(body["what_if"]["total_interest"])), "zh") in [v for _, v in card.rows]


def test_a_link_the_page_refuses_gives_a_picture_that_says_so(client):
    from sharing.cards import quota

    card = quota({"age": "abc", "contribution_months": "24"}, "zh", "x")
    assert not card.ok and card.headline == "链接里的输入需要修改" and card.rows == ()
    assert client.get("/share/quota.png?age=abc").status_code == 200


def test_unknown_pages_and_oversized_links_are_refused(client):
    assert client.get("/share/statistics.png").status_code == 404
    assert client.get("/share/quota.png?" + "x=1&" * 400).status_code == 414


def test_every_character_of_the_catalogs_is_in_the_vendored_font():
    for name in FONTS.values():
        cmap = TTFont(FONT_DIR / name)["cmap"].getBestCmap()
        missing = sorted({c for c in drawable_text() if ord(c) not in cmap and c != " "})
        assert not missing, f"{name} lacks {''.join(missing)}: run scripts/share_font.py"


def test_lines_break_between_words_and_characters_never_inside_brackets():
    from sharing.font import font

    face = font("Regular", 28)
    lines = wrap("260,000.00 元（未含：专项维修资金、登记费（含抵押登记）、中介费）", face, 560)
    assert all(not line.endswith("（") and not line.startswith(("）", "、", "，")) for line in lines)
    english = wrap("Not included: Special maintenance fund, Registration fees", face, 300)
    assert all(re.fullmatch(r"\S.*\S", line) for line in english) and "".join(english).count(" ") >= 3


def test_a_calculator_link_previews_its_picture(client):
    html = client.get(f"/calculators/quota?{QUOTA}").get_data(as_text=True)
    image = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
    assert image == f"{settings.PUBLIC_URL}/share/quota.png?{QUOTA}".replace("&", "&amp;")
    assert 'name="twitter:card" content="summary_large_image"' in html
    plain = client.get("/calculators/quota").get_data(as_text=True)
    assert "og:image" not in plain  # no inputs: no answer to show


def test_the_page_and_each_precheck_client_link_to_their_picture(client, upload):
    html = client.get(f"/calculators/quota?{QUOTA}").get_data(as_text=True)
    href = re.search(r'href="([^"]+)" id="quota-share-image"', html).group(1).replace("&amp;", "&")
    assert href.startswith("/share/quota.png?") and "floor_area=141" in href  # the page's own link
    assert _decode(client.get(href).data).endswith(href.replace("/share/quota.png", "/calculators/quota"))
    data = "客户,借款人年龄,连续缴存月数,公积金账户余额,家庭月收入,房屋总价\n张三,30,24,50000,12000,100万\n"
    row = upload("list.csv", data.encode()).get_json()["rows"][0]
    assert row["share_image"] == row["quota_link"].replace("/calculators/quota", "/share/quota.png")
    assert client.get(row["share_image"]).status_code == 200


def test_the_longest_link_allowed_still_gives_a_qr_code_that_scans(client):
    query = LINKS["quota"] + "&note=" + "x" * (1500 - len(LINKS["quota"]) - 6)
    assert len(query) == 1500
    assert _decode(client.get(f"/share/quota.png?{query}").data).endswith(query)


def test_the_repayment_picture_names_the_prepayment_and_the_rate_a_loan_pays_now():
    from sharing.cards import repayment

    loan = {"principal": "300000", "months": "240", "start_month": "2021-07"}
    loan.update(prepayment_month="12", prepayment_amount="50000", prepayment_mode="shorten_term")
    rows = dict(repayment(loan, "zh", "x").rows)
    assert rows["提前还款"] == "第 12 期提前还款 50,000.00 元，缩短年限（月供不变）"
    assert rows["年利率"].startswith("现行 2.6%") and "合同 3.25%" in rows["年利率"]


def test_a_home_the_fund_does_not_lend_for_is_not_drawn_as_a_good_answer():
    from sharing.cards import quota

    card = quota({**dict(p.split("=") for p in QUOTA.split("&")), "home_number": "3"}, "zh", "x")
    assert card.headline == "0 万元" and not card.ok
    rows = dict(card.rows)  # as the page says it: not lent, and the whole price with the 3 % tax
    assert rows["贷款条件"] == "不予公积金贷款"
    assert rows["签约时要准备的钱（首付＋税费）"].startswith("1,030,000.00 元")


def test_a_price_found_from_the_cash_is_not_shown_as_one_given():
    from sharing.cards import quota

    asked = {k: v for k, v in (p.split("=") for p in QUOTA.split("&")) if k != "house_price"}
    rows = dict(quota({**asked, "cash": "300000"}, "zh", "x").rows)
    assert "房屋总价" not in rows and any(label.startswith("按 30 万元") for label in rows)


def test_a_name_given_twice_is_read_as_the_page_reads_it(client):
    from sharing.cards import quota

    twice = QUOTA + "&floor_area=150"
    png = client.get(f"/share/quota.png?{twice}").data
    alone = client.get(f"/share/quota.png?{QUOTA.replace('&floor_area=141', '')}").data
    assert png != alone  # the QR codes differ, the figures do not:
    page = client.get(f"/calculators/quota?{twice}").get_data(as_text=True)
    assert "契税未计入" in page  # the page drops a doubled field, and so does the picture
    card = quota({k: v for k, v in (p.split("=") for p in QUOTA.split("&")) if k != "floor_area"}, "zh", "x")
    assert "契税" in dict(card.rows)["签约时要准备的钱（首付＋税费）"]
