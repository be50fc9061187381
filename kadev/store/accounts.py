"""Reading and writing account cards and their records (visits, complaints)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from kadev.errors import DataError
from kadev.models import Account, Complaint, Plan, Visit
from kadev.models.folder import VisitStamp
from kadev.models.records import DealChange
from kadev.store import skipped
from kadev.store.cache import FileCache
from kadev.store.index import stat_key
from kadev.store.loader import Loaded, account_rel, load_file, record_names
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
    """{id: CardIndex} of every card, each re-read only when its file changed."""
    return card_views(root, "index", lambda card: CardIndex(
        card.name, tuple(card.aliases), card.owner, card.status.value, card.nature.value,
        card.region or "", card.industry or "", card.short))


def card_views(root: Path, name: str, project: Callable[[Account], T]) -> dict[str, T]:
    """{id: project(card)} of every card, kept in the cache `name`: a card is read again only
    when its file changed, so a small projection of 10,000 cards loads in milliseconds where
    the cards themselves would take a second. A broken card leaves out its account only
    (`kadev.store.skipped`)."""
    files = FileCache(root, name)
    views: dict[str, T] = {}
    cards = list(_cards(root))
    files.prefetch([(rel, stat_key(st)) for _, rel, st in cards])
    for account_id, rel, st in cards:

        def build(rel: str = rel) -> Any:
            loaded = load_file(root, rel, Account)
            return loaded.problems if loaded.record is None else project(loaded.record)

        value = files.get(rel, st, build)
        if isinstance(value, list):
            skipped.note(account_id, value)  # a broken card leaves out its account only
        else:
            views[account_id] = value
    files.save(prune=True)
    return views


_FOLDER_CACHES: dict[tuple[Path, str], FileCache] = {}


def _folder_cache(root: Path, account_id: str, what: str = "account") -> FileCache:
    """The cache of one account folder's parsed files (a small file of its own), so a
    briefing or a visit reads one account's rows of the index, never the whole root's;
    `what` names another family of the folder's (its visits' stamps)."""
    key = (root, f"{what}-{account_id}")
    cache = _FOLDER_CACHES.get(key)
    if cache is None:
        cache = _FOLDER_CACHES[key] = FileCache(root, f"{what}-{account_id}")
    return cache


def _cached(files: FileCache, root: Path, rel: str, model: Any) -> Any:
    """`load_file` through `files`: parsed again only when the file's stat changed."""
    try:
        st = os.stat(root / rel)
    except OSError:
        return load_file(root, rel, model)
    return files.get(rel, st, lambda: load_file(root, rel, model))


def load_account(root: Path, account_id: str) -> Account:
    cache = _folder_cache(root, account_id)
    loaded = _cached(cache, root, account_rel(account_id), Account)
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
    for account_id, rel, st in found:
        loaded: Loaded[Account] = files.get(rel, st, partial(load_file, root, rel, Account))
        if loaded.record is None:
            skipped.note(account_id, loaded.problems)  # only this account is left out
        else:
            cards.append((account_id, loaded.record))
    files.save(prune=True)
    return cards


def load_records(root: Path, account_id: str, kind: str, files: FileCache | None = None,
                 listing: FileCache | None = None) -> list[tuple[str, Visit | Complaint | Plan]]:
    """One account's visits, plans or complaints, oldest first, as (relative path, record).

    Served from `files` (a cache across accounts, saved by the caller) or else from the
    account folder's own cache, which drops the entries of files no longer there.
    """
    model: type[Visit] | type[Complaint] | type[Plan] = (
        Visit if kind == "visits" else Plan if kind == "plans" else Complaint)
    records, problems = [], []
    cache = files or _folder_cache(root, account_id)
    names = record_names(root, account_id, kind, listing)
    for name in names:
        loaded = _cached(cache, root, f"{account_id}/{kind}/{name}", model)
        if loaded.record is None:
            problems.extend(loaded.problems)
        else:
            records.append((loaded.path, loaded.record))
    if files is None:
        prefix, present = f"{account_id}/{kind}/", {f"{account_id}/{kind}/{n}" for n in names}
        cache.forget([r for r in cache.rows if r.startswith(prefix) and r not in present])
        cache.save()
    if problems:
        raise DataError(problems)
    return records


class StageVisit(NamedTuple):
    """A visit reduced to what the funnel reads: its date and the deal changes it recorded."""

    date: dt.date
    changes: tuple[DealChange, ...]


def deal_changes(root: Path, account_id: str, files: FileCache) -> list[StageVisit]:
    """The visits of one account that changed a deal, from the cache where unchanged."""
    out, problems = [], []
    for name in record_names(root, account_id, "visits"):
        rel = f"{account_id}/visits/{name}"
        st = os.stat(root / rel)

        def build(rel: str = rel) -> Any:
            loaded = load_file(root, rel, Visit)
            if loaded.record is None:
                return loaded.problems
            return StageVisit(loaded.record.date, tuple(loaded.record.changes))

        value = files.get(rel, st, build)
        if isinstance(value, list):
            problems.extend(value)
        elif value.changes:
            out.append(value)
    if problems:
        raise DataError(problems)
    return out


