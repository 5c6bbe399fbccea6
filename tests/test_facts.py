"""Data files: validated at start-up, problems named by file, row and column; figures as published."""

import csv
import re
import shutil

import pytest

from calculators.policy import DATA_DIR
from facts import branches as branches_mod
from facts import milestones as milestones_mod
from facts import statistics as stats_mod
from facts.schema import DataFileError


def test_inconsistent_2012_figure_is_kept_with_a_note():
    f = stats_mod.figure("cumulative_contributions", "2012")
    assert f.value == 7.19 and "21.83" in f.note["zh"] and "inconsistent" in f.note["en"]


def test_derived_and_lower_bound_figures_are_marked():
    assert stats_mod.figure("annual_collection", "2021").derived
    assert stats_mod.figure("annual_collection", "2020").qualifier == ">"
    assert not stats_mod.figure("annual_collection", "2022").derived


def test_series_only_has_published_years():
    assert [f.year for f in stats_mod.series("contributors")] == [2012, 2022, 2025]


def test_every_row_names_a_known_source():
    for f in stats_mod.figures():
        assert f.source.id and f.confidence in ("seed", "official", "secondary", "assumption")
    for m in milestones_mod.milestones():
        assert m.event["zh"] and m.event["en"]
    assert {b.kind for b in branches_mod.branches()} == {"hq", "department", "service_area"}
    assert sum(b.kind == "department" for b in branches_mod.branches()) == 9


def test_statistics_csv_download_link(client):
    r = client.get("/downloads/statistics.csv")
    assert r.data.startswith("\ufeff".encode("utf-8"))
    text = r.data.decode("utf-8-sig")
    assert "缴存人数,contributors,2022,37.18" in text and not text.startswith("sep=")
    en = client.get("/downloads/statistics.csv?lang=en").data.decode("utf-8-sig")
    assert en.splitlines()[0].startswith("Figure,Code,Year")


# The seed report (data/sources.yaml: seed_report, 株洲晚报 2022-12, the centre's 20th anniversary) is
# not in the repository. Each figure and branch below was checked against its text, as written there
# or in 万 for 亿 figures; a row marked seed that differs from these must be checked there again.
SEED_FIGURES = {
    ("contributors", "2012"): "21.89",
    ("contributors", "2022"): "37.18",
    ("cumulative_contributions", "2012"): "7.19",
    ("cumulative_contributions", "2022"): "514.17",
    ("annual_collection", "2002"): "1.3",
    ("annual_collection", "2012"): "21.83",
    ("annual_collection", "2020"): "50",
    ("annual_collection", "2022"): "59.11",
    ("annual_collection_growth", "2022"): "6.61",
    ("loans_total", "2002"): "1.73",
    ("loans_total", "2012"): "73.28",
    ("loans_total", "2022"): "311.61",
    ("loan_households", "2002-2022"): "11.68",
    ("floor_area_financed", "2002-2022"): "1476.03",
    ("overdue_rate", "2022"): "0",
    ("loan_to_deposit_ratio", "2022"): "73.09",
    ("withdrawals", "2002"): "0.37",
    ("withdrawals", "2012"): "9.699230",
    ("withdrawals", "2022"): "34.93",
    ("withdrawal_count", "2002"): "6171",
    ("withdrawal_count", "2012"): "45263",
    ("withdrawals_cumulative", "2002-2022"): "285.17",
    ("withdrawal_count_cumulative", "2002-2022"): "140.24",
    ("value_added_income", "2022"): "4.13",
    ("value_added_income_cumulative", "2002-2022"): "29.43",
    ("lowrent_housing_funds_cumulative", "2002-2022"): "18.25",
    ("management_departments", "2022"): "9",
    ("service_outlets", "2022"): "10",
    ("no_trip_settlements", "2022"): "6548",
    ("online_share", "2022"): "85",
    ("face_recognition_services", "2022"): "16",
    ("online_visits", "2022"): "259",
    ("online_transactions", "2022"): "1.8",
    ("off_counter_rate", "2022"): "70",
    ("covid_deferred_employers", "2022"): "21",
    ("covid_deferred_employees", "2022"): "4472",
    ("covid_deferred_amount", "2022"): "1733.36",
    ("covid_loans_not_overdue", "2022"): "1207",
}
SEED_BRANCHES = {  # name as the report gives it (before any bracket), address without its district
    "hq": ("株洲市住房公积金管理中心", "泰山路220号"),
    "lukou": ("株洲县管理部", ""),
    "yanling": ("炎陵县管理部", ""),
    "liling": ("醴陵市管理部", ""),
    "chaling": ("茶陵县管理部", ""),
    "youxian": ("攸县管理部", ""),
    "hetang": ("荷塘管理部", "红旗中路238号东方时代广场"),
    "tianyuan": ("天元管理部", "黄河南路"),
    "shifeng": ("石峰管理部", "红旗北路348号凯风珑城"),
    "lusong": ("芦淞管理部", ""),
}


