"""Output in the format chosen once per command: a rich table, JSON (a contract) or CSV."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO, overload

from kadev.render.wrapping import wrap

if TYPE_CHECKING:
    from decimal import Decimal
    from fractions import Fraction


def _plain(value: Any) -> Any:
    """JSON/CSV form of what json cannot write itself: money, dates, enums, records."""
    from kadev.i18n import Msg
    from kadev.models.base import to_data

    if isinstance(value, Msg):  # a message found by the analysis, worded now
        return str(value)
    plain = to_data(value)
    if plain is value:
        raise TypeError(f"cannot serialise {type(value).__name__}")
    return plain


def worded(data: Any) -> Any:
    """`data` with every message in it worded in the current language (a briefing's text,
    built by the analysis as messages, before it is drawn)."""
    from kadev.i18n import Msg

    if isinstance(data, Msg):
        return str(data)
    if isinstance(data, dict):
        return {k: worded(v) for k, v in data.items()}
    if isinstance(data, list):
        return [worded(v) for v in data]
    if isinstance(data, tuple):
        return tuple(worded(v) for v in data)
    return data


_as_of: list[dict[str, str]] = []  # the --as-of commit a report reads, for its json


def set_as_of(about: dict[str, str] | None) -> None:
    _as_of[:] = [about] if about else []


def emit_json(data: Any) -> None:
    import json

    if _as_of and isinstance(data, dict):
        data = {"as_of": _as_of[0], **data}

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=_plain) + "\n")


_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NUMBER = re.compile(r"[-+]?\d[\d,]*(\.\d+)?%?")


def safe(text: str) -> str:
    """Text from the data as a terminal may show it: control characters (escape sequences
    that could retitle the window, clear the screen or fake output) removed."""
    return _UNSAFE.sub("", text) if _UNSAFE.search(text) else text


def csv_cell(value: Any) -> Any:
    """A cell as a spreadsheet must not run it: text starting with = + - @ (a formula to
    Excel) gets a leading apostrophe, unless it is a plain number."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") \
            and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


# the enumeration (i18n label kind) of the values of a csv column, named in Chinese
CSV_VALUES = {"status": "status", "nature": "nature", "severity": "severity", "stage": "stage",
              "state": "state", "quadrant": "quadrant", "kind": "kind", "method": "method",
              "escalated": "bool", "grade_overridden": "bool", "measure": "measure"}


def emit_csv(columns: Sequence[str], rows: Sequence[Sequence[Any]],
             values: dict[str, str] | None = None, out: TextIO | None = None) -> None:
    """CSV on stdout. In English the header is the columns' stable names and values are as
    files spell them; in Chinese the header and enumeration values are Chinese (`values`
    overrides a column's kind of `CSV_VALUES`), after a UTF-8 byte-order mark so that Excel
    reads the characters. Numbers stay numbers in both."""
    import csv

    from kadev.i18n import label, lang, t

    zh = lang() == "zh"
    kinds = CSV_VALUES | (values or {}) if zh else {}
    out = sys.stdout if out is None else out
    writer = csv.writer(out, lineterminator="\n")
    if zh:
        out.write("\ufeff")
    writer.writerow([t(f"csv.{c}") for c in columns] if zh else columns)
    where = [(i, kinds[c]) for i, c in enumerate(columns) if c in kinds]
    for row in rows:
        cells = [csv_cell("" if v is None else _plain(v)
                          if not isinstance(v, str | int | float) else v) for v in row]
        for i, kind in where:
            if cells[i] != "":
                cells[i] = label(kind, str(cells[i]).lower() if kind == "bool" else cells[i])
        writer.writerow(cells)


def console(stderr: bool = False) -> Any:
    from rich.console import Console
    from rich.segment import Segment

    class SafeConsole(Console):
        """Every piece of text printed has its control characters removed (`safe`); the
        console's own styling codes are added after, so colours still work."""

        def render(self, renderable: Any, options: Any = None) -> Iterable[Segment]:
            for segment in super().render(renderable, options):
                if segment.control is None and _UNSAFE.search(segment.text):
                    yield Segment(safe(segment.text), segment.style)
                else:
                    yield segment

    # no markup or emoji codes: data is printed as written ("[急]" or ":cn:" in a note stays
    # as it is), and cells need no markup parsing
    return SafeConsole(stderr=stderr, highlight=False, soft_wrap=False, markup=False,
                       emoji=False)


ROWS_SHOWN = 100  # a terminal table longer than this shows its top and says how to see all


