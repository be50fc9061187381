"""Reading a CSV sales export of any size with pandas, to the same transactions and messages
as reading it row by row (`sales_columns.parse_row`, which names each bad row), in three
tiers:

1. **Typed**: names, products and dates are read as categories and amounts as numbers by
   pandas' C parser; every rule of `parse_row` (blank and total rows, stripping, dates) then
   runs once per distinct value instead of once per row. Used when every row is clean: amounts
   are plain numbers that round to whole cents, dates and customers are readable.
2. **Text**: every cell as text, checked with pandas' vectorised string operations; the rows
   that need it go through `parse_row` one by one, so messages are the row reader's own.
3. **None**: rows pandas cannot split into the header's columns (more cells than the header);
   the caller then uses the row reader.

Rows are summed per (month, customer, product); each sum keeps its first row number.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from kadev.errors import Problem
from kadev.i18n import lazy
from kadev.store.sales_columns import (
    TOTAL_WORDS,
    Source,
    Txn,
    codecs_for,
    find_header,
    is_footer,
    map_columns,
    norm_header,
    parse_month,
    parse_row,
    undecodable,
)

if TYPE_CHECKING:
    from pathlib import Path

    import numpy as np

DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d")
HEAD_BYTES = 1 << 16  # where the header is looked for: the first 20 rows, within 64 KiB
KEYS = ["month", "customer", "product"]


class _Unreadable(Exception):
    """pandas cannot split the rows into the header's columns: leave it to the row reader."""


def read_bulk_csv(path: Path, explicit: dict[str, str | None], period: str | None
                  ) -> Source | None:
    """Every transaction of the file, summed per month and key; None to use the row reader."""
    raw = path.read_bytes()
    tries = codecs_for(raw)
    for codec, label in tries:
        try:
            return _read(raw, codec, label, path.name, explicit, period)
        except UnicodeDecodeError:  # its position is within pandas' chunk: find it again
            if (codec, label) == tries[-1]:
                raise undecodable(raw, path.name) from None
        except _Unreadable:
            return None
    return None


