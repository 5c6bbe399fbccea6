"""The repayment page's callbacks without a browser: every prepayment mode, the rate that follows the
term, the loan from the house price, errors on the field at fault, and the same numbers as the API."""

from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import app  # noqa: F401  (registers the pages)
from calculators import clock
from components import repayment_form
from tests.conftest import find, text_of

REPAY = "/api/v1/repayment?schedule=false"  # the API's answer without the schedule


def page_update(values: dict, lang="zh"):
    """Run the repayment page's callback as the browser would, with the form showing ``values``."""
    from pages import repayment as rp

    names = [f.name for f in repayment_form.form_fields(clock.today())]
    ids = [{"type": "field", "form": "repayment", "name": n} for n in names]
    defaults = {
        "principal": "60",
        "months": "360",
        "home_number": "1",
        "method": "equal_installment",
        "start_month": "2027-01",
        "prepayment_mode": "shorten_term",
    }
    shown = [{**defaults, **values}.get(n) for n in names]
    now = {**defaults, **values}
    following = (
        None
        if "annual_rate" in values
        else repayment_form.auto_rate(now["months"], now["home_number"], now["start_month"])
    )
    feedback, _echo, summary, *_ = rp.update(shown, [], ids, lang, following)
    return dict(zip(names, feedback, strict=False)), summary


@pytest.mark.parametrize(
    "mode,amount", [("shorten_term", "10"), ("reduce_payment", "10"), ("pay_off", ""), ("pay_off", "10")]
)
def test_every_prepayment_mode_renders_on_the_page(mode, amount):
    feedback, summary = page_update(
        {"annual_rate": "3.1", "prepayment_month": "12", "prepayment_amount": amount, "prepayment_mode": mode}
    )
    assert not any(feedback.values()), feedback
    table = find(summary, "repayment-prepay")
    assert table is not None
    text = text_of(table)
    if mode == "pay_off":
        assert "303,929.09" in text  # the API's interest saved for this loan
    if not amount:
        assert "—" in text and find(summary, "repayment-prepay-no-compare") is not None


def test_other_modes_without_amount_ask_for_it():
    feedback, _ = page_update(
        {"annual_rate": "3.1", "prepayment_month": "12", "prepayment_mode": "reduce_payment"}
    )
    assert feedback["prepayment_amount"] == "请填写此项。"


def test_page_default_rate_by_term():
    from pages import repayment as rp

    assert repayment_form.auto_rate("60", "1") == "2.1" and repayment_form.auto_rate("360", "1") == "2.6"
    assert repayment_form.auto_rate("60", "2") == "2.525"
    assert repayment_form.auto_rate("360", "1", "2023-01") == "3.1"  # a loan that started in December 2022
    # the rate field follows the term while it holds the policy rate...
    assert rp.follow_policy_rate("60", "1", "2027-01", "2.6", "2.6") == ("2.1", "2.1")
    assert rp.follow_policy_rate("60", "1", "2027-01", "", "2.6") == ("2.1", "2.1")
    # ...and a rate the user typed stays
    import dash

    assert rp.follow_policy_rate("60", "1", "2027-01", "3.3", "2.6") == (dash.no_update, dash.no_update)
    _, summary = page_update({"principal": "60", "months": "60", "annual_rate": "2.1"})
    assert text_of(find(summary, "repayment-payment")) == "10,542.93 元"


def test_commercial_part_error_names_its_field(post):
    r = post(
        "/api/v1/repayment",
        {"principal": 600000, "commercial_principal": 500, "annual_rate": 3.1, "months": 360},
    )
    assert r.status_code == 422
    assert [e["field"] for e in r.get_json()["errors"]] == ["commercial_principal"]
    feedback, _ = page_update({"annual_rate": "3.1", "commercial_principal": "0.05"})
    assert feedback["commercial_principal"] and not feedback["principal"]


