"""Which fund figures lead a page: the latest year published for each headline metric first, the
2022 anniversary figures after them as history. Chosen from the data, so a new year's row in
data/statistics.csv moves to the top by itself."""

from __future__ import annotations

from facts.statistics import Figure, figure, series

LATEST_METRICS = (
    "contributors",
    "annual_collection",
    "withdrawals",
    "loans_issued",
    "outstanding_loans",
    "new_contributors",
)
HISTORY = (
    ("contributors", "2022"),
    ("cumulative_contributions", "2022"),
    ("annual_collection", "2022"),
    ("loans_total", "2022"),
    ("withdrawals", "2022"),
    ("value_added_income", "2022"),
    ("loan_to_deposit_ratio", "2022"),
    ("loan_households", "2002-2022"),
    ("floor_area_financed", "2002-2022"),
    ("withdrawals_cumulative", "2002-2022"),
)


def latest() -> list[Figure]:
    """The newest yearly figure of each headline metric that has one."""
    out = []
    for metric in LATEST_METRICS:
        items = series(metric)
        if items:
            out.append(items[-1])
    return out


def latest_year() -> int:
    return max(f.year for f in latest())


def history(limit: int | None = None) -> list[Figure]:
    return [figure(m, p) for m, p in HISTORY[:limit]]
