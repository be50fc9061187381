"""`kadev sales import` on real files: GBK and BOM CSVs, an openpyxl XLSX, re-imports, refusals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
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
    assert missing.exit_code == 2 and "no date column found" in missing.stderr
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
    assert no_owner.exit_code == 2 and "needs --owner" in no_owner.stderr
    result = invoke(repo, "sales", "import", str(source), "--create-missing", "--owner", "zhang")
    assert result.exit_code == 0, result.stderr
    files = git(repo, "show", "--name-only", "--format=", "HEAD").split()
    assert sorted(files) == ["_sales/2026-10.csv", "hangzhouxinkehujixie/account.yaml"]
    assert invoke(repo, "validate").exit_code == 0


def test_bad_column_option_names_the_option(repo: Path, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "c.csv", [["客户", "日期", "金额"],
                                            ["华光", "2026-10-01", "1"]], "utf-8")
    result = invoke(repo, "sales", "import", str(source), "--amount-col", "销售额")
    assert result.exit_code == 2
    assert result.stderr.strip() == ("error: --amount-col '销售额': no such column in c.csv "
                                     "(columns: 客户, 日期, 金额)")
    missing_file = invoke(repo, "sales", "import", str(tmp_path / "nope.csv"))
    assert missing_file.exit_code == 2 and "no such file" in missing_file.stderr


def test_bulk_reader_gives_the_same_ledger_and_messages(repo: Path, tmp_path: Path,
                                                        monkeypatch) -> None:  # type: ignore[no-untyped-def]


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
    _same(*_both_readers(source))  # read row by row, and by the CSV reader
    twin = repo
    done = invoke(twin, "sales", "import", str(source))
    assert done.exit_code == 0, done.stderr
    assert "1 total row(s) skipped" in done.stdout
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


@given(st.lists(st.tuples(st.text(min_size=1, max_size=8), st.integers(-10**12, 10**12),
                          st.none() | st.integers(-10**9, 10**9), st.text(max_size=8),
                          st.none() | st.decimals(-10**6, 10**6, places=2)), max_size=8))
def test_month_text_writes_what_the_csv_module_writes(cells: list[tuple]) -> None:  # type: ignore[type-arg]
    """The ledger writer builds its lines itself (three times faster); they must be the bytes
    Python's csv module writes, quoting included, and read back to the same rows."""
    import csv
    import io

    from kadev.store.ledger import COLUMNS, LedgerRow, cents_text, month_text

    rows = [LedgerRow(a, r, p, prod, q) for a, r, p, prod, q in cells]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in sorted(rows, key=lambda r: (r.account, r.product)):
        writer.writerow([row.account, cents_text(row.revenue),
                         "" if row.profit is None else cents_text(row.profit), row.product,
                         "" if row.quantity is None else format(row.quantity, "f")])
    assert month_text(rows) == out.getvalue()


CUSTOMERS = ["无锡华光", " 无锡华光 ", "huaguang", "中山恒通", "", "合计", "Total"]
DATES = ["2026-10-03", "2026/10/21", "2026.11.05", "20261109", "2026年11月5日", " 2026-10-01",
         "2026-02-30", "", "soon"]
AMOUNTS = ["100", "12.5", "-33.05", " 7.25 ", "268000.005", "1.5E3", "5.", ".5", "+4",
           "1,234.50", "(12.00)", "¥9", "", "x"]
PROFITS = ["", "10", "-2.5", "3.", "1e2", "abc"]
QUANTITIES = ["", "1", "2", "0.5", "-1", "x"]
PRODUCTS = ["", "P1", " P1", "CK6150 数控车床", "a,b", 'say "hi"']


