"""Every callback the site declares (as /_dash-dependencies lists them) fuzzed with bodies of the
right shape and hostile values — wrong types, huge strings and lists, deep objects, missing and
extra keys — answers with a 2xx, a 204 or a 4xx, never a 5xx. Each value reaches a callback only
through serving/callback_values.py; how fast the refusals are is measured in bench/fuzz.py."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from serving import callback_values

FIELD_NAMES = ["principal", "months", "annual_rate", "age", "monthly_income", "house_price", "lang"]

HOSTILE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["x" * 20_000, "9" * 5_000, "1e1000004", "zh", "en", "a" * 32, "0" * 32]),
    st.lists(st.integers(), min_size=100, max_size=200),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=5),
    st.recursive(st.integers(), lambda inner: st.lists(inner, max_size=3), max_leaves=40),
)


@pytest.fixture(scope="module")
def callbacks(client):
    """The server's callbacks (a clientside one never reaches the server: it is refused as unknown)."""
    client.get("/")  # the pages' callbacks are registered on the first request
    return [c for c in client.get("/_dash-dependencies").get_json() if not c.get("clientside_function")]


def _concrete(spec: str, i: int):
    """A component id as the renderer sends it: a wildcard replaced by a real-looking value."""
    if not spec.startswith("{"):
        return spec
    parsed = json.loads(spec)
    names = sorted(callback_values.form_names().get(parsed.get("form"), FIELD_NAMES))
    wild = {"name": names[i % len(names)], "index": i, "id": f"b{i}"}
    return {k: (wild.get(k, f"x{i}") if isinstance(v, list) else v) for k, v in parsed.items()}


def _item(spec: dict, value, count: int):
    if '["ALL' in spec["id"]:
        return [
            {"id": _concrete(spec["id"], i), "property": spec["property"], "value": value}
            for i in range(count)
        ]
    return {"id": _concrete(spec["id"], 0), "property": spec["property"], "value": value}


def _outputs(callback: dict, count: int):
    out = callback["output"]
    parts = out[2:-2].split("...") if out.startswith("..") else [out]
    shaped = []
    for part in parts:
        spec_id, prop = part.rsplit(".", 1)
        prop = prop.split("@")[0]
        entry = {"id": spec_id, "property": prop}
        shaped.append(
            _item(entry, None, count)
            if '["ALL' in spec_id
            else {"id": _concrete(spec_id, 0), "property": prop}
        )
    for entry in shaped:
        for one in entry if isinstance(entry, list) else [entry]:
            one.pop("value", None)
    return shaped if out.startswith("..") else shaped[0]


def _body(callback: dict, values, count: int) -> dict:
    inputs = [_item(s, values[i % len(values)], count) for i, s in enumerate(callback["inputs"])]
    state = [_item(s, values[-1 - i % len(values)], count) for i, s in enumerate(callback["state"])]
    first = callback["inputs"][0]
    first_id = _concrete(first["id"], 0)
    if isinstance(first_id, dict):  # as the renderer writes a pattern id: sorted keys, no spaces
        first_id = json.dumps(first_id, sort_keys=True, separators=(",", ":"))
    return {
        "output": callback["output"],
        "outputs": _outputs(callback, count),
        "inputs": inputs,
        "state": state,
        "changedPropIds": [f"{first_id}.{first['property']}"],
    }


def _plain(callback: dict) -> dict:
    """A body as the renderer sends it: every field of a form, values empty, an ``id`` state its
    own id, a path a path."""
    form = next(
        (json.loads(s["id"]).get("form") for s in callback["inputs"] if s["id"].startswith("{")), None
    )
    body = _body(callback, [None], len(callback_values.form_names().get(form, "x")))
    for item in body["inputs"] + body["state"]:
        for one in item if isinstance(item, list) else [item]:
            if one["property"] == "id":
                one["value"] = one["id"]
            elif one["property"] == "pathname":
                one["value"] = "/"
    for i, entry in enumerate(body["outputs"] if isinstance(body["outputs"], list) else []):
        if isinstance(entry, list) and entry and entry[0]["id"].get("type") == "echo":
            body["outputs"][i] = [e for e in entry if e["id"]["name"] in _in_wan(form)]
    return body


