"""Reading and writing account cards and their records (visits, complaints)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from kadev.errors import DataError
from kadev.models import Account, Complaint, Plan, Visit
from kadev.models.account import short_name
from kadev.models.enums import Method, Nature, Status
from kadev.models.folder import VisitStamp
from kadev.models.records import DealChange
from kadev.store import skipped
from kadev.store.cache import FileCache, memo
from kadev.store.index import stat_key
from kadev.store.loader import Loaded, account_rel, load_file, record_names
from kadev.store.parallel import parse_many
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


_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?:[ \t]+(.*))?$")
_SCALAR = re.compile(r"""(?:'([^'\n]+)'|"([^"\\\n]+)"|([^\s#'"&*!|>%@`{\[\]},-][^#]*?))"""
                     r"[ \t]*(?:[ \t]#.*)?")
_NOT_TEXT = re.compile(r"(?i)null|~|true|false|yes|no|on|off|y|n|[-+.0-9_:eExXoObB]+")
_INDEX_KEYS = ("name", "short_name", "owner", "status", "nature", "region", "industry")
_NATURES = frozenset(n.value for n in Nature)
_STATUSES = frozenset(s.value for s in Status)


def _plain_scalar(text: str) -> str | None:
    """A one-line YAML value that YAML reads as this very text, or None when unsure."""
    found = _SCALAR.fullmatch(text.strip())
    if found is None:
        return None
    value = found[1] or found[2] or found[3]
    if value is None or value != value.strip() or _NOT_TEXT.fullmatch(value) or (
            found[3] is not None and (": " in value or value.endswith(":"))):
        return None
    return value