loans = st.tuples(
    st.integers(min_value=1, max_value=500).map(lambda wan: str(wan)),  # 万元, as people type it
    st.decimals(min_value=0, max_value=24, places=2).map(str),
    st.integers(min_value=1, max_value=360),
    st.sampled_from(["equal_installment", "equal_principal"]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(loans)
def test_page_and_api_give_the_same_numbers(post, loan):
    from wording.numbers import yuan

    wan, rate, months, method = loan
    body = post(
        "/api/v1/repayment?schedule=false",
        {"principal": int(wan) * 10000, "annual_rate": rate, "months": months, "method": method},
    ).get_json()
    feedback, summary = page_update(
        {"principal": wan, "annual_rate": rate, "months": str(months), "method": method}
    )
    assert not any(feedback.values())
    assert text_of(find(summary, "repayment-payment")) == yuan(D(str(body["first_payment"])), "zh")
    totals = text_of(find(summary, "repayment-totals"))
    assert yuan(D(str(body["total_interest"])), "zh") in totals


def test_equal_principal_says_how_much_less_each_month():
    _, summary = page_update(
        {"principal": "60", "annual_rate": "3.1", "months": "360", "method": "equal_principal"}
    )
    headline = text_of(find(summary, "repayment-headline"))
    assert "每月递减约 4.31 元" in headline and "1,670.98 元" in headline


def test_yearly_schedule_header_says_paid_this_year():
    from calculators.repayment import schedule
    from components.schedule import table

    s = schedule(D(600000), D("3.1"), 360)
    head = text_of(table(s, "yearly", None, "zh").children[0])
    assert "本年还款额" in head and "Paid this year" in text_of(table(s, "yearly", None, "en").children[0])


def test_page_fills_the_loan_from_the_price():
    import dash
    from dash.exceptions import PreventUpdate

    from pages import repayment as rp

    assert rp.loan_from_price("100", "30", "1") == ("70", "", dash.no_update, "hpf")
    assert rp.loan_from_price("1000000", "", "2")[:2] == ("70", "")  # typed in yuan; second home 30% minimum
    # above the HPF ceiling (80万) the rest becomes the commercial part, that section opens and the
    # loan type says combination
    assert rp.loan_from_price("200", "20", "1") == ("80", "80", True, "combination")
    for down in ("10", "100", "abc"):  # below the minimum, the whole price, junk: the loan stays
        with pytest.raises(PreventUpdate):
            rp.loan_from_price("100", down, "1")


def test_link_from_price_opens_with_that_loan():
    from pages import repayment as rp

    layout = rp.layout(house_price="1000000", down_payment_percent="30", months="360", start_month="2027-03")
    assert text_of(find(layout, "repayment-payment")).startswith("2,802.")  # 70万 at 2.6% over 30 years
    printed = text_of(find(layout, "repayment-summary"))  # the report's inputs: price, and a month
    assert "房屋总价100 万元首付比例30%贷款金额70 万元" in printed and "首次还款月份2027-03每月" in printed


def test_price_and_loan_agree(post):
    over = post(
        REPAY, {"principal": 600000, "house_price": 1000000, "down_payment_percent": 30, "months": 360}
    )
    assert over.status_code == 200 and over.get_json()["principal"] == 600000
    too_much = post(REPAY, {"principal": 900000, "house_price": 1000000, "months": 360})
    assert too_much.status_code == 422 and too_much.get_json()["errors"][0]["field"] == "principal"
    split = post(REPAY, {"house_price": 2000000, "months": 360, "annual_rate": 3.1}).get_json()
    assert (
        split["parts"]["hpf"]["principal"] == 800000 and split["parts"]["commercial"]["principal"] == 800000
    )
    _, summary = page_update({"principal": "100", "annual_rate": "3.1"})
    assert "最高额度 80 万元" in text_of(find(summary, "repayment-over-ceiling"))


def test_a_start_month_before_the_known_policies_is_a_message_on_that_field():
    feedback, _ = page_update({"start_month": "2010-01", "annual_rate": "3.1"})
    assert "2015-08-26" in feedback["start_month"]


def test_a_past_loan_shows_its_rate_periods():
    """First payment July 2022 at the policy rate: the page lists each rate since and the payment now."""
    from pages import repayment as rp

    layout = rp.layout(principal="600000", months="360", start_month="2022-07")
    section = find(layout, "repayment-repricing")
    text = text_of(section)
    assert "3.25%" in text and "2.6%" in text and "2,415.96 元" in text
    assert "少付" in text_of(find(layout, "repayment-repricing-difference"))
    held = rp.layout(principal="600000", months="360", start_month="2022-07", hold_rate="1")
    assert "合同利率不变" in text_of(find(held, "repayment-repricing"))
    assert find(rp.layout(principal="600000", months="360"), "repayment-repricing") is None


def test_review_findings_on_odd_links(client, post):
    """A first payment month in year 1 (or 9999) is a field message, not a 500; a negative amount
    stays as typed; the 'same term' choice shows as chosen (dbc.Select's placeholder shares "")."""
    from components.forms import BLANK_OPTION
    from pages import repayment as rp

    assert client.get("/calculators/repayment?start_month=0001-01&principal=400000").status_code == 200
    for month in ("0001-01", "9999-12"):
        errors = post(
            "/api/v1/repayment", {"principal": 400000, "months": 360, "start_month": month}
        ).get_json()
        assert [e["field"] for e in errors["errors"]] == ["start_month"]
    layout = rp.layout(principal="-5", months="360")
    assert find(layout, {"type": "field", "form": "repayment", "name": "principal"}).value == "-5"
    same = find(rp.layout(), {"type": "field", "form": "repayment", "name": "commercial_months"})
    assert same.value == BLANK_OPTION and BLANK_OPTION in [o["value"] for o in same.options]


def test_a_date_before_the_first_policy_is_named_with_the_other_fields(post):
    body = post(
        "/api/v1/eligibility",
        {"age": "abc", "contribution_months": 12, "monthly_income": 10000, "date": "2014-01-01"},
    ).get_json()
    assert [e["field"] for e in body["errors"]] == ["age", "date"]


def test_a_closed_section_opens_for_a_link_that_fills_it_or_a_message_in_it():
    """Its fields are built in the browser only once it is open: a link that fills one in, or a
    message on one, opens it (on the server's page, and from the callback's answer)."""
    from dash import no_update

    from components.lazy_details import LazyDetails
    from pages import repayment as rp

    def opened(layout):
        return {s.id for s in _all(layout) if isinstance(s, LazyDetails) and s.open}

    assert opened(rp.layout()) == set()
    assert opened(rp.layout(house_price="1000000")) == {"repayment-price-details"}
    assert opened(rp.layout(comparison_bps="abc")) == {"repayment-combo-details"}
    prepay = rp.layout(prepayment_month="12", prepayment_amount="100000")
    assert opened(prepay) == {"repayment-prepay-details"}
    names = [f.name for f in repayment_form.form_fields(clock.today())]
    ids = [{"type": "field", "form": "repayment", "name": n} for n in names]
    shown = [{"principal": "60", "months": "360", "prepayment_month": "12"}.get(n) for n in names]
    *_, price, combo, prepay, what_if = rp.update(shown, [], ids, "zh", None)  # no amount for that month
    assert (price, combo, prepay, what_if) == (no_update, no_update, True, no_update)
    assert opened(rp.layout(what_if="-25")) == {"repayment-what-if-details"}
    assert opened(rp.layout(what_if="none")) == set()


def _all(node):
    yield node
    children = getattr(node, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if hasattr(child, "children"):
            yield from _all(child)


def test_a_wrong_choice_in_a_link_is_shown_as_given_beside_a_message_naming_the_choices():
    """?months=-5 shows "-5 期" in the term list (not "30 年") beside its range message, and
    ?home_number=9 names the two buttons rather than "enter 1 to 2"."""
    from pages import repayment as rp

    layout = rp.layout(months="-5", home_number="9")
    term = find(layout, {"type": "field", "form": "repayment", "name": "months"})
    assert term.value == "-5" and term.options[0] == {"label": "-5 期", "value": "-5"}
    assert "1 到 360" in text_of(find(layout, {"type": "feedback", "form": "repayment", "name": "months"}))
    home = text_of(find(layout, {"type": "feedback", "form": "repayment", "name": "home_number"}))
    assert home == "请选择以下之一：首套、第二套。"


def test_a_loan_of_two_hundred_million_in_a_link_is_refused_not_shrunk():
    from pages import repayment as rp

    layout = rp.layout(principal="200000000")
    field = find(layout, {"type": "field", "form": "repayment", "name": "principal"})
    assert field.value == "200000000"
    assert "9999 万元" in text_of(
        find(layout, {"type": "feedback", "form": "repayment", "name": "principal"})
    )
