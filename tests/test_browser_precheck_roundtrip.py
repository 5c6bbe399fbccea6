"""Issue 16: a consultant's own spreadsheet, round trip. Upload a list with a title row, everyday
headers, a 客户编号 and a 备注 column and one bad cell; read the results; download the XLSX; fix
the cell in the downloaded file; upload it again; the row is judged."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import wait_file

pytestmark = pytest.mark.browser

HEADER = ["客户编号", "年龄", "连续缴存月数", "公积金余额", "月收入", "房价", "备注"]
CLIENTS = [
    ["K-001", 30, 24, 50000, 12000, "100万", "老客户，周五回电"],
    ["K-002", "约32", 24, 50000, 12000, "100万", "+1+1 回访"],
    ["K-003", 45, 3, 20000, 8000, "80万", None],
]


def _own_list(path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["2026年11月 客户名单"])
    sheet.append([])
    sheet.append(HEADER)
    for row in CLIENTS:
        sheet.append(row)
    book.save(path)
    return path


def _upload(browser, path):
    browser.find("#precheck-upload input[type=file]").send_keys(str(path))
    browser.wait_for("#precheck-table", timeout=30)
    browser.wait_idle()


def test_own_spreadsheet_round_trip(browser, tmp_path):
    from openpyxl import load_workbook

    browser.downloads_to(tmp_path / "out")
    browser.open("/precheck")
    _upload(browser, _own_list(tmp_path / "客户名单.xlsx"))
    rows = browser.find_all("#precheck-table tbody tr")
    assert [r.get_attribute("data-row") for r in rows] == ["4", "5", "6"]  # spreadsheet rows under the title
    assert [r.get_attribute("data-status") for r in rows] == ["eligible", "error", "not_eligible"]
    assert "K-002" in rows[1].text
    assert "借款人年龄：“约32” 不是整数，请填写如 32。" in rows[1].text
    read = {
        r.find_element("css selector", "td").text: r.find_element("css selector", "select").get_attribute(
            "value"
        )
        for r in browser.find_all("#precheck-columns-read tbody tr")
    }
    assert read == {
        "客户编号": "name",
        "年龄": "age",
        "连续缴存月数": "contribution_months",
        "公积金余额": "account_balance",
        "月收入": "monthly_income",
        "房价": "house_price",
        "备注": "none",
    }
    assert "第 3 行" in browser.text("#precheck-header-row")
    browser.full_shot("precheck-own-list-zh")
    browser.full_shot("precheck-own-list-zh-phone", width=390)
    assert browser.overflowing() == []
    browser.d.set_window_size(1280, 900)

    browser.click("#precheck-xlsx")
    download = wait_file(tmp_path / "out", ".xlsx")
    book = load_workbook(download)
    sheet = book.active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][:8] == ["行"] + HEADER  # the client's columns, in order, as written
    assert values[0][8:] == [
        "预审结论",
        "可贷额度",
        "卡住额度的一项",
        "月供（按额度）",
        "最长可贷年限",
        "年利率(%)",
        "政策版本",
        "说明",
    ]
    assert [v[:8] for v in values[1:]] == [
        [4, "K-001", 30, 24, 50000, 12000, "100万", "老客户，周五回电"],
        [5, "K-002", "约32", 24, 50000, 12000, "100万", "+1+1 回访"],  # as written, a string
        [6, "K-003", 45, 3, 20000, 8000, "80万", None],
    ]
    assert sheet.cell(row=3, column=8).data_type == "s"  # never a live formula
    assert [v[8] for v in values[1:]] == ["符合", "数据有误", "不符合"]
    assert "约32" in values[2][-1]

    sheet.cell(row=3, column=3).value = 32  # the consultant fixes the age in the downloaded file
    fixed = tmp_path / "fixed" / "客户名单-改.xlsx"
    fixed.parent.mkdir()
    book.save(fixed)
    shutil.rmtree(tmp_path / "out")
    browser.downloads_to(tmp_path / "out")
    _upload(browser, fixed)
    browser.wait_for('#precheck-table tr[data-row="3"]', timeout=30)
    rows = browser.find_all("#precheck-table tbody tr")
    assert [r.get_attribute("data-status") for r in rows] == ["eligible", "eligible", "not_eligible"]
    assert "上次预审的结果列" in browser.text("#precheck-columns-replaced")
    browser.full_shot("precheck-own-list-fixed-zh")

    browser.click("#precheck-xlsx")
    again = [
        [c.value for c in row]
        for row in load_workbook(wait_file(tmp_path / "out", ".xlsx")).active.iter_rows()
    ]
    assert again[0] == values[0]  # the same columns: the old results were replaced, not stacked
    assert again[2][:3] == [3, "K-002", 32] and again[2][8] == "符合"
    assert browser.console_errors() == []


def test_expired_results_say_so_on_the_download_buttons(
    browser, tmp_path, client
):  # client: the job store built
    import jobs

    browser.open("/precheck?lang=en")
    _upload(browser, _own_list(tmp_path / "list.xlsx"))
    for key in list(jobs.store.cache.iterkeys()):  # the job store's TTL passed (same JOB_DIR)
        if str(key).startswith("result:"):
            jobs.store.cache.delete(key)
    browser.click("#precheck-csv")
    alert = browser.wait_for("#precheck-expired")
    assert (
        "expired" in alert.text and "uploaded again" in alert.text and "Upload the list again" in alert.text
    )
    assert browser.find("#precheck-csv").get_attribute("disabled") is not None
    browser.full_shot("precheck-expired-en")
    browser.full_shot("precheck-expired-en-phone", width=390)
