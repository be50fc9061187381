"""Reading an ERP's sales export (CSV or XLSX) into ledger months.

Reads UTF-8 (with or without BOM) or GBK/GB18030 CSV, and XLSX, row by row (a large CSV with
pandas, `sales_bulk`); what the columns and rows mean is `sales_columns`'; every malformed
row is reported as `file:row: what is wrong`.
Nothing here writes; `plan` says what the ledger would become and `apply` writes it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from kadev.errors import DataError, KadevError, Problem, UsageError
from kadev.i18n import lazy
from kadev.store.ledger import Row, month_path, month_text, read_month
from kadev.store.sales_columns import (
    Source,
    Txn,
    cells_used,
    codecs_for,
    find_header,
    is_footer,
    map_columns,
    parse_row,
    undecodable,
)


def _decode(raw: bytes, name: str) -> tuple[str, str]:
    *first, (codec, label) = codecs_for(raw)
    for early, early_label in first:
        try:
            return raw.decode(early), early_label
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode(codec), label
    except UnicodeDecodeError:
        raise undecodable(raw, name) from None


def read_rows(path: Path, sheet: str | None) -> tuple[list[tuple[int, list[Any]]], str]:
    """(spreadsheet row number, cells) of every row, and a description of the encoding."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl  # type: ignore[import-untyped]

        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as err:  # openpyxl raises many kinds for a broken file
            raise KadevError(code="imp.not_xlsx", name=path.name, reason=err) from None
        try:
            if sheet and sheet not in book.sheetnames:
                raise UsageError(code="imp.no_sheet", sheet=sheet, name=path.name,
                                 sheets=", ".join(book.sheetnames))
            ws = book[sheet] if sheet else book.worksheets[0]
            rows = [(i, list(r)) for i, r in enumerate(ws.iter_rows(values_only=True), start=1)]
        finally:
            book.close()
        return rows, "xlsx"
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise KadevError(code="imp.unreadable", name=path, reason=err.strerror) from None
    text, encoding = _decode(raw, path.name)
    sample = text[:4096]
    delimiter = max((",", "\t", ";"), key=sample.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = []
    try:
        for cells in reader:
            rows.append((reader.line_num, cells))
    except csv.Error as err:  # e.g. a field longer than the csv module accepts
        raise KadevError(code="imp.bad_csv", name=path.name, line=reader.line_num + 1,
                         reason=err) from None
    return rows, encoding


def read_source(path: Path, explicit: dict[str, str | None], period: str | None,
                sheet: str | None = None) -> Source:
    """Every transaction of the file, and a problem for every malformed row: a CSV of any
    size through pandas (`sales_bulk`), a workbook row by row (openpyxl gives its rows), and
    a CSV whose rows pandas cannot split into the header's columns row by row too, so that
    each such row is named."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        from kadev.store.sales_bulk import read_bulk_csv

        try:
            bulk = read_bulk_csv(path, explicit, period)
        except OSError as err:
            raise KadevError(code="imp.unreadable", name=path, reason=err.strerror) from None
        if bulk is not None:
            return bulk
    return read_row_by_row(path, explicit, period, sheet)


def read_row_by_row(path: Path, explicit: dict[str, str | None], period: str | None,
                    sheet: str | None = None) -> Source:
    """`read_source` one row at a time (`sales_columns.parse_row` for each)."""
    rows, encoding = read_rows(path, sheet)
    source = Source(encoding=encoding)
    if not rows:
        source.problems.append(Problem(path.name, 1, 0, lazy("p.empty")))
        return source
    header_at = find_header(rows, explicit)
    header = rows[header_at][1]
    mapping = map_columns(header, explicit, path.name, period)
    source.columns = {role: str(header[i]) for role, i in mapping.items()}
    is_csv = path.suffix.lower() not in (".xlsx", ".xlsm")
    width = len(header)
    after_total = False
    for number, cells in rows[header_at + 1:]:
        if is_csv and cells_used(cells) > width:  # e.g. an unquoted thousands separator
            source.problems.append(Problem(path.name, number, 0, lazy(
                "p.extra_fields", count=cells_used(cells), header=width)))
            continue
        result = parse_row(number, cells, mapping, period, path.name)
        if result == "total":
            source.skipped_totals += 1
            after_total = True
        elif isinstance(result, Problem) and after_total and is_footer(cells, mapping):
            source.skipped_footer += 1  # 审核, 制表, 打印日期, page numbers under the total
        elif isinstance(result, Problem):
            source.problems.append(result)
        elif isinstance(result, Txn):
            source.txns.append(result)
            source.rows += 1
    if not source.txns and not source.problems:
        source.problems.append(Problem(path.name, header_at + 1, 0, lazy("p.no_rows")))
    return source


def _replaced(brought: dict[str, set[str]], account: str, product: str) -> bool:
    """Whether an existing ledger row gives way to the rows an import brings for its account:
    the same product, or either side is the account's whole month (no product)."""
    products = brought.get(account)
    return products is not None and (product in products or products == {""} or product == "")


@dataclass
class MonthChange:
    month: str
    replaced: int
    added: int
    total_before: int
    total_after: int
    text: str
    changed: bool
    accounts: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Each account the import brings this month: (cents before, cents after)."""


def plan(root: Path, txns: list[Txn], account_of: dict[str, str]) -> list[MonthChange]:
    """The new content of each month the import touches; a re-import replaces the
    (account, product) rows it brings and keeps every other row of that month. A row without
    a product is the account's whole month (a summary export): it replaces all the account's
    rows of that month, and rows with products replace an account's summary row, so a month
    is never counted twice."""
    # month → (account, product) → [revenue, profit or None, quantity or None], in one pass
    sums: dict[str, dict[tuple[str, str], list[Any]]] = {}
    for _, month, customer, product, revenue, profit, quantity in txns:
        of_month = sums.get(month)
        if of_month is None:
            of_month = sums[month] = {}
        key = (account_of[customer], product)
        total = of_month.get(key)
        if total is None:
            of_month[key] = [revenue, profit, quantity]
            continue
        total[0] += revenue
        if profit is not None:
            total[1] = profit + (total[1] or 0)
        if quantity is not None:
            total[2] = quantity + (total[2] or Decimal(0))
    changes = []
    for month in sorted(sums):
        existing, problems = read_month(root, month)
        if problems:  # its malformed rows would be lost in the rewrite
            raise DataError(problems)
        keys = sums[month]
        brought: dict[str, set[str]] = {}
        for account, product in keys:
            brought.setdefault(account, set()).add(product)

        kept = [r for r in existing if not _replaced(brought, r.account, r.product)]
        # the new rows as plain tuples in LedgerRow's order: 40,000 a month at 10,000 accounts
        new: list[Row] = [(account, revenue, profit, product, quantity, 0)
                          for (account, product), (revenue, profit, quantity) in keys.items()]
        text = month_text(kept + new)
        path = month_path(root, month)
        old_text = path.read_text(encoding="utf-8") if path.exists() else None
        per_account = {account: [0, 0] for account in brought}
        for r in existing:
            if r.account in per_account:
                per_account[r.account][0] += r.revenue
                if not _replaced(brought, r.account, r.product):
                    per_account[r.account][1] += r.revenue
        for account, revenue, *_ in new:
            per_account[account][1] += revenue
        changes.append(MonthChange(month, len(existing) - len(kept), len(new),
                                   sum(r.revenue for r in existing),
                                   sum(r.revenue for r in kept) + sum(r[1] for r in new),
                                   text, text != old_text,
                                   {a: (b, c) for a, (b, c) in per_account.items()}))
    return changes


def unknown_customers_file(file_name: str, listed: list[tuple[int, str]]) -> str:
    """Every unknown customer of an import with its first row, as a CSV a spreadsheet opens
    (kept in the temporary folder); its path."""
    import csv
    import tempfile

    fd, path = tempfile.mkstemp(prefix=f"kadev-unknown-{Path(file_name).stem}-", suffix=".csv")
    with open(fd, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["row", "customer"])
        writer.writerows(listed)
    return path