def _in_wan(form: str) -> set[str]:
    """The fields whose yuan echo the page shows (万元 fields): only they have an echo output."""
    from calculators import clock
    from components import applicant_form, repayment_form

    specs = repayment_form.form_fields(clock.today()) if form == "repayment" else applicant_form.FIELDS
    return {s.name for s in specs if s.unit == "wan"}


def _status(client, body) -> int:
    raw = json.dumps(body).encode()
    return client.post("/_dash-update-component", data=raw, content_type="application/json").status_code


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.data(),
    st.lists(HOSTILE, min_size=1, max_size=4),
    st.integers(min_value=0, max_value=80),
    st.sampled_from(["as is", "drop outputs", "null outputs", "extra key", "drop state", "drop inputs"]),
)
def test_every_callback_answers_hostile_values_without_a_server_error(
    client, callbacks, data, values, count, change
):
    callback = data.draw(st.sampled_from(callbacks))
    body = _body(callback, values, count)
    if change == "drop outputs":
        body.pop("outputs")
    elif change == "null outputs":
        body["outputs"] = None
    elif change == "extra key":
        body["surprise"] = values[0]
    elif change in ("drop state", "drop inputs"):
        body.pop(change.split()[1])
    assert _status(client, body) < 500, (callback["output"], change)


def test_each_callback_answers_its_own_plain_body(client, callbacks):
    """With harmless values too, no callback answers a 5xx; the forms' bodies are the renderer's
    shape (a 400 there would leave the fuzz above testing the guard only)."""
    for callback in callbacks:
        status = _status(client, _plain(callback))
        assert status < 500, callback["output"]
        if '"form"' in callback["output"] and "feedback" in callback["output"]:
            assert status == 200, callback["output"]


def _repayment_update(callbacks):
    return next(c for c in callbacks if c["output"].startswith("..{") and "repayment-summary" in c["output"])


def test_four_thousand_scenarios_are_refused_before_the_callback(client, callbacks):
    """The API allows three scenarios; the page's callback reads them through the same rule."""
    body = _plain(_repayment_update(callbacks))
    item = next(i for i in body["inputs"] if isinstance(i, dict) and i["id"] == "repayment-scenarios")
    item["value"] = [{"months": 240}] * 4000
    assert _status(client, body) == 400
    callback_values.check(item | {"value": [{"months": 240}] * 3})
    with pytest.raises(callback_values.BadValue, match="too_many_scenarios"):
        callback_values.check(item | {"value": [{"months": 240}] * 4})
    with pytest.raises(callback_values.BadValue, match="unknown_field"):
        callback_values.check(item | {"value": [{"pets": 2}]})


def test_values_are_bounded_by_kind():
    check = callback_values.check
    check({"id": "repayment-lang", "property": "data", "value": "en"})
    with pytest.raises(callback_values.BadValue):
        check({"id": "repayment-lang", "property": "data", "value": 5})
    with pytest.raises(callback_values.BadValue):
        check({"id": "_pages_location", "property": "pathname", "value": 7})
    with pytest.raises(callback_values.BadValue):
        check({"id": "_pages_location", "property": "search", "value": {"a": 1}})
    with pytest.raises(callback_values.BadValue):
        check({"id": "precheck-upload", "property": "contents", "value": 12})
    with pytest.raises(callback_values.BadValue):
        check({"id": "precheck-input", "property": "data", "value": ["a" * 32]})
    with pytest.raises(callback_values.BadValue):
        check({"id": "x", "property": "n_clicks", "value": -1})
    with pytest.raises(callback_values.BadValue):
        check({"id": {"type": "field"}, "property": "value", "value": "9" * 2_000})
    with pytest.raises(callback_values.BadValue):
        callback_values.check_all([{"id": {"type": "field"}, "property": "value", "value": 1}] * 65)
    check({"id": {"type": "field"}, "property": "value", "value": "9" * 500})  # the parser says "too long"


