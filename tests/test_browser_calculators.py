"""Calculator pages driven like a person would: type, read, share, download, upload."""

from pathlib import Path

import pytest

from tests.conftest import wait_file

pytestmark = pytest.mark.browser

PHONE = 390


def long_list(folder: Path, rows: int) -> Path:
    """A client list of ``rows`` made-up clients (the benchmark's generator), as a CSV file."""
    import csv
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from run import batch_rows

    path = folder / "long.csv"
    columns = [
        "name",
        "age",
        "contribution_months",
        "account_balance",
        "monthly_income",
        "house_price",
        "home_number",
        "category",
    ]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in batch_rows(rows):
            writer.writerow([row[c] for c in columns])
    return path


def test_quota_updates_as_you_type_and_link_reproduces(browser):
    browser.open("/calculators/quota?date=2026-11-27")
    browser.wait_for("#quota-amount", text="75 万元")
    assert "卡住额度的是：账户余额倍数" in browser.text("#quota-binding")
    browser.type_into("quota", "account_balance", "6")  # 万元, as the price: "5" is never 5 元
    browser.wait_for("#quota-amount", text="80 万元")
    assert "account_balance=60000" in browser.d.current_url
    link = browser.find("#quota-share-url").get_attribute("value")
    assert link == browser.d.current_url
    # the binding cap row is highlighted, every cap shown side by side
    assert len(browser.find_all("#quota-caps tbody tr")) == 4
    assert browser.find_all("#quota-caps tr.binding")
    browser.full_shot("quota-zh-desktop")
    # open the shared link fresh: same result
    browser.open(link.replace(browser.base, ""))
    browser.wait_for("#quota-amount", text="80 万元")
    assert browser.field("quota", "account_balance").get_attribute("value") == "6"
    assert browser.console_errors() == [] and browser.outside_requests() == []


def test_quota_says_what_to_bring_and_what_the_cash_affords(browser):
    browser.open("/calculators/quota?date=2026-11-27", width=390, height=844)
    browser.wait_for("#quota-amount", text="75 万元")
    # the balance binds on an assumed ×15: the headline gives the ×10–×20 range
    assert "500,000 元 至 800,000 元" in browser.text("#quota-assumption")
    assert "首付 25 万元" in browser.text("#quota-down-hpf")  # 100 万 − 75 万
    browser.type_into("quota", "cash", "30")
    browser.wait_for("#quota-afford-price", text="105 万元")
    assert "公积金贷款 75 万元，首付 30 万元" in browser.text("#quota-afford-parts")
    assert "cash=300000" in browser.d.current_url
    assert browser.field("quota", "cash").get_attribute("value") == "30"
    assert browser.overflowing() == [] and browser.console_errors() == []


def test_quota_under_earlier_policy(browser):
    browser.open("/calculators/quota?account_balance=500000&date=2022-03-01")
    browser.wait_for("#quota-amount", text="40 万元")
    assert "2022年4月1日前" in browser.text(".policy-version")
    browser.open("/calculators/quota?account_balance=500000&date=2022-04-01")
    browser.wait_for("#quota-amount", text="60 万元")


def test_quota_bad_input_message_next_to_field_and_values_kept(browser):
    browser.open("/calculators/quota?lang=en")
    browser.wait_for("#quota-amount")
    browser.type_into("quota", "age", "abc")
    browser.wait_feedback("quota", "age", "whole number")
    assert browser.feedback("quota", "age") == "Please enter a whole number."
    assert browser.field("quota", "age").get_attribute("value") == "abc"
    assert browser.field("quota", "account_balance").get_attribute("value") == "5"  # 万元
    browser.open("/calculators/quota?lang=en&age=50&term_years=25")
    browser.wait_feedback("quota", "term_years", "longest term is 15 years")
    assert browser.console_errors() == []


def test_quota_use_amount_prefills_repayment(browser):
    browser.open("/calculators/quota")
    browser.wait_for("#quota-amount", text="75 万元")
    browser.click("#quota-use-amount")
    browser.wait_for("#repayment-payment")
    assert browser.field("repayment", "principal").get_attribute("value") == "75"
    assert browser.field("repayment", "annual_rate").get_attribute("value") == "2.6"