def _read(raw: bytes, codec: str, label: str, name: str, explicit: dict[str, str | None],
          period: str | None) -> Source:
    source = Source(encoding=label)
    head = raw[:HEAD_BYTES]
    if len(raw) > HEAD_BYTES and b"\n" in head:
        head = head[:head.rindex(b"\n") + 1]  # never inside a character: 0x0a is always a newline
    text = head.decode(codec)
    delimiter = max((",", "\t", ";"), key=text[:4096].count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = [(reader.line_num, cells) for cells, _ in zip(reader, range(20), strict=False)]
    if not rows:
        source.problems.append(Problem(name, 1, 0, lazy("p.empty")))
        return source
    header_at = find_header(rows, explicit)
    header = rows[header_at][1]
    mapping = map_columns(header, explicit, name, period)
    source.columns = {role: str(header[i]) for role, i in mapping.items()}
    options = {"sep": delimiter, "header": None, "names": range(len(header)),
               "skiprows": header_at + 1, "keep_default_na": False,
               "skip_blank_lines": False, "encoding": codec}
    first = header_at + 2  # the row number of the first data row
    typed = None if _odd_numbers(raw) else _typed(raw, options, mapping, period, first)
    if typed is not None:
        table, names, source.rows, source.skipped_totals = typed
    else:
        table, names = _text(raw, options, mapping, period, first, name, source), {}
        if source.problems:
            return source
    source.txns = _summed(table, names)
    if not source.txns:
        source.problems.append(Problem(name, header_at + 1, 0, lazy("p.no_rows")))
    return source


def _frame(raw: bytes, options: dict[str, Any], **more: Any) -> Any:
    import pandas as pd

    try:
        frame = pd.read_csv(io.BytesIO(raw), **options, **more)
    except pd.errors.ParserError:
        raise _Unreadable from None
    if not isinstance(frame.index, pd.RangeIndex):  # a row with more cells than the header
        raise _Unreadable
    return frame


def _odd_numbers(raw: bytes) -> bool:
    """Whether the file may hold a number that pandas reads but the row reader refuses: an
    exponent (1.5E+04, as Excel writes long numbers) or a trailing point (12.). Looks at bytes,
    so it is cautious: `CK6150E-2` also counts, and sends the file to the text reader."""
    import numpy as np

    data = np.frombuffer(raw, np.uint8)
    step = 1 << 16  # slices that stay in cache, and below malloc's threshold for mmap
    for start in range(1, len(data) - 1, step):
        middle = data[start:start + step]
        before = data[start - 1:start - 1 + len(middle)]
        after = data[start + 1:start + 1 + len(middle)]
        if len(after) < len(middle):  # the file's last byte: nothing follows it
            after = np.append(after, np.uint8(ord(",")))
        late = (after >= ord("0")) & (after <= ord("9"))
        early = (before >= ord("0")) & (before <= ord("9"))
        if (((middle | 0x20) == ord("e")) & (early | (before == ord(".")))
                & (late | (after == ord("+")) | (after == ord("-")))).any():
            return True
        if ((middle == ord(".")) & early & ~late).any():
            return True
    return False


def _typed(raw: bytes, options: dict[str, Any], mapping: dict[str, int], period: str | None,
           first: int) -> tuple[Any, dict[str, Any], int, int] | None:
    """(table, names, rows read, total rows skipped) of a clean file: the table's customer and
    product are numbers for the texts in `names`. None when any row needs the
    text reader: a cell pandas cannot read as a number, or a row that `parse_row` would refuse
    or read differently."""
    import numpy as np
    import pandas as pd

    numeric = {mapping[r] for r in ("amount", "profit", "quantity") if r in mapping}
    columns = range(len(options["names"]))
    try:
        frame = _frame(raw, options, na_values={i: [""] for i in numeric},
                       dtype={i: "float64" if i in numeric else "category" for i in columns})
    except ValueError:  # a cell that is not a plain number
        return None
    size = len(frame)

    def stripped_codes(i: int) -> tuple[np.ndarray, np.ndarray]:
        """Each cell of column i as a number for its stripped text, and those texts."""
        column = frame[i]
        stripped = [str(v).strip() for v in column.cat.categories] + [""]
        numbers, texts = pd.factorize(np.asarray(stripped, dtype=object))
        return numbers[column.cat.codes.to_numpy()], texts  # code -1 (missing cell): ""

    def per_value(i: int, rule: Any, missing: bool | int) -> np.ndarray:
        """`rule` of every cell of column i, computed once per distinct value."""
        column = frame[i]
        values = np.asarray([rule(str(v)) for v in column.cat.categories] + [missing])
        picked: np.ndarray = values[column.cat.codes.to_numpy()]  # code -1: `missing`
        return picked

    blank = np.ones(size, bool)
    total = np.zeros(size, bool)
    for i in columns:
        if i in numeric:
            blank &= frame[i].isna().to_numpy()
            continue
        blank &= per_value(i, lambda v: not v.strip(), True)
        if i <= mapping["account"]:
            total |= per_value(i, lambda v: norm_header(v) in TOTAL_WORDS, False)
    keep = ~blank & ~total
    customer, customers = stripped_codes(mapping["account"])
    good = customers[customer] != ""

    def cents(role: str) -> Any:
        nonlocal good
        value = frame[mapping[role]].to_numpy()
        scaled = value * 100
        whole = np.rint(scaled)
        # whole cents within 0.001 (and far from float's limits): the row reader's exact
        # decimal rounding gives the same cents
        with np.errstate(invalid="ignore"):
            exact = (np.abs(value) < 1e10) & (np.abs(scaled - whole) < 1e-3)
        good &= exact if role == "amount" else exact | np.isnan(value)
        return whole

    revenue = cents("amount")
    profit = cents("profit") if "profit" in mapping else np.full(size, np.nan)
    quantity = np.full(size, np.nan)
    if "quantity" in mapping:
        quantity = frame[mapping["quantity"]].to_numpy()
        good &= ~np.isinf(quantity)
    if period:
        month = np.full(size, _yyyymm(period))
    else:
        month = per_value(mapping["date"], _month_number, 0)
        good &= month != 0
    if (keep & ~good).any():
        return None
    product, products = (stripped_codes(mapping["product"]) if "product" in mapping
                         else (np.zeros(size, np.intp), np.asarray([""], dtype=object)))
    table = pd.DataFrame({"row": np.arange(first, first + size), "month": month,
                          "customer": customer, "product": product,
                          "revenue": np.where(keep, revenue, 0).astype("int64"), "profit": profit,
                          "quantity": quantity})[keep]
    return (table, {"customer": customers, "product": products}, int(keep.sum()),
            int((total & ~blank).sum()))


def _yyyymm(month: str) -> int:
    """2026-10 → 202610: months as numbers while grouping (labelled again in `_summed`)."""
    return int(month[:4]) * 100 + int(month[5:])


def _month_number(text: str) -> int:
    """yyyymm of a date cell as `parse_month` reads it, or 0 when it cannot."""
    try:
        return _yyyymm(parse_month(text))
    except ValueError:
        return 0


def _text(raw: bytes, options: dict[str, Any], mapping: dict[str, int], period: str | None,
          first: int, name: str, source: Source) -> Any:
    """The table of every row read as text; rows that need it go through `parse_row`, which
    adds its problems to `source`."""
    import pandas as pd

    data = _frame(raw, options, dtype=str)
    numbers = pd.Series(range(first, first + len(data)), index=data.index)
    stripped: dict[Any, Any] = {i: data[i].str.strip() for i in set(mapping.values())}

    def column(role: str) -> Any:
        return stripped[mapping[role]] if role in mapping else None

    customer = column("account")
    blank = pd.Series(True, index=data.index)
    for i in data.columns:
        blank &= (stripped[i] if i in stripped else data[i]) == ""
    words = {v for w in TOTAL_WORDS for v in (w, w.upper(), w.title(), w.capitalize())}
    total = customer.isin(words)
    for before in range(mapping["account"]):
        total |= (stripped[before] if before in stripped
                  else data[before].str.strip()).isin(words)
    source.skipped_totals = int((total & ~blank).sum())
    keep = ~blank & ~total
    # below a total row: a refused row without an amount is a footer line (as the row reader)
    after_total = (total & ~blank).astype(int).cumsum().shift(1, fill_value=0) > 0

    def amounts(role: str, required: bool) -> tuple[Any, Any]:
        """Cents where the text is a plain number with at most 2 decimals, and a mask of the
        rows that need the careful reader."""
        text = column(role)
        value = pd.to_numeric(text, errors="coerce")
        plain = text.str.fullmatch(r"-?\d+(\.\d{1,2})?")
        cents = (value * 100).round()
        # beyond 15 digits a float is no longer exact to the cent (and a huge one is not a
        # number at all): the careful reader gives the exact amount, or the limit's problem
        bad = ~plain.fillna(False) | ~(cents.abs() < 1e15)
        if not required:
            bad &= text != ""
        return cents, bad

    revenue, slow = amounts("amount", True)
    profit = None
    if "profit" in mapping:
        profit, bad = amounts("profit", False)
        slow |= bad
    quantity = None
    if "quantity" in mapping:
        qtext = column("quantity")
        quantity = pd.to_numeric(qtext, errors="coerce")
        slow |= quantity.isna() & (qtext != "")
    if period:
        month = pd.Series(_yyyymm(period), index=data.index)
    else:
        dtext = column("date")
        parsed = pd.Series(pd.NaT, index=data.index)
        for fmt in DATE_FORMATS:
            missing = parsed.isna()
            if not missing.any():
                break
            parsed[missing] = pd.to_datetime(dtext[missing], format=fmt, errors="coerce")
        slow |= parsed.isna()
        month = parsed.dt.year * 100 + parsed.dt.month
    slow |= customer == ""
    slow &= keep
    fast = keep & ~slow
    source.rows = int(keep.sum())
    table = pd.DataFrame({
        "row": numbers[fast], "month": month[fast], "customer": customer[fast],
        "product": column("product")[fast] if "product" in mapping else "",
        "revenue": revenue[fast].astype("int64"),
        "profit": profit[fast] if profit is not None else float("nan"),
        "quantity": quantity[fast] if quantity is not None else float("nan"),
    })
    careful: list[Txn] = []
    for index in data.index[slow]:
        # a short row's missing cells are NaN here and None in the row reader
        cells = [None if isinstance(c, float) and c != c else c for c in data.loc[index]]
        result = parse_row(int(numbers[index]), cells, mapping, period, name)
        if isinstance(result, Problem) and after_total[index] and is_footer(cells, mapping):
            source.skipped_footer += 1
            source.rows -= 1
        elif isinstance(result, Problem):
            source.problems.append(result)
        elif isinstance(result, Txn):
            careful.append(result)
    if not careful:
        return table
    extra = pd.DataFrame([{"row": t.row, "month": _yyyymm(t.month),
                           "customer": t.customer, "product": t.product, "revenue": t.revenue,
                           "profit": float("nan") if t.profit is None else t.profit,
                           "quantity": float("nan") if t.quantity is None
                           else float(t.quantity)}
                          for t in careful], columns=table.columns)
    return pd.concat([table, extra], ignore_index=True)


def _summed(table: Any, names: dict[str, Any]) -> list[Txn]:
    """One transaction per (month, customer, product), with the first row number; a column
    in `names` holds numbers for the texts there."""
    groups = table.groupby(KEYS, sort=True)
    summed = groups.agg(row=("row", "min"), revenue=("revenue", "sum")).join(
        groups["profit"].sum(min_count=1)).join(groups["quantity"].sum(min_count=1))
    flat = summed.reset_index()

    def column(name: str) -> list[Any]:
        values = flat[name]
        listed: list[Any] = (names[name][values.to_numpy()] if name in names
                             else values).tolist()
        return listed

    labels = {m: f"{int(m) // 100:04d}-{int(m) % 100:02d}"  # yyyymm, float from the text read
              for m in flat["month"].unique().tolist()}
    decimals = {q: _decimal(q) for q in flat["quantity"].dropna().unique().tolist()}
    nothing = [None] * len(flat)
    # NaN (`x != x`): no profit or quantity given
    profits = nothing if flat["profit"].isna().all() else [
        None if p != p else int(round(p)) for p in column("profit")]
    quantities = nothing if flat["quantity"].isna().all() else [
        None if q != q else decimals[q] for q in column("quantity")]
    # whole columns as Python lists, then tuples made in C: far cheaper than a row iterator
    return list(map(Txn._make, zip(column("row"), [labels[m] for m in column("month")],
                                   column("customer"), column("product"), column("revenue"),
                                   profits, quantities, strict=True)))


def _decimal(quantity: float | int) -> Decimal:
    """The quantity a sum of float cells stands for: 3.0 → 3, 2.5 → 2.5 (a column of whole
    numbers arrives as ints, which have no is_integer before Python 3.12)."""
    if float(quantity).is_integer():
        return Decimal(int(quantity))
    return Decimal(repr(quantity)).normalize()
