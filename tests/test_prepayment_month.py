"""A prepayment by its calendar month as well as by its payment number: the month becomes the number
of the payment falling due then, counted from the first payment month; one of the two is needed;
a month outside the loan is a message on that field in the visitor's language (never a 500)."""

import datetime as dt

import pytest

from calculators import clock
from calculators.errors import ValidationError
from calculators.loan_request import parse_repayment
from calculators.months import add_months
from calculators.prepayment_request import payment_number
from components import repayment_form
from tests.test_repayment_page import REPAY, page_update

LOAN = {"principal": 600000, "annual_rate": 3.1, "months": 360, "start_month": "2027-01"}


def _with(prepayment: dict, **loan):
    return {**LOAN, **loan, "prepayment": {"amount": 100000, "mode": "reduce_payment", **prepayment}}


@pytest.mark.parametrize(
    "first,month,number",
    [
        ("2027-01", "2027-01", 1),
        ("2027-01", "2028-06", 18),
        ("2027-11", "2028-02", 4),
        ("2027-01", "2026-12", 0),
    ],
)
def test_a_month_is_the_number_of_the_payment_due_then(first, month, number):
    assert payment_number(dt.date.fromisoformat(first + "-01"), month) == number


def test_add_months_crosses_years_both_ways():
    assert add_months(dt.date(2027, 11, 15), 3) == dt.date(2028, 2, 1)
    assert add_months(dt.date(2027, 1, 1), -1) == dt.date(2026, 12, 1)


def test_by_month_and_by_number_give_the_same_request():
    by_month = parse_repayment(_with({"calendar_month": "2028-06"}))
    by_number = parse_repayment(_with({"month": 18}))
    assert by_month == by_number and by_month.prepayment_month == 18


def test_the_first_payment_month_follows_the_start_date():
    """A loan starting on 2026-03-15 pays first in 2026-04: that month is payment 1."""
    req = parse_repayment({**_with({"calendar_month": "2026-04"}), "date": "2026-03-15", "start_month": None})
    assert req.prepayment_month == 1


def test_flat_form_spelling_works_too():
    data = {**LOAN, "prepayment_calendar_month": "2028-06", "prepayment_mode": "pay_off"}
    assert parse_repayment(data).prepayment_month == 18


def _errors(data):
    with pytest.raises(ValidationError) as exc:
        parse_repayment(data)
    return {(e.field, e.code): e.params for e in exc.value.errors}


def test_boundaries_first_and_last():
    assert parse_repayment(_with({"calendar_month": "2027-01"})).prepayment_month == 1
    assert parse_repayment(_with({"calendar_month": "2056-11"})).prepayment_month == 359  # the last but one
    assert _errors(_with({"calendar_month": "2026-12"})) == {
        ("prepayment.calendar_month", "prepay_month_early"): {"first": "2027-01"}
    }
    assert _errors(_with({"calendar_month": "2056-12"})) == {
        ("prepayment.calendar_month", "prepay_month_late"): {"last": "2056-12", "latest": "2056-11"}
    }
    assert _errors(_with({"calendar_month": "2060-01"}, months=120)) == {
        ("prepayment.calendar_month", "prepay_month_late"): {"last": "2036-12", "latest": "2036-11"}
    }


def test_one_of_the_two_is_needed():
    assert ("prepayment.calendar_month", "prepay_one_of") in _errors(
        _with({"month": 3, "calendar_month": "2027-03"})
    )
    assert ("prepayment.month", "required") in _errors(_with({}))
    assert ("prepayment.calendar_month", "month") in _errors(_with({"calendar_month": "June"}))


@pytest.mark.parametrize(
    "lang,early,late",
    [
        ("zh", "首次还款在 2027-01", "最后一期在 2056-12：提前还款最晚选 2056-11"),
        ("en", "The first payment falls due in 2027-01", "prepay in 2056-11 at the latest"),
    ],
)
def test_api_messages_in_both_languages(post, lang, early, late):
    for month, words in (("2026-12", early), ("2056-12", late)):
        r = post(f"{REPAY}&lang={lang}", _with({"calendar_month": month}))
        assert r.status_code == 422
        (error,) = r.get_json()["errors"]
        assert error["field"] == "prepayment.calendar_month" and words in error["message"]


def test_api_answers_the_same_by_month_or_number(post):
    a = post(REPAY, _with({"calendar_month": "2028-06"})).get_json()
    b = post(REPAY, _with({"month": 18})).get_json()
    assert a == b and a["prepayment"]["month"] == 18


