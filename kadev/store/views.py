"""A report's data, derived from the whole data root, kept while git says the root is as it
was.

A manager's table (the funnel, the matrix, development performance, the whole team's due
list, the account list) reads every card and many records. Its data — language-free: messages
are worded when shown — is kept in the derived index under the report's name and options,
with what the root was when it was made: the commit checked out and every path git lists as
changed under the root, each with its full stat. While `git status` lists the same, the kept
data is the answer, and the files are not read at all. git answers from its own index, which
sees an edit of a committed file even when its size and time were put back (it compares
ctime and inode, and reads again the files too new to trust); a listed file whose time is
within the last two seconds makes the data not kept, as does a root outside git. The
ledger's month files are keyed on their own stat as well (a team may keep the ledger out of
git); any other file git ignores is not seen.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar, overload

from kadev.store import git, skipped
from kadev.store.cache import RACY_NS
from kadev.store.index import Corrupt, Index, decode, decode_many, encode
from kadev.store.ledger import month_stats, months

VERSION = 1  # bump when the key's shape changes (the index's own version covers the code)
FAMILY = "views"
KEEP = 6  # values kept per report (other options, other days); the oldest go first

T = TypeVar("T")


def tree_key(root: Path) -> tuple[Any, ...] | None:
    """What the root is, as git tells it: (commit, the changed paths with their stats), or
    None when git cannot tell or a changed file is too new to trust."""
    tree = git.tree_state(root)
    if tree is None:
        return None
    now = time.time_ns()
    written = git.index_written_ns(root)
    if written is None or now - written <= RACY_NS:
        # git compares a file's ctime with its index entry's in whole seconds: an edit within
        # the second the entry was recorded, its size and time put back, goes unseen; no value
        # is kept then, so a value kept later was made after any such edit
        return None
    if any(st is not None and now - st[0] <= RACY_NS for st in tree.listed.values()):
        return None
    # the ledger's months by their own stat too: a team may keep the ledger out of git
    # (.gitignore), and git lists no change to an ignored file
    ledger = month_stats(root, months(root))
    if any(now - stat[1] <= RACY_NS for stat in ledger):
        return None
    return tree.head, tuple(sorted(tree.listed.items())), ledger


_ASK = object()


def kept(root: Path, name: str, params: tuple[Any, ...], build: Callable[[], T],
         key: Any = _ASK) -> T:
    """`build()`, or the value it gave for the same `params` while the root was the same;
    `key`: the root's `tree_key` when the caller has it (one `git status` per command)."""
    index = Index.of(root)
    if key is _ASK:
        key = tree_key(root) if index is not None else None
    if index is None or key is None:
        return build()
    full = (VERSION, key, params)
    path = f"{name}/{hashlib.blake2b(encode(params).encode(), digest_size=10).hexdigest()}"
    row = index.row(FAMILY, path)
    if row is not None:
        try:
            stored_key, value, left_out = decode(row[1])
            if stored_key == full:
                for account, problems in left_out.items():  # said again, as a build would
                    skipped.note(account, problems)
                return value  # type: ignore[no-any-return]
        except (Corrupt, ValueError, TypeError):
            pass
    before = skipped.peek()
    value = build()
    left_out = {account: problems[len(before.get(account, [])):]
                for account, problems in skipped.peek().items()
                if len(problems) > len(before.get(account, []))}
    try:
        text = encode((full, value, left_out))
    except TypeError:  # a value the index cannot keep: simply not kept
        return value
    index.write(FAMILY, {path: ((time.time_ns(), 0, 0, 0), text)}, [])
    index.trim(FAMILY, f"{name}/", KEEP)
    return value


class Rows(Sequence[T]):
    """A kept list whose items are decoded when first used: a table that shows the first
    hundred of 40,000 rows decodes a hundred."""

    def __init__(self, texts: list[str]) -> None:
        self._texts = texts
        self._items: list[Any] = [_NOT_YET] * len(texts)

    def __len__(self) -> int:
        return len(self._texts)

    @overload
    def __getitem__(self, at: int) -> T: ...

    @overload
    def __getitem__(self, at: slice) -> list[T]: ...

    def __getitem__(self, at: int | slice) -> T | list[T]:
        wanted = range(len(self))[at]
        todo = [i for i in ([wanted] if isinstance(wanted, int) else wanted)
                if self._items[i] is _NOT_YET]
        if todo:
            for i, item in zip(todo, decode_many([self._texts[i] for i in todo]),
                               strict=True):
                self._items[i] = item
        if isinstance(wanted, int):
            return self._items[wanted]  # type: ignore[no-any-return]
        return [self._items[i] for i in wanted]

    def __iter__(self) -> Iterator[T]:
        return iter(self[:])


_NOT_YET = object()


def kept_rows(root: Path, name: str, params: tuple[Any, ...],
              build: Callable[[], list[T]], key: Any = _ASK) -> Sequence[T]:
    """`kept` for a long list: the items are kept one by one and decoded as used (`Rows`)."""
    found: list[Any] = []

    def encoded() -> list[str]:
        items = build()
        found.append(items)
        return [encode(item) for item in items]

    texts = kept(root, name, params, encoded, key)
    return found[0] if found else Rows(texts)
