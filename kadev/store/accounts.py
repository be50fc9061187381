"""Reading account cards: one, all of them, or a small projection of every card kept in the
index (the lookup fields, the owners, the due fields). Their records are `store.records`."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from kadev.errors import DataError
from kadev.models import Account
from kadev.models.account import short_name
from kadev.models.enums import Nature, Status
from kadev.store import skipped
from kadev.store.cache import FileCache, memo
from kadev.store.index import stat_key
from kadev.store.loader import Loaded, account_rel, load_file
from kadev.store.parallel import parse_many
from kadev.store.plaintext import top_level
from kadev.store.records import cached_load, fill, folder_cache
from kadev.store.root import ACCOUNT_FILE, is_account_dir_name

T = TypeVar("T")


def account_ids(root: Path) -> list[str]:
    """Ids of every account folder (a folder holding account.yaml), sorted."""
    return sorted(e.name for e in root.iterdir()
                  if is_account_dir_name(e.name) and (e / ACCOUNT_FILE).is_file())


def _cards(root: Path) -> Iterator[tuple[str, str, os.stat_result]]:
    """(id, relative path, stat) of every account folder's card, in id order.

    The hot loop of every command over all cards (10,000 stat calls at scale): stat relative
    to an open folder where the system allows, with no helper calls per card."""
    names = sorted(e.name for e in os.scandir(root) if is_account_dir_name(e.name))
    relative = os.stat in os.supports_dir_fd
    fd = os.open(root, os.O_RDONLY) if relative else None
    base = f"{root}/"
    try:
        for name in names:
            rel = f"{name}/{ACCOUNT_FILE}"
            try:
                st = os.stat(rel, dir_fd=fd) if relative else os.stat(base + rel)
            except (FileNotFoundError, NotADirectoryError):
                continue
            yield name, rel, st
    finally:
        if fd is not None:
            os.close(fd)


class CardIndex(NamedTuple):
    """What lookups and filters need of a card: cheap to cache for every account."""

    name: str
    aliases: tuple[str, ...]
    owner: str
    status: str
    nature: str
    region: str
    industry: str
    short: str  # the name tables show


def account_index(root: Path) -> dict[str, CardIndex]:
    """{id: CardIndex} of every card, each re-read only when its file changed (and read from
    its text where that is certain, as after a clone)."""
    return card_views(root, "index", _card_index, card_index_in_text)


def _card_index(card: Account) -> CardIndex:
    return CardIndex(card.name, tuple(card.aliases), card.owner, card.status.value,
                     card.nature.value, card.region or "", card.industry or "", card.short)


def card_views(root: Path, name: str, project: Callable[[Account], T],
               quick: Callable[[str], T | None] | None = None) -> dict[str, T]:
    """{id: project(card)} of every card, kept in the cache `name`: a card is read again only
    when its file changed, so a small projection of 10,000 cards loads in milliseconds where
    the cards themselves would take a second; while no card changed at all (the stat of
    every card the same), the whole projection is one value. A broken card leaves out its
    account only (`kadev.store.skipped`).

    `project` must be a function of a module (cards to read are parsed on every core when
    there are many). `quick(text)`: the projection read from the card's text where that is
    certain (else None, and the card is parsed), as a first run after a clone needs."""
    cards = list(_cards(root))
    # all of them at once while no card changed: one row of the index, not 10,000
    stats = "".join([f"{rel}\0{st.st_mtime_ns}\0{st.st_size}\0{st.st_ctime_ns}\0{st.st_ino}\n"
                     for _, rel, st in cards])
    digest = hashlib.blake2b(stats.encode(), digest_size=16).digest()
    newest = max((st.st_mtime_ns for _, _, st in cards), default=0)
    found: tuple[dict[str, T], dict[str, list[Any]]] = memo(
        root, f"cards-{name}", digest, newest,
        lambda: _card_views(root, name, project, quick, cards))
    views, broken = found
    for account_id, problems in broken.items():
        skipped.note(account_id, problems)  # a broken card leaves out its account only
    return views


def _card_views(root: Path, name: str, project: Callable[[Account], T],
                quick: Callable[[str], T | None] | None,
                cards: list[tuple[str, str, os.stat_result]]
                ) -> tuple[dict[str, T], dict[str, list[Any]]]:
    files = FileCache(root, name)
    files.prefetch([(rel, stat_key(st)) for _, rel, st in cards])
    values: dict[str, Any] = {}
    todo: list[tuple[str, str, os.stat_result]] = []
    for account_id, rel, st in cards:
        known, value = files.cached(rel, stat_key(st))
        if not known and quick is not None:
            try:
                value = quick((root / rel).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                value = None
            known = value is not None
            if known:
                files.put(rel, stat_key(st), value)
        if known:
            values[account_id] = value
        else:
            todo.append((account_id, rel, st))
    for (account_id, rel, st), value in zip(
            todo, _projections(root, [rel for _, rel, _ in todo], project), strict=True):
        files.put(rel, stat_key(st), value)
        values[account_id] = value
    files.save(prune=True)
    views = {i: v for i, v in values.items() if not isinstance(v, list)}
    broken = {i: v for i, v in values.items() if isinstance(v, list)}
    return views, broken


def _projections(root: Path, rels: list[str], project: Callable[[Account], Any]) -> list[Any]:
    """project(card), or the card's problems, of each card: on every core when many."""
    return parse_many(root, rels, partial(_project_card, project=project))


