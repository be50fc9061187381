"""Validating the whole data root: every file's problems, and the facts the checks within
each account folder and across cards need.

Three kinds of rows of the derived index keep a warm run short: the last verdict (answered
at once when git lists nothing new), each folder's part of it (redone only for folders that
changed) and each file's problems and facts (keyed on the file's stat). Files with no row are
parsed — on every core when there are many (a cold run over a large root).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from kadev.errors import Problem
from kadev.i18n import Msg, lazy
from kadev.store import cache, git, personal
from kadev.store.index import Key, encode, stat_key
from kadev.store.parallel import parse_many
from kadev.store.root import (
    ACCOUNT_FILE,
    ID_RE,
    RECIPIENTS_FILE,
    RECORD_NAME_RE,
    SALES_DIR,
    SEALED_FILE,
    SETTINGS_FILE,
    is_account_dir_name,
)

if TYPE_CHECKING:  # the models, YAML and workers are imported only when a file is read
    from kadev.models import Settings
    from kadev.models.folder import AccountFolder

RECORD_KINDS = {"visits": "visit", "plans": "plan", "complaints": "complaint"}
ALLOWED_EXTRA = {"attachments", SEALED_FILE}


def check_file(root: Path, rel: str, kind: str) -> tuple[tuple[Problem, ...], Any]:
    """Problems of one file and its facts (None when it does not load)."""
    if kind == "ledger":
        from kadev.store import ledger

        rows, problems = ledger.read_month(root, rel[len(SALES_DIR) + 1:-4])
        return tuple(problems), tuple((row.account, row.line) for row in rows)
    from kadev.models import Account, Complaint, Plan, Visit
    from kadev.models.base import Record
    from kadev.models.folder import CardFacts, ComplaintFacts, PlanFacts, VisitFacts
    from kadev.store.loader import load_file

    models: dict[str, type[Record]] = {"card": Account, "visit": Visit, "plan": Plan,
                                       "complaint": Complaint}
    model = models[kind]
    loaded: Any = load_file(root, rel, model)
    if loaded.record is None:
        return tuple(loaded.problems), None
    facts = {"card": CardFacts, "visit": VisitFacts, "plan": PlanFacts,
             "complaint": ComplaintFacts}[kind]
    return (), facts.of(loaded.record)  # type: ignore[attr-defined]


def _check_item(root: Path, item: tuple[str, str]) -> tuple[tuple[Problem, ...], Any]:
    return check_file(root, *item)


class RootScan(NamedTuple):
    """The data root's top level: account folders and ledger months by name (no stat calls)."""

    folders: tuple[str, ...]
    months: tuple[str, ...]  # relative paths of the ledger's month files
    problems: tuple[Problem, ...]  # files that do not belong at the top level or in the ledger


def _scan_root(root: Path) -> RootScan:
    folders, months, problems = [], [], []
    for top in sorted(os.scandir(root), key=lambda e: e.name):
        name = top.name
        if name == SALES_DIR and top.is_symlink():
            problems.append(Problem(name, 0, 0, lazy("p.symlink", path=name)))
            continue
        if name == SALES_DIR and top.is_dir():
            for entry in sorted(os.scandir(top.path), key=lambda e: e.name):
                rel = f"{SALES_DIR}/{entry.name}"
                if entry.name.startswith("."):
                    continue
                if _is_month_file(entry.name):
                    months.append(rel)
                else:
                    problems.append(Problem(rel, 0, 0, lazy("p.ledger_name")))
            continue
        if not is_account_dir_name(name) or name in (SETTINGS_FILE, RECIPIENTS_FILE):
            continue
        if top.is_symlink():
            problems.append(Problem(name, 0, 0, lazy("p.symlink", path=name)))
            continue
        if not top.is_dir():
            problems.append(Problem(name, 0, 0, lazy("p.root_file")))
            continue
        folders.append(name)
    return RootScan(tuple(folders), tuple(months), tuple(problems))