def table(title: str | None, columns: Sequence[str], rows: Sequence[Sequence[Any]],
          right: Sequence[str] = (), caption: str | None = None, width: int | None = None,
          limit: int | None = None) -> Any:
    """A rich table; `right` names the columns to right-align (numbers).

    Short columns (ids, dates, amounts, classes) are kept on one line and long text folds;
    when even that cannot fit `width`, every column may fold, so none is squeezed away.
    Columns empty in every row are left out.
    """
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table

    if limit is not None and len(rows) > limit:
        from kadev.i18n import t

        more = t("table.more", shown=limit, total=len(rows))
        caption = f"{caption}\n{more}" if caption else more
        rows = rows[:limit]

    out = Table(title=title, box=box.SIMPLE_HEAD, caption=caption, title_justify="left",
                caption_justify="left", pad_edge=False, show_edge=False, padding=(0, 1, 0, 0))
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    keep = [i for i in range(len(columns)) if not cells or any(row[i] for row in cells)]
    cell_w = {i: max([cell_len(line) for row in cells for line in row[i].splitlines() or [""]]
                     or [0]) for i in keep}
    head_w = {i: cell_len(columns[i]) for i in keep}
    widest = {i: max(cell_w[i], head_w[i]) for i in keep}
    short = [i for i in keep if widest[i] <= 24]
    long = [i for i in keep if i not in short]
    fixed: dict[int, int | None] = {i: widest[i] if i in short else None for i in keep}
    wrap_all = False
    if width is not None:
        gaps = 2 * (len(keep) - 1)
        if sum(widest[i] for i in short) + gaps + 8 * len(long) > width:
            # first let the headers wrap: short columns only as wide as their cells
            fixed |= {i: max(cell_w[i], min(head_w[i], 6), 1) for i in short}
        spare = width - sum(fixed[i] or 0 for i in short) - gaps
        if long:
            share = spare // len(long)
            fixed |= {i: min(widest[i], max(8, share)) for i in long}
        wrap_all = sum(v or 0 for v in fixed.values()) + gaps > width
    for i in keep:
        size = None if wrap_all else fixed[i]
        no_wrap = i in short and size is not None and size >= cell_w[i]
        out.add_column(columns[i], justify="right" if columns[i] in right else "left",
                       no_wrap=no_wrap, width=size, min_width=size,
                       overflow="ellipsis" if no_wrap else "fold")
    for i in keep:
        size = None if wrap_all else fixed[i]
        if size is not None and size < cell_w[i]:  # it folds: break it the Chinese way
            for row in cells:
                if cell_len(row[i]) > size:
                    row[i] = wrap(row[i], size)
    for row in cells:
        out.add_row(*(row[i] for i in keep))
    return out


class RowsOf(Sequence[Sequence[Any]]):
    """The table rows of `items`, made as they are shown: a table that shows the first
    hundred of 40,000 items makes a hundred rows."""

    def __init__(self, items: Sequence[Any], cells: Callable[[Any], Sequence[Any]]) -> None:
        self.items, self.cells = items, cells

    def __len__(self) -> int:
        return len(self.items)

    @overload
    def __getitem__(self, at: int) -> Sequence[Any]: ...

    @overload
    def __getitem__(self, at: slice) -> list[Sequence[Any]]: ...

    def __getitem__(self, at: int | slice) -> Sequence[Any] | list[Sequence[Any]]:
        if isinstance(at, int):
            return self.cells(self.items[at])
        return [self.cells(item) for item in self.items[at]]

    def __iter__(self) -> Iterator[Sequence[Any]]:
        return (self.cells(item) for item in self.items)


def print_table(title: str | None, columns: Sequence[str], rows: Sequence[Sequence[Any]],
                right: Sequence[str] = (), caption: str | None = None,
                limit: int | None = None) -> None:
    """`limit`: show only so many rows, and say how many there are and how to see all."""
    out = console()
    out.print(table(title, columns, rows, right, caption, width=out.width, limit=limit))


_units = "yuan"
_ids = False


def set_ids(show: bool) -> None:
    """Whether tables show each account's folder id beside its short name (`--ids`)."""
    global _ids
    _ids = show


def account_headers() -> list[str]:
    """The header(s) of the column(s) naming an account: its short name (and id with `--ids`)."""
    from kadev.i18n import t

    return [t("h.account"), t("h.id")] if _ids else [t("h.account")]


def account_cells(account_id: str, short: str) -> list[str]:
    """The cell(s) naming an account, matching `account_headers`."""
    return [short, account_id] if _ids else [short]


def units() -> str:
    """How amounts are shown: yuan, or wan (万)."""
    return _units


def set_units(units: str) -> None:
    """`yuan` (¥1,234,567.00) or `wan` (¥123.46万), for every amount printed in a table."""
    global _units
    _units = units


def money(value: Decimal | int | float | None, symbol: str = "¥", places: int = 2) -> str:
    if value is None:
        return ""
    sign = "-" if value < 0 else ""
    from decimal import Decimal

    amount = abs(Decimal(str(value)))
    if _units == "wan":
        return f"{sign}{symbol}{amount / 10000:,.2f}万"
    return f"{sign}{symbol}{amount:,.{places}f}"


def percent(fraction: float | Decimal | Fraction | None, places: int = 2) -> str:
    return "" if fraction is None else f"{float(fraction) * 100:.{places}f}%"


def no_card(name: str) -> str:
    """A name or owner as shown: the ledger's account without a card named in the language
    (JSON keeps the text `analysis.performance.NO_CARD`)."""
    from kadev.analysis.performance import NO_CARD

    if name != NO_CARD:
        return name
    from kadev.i18n import t

    return t("name.no_card")