def _summed_txns(txns: list) -> dict:  # type: ignore[type-arg]
    """(month, customer, product) → (first row, revenue, profit, quantity), as the ledger
    sees transactions: the row reader gives one per row, the bulk reader one per key."""
    out: dict = {}  # type: ignore[type-arg]
    for t in txns:
        key = (t.month, t.customer, t.product)
        row, revenue, profit, quantity = out.get(key, (t.row, 0, None, None))
        out[key] = (min(row, t.row), revenue + t.revenue,
                    profit if t.profit is None else (profit or 0) + t.profit,
                    quantity if t.quantity is None else (quantity or 0) + t.quantity)
    return out


def _both_readers(path: Path, period: str | None = None) -> tuple:  # type: ignore[type-arg]
    """(row reader's source, bulk reader's source) of one file."""
    from kadev.store import sales_columns, sales_import

    explicit = dict.fromkeys(sales_columns.ROLES)
    rows = sales_import.read_row_by_row(path, explicit, period)
    bulk = sales_import.read_source(path, explicit, period)
    return rows, bulk


def _same(rows, bulk) -> None:  # type: ignore[no-untyped-def]
    assert bulk.problems == rows.problems
    if not rows.problems:
        assert _summed_txns(bulk.txns) == _summed_txns(rows.txns)
        assert (bulk.rows, bulk.skipped_totals, bulk.skipped_footer) == (
            rows.rows, rows.skipped_totals, rows.skipped_footer)


@given(st.lists(st.tuples(st.sampled_from(CUSTOMERS), st.sampled_from(DATES),
                          st.sampled_from(PRODUCTS), st.sampled_from(QUANTITIES),
                          st.sampled_from(AMOUNTS), st.sampled_from(PROFITS)),
                min_size=1, max_size=12), st.booleans())
def test_bulk_reader_equals_the_row_reader(tmp_path_factory, cells, clean) -> None:  # type: ignore[no-untyped-def]
    """Every tier of the bulk reader (typed, text) gives the row reader's transactions, row
    numbers, skipped totals and messages. With `clean`, only values the typed tier takes."""
    import csv
    import io

    if clean:
        cells = [(c.strip() or "华光", d if d[:1].isdigit() and d != "2026-02-30" else
                  "2026-10-01", p, q if q != "x" else "", a if a in ("100", "12.5", "-33.05")
                  else "1", r if r in ("", "10", "-2.5") else "") for c, d, p, q, a, r in cells]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(
        [["明细"], ["客户", "日期", "产品", "数量", "金额", "毛利"], *cells])
    path = tmp_path_factory.mktemp("erp") / "erp.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    _same(*_both_readers(path))


