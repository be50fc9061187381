"""`kadev sales import` on real files: GBK and BOM CSVs, an openpyxl XLSX, re-imports, refusals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import git, invoke, snapshot

ERP_ROWS = [
    ["销售明细表 2026年10-11月", "", "", "", ""],
    ["客户名称", "单据日期", "产品名称", "数量", "价税合计"],
    ["无锡华光", "2026/10/03", "CK6150 数控车床", "2", "￥536,000.00"],
    ["无锡华光", "2026-10-21", "CK6150 数控车床", "1", "268,000.00"],
    ["中山恒通", "2026年11月5日", "HX-280 注塑机", "1", "330000"],
    ["中山恒通", "2026-11-09", "HX-280 注塑机", "-1", "(33,000.00)"],
    ["合计", "", "", "", "1,101,000.00"],
]


def write_csv(path: Path, rows: list[list[str]], encoding: str) -> Path:
    text = "\n".join(",".join(f'"{c}"' if "," in c else c for c in row) for row in rows) + "\n"
    path.write_bytes(text.encode(encoding))
    return path


def ledger(root: Path, month: str) -> list[str]:
    return (root / "_sales" / f"{month}.csv").read_text("utf-8").splitlines()


def test_gbk_csv_with_title_and_total_rows(repo: Path, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "erp.csv", ERP_ROWS, "gbk")
    result = invoke(repo, "sales", "import", str(source))
    assert result.exit_code == 0, result.stderr
    assert "gb18030/gbk" in result.stdout and "1 total row(s) skipped" in result.stdout
    october = ledger(repo, "2026-10")
    assert "huaguang,804000.00,,CK6150 数控车床,3" in october
    assert "hengtong,297000.00,,HX-280 注塑机,0" in ledger(repo, "2026-11")
    # rows of other accounts in those months are kept
    assert any(line.startswith("yongsheng,") for line in october)
    files = git(repo, "show", "--name-only", "--format=%s", "HEAD").split("\n")
    assert files[0] == ("sales: import erp.csv: 2026-10..2026-11, 2 accounts, revenue "
                        "¥1,101,000.00")
    assert sorted(f for f in files[1:] if f) == ["_sales/2026-10.csv", "_sales/2026-11.csv"]
    assert invoke(repo, "validate").exit_code == 0


def test_reimport_is_idempotent(repo: Path, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "erp.csv", ERP_ROWS, "utf-8-sig")
    assert invoke(repo, "sales", "import", str(source)).exit_code == 0
    before, head = snapshot(repo), git(repo, "rev-parse", "HEAD")
    again = invoke(repo, "sales", "import", str(source))
    assert again.exit_code == 0
    assert "utf-8 (BOM)" in again.stdout and "nothing written" in again.stdout
    assert snapshot(repo) == before and git(repo, "rev-parse", "HEAD") == head


def test_reimport_of_a_month_replaces_only_the_rows_it_brings(repo: Path,
                                                              tmp_path: Path) -> None:
    first = write_csv(tmp_path / "a.csv", [["客户", "日期", "产品", "金额"],
                                           ["华光", "2026-10-01", "P1", "100"],
                                           ["华光", "2026-10-02", "P2", "200"]], "utf-8")
    assert invoke(repo, "sales", "import", str(first)).exit_code == 0
    fix = write_csv(tmp_path / "b.csv", [["客户", "日期", "产品", "金额"],
                                         ["华光", "2026-10-15", "P1", "150"]], "utf-8")
    assert invoke(repo, "sales", "import", str(fix)).exit_code == 0
    october = ledger(repo, "2026-10")
    assert "huaguang,150.00,,P1," in october and "huaguang,200.00,,P2," in october


def test_xlsx_written_by_openpyxl_with_monthly_rows(repo: Path, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Customer", "Date", "Product", "Revenue", "Profit"])
    sheet.append(["huaguang", dt.datetime(2026, 9, 30), "Service", 1234.5, 300])
    sheet.append(["Hengtong", dt.datetime(2026, 9, 1), "Service", "¥2,000.00", "(100.00)"])
    path = tmp_path / "erp.xlsx"
    book.save(path)
    result = invoke(repo, "sales", "import", str(path), "--dry-run")
    assert result.exit_code == 0 and "dry run: nothing written" in result.stdout
    assert "xlsx" in result.stdout
    before = snapshot(repo)
    assert snapshot(repo) == before
    assert invoke(repo, "sales", "import", str(path)).exit_code == 0
    september = ledger(repo, "2026-09")
    assert "huaguang,1234.50,300.00,Service," in september
    assert "hengtong,2000.00,-100.00,Service," in september


def test_period_for_a_file_without_dates(repo: Path, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "m.csv", [["account", "amount"], ["huaguang", "5,000"]],
                       "utf-8")
    missing = invoke(repo, "sales", "import", str(source))
    assert missing.exit_code == 1 and "no date column found" in missing.stderr
    assert "--period YYYY-MM" in missing.stderr
    assert invoke(repo, "sales", "import", str(source), "--period", "2026-12").exit_code == 0
    assert ledger(repo, "2026-12") == ["account,revenue,profit,product,quantity",
                                       "huaguang,5000.00,,,"]


def test_malformed_rows_are_each_reported_and_nothing_is_written(repo: Path,
                                                                  tmp_path: Path) -> None:
    source = write_csv(tmp_path / "bad.csv", [["客户", "日期", "金额"],
                                              ["华光", "2026-02-30", "100"],
                                              ["华光", "2026-10-01", "12,34x"],
                                              ["", "2026-10-01", "5"]], "utf-8")
    before = snapshot(repo)
    result = invoke(repo, "sales", "import", str(source))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "bad.csv:2: date: impossible date '2026-02-30'",
        "bad.csv:3: amount: not an amount: '12,34x'",
        "bad.csv:4: empty customer",
    ]
    assert snapshot(repo) == before


def test_unknown_customers_refuse_the_import_with_closest_names(repo: Path,
                                                                 tmp_path: Path) -> None:
    source = write_csv(tmp_path / "u.csv", [["客户", "日期", "金额"],
                                            ["无锡华光汽车零部件公司", "2026-10-01", "100"],
                                            ["杭州新客户", "2026-10-01", "100"]], "utf-8")
    before = snapshot(repo)
    result = invoke(repo, "sales", "import", str(source))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("error: u.csv: 2 unknown customer(s); nothing imported.")
    assert lines[1].startswith("u.csv:2: unknown customer '无锡华光汽车零部件公司' (closest: "
                               "无锡华光汽车零部件有限公司")
    assert lines[2].startswith("u.csv:3: unknown customer '杭州新客户'")
    assert snapshot(repo) == before


def test_create_missing_makes_prospect_cards_in_the_same_commit(repo: Path,
                                                                tmp_path: Path) -> None:
    source = write_csv(tmp_path / "n.csv", [["客户", "日期", "金额"],
                                            ["杭州新客户机械有限公司", "2026-10-01", "100"]],
                       "utf-8")
    no_owner = invoke(repo, "sales", "import", str(source), "--create-missing")
    assert no_owner.exit_code == 1 and "needs --owner" in no_owner.stderr
    result = invoke(repo, "sales", "import", str(source), "--create-missing", "--owner", "zhang")
    assert result.exit_code == 0, result.stderr
    files = git(repo, "show", "--name-only", "--format=", "HEAD").split()
    assert sorted(files) == ["_sales/2026-10.csv", "hangzhouxinkehujixie/account.yaml"]
    assert invoke(repo, "validate").exit_code == 0


def test_bad_column_option_names_the_option(repo: Path, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "c.csv", [["客户", "日期", "金额"],
                                            ["华光", "2026-10-01", "1"]], "utf-8")
    result = invoke(repo, "sales", "import", str(source), "--amount-col", "销售额")
    assert result.exit_code == 1
    assert result.stderr.strip() == ("error: --amount-col '销售额': no such column in c.csv "
                                     "(columns: 客户, 日期, 金额)")
    missing_file = invoke(repo, "sales", "import", str(tmp_path / "nope.csv"))
    assert missing_file.exit_code == 1 and "no such file" in missing_file.stderr


def test_bulk_reader_gives_the_same_ledger_and_messages(repo: Path, tmp_path: Path,
                                                        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from kadev.store import sales_import

    rows = [["销售明细表", "", "", "", "", ""],
            ["客户名称", "单据日期", "产品名称", "数量", "价税合计", "毛利"],
            ["无锡华光", "2026/10/03", "P1", "2", "￥536,000.00", "(1,000.00)"],
            ["无锡华光", "2026-10-21", "P1", "1", "268000.005", "100"],
            ["中山恒通", "2026年11月5日", "P2", "1", "330000", ""],
            ["中山恒通", "20261109", "P2", "-1", "(33,000.00)", "-5"],
            ["huaguang", "2026.10.30", "", "", "12.5", ""],
            ["", "", "", "", "", ""],
            ["合计", "", "", "", "1,101,012.50", ""]]
    source = write_csv(tmp_path / "erp.csv", rows, "gbk")
    twin = shutil.copytree(repo, tmp_path / "twin")
    assert invoke(repo, "sales", "import", str(source)).exit_code == 0
    monkeypatch.setattr(sales_import, "BULK_BYTES", 0)
    bulk = invoke(twin, "sales", "import", str(source))
    assert bulk.exit_code == 0, bulk.stderr
    assert "bulk" in bulk.stdout and "1 total row(s) skipped" in bulk.stdout
    for month in ("2026-10", "2026-11"):
        assert ledger(twin, month) == ledger(repo, month)
    bad = write_csv(tmp_path / "bad.csv", [["客户", "日期", "金额"], ["华光", "2026-02-30", "1"],
                                           ["华光", "2026-10-01", "12,34x"]], "utf-8")
    result = invoke(twin, "sales", "import", str(bad))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == ["bad.csv:2: date: impossible date '2026-02-30'",
                                          "bad.csv:3: amount: not an amount: '12,34x'"]


@given(st.integers(-10**15, 10**15))
def test_amounts_as_kadev_writes_them_read_back_exactly(cents: int) -> None:
    """The ledger's own form (`-123.45`) takes a short path; it must agree with the general
    reader (here reached through a leading space) and give back the cents written."""
    from kadev.store.ledger import cents_text, parse_amount

    text = cents_text(cents)
    assert parse_amount(text) == parse_amount(f" {text}") == cents