def load_visits(root: Path, account_id: str) -> list[tuple[str, Visit]]:
    """One account's visits, oldest first, as (relative path, visit)."""
    return [(p, v) for p, v in load_records(root, account_id, "visits")
            if isinstance(v, Visit)]


def load_complaints(root: Path, account_id: str, files: FileCache | None = None,
                    listing: FileCache | None = None) -> list[tuple[str, Complaint]]:
    """One account's complaints, oldest first, as (relative path, complaint)."""
    return [(p, c) for p, c in load_records(root, account_id, "complaints", files, listing)
            if isinstance(c, Complaint)]


def load_plans(root: Path, account_id: str, files: FileCache | None = None,
               listing: FileCache | None = None) -> list[tuple[str, Plan]]:
    """One account's planned visits, by date, as (id, plan); the id is the name's suffix."""
    return [(record_id(rel), p) for rel, p in load_records(root, account_id, "plans", files,
                                                           listing) if isinstance(p, Plan)]


def recent_visits(root: Path, account_id: str, since: dt.date, files: FileCache | None = None,
                  listing: FileCache | None = None,
                  after: Sequence[tuple[dt.date, Callable[[VisitStamp], bool]]] = ()
                  ) -> list[VisitStamp]:
    """The visits dated `since` or later (by file name; only those files are read), and for
    each (day, wanted) of `after`, the first visit on or after that day that `wanted` accepts
    (reading forward from that day only until one does). `files` keeps each visit's stamp
    (id, day, method), not the whole visit."""
    stamps: dict[str, VisitStamp] = {}
    problems: list[Any] = []
    cache = files or _folder_cache(root, account_id, "stamps")
    names = record_names(root, account_id, "visits", listing)

    def stamp(name: str) -> VisitStamp | None:
        rel = f"{account_id}/visits/{name}"
        try:
            st = os.stat(root / rel)
        except OSError:
            return None

        def build() -> Any:
            loaded = load_file(root, rel, Visit)
            if loaded.record is None:
                return loaded.problems
            return VisitStamp(record_id(rel), loaded.record.date, loaded.record.method.value)

        value = cache.get(rel, st, build)
        if isinstance(value, list):
            problems.extend(value)
            return None
        stamps[name] = value
        return value  # type: ignore[no-any-return]

    first = since.isoformat()
    for name in names:
        if name[:10] >= first:
            stamp(name)
    for day, wanted in after:
        start = day.isoformat()
        for name in names:
            if name[:10] < start:
                continue
            found = stamps.get(name) or stamp(name)
            if found is not None and wanted(found):
                break
    if files is None:
        cache.save()
    if problems:
        raise DataError(problems)
    return sorted(stamps.values(), key=lambda s: (s.date, s.id))


def find_records(root: Path, kind: str, wanted: str, account_id: str | None = None
                 ) -> list[str]:
    """The records (relative paths) of `kind` whose id is `wanted` or ends with `-wanted`
    (the short id the lists show), in one account or across the root."""
    folders = [account_id] if account_id else [
        e.name for e in os.scandir(root) if is_account_dir_name(e.name) and e.is_dir()]
    hits = []
    for folder in sorted(folders):
        try:
            names = os.listdir(root / folder / kind)
        except OSError:
            continue
        for name in sorted(names):
            stem = name.removesuffix(".yaml")
            if name.endswith(".yaml") and (stem == wanted or stem.endswith("-" + wanted)):
                hits.append(f"{folder}/{kind}/{name}")
    return hits


def record_id(rel: str) -> str:
    """A record's id: its file name without `.yaml` (date and suffix)."""
    return rel.rsplit("/", 1)[-1].removesuffix(".yaml")


def new_record_path(root: Path, account_id: str, kind: str, date: str) -> Path:
    """A fresh `<date>-<random>.yaml` name, so two people adding the same day never collide."""
    import secrets

    return root / account_id / kind / f"{date}-{secrets.token_hex(3)}.yaml"


def record_dates(root: Path, account_id: str, kind: str, listing: Any = None) -> list[dt.date]:
    """Dates of one account's visits or complaints, read from the file names alone."""
    dates = []
    for name in record_names(root, account_id, kind, listing):
        try:
            dates.append(dt.date.fromisoformat(name[:10]))
        except ValueError:
            continue  # an impossible date in a name: validate reports it
    return dates


def last_visit(root: Path, account_id: str, files: FileCache | None = None,
               listing: FileCache | None = None) -> Visit | None:
    """The latest visit (by file name), reading that one file only (or its cached parse)."""
    names = record_names(root, account_id, "visits", listing)
    if not names:
        return None
    cache = files or _folder_cache(root, account_id)
    loaded = _cached(cache, root, f"{account_id}/visits/{names[-1]}", Visit)
    if files is None:
        cache.save()
    if loaded.record is None:
        raise DataError(loaded.problems)
    visit: Visit = loaded.record
    return visit


def open_complaints(root: Path, account_id: str, files: FileCache | None = None,
                    listing: FileCache | None = None) -> list[tuple[str, Complaint]]:
    """(id, complaint) of every open complaint of one account; the id is the file stem."""
    return [(rel.rsplit("/", 1)[-1].removesuffix(".yaml"), record)
            for rel, record in load_complaints(root, account_id, files, listing)
            if record.is_open]