def _walk_folder(root: Path, name: str) -> tuple[list[tuple[str, str, Key]], list[Problem]]:
    """(rel, kind, stat key) of every file of one account folder, and its layout problems."""
    files: list[tuple[str, str, Key]] = []
    problems: list[Problem] = []

    def add(entry: os.DirEntry[str], rel: str, kind: str) -> None:
        files.append((rel, kind, stat_key(entry.stat())))

    if not ID_RE.match(name):
        problems.append(Problem(f"{name}/", 0, 0, lazy("p.bad_id")))
    has_card = False
    for entry in sorted(os.scandir(root / name), key=lambda e: e.name):
        rel = f"{name}/{entry.name}"
        if entry.name.startswith(".") or entry.name in ALLOWED_EXTRA:
            continue
        if entry.is_symlink():
            problems.append(Problem(rel, 0, 0, lazy("p.symlink", path=rel)))
            continue
        if entry.name == ACCOUNT_FILE:
            has_card = True
            add(entry, rel, "card")
        elif entry.name in RECORD_KINDS and entry.is_dir():
            for record in sorted(os.scandir(entry.path), key=lambda e: e.name):
                if record.name.startswith("."):
                    continue
                record_rel = f"{rel}/{record.name}"
                if record.is_symlink():
                    problems.append(Problem(record_rel, 0, 0, lazy("p.symlink", path=record_rel)))
                    continue
                if RECORD_NAME_RE.match(record.name):
                    add(record, record_rel, RECORD_KINDS[entry.name])
                else:
                    problems.append(Problem(record_rel, 0, 0, lazy("p.record_name")))
        else:
            problems.append(Problem(rel, 0, 0, lazy("p.folder_file")))
    if not has_card:
        problems.append(Problem(f"{name}/{ACCOUNT_FILE}", 0, 0, lazy("p.no_card")))
    return files, problems


def _is_month_file(name: str) -> bool:
    from kadev.store.ledger import MONTH_FILE_RE

    return bool(MONTH_FILE_RE.match(name))


def _parse_all(root: Path, todo: list[tuple[str, str]],
               progress: Callable[[int, int], None] | None
               ) -> list[tuple[tuple[Problem, ...], Any]]:
    return parse_many(root, todo, _check_item, progress)


@dataclass
class Verdict:
    """The outcome of a whole validation: every problem (sorted) and what was counted."""

    problems: list[Problem]
    files: int
    accounts: int
    visits: int
    complaints: int
    parsed: int = 0  # files parsed by the run that made it (the rest came from the cache)


Findings = list[tuple[str, tuple[str | int, ...], str | Msg]]  # (path, key path, message)


class FolderResult(NamedTuple):
    """One account folder's share of a verdict, reused while its files are unchanged."""

    digest: bytes | None  # of its files' names, times and sizes; None: too new to trust
    problems: list[Problem]  # its files', its layout's and the checks within it, located
    files: int
    visits: int  # that loaded
    complaints: int
    aliases: tuple[str, ...] | None  # the card's, for the check across cards; None: no card


class LedgerResult(NamedTuple):
    """The ledger's share of a verdict: its rows' problems and its unknown accounts."""

    months: dict[str, Key]  # each month file's stat
    known: bytes  # digest of the account folders the rows were checked against
    problems: list[Problem]
    trusted: bool  # False when a month file was too new to trust


STATE_VERSION = 2


class ValidateState(NamedTuple):
    """Everything a verdict was made of, so the next run redoes only what changed."""

    key: tuple[Any, ...]  # kadev's version and the settings file's stat
    tree: git.TreeState | None
    folders: dict[str, FolderResult]
    ledger: LedgerResult


