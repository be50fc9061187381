"""Loading the whole data root for `validate`: every file's problems and the facts the checks
across files need.

Unchanged files come from the cache (`store.cache`, keyed on mtime and size); the others are
parsed — on every core when there are many (a cold run over a large root).
"""

from __future__ import annotations

import gc
import os
import pickle
import time
import zlib
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kadev.errors import Problem
from kadev.models import Account, Complaint, Settings, Visit
from kadev.models.base import Record
from kadev.models.folder import AccountFolder, CardFacts, ComplaintFacts, VisitFacts
from kadev.store import cache
from kadev.store.loader import load_file, parse_file
from kadev.store.root import (
    ACCOUNT_FILE,
    ID_RE,
    RECORD_NAME_RE,
    SALES_DIR,
    SETTINGS_FILE,
    is_account_dir_name,
)
from kadev.store.yamlio import locate

RECORD_KINDS = {"visits": "visit", "complaints": "complaint"}
ALLOWED_EXTRA = {"attachments"}
PARALLEL_FROM = 2000  # files to parse before it pays to start worker processes


@dataclass
class Dataset:
    settings: Settings
    folders: list[AccountFolder] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    parsed: int = 0  # files parsed this run (the rest came from the cache)


def check_file(root: Path, rel: str, kind: str) -> tuple[tuple[Problem, ...], Any]:
    """Problems of one file and its facts (None when it does not load)."""
    if kind == "ledger":
        from kadev.store import ledger

        rows, problems = ledger.read_month(root, rel[len(SALES_DIR) + 1:-4])
        return tuple(problems), tuple((row.account, row.line) for row in rows)
    models: dict[str, type[Record]] = {"card": Account, "visit": Visit, "complaint": Complaint}
    model = models[kind]
    loaded: Any = load_file(root, rel, model)
    if loaded.record is None:
        return tuple(loaded.problems), None
    facts = {"card": CardFacts, "visit": VisitFacts, "complaint": ComplaintFacts}[kind]
    return (), facts.of(loaded.record)  # type: ignore[attr-defined]


def _check_chunk(args: tuple[str, list[tuple[str, str]]]) -> list[tuple[tuple[Problem, ...],
                                                                         Any]]:
    gc.disable()  # bulk loading: the cycle collector only costs time here
    root = Path(args[0])
    return [check_file(root, rel, kind) for rel, kind in args[1]]


def _walk(root: Path, ds: Dataset) -> list[tuple[str, str, int, int]]:
    """(rel, kind, mtime_ns, size) of every file to check; layout problems go to `ds`."""
    files: list[tuple[str, str, int, int]] = []

    def add(entry: os.DirEntry[str], rel: str, kind: str) -> None:
        st = entry.stat()
        files.append((rel, kind, st.st_mtime_ns, st.st_size))

    for top in sorted(os.scandir(root), key=lambda e: e.name):
        name = top.name
        if name == SALES_DIR and top.is_dir():
            for entry in sorted(os.scandir(top.path), key=lambda e: e.name):
                rel = f"{SALES_DIR}/{entry.name}"
                if entry.name.startswith("."):
                    continue
                if _is_month_file(entry.name):
                    add(entry, rel, "ledger")
                else:
                    ds.problems.append(Problem(rel, 0, 0, "ledger files are named "
                                               "YYYY-MM.csv"))
            continue
        if not is_account_dir_name(name) or name == SETTINGS_FILE:
            continue
        if not top.is_dir():
            ds.problems.append(Problem(name, 0, 0, "unexpected file at the data root"))
            continue
        if not ID_RE.match(name):
            ds.problems.append(Problem(f"{name}/", 0, 0, "account folder name is not a valid "
                                       "id (lower-case letters, digits and '-', starting with "
                                       "a letter or digit, at most 64)"))
        has_card = False
        for entry in sorted(os.scandir(top.path), key=lambda e: e.name):
            rel = f"{name}/{entry.name}"
            if entry.name.startswith(".") or entry.name in ALLOWED_EXTRA:
                continue
            if entry.name == ACCOUNT_FILE:
                has_card = True
                add(entry, rel, "card")
            elif entry.name in RECORD_KINDS and entry.is_dir():
                for record in sorted(os.scandir(entry.path), key=lambda e: e.name):
                    if record.name.startswith("."):
                        continue
                    record_rel = f"{rel}/{record.name}"
                    if RECORD_NAME_RE.match(record.name):
                        add(record, record_rel, RECORD_KINDS[entry.name])
                    else:
                        ds.problems.append(Problem(record_rel, 0, 0, "file name is not "
                                                   "YYYY-MM-DD-<suffix>.yaml"))
            else:
                ds.problems.append(Problem(rel, 0, 0, "unexpected file in an account folder "
                                           f"(expected {ACCOUNT_FILE}, visits/, complaints/, "
                                           "attachments/)"))
        if not has_card:
            ds.problems.append(Problem(f"{name}/{ACCOUNT_FILE}", 0, 0, "missing: every "
                                       "account folder needs its card"))
    return files


def _is_month_file(name: str) -> bool:
    from kadev.store.ledger import MONTH_FILE_RE

    return bool(MONTH_FILE_RE.match(name))


