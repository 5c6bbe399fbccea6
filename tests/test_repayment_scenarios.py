"""Scenarios side by side: the request with a few fields changed, each on the main answer's own path
(so a scenario equals the main answer of the request it describes); a bad one is a 400 naming its
index and field; the page carries them in its link and shows them in one table."""

from decimal import Decimal as D

import pytest
from dash import html

from calculators import clock
from calculators.errors import ValidationError
from calculators.scenarios import run_scenarios, scenario_request
from components import repayment_form as compare_form

REPAY = "/api/v1/repayment?schedule=false"
LOAN = {"principal": 600000, "months": 360, "start_month": "2027-01"}
SUMMARY = (
    "monthly_payment",
    "last_payment",
    "total_interest",
    "total_payment",
    "annual_rate",
    "last_payment_month",
)


@pytest.mark.parametrize(
    "override",
    [{"months": 240}, {"home_number": 2}, {"method": "equal_principal"}, {"months": 60, "home_number": "2"}],
)
def test_a_scenario_is_the_main_answer_of_its_request(post, override):
    body = post(REPAY, {**LOAN, "scenarios": [override]}).get_json()
    (scenario,) = body["scenarios"]
    alone = post(REPAY, {**LOAN, **override}).get_json()
    assert {k: scenario[k] for k in SUMMARY} == {k: alone[k] for k in SUMMARY}
    assert scenario["overrides"] == override and scenario["rate_source"] == alone["rate_source"]


def test_twenty_against_thirty_years_at_the_policy_rates(post):
    body = post(REPAY, {**LOAN, "scenarios": [{"months": 240}, {"home_number": 2}]}).get_json()
    twenty, second = body["scenarios"]
    assert body["monthly_payment"] == 2402.04 and body["last_payment_month"] == "2056-12"
    assert twenty["monthly_payment"] == 3208.73 and twenty["last_payment_month"] == "2046-12"
    assert twenty["total_interest"] < body["total_interest"]
    assert second["annual_rate"] == 3.075 and second["rate_source"]["parameter"] == "rate_second_home_long"


def test_no_scenarios_no_key(post):
    assert "scenarios" not in post(REPAY, LOAN).get_json()


