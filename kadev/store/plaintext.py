"""What a kadev file says, read from its text where it says it plainly, without parsing it:
a first run after a clone reads 10,000 cards and 240,000 visits, and most of them need one
or two values. Whatever is not written plainly (folded text, flow style, anchors, a key
twice, a merge conflict …) gets None, and the caller parses the file: what is read here must
be exactly what parsing gives (tested on every sample file).
"""

from __future__ import annotations

import datetime as dt
import re

from kadev.models.enums import Method

_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?:[ \t]+(.*))?$")


_SCALAR = re.compile(r"""(?:'([^'\n]+)'|"([^"\\\n]+)"|([^\s#'"&*!|>%@`{\[\]},-][^#]*?))"""
                     r"[ \t]*(?:[ \t]#.*)?")


_NOT_TEXT = re.compile(r"(?i)null|~|true|false|yes|no|on|off|y|n|[-+.0-9_:eExXoObB]+")


def plain_scalar(text: str) -> str | None:
    """A one-line YAML value that YAML reads as this very text, or None when unsure."""
    found = _SCALAR.fullmatch(text.strip())
    if found is None:
        return None
    value = found[1] or found[2] or found[3]
    if value is None or value != value.strip() or _NOT_TEXT.fullmatch(value) or (
            found[3] is not None and (": " in value or value.endswith(":"))):
        return None
    return value


def top_level(text: str, keys: tuple[str, ...], lists: tuple[str, ...] = ()
               ) -> tuple[dict[str, str], dict[str, list[str]]] | None:
    """The values of `keys` and the items of `lists` at a card's top level, read from its
    text where it writes them plainly (one-line values, lists as block lists of one-line
    items), as kadev writes cards; None when anything about them is not plain (parse it)."""
    if text.startswith(("%", "---", "\ufeff")) or "\t" in text:
        return None
    lines = text.split("\n")
    values: dict[str, str] = {}
    items: dict[str, list[str]] = {}
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line or line[0] in " #-":
            continue
        found = _KEY_LINE.match(line)
        if found is None:
            return None  # not a plain `key: value` at the top level
        key, rest = found[1], (found[2] or "").strip()
        if key not in keys and key not in lists:
            continue
        if key in values or key in items:
            return None  # twice: the file is refused when parsed
        if i < len(lines) and lines[i][:1] == " " and not lines[i].lstrip().startswith("- "):
            return None  # a value that goes on below (folded text or a nested mapping)
        if key in lists:
            if rest == "[]":
                items[key] = []
                continue
            if rest and not rest.startswith("#"):
                return None  # a flow list: parse it
            items[key] = []
            while i < len(lines) and lines[i].lstrip(" ").startswith("- "):
                item = plain_scalar(lines[i].lstrip(" ")[2:])
                if item is None or (i + 1 < len(lines) and lines[i + 1][:1] == " "
                                    and not lines[i + 1].lstrip(" ").startswith("- ")):
                    return None
                items[key].append(item)
                i += 1
            continue
        value = plain_scalar(rest)
        if value is None:
            return None
        values[key] = value
    return values, items


_DATE_LINE = re.compile(r"^date:[ \t]+(\d{4}-\d{2}-\d{2})[ \t]*(?:#.*)?$", re.M)


_METHODS = frozenset(m.value for m in Method)


def stamp_in_text(text: str) -> tuple[dt.date, str] | None:
    """A visit's date and method read from its text where it writes them plainly (the
    top level plain, `top_level`; the date as YYYY-MM-DD on one line), else None (parse
    it). The due list needs no more of most visits; `kadev validate` checks the rest."""
    found = top_level(text, ("method",))
    if found is None or found[0].get("method") not in _METHODS:
        return None
    dates = list(_DATE_LINE.finditer(text))
    if len(dates) != 1:
        return None
    after = dates[0].end()
    if text[after + 1:after + 2] == " ":
        return None  # a value that goes on below
    try:
        return dt.date.fromisoformat(dates[0][1]), found[0]["method"]
    except ValueError:
        return None


def changes_none_in_text(text: str) -> bool:
    """True when the visit's text certainly has no `changes` at its top level: it writes
    its top level plainly (`top_level`) and no key of it is `changes`. Most visits change
    no deal, and the funnel needs nothing else of them; `kadev validate` checks them."""
    found = top_level(text, ("changes",))
    return found is not None and "changes" not in found[0]
