"""Policy versions by date, pinned on both sides of every change; the LPR history; what a parameter says
of its source and start date; and file validation."""

import datetime as dt
import shutil
from decimal import Decimal

import pytest

from calculators.errors import ValidationError
from calculators.policy import POLICY_DIR, SOURCES_FILE
from calculators.policy_files import PolicyFileError, default_policy, load_policy

D = Decimal
P = default_policy()


def on(day: str):
    return P.on(dt.date.fromisoformat(day))


@pytest.mark.parametrize(
    "before,after,version",
    [
        ("2022-03-31", "2022-04-01", "2022-04-01"),
        ("2022-09-30", "2022-10-01", "2022-10-01"),
        ("2024-03-28", "2024-03-29", "2024-03-29"),
        ("2024-05-17", "2024-05-18", "2024-05-18"),
        ("2024-09-24", "2024-09-25", "2024-09-25"),
        ("2025-05-07", "2025-05-08", "2025-05-08"),
    ],
)
def test_version_changes_on_its_effective_date(before, after, version):
    assert on(before).id != version
    assert on(after).id == version


def test_ceilings_by_date():
    assert on("2022-03-31").value("ceiling_standard") == 400000
    assert on("2022-03-31").value("ceiling_standard_with_co_borrower") == 600000
    assert on("2022-04-01").value("ceiling_standard") == 600000
    assert on("2022-04-01").value("ceiling_high_level_talent") == 800000
    assert on("2024-03-29").value("ceiling_standard") == 700000
    assert on("2024-09-25").value("ceiling_standard") == 800000
    assert on("2026-11-27").value("ceiling_multi_child_family") == 1000000


def test_rates_by_date():
    assert on("2022-09-30").rate(1, 30) == D("3.25")
    assert on("2022-10-01").rate(1, 30) == D("3.10")
    assert on("2022-10-01").rate(2, 30) == D("3.575")
    assert on("2024-05-18").rate(1, 5) == D("2.35")
    assert on("2025-05-08").rate(1, 30) == D("2.60")
    assert on("2025-05-08").rate(2, 3) == D("2.525")


def test_categories_appear_with_their_version():
    assert not on("2022-03-31").knows_category("multi_child_family")
    assert on("2022-04-01").knows_category("multi_child_family")
    assert not on("2024-05-18").knows_category("recent_graduate")
    assert on("2024-09-25").knows_category("recent_graduate")


def test_parameters_remember_source_confidence_and_since():
    v = on("2025-06-01")
    assert v["ceiling_standard"].since == dt.date(2024, 9, 25)
    assert v["rate_first_home_long"].confidence == "official"
    assert v["balance_multiplier"].confidence == "assumption"
    assert v["income_ratio"].note["zh"] and v["income_ratio"].note["en"]


def test_date_before_first_version_is_a_field_error():
    with pytest.raises(ValidationError) as err:
        on("2010-01-01")
    assert err.value.errors[0].field == "date"


def test_lpr_default():
    assert P.lpr_on(dt.date(2026, 1, 1)) == D("3.50")
    assert P.lpr_on(dt.date(2022, 4, 1)) == D("4.60")


@pytest.fixture
def policy_copy(tmp_path):
    target = tmp_path / "policy"
    shutil.copytree(POLICY_DIR, target)
    return target


@pytest.mark.parametrize(
    "old,new,expected",
    [
        (
            "ceiling_standard: {value: 600000, source: seed_report}",
            "ceiling_standard: {value: lots, source: seed_report}",
            "2022-04-01.yaml (version 2022-04-01), field ceiling_standard",
        ),
        (
            "ceiling_standard: {value: 600000, source: seed_report}",
            "ceiling_standard: {value: 600000, source: nobody}",
            "unknown source",
        ),
        (
            "ceiling_standard: {value: 600000, source: seed_report}",
            "ceiling_typo: {value: 600000, source: seed_report}",
            "field ceiling_typo: unknown parameter",
        ),
        ("effective: 2022-04-01", "effective: 2022-04-02", "file name must be the effective date"),
    ],
)
def test_malformed_file_names_file_version_and_field(policy_copy, old, new, expected):
    path = policy_copy / "2022-04-01.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    with pytest.raises(PolicyFileError) as err:
        load_policy(policy_copy, SOURCES_FILE)
    assert "2022-04-01.yaml" in str(err.value) and expected in str(err.value)


def test_first_version_must_set_every_parameter(policy_copy):
    path = policy_copy / "2015-08-26.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  min_age:", "  min_age_removed:"), encoding="utf-8")
    with pytest.raises(PolicyFileError, match="min_age"):
        load_policy(policy_copy, SOURCES_FILE)


def test_broken_yaml_names_the_file(policy_copy):
    (policy_copy / "2024-05-18.yaml").write_text("effective: [unclosed", encoding="utf-8")
    with pytest.raises(PolicyFileError, match="2024-05-18.yaml"):
        load_policy(policy_copy, SOURCES_FILE)