@pytest.mark.parametrize(
    "scenarios,field,code",
    [
        ([{"months": 240}, {"months": "abc"}], "scenarios[1].months", "integer"),
        ([{"method": "weekly"}], "scenarios[0].method", "choice"),
        ([{"monthz": 240}], "scenarios[0].monthz", "unknown_field"),
        ([5], "scenarios[0]", "scenario_object"),
        ({"months": 240}, "scenarios", "scenario_list"),
        ([{}, {}, {}, {}], "scenarios", "too_many_scenarios"),
        (
            [{"months": 12, "prepayment": {"month": 24, "mode": "pay_off"}}],
            "scenarios[0].prepayment.month",
            "range",
        ),
    ],
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_bad_scenario_is_a_400_naming_it(post, scenarios, field, code, lang):
    r = post(f"{REPAY}&lang={lang}", {**LOAN, "scenarios": scenarios})
    assert r.status_code == 400
    errors = r.get_json()["errors"]
    assert (errors[0]["field"], errors[0]["code"]) == (field, code)
    assert errors[0]["message"] and "{" not in errors[0]["message"].replace('{"months"', "")


def test_choice_message_words_the_choices_as_for_the_field(post):
    r = post(REPAY, {**LOAN, "scenarios": [{"method": "weekly"}]})
    assert "等额本金" in r.get_json()["errors"][0]["message"]


def test_a_bad_main_request_is_still_a_422(post):
    assert post(REPAY, {"months": 360, "scenarios": [{"months": 240}]}).status_code == 422


def test_overrides_replace_the_flat_prepayment_spelling_too():
    data = {**LOAN, "prepayment_month": "12", "prepayment_mode": "pay_off"}
    assert "prepayment_month" not in scenario_request(data, {"prepayment": None})
    (outcome,) = run_scenarios(data, [{"prepayment": None}])
    assert outcome.prepayment is None


def test_run_scenarios_names_each_bad_one():
    with pytest.raises(ValidationError) as exc:
        run_scenarios(LOAN, [{"months": 0}, {"months": 240}, {"home_number": 5}])
    assert exc.value.fields() == {"scenarios[0].months", "scenarios[2].home_number"}


def test_openapi_documents_scenarios(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    post = doc["paths"]["/api/v1/repayment"]["post"]
    assert (
        post["requestBody"]["content"]["application/json"]["schema"]["properties"]["scenarios"]["maxItems"]
        == 3
    )
    ref = post["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    answer = doc["components"]["schemas"][ref.rsplit("/", 1)[1]]["properties"]
    scenario = answer["scenarios"]["anyOf"][0]["items"]["$ref"].rsplit("/", 1)[1]
    assert "total_interest" in doc["components"]["schemas"][scenario]["properties"]
    assert "400" in post["responses"]


# --- the page ----------------------------------------------------------------------------------

from components import repayment_scenarios as compare  # noqa: E402
from tests.conftest import find, text_of  # noqa: E402


def test_the_link_spelling_round_trips_and_drops_junk():
    scenarios = [{"months": "240"}, {"home_number": "2", "method": "equal_principal"}]
    link = compare.to_link(scenarios)
    assert link == "months:240;home_number:2,method:equal_principal"
    assert compare.from_link(link) == scenarios
    assert compare.from_link("principal:1;months:120;;x;a:b;c:d;e:f") == [{"months": "120"}]
    assert compare.from_link(None) == [] and compare.to_link([]) is None


def test_one_tap_adds_the_other_home_or_method_once_and_at_most_three():
    current = {"method": "equal_installment", "home_number": "1"}
    s = compare.added([], "home", current)
    assert s == [{"home_number": "2"}]
    assert compare.added(s, "home", current) == s  # not twice
    s = compare.added(s, "method", current)
    s = compare.added(s, "term", current, "240")
    assert s[1:] == [{"method": "equal_principal"}, {"months": "240"}]
    assert compare.added(s, "term", current, "120") == s  # full
    assert compare.removed(s, 0) == s[1:]


def _page(scenarios, lang="zh", **values):
    names = [f.name for f in compare_form.form_fields(clock.today())]
    shown = {"principal": "60", "months": "360", "home_number": "1", "method": "equal_installment"}
    shown |= {"start_month": "2027-01", "prepayment_mode": "shorten_term", **values}
    following = None if "annual_rate" in values else compare_form.auto_rate("360", "1", "2027-01")
    return compare_form.respond(names, [shown.get(n) for n in names], lang, following, scenarios=scenarios)


def test_page_table_equals_the_api_and_goes_into_the_link(post):
    out = _page([{"months": "240"}, {"home_number": "2"}])
    assert "compare=months%3A240%3Bhome_number%3A2" in out["query"]
    table = out["compare"]
    api = post(REPAY, {**LOAN, "scenarios": [{"months": 240}, {"home_number": 2}]}).get_json()
    cells = _cells(table)
    for i, scenario in enumerate(api["scenarios"]):
        assert cells[(str(i), "first_payment")] == f"{scenario['monthly_payment']:,.2f} 元"
        assert cells[(str(i), "total_interest")] == f"{scenario['total_interest']:,.2f} 元"
        assert cells[(str(i), "last_month")] == scenario["last_payment_month"]
    assert cells[("main", "first_payment")] == f"{api['monthly_payment']:,.2f} 元"


def _cells(tree) -> dict:
    out = {}

    def walk(node):
        attrs = getattr(node, "_prop_names", None) and node.to_plotly_json()["props"]
        if attrs and "data-row" in attrs:
            out[(attrs["data-scenario"], attrs["data-row"])] = text_of(node)
        children = getattr(node, "children", None)
        for child in children if isinstance(children, (list, tuple)) else [children]:
            if hasattr(child, "children"):
                walk(child)

    walk(tree)
    return out


def test_a_scenario_the_parser_refuses_says_why_in_its_column():
    out = _page([{"months": "120"}], lang="en", prepayment_month="200", prepayment_amount="10")
    text = text_of(out["compare"])
    assert "Prepay after payment no." in text and "—" in text


def test_no_scenarios_no_table():
    assert _page([])["compare"] is None


def test_a_shared_link_opens_with_the_table():
    from pages import repayment as rp

    page = rp.layout(principal="600000", months="360", compare="months:240;method:equal_principal", lang="en")
    table = find(page, "repayment-scenarios-table")
    assert table is not None and "20 years" in text_of(table) and "Equal principal" in text_of(table)


@pytest.mark.parametrize("mode", ["shorten_term", "reduce_payment", "pay_off"])
@pytest.mark.parametrize("part", ["commercial", "hpf"])
def test_a_combination_loan_prepays_the_part_chosen(post, mode, part):
    """Issue 25: a combination loan's prepayment, in every mode, on either part, is the prepaid part
    as a loan of its own plus the other part untouched (a loan starting next year: one rate each)."""
    loan = {"principal": 500000, "commercial_principal": 300000, "months": 360, "start_month": "2027-06"}
    prepayment = {"month": 24, "amount": 100000, "mode": mode, "part": part}
    body = post(REPAY, {**loan, "prepayment": prepayment}).get_json()
    rates = body["parts"]["hpf"]["annual_rate"], body["parts"]["commercial"]["annual_rate"]
    hpf = {"principal": 500000, "annual_rate": rates[0], "months": 360, "start_month": "2027-06"}
    com = {"principal": 300000, "annual_rate": rates[1], "months": 360, "start_month": "2027-06"}
    alone = {k: dict(v) for k, v in (("hpf", hpf), ("commercial", com))}
    alone[part]["prepayment"] = {k: v for k, v in prepayment.items() if k != "part"}
    total = sum(D(str(post(REPAY, v).get_json()["total_interest"])) for v in alone.values())
    assert D(str(body["total_interest"])) == total
    assert body["prepayment"]["part"] == part
    whole = D(str(post(REPAY, loan).get_json()["total_interest"]))
    assert D(str(body["prepayment"]["interest_saved"])) == whole - total


def test_the_page_says_which_part_is_prepaid_and_why_the_commercial_part_is_the_usual_choice():
    shown = {"commercial_principal": "30", "prepayment_month": "24", "prepayment_amount": "10"}
    out = _page([], prepayment_part="hpf", annual_rate="3.1", commercial_rate="3.5", **shown)
    text = text_of(html.Div(out["summary"]))
    assert "这笔提前还款还的是公积金贷款部分" in text and "先还商业贷款，通常更省利息" in text


def test_a_part_already_repaid_says_so_and_the_months_saved_are_the_whole_loans(post):
    """From a stranger's review: a prepayment after the commercial part ended got "enter 1 to 59"
    without a why, and the table set 233 months saved beside an unchanged last payment."""
    loan = {"principal": 300000, "months": 120, "commercial_principal": 100000, "commercial_months": 60}
    late = {"month": 70, "amount": 50000, "mode": "shorten_term", "part": "commercial"}
    [error] = post(REPAY, {**loan, "start_month": "2027-06", "prepayment": late}).get_json()["errors"]
    assert error["code"] == "prepay_commercial_ended" and "第 60 期已还清" in error["message"]
    early = {**late, "month": 12}
    body = post(REPAY, {**loan, "start_month": "2027-06", "prepayment": early}).get_json()["prepayment"]
    assert body["part_months_saved"] > 0 and body["months_saved"] == 0  # the fund part still ends at 120
    assert body["new_last_period"] == 120
