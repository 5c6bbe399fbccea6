"""Benchmarks: calculator callback round trips against a bare Dash no-op callback, and the batch
pre-check of 10,000 rows against parsing alone. Prints numbers; asserts nothing.

    .venv/bin/python bench/run.py [--requests 200]

Both servers run in subprocesses on loopback, one at a time, driven by the same client loop.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from servers import free_port, start  # noqa: E402


def serve(script: Path):
    env = {**os.environ, "PORT": str(free_port()), "RATELIMIT_ENABLED": "0"}  # one client, many requests
    return start([sys.executable, str(script)], env, ready=("/", "/_dash-dependencies"))


def post(base: str, body: dict) -> float:
    data = json.dumps(body).encode()
    request = urllib.request.Request(
        base + "/_dash-update-component", data=data, headers={"Content-Type": "application/json"}
    )
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
        assert response.status == 200
    return (time.perf_counter() - start) * 1000


# The output spec of each form's main callback as the server lists it (/_dash-dependencies):
# outputs that allow duplicates carry a hash Dash makes, so they are learned, not written here.
OUTPUT_SPECS: dict[str, str] = {}


def learn_outputs(base: str) -> None:
    with urllib.request.urlopen(base + "/_dash-dependencies", timeout=30) as r:
        for dep in json.loads(r.read()):
            for form in ("quota", "repayment"):
                if dep["output"].startswith(f'..{{"form":"{form}","name":["ALL"],"type":"feedback"}}'):
                    OUTPUT_SPECS[form] = dep["output"]


def _outputs(output: str, form: str, names: list[str], wan: list[str]) -> list:
    """The renderer's ``outputs`` for an output spec: a list per ALL-pattern output."""
    out = []
    for part in output[2:-2].split("..."):
        spec_id, prop = part.rsplit(".", 1)
        prop = prop.split("@")[0]
        if spec_id.startswith("{"):
            kind = json.loads(spec_id)["type"]
            shown = wan if kind == "echo" else names
            out.append([{"id": {"form": form, "name": n, "type": kind}, "property": prop} for n in shown])
        else:
            out.append({"id": spec_id, "property": prop})
    return out


def _wan(specs) -> list[str]:
    """The 万元 fields of a form: each has an echo (its yuan figure) beside it."""
    return [s.name for s in specs if s.unit == "wan"]


def pattern_body(
    form: str, values: dict, output: str, wan: list, extra_inputs=(), state=None, lang="zh"
) -> dict:
    """A /_dash-update-component body for a callback over a form's ALL-pattern fields, in the
    order the callback declares its state (``state``: "ids", "lang", "feedback")."""
    ids = [{"form": form, "name": n, "type": "field"} for n in values]
    parts = {
        "ids": [{"id": i, "property": "id", "value": i} for i in ids],
        "lang": {"id": f"{form}-lang", "property": "data", "value": lang},
        "auto_rate": {"id": f"{form}-auto-rate", "property": "data", "value": "2.6"},
        "feedback": [{"id": {**i, "type": "feedback"}, "property": "children", "value": None} for i in ids],
    }
    return {
        "output": output,
        "outputs": _outputs(output, form, list(values), [n for n in wan if n in values]),
        "inputs": [
            [{"id": i, "property": "value", "value": v} for i, v in zip(ids, values.values(), strict=False)],
            *extra_inputs,
        ],
        "changedPropIds": [json.dumps(ids[0], separators=(",", ":"), sort_keys=True) + ".value"],
        "state": [parts[k] for k in (state or ("ids", "lang"))],
    }


def _form_values(names, given: dict) -> dict:
    """Every field the form has, in its order (the callback guard checks the ids are the form's
    own), the ones not ``given`` left blank as a visitor leaves them."""
    return {n: given.get(n, "") for n in names}


def quota_body(i: int = 0):
    from components.applicant_form import FIELDS, NAMES, NOT_ASKED

    given = {
        "date": "",
        "category": "standard",
        "age": "30",
        "contribution_months": "24",
        "account_balance": str(50000 + i),
        "monthly_income": "12000",
        "house_price": "100",
        "cash": "",
        "home_number": "1",
        "monthly_debt": "0",
        "term_years": "",
        "co_borrower": False,
        "account_status": "normal",
        "children": "",
        "fund_city": "zhuzhou",
        "local_hukou": "",
    }
    values = _form_values([n for n in NAMES if n not in NOT_ASKED.get("quota", ())], given)
    output = OUTPUT_SPECS["quota"]  # learn_outputs(base) first: the server lists its outputs
    return pattern_body("quota", values, output, _wan(FIELDS), state=("ids", "feedback", "lang"))


def _repayment_specs():
    import datetime as dt

    from components.repayment_form import form_fields

    return form_fields(dt.date(2026, 11, 27))


def _repayment_values(i: int) -> dict:
    names = [s.name for s in _repayment_specs()]
    # a different loan each request, so nothing is served from the schedule cache
    return _form_values(
        names,
        {
            "principal": f"{60 + i / 100:.2f}",
            "months": "360",
            "home_number": "1",
            "annual_rate": "3.1",
            "method": "equal_installment",
            "start_month": "2027-01",
            "house_price": "",
            "down_payment_percent": "",
            "commercial_principal": "",
            "commercial_months": "",
            "commercial_bps": "",
            "commercial_rate": "",
            "prepayment_month": "24",
            "prepayment_amount": "10",
            "prepayment_mode": "shorten_term",
            "prepayment_by": "period",
        },
    )


