"""Dash's callback endpoint and the pages' query strings answer hostile requests with a 4xx or a
page, never a 5xx: missing and unknown keys, wrong types, ids that do not match, huge and deep
bodies, numbers no Decimal should be asked to divide."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from serving import callback_values

ROUTER = ".._pages_content.children..._pages_store.data.."


def _router_body(path="/", search=""):
    return {
        "output": ROUTER,
        "outputs": [
            {"id": "_pages_content", "property": "children"},
            {"id": "_pages_store", "property": "data"},
        ],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": path},
            {"id": "_pages_location", "property": "search", "value": search},
        ],
        "changedPropIds": ["_pages_location.pathname"],
        "state": [],
    }


def _post(client, body, query=""):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    response = client.post("/_dash-update-component" + query, data=data, content_type="application/json")
    return response.status_code, response


def test_a_real_router_request_still_answers(client):
    assert _post(client, _router_body("/calculators/quota"))[0] == 200


MALFORMED = {
    "array": [],
    "string": "x",
    "empty object": {},
    "no inputs": {k: v for k, v in _router_body().items() if k != "inputs"},
    "no outputs": {k: v for k, v in _router_body().items() if k != "outputs"},
    "unknown output": {**_router_body(), "output": "nope.children"},
    "output not a string": {**_router_body(), "output": ["x"]},
    "inputs not a list": {**_router_body(), "inputs": {"a": 1}},
    "fewer inputs than declared": {**_router_body(), "inputs": _router_body()["inputs"][:1]},
    "10,500 inputs": {**_router_body(), "inputs": [{"id": "a", "property": "b", "value": 1}] * 10500},
    "wrong input id": {
        **_router_body(),
        "inputs": [{"id": "x", "property": "pathname", "value": "/"}, _router_body()["inputs"][1]],
    },
    "input not an object": {**_router_body(), "inputs": ["a", "b"]},
    "outputs too short": {**_router_body(), "outputs": [{"id": "_pages_content", "property": "children"}]},
    "changedPropIds not strings": {**_router_body(), "changedPropIds": [1, None]},
    "state for a callback without": {**_router_body(), "state": [{"id": "x", "property": "y"}]},
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_malformed_bodies_answer_400_quickly(client, name):
    status, _ = _post(client, MALFORMED[name])
    assert status == 400, name  # how fast: bench/callbacks.py


@pytest.mark.parametrize(
    "raw",
    [
        b"[" * 50000 + b"]" * 50000,
        b'{"a":' * 30000 + b"1" + b"}" * 30000,
        b"{not json",
        b"\xff\xfe",
        b"",
        b"1" * 5000,
        b'{"output": "' + b"x" * 3_000_000 + b'"}',
    ],
)
def test_deep_huge_and_broken_json_answer_4xx_quickly(client, raw):
    status, _ = _post(client, raw)
    assert 400 <= status < 500


def test_wrong_content_type_is_415(client):
    response = client.post(
        "/_dash-update-component", data=json.dumps(_router_body()), content_type="text/plain"
    )
    assert response.status_code == 415


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
        max_leaves=20,
    ),
    st.sampled_from(["output", "outputs", "inputs", "state", "changedPropIds", "extra"]),
)
def test_any_value_in_any_key_is_never_a_server_error(client, value, key):
    status, _ = _post(client, {**_router_body(), key: value})
    assert status < 500


HOSTILE = [
    "1e1000004",
    "-1e999999",
    "NaN",
    "Infinity",
    "1e-999999",
    "9" * 5000,
    "0x10",
    "１２",
    "\x00",
    "<script>alert(1)</script>",
    "1e15",
    "[]",
    "{}",
    "60万万",
    "%",
    "--1",
]
FIELDS = [
    "principal",
    "house_price",
    "months",
    "annual_rate",
    "commercial_principal",
    "commercial_months",
    "commercial_bps",
    "down_payment_percent",
    "start_month",
    "prepay_month",
    "prepay_amount",
    "prepay_mode",
    "age",
    "account_balance",
    "monthly_income",
    "monthly_debt",
    "contribution_months",
    "children",
    "term_years",
    "date",
    "home_number",
    "method",
    "category",
    "lang",
    "co_borrower",
]


@pytest.mark.parametrize(
    "path", ["/calculators/repayment", "/calculators/quota", "/calculators/eligibility", "/policy", "/"]
)
def test_hostile_links_render_a_page(client, path):
    """A crafted link (e.g. ?principal=1e1000004) shows the page with a field message, both as the
    server's first HTML and through the page router callback: never a blank page or a 500."""
    links = [{name: value for name in FIELDS} for value in HOSTILE]  # every field at once
    links += [{name: "1e1000004"} for name in FIELDS]  # and each alone beside valid defaults
    for query in links:
        search = "?" + urlencode(query)
        assert client.get(path + search).status_code == 200, query
        # A query longer than the request line gunicorn takes cannot be the browser's location:
        # the router refuses it before any callback runs (a 400 with a message, never a 500).
        expected = 200 if len(search) <= callback_values.LINK else 400
        assert _post(client, _router_body(path, search))[0] == expected, query


@pytest.mark.parametrize(
    "path",
    [
        "/vendor/font/fonts/%00",
        "/vendor/font/fonts/" + "a" * 5000,
        "/vendor/icons/bootstrap-icons-%00.woff2",
        "/vendor/plotly/%00",
    ],
)
def test_odd_vendor_paths_are_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "outputs",
    [
        [[], []],
        [{"id": "_pages_content", "property": "children"}, []],
        [[{"id": "_pages_content", "property": "children"}], {"id": "x", "property": "y"}],
    ],
)
def test_a_list_where_the_output_is_not_a_wildcard_is_refused(client, outputs):
    """Found by hypothesis: Dash reads a list entry as a wildcard output and raised (500)."""
    status, _ = _post(client, {**_router_body(), "outputs": outputs})
    assert status == 400


def test_wildcard_outputs_that_do_not_fit_the_inputs_are_refused(client):
    """Echo outputs for one field while the inputs hold two echoing fields: Dash would raise
    after the callback ran (HTTP 500); the site answers 400."""
    names = ["age", "house_price", "cash"]
    ids = [{"form": "quota", "name": n, "type": "field"} for n in names]
    spec = '..{"form":"quota","name":["ALL"],"type":"feedback"}.children...'
    spec += '{"form":"quota","name":["ALL"],"type":"echo"}.children...'
    spec += "quota-result.children...quota-bar.children...quota-bar.className..."
    spec += "quota-results.className...quota-query.data.."
    body = {
        "output": spec,
        "outputs": [
            [{"id": {"form": "quota", "name": n, "type": "feedback"}, "property": "children"} for n in names],
            [{"id": {"form": "quota", "name": "house_price", "type": "echo"}, "property": "children"}],
            *[{"id": i, "property": p} for i, p in (("quota-result", "children"), ("quota-bar", "children"))],
            *[
                {"id": i, "property": p}
                for i, p in (("quota-bar", "className"), ("quota-results", "className"))
            ],
            {"id": "quota-query", "property": "data"},
        ],
        "inputs": [
            [
                {"id": i, "property": "value", "value": v}
                for i, v in zip(ids, ["30", "100", "30"], strict=True)
            ]
        ],
        "changedPropIds": [json.dumps(ids[0], separators=(",", ":"), sort_keys=True) + ".value"],
        "state": [
            [{"id": i, "property": "id", "value": i} for i in ids],
            {"id": "quota-lang", "property": "data", "value": "zh"},
        ],
    }
    status, _response = _post(client, body)
    assert status == 400
