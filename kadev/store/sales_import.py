"""Reading an ERP's sales export (CSV or XLSX) into ledger months.

Recognises the columns by common English and Chinese headers (客户, 金额, 日期 …) unless told,
finds the header row below any title rows, skips total rows (合计), reads UTF-8 (with or
without BOM) or GBK/GB18030, and reports every malformed row as `file:row: what is wrong`.
Nothing here writes; `plan` says what the ledger would become and `apply` writes it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NamedTuple

from kadev.errors import DataError, KadevError, Problem, UsageError
from kadev.i18n import lazy, t
from kadev.store.ledger import Row, month_path, month_text, parse_amount, read_month

ROLES = ("account", "amount", "profit", "date", "product", "quantity")
HEADERS = {
    "account": ["account", "customer", "customer name", "client", "客户", "客户名称", "客户简称",
                "购货单位", "单位名称", "客户编码", "客户代码", "经销商", "经销商名称"],
    "amount": ["revenue", "amount", "sales", "net sales", "金额", "销售额", "销售金额", "价税合计",
               "含税金额", "本币金额", "收入", "销售收入", "实收金额"],
    "profit": ["profit", "gross profit", "margin", "毛利", "毛利额", "利润"],
    "date": ["date", "invoice date", "order date", "日期", "单据日期", "开票日期", "销售日期",
             "业务日期", "发货日期", "月份", "期间"],
    "product": ["product", "item", "sku", "产品", "产品名称", "商品名称", "物料名称", "存货名称",
                "品名", "型号"],
    "quantity": ["quantity", "qty", "units", "数量", "销量", "销售数量"],
}
TOTAL_WORDS = {"合计", "总计", "小计", "total", "sum", "grand total"}


class Txn(NamedTuple):  # a tuple: a million-row import makes ~100,000 of them
    row: int
    month: str
    customer: str
    product: str
    revenue: int
    profit: int | None
    quantity: Decimal | None


@dataclass
class Source:
    txns: list[Txn] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    encoding: str = ""
    columns: dict[str, str] = field(default_factory=dict)
    skipped_totals: int = 0
    skipped_footer: int = 0  # lines below a total row that are not data (审核, 打印日期 …)
    rows: int = 0  # data rows read (a bulk read returns one transaction per month and key)


def _norm_header(text: object) -> str:
    return unicodedata.normalize("NFKC", str(text or "")).strip().lower()


_NAME_NOISE = re.compile(r"[\s()\[\]（）【】·.,，、-]")


def normalize_name(text: str) -> str:
    """A customer name as compared: NFKC, case-folded, no spaces or brackets."""
    return _NAME_NOISE.sub("", unicodedata.normalize("NFKC", text).casefold())


BOM = b"\xef\xbb\xbf"


def codecs_for(raw: bytes) -> list[tuple[str, str]]:
    """The text encodings to try for a CSV, in order, each with the name a report shows."""
    if raw.startswith(BOM):
        return [("utf-8-sig", "utf-8 (BOM)")]
    return [("utf-8", "utf-8"), ("gb18030", "gb18030/gbk")]


def undecodable(raw: bytes, name: str) -> DataError:
    """The error for a file none of `codecs_for`'s encodings reads: at the first byte that
    the encoding reading furthest cannot read (a UTF-8 file with one bad byte is not
    reported at the first Chinese character GBK cannot read)."""
    starts = []
    for codec, _ in codecs_for(raw):
        try:
            raw.decode(codec)
        except UnicodeDecodeError as err:
            starts.append(err.start + (3 if codec == "utf-8-sig" else 0))
    at = min(max(starts, default=0), len(raw) - 1)
    line = raw.count(b"\n", 0, at) + 1
    byte = f"0x{raw[at]:02x}" if raw else "?"
    return DataError(Problem(name, line, 0, t("p.not_text", byte=byte)))


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
            raise KadevError(t("imp.not_xlsx", name=path.name, reason=err)) from None
        try:
            if sheet and sheet not in book.sheetnames:
                raise UsageError(t("imp.no_sheet", sheet=sheet, name=path.name,
                                   sheets=", ".join(book.sheetnames)))
            ws = book[sheet] if sheet else book.worksheets[0]
            rows = [(i, list(r)) for i, r in enumerate(ws.iter_rows(values_only=True), start=1)]
        finally:
            book.close()
        return rows, "xlsx"
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise KadevError(t("imp.unreadable", name=path, reason=err.strerror)) from None
    text, encoding = _decode(raw, path.name)
    sample = text[:4096]
    delimiter = max((",", "\t", ";"), key=sample.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = []
    try:
        for cells in reader:
            rows.append((reader.line_num, cells))
    except csv.Error as err:  # e.g. a field longer than the csv module accepts
        raise KadevError(t("imp.bad_csv", name=path.name, line=reader.line_num + 1,
                           reason=err)) from None
    return rows, encoding


def _find_header(rows: list[tuple[int, list[Any]]], explicit: dict[str, str | None]
                 ) -> int:
    """Index of the header row: the first (of the first 20) naming an account and an amount."""
    wanted = {role: ([_norm_header(explicit[role])] if explicit.get(role) else HEADERS[role])
              for role in ("account", "amount")}
    for index, (_, cells) in enumerate(rows[:20]):
        names = {_norm_header(c) for c in cells}
        if all(names & set(options) for options in wanted.values()):
            return index
    return next((i for i, (_, cells) in enumerate(rows) if any(str(c or "").strip()
                                                                  for c in cells)), 0)


def _map_columns(header: list[Any], explicit: dict[str, str | None], name: str,
                 period: str | None) -> dict[str, int]:
    names = [_norm_header(h) for h in header]
    shown = ", ".join(str(h) for h in header if h not in (None, ""))
    mapping: dict[str, int] = {}
    for role in ROLES:
        given = explicit.get(role)
        if given:
            if _norm_header(given) not in names:
                raise UsageError(t("imp.no_such_column", role=role, given=given, name=name,
                                   shown=shown))
            mapping[role] = names.index(_norm_header(given))
            continue
        for option in HEADERS[role]:
            if option in names:
                mapping[role] = names.index(option)
                break
    for role in ("account", "amount"):
        if role not in mapping:
            raise KadevError(t("imp.no_column", name=name, role=role, shown=shown))
    if "date" not in mapping and not period:
        raise UsageError(t("imp.no_date", name=name, shown=shown))
    return mapping


_YMD = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_YM = re.compile(r"^(\d{4})[-/.年](\d{1,2})月?$")


def parse_month(value: object) -> str:
    """YYYY-MM of a date cell: a date, an Excel serial, or text such as 2026/11/3, 2026年11月."""
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year:04d}-{value.month:02d}"
    if isinstance(value, int | float) and not isinstance(value, bool) and 20000 < value < 80000:
        day = dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
        return f"{day.year:04d}-{day.month:02d}"
    text = unicodedata.normalize("NFKC", str(value if value is not None else "")).strip()
    if not text:
        raise ValueError(t("p.empty_date"))
    for pattern in (_YMD, _COMPACT):
        match = pattern.match(text)
        if match:
            year, month, mday = (int(g) for g in match.groups())
            try:
                dt.date(year, month, mday)
            except ValueError:
                raise ValueError(t("p.impossible_date", value=text)) from None
            return f"{year:04d}-{month:02d}"
    match = _YM.match(text)
    if match and 1 <= int(match.group(2)) <= 12:
        return f"{int(match.group(1)):04d}-{int(match.group(2)):02d}"
    raise ValueError(t("p.not_date", value=text))


def parse_row(number: int, cells: list[Any], mapping: dict[str, int], period: str | None,
              name: str) -> Txn | Problem | str | None:
    """One data row: a transaction, a problem, "total" for a total row, None when blank."""
    def cell(role: str) -> Any:
        i = mapping.get(role)
        return cells[i] if i is not None and i < len(cells) else None

    if not any(str(c if c is not None else "").strip() for c in cells):
        return None
    customer = str(cell("account") or "").strip()
    if _norm_header(customer) in TOTAL_WORDS or any(
            _norm_header(c) in TOTAL_WORDS for c in cells[: mapping["account"]]):
        return "total"
    errors = []
    if not customer:
        errors.append(t("p.empty_customer"))
    revenue = 0
    if not str(cell("amount") if cell("amount") is not None else "").strip():
        errors.append(t("p.empty_amount"))
    else:
        try:
            revenue = parse_amount(cell("amount"))
        except ValueError as err:
            errors.append(f"amount: {err}")
    profit = None
    if "profit" in mapping and str(cell("profit") or "").strip():
        try:
            profit = parse_amount(cell("profit"))
        except ValueError as err:
            errors.append(f"profit: {err}")
    quantity = None
    if "quantity" in mapping and str(cell("quantity") or "").strip():
        try:
            quantity = Decimal(str(cell("quantity")).replace(",", "").strip())
        except InvalidOperation:
            errors.append(f"quantity: not a number: {cell('quantity')!r}")
    month = period or ""
    if not period:
        try:
            month = parse_month(cell("date"))
        except ValueError as err:
            errors.append(f"date: {err}")
    if errors:
        return Problem(name, number, 0, "; ".join(errors))
    return Txn(number, month, customer, str(cell("product") or "").strip(), revenue, profit,
               quantity)


BULK_BYTES = 4_000_000  # CSV files larger than this are read with pandas


def read_source(path: Path, explicit: dict[str, str | None], period: str | None,
                sheet: str | None = None) -> Source:
    """Every transaction of the file, and a problem for every malformed row."""
    if path.suffix.lower() not in (".xlsx", ".xlsm") and path.exists() and \
            path.stat().st_size > BULK_BYTES:
        from kadev.store.sales_bulk import read_bulk_csv

        bulk = read_bulk_csv(path, explicit, period)
        if bulk is not None:
            return bulk
    rows, encoding = read_rows(path, sheet)
    source = Source(encoding=encoding)
    if not rows:
        source.problems.append(Problem(path.name, 1, 0, lazy("p.empty")))
        return source
    header_at = _find_header(rows, explicit)
    header = rows[header_at][1]
    mapping = _map_columns(header, explicit, path.name, period)
    source.columns = {role: str(header[i]) for role, i in mapping.items()}
    is_csv = path.suffix.lower() not in (".xlsx", ".xlsm")
    width = len(header)
    after_total = False
    for number, cells in rows[header_at + 1:]:
        if is_csv and _used(cells) > width:  # e.g. an unquoted thousands separator
            source.problems.append(Problem(path.name, number, 0, lazy(
                "p.extra_fields", count=_used(cells), header=width)))
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


def is_footer(cells: list[Any], mapping: dict[str, int]) -> bool:
    """A line below a total row with no amount (审核：李经理, 打印日期, 第 1 页): not data.
    A row there with an amount is still data, and its mistakes are still errors."""
    i = mapping["amount"]
    value = cells[i] if i < len(cells) else None
    return not str(value if value is not None else "").strip()


def _used(cells: list[Any]) -> int:
    """How many cells a row has, not counting empty ones at its end."""
    count = len(cells)
    while count and not str(cells[count - 1] if cells[count - 1] is not None else "").strip():
        count -= 1
    return count


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
