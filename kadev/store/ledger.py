"""The revenue ledger: `_sales/YYYY-MM.csv`, one file per month, one row per account and product.

Columns: account,revenue,profit,product,quantity (profit, product, quantity may be empty).
Amounts are read as exact integer cents. A file written by kadev has rows sorted by account
and product, so re-importing the same data gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from kadev.errors import Problem
from kadev.i18n import lazy
from kadev.store.root import SALES_DIR

COLUMNS = ["account", "revenue", "profit", "product", "quantity"]
MONTH_FILE_RE = re.compile(r"^(\d{4}-(?:0[1-9]|1[0-2]))\.csv$")
_NUMBER_RE = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")


class LedgerRow(NamedTuple):  # a tuple: a month of 10,000 accounts has ~40,000 rows
    account: str
    revenue: int  # cents
    profit: int | None  # cents
    product: str = ""
    quantity: Decimal | None = None
    line: int = 0  # in its month file, for messages; 0 for rows not read from a file


Row = tuple[str, int, int | None, str, Decimal | None, int]  # a LedgerRow's fields, in order

_CENTS_RE = re.compile(r"-?\d+\.\d\d")
MAX_CENTS = 10**17  # kadev.limits.MAX_AMOUNT in cents
_QUOTED = re.compile(r'[,"\n]')  # as csv.writer quotes with lineterminator="\n"


def parse_amount(value: object) -> int:
    """Exact cents of an amount as an office writes it: 1,234.50, ¥1,234.50, (1,234.50), -5."""
    if type(value) is str and len(value) < 21 and _CENTS_RE.fullmatch(value):
        cents = int(value.replace(".", "", 1))  # as kadev writes the ledger
        if -MAX_CENTS <= cents <= MAX_CENTS:
            return cents

    if isinstance(value, bool):
        raise ValueError(lazy("p.not_amount", value=value))
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip()
        for token in ("¥", "CNY", "RMB", "元", " ", "\u00a0"):
            text = text.replace(token, "")
        negative = False
        if text.startswith("(") and text.endswith(")"):
            negative, text = True, text[1:-1]
        if text.startswith("-"):
            negative, text = not negative, text[1:]
        elif text.endswith("-"):  # trailing minus, as some ERPs print credit notes
            negative, text = not negative, text[:-1]
        elif text.startswith("+"):
            text = text[1:]
        if not text or not _NUMBER_RE.match(text) or text == ".":
            raise ValueError(lazy("p.not_amount", value=value))
        try:
            number = Decimal(text.replace(",", ""))
        except InvalidOperation:
            raise ValueError(lazy("p.not_amount", value=value)) from None
        if negative:
            number = -number
    from kadev.limits import MAX_AMOUNT

    if not number.is_finite() or abs(number) > MAX_AMOUNT:
        raise ValueError(lazy("p.amount_range", value=value))
    return int((number * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def cents_text(cents: int) -> str:
    if cents >= 0:
        return f"{cents // 100}.{cents % 100:02d}"
    return f"-{-cents // 100}.{-cents % 100:02d}"


def month_path(root: Path, month: str) -> Path:
    return root / SALES_DIR / f"{month}.csv"


def months(root: Path) -> list[str]:
    folder = root / SALES_DIR
    if not folder.is_dir():
        return []
    return sorted(m.group(1) for e in folder.iterdir() if (m := MONTH_FILE_RE.match(e.name)))


def month_stats(root: Path, wanted: Iterable[str]) -> tuple[tuple[str, int, int, int, int], ...]:
    """(month, mtime_ns, size, ctime_ns, inode) of each wanted month that has a file, in the
    order given."""
    import os

    from kadev.store.index import stat_key

    out = []
    for month in wanted:
        try:
            st = os.stat(month_path(root, month))
        except OSError:
            continue
        out.append((month, *stat_key(st)))
    return tuple(out)


def read_month(root: Path, month: str) -> tuple[list[LedgerRow], list[Problem]]:
    """Rows of one month's file and the problems of its malformed rows."""
    rel = f"{SALES_DIR}/{month}.csv"
    path = root / rel
    from kadev.store.root import linked_part

    link = linked_part(root, rel)
    if link is not None:
        return [], [Problem(rel, 0, 0, lazy("p.symlink", path=link))]
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return [], []
    except UnicodeDecodeError:
        return [], [Problem(rel, 1, 1, lazy("p.ledger_not_utf8"))]
    rows: list[LedgerRow] = []
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        return [], [Problem(rel, 1, 1, lazy("p.empty"))]
    header = [h.strip() for h in header]
    if header[:2] != COLUMNS[:2] or any(h not in COLUMNS for h in header):
        return [], [Problem(rel, 1, 1, lazy("p.ledger_header", columns=",".join(COLUMNS),
                                            found=",".join(header)))]
    width = len(header)
    columns = tuple(header.index(name) if name in header else None for name in COLUMNS)
    quantities: dict[str, Decimal] = {}  # the same few quantities recur on every other row
    for record in reader:
        line = reader.line_num
        # column 0 is the account (checked above): a row with one is not blank
        if len(record) != width or not record[0].strip():
            if not any(cell.strip() for cell in record):
                continue
            if len(record) != width:
                problems.append(Problem(rel, line, 1, lazy("p.ledger_width", width=width,
                                                           found=len(record))))
                continue
        try:
            rows.append(_row(record, columns, line, quantities))
        except ValueError as err:  # (a message worded when shown)
            problems.append(Problem(rel, line, 1, err.args[0] if err.args else str(err)))
    return rows, problems


