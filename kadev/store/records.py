"""Reading an account's records (visits, plans, complaints): through the index, from
each account folder's own rows or from a family across accounts; on every core when many
are to be read (a first run after a clone); reduced to what a report needs of them (a
visit's date and method, the deal changes it recorded)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from kadev.errors import DataError
from kadev.models import Complaint, Plan, Visit
from kadev.models.folder import VisitStamp
from kadev.models.records import DealChange
from kadev.store.cache import FileCache
from kadev.store.index import stat_key
from kadev.store.loader import Loaded, load_file, record_names
from kadev.store.parallel import parse_many
from kadev.store.plaintext import changes_none_in_text, stamp_in_text
from kadev.store.root import is_account_dir_name

_FOLDER_CACHES: dict[tuple[Path, str], FileCache] = {}


def folder_cache(root: Path, account_id: str, what: str = "account") -> FileCache:
    """The cache of one account folder's parsed files (a small file of its own), so a
    briefing or a visit reads one account's rows of the index, never the whole root's;
    `what` names another family of the folder's (its visits' stamps)."""
    key = (root, f"{what}-{account_id}")
    cache = _FOLDER_CACHES.get(key)
    if cache is None:
        cache = _FOLDER_CACHES[key] = FileCache(root, f"{what}-{account_id}")
    return cache


def cached_load(files: FileCache, root: Path, rel: str, model: Any) -> Any:
    """`load_file` through `files`: parsed again only when the file's stat changed."""
    try:
        st = os.stat(root / rel)
    except OSError:
        return load_file(root, rel, model)
    return files.get(rel, st, lambda: load_file(root, rel, model))


def fill(files: FileCache, root: Path, wanted: list[tuple[str, os.stat_result]],
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
    fill(files, root, wanted, _READERS[kind])


def load_records(root: Path, account_id: str, kind: str, files: FileCache | None = None,
                 listing: FileCache | None = None) -> list[tuple[str, Visit | Complaint | Plan]]:
    """One account's visits, plans or complaints, oldest first, as (relative path, record).

    Served from `files` (a cache across accounts, saved by the caller) or else from the
    account folder's own cache, which drops the entries of files no longer there.
    """
    model: type[Visit] | type[Complaint] | type[Plan] = (
        Visit if kind == "visits" else Plan if kind == "plans" else Complaint)
    records, problems = [], []
    cache = files or folder_cache(root, account_id)
    names = record_names(root, account_id, kind, listing)
    for name in names:
        loaded = cached_load(cache, root, f"{account_id}/{kind}/{name}", model)
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
    fill(files, root, list(stats.items()), _stage_visit_or_none, NO_CHANGES)
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
    cache = files or folder_cache(root, account_id, "stamps")
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
    cache = files or folder_cache(root, account_id)
    loaded = cached_load(cache, root, f"{account_id}/visits/{names[-1]}", Visit)
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