def validate_root(root: Path, folder_check: Callable[[AccountFolder, Settings], Findings],
                  alias_check: Callable[[list[tuple[str, str, tuple[str, ...]]]], Findings],
                  use_cache: bool = True, progress: Callable[[int, int], None] | None = None
                  ) -> Verdict:
    """Every file under the root checked, then the checks of the analysis layer run within
    each folder (`folder_check`) and across cards (`alias_check`); problems sorted.

    With the cache, only what changed since the last run is done again:
    - in a git work tree, when git lists the same changes against the same commit (and the
      listed files have the same times and sizes) and the top level has the same names, the
      last verdict is the answer without a walk;
    - otherwise each folder is re-read only when git says something in it changed (or, outside
      git, when its files' names, times or sizes did), and its part of the verdict is redone:
      its files parsed (unchanged ones come from the per-file cache) and checked.
    The checks across cards and the ledger's unknown accounts are redone every time from the
    stored facts.
    """
    from kadev import __version__

    settings_key = _stat(root / SETTINGS_FILE) or (0, 0, 0, 0)
    sealed_key = _stat(root / RECIPIENTS_FILE)  # sealed or not changes what a card may hold
    key = (__version__, STATE_VERSION, settings_key, sealed_key)
    scan = _scan_root(root)
    tree = git.tree_state(root) if use_cache else None
    fast_key = None
    if tree is not None:
        fast_key = _digest((key, tree, scan))
    if fast_key is not None:
        stored = _kept(root, "verdict")
        if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == fast_key:
            verdict: Verdict = stored[1]
            verdict.parsed = 0
            return verdict
    state: ValidateState | None = None
    if use_cache:
        saved = _kept(root, "state")
        if isinstance(saved, ValidateState) and saved.key == key:
            state = saved
    tops = None
    if state is not None and state.tree is not None and tree is not None:
        tops = _dirty_tops(root, state.tree, tree)
    from kadev.models import Settings
    from kadev.models.folder import AccountFolder
    from kadev.store.loader import check_settings, load_file

    settings_loaded = check_settings(root) if use_cache else load_file(
        root, SETTINGS_FILE, Settings, allow_empty=True)
    settings = settings_loaded.record or Settings()
    now = time.time_ns()

    folders: dict[str, FolderResult] = {}
    redo: dict[str, tuple[list[tuple[str, str, Key]], list[Problem], bytes | None]] = {}
    walked: dict[str, list[str]] = {}
    to_walk = []
    for name in scan.folders:
        old = state.folders.get(name) if state is not None else None
        if old is not None and old.digest is not None and tops is not None and name not in tops:
            folders[name] = old
        else:
            to_walk.append((name, old))
    # what git tracks in those folders, asked now and read after the parsing
    seen_by_git = (git.tracked(root, None if tops is None else [n for n, _ in to_walk])
                   if tree else None)
    for name, old in to_walk:
        files, layout = _walk_folder(root, name)
        walked[name] = [rel for rel, _, _ in files]
        digest = None
        if all(now - stat[0] > cache.RACY_NS for _, _, stat in files):
            digest = _digest((files, layout))
        if old is not None and digest is not None and old.digest == digest:
            folders[name] = old
        else:
            redo[name] = (files, layout, digest)
    results, parsed = _file_results(root, [f for files, _, _ in redo.values() for f in files],
                                    {*scan.folders, *scan.months}, use_cache, progress)
    for name, (files, layout, digest) in redo.items():
        folder = AccountFolder(name, f"{name}/{ACCOUNT_FILE}", None)
        problems = list(layout)
        for rel, kind, _ in files:
            file_problems, facts = results[rel]
            problems.extend(file_problems)
            if facts is None:
                continue
            if kind == "card":
                folder.card = facts
            elif kind == "visit":
                folder.visits.append((rel, facts))
            elif kind == "plan":
                folder.plans.append((rel, facts))
            else:
                folder.complaints.append((rel, facts))
        findings = folder_check(folder, settings)
        if sealed_key is not None and folder.card is not None:
            findings += personal.plain_findings(name, folder.card)
        problems += locate_findings(root, findings)
        folders[name] = FolderResult(digest, problems, len(files), len(folder.visits),
                                     len(folder.complaints),
                                     folder.card.aliases if folder.card else None)
    known = {name for name, r in folders.items() if r.files}
    ledger, ledger_parsed = _check_ledger(root, scan, known, state, use_cache, now)
    if tree is not None and seen_by_git is not None and not _git_sees(tree, walked,
                                                                       seen_by_git()):
        tree = fast_key = None  # a file git ignores: from now on, walk every folder

    problems = [*settings_loaded.problems, *scan.problems, *ledger.problems,
                *personal.read_members(root)[1]]
    for result in folders.values():
        problems.extend(result.problems)
    cards = [(name, f"{name}/{ACCOUNT_FILE}", r.aliases) for name, r in sorted(folders.items())
             if r.aliases is not None]
    problems += locate_findings(root, alias_check(cards))
    verdict = Verdict(sorted(problems),
                      sum(r.files for r in folders.values()) + len(ledger.months) + 1,
                      len(known), sum(r.visits for r in folders.values()),
                      sum(r.complaints for r in folders.values()), parsed + ledger_parsed)
    settings_trusted = now - settings_key[0] > cache.RACY_NS
    if use_cache and settings_trusted:
        # saved when it learnt something to trust: a changed folder with no file too new
        # (rewriting 10,000 folders' parts costs more than redoing one untrusted folder)
        learnt = any(folders[name].digest is not None for name in redo)
        if state is None or learnt or ledger is not state.ledger:
            _keep(root, "state", ValidateState(key, tree, folders, ledger))
        listed = [v[0] for v in (tree.listed.values() if tree else ()) if v is not None]
        if fast_key is not None and all(now - m > cache.RACY_NS for m in listed):
            # a listed file changed within the clock's granularity could change again unseen
            _keep(root, "verdict", (fast_key, verdict))
    return verdict


