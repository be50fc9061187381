"""Field-level history of a card: flatten two versions of account.yaml and list what changed.

Lists of records with a `name` (contacts, opportunities, competitors) are keyed by that name,
so a change reads `contacts[袁婷].title: 采购经理 → 总经理` rather than a shifted index.
"""

from __future__ import annotations

from collections.abc import Callable
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
    return flat_changes(flatten(old or {}), flatten(new or {}))


def flat_changes(before: dict[str, str], after: dict[str, str]
                 ) -> list[tuple[str, str | None, str | None]]:
    """`field_changes` of two flattened versions."""
    keys = list(after) + [k for k in before if k not in after]
    return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]


class Versions:
    """Flattened versions of one card, parsed section by section with a memo: consecutive
    versions differ in a field or two, so of a card's 300 versions each top-level section is
    parsed about once for each time it changed, not 300 times."""

    def __init__(self, parse: Callable[[str], Any]) -> None:
        self.parse = parse  # text -> data; raises when it is not YAML
        self.sections: dict[str, tuple[Any, dict[str, str]]] = {}

    def flat(self, text: str) -> dict[str, str]:
        parts = _sections(text)
        if parts is None:  # a shape the split cannot be sure of: the whole text
            return flatten(self.parse(text) or {})
        out: dict[str, str] = {}
        keys: set[Any] = set()
        for part in parts:
            known = self.sections.get(part)
            if known is None:
                try:
                    data = self.parse(part)
                except Exception:  # noqa: BLE001 - cut where it should not be: the whole text
                    return flatten(self.parse(text) or {})
                if data is not None and not (isinstance(data, dict) and len(data) == 1):
                    return flatten(self.parse(text) or {})
                key = next(iter(data)) if data is not None else None
                known = self.sections[part] = (key, flatten(data) if data is not None else {})
            if known[0] is not None:
                if known[0] in keys:  # a key given twice: the last one counts, in the first's place
                    return flatten(self.parse(text) or {})
                keys.add(known[0])
            out |= known[1]
        return out


_UNSURE = tuple("-?%&*!|>'\"[{@`.")  # a line starting with these at column 0: no split


def _sections(text: str) -> list[str] | None:
    """The text cut before every line that starts a top-level key, or None when a line at
    column 0 could be anything else (a document marker, a flow collection, a quoted key)."""
    starts = [0]
    at = 0
    for line in text.splitlines(keepends=True):
        first = line[:1]
        if first == "-" and line[1:2] in (" ", "\n", "\r", ""):
            pass  # an item of the list the key above holds
        elif first and first not in " \t\r\n#":
            if first in _UNSURE:
                return None
            if at:
                starts.append(at)
        at += len(line)
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
