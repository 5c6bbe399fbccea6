"""Load mix for bench/load.py: pages, calculator callbacks, API — and optionally a pre-check flood.

Visitors (weight 50) open pages, run the quota and repayment callbacks and call the API.
Flooders (only when FLOOD=1) post 20,000-row pre-checks as fast as they are answered.
Every simulated user is its own client: the server trusts one proxy (TRUSTED_PROXIES=1) and each
user sends its own X-Forwarded-For address (documentation ranges), so limits count per user.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
from pathlib import Path

from locust import HttpUser, between, task

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import OUTPUT_SPECS, learn_outputs, quota_body  # noqa: E402 - the micro-benchmark's bodies

REPAYMENT = json.dumps({"principal": 600000, "annual_rate": 3.1, "months": 360})
QUOTA = json.dumps(
    {
        "age": 30,
        "contribution_months": 24,
        "account_balance": 50000,
        "monthly_income": 12000,
        "house_price": 1000000,
    }
)
PAGES = ["/", "/calculators/quota", "/calculators/repayment", "/policy", "/statistics", "/precheck"]


def _big_csv(rows: int = 20_000) -> bytes:
    lines = ["name,age,contribution_months,account_balance,monthly_income,house_price"]
    lines += [
        f"c{i},{25 + i % 30},{12 + i % 100},{20000 + i},{8000 + i % 5000},{600000 + i}" for i in range(rows)
    ]
    return ("\n".join(lines) + "\n").encode()


_ADDRESSES = itertools.count(1)


class Client(HttpUser):
    abstract = True

    def on_start(self):
        n = next(_ADDRESSES)
        self.client.headers["X-Forwarded-For"] = f"198.51.{100 + n // 250}.{n % 250 + 1}"
        if "quota" not in OUTPUT_SPECS:  # the callback's outputs as this server lists them
            learn_outputs(self.host)


class Visitor(Client):
    weight = 50
    wait_time = between(0.5, 1.5)

    @task(3)
    def page(self):
        import random

        self.client.get(random.choice(PAGES), name="page")

    @task(3)
    def callback(self):
        self.client.post("/_dash-update-component", json=quota_body(), name="callback quota")

    @task(2)
    def api(self):
        self.client.post(
            "/api/v1/repayment?schedule=false",
            data=REPAYMENT,
            headers={"Content-Type": "application/json"},
            name="api repayment",
        )
        self.client.post(
            "/api/v1/quota", data=QUOTA, headers={"Content-Type": "application/json"}, name="api quota"
        )


class Flooder(Client):
    weight = 10 if os.environ.get("FLOOD") == "1" else 0
    fixed_count = 10 if os.environ.get("FLOOD") == "1" else 0
    wait_time = between(0, 0.1)
    data = _big_csv()

    @task
    def flood(self):
        with self.client.post(
            "/api/v1/precheck",
            files={"file": ("clients.csv", self.data, "text/csv")},
            name="flood precheck",
            catch_response=True,
            timeout=30,
        ) as r:
            if r.status_code in (200, 202, 429):
                r.success()  # refused with 429 is the site protecting itself, not an error
            if r.status_code == 429:  # as a real client would: wait as told (at most 5 s here)
                import time

                time.sleep(min(5.0, float(r.headers.get("Retry-After", "1"))))
