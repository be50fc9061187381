"""The derived index: one SQLite file, `.kadev-cache/index.sqlite3`, holding what kadev has
parsed and derived from the data root, so that a command reads a file again only when it
changed. It is never the source of truth: delete it at any time.

- Each row is one file's (or one derived view's) value, in a named family, keyed on the
  file's full stat as git's index keys it: mtime_ns, size, ctime_ns and inode, so a same-size
  edit whose mtime was put back is still seen (its ctime moved). Rows are written and deleted
  one by one as files change.
- Values are JSON in a closed vocabulary (`encode` / `decode`): plain data, dates, exact
  decimals, tuples, and kadev's own record, fact and message classes, rebuilt field by field.
  Reading the index can build only those values: nothing in it is ever run (it holds no
  pickle), and a value naming anything else makes it count as corrupt.
- A missing, corrupt, foreign-shaped or other-version index (the version covers kadev's code)
  is replaced silently by an empty one; an index that cannot be written is simply not kept.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import enum
import importlib
import json
import os
import sqlite3
from array import array
from decimal import Decimal
from pathlib import Path
from typing import Any

from kadev.store.root import CACHE_DIR

FILE = "index.sqlite3"
FORMAT = 2  # bump when the table or the value encoding changes

Key = tuple[int, int, int, int]  # mtime_ns, size, ctime_ns, inode


def stat_key(st: os.stat_result) -> Key:
    return st.st_mtime_ns, st.st_size, st.st_ctime_ns, st.st_ino


class Corrupt(Exception):
    """A stored value that is not in the index's vocabulary."""


# --- the values ------------------------------------------------------------------------------
#
# A value is stored as {"c": [class names], "v": body}. In the body, JSON scalars and objects
# (dicts with text keys) stand for themselves; every other kind is a JSON array whose first
# item is a small integer tag (below), and a class is named by its place in "c". Records are
# positional (their fields in order), so a card's field names are not repeated in each row.

RECORD, LIST, TUPLE, NAMED, PAIRS, DECIMAL, DATE, DATETIME, ENUM, SET, FROZEN, BYTES, ARRAY, \
    MESSAGE, FLOAT = range(15)
_PLAIN = (str, int, bool, type(None))


def encode(value: Any) -> str:
    classes: dict[type, int] = {}
    body = _out(value, classes)
    return json.dumps({"c": [_name(c) for c in classes], "v": body}, ensure_ascii=False,
                      separators=(",", ":"))


def decode(text: str) -> Any:
    try:
        data = json.loads(text)
        classes = [_class(name) for name in data["c"]]
        return _in(data["v"], classes)
    except Corrupt:
        raise
    except Exception as err:  # any malformed value: the row is not used
        raise Corrupt(str(err)) from None


def decode_many(texts: list[str]) -> list[Any]:
    """Several stored values at once: one JSON parse for all of them."""
    try:
        found = json.loads("[" + ",".join(texts) + "]")
        out = []
        for data in found:
            classes = [_class(name) for name in data["c"]]
            out.append(_in(data["v"], classes))
        return out
    except Corrupt:
        raise
    except Exception as err:
        raise Corrupt(str(err)) from None


