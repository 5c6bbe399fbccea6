"""The JSON API: exact answers, 422 naming the field, 400 for malformed JSON, never 500."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import APPLICANT, WELL_OFF

REPAY = "/api/v1/repayment?schedule=false"  # the answer without the schedule


def test_repayment_hand_checked(post):
    r = post("/api/v1/repayment", {"principal": 600000, "annual_rate": 3.1, "months": 360})
    assert r.status_code == 200
    assert b'"monthly_payment":2562.10' in r.data  # two decimals kept in the JSON text
    body = r.get_json()
    assert len(body["schedule"]) == 360 and body["schedule"][-1]["balance"] == 0
    assert body["total_interest"] == pytest.approx(322355.04)


def test_repayment_equal_principal(post):
    body = post(
        "/api/v1/repayment",
        {"principal": 600000, "annual_rate": 3.1, "months": 360, "method": "equal_principal"},
    ).get_json()
    assert body["monthly_payment"] == pytest.approx(3216.67)


def test_repayment_prepayment_and_schedule_flag(post):
    r = post(
        "/api/v1/repayment?schedule=false",
        {
            "principal": 600000,
            "annual_rate": 3.1,
            "months": 360,
            "prepayment": {"month": 24, "amount": 100000, "mode": "shorten_term"},
        },
    )
    body = r.get_json()
    assert "schedule" not in body
    assert body["prepayment"]["months_saved"] > 0 and body["prepayment"]["interest_saved"] > 0


def test_repayment_combination_defaults_to_lpr(post):
    body = post(
        "/api/v1/repayment",
        {"principal": 600000, "annual_rate": 2.6, "months": 360, "commercial_principal": 400000},
    ).get_json()
    assert body["parts"]["commercial"]["annual_rate"] == 3.5
    assert body["principal"] == 1000000


def test_quota_shape(post):
    body = post("/api/v1/quota", APPLICANT).get_json()
    assert body["amount"] == 750000 and body["binding_cap"] == "balance"
    assert set(body["caps"]) == {"ceiling", "loan_to_value", "balance", "repayment_capacity"}
    assert body["policy_version"] == "2025-05-08"
    detail = {c["name"]: c for c in body["cap_details"]}
    assert detail["balance"]["parameters"]["balance_multiplier"]["confidence"] == "assumption"


def test_quota_unknown_category_note_in_english(post):
    body = post(
        "/api/v1/quota?lang=en", {**APPLICANT, "category": "recent_graduate", "date": "2023-01-01"}
    ).get_json()
    assert body["category"] == "standard"
    assert "standard rules" in body["notes"][0]["message"]


def test_eligibility_messages(post):
    body = post(
        "/api/v1/eligibility",
        {**APPLICANT, "contribution_months": 2},
        headers={"Accept-Language": "en-US,en;q=0.9"},
    ).get_json()
    assert body["eligible"] is False
    failed = [c for c in body["checks"] if not c["passed"]]
    assert failed[0]["rule"] == "contribution_months" and "4 more months" in failed[0]["fix"]


def test_policy_endpoint_by_date(client):
    old = client.get("/api/v1/policy?date=2022-03-01").get_json()
    new = client.get("/api/v1/policy?date=2022-04-01").get_json()
    assert old["parameters"]["ceiling_standard"]["value"] == 400000
    assert new["parameters"]["ceiling_standard"]["value"] == 600000
    assert new["parameters"]["ceiling_standard"]["source"]["id"] == "seed_report"
    assert client.get("/api/v1/policy?date=junk").status_code == 422


def test_api_lang_and_empty_date_follow_the_document(client):
    assert client.get("/api/v1/policy?lang=fr").status_code == 422
    assert client.get("/api/v1/policy?date=").status_code == 422
    assert client.get("/api/v1/policy?lang=en&date=2024-01-01").status_code == 200


@pytest.mark.parametrize(
    "path,body,field",
    [
        ("/api/v1/repayment", {"principal": -1, "annual_rate": 3, "months": 12}, "principal"),
        ("/api/v1/repayment", {"principal": 1000, "annual_rate": "x", "months": 12}, "annual_rate"),
        ("/api/v1/repayment", {"principal": 100000, "annual_rate": 3, "months": 400}, "months"),
        (
            "/api/v1/repayment",
            {"principal": 100000, "annual_rate": 3, "months": 12, "method": "magic"},
            "method",
        ),
        (
            "/api/v1/repayment",
            {
                "principal": 100000,
                "annual_rate": 3,
                "months": 12,
                "prepayment": {"month": 20, "amount": 1, "mode": "pay_off"},
            },
            "prepayment.month",
        ),
        (
            "/api/v1/repayment",
            {
                "principal": 100000,
                "annual_rate": 3,
                "months": 12,
                "prepayment": {"month": 3, "amount": 999999, "mode": "shorten_term"},
            },
            "prepayment.amount",
        ),
        ("/api/v1/quota", {**APPLICANT, "age": 50, "term_years": 25}, "term_years"),
        ("/api/v1/quota", {**APPLICANT, "house_price": None}, "house_price"),
        ("/api/v1/quota", {**APPLICANT, "date": "2001-01-01"}, "date"),
        ("/api/v1/eligibility", {**APPLICANT, "age": "old"}, "age"),
        ("/api/v1/eligibility", [1, 2], "body"),
    ],
)
def test_invalid_input_is_422_naming_the_field(post, path, body, field):
    r = post(path, body)
    assert r.status_code == 422
    errors = r.get_json()["errors"]
    assert field in [e["field"] for e in errors] and all(e["message"] for e in errors)


@pytest.mark.parametrize("raw", ["{bad json", "", b"\xff\xfe"])
def test_malformed_json_is_400(post, raw):
    r = post("/api/v1/quota", raw)
    assert r.status_code == 400 and r.get_json()["errors"][0]["field"] == "body"


def test_unknown_api_route_is_json_404(client):
    r = client.get("/api/v1/nothing")
    assert r.status_code == 404 and r.is_json


def test_openapi_lists_every_route(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert set(doc["paths"]) == {
        "/api/v1/repayment",
        "/api/v1/quota",
        "/api/v1/eligibility",
        "/api/v1/policy",
        "/api/v1/precheck",
        "/api/v1/precheck/jobs/{token}",
    }
    props = doc["paths"]["/api/v1/quota"]["post"]["requestBody"]["content"]["application/json"]["schema"][
        "properties"
    ]
    assert {
        "age",
        "contribution_months",
        "account_balance",
        "monthly_income",
        "house_price",
        "home_number",
        "term_years",
        "co_borrower",
        "category",
        "date",
        "monthly_debt",
    } <= set(props)


junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.lists(st.integers(), max_size=2),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(["/api/v1/repayment", "/api/v1/quota", "/api/v1/eligibility"]),
    st.dictionaries(
        st.sampled_from(
            [
                "principal",
                "annual_rate",
                "months",
                "method",
                "age",
                "contribution_months",
                "account_balance",
                "monthly_income",
                "house_price",
                "home_number",
                "term_years",
                "co_borrower",
                "date",
                "category",
                "prepayment",
                "commercial_principal",
            ]
        ),
        junk,
        max_size=10,
    ),
)
def test_never_500_on_any_body(post, path, body):
    r = post(path, json.dumps(body, allow_nan=True))
    assert r.status_code in (200, 400, 422), r.data


def test_precheck_json_rows_in_input_order_with_bad_row(post):
    body = post(
        "/api/v1/precheck",
        {"applicants": [APPLICANT, {**APPLICANT, "age": "x"}, {**APPLICANT, "contribution_months": 2}]},
    ).get_json()
    assert [r["row"] for r in body["rows"]] == [1, 2, 3]
    assert [r["status"] for r in body["rows"]] == ["eligible", "error", "not_eligible"]
    assert body["rows"][0]["amount"] == 750000 and body["rows"][0]["monthly_payment"] == 3002.55
    assert body["rows"][1]["errors"][0]["field"] == "age"
    assert body["summary"] == {"eligible": 1, "depends": 0, "not_eligible": 1, "error": 1, "skipped": 0}


def test_precheck_file_upload_with_chinese_headers(upload):
    data = (
        "客户,借款人年龄,连续缴存月数,公积金账户余额,家庭月收入,房屋总价\n张三,30,24,5万,12000,100万\n"
    ).encode("gb18030")
    r = upload("list.csv", data)
    row = r.get_json()["rows"][0]
    assert row["name"] == "张三" and row["amount"] == 750000


def test_precheck_xlsx_upload(upload):
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(
        ["name", "age", "contribution_months", "account_balance", "monthly_income", "house_price"]
    )
    book.active.append(["A", 30, 24, 50000, 12000, 1000000])
    buffer = io.BytesIO()
    book.save(buffer)
    r = upload("list.xlsx", buffer.getvalue())
    assert r.get_json()["rows"][0]["amount"] == 750000


@pytest.mark.parametrize(
    "name,data,code",
    [
        ("list.pdf", b"%PDF", "file_type"),
        ("list.csv", b"foo,bar\n1,2\n", "file_no_columns"),
        ("list.xlsx", b"not a zip", "file_unreadable"),
        ("list.csv", b"", "file_empty"),
    ],
)
def test_precheck_bad_files_are_422(upload, name, data, code):
    r = upload(name, data)
    assert r.status_code == 422 and r.get_json()["errors"][0]["code"] == code


def test_precheck_too_large_file(upload, monkeypatch):
    import settings

    monkeypatch.setattr(settings, "UPLOAD_LIMIT_BYTES", 100)
    r = upload("a.csv", b"age\n" + b"30\n" * 100)
    assert r.status_code == 422 and r.get_json()["errors"][0]["code"] == "file_too_large"


def test_api_default_rate_by_term_and_home(post):
    short = post("/api/v1/repayment?schedule=false", {"principal": 600000, "months": 60}).get_json()
    assert short["monthly_payment"] == 10542.93 and short["annual_rate"] == 2.1
    assert short["rate_source"]["parameter"] == "rate_first_home_short"
    long = post("/api/v1/repayment?schedule=false", {"principal": 600000, "months": 61}).get_json()
    assert long["annual_rate"] == 2.6
    second = post(
        "/api/v1/repayment?schedule=false", {"principal": 600000, "months": 60, "home_number": 2}
    ).get_json()
    assert second["annual_rate"] == 2.525
    old = post(
        "/api/v1/repayment?schedule=false", {"principal": 600000, "months": 360, "date": "2023-01-01"}
    ).get_json()
    assert old["annual_rate"] == 3.1


def test_children_not_given_says_which_reading(post):
    body = post(
        "/api/v1/quota?lang=en", {**WELL_OFF, "date": "2023-01-01", "category": "multi_child_family"}
    ).get_json()
    assert body["amount"] == 800000
    assert "at least 3 children" in body["notes"][0]["message"]


def test_commercial_part_is_lpr_plus_spread_on_the_start_date(post):
    body = post(
        REPAY,
        {
            "principal": 600000,
            "annual_rate": 3.1,
            "months": 360,
            "date": "2023-07-01",
            "commercial_principal": 400000,
            "commercial_bps": -20,
        },
    ).get_json()
    assert body["parts"]["commercial"]["annual_rate"] == 4.0  # LPR 4.20 from 2023-06-20, less 20 bp
    assert body["parts"]["commercial"]["rate_kind"] == "lpr"
    today = post(
        REPAY,
        {
            "principal": 600000,
            "annual_rate": 3.1,
            "months": 360,
            "commercial_principal": 400000,
            "commercial_bps": 30,
        },
    ).get_json()
    assert today["parts"]["commercial"]["annual_rate"] == 3.8


def test_commercial_part_has_its_own_term(post):
    body = post(
        REPAY,
        {
            "principal": 600000,
            "annual_rate": 3.1,
            "months": 360,
            "commercial_principal": 400000,
            "commercial_rate": 3.5,
            "commercial_months": 240,
        },
    ).get_json()
    assert body["parts"]["commercial"]["months"] == 240 and body["parts"]["hpf"]["months"] == 360
    assert body["last_period"] == 360


def test_loan_from_price_and_down_payment(post):
    body = post(
        REPAY, {"house_price": 1000000, "down_payment_percent": 30, "months": 360, "annual_rate": 3.1}
    ).get_json()
    assert body["principal"] == 700000
    minimum = post(REPAY, {"house_price": 1000000, "months": 360, "annual_rate": 3.1}).get_json()
    assert minimum["principal"] == 800000  # first home: 20% minimum down payment
    low = post(REPAY, {"house_price": 1000000, "down_payment_percent": 10, "months": 360})
    assert low.status_code == 422 and low.get_json()["errors"][0]["field"] == "down_payment_percent"
    second = post(
        REPAY, {"house_price": 1000000, "down_payment_percent": 25, "home_number": 2, "months": 360}
    )
    assert second.status_code == 422  # second home: at least 30%


def test_start_month_is_read_by_the_one_parser(post):
    """Page, server-rendered page and API read the first payment month alike: the loan starts the
    month before, and its rates are those in force then."""
    body = post(REPAY, {"principal": 600000, "months": 360, "start_month": "2023-01"}).get_json()
    assert body["annual_rate"] == 3.1  # the loan starts in December 2022
    bad = post(REPAY, {"principal": 600000, "months": 360, "start_month": "junk"})
    assert bad.status_code == 422 and bad.get_json()["errors"][0]["field"] == "start_month"


def test_choices_are_named_by_label_and_code_and_labels_are_accepted(post):
    """The API names a choice by the label the form shows and its code, and takes the label."""
    bad = post(
        "/api/v1/quota",
        {
            "age": 30,
            "contribution_months": 24,
            "monthly_income": 1,
            "account_balance": 1,
            "house_price": 100000,
            "category": "x",
        },
    )
    assert "普通缴存职工 (standard)" in bad.get_json()["errors"][0]["message"]
    ok = post(
        "/api/v1/eligibility",
        {
            "age": 30,
            "contribution_months": 24,
            "monthly_income": 9000,
            "category": "普通缴存职工",
            "home_number": "首套",
        },
    )
    assert ok.status_code == 200 and ok.get_json()["eligible"]


def test_a_bad_rate_gets_a_rate_as_its_example(post):
    rate = post(REPAY, {"principal": 600000, "annual_rate": "abc", "months": 360}).get_json()
    assert "3.1" in rate["errors"][0]["message"] and "600000" not in rate["errors"][0]["message"]


def test_no_income_is_said_so_not_blamed_on_debts(post):
    body = post("/api/v1/eligibility", {"age": 30, "contribution_months": 24, "monthly_income": 0}).get_json()
    capacity = next(c for c in body["checks"] if c["rule"] == "repayment_capacity")
    assert capacity["code"] == "capacity_no_income"


def test_date_and_start_month_that_disagree_are_named_not_one_silently_dropped(post):
    loan = {"principal": 300000, "months": 120}
    agree = post(
        "/api/v1/repayment?schedule=false&lang=en", {**loan, "date": "2025-03-15", "start_month": "2025-04"}
    )
    assert agree.status_code == 200
    both = post(
        "/api/v1/repayment?schedule=false&lang=en", {**loan, "date": "2025-03-15", "start_month": "2025-06"}
    )
    assert both.status_code == 422
    (error,) = both.get_json()["errors"]
    assert error["field"] == "start_month" and error["code"] == "start_disagrees"
    assert (
        "2025-03-15" in error["message"] and "2025-04" in error["message"] and "2025-06" in error["message"]
    )


def test_an_unknown_field_or_parameter_is_named_not_left_out(post):
    body = {"age": 30, "contribution_months": 24, "account_balance": 50000, "montly_income": 12000}
    answer = post("/api/v1/eligibility?lang=en", body)
    assert answer.status_code == 422
    assert ("montly_income", "unknown_key") in [(e["field"], e["code"]) for e in answer.get_json()["errors"]]
    answer = post("/api/v1/repayment?lang=en&shedule=0", {"principal": 300000, "months": 120})
    assert answer.status_code == 422 and answer.get_json()["errors"][0]["field"] == "shedule"


def test_unknown_names_inside_the_prepayment_are_named_too(post):
    loan = {"principal": 300000, "months": 120, "prepayment": {"month": 12, "amount": 10000, "bogus": 1}}
    answer = post("/api/v1/repayment?lang=en", loan)
    assert answer.status_code == 422
    assert ("prepayment.bogus", "unknown_key") in [
        (e["field"], e["code"]) for e in answer.get_json()["errors"]
    ]


def test_a_body_over_the_routes_own_limit_names_that_limit_in_the_asked_language(client):
    big = json.dumps({"age": 30, "padding": "x" * 70_000})
    answer = client.post(
        "/api/v1/quota", data=big, content_type="application/json", headers={"Accept-Language": "en"}
    )
    assert answer.status_code == 413
    assert answer.get_json()["errors"][0]["message"] == "The request is too large; at most 64 KB."


def test_an_answer_key_no_model_states_fails_the_suite_but_never_a_visitor(monkeypatch, caplog):
    """api/answer_models.answer: the models forbid keys they do not name; under the tests
    (STRICT_ANSWERS) a serializer's undeclared key fails, in production it is logged and sent."""
    import pydantic

    import settings
    from api.answer_models import JobState, answer

    state = {"state": "running", "done": 1, "total": 2}
    assert answer(JobState, state) == state  # only what was given: no nulls added
    with pytest.raises(pydantic.ValidationError):
        answer(JobState, {**state, "eta": 3})
    monkeypatch.setattr(settings, "STRICT_ANSWERS", False)
    assert answer(JobState, {**state, "eta": 3}) == {**state, "eta": 3}
    assert "JobState does not state this answer" in caplog.text


