"""Checking a data root (`kadev validate`): every file and every cross-reference, or only
what the next commit holds (the pre-commit hook's check). These take the root's folder, not
an open `DataRoot`: its settings file is one of the files checked, and a broken one is a
problem to report, not a reason to stop."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kadev.models import Settings
    from kadev.models.folder import AccountFolder
    from kadev.store.dataset import Verdict


def _folder_check(folder: AccountFolder, settings: Settings) -> list[Any]:
    from kadev.analysis.checks import check_folder

    return [f.as_tuple() for f in check_folder(folder, settings)]


def _alias_check(cards: list[tuple[str, str, tuple[str, ...]]]) -> list[Any]:
    from kadev.analysis.checks import aliases_unique

    return [f.as_tuple() for f in aliases_unique(cards)]


def validate(root: Path, use_cache: bool = True,
             progress: Callable[[int, int], None] | None = None) -> Verdict:
    """The problems of every file under the data root and of every cross-reference, files
    unchanged since the last run answered from the index (unless not `use_cache`)."""
    from kadev.store.dataset import validate_root

    return validate_root(root, _folder_check, _alias_check, use_cache=use_cache,
                         progress=progress)


def validate_staged(root: Path) -> Verdict | None:
    """The verdict on what the next commit holds: the staged version of each account folder
    (and ledger, settings) with a staged file, checked as a data root of its own; None when
    nothing under the root is staged. Checks across all accounts are `validate`'s."""
    import tempfile

    from kadev.store import git
    from kadev.store.dataset import validate_root
    from kadev.store.root import ACCOUNT_FILE, RECIPIENTS_FILE, SALES_DIR, SETTINGS_FILE

    tops = sorted({p.split("/", 1)[0] for p in git.staged(root)})
    if not tops:
        return None
    with tempfile.TemporaryDirectory(prefix="kadev-staged-") as temp:
        wanted = [*tops, SETTINGS_FILE, RECIPIENTS_FILE]  # sealed: no plain personal data
        if SALES_DIR in tops:  # the ledger names accounts: every card must be there
            wanted.append(f":(glob)*/{ACCOUNT_FILE}")
        copy = git.export_staged(root, wanted, Path(temp))
        if not (copy / SETTINGS_FILE).exists():  # not committed yet: the file as it is
            (copy / SETTINGS_FILE).write_bytes((root / SETTINGS_FILE).read_bytes())
        return validate_root(copy, _folder_check, _alias_check, use_cache=False)