def _row(record: list[str], columns: tuple[int | None, ...], line: int,
         quantities: dict[str, Decimal]) -> LedgerRow:
    at_account, at_revenue, at_profit, at_product, at_quantity = columns
    account = record[at_account].strip()  # type: ignore[index]
    if not account:
        raise ValueError(lazy("p.ledger_no_account"))
    try:
        revenue = parse_amount(record[at_revenue])  # type: ignore[index]
    except ValueError as err:
        raise ValueError(lazy("p.ledger_field", field="revenue", problem=err.args[0])) from None
    profit_text = record[at_profit].strip() if at_profit is not None else ""
    quantity_text = record[at_quantity].strip() if at_quantity is not None else ""
    quantity = quantities.get(quantity_text) if quantity_text else None
    if quantity is None and quantity_text:
        try:
            quantity = quantities[quantity_text] = Decimal(quantity_text)
        except InvalidOperation:
            raise ValueError(lazy("p.ledger_field", field="quantity",
                                  problem=lazy("p.not_number", value=quantity_text))) from None
    try:
        profit = parse_amount(profit_text) if profit_text else None
    except ValueError as err:
        raise ValueError(lazy("p.ledger_field", field="profit", problem=err.args[0])) from None
    return LedgerRow(account, revenue, profit,
                     record[at_product].strip() if at_product is not None else "", quantity,
                     line)


def month_text(rows: Iterable[Row]) -> str:
    """The month's file: rows by account and product, amounts as `-123.45`, fields quoted as
    Python's csv module quotes them (only when they hold a comma, a quote or "\\n")."""
    ordered = sorted(rows, key=itemgetter(0, 3))
    # each distinct text and quantity is written once, not once per row
    fields = {text: f'"{text.replace(chr(34), chr(34) * 2)}"' if _QUOTED.search(text) else text
              for text in {row[0] for row in ordered} | {row[3] for row in ordered}}
    quantities = {q: "" if q is None else format(q, "f") for q in {row[4] for row in ordered}}
    lines = [",".join(COLUMNS)]
    for account, revenue, profit, product, quantity, _ in ordered:
        lines.append(f"{fields[account]},{cents_text(revenue)},"
                     f"{'' if profit is None else cents_text(profit)},{fields[product]},"
                     f"{quantities[quantity]}")
    lines.append("")
    return "\n".join(lines)


MonthSums = dict[str, tuple[int, int | None]]  # account → (revenue, profit or None), cents


def _sum_month(root: Path, month: str) -> tuple[MonthSums, list[Problem]]:
    rows, problems = read_month(root, month)
    sums: MonthSums = {}
    for row in rows:
        revenue, profit = sums.get(row.account, (0, None))
        if row.profit is not None:
            profit = (profit or 0) + row.profit
        sums[row.account] = (revenue + row.revenue, profit)
    return sums, problems


class Ledger:
    """Per-account sums of ledger months, each month's file summed once and then cached."""

    def __init__(self, root: Path, use_cache: bool = True) -> None:
        from kadev.store.cache import FileCache

        self.root = root
        self.files = FileCache(root, "ledger", use_cache)

    def month(self, month: str) -> tuple[MonthSums, list[Problem]]:
        path = month_path(self.root, month)
        try:
            st = path.stat()
        except FileNotFoundError:
            return {}, []
        result: tuple[MonthSums, list[Problem]] = self.files.get(
            f"{SALES_DIR}/{month}.csv", st,
            lambda: _sum_month(self.root, month))
        return result

    def close(self) -> None:
        self.files.save()


def month_sums(root: Path, wanted: Iterable[str]
               ) -> dict[str, dict[str, tuple[int, int | None]]]:
    """{account: {month: (revenue, profit or None when no row had one)}} in cents."""
    ledger = Ledger(root)
    out: dict[str, dict[str, tuple[int, int | None]]] = {}
    for month in wanted:
        sums, _ = ledger.month(month)
        for account, value in sums.items():
            out.setdefault(account, {})[month] = value
    ledger.close()
    return out


def totals(root: Path, wanted: Iterable[str], by: str = "revenue"
           ) -> tuple[dict[str, int], list[Problem]]:
    """Sum per account (cents) of revenue or profit over the given months."""
    ledger = Ledger(root)
    sums: dict[str, int] = {}
    problems: list[Problem] = []
    for month in wanted:
        month_sums_, month_problems = ledger.month(month)
        problems.extend(month_problems)
        for account, (revenue, profit) in month_sums_.items():
            amount = revenue if by == "revenue" else (profit or 0)
            sums[account] = sums.get(account, 0) + amount
    ledger.close()
    return sums, problems