def test_seed_rows_are_the_figures_checked_against_the_report():
    """A figure marked seed claims to be the report's own: none may change or appear unchecked."""
    rows = csv.DictReader((DATA_DIR / "statistics.csv").open(encoding="utf-8"))
    seed = {
        (r["metric"], r["period"]): r["value"]
        for r in rows
        if r["confidence"] == "seed" and r["derived"] != "true"
    }
    assert seed == SEED_FIGURES
    branches = {
        r["id"]: r
        for r in csv.DictReader((DATA_DIR / "branches.csv").open(encoding="utf-8"))
        if r["confidence"] == "seed"
    }
    assert {
        i: (re.split("[（(]", r["name_zh"])[0], re.sub(r"^\S+?[区县市]", "", r["address_zh"]))
        for i, r in branches.items()
    } == SEED_BRANCHES
    assert not any(
        "原中心办公大楼" in r["address_zh"] for r in branches.values()
    )  # an inference, not the report


def _broken(tmp_path, name, old, new):
    target = tmp_path / name
    shutil.copy(DATA_DIR / name, target)
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def test_bad_statistics_value_names_file_row_and_column(tmp_path):
    path = _broken(tmp_path, "statistics.csv", "contributors,2022,37.18", "contributors,2022,lots")
    with pytest.raises(DataFileError, match=r"statistics.csv, row 3, column value"):
        stats_mod.figures.__wrapped__(path)


def test_bad_milestone_category(tmp_path):
    path = _broken(tmp_path, "milestones.csv", "2010,reforms_policy", "2010,gossip")
    with pytest.raises(DataFileError, match=r"milestones.csv, row \d+, column category"):
        milestones_mod.milestones.__wrapped__(path)


def test_branch_outside_zhuzhou(tmp_path):
    path = _broken(tmp_path, "branches.csv", "26.49288,113.77147", "39.9,116.4")
    with pytest.raises(DataFileError, match=r"branches.csv, row \d+, column lat/lon"):
        branches_mod.branches.__wrapped__(path)


def test_unknown_source(tmp_path):
    path = _broken(
        tmp_path,
        "statistics.csv",
        "contributors,2012,21.89,wan_people,,point,seed_report",
        "contributors,2012,21.89,wan_people,,point,a_blog",
    )
    with pytest.raises(DataFileError, match="unknown source 'a_blog'"):
        stats_mod.figures.__wrapped__(path)


def test_app_refuses_to_start_on_a_bad_file(tmp_path):
    """The real start-up path: a broken policy file stops `import app` with the file named."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    copy = tmp_path / "site"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".venv", ".git", ".artifacts", "__pycache__"))
    policy = copy / "data" / "policy" / "2024-05-18.yaml"
    policy.write_text(
        policy.read_text(encoding="utf-8").replace("value: 2.35", "value: high"), encoding="utf-8"
    )
    run = subprocess.run(
        [sys.executable, "-c", "import app"], cwd=copy, capture_output=True, text=True, timeout=60
    )
    assert run.returncode != 0
    assert "2024-05-18.yaml (version 2024-05-18), field rate_first_home_short" in run.stderr


def test_statistics_scope_and_qualifiers():
    rows = list(csv.DictReader((DATA_DIR / "statistics.csv").open(encoding="utf-8")))
    scope = {(r["metric"], r["period"]): r for r in rows}
    assert scope[("loans_total", "2002")]["scope"] == "unstated"
    assert scope[("loans_total", "2012")]["scope"] == "unstated"
    assert "株洲城区" in scope[("no_trip_settlements", "2022")]["note_zh"]


def test_history_lead_does_not_credit_the_report_with_everything():
    from i18n import t

    assert "2022年及以前的来自二十周年报道" not in t("zh", "history.lead")