def _check_ledger(root: Path, scan: RootScan, known: set[str], state: ValidateState | None,
                  use_cache: bool, now: int) -> tuple[LedgerResult, int]:
    """The ledger's problems: its rows', and rows naming an account with no folder. Reused
    while no month file changed and the account folders are the same."""
    months = {rel: stat_key(os.stat(root / rel)) for rel in scan.months}
    digest = hashlib.blake2b("\n".join(sorted(known)).encode()).digest()
    old = state.ledger if state is not None else None
    if old is not None and old.trusted and old.months == months and old.known == digest:
        return old, 0
    files = [(rel, "ledger", stat) for rel, stat in months.items()]
    results, parsed = _file_results(root, files, {*scan.folders, *scan.months}, use_cache, None)
    problems: list[Problem] = []
    for rel in months:
        row_problems, rows = results[rel]
        problems.extend(row_problems)
        problems.extend(Problem(rel, line, 1, lazy("p.ledger_unknown", account=account))
                        for account, line in rows or () if account not in known)
    trusted = all(now - stat[0] > cache.RACY_NS for stat in months.values())
    return LedgerResult(months, digest, problems, trusted), parsed


def _stat(path: Path) -> Key | None:
    try:
        return stat_key(os.stat(path))
    except OSError:
        return None


def _git_sees(tree: git.TreeState, walked: dict[str, list[str]], tracked: set[str] | None
              ) -> bool:
    """Whether git tracks or lists every file of the folders just walked. One that git
    ignores would change unseen, so then git is not trusted again (every folder is walked)."""
    if tracked is None:
        return False
    return all(rel in tracked or rel in tree.listed for rels in walked.values() for rel in rels)


def _dirty_tops(root: Path, old: git.TreeState, new: git.TreeState) -> set[str] | None:
    """Top-level names under which a file may differ between two git states, or None when
    git cannot tell. A path git lists in neither state, with the commit's content unchanged
    between them, has the same content in both."""
    changed = git.changed_between(root, old.head, new.head)
    if changed is None:
        return None
    return {p.split("/", 1)[0] for p in (*changed, *old.listed, *new.listed)}


def _file_results(root: Path, files: list[tuple[str, str, Key]], present: set[str],
                  use_cache: bool, progress: Callable[[int, int], None] | None
                  ) -> tuple[dict[str, tuple[tuple[Problem, ...], Any]], int]:
    """(problems, facts) of each file, from the index where its stat is unchanged, else
    parsed (on every core when many). Only the index rows under these files' folders are
    read; rows of files no longer `present` (folder names and ledger paths) or not walked in
    a folder walked again are deleted."""
    tops = sorted({rel.split("/", 1)[0] for rel, _, _ in files})
    kept = cache.FileCache(root, "validate", use_cache, under=tops)
    results: dict[str, tuple[tuple[Problem, ...], Any]] = {}
    todo = []
    for rel, kind, stat in files:
        found, value = kept.cached(rel, stat)
        if found:
            results[rel] = value
        else:
            todo.append((rel, kind))
    stats = {rel: stat for rel, _, stat in files}
    for (rel, _), value in zip(todo, _parse_all(root, todo, progress), strict=True):
        results[rel] = value
        kept.put(rel, stats[rel], value)
    walked = set(stats)

    def still(rel: str) -> bool:
        top = rel.split("/", 1)[0]
        if top == SALES_DIR:
            return rel in present
        return top in present and rel in walked

    kept.forget([rel for rel in kept.rows if not still(rel)])
    kept.save()
    return results, len(todo)


def _digest(value: Any) -> bytes:
    return hashlib.blake2b(encode(value).encode()).digest()


def _kept(root: Path, name: str) -> Any:
    """A value `_keep` stored, or None."""
    from kadev.store.index import Corrupt, Index, decode

    index = Index.of(root)
    row = index.row("validate-run", name) if index else None
    if row is None:
        return None
    try:
        return decode(row[1])
    except Corrupt:
        return None


def _keep(root: Path, name: str, value: Any) -> None:
    from kadev.store.index import Index

    index = Index.of(root)
    if index is not None:
        index.write("validate-run", {name: ((0, 0, 0, 0), encode(value))}, [])


def locate_findings(root: Path, findings: Findings
                    ) -> list[Problem]:
    """Line numbers for (path, key path, message) findings, reading each named file once."""
    from kadev.store.loader import parse_file
    from kadev.store.yamlio import locate

    texts: dict[str, str] = {}
    problems = []
    for path, loc, message in findings:
        if path not in texts:
            _, text, _ = parse_file(root, path)
            texts[path] = text or ""
        line, column = locate(texts[path], loc)
        problems.append(Problem(path, line, column, message))
    return problems