@pytest.mark.parametrize(
    "day,rate",
    [
        ("2024-08-01", 3.85),
        ("2023-07-01", 4.20),
        ("2020-06-01", 4.65),
        ("2019-12-01", 4.80),
        ("2019-08-20", 4.85),
        ("2022-08-22", 4.30),
        ("2024-10-21", 3.60),
        ("2026-11-27", 3.50),
    ],
)
def test_lpr_on_date(client, day, rate):
    body = client.get(f"/api/v1/policy?date={day}").get_json()
    assert body["lpr_5y"]["value"] == rate
    assert body["lpr_5y"]["source"]["id"] == "lpr_notices" and body["lpr_5y"]["effective"] <= day


def test_no_lpr_before_august_2019(client):
    body = client.get("/api/v1/policy?date=2019-01-01&lang=en").get_json()["lpr_5y"]
    assert body["value"] is None and "no Loan Prime Rate before 2019-08-20" in body["message"]
    assert body["benchmark"]["value"] == 4.90 and body["benchmark"]["effective"] == "2015-10-24"


def test_every_lpr_entry_names_its_source():
    policy = default_policy()
    assert len(policy.lpr) == 12
    assert all(r.source.id == "lpr_notices" for r in policy.lpr)
    assert policy.benchmark.source.id == "pboc_benchmark_2015"


def test_pre_2022_ceilings_known_only_before_2022_04_01(client):
    params = client.get("/api/v1/policy?date=2021-01-01").get_json()["parameters"]
    for name in (
        "ceiling_standard",
        "ceiling_high_level_talent",
        "ceiling_standard_with_co_borrower",
        "local_hukou_required_for_nonlocal",
    ):
        assert params[name]["since"] is None and params[name]["since_known"] is False
        assert params[name]["until"] == "2022-04-01"
    from components.badges import since_text

    v = default_policy().on(dt.date(2021, 1, 1))
    assert since_text(v["ceiling_standard"], "zh").startswith("2022-04-01 之前")


def test_second_home_rates_held_since_2015():
    v = default_policy().on(dt.date(2023, 1, 1))
    assert v["rate_second_home_long"].since == dt.date(2015, 8, 26)
    assert v["rate_first_home_long"].since == dt.date(2022, 10, 1)


def test_assumed_start_dates_say_so():
    from components.badges import since_text

    v = default_policy().on(dt.date(2026, 1, 1))
    for name in ("max_term_years", "min_contribution_months"):
        assert v[name].since_assumed
        assert "本站假定" in since_text(v[name], "zh") and "assumed" in since_text(v[name], "en")


def test_the_about_page_lists_every_assumption_of_every_version(client):
    """Issue 25: the list is generated from the policy data, earlier versions included (the 80 %
    loan-to-value before 2024 and the assumed start of the 2024-03-29 ceilings among them)."""
    import re

    from calculators.policy_files import default_policy

    page = client.get("/about").get_data(as_text=True)
    listed = set(re.findall(r'data-param="([a-z_]+)" data-since="([0-9-]+)"', page))
    expected = {
        (p.name, p.since.isoformat())
        for v in default_policy().versions
        for p in v.parameters.values()
        if p.confidence == "assumption" or p.since_assumed
    }
    assert expected and listed == expected
    assert ("ltv_first_home", "2015-08-26") in listed and ("ceiling_standard", "2024-03-29") in listed


def test_the_history_table_marks_assumed_cells_in_the_cell(client):
    """Issue 25: the 80 % loan-to-value before 2024 is an estimate, said in its cell, not only in
    a tooltip; the 2024-03-29 figures say their start date is assumed, in the row they start."""
    import re

    page = client.get("/policy").get_data(as_text=True)
    table = page[page.index('id="policy-history-table"') :]
    rows = dict(re.findall(r'data-version="([0-9-]+)">(.*?)</tr>', table, re.S))
    assert "本站估计" in rows["2015-08-26"] and "本站估计" in rows["2022-10-01"]
    assert (
        "起始日期为本站假定" in rows["2024-03-29"]
        and "起始日期为本站假定" not in rows["2024-05-18"].split("80 万元")[0]
    )


def test_a_2024_version_does_not_cite_the_2022_report_for_its_category_ceilings():
    """Issue 25: the 2024-03-29 document names one ceiling of 700,000 and nothing of the category
    ceilings; that the 800,000 of 2022 still applied is the site's assumption, said as one."""
    import datetime as dt

    from calculators.policy_files import default_policy

    for day in (dt.date(2024, 4, 1), dt.date(2024, 6, 1)):
        version = default_policy().on(day)
        for name in ("ceiling_high_level_talent", "ceiling_multi_child_family"):
            assert version.value(name) == 800000
            assert version[name].confidence == "assumption" and version[name].source.id != "seed_report"
    assert default_policy().on(dt.date(2023, 1, 1))["ceiling_high_level_talent"].source.id == "seed_report"
