"""Hand-checked reference cases (tests/reference_cases.yaml) through the JSON API, which runs the
same calculators as the pages. Each case names the source of its expected value."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from calculators.per_10k import per_10k
from calculators.policy_files import default_policy
from tests.conftest import APPLICANT, WELL_OFF

KINDS = {
    "per_10k",
    "repayment",
    "prepayment",
    "combination",
    "quota",
    "eligibility",
    "repricing",
    "timeline",
    "comparison",
    "per_10k_table",
}
CASES = yaml.safe_load((Path(__file__).parent / "reference_cases.yaml").read_text(encoding="utf-8"))["cases"]


def _id(case):
    rest = {k: v for k, v in case.items() if k not in ("kind", "expect", "source", "tolerance")}
    return case["kind"] + ":" + ",".join(f"{k}={v}" for k, v in rest.items())


def answer(post, path, body):
    """The API's answer, which must be a 200."""
    r = post(path, body)
    assert r.status_code == 200, r.get_json()
    return r.get_json()


def close(actual, expected, tolerance=0):
    if isinstance(expected, str):
        return actual == expected
    return abs(Decimal(str(actual)) - Decimal(str(expected))) <= Decimal(str(tolerance))


def test_enough_cases_each_with_a_source():
    assert len(CASES) >= 40
    assert all(c.get("source") for c in CASES)
    assert {c["kind"] for c in CASES} == KINDS


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_reference_case(case, post):
    kind, expect, tol = case["kind"], case.get("expect", {}), case.get("tolerance", 0)
    assert kind in KINDS, kind
    if kind == "per_10k":
        body = answer(
            post,
            "/api/v1/repayment?schedule=false",
            {
                "principal": case.get("principal", 10000),
                "annual_rate": case["rate"],
                "months": case["months"],
            },
        )
        assert close(body["monthly_payment"], expect["payment"]), (body["monthly_payment"], case["source"])
    elif kind == "repayment":
        body = answer(
            post,
            "/api/v1/repayment?schedule=false",
            {
                "principal": case["principal"],
                "annual_rate": case["rate"],
                "months": case["months"],
                "method": case["method"],
            },
        )
        for key, value in expect.items():
            assert close(body[key], value, tol), (key, body[key], value)
    elif kind == "prepayment":
        prepayment = {"month": 12, "mode": case["mode"]}
        if case["amount"] is not None:
            prepayment["amount"] = case["amount"]
        body = answer(
            post,
            "/api/v1/repayment?schedule=false",
            {"principal": 600000, "annual_rate": 3.1, "months": 360, "prepayment": prepayment},
        )
        for key, value in expect.items():
            assert close(body["prepayment"][key], value, tol), (key, body["prepayment"][key], value)
    elif kind == "combination":
        body = answer(
            post,
            "/api/v1/repayment?schedule=false",
            {k: case[k] for k in ("principal", "commercial_principal", "commercial_rate", "months")}
            | {"annual_rate": case["rate"]},
        )
        assert close(body["parts"]["hpf"]["first_payment"], expect["hpf_payment"])
        assert close(body["parts"]["commercial"]["first_payment"], expect["commercial_payment"])
        assert close(body["first_payment"], expect["first_payment"])
    elif kind == "quota":
        applicant = {
            **WELL_OFF,
            **{k: v for k, v in case.items() if k not in ("kind", "expect", "source", "tolerance")},
        }
        applicant["date"] = str(applicant["date"])
        body = answer(post, "/api/v1/quota", applicant)
        for key, value in expect.items():
            assert close(body[key], value), (key, body[key], value, body["notes"])
    elif kind == "eligibility":
        applicant = {**APPLICANT, **{k: v for k, v in case.items() if k not in ("kind", "fail", "source")}}
        applicant["date"] = str(applicant["date"])
        body = answer(post, "/api/v1/eligibility", applicant)
        failed = [c["rule"] for c in body["checks"] if not c["passed"]]
        assert failed == ([case["fail"]] if case["fail"] else []), body["checks"]
        assert body["eligible"] is (case["fail"] is None)
    else:
        LATER_KINDS[kind](case, post, expect, tol)


def _repricing(case, post, expect, tol):
    body = answer(post, "/api/v1/repayment?schedule=false", _dated(case["loan"]))
    found = {
        "hpf": body["rate_periods"],
        "commercial": body.get("parts", {}).get("commercial", {}).get("rate_periods"),
    }
    for part, periods in expect.items():
        got = [[p["from_period"], p["annual_rate"], p["payment"]] for p in found[part]]
        assert [[g[0], float(g[1])] for g in got] == [[k, float(r)] for k, r, _ in periods], (part, got)
        for g, (_, _, payment) in zip(got, periods, strict=True):
            assert close(g[2], payment, tol), (part, g, payment, case["source"])


def _timeline(case, post, expect, tol):
    body = answer(post, "/api/v1/quota", {**case["applicant"], "timeline": True})
    got = [[e["version"], e["amount"], e["binding_cap"]] for e in body["timeline"]]
    assert got == [[str(v), a, c] for v, a, c in expect], got


def _comparison(case, post, expect, tol):
    body = answer(post, "/api/v1/repayment?schedule=false", _dated(case["loan"]))
    for key, value in expect.items():
        assert close(body["commercial_comparison"][key], value, tol), (key, body["commercial_comparison"])


def _per_10k_table(case, post, expect, tol):
    day = dt.date.fromisoformat(str(case["date"]))
    rows = {r.years: r for r in per_10k(default_policy().on(day))}
    for years, *columns in expect:
        r = rows[years]
        got = (r.installment[1], r.installment[2], r.principal_first[1], r.principal_first[2])
        for g, e in zip(got, columns, strict=True):
            assert close(g, e), (years, got, case["source"])


def _dated(loan: dict) -> dict:
    return {k: (str(v) if k == "date" else v) for k, v in loan.items()}


LATER_KINDS = {
    "repricing": _repricing,
    "timeline": _timeline,
    "comparison": _comparison,
    "per_10k_table": _per_10k_table,
}
