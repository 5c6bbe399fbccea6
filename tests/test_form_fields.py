"""Form fields read money as people type it (万元 or 元) and say what is wrong in the field's own
terms: an example that fits the field, the labels the form shows, limits in its unit."""

import pytest

import app  # noqa: F401  (registers the pages)
from calculators import clock
from calculators.errors import FieldError
from components.forms import Field, echoes, messages, to_display, to_value, wan_to_yuan

WAN_FIELD = Field("principal", "number", "60", unit="wan")


@pytest.mark.parametrize(
    "typed,yuan",
    [
        ("60", "600000"),
        ("600000", "600000"),
        ("60万", "600000"),
        ("600,000元", "600000"),
        ("75.5", "755000"),
        ("9999", "99990000"),
    ],
)
def test_wan_field_reads_yuan_when_typed_in_yuan(typed, yuan):
    assert to_value(WAN_FIELD, typed) == yuan


@pytest.mark.parametrize("yuan", ["600000", "99990000", "100000000", "200000000", "123456789012"])
def test_a_link_s_yuan_reads_back_as_the_same_yuan(yuan):
    """A link carries yuan; the 万元 field shows it in 万 while 万 cannot be mistaken for yuan, else
    in yuan: 2亿 is never shown as "20000" (which the field would read as 20,000 yuan)."""
    shown = to_display(WAN_FIELD, yuan)
    assert to_value(WAN_FIELD, shown) == yuan
    assert "." not in shown or len(shown.split(".")[1]) <= 6


def test_wan_field_echo_and_junk():
    assert echoes([WAN_FIELD], ["principal"], ["600000"], "zh") == ["= 600,000 元"]
    assert echoes([WAN_FIELD], ["principal"], ["60"], "en") == ["= 600,000 yuan"]
    assert wan_to_yuan("1e1000000") is None and wan_to_yuan("abc") is None
    assert to_value(WAN_FIELD, "abc") == "abc"  # the parser says what is wrong


def test_each_field_error_example_fits_the_field():
    specs = [
        WAN_FIELD,
        Field("annual_rate", "number", unit="percent"),
        Field("monthly_income", "number", unit="per_month"),
    ]
    names = [s.name for s in specs]
    errors = [FieldError(n, "number") for n in names]
    wan, rate, income = messages(specs, names, errors, "zh")
    assert "60" in wan and "万元" in wan
    assert "3.1" in rate and "600000" not in rate
    assert "15000" in income and "万" not in income  # the field's own example, not a price's
    assert "e.g. 3.1" in messages(specs, names, errors, "en")[1]


def test_choice_and_range_messages_speak_the_form():
    """A choice names the labels the form shows; a limit of a 万元 field is given in 万元."""
    from components.repayment_form import form_fields as _fields

    specs = _fields(clock.today())
    names = [s.name for s in specs]
    texts = dict(
        zip(
            names,
            messages(
                specs,
                names,
                [
                    FieldError("method", "choice", {"choices": "x"}),
                    FieldError("principal", "range", {"min": 1000, "max": 100000000}),
                ],
                "zh",
            ),
            strict=False,
        )
    )
    assert texts["method"] == "请选择以下之一：等额本息、等额本金。"
    assert "9999 万元" in texts["principal"] and "10000 万元" not in texts["principal"]


def test_a_links_word_for_a_choice_shows_as_that_choice():
    """?local_hukou=no once showed a blank select (未填写) beside an answer that had read "no"."""
    from components.applicant_form import shown_for

    _query, names, shown = shown_for(
        "quota", {"local_hukou": "no", "home_number": "二套", "fund_city": "other"}
    )
    values = dict(zip(names, shown, strict=True))
    assert (values["local_hukou"], values["home_number"]) == ("0", "2")
    assert shown_for("quota", {"local_hukou": "maybe"})[2][-1] == "maybe"  # for the parser to name


def test_printed_inputs_say_their_units():
    from components.applicant_form import inputs_rows

    rows = dict(
        inputs_rows(
            {"age": "30", "term_years": "25", "monthly_income": "8000", "house_price": "1000000"}, "zh"
        )
    )
    assert rows["借款人年龄"] == "30 岁" and rows["贷款年限"] == "25 年"
    assert rows["家庭月收入"] == "8,000.00 元/月" and rows["房屋总价"] == "100 万元"


def test_a_text_field_holds_no_more_than_a_callback_may_carry():
    """A paste of thousands of digits is cut by the browser, so the callback is never refused and
    the field says "too long" beside it instead of the page keeping a stale answer."""
    from calculators.fields import MAX_FIELD_TEXT
    from components.forms import render

    html_tree = render("quota", Field("monthly_income", "number", unit="per_month"), "zh", "")
    inputs = [c for c in _walk(html_tree) if type(c).__name__ == "Input"]
    assert inputs and all(i.maxLength == MAX_FIELD_TEXT for i in inputs)


def _walk(node):
    yield node
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list) else [children] if children is not None else []:
        if hasattr(child, "to_plotly_json"):
            yield from _walk(child)
