"""The columns of an ERP's sales export and what each row says: which header names which
role (客户, 金额, 日期 … in English and Chinese), where the header row is below any title
rows, total and footer rows, dates and amounts; one transaction or one problem per row.

The one place these rules live: `sales_import` reads a file row by row (and XLSX), and
`sales_bulk` reads a large CSV with pandas, both with these functions.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from kadev.errors import DataError, KadevError, Problem, UsageError
from kadev.i18n import Msg, lazy
from kadev.store.ledger import parse_amount

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


def norm_header(text: object) -> str:
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
    return DataError(Problem(name, line, 0, lazy("p.not_text", byte=byte)))


def find_header(rows: list[tuple[int, list[Any]]], explicit: dict[str, str | None]
                 ) -> int:
    """Index of the header row: the first (of the first 20) naming an account and an amount."""
    wanted = {role: ([norm_header(explicit[role])] if explicit.get(role) else HEADERS[role])
              for role in ("account", "amount")}
    for index, (_, cells) in enumerate(rows[:20]):
        names = {norm_header(c) for c in cells}
        if all(names & set(options) for options in wanted.values()):
            return index
    return next((i for i, (_, cells) in enumerate(rows) if any(str(c or "").strip()
                                                                  for c in cells)), 0)


def map_columns(header: list[Any], explicit: dict[str, str | None], name: str,
                 period: str | None) -> dict[str, int]:
    names = [norm_header(h) for h in header]
    shown = ", ".join(str(h) for h in header if h not in (None, ""))
    mapping: dict[str, int] = {}
    for role in ROLES:
        given = explicit.get(role)
        if given:
            if norm_header(given) not in names:
                raise UsageError(code="imp.no_such_column", role=role, given=given, name=name,
                                 shown=shown)
            mapping[role] = names.index(norm_header(given))
            continue
        for option in HEADERS[role]:
            if option in names:
                mapping[role] = names.index(option)
                break
    for role in ("account", "amount"):
        if role not in mapping:
            raise KadevError(code="imp.no_column", name=name, role=role, shown=shown)
    if "date" not in mapping and not period:
        raise UsageError(code="imp.no_date", name=name, shown=shown)
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
        raise ValueError(lazy("p.empty_date"))
    for pattern in (_YMD, _COMPACT):
        match = pattern.match(text)
        if match:
            year, month, mday = (int(g) for g in match.groups())
            try:
                dt.date(year, month, mday)
            except ValueError:
                raise ValueError(lazy("p.impossible_date", value=text)) from None
            return f"{year:04d}-{month:02d}"
    match = _YM.match(text)
    if match and 1 <= int(match.group(2)) <= 12:
        return f"{int(match.group(1)):04d}-{int(match.group(2)):02d}"
    raise ValueError(lazy("p.not_date", value=text))


def parse_row(number: int, cells: list[Any], mapping: dict[str, int], period: str | None,
              name: str) -> Txn | Problem | str | None:
    """One data row: a transaction, a problem, "total" for a total row, None when blank."""
    def cell(role: str) -> Any:
        i = mapping.get(role)
        return cells[i] if i is not None and i < len(cells) else None

    if not any(str(c if c is not None else "").strip() for c in cells):
        return None
    customer = str(cell("account") or "").strip()
    if norm_header(customer) in TOTAL_WORDS or any(
            norm_header(c) in TOTAL_WORDS for c in cells[: mapping["account"]]):
        return "total"
    errors: list[Msg] = []
    if not customer:
        errors.append(lazy("p.empty_customer"))
    revenue = 0
    if not str(cell("amount") if cell("amount") is not None else "").strip():
        errors.append(lazy("p.empty_amount"))
    else:
        try:
            revenue = parse_amount(cell("amount"))
        except ValueError as err:
            errors.append(_cell("amount", err))
    profit = None
    if "profit" in mapping and str(cell("profit") or "").strip():
        try:
            profit = parse_amount(cell("profit"))
        except ValueError as err:
            errors.append(_cell("profit", err))
    quantity = None
    if "quantity" in mapping and str(cell("quantity") or "").strip():
        try:
            quantity = Decimal(str(cell("quantity")).replace(",", "").strip())
        except InvalidOperation:
            errors.append(lazy("p.cell", field=lazy("p.f_quantity"),
                                problem=lazy("p.not_quantity", value=cell("quantity"))))
    month = period or ""
    if not period:
        try:
            month = parse_month(cell("date"))
        except ValueError as err:
            errors.append(_cell("date", err))
    if errors:
        found = errors[-1]
        for before in reversed(errors[:-1]):
            found = lazy("p.cells", first=before, rest=found)
        return Problem(name, number, 0, found)
    return Txn(number, month, customer, str(cell("product") or "").strip(), revenue, profit,
               quantity)


def _cell(field: str, err: ValueError) -> Msg:
    """A cell's problem: its column named, then what is wrong (worded when shown)."""
    problem = err.args[0] if err.args and isinstance(err.args[0], Msg) else str(err)
    return lazy("p.cell", field=lazy(f"p.f_{field}"), problem=problem)


def is_footer(cells: list[Any], mapping: dict[str, int]) -> bool:
    """A line below a total row with no amount (审核：李经理, 打印日期, 第 1 页): not data.
    A row there with an amount is still data, and its mistakes are still errors."""
    i = mapping["amount"]
    value = cells[i] if i < len(cells) else None
    return not str(value if value is not None else "").strip()


def cells_used(cells: list[Any]) -> int:
    """How many cells a row has, not counting empty ones at its end."""
    count = len(cells)
    while count and not str(cells[count - 1] if cells[count - 1] is not None else "").strip():
        count -= 1
    return count