def _name(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


def _fields(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


_FIELDS: dict[type, tuple[str, ...]] = {}


def _out(value: Any, classes: dict[type, int]) -> Any:
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is float:
        return value if value == value and abs(value) != float("inf") else [FLOAT, repr(value)]
    if kind is dict:
        if all(type(k) is str for k in value):
            return {k: _out(v, classes) for k, v in value.items()}
        return [PAIRS, *(_out(x, classes) for k, v in value.items() for x in (k, v))]
    if kind is list:
        return [LIST, *(_out(v, classes) for v in value)]
    if kind is tuple:
        return [TUPLE, *(_out(v, classes) for v in value)]
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a NamedTuple
        return [NAMED, classes.setdefault(kind, len(classes)),
                *(_out(v, classes) for v in value)]
    if kind is Decimal:
        return [DECIMAL, str(value)]
    if kind is dt.date:
        return [DATE, value.toordinal()]
    if kind is dt.datetime:
        return [DATETIME, value.isoformat()]
    if isinstance(value, enum.Enum):
        return [ENUM, classes.setdefault(kind, len(classes)), value.value]
    if kind in (set, frozenset):
        return [SET if kind is set else FROZEN,
                *(_out(v, classes) for v in sorted(value, key=repr))]
    if kind is bytes:
        return [BYTES, base64.b64encode(value).decode()]
    if kind is array:
        return [ARRAY, value.typecode, value.tolist()]
    if kind.__name__ == "Msg" and kind.__module__ == "kadev.i18n":
        return [MESSAGE, value.key, _out(value.params, classes), value.english]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [RECORD, classes.setdefault(kind, len(classes)),
                *(_out(getattr(value, name), classes) for name in _fields(kind))]
    raise TypeError(f"the index cannot keep a {_name(kind)}")


_CLASSES: dict[str, type] = {}


def _class(name: str) -> type:
    """A kadev class named in the index: a dataclass, NamedTuple or Enum of kadev's own
    modules, nothing else."""
    found = _CLASSES.get(name)
    if found is not None:
        return found
    module, _, qualname = name.partition(":")
    if not module.startswith("kadev.") or not qualname.replace(".", "").isidentifier():
        raise Corrupt(name)
    target: Any = importlib.import_module(module)
    for part in qualname.split("."):
        target = getattr(target, part, None)
    if not isinstance(target, type) or not (
            dataclasses.is_dataclass(target) or issubclass(target, enum.Enum)
            or (issubclass(target, tuple) and hasattr(target, "_fields"))):
        raise Corrupt(name)
    _CLASSES[name] = target
    return target


_ARRAY_CODES = {"q", "l", "i", "d"}


def _in(data: Any, classes: list[type]) -> Any:
    kind = type(data)
    if kind is dict:
        return {k: v if type(v) in _PLAIN else _in(v, classes) for k, v in data.items()}
    if kind is not list:
        return data
    tag = data[0]
    if tag == RECORD:
        cls = classes[data[1]]
        names = _fields(cls)
        if len(names) != len(data) - 2:
            raise Corrupt(_name(cls))
        record: Any = object.__new__(cls)
        setter = object.__setattr__
        for name, value in zip(names, data[2:], strict=True):
            setter(record, name, value if type(value) in _PLAIN else _in(value, classes))
        return record
    if tag == LIST:
        return [v if type(v) in _PLAIN else _in(v, classes) for v in data[1:]]
    if tag == TUPLE:
        return tuple(v if type(v) in _PLAIN else _in(v, classes) for v in data[1:])
    if tag == NAMED:
        return classes[data[1]]._make(
            v if type(v) in _PLAIN else _in(v, classes) for v in data[2:])
    if tag == DATE:
        return dt.date.fromordinal(data[1])
    if tag == DECIMAL:
        return Decimal(data[1])
    if tag == ENUM:
        return classes[data[1]](data[2])
    if tag == PAIRS:
        items = [_in(v, classes) for v in data[1:]]
        return dict(zip(items[::2], items[1::2], strict=True))
    if tag == DATETIME:
        return dt.datetime.fromisoformat(data[1])
    if tag == SET:
        return {_in(v, classes) for v in data[1:]}
    if tag == FROZEN:
        return frozenset(_in(v, classes) for v in data[1:])
    if tag == FLOAT:
        return float(data[1])
    if tag == BYTES:
        return base64.b64decode(data[1])
    if tag == ARRAY:
        if data[1] not in _ARRAY_CODES:
            raise Corrupt("array")
        return array(data[1], data[2])
    if tag == MESSAGE:
        from kadev.i18n import LABEL, LINES, MESSAGES, Msg
        from kadev.i18n import LIST as LISTED

        if data[1] not in MESSAGES and data[1] not in (LABEL, LINES, LISTED):
            raise Corrupt(data[1])
        return Msg(data[1], _in(data[2], classes), data[3])
    raise Corrupt(str(tag))


# --- the file --------------------------------------------------------------------------------

_VERSION: list[str] = []


def _version() -> str:
    """kadev's version and the fingerprint of its code: a value encoded by other code is
    not read back (its fields may differ)."""
    if _VERSION:
        return _VERSION[0]
    import kadev

    folder = Path(kadev.__file__).parent
    parts = [kadev.__version__, str(FORMAT)]
    for path in sorted(folder.rglob("*.py")):
        st = path.stat()
        parts.append(f"{path.relative_to(folder)}:{st.st_size}:{st.st_mtime_ns}")
    import hashlib

    _VERSION.append(hashlib.blake2b("\n".join(parts).encode(), digest_size=12).hexdigest())
    return _VERSION[0]


_OPEN: dict[Path, tuple[Index | None, int]] = {}  # root → (its index, the file's inode)


class Index:
    """The open index of one data root (see the module docstring)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    @classmethod
    def of(cls, root: Path) -> Index | None:
        """The root's index, made anew when missing or unusable; None when it cannot be
        written (a read-only folder): commands then work without one."""
        path = root / CACHE_DIR / FILE
        if root in _OPEN:  # still the same file (not deleted or replaced meanwhile)?
            index, inode = _OPEN[root]
            try:
                if os.stat(path).st_ino == inode:
                    return index
            except OSError:
                pass
            if index is not None:
                index.db.close()
        index = None
        for _ in range(2):
            try:
                index = cls._open(path)
                break
            except sqlite3.DatabaseError:
                _remove(path)  # corrupt, foreign or of another version: start afresh
            except OSError:
                break
        try:
            inode = os.stat(path).st_ino
        except OSError:
            inode = -1
        _OPEN[root] = (index, inode)
        return index

    @classmethod
    def _open(cls, path: Path) -> Index:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=2, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=OFF")  # disposable: a torn write is rebuilt
            version = _version()
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
            if tables and ("meta" not in tables or db.execute(
                    "SELECT value FROM meta WHERE name='version'").fetchone() != (version,)):
                db.close()
                _remove(path)
                db = sqlite3.connect(path, timeout=2, isolation_level=None)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=OFF")
                tables = set()
            if not tables:
                db.executescript(
                    "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT);"
                    "CREATE TABLE entries (family TEXT, path TEXT, mtime_ns INTEGER,"
                    " size INTEGER, ctime_ns INTEGER, ino INTEGER, value TEXT,"
                    " PRIMARY KEY (family, path)) WITHOUT ROWID;")
                db.execute("INSERT INTO meta VALUES ('version', ?)", (version,))
            db.execute("SELECT count(*) FROM entries WHERE family = ''").fetchone()
        except BaseException:
            db.close()
            raise
        return cls(db)

    def family(self, family: str, under: list[str] | None = None
               ) -> dict[str, tuple[Key, str]]:
        """{path: (stat key, encoded value)} of every row of `family`, or only of those
        under the given top-level folders (values decoded by the caller, only those it
        uses)."""
        query = "SELECT path, mtime_ns, size, ctime_ns, ino, value FROM entries "
        try:
            if under is None:
                rows = self.db.execute(query + "WHERE family = ?", (family,)).fetchall()
            else:
                rows = []
                for folder in under:
                    rows += self.db.execute(query + "WHERE family = ? AND path >= ? AND "
                                            "path < ?", (family, f"{folder}/",
                                                         f"{folder}0")).fetchall()
        except sqlite3.Error:
            return {}
        return {row[0]: ((row[1], row[2], row[3], row[4]), row[5]) for row in rows}

    def row(self, family: str, path: str) -> tuple[Key, str] | None:
        try:
            found = self.db.execute("SELECT mtime_ns, size, ctime_ns, ino, value FROM entries "
                                    "WHERE family = ? AND path = ?", (family, path)).fetchone()
        except sqlite3.Error:
            return None
        return None if found is None else ((found[0], found[1], found[2], found[3]), found[4])

    def write(self, family: str, rows: dict[str, tuple[Key, str]], gone: list[str]) -> None:
        """Store `rows` and delete the `gone` paths of `family`; silently nothing when the
        index is busy or read-only."""
        if not rows and not gone:
            return
        try:
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")
                self.db.executemany("INSERT OR REPLACE INTO entries VALUES (?,?,?,?,?,?,?)",
                                    [(family, path, *key, value)
                                     for path, (key, value) in rows.items()])
                self.db.executemany("DELETE FROM entries WHERE family = ? AND path = ?",
                                    [(family, path) for path in gone])
        except sqlite3.Error:
            pass


    def trim(self, family: str, prefix: str, keep: int) -> None:
        """Delete all but the `keep` newest rows (by their time) of `family` under `prefix`."""
        try:
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")
                self.db.execute(
                    "DELETE FROM entries WHERE family = ? AND path IN (SELECT path FROM entries"
                    " WHERE family = ? AND path >= ? AND path < ? ORDER BY mtime_ns DESC"
                    " LIMIT -1 OFFSET ?)", (family, family, prefix, prefix[:-1] + "0", keep))
        except sqlite3.Error:
            pass


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        try:
            os.unlink(f"{path}{suffix}")
        except OSError:
            pass