def test_a_callback_body_over_the_cap_is_413_unless_it_carries_an_upload(client, callbacks):
    body = _plain(_repayment_update(callbacks))
    body["padding"] = "x" * 70_000
    response = client.post(
        "/_dash-update-component?lang=en", data=json.dumps(body).encode(), content_type="application/json"
    )
    assert response.status_code == 413
    assert "at most 64 KB" in response.get_json()["errors"][0]["message"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data(), st.lists(HOSTILE, min_size=1, max_size=6))
def test_forms_run_with_hostile_values_in_some_fields(client, callbacks, data, values):
    """The renderer's own body for a form callback, some of its values hostile: the callback runs
    (no refusal for the shape) and answers without a server error."""
    forms = [c for c in callbacks if any('"form"' in s["id"] for s in c["inputs"])]
    callback = data.draw(st.sampled_from(forms))
    body = _plain(callback)
    items = [
        one for item in body["inputs"] + body["state"] for one in (item if isinstance(item, list) else [item])
    ]
    items = [one for one in items if one["property"] not in ("id", "children")]
    assume(items)
    for value in values:
        data.draw(st.sampled_from(items))["value"] = value
    assert _status(client, body) < 500, callback["output"]


def test_a_refusal_speaks_the_pages_language(client):
    """The renderer sends no ?lang=; the page URL in its Referer says which language the page is in."""
    answer = client.post(
        "/_dash-update-component",
        data=b"{}",
        content_type="application/json",
        headers={"Referer": "http://x/calculators/quota?lang=en"},
    )
    assert (
        answer.status_code == 400 and answer.get_json()["errors"][0]["message"] == "The request is malformed."
    )


def _callback(callbacks, part: str) -> dict:
    return next(c for c in callbacks if part in c["output"])


@pytest.mark.parametrize(
    "case",
    [
        "id without name",
        "another form's field",
        "number as name",
        "months ²",
        "months of 4,301 digits",
        "changed prop not an input",
        "remove without index",
        "branch without id",
    ],
)
def test_the_attackers_bodies_are_refused_not_500(client, callbacks, case):
    """Each of these reached a callback and raised (500) before the guard checked ids against the
    callback's own patterns, changed props against its inputs and scenario values by their readers."""
    update = _repayment_update(callbacks)
    body = _plain(update)
    ids = body["state"][0]
    if case == "id without name":
        ids[0]["value"] = {"type": "field"}
    elif case == "another form's field":
        ids[0]["value"] = {"form": "quota", "name": "age", "type": "field"}
    elif case == "number as name":
        ids[0]["value"] = {"form": "repayment", "name": 5, "type": "field"}
    elif case.startswith("months"):
        store = next(i for i in body["inputs"] if isinstance(i, dict) and i["id"] == "repayment-scenarios")
        store["value"] = [{"months": "²" if "²" in case else "9" * 4301}]
    elif case == "changed prop not an input":
        body["changedPropIds"] = ["{oops.n_clicks"]
    elif case == "remove without index":
        body = _plain(_callback(callbacks, "repayment-add-term.value"))
        remove = next(i for i in body["inputs"] if isinstance(i, list))
        remove.append({"id": {"type": "scenario-remove"}, "property": "n_clicks", "value": 1})
    else:
        body = _plain(_callback(callbacks, "branches-detail.children"))
        shows = next(i for i in body["inputs"] if isinstance(i, list))
        shows.append({"id": {"type": "branch-show"}, "property": "n_clicks", "value": 1})
    assert _status(client, body) == 400