def _project_card(root: Path, rel: str, project: Callable[[Account], Any]) -> Any:
    loaded = load_file(root, rel, Account)
    return loaded.problems if loaded.record is None else project(loaded.record)


_INDEX_KEYS = ("name", "short_name", "owner", "status", "nature", "region", "industry")
_NATURES = frozenset(n.value for n in Nature)
_STATUSES = frozenset(s.value for s in Status)


def card_index_in_text(text: str) -> CardIndex | None:
    """A card's CardIndex read from its text where every field it needs is written plainly
    (`top_level`; enumerations as the files spell them); else None (parse it). A card broken
    elsewhere is still found by its name, and reported when it is opened."""
    found = top_level(text, _INDEX_KEYS, ("aliases",))
    if found is None:
        return None
    values, lists = found
    status = values.get("status", "prospect")
    if "name" not in values or "owner" not in values or values.get("nature") not in _NATURES \
            or status not in _STATUSES:
        return None
    aliases = lists.get("aliases", [])
    return CardIndex(values["name"], tuple(aliases), values["owner"], status, values["nature"],
                     values.get("region", ""), values.get("industry", ""),
                     short_name(values["name"], values.get("short_name"), aliases))


def owner_in_text(text: str) -> str | None:
    """A card's owner from its text where it writes it plainly (`top_level`), else None."""
    found = top_level(text, ("owner",))
    return None if found is None else found[0].get("owner")


def load_account(root: Path, account_id: str) -> Account:
    cache = folder_cache(root, account_id)
    loaded = cached_load(cache, root, account_rel(account_id), Account)
    cache.save()
    if loaded.record is None:
        raise DataError(loaded.problems)
    record: Account = loaded.record
    return record


def load_accounts(root: Path, use_cache: bool = True) -> list[tuple[str, Account]]:
    """Every card; any broken card stops the command with all the problems found.

    Validated cards are kept in the cache, so only changed files are parsed again.
    """
    files = FileCache(root, "cards", use_cache)
    cards: list[tuple[str, Account]] = []
    found = list(_cards(root))
    files.prefetch([(rel, stat_key(st)) for _, rel, st in found])
    fill(files, root, [(rel, st) for _, rel, st in found], _load_card)
    for account_id, rel, st in found:
        loaded: Loaded[Account] = files.get(rel, st, partial(load_file, root, rel, Account))
        if loaded.record is None:
            skipped.note(account_id, loaded.problems)  # only this account is left out
        else:
            cards.append((account_id, loaded.record))
    files.save(prune=True)
    return cards


def _load_card(root: Path, rel: str) -> Loaded[Account]:
    return load_file(root, rel, Account)