def _parse_all(root: Path, todo: list[tuple[str, str]],
               progress: Callable[[int, int], None] | None
               ) -> list[tuple[tuple[Problem, ...], Any]]:
    workers = min(os.cpu_count() or 1, 8)
    if len(todo) < PARALLEL_FROM or workers < 2:
        return _check_chunk((str(root), todo))
    size = max(200, len(todo) // (workers * 16))
    chunks = [(str(root), todo[i:i + size]) for i in range(0, len(todo), size)]
    results: list[tuple[tuple[Problem, ...], Any]] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for part in pool.map(_check_chunk, chunks):
            results.extend(part)
            if progress:
                progress(len(results), len(todo))
    return results


@dataclass
class Verdict:
    """The outcome of a whole validation: every problem (sorted) and what was counted."""

    problems: list[Problem]
    files: int
    accounts: int
    visits: int
    complaints: int


def validate_root(root: Path, check: Callable[[Dataset], list[Problem]], use_cache: bool = True,
                  progress: Callable[[int, int], None] | None = None) -> Verdict:
    """Every file under the root checked, then `check` run across them (the analysis layer's
    rules), sorted. When no file was added, removed or changed since the last run (same
    names, modification times and sizes), the last verdict is the answer: nothing is parsed,
    unpickled or checked again."""
    import hashlib

    from kadev import __version__

    ds = Dataset(Settings())
    files = _walk(root, ds)
    try:
        st = os.stat(root / SETTINGS_FILE)
        settings_key = (st.st_mtime_ns, st.st_size)
    except OSError:
        settings_key = (0, 0)
    digest = hashlib.blake2b(pickle.dumps((__version__, settings_key, files, ds.problems),
                                          protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()
    if use_cache:
        stored = cache.load(root, "validate-verdict").get("verdict")
        if stored is not None and stored[2][0] == digest:
            verdict: Verdict = stored[2][1]
            return verdict
    ds = load_dataset(root, use_cache, progress, walked=(ds, files))
    verdict = Verdict(sorted(ds.problems + check(ds)), ds.files, len(ds.folders),
                      sum(len(f.visits) for f in ds.folders),
                      sum(len(f.complaints) for f in ds.folders))
    newest = max([settings_key[0], *(mtime for _, _, mtime, _ in files)])
    if use_cache and time.time_ns() - newest > cache.RACY_NS:
        # a file changed within the clock's granularity could change again unseen
        cache.save(root, "validate-verdict", {"verdict": (0, 0, (digest, verdict))})
    return verdict


def load_dataset(root: Path, use_cache: bool = True,
                 progress: Callable[[int, int], None] | None = None,
                 walked: tuple[Dataset, list[tuple[str, str, int, int]]] | None = None
                 ) -> Dataset:
    """Every file under the root checked, with all the problems of each file."""
    settings_loaded = load_file(root, SETTINGS_FILE, Settings, allow_empty=True)
    ds = Dataset(settings_loaded.record or Settings(), problems=list(settings_loaded.problems))
    if walked is not None:
        ds.problems += walked[0].problems
        files = walked[1]
    else:
        files = _walk(root, ds)
    ds.files = len(files) + 1
    shards = ([cache.load(root, f"validate-{n:02d}") for n in range(SHARDS)] if use_cache
              else [{} for _ in range(SHARDS)])
    entries: cache.Entries = {}
    for shard in shards:
        entries.update(shard)
    todo = [(rel, kind) for rel, kind, mtime, size in files
            if entries.get(rel, (None, None))[:2] != (mtime, size)]
    ds.parsed = len(todo)
    fresh = dict(zip((rel for rel, _ in todo), _parse_all(root, todo, progress), strict=True))
    current: cache.Entries = {}
    for rel, _kind, mtime, size in files:
        result = fresh[rel] if rel in fresh else entries[rel][2]
        current[rel] = (mtime, size, result)
    if use_cache:
        _save_shards(root, shards, current, set(fresh) | (set(entries) - set(current)))
    _assemble(files, current, ds)
    return ds


SHARDS = 64  # one changed file rewrites only its shard of the cache, not all of it


def _shard(rel: str) -> int:
    return zlib.crc32(rel.split("/", 1)[0].encode()) % SHARDS


def _save_shards(root: Path, old: list[cache.Entries], current: cache.Entries,
                 changed: set[str]) -> None:
    dirty = {_shard(rel) for rel in changed}
    if not dirty:
        return
    parts: list[cache.Entries] = [{} for _ in range(SHARDS)]
    for rel, entry in current.items():
        parts[_shard(rel)][rel] = entry
    for n in sorted(dirty):
        cache.save(root, f"validate-{n:02d}", parts[n])


def _assemble(files: Iterable[tuple[str, str, int, int]], results: cache.Entries,
              ds: Dataset) -> None:
    folders: dict[str, AccountFolder] = {}
    ledger_rows: list[tuple[str, str, int]] = []
    for rel, kind, _, _ in files:
        problems, facts = results[rel][2]
        ds.problems.extend(problems)
        if kind == "ledger":
            ledger_rows.extend((rel, account, line) for account, line in facts or ())
            continue
        account_id = rel.split("/", 1)[0]
        folder = folders.setdefault(account_id, AccountFolder(
            account_id, f"{account_id}/{ACCOUNT_FILE}", None))
        if facts is None:
            continue
        if kind == "card":
            folder.card = facts
        elif kind == "visit":
            folder.visits.append((rel, facts))
        else:
            folder.complaints.append((rel, facts))
    ds.folders = sorted(folders.values(), key=lambda f: f.id)
    known = {f.id for f in ds.folders}
    for rel, account, line in ledger_rows:
        if account not in known:
            ds.problems.append(Problem(rel, line, 1, f"unknown account '{account}' (no "
                                       f"folder {account}/ with an account.yaml)"))


def locate_findings(root: Path, findings: list[tuple[str, tuple[str | int, ...], str]]
                    ) -> list[Problem]:
    """Line numbers for (path, key path, message) findings, reading each named file once."""
    texts: dict[str, str] = {}
    problems = []
    for path, loc, message in findings:
        if path not in texts:
            _, text, _ = parse_file(root, path)
            texts[path] = text or ""
        line, column = locate(texts[path], loc)
        problems.append(Problem(path, line, column, message))
    return problems