def test_bulk_reader_tiers_on_a_clean_file_and_an_odd_one(tmp_path: Path,
                                                         monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A clean file is read by the typed tier; an exponent sends it to the text tier (pandas
    would take 1.5E3, the row reader refuses it); a row longer than the header goes to the row
    reader. All three read what the row reader reads."""
    from kadev.store import sales_bulk

    texts: list[int] = []
    text_tier = sales_bulk._text
    monkeypatch.setattr(sales_bulk, "_text", lambda *a: texts.append(1) or text_tier(*a))

    lines = ["客户,日期,产品,数量,金额", "huaguang,2026-10-03,P1,2,100.50",
             " 华光 ,2026年10月21日,P1,1,-0.50", ",,,,", "合计,,,,100"]
    path = tmp_path / "clean.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    raw = path.read_bytes()
    assert not sales_bulk._odd_numbers(raw)
    rows, bulk = _both_readers(path)
    _same(rows, bulk)
    assert sorted((t.customer, t.revenue, t.quantity) for t in bulk.txns) == [
        ("huaguang", 10050, 2), ("华光", -50, 1)]
    assert bulk.skipped_totals == 1 and not texts
    assert sales_bulk.read_bulk_csv(path, {}, None) is not None  # (not left to rows)

    path.write_text("\n".join([*lines, "huaguang,2026-10-04,P1,1,1.5E3"]) + "\n", "utf-8")
    assert sales_bulk._odd_numbers(path.read_bytes())
    rows, bulk = _both_readers(path)
    _same(rows, bulk)
    assert [str(p) for p in bulk.problems] == ["clean.csv:6: amount: not an amount: '1.5E3'"]
    assert texts

    path.write_text("\n".join([*lines, "huaguang,2026-10-04,P1,1,5,extra"]) + "\n", "utf-8")
    rows, bulk = _both_readers(path)
    _same(rows, bulk)
    assert sales_bulk.read_bulk_csv(path, {}, None) is None  # pandas cannot split it: rows


def test_a_file_neither_utf8_nor_gbk_is_one_line_naming_it(repo: Path, tmp_path: Path,
                                                            monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kadev.store import sales_import

    source = tmp_path / "bad.csv"
    # UTF-8 up to one bad byte: reported there, not where GBK first fails (the header)
    source.write_bytes("销售明细\n客户,日期,金额\n华光,2026-10-01,1\n".encode()
                       + b"\xff\xfe,2026-10-01,1\n")
    before = snapshot(repo)
    result = invoke(repo, "sales", "import", str(source))
    assert result.exit_code == 1
    assert result.stderr.strip() == ("bad.csv:4: neither UTF-8 nor GBK text (byte 0xff "
                                     "cannot be read)")
    from kadev.errors import DataError
    from kadev.store import sales_columns

    with pytest.raises(DataError) as row_by_row:  # (the same said reading row by row)
        sales_import.read_row_by_row(source, dict.fromkeys(sales_columns.ROLES), None)
    assert str(row_by_row.value) == "bad.csv:4: neither UTF-8 nor GBK text (byte 0xff " \
                                    "cannot be read)"
    assert snapshot(repo) == before


def test_a_month_with_a_malformed_row_is_not_rewritten(repo: Path, tmp_path: Path) -> None:
    """Rewriting the month would drop the row the ledger cannot read: refuse, name it."""
    month = repo / "_sales" / "2026-10.csv"
    month.write_text(month.read_text("utf-8") + "yongsheng,12x,,P9,\n", encoding="utf-8")
    line = len(month.read_text("utf-8").splitlines())
    source = write_csv(tmp_path / "erp.csv", ERP_ROWS, "utf-8")
    before = snapshot(repo)
    result = invoke(repo, "sales", "import", str(source))
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"_sales/2026-10.csv:{line}:1: revenue: not an amount: "
                                     "'12x'")
    assert snapshot(repo) == before


def test_an_untracked_month_kadev_rewrites_is_committed_with_the_rest(repo: Path,
                                                                       tmp_path: Path) -> None:
    """git commit --only refuses a path git does not know: kadev adds it and commits again,
    and still sweeps in nothing else that is staged."""
    december = repo / "_sales" / "2026-12.csv"
    december.write_text("account,revenue,profit,product,quantity\nyongsheng,5.00,,,\n",
                        encoding="utf-8")
    (repo / "notes.txt").write_text("mine\n", encoding="utf-8")
    git(repo, "add", "notes.txt")
    source = write_csv(tmp_path / "erp.csv", [["客户", "日期", "金额"],
                                              ["华光", "2026-12-01", "100"]], "utf-8")
    result = invoke(repo, "sales", "import", str(source))
    assert result.exit_code == 0, result.stderr
    assert "not committed" not in result.stderr
    files = git(repo, "show", "--name-only", "--format=", "HEAD").split()
    assert files == ["_sales/2026-12.csv"]
    assert git(repo, "status", "--porcelain") == "A  notes.txt\n"


def test_bulk_reader_with_whole_number_quantities(repo: Path, tmp_path: Path,
                                                  monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Whole-number quantities arrive from pandas as ints (no is_integer on Python 3.11)."""


    rows = [["客户", "日期", "产品", "数量", "金额"]] + [
        ["huaguang", f"2026-10-{day:02d}", "P1", str(day % 3 + 1), "100.00"]
        for day in range(1, 29)]
    source = write_csv(tmp_path / "whole.csv", rows, "utf-8")
    _same(*_both_readers(source))
    done = invoke(repo, "sales", "import", str(source))
    assert done.exit_code == 0, done.stderr


def test_unquoted_thousands_separator_is_refused_at_its_line(repo: Path, tmp_path: Path
                                                              ) -> None:
    source = tmp_path / "sep.csv"
    source.write_text("客户,日期,金额\n华光,2026-11-05,1,234.50\n华光,2026-11-06,100\n",
                      "utf-8")
    before = snapshot(repo)
    result = invoke(repo, "sales", "import", str(source))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "sep.csv:2: 4 fields where the header has 3: an unquoted thousands separator "
        "(1,234.50)? Quote the amount or drop the comma; nothing imported"]
    assert snapshot(repo) == before


