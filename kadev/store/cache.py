"""Reuse of parsed and derived results across runs, kept in the derived index
(`kadev.store.index`): per-file values keyed on each file's full stat, and single values
derived from many files keyed on what they were made of.

Never the source of truth: an unusable entry is simply built again. Values of files modified
within the last two seconds are not stored, so an edit that keeps size and timestamp tick
("racily clean", as git calls it) is never missed.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kadev.store.index import Corrupt, Index, Key, decode, decode_many, encode, stat_key

RACY_NS = 2_000_000_000
MEMO = "memo"


class FileCache:
    """Values built from files of one kind (a family of the index), reused while a file's
    stat is unchanged.

    `get` returns the kept value or builds (and remembers) a fresh one; `save` writes what
    was built to the index, and with `prune` deletes the rows of files not asked for.
    """

    def __init__(self, root: Path, name: str, enabled: bool = True,
                 under: list[str] | None = None) -> None:
        """`under`: load only the rows of files under these top-level folders."""
        self.name = name
        self.index = Index.of(root) if enabled else None
        self.rows: dict[str, tuple[Key, str]] = (self.index.family(name, under)
                                                 if self.index else {})
        self.values: dict[str, tuple[Key, Any]] = {}
        self.built: dict[str, tuple[Key, Any]] = {}
        self.gone: list[str] = []  # rows of files no longer there, deleted at `save`
        self.seen: set[str] = set()

    def get(self, rel: str, st: os.stat_result | Key, build: Callable[[], Any]) -> Any:
        key: Key = stat_key(st) if isinstance(st, os.stat_result) else st
        found, value = self.cached(rel, key)
        if not found:
            value = build()
            self.put(rel, key, value)
        return value

    def cached(self, rel: str, key: Key) -> tuple[bool, Any]:
        """(True, the kept value) while the file's stat is `key`, else (False, None)."""
        self.seen.add(rel)
        known = self.values.get(rel)
        if known is not None and known[0] == key:
            return True, known[1]
        row = self.rows.get(rel)
        if row is not None and row[0] == key:
            try:
                value = _decoded(row[1])
            except Corrupt:
                return False, None
            self.values[rel] = (key, value)
            return True, value
        return False, None

    def prefetch(self, wanted: list[tuple[str, Key]]) -> None:
        """Decode at once the kept values of many files (one JSON parse for all of them,
        which is much faster than one each)."""
        hits = [(rel, key) for rel, key in wanted
                if rel not in self.values and (row := self.rows.get(rel)) is not None
                and row[0] == key]
        if not hits:
            return
        try:
            values = _decoded_many([self.rows[rel][1] for rel, _ in hits])
        except Corrupt:
            return  # each is then decoded (or rebuilt) on its own
        for (rel, key), value in zip(hits, values, strict=True):
            self.values[rel] = (key, value)

    def put(self, rel: str, key: Key, value: Any) -> None:
        self.seen.add(rel)
        self.values[rel] = self.built[rel] = (key, value)

    def forget(self, rels: list[str]) -> None:
        """Delete the rows of files that are gone (at the next `save`)."""
        for rel in rels:
            self.values.pop(rel, None)
            self.built.pop(rel, None)
        self.gone += [rel for rel in rels if rel in self.rows]

    def save(self, prune: bool = False) -> None:
        if self.index is None:
            return
        now = time.time_ns()
        rows = {}
        encoded: dict[int, str] = {}  # one value shared by many files is encoded once
        for rel, (key, value) in self.built.items():
            if now - key[0] > RACY_NS:  # (a file too new may change again unseen)
                try:
                    text = encoded.get(id(value))
                    if text is None:
                        text = encoded[id(value)] = encode(value)
                    rows[rel] = (key, text)
                except TypeError:
                    continue
        gone = list(self.gone)
        if prune:
            gone += [rel for rel in self.rows if rel not in self.seen]
        self.index.write(self.name, rows, gone)
        self.rows.update(rows)
        for rel in gone:
            self.rows.pop(rel, None)
        self.built.clear()
        self.gone = []


@contextmanager
def _no_collector() -> Iterator[None]:
    """Decoding builds many small objects that hold no cycles: the collector would only walk
    them again and again while they are made."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _decoded(text: str) -> Any:
    with _no_collector():
        return decode(text)


def _decoded_many(texts: list[str]) -> list[Any]:
    with _no_collector():
        return decode_many(texts)


def memo(root: Path, name: str, key: Any, newest_ns: int, build: Callable[[], Any]) -> Any:
    """One value derived from many files, reused while `key` is equal.

    `key` must hold everything the value depends on: the stat of each file read and any
    setting used. `newest_ns` is the latest mtime among those files: the value is not kept
    while it is within the racy window (an edit in the same tick could go unseen).
    """
    known = _MEMO.get((root, name))
    if known is not None and known[0] == key:
        return known[1]
    index = Index.of(root)
    row = index.row(MEMO, name) if index else None
    value: Any = None
    found = False
    if row is not None:
        try:
            stored_key, stored = _decoded(row[1])
            found = stored_key == key
            value = stored
        except (Corrupt, ValueError, TypeError):
            found = False
    if not found:
        value = build()
        if index is not None and time.time_ns() - newest_ns > RACY_NS:
            try:
                index.write(MEMO, {name: ((0, 0, 0, 0), encode((key, value)))}, [])
            except TypeError:
                pass
    if time.time_ns() - newest_ns > RACY_NS:  # within one process too, never a racy value
        _MEMO[(root, name)] = (key, value)
    return value


_MEMO: dict[tuple[Path, str], tuple[Any, Any]] = {}
