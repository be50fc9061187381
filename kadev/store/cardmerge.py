"""Merging two sides' changes of one card field by field (git's merge driver for cards).

Git merges text line by line, so two reps changing nearby lines of `account.yaml` (a deal's
stage and the review date, two new contacts at the end of the list) conflict although no
field was changed twice. Here each side's changes against the common base are taken field by
field: the other side's changes are applied to ours with the in-place editor, so the file's
comments and key order stay. Lists of named records (contacts, opportunities, competitors)
are merged by name; `reviewed` takes the later date. Only a field both sides changed to
different values (or one removed and the other changed) is a conflict: the card keeps our
value there and a comment block at its top names each such field with both values, so the file
stays valid YAML (an editor still reads it) while kadev, which recognises the block, treats the
account as in conflict until `kadev resolve` (or a hand edit that deletes the block).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from typing import Any

from kadev.store.yamledit import append_item, put_value

MISSING: Any = object()
Parts = list[str | int]


class Unmergeable(Exception):
    """A change the field merge cannot apply (a removal, a reshaped value): leave the file to
    git's line merge."""


Conflict = tuple[Parts, tuple[Any, Any, Any]]  # where (in ours), (base, ours, theirs)


def field_merge(base: str, ours: str, theirs: str) -> tuple[str, list[Conflict]]:
    """Ours' text with every change of theirs that no change of ours contradicts, and the
    fields both changed differently (left as ours has them)."""
    from kadev.store.yamlio import parse

    datas = []
    for text in (base, ours, theirs):
        data, problem = parse(text, "card")
        if problem is not None or not isinstance(data, dict):
            raise Unmergeable("not a readable card")
        datas.append(data)
    merger = _Merger(ours)
    merger.merge([], datas[0], datas[1], datas[2])
    return merger.text, merger.conflicts


def field_name(parts: Parts) -> str:
    return ".".join(map(str, parts))


def choose(text: str, conflicts: list[Conflict], theirs_for: set[str]) -> str:
    """The merged text with theirs' value at the conflicting fields named in `theirs_for`."""
    for parts, (_, _, theirs) in conflicts:
        if field_name(parts) in theirs_for:
            text = _put(text, parts, theirs)
    return text


BLOCK_START = "# <<<<<<< kadev"
BLOCK_END = "# >>>>>>> kadev"


def merge_card(base: str, ours: str, theirs: str) -> tuple[str, list[Conflict]]:
    """The merged text (our value at each conflicting field) and the conflicts."""
    return field_merge(base, ours, theirs)


def with_block(text: str, lines: list[str]) -> str:
    """The text with the conflict block on top: the first line after the opening marker,
    the rest as comments, then the closing marker. Git still marks the file unmerged (the
    driver exits 1), and `git add` is what the user does once the block is gone."""
    first, *rest = lines
    body = "".join(f"# {line}\n" for line in rest)
    return f"{BLOCK_START}: {first}\n{body}{BLOCK_END}\n{text}"


def shown(value: Any, width: int = 160) -> str:
    """A value on one line, as YAML's flow style writes it (shortened past `width`)."""
    import yaml

    if value is MISSING:
        return "—"
    line = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**9,
                          sort_keys=False).strip()
    line = line.removesuffix("\n...").removesuffix("...").strip()
    return line if len(line) <= width else line[:width - 1] + "…"


class _Merger:
    def __init__(self, text: str) -> None:
        self.text = text
        self.conflicts: list[tuple[Parts, tuple[Any, Any, Any]]] = []

    def merge(self, where: Parts, b: Any, o: Any, t: Any) -> None:
        """Apply theirs' change at `where` (a path in ours) to the text."""
        if _same(t, b) or _same(o, t):
            return  # theirs changed nothing here, or both made the same change
        if _same(o, b):
            if t is MISSING:
                raise Unmergeable("removed on their side")
            self.text = _put(self.text, where, t)
            return
        if where and where[-1] == "reviewed" and _dates(o, t):
            self.text = _put(self.text, where, max(o, t))
            return
        if (b is MISSING or isinstance(b, dict)) and isinstance(o, dict) and isinstance(t, dict):
            base = b if isinstance(b, dict) else {}
            for key in [*o, *(k for k in t if k not in o)]:
                self.merge([*where, key], base.get(key, MISSING), o.get(key, MISSING),
                           t.get(key, MISSING))
            return
        if _named(o) and _named(t) and (b is MISSING or _named(b)):
            self._merge_named(where, b if b is not MISSING else [], o, t)
            return
        self.conflicts.append((where, (b, o, t)))

    def _merge_named(self, where: Parts, b: list[Any], o: list[Any], t: list[Any]) -> None:
        base = {item["name"]: item for item in b}
        mine = {item["name"]: index for index, item in enumerate(o)}
        for item in t:
            name = item["name"]
            if name in mine:
                self.merge([*where, mine[name]], base.get(name, MISSING), o[mine[name]], item)
            elif name not in base:
                self.text = append_item(self.text, where, item)  # new on their side
            else:
                self.conflicts.append(([*where], (b, o, t)))  # we removed what they kept
                return
        if any(name not in {i["name"] for i in t} and name in mine and
               not _same(o[mine[name]], base[name]) for name in base):
            self.conflicts.append(([*where], (b, o, t)))  # they removed what we changed


def _same(a: Any, b: Any) -> bool:
    return a is b or (a is not MISSING and b is not MISSING and a == b)


def _dates(*values: Any) -> bool:
    return all(isinstance(v, dt.date) for v in values)


def _named(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(i, dict) and isinstance(
        i.get("name"), str) for i in value) and len({i["name"] for i in value}) == len(value)


def _put(text: str, parts: Parts, value: Any) -> str:
    if value is MISSING:
        raise Unmergeable("a removal")
    try:
        return put_value(text, parts, value)
    except Exception as err:  # a shape the in-place editor cannot change
        raise Unmergeable(str(err)) from None


ATTRIBUTE = "account.yaml merge=kadev-card"
DRIVER = "kadev-card"
SEALED_ATTRIBUTE = "personal.age merge=kadev-card"  # decrypted, merged by field, encrypted


def configure(top: os.PathLike[str] | str) -> bool:
    """Register the merge driver in the repository's own config (git keeps it per clone);
    True when it was missing. The command runs this Python, so a virtual environment that is
    not active when git merges still works."""
    import shlex
    import sys

    driver = f"{shlex.quote(sys.executable)} -m kadev merge-card %O %A %B %P"
    found = subprocess.run(["git", "config", "--get", f"merge.{DRIVER}.driver"], cwd=top,
                           capture_output=True, text=True)
    if found.stdout.strip() == driver:
        return False
    for key, value in (("name", "kadev: account cards merged field by field"),
                       ("driver", driver)):
        subprocess.run(["git", "config", f"merge.{DRIVER}.{key}", value], cwd=top,
                       check=True, capture_output=True)
    return True


def attributes_text(current: str | None, sealed: bool = False) -> str | None:
    """The data root's .gitattributes with kadev's lines added (the sealed personal-data
    files' too when `sealed`), or None when they are there."""
    have = current.splitlines() if current is not None else []
    missing = [line for line in (ATTRIBUTE, SEALED_ATTRIBUTE)[:2 if sealed else 1]
               if line not in have]
    if not missing:
        return None
    base = current or ""
    return base + ("" if not base or base.endswith("\n") else "\n") + "".join(
        line + "\n" for line in missing)