def test_footer_lines_below_the_total_are_skipped_and_counted(repo: Path, tmp_path: Path
                                                               ) -> None:
    rows = [*ERP_ROWS, ["审核：李经理 打印日期：2026-12-01"], ["第 1 页，共 1 页"]]
    source = write_csv(tmp_path / "erp.csv", rows, "gbk")
    result = invoke(repo, "sales", "import", str(source), "--dry-run")
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())
    assert "1 total row(s) skipped; 2 footer line(s) below the total skipped" in flat
    assert "None" not in result.stdout + result.stderr
    # a row with an amount below the total is still data, and a bad one still an error
    bad = write_csv(tmp_path / "bad.csv", [*ERP_ROWS, ["无锡华光", "2026-10-05", "", "",
                                                       "12,3x"]], "utf-8")
    refused = invoke(repo, "sales", "import", str(bad))
    assert refused.exit_code == 1 and "bad.csv:8: amount: not an amount" in refused.stderr


def test_a_summary_month_replaces_the_detail_instead_of_adding_to_it(repo: Path,
                                                                     tmp_path: Path) -> None:
    def huaguang_october() -> int:
        lines = (repo / "_sales" / "2026-10.csv").read_text("utf-8").splitlines()[1:]
        return sum(round(float(x.split(",")[1]) * 100) for x in lines
                   if x.startswith("huaguang,"))

    assert huaguang_october() > 0
    summary = write_csv(tmp_path / "summary.csv", [["客户", "月份", "金额"],
                                                   ["无锡华光", "2026-10", "8780000.00"]],
                        "utf-8")
    result = invoke(repo, "sales", "import", str(summary))
    assert result.exit_code == 0, result.stderr
    assert huaguang_october() == 878_000_000  # the summary replaces the month, not adds to it
    detail = write_csv(tmp_path / "detail.csv", [["客户", "日期", "产品", "金额"],
                                                 ["无锡华光", "2026-10-03", "CK6150", "500000"],
                                                 ["无锡华光", "2026-10-09", "VMC850", "300000"]],
                       "utf-8")
    assert invoke(repo, "sales", "import", str(detail)).exit_code == 0
    assert huaguang_october() == 80_000_000  # and detail replaces the summary row
    assert invoke(repo, "validate").exit_code == 0


def test_many_unknown_customers_are_summarised_with_a_file_of_all(repo: Path,
                                                                  tmp_path: Path) -> None:
    import csv as csv_module

    rows = [["客户", "日期", "金额"]] + [[f"新客户{n:03d}", "2026-10-01", "100"]
                                         for n in range(25)]
    source = write_csv(tmp_path / "many.csv", rows, "utf-8")
    result = invoke(repo, "sales", "import", str(source))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("error: many.csv: 25 unknown customer(s)")
    assert len([x for x in lines if "unknown customer '" in x]) == 10
    assert "… and 15 more; all of them are listed in " in lines[-1]
    assert "--create-missing" in lines[-1]
    listed = lines[-1].split("listed in ")[1].split(". Add")[0]
    with open(listed, encoding="utf-8-sig") as handle:
        assert len(list(csv_module.reader(handle))) == 26