def test_openapi_documents_the_month(client):
    schema = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]["Prepayment"]
    assert schema["properties"]["calendar_month"]["anyOf"][0]["pattern"]
    assert {"required": ["calendar_month"]} in schema["oneOf"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_by_month_marks_the_field_and_keeps_the_text(lang):
    values = {"prepayment_by": "month", "prepayment_calendar_month": "2026-12", "prepayment_amount": "10"}
    feedback, _ = page_update(values, lang)
    assert "2027-01" in feedback["prepayment_calendar_month"]
    assert not feedback["prepayment_month"]


def test_page_by_month_counts_only_the_chosen_field():
    """A number left in the hidden field does not count while "by month" is chosen, and back."""
    both = {"prepayment_month": "5", "prepayment_calendar_month": "2028-06", "prepayment_amount": "10"}
    _, summary = page_update({**both, "prepayment_by": "month"})
    assert "第 18 期" in str(summary)
    _, summary = page_update({**both, "prepayment_by": "period"})
    assert "第 5 期" in str(summary)


def test_a_link_by_month_opens_with_month_chosen():
    query = repayment_form.link_inputs({"prepayment_calendar_month": "2028-06"}, "3.1")
    assert query["prepayment_by"] == "month"
    assert repayment_form.link_inputs({"prepayment_month": "6"}, "3.1")["prepayment_by"] == "period"


# --- what the prepayment changes, in the headline -----------------------------------------------

PREPAID = {"annual_rate": "3.1", "prepayment_month": "18", "prepayment_amount": "10"}


@pytest.mark.parametrize(
    "lang,new,when,without,with_",
    [
        (
            "zh",
            "2,121.40 元",
            "第 19 期起，2028-07",
            "不提前还款：利息合计 322,355.04 元",
            "节省利息 50,716.44 元",
        ),
        (
            "en",
            "¥2,121.40",
            "from payment 19, 2028-07",
            "Without prepayment: interest ¥322,355.04",
            "saved ¥50,716.44",
        ),
    ],
)
def test_reduce_payment_shows_the_new_payment_and_both_totals(lang, new, when, without, with_):
    from tests.conftest import find, text_of

    _, summary = page_update({**PREPAID, "prepayment_mode": "reduce_payment"}, lang)
    assert text_of(find(summary, "repayment-new-payment")) == new
    assert when in text_of(find(summary, "repayment-prepay-change"))
    assert without in text_of(find(summary, "repayment-totals-without"))
    assert with_ in text_of(find(summary, "repayment-totals"))


def test_reduce_payment_new_payment_is_the_api_next_payment(post):
    body = post(REPAY, _with({"month": 18})).get_json()
    assert body["prepayment"]["next_payment"] == 2121.40
    assert body["prepayment"]["interest_saved"] == 50716.44


def test_the_phone_bar_shows_the_new_payment():
    from pages import repayment as rp
    from tests.conftest import find, text_of

    names = [f.name for f in repayment_form.form_fields(clock.today())]
    values = {"principal": "60", "months": "360", "home_number": "1", "method": "equal_installment"}
    values |= {"start_month": "2027-01", "prepayment_mode": "reduce_payment", **PREPAID}
    out = repayment_form.respond(names, [values.get(n) for n in names], "zh", None)
    bar = rp.html.Div(out["bar"])
    assert "2,121.40" in text_of(find(bar, "repayment-bar-new-payment"))
    assert "提前还款后利息" in text_of(bar)


def test_shorten_term_and_pay_off_say_what_changes():
    from tests.conftest import find, text_of

    _, summary = page_update({**PREPAID, "prepayment_mode": "shorten_term"})
    assert "最后一期提前到 2049-12，少还 84 个月" in text_of(find(summary, "repayment-prepay-change"))
    _, summary = page_update({**PREPAID, "prepayment_mode": "pay_off"})
    assert "一次还清剩余本金 581,376.61 元" in text_of(find(summary, "repayment-prepay-change"))
    assert find(summary, "repayment-new-payment") is None


def test_an_amount_without_a_time_asks_for_the_time(post):
    """An amount alone is not silently left out: the API and the page ask which payment, the page
    in the field it shows (by payment number, or by month)."""
    body = post(REPAY, {**LOAN, "prepayment_amount": 100000}).get_json()
    assert ("prepayment.month", "required") in [(e["field"], e["code"]) for e in body["errors"]]
    feedback, _ = page_update({"prepayment_amount": "10"})
    assert feedback["prepayment_month"] == "请填写此项。"
    feedback, _ = page_update({"prepayment_amount": "10", "prepayment_by": "month"})
    assert feedback["prepayment_calendar_month"] == "请填写此项。" and not feedback["prepayment_month"]