def test_openapi_answers_are_the_models(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    ok = doc["paths"]["/api/v1/quota"]["post"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/QuotaAnswer"}
    quota = doc["components"]["schemas"]["QuotaAnswer"]
    assert quota["additionalProperties"] is False and "cash_to_close" in quota["properties"]
    assert doc["components"]["schemas"]["ScheduleRow"]["properties"]["payment"]["multipleOf"] == 0.01


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/v1"),
        ("GET", "/api/v1/"),
        ("POST", "/api/v1"),
        ("GET", "/api/v1//quota"),
        ("GET", "/api/v2/x"),
    ],
)
def test_every_path_under_api_answers_json(client, method, path):
    """/api/v1 itself, a doubled slash, another version: the API's JSON 404, not the site's page."""
    r = client.open(path, method=method, headers={"Accept-Language": "en"})
    assert r.status_code == 404 and r.is_json
    assert r.get_json()["errors"][0]["code"] == "not_found"


@pytest.mark.parametrize(
    ("accept", "lang"),
    [("en-US,zh;q=0.5", "en"), ("en-US,zh-CN;q=0.5", "en"), ("zh-CN,en;q=0.8", "zh"), ("fr,en;q=0.3", "en")],
)
def test_the_most_preferred_language_wins_by_its_primary_tag(client, accept, lang):
    """en-US first and zh second is English: the exact "zh" must not beat "en-US" -> "en"."""
    message = client.get("/api/v1/nope", headers={"Accept-Language": accept}).get_json()["errors"][0][
        "message"
    ]
    assert ("No such" in message) == (lang == "en")


def test_lang_in_any_case(client):
    for lang in ("EN", "en-US"):
        assert "From" in client.get(f"/api/v1/policy?lang={lang}").get_json()["label"]


def test_a_page_posted_to_says_so_in_its_language(client):
    r = client.post("/calculators/quota?lang=en")
    assert r.status_code == 405 and r.mimetype == "text/plain" and "GET" in r.headers["Allow"]
    assert "This address is a page" in r.get_data(as_text=True)
    assert "只接受 GET" in client.post("/").get_data(as_text=True)


def test_cash_short_of_any_home_beside_a_price_is_said_in_the_precheck_too(post):
    """The page and the API note it on the quota; the pre-check row says what is missing, as for
    any cash short of the price's down payment (it once needed an affordable price to say so)."""
    rows = [{**APPLICANT, "cash": 1000}, {**APPLICANT, "cash": 50000}]
    answered = post("/api/v1/precheck", {"applicants": rows}).get_json()["rows"]
    for row, cash in zip(answered, (1000, 50000), strict=True):
        assert row["cash_short"]["cash"] == cash
        assert row["cash_short"]["short"] == row["cash_short"]["down_payment"] - cash
