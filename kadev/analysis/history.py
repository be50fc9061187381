"""Field-level history of a card: flatten two versions of account.yaml and list what changed.

Lists of records with a `name` (contacts, opportunities, competitors) are keyed by that name,
so a change reads `contacts[袁婷].title: 采购经理 → 总经理` rather than a shifted index.
"""

from __future__ import annotations

from typing import Any


def _scalar(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_scalar(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def flatten(data: Any, prefix: str = "") -> dict[str, str]:
    """Dotted paths to scalar text for every leaf of a loaded card."""
    out: dict[str, str] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            out |= flatten(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(data, list) and data and all(isinstance(v, dict) for v in data):
        for index, item in enumerate(data):
            label = item.get("name") if isinstance(item.get("name"), str) else index
            out |= flatten(item, f"{prefix}[{label}]")
    else:
        out[prefix] = _scalar(data)
    return out


PERSONAL = (".birthday", ".personal", ".itinerary")  # a contact's personal data


def is_personal(field: str) -> bool:
    """Whether a flattened field is part of a contact's personal data."""
    return field.startswith("contacts[") and any(part in field for part in PERSONAL)


def field_changes(old: Any, new: Any) -> list[tuple[str, str | None, str | None]]:
    """(field, old, new) for every leaf that was added, removed or changed, in file order."""
    before, after = flatten(old or {}), flatten(new or {})
    keys = list(after) + [k for k in before if k not in after]
    return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]