def test_eligibility_lists_each_rule_with_fix(browser):
    browser.open("/calculators/eligibility?contribution_months=3&age=50&term_years=25")
    browser.wait_for("#eligibility-verdict", text="2 项条件不符合")
    failed = browser.find_all('#eligibility-checks [data-passed="false"]')
    assert [f.get_attribute("data-rule") for f in failed] == ["contribution_months", "age_term"]
    assert "再连续缴存 3 个月" in failed[0].text
    browser.type_into("eligibility", "contribution_months", "12")
    browser.type_into("eligibility", "term_years", "15")
    browser.wait_for("#eligibility-verdict", text="各项条件都符合")
    browser.full_shot("eligibility-zh")


def test_repayment_compares_methods_and_exports_csv(browser, tmp_path):
    browser.downloads_to(tmp_path)
    browser.open("/calculators/repayment?principal=600000&annual_rate=3.1&months=360&start_month=2027-01")
    browser.wait_for("#repayment-payment", text="2,562.10 元")
    compare = browser.find("#repayment-compare").text
    assert "3,216.67 元" in compare and "322,355.04 元" in compare
    assert len(browser.find_all("#repayment-table tbody tr")) == 30  # yearly view
    browser.d.execute_script("document.querySelector('#repayment-view input[value=monthly]').click()")
    browser.wait_idle()
    assert len(browser.find_all("#repayment-table tbody tr")) == 360
    browser.click("#repayment-csv")
    path = wait_file(tmp_path, ".csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and not raw[3:].startswith(b"sep=")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("期数,年月,月供,本金,利息")
    assert lines[1] == "1,2027-01,2562.10,1012.10,1550.00,0.00,598987.90"
    assert lines[360].split(",")[-1] == "0.00"
    assert browser.console_errors() == [] and browser.outside_requests() == []


def test_repayment_prepayment_and_combination(browser):
    browser.open(
        "/calculators/repayment?principal=600000&annual_rate=3.1&months=360"
        "&prepayment_month=24&prepayment_amount=100000&lang=en"
    )
    browser.wait_for("#repayment-prepay")
    saved = browser.find('#repayment-prepay [data-mode="shorten_term"][data-row="interest_saved"]').text
    assert saved == "¥113,553.52"
    assert (
        browser.find('#repayment-prepay [data-mode="pay_off"][data-row="next_payment"]').text
        == "Nothing left to pay"
    )
    browser.full_shot("repayment-en-prepay")
    browser.open(
        "/calculators/repayment?principal=600000&annual_rate=2.6&months=360&commercial_principal=400000"
    )
    browser.wait_for("#repayment-combo")
    assert "3.5%" in browser.text("#repayment-combo")
    browser.type_into("repayment", "principal", "-5")
    browser.wait_feedback("repayment", "principal", "万元")


def test_precheck_upload_with_a_bad_row(browser, tmp_path):
    browser.downloads_to(tmp_path / "out")
    clients = tmp_path / "clients.csv"
    clients.write_text(
        "客户,借款人年龄,连续缴存月数,公积金账户余额,家庭月收入,房屋总价,第几套住房\n"
        "张三,30,24,5万,12000,100万,1\n"
        "李四,abc,24,50000,12000,1000000,1\n"
        "王五,45,3,20000,8000,800000,2\n",
        encoding="utf-8-sig",
    )
    browser.open("/precheck")
    browser.find("#precheck-upload input[type=file]").send_keys(str(clients))
    browser.wait_for("#precheck-table", timeout=20)
    rows = browser.find_all("#precheck-table tbody tr")
    assert [r.get_attribute("data-status") for r in rows] == ["eligible", "error", "not_eligible"]
    assert "75 万元" not in rows[0].text and "750,000.00 元" in rows[0].text
    assert "借款人年龄" in rows[1].text and "整数" in rows[1].text
    assert "1 位符合条件" in browser.text("#precheck-summary")
    browser.full_shot("precheck-zh")
    browser.click("#precheck-csv")
    out = wait_file(tmp_path / "out", ".csv")
    text = out.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")
    lines = text.decode("utf-8-sig").splitlines()
    assert len(lines) == 4 and lines[1].startswith("2,张三,30,24,5万,12000,100万,1,符合,750000.00")


def test_precheck_rejects_unknown_file(browser, tmp_path):
    junk = tmp_path / "notes.pdf"
    junk.write_bytes(b"%PDF-1.4 junk")
    browser.open("/precheck?lang=en")
    browser.find("#precheck-upload input[type=file]").send_keys(str(junk))
    browser.wait_for("#precheck-status", text="Only CSV or Excel")
    assert "Only CSV or Excel" in browser.text("#precheck-status")
    assert not browser.find_all("#precheck-table")  # nothing was read


@pytest.mark.parametrize(
    "path,name",
    [
        ("/calculators/quota", "quota-zh-phone"),
        ("/calculators/repayment?lang=en&prepayment_month=12&prepayment_amount=50000", "repayment-en-phone"),
        ("/calculators/eligibility?lang=en", "eligibility-en-phone"),
        ("/precheck", "precheck-zh-phone"),
    ],
)
def test_calculators_at_phone_width(browser, path, name):
    browser.open(path, width=PHONE, height=844)
    browser.wait_idle()
    assert browser.overflowing() == []
    browser.full_shot(name, width=PHONE)


@pytest.mark.parametrize(
    "path", ["/calculators/quota", "/calculators/eligibility", "/calculators/repayment", "/precheck"]
)
def test_every_input_has_a_label(browser, path):
    browser.open(path + "?lang=en")
    unlabeled = browser.d.execute_script("""
        return Array.from(document.querySelectorAll('main input, main select'))
          .filter(e => e.type !== 'hidden' && e.type !== 'file')
          .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
          .map(e => e.id || e.name || e.outerHTML.slice(0, 80));""")
    assert unlabeled == []


def test_keyboard_reaches_the_form_and_result_updates(browser):
    from selenium.webdriver.common.keys import Keys

    browser.open("/calculators/quota")
    browser.wait_for("#quota-amount", text="75 万元")
    browser.field("quota", "age").click()
    active = browser.d.switch_to.active_element
    active.send_keys(Keys.TAB)  # age -> contribution months
    assert browser.d.switch_to.active_element.get_attribute("id") == browser.field(
        "quota", "contribution_months"
    ).get_attribute("id")
    browser.d.switch_to.active_element.send_keys(Keys.TAB)  # -> account balance
    focused = browser.d.switch_to.active_element
    focused.send_keys(Keys.CONTROL, "a")
    focused.send_keys("40000")
    browser.wait_for("#quota-amount", text="60 万元")


def test_precheck_too_large_file_says_so(browser, tmp_path):
    big = tmp_path / "huge.csv"
    big.write_bytes(b"age\n" + b"30\n" * 800_000)  # 2.4 MB, over the 2 MiB default
    browser.open("/precheck?lang=en")
    browser.find("#precheck-upload input[type=file]").send_keys(str(big))
    warning = browser.wait_for("#precheck-size-warning")
    assert "too large" in warning.text and "2048 KB" in warning.text


def test_precheck_long_list_shows_progress_then_first_rows(browser, tmp_path):
    path = long_list(tmp_path, 1500)
    browser.open("/precheck?lang=en")
    # the bar may come and go within a second: record whether it ever appeared
    browser.d.execute_script("""
        window.sawProgress = false;
        new MutationObserver(() => { if (document.querySelector('#precheck-progress')) window.sawProgress = true; })
          .observe(document.body, {childList: true, subtree: true});""")
    browser.find("#precheck-upload input[type=file]").send_keys(str(path))
    browser.wait_for("#precheck-table", timeout=60)
    assert browser.d.execute_script("return window.sawProgress")
    assert len(browser.find_all("#precheck-table tbody tr")) == 500
    assert "first 500 rows" in browser.body_text()
    assert "1500 clients" in browser.text("#precheck-summary")


def test_precheck_cancel_stops_the_job_with_a_message(browser, tmp_path):
    path = long_list(tmp_path, 20000)
    browser.open("/precheck")
    browser.find("#precheck-upload input[type=file]").send_keys(str(path))
    cancel = browser.wait_for("#precheck-cancel", timeout=30)
    cancel.click()
    browser.until(lambda: "已取消" in browser.text("#precheck-status"), 15, browser.text("#precheck-status"))
    # the job is gone: the bar and the button go away, and Dash stops polling with no table
    browser.until(lambda: not browser.find("#precheck-cancel").is_displayed(), 10, "the cancel button stays")
    browser.wait_idle()
    assert browser.find_all("#precheck-table") == []
    assert browser.console_errors() == []
