"""The account file card as rich renderables: sections of key/value rows, lists as tables."""

from __future__ import annotations

from typing import Any

from kadev.i18n import label

ENUM_OF = {"status": "status", "nature": "nature", "layer": "layer", "function": "function",
           "influence": "level", "attitude": "attitude", "risk": "level", "stage": "stage",
           "result": "state", "advantage": "advantage", "quadrant": "quadrant"}


def _value(key: str, value: Any) -> Any:
    return label(ENUM_OF[key], value) if key in ENUM_OF and isinstance(value, str) else value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        if all(not isinstance(v, dict | list) for v in value):
            return ", ".join(_cell(v) for v in value)
        return f"({len(value)} items)"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_cell(v)}" for k, v in value.items() if v not in (None, [], {}))
    return str(value)


def card_renderables(card: dict[str, Any], title: str) -> list[Any]:
    """Renderables for a card dumped to plain data (None and empty values already dropped)."""
    from rich import box
    from rich.table import Table

    head = Table(title=title, box=box.SIMPLE_HEAD, show_header=False, title_justify="left")
    head.add_column("key", style="bold")
    head.add_column("value", overflow="fold")
    sections: list[Any] = []
    for key, value in card.items():
        if isinstance(value, dict):
            section = Table(title=label("field", key), box=box.SIMPLE_HEAD,
                            show_header=False, title_justify="left")
            section.add_column("key", style="bold")
            section.add_column("value", overflow="fold")
            for sub_key, sub_value in value.items():
                section.add_row(label("field", sub_key), _cell(_value(sub_key, sub_value)))
            sections.append(section)
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            columns: list[str] = []
            for item in value:
                columns.extend(k for k in item if k not in columns)
            listing = Table(title=label("field", key), box=box.SIMPLE_HEAD, title_justify="left")
            for column in columns:
                listing.add_column(label("field", column), overflow="fold")
            for item in value:
                listing.add_row(*(_cell(_value(c, item.get(c))) for c in columns))
            sections.append(listing)
        else:
            head.add_row(label("field", key), _cell(_value(key, value)))
    return [head, *sections]
