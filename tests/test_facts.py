"""Data files: validated at start-up, problems named by file, row and column; figures as published."""
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
    path = _broken(tmp_path, "statistics.csv", "contributors,2012,21.89,wan_people,,point,seed_report",
                   "contributors,2012,21.89,wan_people,,point,a_blog")
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
    policy.write_text(policy.read_text(encoding="utf-8").replace("value: 2.35", "value: high"), encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", "import app"], cwd=copy, capture_output=True, text=True, timeout=60)
    assert run.returncode != 0
    assert "2024-05-18.yaml (version 2024-05-18), field rate_first_home_short" in run.stderr
