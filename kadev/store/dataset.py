"""Loading the whole data root for `validate`: every file, every problem, then the checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kadev.errors import Problem
from kadev.models import Account, Complaint, Settings, Visit
from kadev.models.folder import AccountFolder
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

RECORD_KINDS = {"visits": Visit, "complaints": Complaint}
ALLOWED_EXTRA = {"attachments"}


@dataclass
class Dataset:
    settings: Settings
    folders: list[AccountFolder] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0


def _load_folder(root: Path, name: str, ds: Dataset) -> AccountFolder:
    account_rel = f"{name}/{ACCOUNT_FILE}"
    folder = AccountFolder(name, account_rel, None)
    if not ID_RE.match(name):
        ds.problems.append(Problem(f"{name}/", 0, 0, "account folder name is not a valid id "
                                   "(lower-case letters, digits and '-', starting with a letter "
                                   "or digit, at most 64)"))
    for entry in sorted((root / name).iterdir(), key=lambda e: e.name):
        rel = f"{name}/{entry.name}"
        if entry.name.startswith(".") or entry.name in ALLOWED_EXTRA:
            continue
        if entry.name == ACCOUNT_FILE:
            ds.files += 1
            loaded = load_file(root, rel, Account)
            folder.account = loaded.record
            ds.problems.extend(loaded.problems)
        elif entry.name in RECORD_KINDS and entry.is_dir():
            model = RECORD_KINDS[entry.name]
            target = folder.visits if entry.name == "visits" else folder.complaints
            for record in sorted(entry.iterdir(), key=lambda e: e.name):
                record_rel = f"{rel}/{record.name}"
                if record.name.startswith("."):
                    continue
                if not RECORD_NAME_RE.match(record.name):
                    ds.problems.append(Problem(record_rel, 0, 0, "file name is not "
                                               "YYYY-MM-DD-<suffix>.yaml"))
                    continue
                ds.files += 1
                loaded_record = load_file(root, record_rel, model)
                ds.problems.extend(loaded_record.problems)
                if loaded_record.record is not None:
                    target.append((record_rel, loaded_record.record))  # type: ignore[arg-type]
        else:
            ds.problems.append(Problem(rel, 0, 0, "unexpected file in an account folder "
                                       f"(expected {ACCOUNT_FILE}, visits/, complaints/, "
                                       "attachments/)"))
    if not (root / account_rel).exists():
        ds.problems.append(Problem(account_rel, 0, 0, "missing: every account folder needs "
                                   "its card"))
    return folder


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


def load_dataset(root: Path) -> Dataset:
    """Every file under the root, validated, with all the problems of each file."""
    settings_loaded = load_file(root, SETTINGS_FILE, Settings)
    ds = Dataset(settings_loaded.record or Settings(), problems=list(settings_loaded.problems))
    ds.files += 1
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name == SALES_DIR and entry.is_dir():
            continue
        if not is_account_dir_name(entry.name) or entry.name == SETTINGS_FILE:
            continue
        if not entry.is_dir():
            ds.problems.append(Problem(entry.name, 0, 0, "unexpected file at the data root"))
            continue
        ds.folders.append(_load_folder(root, entry.name, ds))
    _load_ledger(root, ds)
    return ds


def _load_ledger(root: Path, ds: Dataset) -> None:
    """Every ledger month: its name, its rows, and that each row names an existing account."""
    from kadev.store import ledger

    folder = root / SALES_DIR
    if not folder.is_dir():
        return
    known = {f.id for f in ds.folders}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        rel = f"{SALES_DIR}/{entry.name}"
        match = ledger.MONTH_FILE_RE.match(entry.name)
        if not match:
            if not entry.name.startswith("."):
                ds.problems.append(Problem(rel, 0, 0, "ledger files are named YYYY-MM.csv"))
            continue
        ds.files += 1
        rows, problems = ledger.read_month(root, match.group(1))
        ds.problems.extend(problems)
        for row in rows:
            if row.account not in known:
                ds.problems.append(Problem(rel, row.line, 1, f"unknown account '{row.account}' (no "
                                           f"folder {row.account}/ with an account.yaml)"))