def _top_level(text: str, keys: tuple[str, ...], lists: tuple[str, ...] = ()
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
                item = _plain_scalar(lines[i].lstrip(" ")[2:])
                if item is None or (i + 1 < len(lines) and lines[i + 1][:1] == " "
                                    and not lines[i + 1].lstrip(" ").startswith("- ")):
                    return None
                items[key].append(item)
                i += 1
            continue
        value = _plain_scalar(rest)
        if value is None:
            return None
        values[key] = value
    return values, items


def card_index_in_text(text: str) -> CardIndex | None:
    """A card's CardIndex read from its text where every field it needs is written plainly
    (`_top_level`; enumerations as the files spell them); else None (parse it). A card broken
    elsewhere is still found by its name, and reported when it is opened."""
    found = _top_level(text, _INDEX_KEYS, ("aliases",))
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
    """A card's owner from its text where it writes it plainly (`_top_level`), else None."""
    found = _top_level(text, ("owner",))
    return None if found is None else found[0].get("owner")


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
    _fill(files, root, [(rel, st) for _, rel, st in found], _load_card)
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


def _fill(files: FileCache, root: Path, wanted: list[tuple[str, os.stat_result]],
          read: Callable[[Path, str], Any], none: Any = None) -> None:
    """Put into `files` read(root, rel) of each wanted file it does not hold yet, on every
    core when there are many (a None read stands for `none`, so that the workers send back
    little and one shared value is kept)."""
    missing = [(rel, stat_key(st)) for rel, st in wanted
               if not files.cached(rel, stat_key(st))[0]]
    if len(missing) < 2:
        return
    for (rel, key), value in zip(missing, parse_many(root, [rel for rel, _ in missing], read),
                                 strict=True):
        files.put(rel, key, none if value is None else value)


def _load_plan(root: Path, rel: str) -> Loaded[Plan]:
    return load_file(root, rel, Plan)


def _load_complaint(root: Path, rel: str) -> Loaded[Complaint]:
    return load_file(root, rel, Complaint)


_DATE_LINE = re.compile(r"^date:[ \t]+(\d{4}-\d{2}-\d{2})[ \t]*(?:#.*)?$", re.M)
_METHODS = frozenset(m.value for m in Method)


def stamp_in_text(text: str) -> tuple[dt.date, str] | None:
    """A visit's date and method read from its text where it writes them plainly (the
    top level plain, `_top_level`; the date as YYYY-MM-DD on one line), else None (parse
    it). The due list needs no more of most visits; `kadev validate` checks the rest."""
    found = _top_level(text, ("method",))
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


def _visit_stamp(root: Path, rel: str) -> VisitStamp | list[Any]:
    try:
        quick = stamp_in_text((root / rel).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        quick = None  # (said by parsing it)
    if quick is not None:
        return VisitStamp(record_id(rel), *quick)
    loaded = load_file(root, rel, Visit)
    if loaded.record is None:
        return loaded.problems
    return VisitStamp(record_id(rel), loaded.record.date, loaded.record.method.value)


_READERS: dict[str, Callable[[Path, str], Any]] = {
    "plans": _load_plan, "complaints": _load_complaint, "visits": _visit_stamp}


def fill_records(root: Path, account_ids: list[str], kind: str, files: FileCache,
                 listing: FileCache | None, since: dict[str, dt.date] | None = None) -> None:
    """Put into `files` (a cache across accounts: plans and complaints as loaded, visits as
    stamps) every record of `kind` of these accounts it does not hold yet — with `since`,
    only those dated then or later — read on every core when there are many."""
    wanted = []
    for account_id in account_ids:
        first = since[account_id].isoformat() if since and account_id in since else ""
        for name in record_names(root, account_id, kind, listing):
            if name[:10] < first:
                continue
            rel = f"{account_id}/{kind}/{name}"
            try:
                wanted.append((rel, os.stat(f"{root}/{rel}")))
            except OSError:
                continue
    _fill(files, root, wanted, _READERS[kind])


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


NO_CHANGES = StageVisit(dt.date.min, ())  # a visit that changed no deal (its date unread)


def changes_none_in_text(text: str) -> bool:
    """True when the visit's text certainly has no `changes` at its top level: it writes
    its top level plainly (`_top_level`) and no key of it is `changes`. Most visits change
    no deal, and the funnel needs nothing else of them; `kadev validate` checks them."""
    found = _top_level(text, ("changes",))
    return found is not None and "changes" not in found[0]


def _stage_visit(root: Path, rel: str) -> StageVisit | list[Any]:
    return _stage_visit_or_none(root, rel) or NO_CHANGES


def _stage_visit_or_none(root: Path, rel: str) -> StageVisit | list[Any] | None:
    """`_stage_visit`, None for a visit that changed no deal."""
    try:
        if changes_none_in_text((root / rel).read_text(encoding="utf-8")):
            return None
    except (OSError, UnicodeDecodeError):
        pass  # (said by parsing it)
    loaded = load_file(root, rel, Visit)
    if loaded.record is None:
        return loaded.problems
    return StageVisit(loaded.record.date, tuple(loaded.record.changes))


def deal_changes_of(root: Path, account_ids: list[str], files: FileCache
                    ) -> dict[str, list[StageVisit]]:
    """The visits of each account that changed a deal, from the cache where unchanged; the
    others read on every core when there are many (a first run after a clone), and parsed
    only when their text may record a change. A broken visit that does stops it with its
    problems."""
    listed = {i: [f"{i}/visits/{name}" for name in record_names(root, i, "visits")]
              for i in account_ids}
    base = f"{root}/"  # (a string path: pathlib's joining costs more than the stat itself)
    stats = {rel: os.stat(base + rel) for rels in listed.values() for rel in rels}
    _fill(files, root, list(stats.items()), _stage_visit_or_none, NO_CHANGES)
    out: dict[str, list[StageVisit]] = {}
    for account_id, rels in listed.items():
        stages, problems = [], []
        for rel in rels:
            value = files.get(rel, stats[rel], partial(_stage_visit, root, rel))
            if isinstance(value, list):
                problems.extend(value)
            elif value.changes:
                stages.append(value)
        if problems:
            raise DataError(problems)
        out[account_id] = stages
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

        value = cache.get(rel, st, partial(_visit_stamp, root, rel))
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
