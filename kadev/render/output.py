"""Output in the format chosen once per command: a rich table, JSON (a contract) or CSV."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Sequence
from decimal import Decimal
from enum import Enum
from typing import Any

FORMATS = ("table", "json", "csv")


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    raise TypeError(f"cannot serialise {type(value).__name__}")


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=_plain) + "\n")


def emit_csv(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else _plain(v) if not isinstance(v, str | int | float)
                         else v for v in row])


def console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def table(title: str | None, columns: Sequence[str], rows: Sequence[Sequence[Any]],
          right: Sequence[str] = (), caption: str | None = None, width: int | None = None) -> Any:
    """A rich table; `right` names the columns to right-align (numbers).

    Short columns (ids, dates, amounts, classes) are kept on one line and long text folds;
    when even that cannot fit `width`, every column may fold, so none is squeezed away.
    Columns empty in every row are left out.
    """
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table

    out = Table(title=title, box=box.SIMPLE_HEAD, caption=caption, title_justify="left",
                caption_justify="left", pad_edge=False, show_edge=False, padding=(0, 1, 0, 0))
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    keep = [i for i in range(len(columns)) if not cells or any(row[i] for row in cells)]
    widest = {i: max([cell_len(columns[i])] + [cell_len(line) for row in cells
                                                for line in row[i].splitlines() or [""]])
              for i in keep}
    short = [i for i in keep if widest[i] <= 24]
    long = [i for i in keep if i not in short]
    share: int | None = None
    if width is not None and long:
        spare = width - sum(widest[i] for i in short) - 2 * (len(keep) - 1)
        share = max(8, spare // len(long))
    for i in keep:
        fixed = widest[i] if i in short else min(widest[i], share) if share else None
        out.add_column(columns[i], justify="right" if columns[i] in right else "left",
                       no_wrap=i in short, width=fixed, min_width=fixed,
                       overflow="ellipsis" if i in short else "fold")
    for row in cells:
        out.add_row(*(row[i] for i in keep))
    return out


def print_table(title: str | None, columns: Sequence[str], rows: Sequence[Sequence[Any]],
                right: Sequence[str] = (), caption: str | None = None) -> None:
    out = console()
    out.print(table(title, columns, rows, right, caption, width=out.width))


def money(value: Decimal | int | float | None, symbol: str = "¥") -> str:
    if value is None:
        return ""
    sign = "-" if value < 0 else ""
    return f"{sign}{symbol}{abs(Decimal(str(value))):,.2f}"


def percent(fraction: float | Decimal | None, places: int = 2) -> str:
    return "" if fraction is None else f"{float(fraction) * 100:.{places}f}%"
