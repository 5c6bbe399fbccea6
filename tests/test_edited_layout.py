"""POST /_edited-layout: the page for a calculator form as the visitor changed it before the app
was live — the link the app's callbacks would reach, and no answer when the form holds an error."""

from __future__ import annotations

import re

import pytest

ENDPOINT = "/_edited-layout"
REPAYMENT = "/calculators/repayment?principal=600000&annual_rate=3.1&months=360"


def _amount(text: str) -> str:
    return re.search(r"\d[\d,]*\.\d\d", text).group(0)


def _bar(client, link: str) -> str:
    """The result bar's text in the server's HTML of a link."""
    page = client.get(link).get_data(as_text=True)
    return re.sub(r"<[^>]+>", " ", re.search(r'id="repayment-bar".*?</div>', page, re.S).group(0))


def _edit(post, url: str, changes: dict):
    return post(ENDPOINT, {"url": url, "changes": changes})


def test_a_typed_amount_gives_the_page_for_the_link_the_app_would_show(client, post):
    from rendering import page_tree

    response = _edit(post, REPAYMENT, {"principal": "70"})
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    link = response.headers["X-Page-Search"]
    assert "principal=700000" in link and "annual_rate=3.1" in link and "months=360" in link
    with client.application.test_request_context(REPAYMENT):
        expected = page_tree.tree("/calculators/repayment", link)
    from rendering import layout_html

    assert response.get_data(as_text=True) == layout_html.script_json(expected)
    answer = _amount(_bar(client, REPAYMENT.replace("600000", "700000")))
    assert answer != _amount(_bar(client, REPAYMENT)) and answer in response.get_data(as_text=True)


def test_the_rate_follows_the_term_only_while_it_is_the_policy_rate(post):
    followed = _edit(post, "/calculators/repayment?principal=600000", {"months": "60"})
    assert "annual_rate" not in followed.headers["X-Page-Search"]  # the policy's: not a given rate
    assert "2.1%" in followed.get_data(as_text=True)  # 2.10 % up to five years
    typed = _edit(post, REPAYMENT, {"months": "60"})
    assert "annual_rate=3.1&" in typed.headers["X-Page-Search"]


def test_a_house_price_fills_in_the_loan_as_the_form_does(post):
    from components import form_edits

    hpf, rest = form_edits.loan_from_price("200", "", "1")
    link = _edit(post, "/calculators/repayment", {"house_price": "200"}).headers["X-Page-Search"]
    assert f"principal={int(float(hpf) * 10000)}&" in link
    assert f"commercial_principal={int(float(rest) * 10000)}&" in link and "house_price=2000000" in link


def test_the_link_is_the_one_the_callbacks_reach(client):
    """The edited link equals the share link the app's own callback computes from the same
    fields after its follow-up callbacks (rate, loan from price) have run."""
    from components import form_edits, repayment_form

    query, names, shown, auto = repayment_form.first_values({"principal": "600000"})
    now = dict(zip(names, shown, strict=True)) | {"months": "60", "principal": "45"}
    now["annual_rate"] = followed = form_edits.followed_rate(
        "60", now["home_number"], now["start_month"], now["annual_rate"], auto
    )
    with client.application.test_request_context("/"):
        app_link = repayment_form.respond(names, [now[n] for n in names], "zh", followed)["query"]
        edited = form_edits.repayment_link({"principal": "600000"}, {"months": "60", "principal": "45"}, "zh")
    assert edited == app_link


def test_applicant_forms_take_their_own_fields(client, post):
    quota = "/calculators/quota?age=30&contribution_months=24&account_balance=50000&monthly_income=12000"
    response = _edit(post, quota, {"monthly_income": "6000"})
    assert response.status_code == 200 and "monthly_income=6000" in response.headers["X-Page-Search"]
    english = _edit(post, "/calculators/eligibility?lang=en", {"age": "40"})
    assert english.status_code == 200 and english.headers["X-Page-Search"].endswith("&lang=en")
    assert "Loan eligibility" in english.get_data(as_text=True)


@pytest.mark.parametrize(
    "url, changes",
    [
        (REPAYMENT, {"principal": "abc"}),  # an error: the app's callbacks answer it, keeping the last result
        (REPAYMENT, {"principal": "1e999999999"}),
        (REPAYMENT, {"no_such_field": "1"}),
        ("/calculators/quota", {"annual_rate": "3"}),  # a repayment field on the quota form
        ("/statistics", {"age": "40"}),  # no form
        ("/calculators/eligibility", {"cash": "30"}),  # a field this page does not ask
    ],
)
def test_no_answer_for_an_error_or_a_field_the_form_does_not_have(post, url, changes):
    response = _edit(post, url, changes)
    assert response.status_code == 204 and not response.data


@pytest.mark.parametrize(
    "body, status",
    [
        (b"not json", 400),
        ([1, 2], 400),
        ({"url": REPAYMENT}, 400),
        ({"url": REPAYMENT, "changes": {}}, 400),
        ({"url": REPAYMENT, "changes": {"principal": 70}}, 400),  # the form's values are text
        ({"url": REPAYMENT, "changes": {"principal": "9" * 201}}, 400),
        ({"url": REPAYMENT, "changes": {f"f{i}": "1" for i in range(41)}}, 400),
        ({"url": "/" * 5000, "changes": {"principal": "1"}}, 400),
        (b"[" * 5000, 400),
        (b" " * 9000, 413),
    ],
)
def test_a_malformed_or_oversized_body_is_refused(post, body, status):
    response = post(ENDPOINT, body)
    assert response.status_code == status
    assert "Traceback" not in response.get_data(as_text=True)


def test_a_body_without_a_length_is_read_only_as_far_as_the_limit(client):
    import io

    response = client.post(
        ENDPOINT,
        input_stream=io.BytesIO(b" " * 100_000),
        headers={"Transfer-Encoding": "chunked", "Content-Type": "application/json"},
        environ_base={"wsgi.input_terminated": True},  # as gunicorn marks a chunked body
    )
    assert response.status_code == 413


def test_a_get_is_no_layout(client):
    """Only a POST is answered here; a GET is an unknown page (404, the site's own page)."""
    response = client.get(ENDPOINT)
    assert response.status_code == 404 and "ssr-layout" in response.get_data(as_text=True)