def repayment_body(i: int = 0):
    """The numbers: summary, both methods, three prepayment modes, the result bar."""
    values = _repayment_values(i)
    wan = _wan(_repayment_specs())
    return pattern_body(
        "repayment",
        values,
        OUTPUT_SPECS["repayment"],
        wan,
        extra_inputs=[{"id": "repayment-scenarios", "property": "data", "value": []}],
        state=("ids", "lang", "auto_rate", "feedback"),
    )


def repayment_details_body(i: int = 0):
    """After the numbers: the yearly schedule (its own callback)."""
    return pattern_body(
        "repayment",
        _repayment_values(i),
        "..repayment-schedule.children...repayment-schedule-caption.children..",
        [],
        extra_inputs=[{"id": "repayment-view", "property": "value", "value": "yearly"}],
        state=("ids", "lang", "auto_rate"),
    )


def bare_body(i: int = 0):
    return {
        "output": "y.children",
        "outputs": {"id": "y", "property": "children"},
        "inputs": [{"id": "x", "property": "value", "value": "2"}],
        "changedPropIds": ["x.value"],
    }


def measure(base: str, make_body, n: int) -> dict:
    for i in range(10):  # warm up
        post(base, make_body(10_000 + i))
    times = sorted(post(base, make_body(i)) for i in range(n))
    return {
        "median": statistics.median(times),
        "p95": times[int(0.95 * (n - 1))],
        "mean": statistics.fmean(times),
    }


def line(name: str, m: dict, baseline: dict | None = None) -> str:
    extra = f"  ({m['median'] / baseline['median']:.1f}x the no-op median)" if baseline else ""
    return f"{name:<42} median {m['median']:7.2f} ms   p95 {m['p95']:7.2f} ms{extra}"


def batch_rows(n: int) -> list[dict]:
    rows = []
    for i in range(n):
        rows.append(
            {
                "_row": i + 2,
                "name": f"client {i}",
                "age": 25 + i % 40,
                "contribution_months": i % 60,
                "account_balance": 5000 + (i * 137) % 200000,
                "monthly_income": 4000 + (i * 53) % 30000,
                "monthly_debt": (i * 7) % 3000,
                "house_price": 300000 + (i * 997) % 2000000,
                "home_number": 1 + i % 3,
                "category": ("standard", "high_level_talent", "multi_child_family", "recent_graduate")[i % 4],
                "term_years": "" if i % 5 else 40,
                "co_borrower": i % 2,
            }
        )
    return rows


def bench_batch(n: int = 10_000):
    from calculators import batch
    from calculators.applicant import parse_applicant
    from calculators.errors import ValidationError
    from serialize.precheck_report import precheck_row

    rows = batch_rows(n)
    today = dt.date(2026, 11, 27)
    start = time.perf_counter()
    for row in rows:
        try:
            parse_applicant({k: row.get(k) for k in batch.FIELDS}, for_quota=False, today=today)
        except ValidationError:
            pass
    parse_only = time.perf_counter() - start
    start = time.perf_counter()
    results = batch.run(rows, today=today)
    judged = time.perf_counter() - start
    start = time.perf_counter()
    serialised = [precheck_row(r, "zh") for r in results]
    shaped = time.perf_counter() - start
    print(f"batch pre-check, {n} rows (in process)")
    print(f"  baseline: parse the rows only          {parse_only * 1000:8.0f} ms")
    print(f"  parse + eligibility + quota + payment  {judged * 1000:8.0f} ms  ({n / judged:,.0f} rows/s)")
    print(f"  + messages for the table/CSV           {shaped * 1000:8.0f} ms")
    return rows, serialised


def bench_batch_api(base: str, rows: list[dict]):
    """The API runs a list this long as a job: 202 and a status URL, polled until it is done."""
    body = json.dumps(
        {"applicants": [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows]}
    ).encode()
    request = urllib.request.Request(
        base + "/api/v1/precheck", data=body, headers={"Content-Type": "application/json"}
    )
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        out = json.loads(response.read())
        accepted = time.perf_counter() - start
        status_url = out.get("status_url")
    while status_url:
        time.sleep(0.1)
        with urllib.request.urlopen(
            base + status_url if status_url.startswith("/") else status_url, timeout=30
        ) as response:
            out = json.loads(response.read())
            if response.status == 200:
                break
    elapsed = time.perf_counter() - start
    print(f"  POST /api/v1/precheck answered          {accepted * 1000:8.0f} ms")
    print(
        f"  ... until the rows are ready            {elapsed * 1000:8.0f} ms  ({out.get('count')} rows, "
        f"{out.get('summary')})"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; {args.requests} requests each\n")
    proc, base = serve(ROOT / "bench" / "bare_app.py")
    try:
        bare = measure(base, bare_body, args.requests)
    finally:
        proc.terminate()
    proc, base = serve(ROOT / "app.py")
    try:
        learn_outputs(base)
        quota = measure(base, quota_body, args.requests)
        repay = measure(base, repayment_body, args.requests)
        details = measure(base, repayment_details_body, args.requests)
        print("callback round trips (HTTP POST /_dash-update-component on loopback)")
        print(line("bare Dash app, no-op callback (baseline)", bare))
        print(line("quota page: quota + eligibility + layout", quota, bare))
        print(line("repayment numbers: 2 methods, 3 prepay modes", repay, bare))
        print(line("repayment charts + yearly schedule", details, bare) + "\n")
        rows, _ = bench_batch()
        bench_batch_api(base, rows)
    finally:
        proc.terminate()


if __name__ == "__main__":
    main()
