"""The account file card as rich renderables, laid out for 80 and 120 columns: sections of
key/value rows, named records (contacts, deals, competitors) as blocks, financials with one
column per year. Amounts carry the currency, ratios are percentages, yes/no and enumerations
are words of the language, and a value wraps only at its own spaces (a phone number, an
e-mail address or an amount is never split)."""

from __future__ import annotations

import datetime as dt
import typing
from decimal import Decimal
from typing import Any

from kadev.i18n import label
from kadev.render.output import money

ENUM_OF = {"status": "status", "nature": "nature", "layer": "layer", "function": "function",
           "influence": "level", "attitude": "attitude", "risk": "level", "stage": "stage",
           "result": "state", "advantage": "advantage", "quadrant": "quadrant",
           "reasons": "reason", "tier_from": "tier_from"}
PERCENT = {"net_margin", "roa", "market_share", "share_of_wallet", "risk_coefficient",
           "response_rate"}
TITLE_KEYS = ("name", "year", "month", "advantage")  # what names a record in a list


def _money_keys() -> frozenset[str]:
    """The names of every amount field of the card's records (typed Money in the models)."""
    import dataclasses

    from kadev.models.account import Account

    found: set[str] = set()
    seen: set[type] = set()

    def walk(cls: type) -> None:
        if cls in seen or not dataclasses.is_dataclass(cls):
            return
        seen.add(cls)
        hints = typing.get_type_hints(cls, include_extras=True)
        for f in dataclasses.fields(cls):
            hint = hints[f.name]
            if "Decimal" in str(hint):
                found.add(f.name)
            for arg in _types(hint):
                walk(arg)

    walk(Account)
    return frozenset(found)


def _types(hint: Any) -> list[type]:
    """The classes a type hint names (inside Optional, list[…], Annotated[…])."""
    if isinstance(hint, type):
        return [hint]
    return [cls for arg in typing.get_args(hint) for cls in _types(arg)]


class Cells:
    """Words for values, in the language, with the currency symbol."""

    def __init__(self, symbol: str) -> None:
        self.symbol = symbol
        self.money = _money_keys()

    def value(self, key: str, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return label("bool", str(value).lower())
        if isinstance(value, list):
            if all(not isinstance(v, dict | list) for v in value):
                return "、".join(self.value(key, v) for v in value) if _zh() else ", ".join(
                    self.value(key, v) for v in value)
            return str(len(value))
        if isinstance(value, dict):
            return " · ".join(f"{label('field', k)} {self.value(k, v)}"
                              for k, v in value.items() if v not in (None, [], {}))
        if key in self.money and isinstance(value, int | float | Decimal):
            return money(value, self.symbol)
        if key in PERCENT and isinstance(value, int | float | Decimal):
            return f"{float(value):.1%}"
        if key in ENUM_OF and isinstance(value, str):
            return label(ENUM_OF[key], value)
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value)


def _zh() -> bool:
    from kadev.i18n import lang

    return lang() == "zh"


class _Grid:
    """Label–value rows; values wrapped to the width at hand by Chinese rules (no line starts
    with 。，）), which rich's own folding does not know."""

    def __init__(self, rows: list[tuple[str, str]], indent: int) -> None:
        self.rows = [(" " * indent + key, value) for key, value in rows]

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.cells import cell_len
        from rich.table import Table

        from kadev.render.wrapping import wrap

        keys = max((cell_len(k) for k, _ in self.rows), default=0)
        room = max(options.max_width - keys - 2, 10)
        grid = Table.grid(padding=(0, 2), pad_edge=False)
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold", ratio=1)
        for key, value in self.rows:
            grid.add_row(key, wrap(value, room) if cell_len(value) > room else value)
        yield grid


def _grid(rows: list[tuple[str, str]], indent: int = 2) -> Any:
    return _Grid(rows, indent)


def card_renderables(card: dict[str, Any], title: str, symbol: str = "¥") -> list[Any]:
    """Renderables for a card dumped to plain data (None and empty values already dropped)."""
    from rich.text import Text

    cells = Cells(symbol)
    head: list[tuple[str, str]] = []
    parts: list[Any] = []
    for key, value in card.items():
        if isinstance(value, dict):
            parts.append(Text(label("field", key), style="bold underline"))
            kind = "swot" if key == "swot" else "field"  # SWOT's opportunities: 机会, not deals
            parts.append(_grid([(label(kind, k), cells.value(k, v))
                                for k, v in value.items() if v not in (None, [], {})]))
        elif key == "financials" and isinstance(value, list) and value:
            parts.append(Text(label("field", key), style="bold underline"))
            parts.append(_by_year(value, cells))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            parts.append(Text(label("field", key), style="bold underline"))
            for item in value:
                name = next((k for k in TITLE_KEYS if k in item), None)
                heading = cells.value(name, item[name]) if name else ""
                parts.append(Text("  " + heading, style="bold"))
                parts.append(_grid([(label("field", k), cells.value(k, v))
                                    for k, v in item.items()
                                    if k != name and v not in (None, [], {}, False)], indent=4))
        else:
            head.append((label("field", key), cells.value(key, value)))
    return [Text(title, style="bold"), _grid(head), *parts]


def _by_year(rows: list[dict[str, Any]], cells: Cells) -> Any:
    """Financial figures with one column per year, so a few years fit 80 columns."""
    from rich import box
    from rich.table import Table

    years = [r.get("year") for r in rows]
    keys: list[str] = []
    for row in rows:
        keys += [k for k in row if k != "year" and k not in keys]
    listing = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    listing.add_column("", style="bold", no_wrap=True)
    for year in years:
        listing.add_column(str(year), justify="right", no_wrap=True)
    for key in keys:
        listing.add_row("  " + label("field", key), *(cells.value(key, r.get(key)) for r in rows))
    return listing