def test_both_readers_skip_the_same_footer_and_refuse_the_same_rows(tmp_path: Path) -> None:
    """A footer below the total (short rows, as Excel saves them), and separately a row with
    an unquoted thousands separator: the bulk reader agrees with the row reader."""
    footer = write_csv(tmp_path / "footer.csv", [*ERP_ROWS[1:], ["审核：李经理"],
                                                 ["打印日期：2026-12-01", "", ""]], "utf-8")
    rows, bulk = _both_readers(footer)
    assert rows.skipped_footer == 2 and not rows.problems
    _same(rows, bulk)
    extra = tmp_path / "extra.csv"
    extra.write_text("客户,日期,金额\n华光,2026-11-05,1,234.50\n", "utf-8")
    rows, bulk = _both_readers(extra)
    assert rows.problems and rows.problems == bulk.problems


def test_an_erp_workbook_written_by_xlsxwriter_lands_exact_cents(repo: Path,
                                                                 tmp_path: Path) -> None:
    """A workbook as an ERP exports it, written by another library than kadev reads with:
    a merged title, serial and formatted dates, text amounts, a return, 小计 and 合计 rows and
    a footer. Each month's amounts per account equal an independent sum of the rows."""
    import xlsxwriter

    path = tmp_path / "erp.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("明细")
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.merge_range("A1:E1", "销售明细表 2026 年 9-10 月")
    sheet.write_row(1, 0, ["客户名称", "单据日期", "产品名称", "数量", "价税合计"])
    data = [("无锡华光", dt.date(2026, 9, 3), "CK6150 数控车床", 2, "￥536,000.00"),
            ("无锡华光", 46300, "VMC850 立式加工中心", 1, 412000),  # serial: 2026-10-04
            ("中山恒通", dt.date(2026, 10, 9), "HX-280 注塑机", 1, "330,000.50"),
            ("中山恒通", dt.date(2026, 10, 12), "HX-280 注塑机", -1, -33000.25)]  # a return
    row = 2
    for customer, day, product, quantity, amount in data:
        sheet.write(row, 0, customer)
        if isinstance(day, dt.date):
            sheet.write_datetime(row, 1, dt.datetime(day.year, day.month, day.day),
                                 date_format)
        else:
            sheet.write_number(row, 1, day)
        sheet.write(row, 2, product)
        sheet.write_number(row, 3, quantity)
        sheet.write(row, 4, amount)
        row += 1
    sheet.write_row(row, 0, ["小计", "", "", "", 1244000.25])
    sheet.write_row(row + 1, 0, ["合计", "", "", "", 1244000.25])
    sheet.write(row + 3, 0, "审核：李经理    打印日期：2026-12-01")
    book.close()

    def cents(amount: object) -> int:  # an independent reading of the amounts written
        text = str(amount).replace("￥", "").replace(",", "")
        return round(float(text) * 100)

    expected: dict[tuple[str, str, str], int] = {}
    for customer, day, product, _, amount in data:
        month = f"{day:%Y-%m}" if isinstance(day, dt.date) else (
            dt.date(1899, 12, 30) + dt.timedelta(days=day)).strftime("%Y-%m")
        account = {"无锡华光": "huaguang", "中山恒通": "hengtong"}[customer]
        key = (month, account, product)
        expected[key] = expected.get(key, 0) + cents(amount)

    result = invoke(repo, "sales", "import", str(path))
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())
    assert "2 total row(s) skipped; 1 footer line(s) below the total skipped" in flat
    for (month, account, product), amount in expected.items():
        got = [round(float(x.split(",")[1]) * 100) for x in ledger(repo, month)[1:]
               if x.split(",")[0] == account and x.split(",")[3] == product]
        assert got == [amount], (month, account, product)
    assert ledger(repo, "2026-09").count("huaguang,536000.00,,CK6150 数控车床,2") == 1
    assert "huaguang,412000.00,,VMC850 立式加工中心,1" in ledger(repo, "2026-10")
    assert "hengtong,297000.25,,HX-280 注塑机,0" in ledger(repo, "2026-10")
    assert invoke(repo, "validate").exit_code == 0
