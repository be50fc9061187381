"""A disposable cache under `.kadev-cache/`: per-file results keyed on (mtime_ns, size).

Never the source of truth: a missing, corrupt, stale or other-version cache is ignored and
rebuilt silently. Entries for files modified within the last two seconds are not stored, so an
edit that keeps size and timestamp tick ("racily clean", as git calls it) is never missed.
"""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path
from typing import Any

from kadev.store.root import CACHE_DIR

SCHEMA = 5  # bump when the shape of any cached payload changes
RACY_NS = 2_000_000_000

Entries = dict[str, tuple[int, int, Any]]


def _path(root: Path, name: str) -> Path:
    # no language in the name: cached problems are worded only when printed
    return root / CACHE_DIR / f"{name}.v{SCHEMA}.pickle"


def load(root: Path, name: str) -> Entries:
    import gc

    try:
        with _path(root, name).open("rb") as handle:
            # unpickling many small objects: the cycle collector would only slow it down
            paused = gc.isenabled()
            gc.disable()
            try:
                data = pickle.load(handle)
            finally:
                # what was loaded lives until the command ends: keep the collector from
                # walking it again on every later collection (they would cost more than the
                # load itself)
                gc.freeze()
                if paused:
                    gc.enable()
        if isinstance(data, dict) and data.get("schema") == SCHEMA:
            entries = data.get("entries")
            if isinstance(entries, dict):
                return entries
    except Exception:  # any unreadable cache is simply rebuilt
        pass
    return {}


def save(root: Path, name: str, entries: Entries) -> None:
    """Write the cache atomically; silently skip when the folder is not writable."""
    now = time.time_ns()
    kept = {k: v for k, v in entries.items() if now - v[0] > RACY_NS}
    folder = root / CACHE_DIR
    try:
        folder.mkdir(exist_ok=True)
        import tempfile  # only when writing: it imports random, hashlib

        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump({"schema": SCHEMA, "entries": kept}, handle,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, _path(root, name))
    except OSError:
        pass


def memo(root: Path, name: str, key: Any, newest_ns: int, build: Any) -> Any:
    """One value derived from many files, reused while `key` is equal.

    `key` must hold everything the value depends on: the (name, mtime_ns, size) of each file
    read and any setting used. `newest_ns` is the latest mtime among those files: the value is
    not saved while it is within the racy window (an edit in the same tick could go unseen).
    """
    known = _MEMO.get((root, name))
    if known is not None and known[0] == key:
        return known[1]
    entry = load(root, name).get("value")
    if entry is not None and entry[2][0] == key:
        value = entry[2][1]
    else:
        value = build()
        save(root, name, {"value": (newest_ns, 0, (key, value))})
    if time.time_ns() - newest_ns > RACY_NS:  # within one process too, never a racy value
        _MEMO[(root, name)] = (key, value)
    return value


_MEMO: dict[tuple[Path, str], tuple[Any, Any]] = {}


class FileCache:
    """Parsed results of many files of one kind, reused while a file's (mtime, size) holds.

    `get` returns the cached value or builds (and remembers) a fresh one; `save` writes the
    cache back if anything changed, dropping entries of files not seen when `prune` is set.
    """

    def __init__(self, root: Path, name: str, enabled: bool = True) -> None:
        self.root, self.name, self.enabled = root, name, enabled
        self.entries: Entries = load(root, name) if enabled else {}
        self.seen: set[str] = set()
        self.dirty = False

    def get(self, rel: str, mtime_ns: int, size: int, build: Any) -> Any:
        self.seen.add(rel)
        entry = self.entries.get(rel)
        if entry is not None and entry[0] == mtime_ns and entry[1] == size:
            return entry[2]
        value = build()
        self.entries[rel] = (mtime_ns, size, value)
        self.dirty = True
        return value

    def save(self, prune: bool = False) -> None:
        if prune:
            gone = set(self.entries) - self.seen
            for rel in gone:
                del self.entries[rel]
            self.dirty = self.dirty or bool(gone)
        if self.enabled and self.dirty:
            save(self.root, self.name, self.entries)
            self.dirty = False
