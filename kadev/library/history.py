"""An account's audit history from git (`kadev history`): every commit touching its folder,
and for each change of its card the fields with their old and new values."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kadev.errors import KadevError

if TYPE_CHECKING:
    from kadev.library import DataRoot


def _work_tree(lib: DataRoot, account_id: str) -> tuple[Path, str]:
    """The git work tree the data root is in, and the account's folder relative to it."""
    from kadev.store import git

    if not git.available():
        raise KadevError(code="err.no_git")
    top = git.work_tree(lib.path)
    if top is None:
        raise KadevError(code="err.not_git", root=lib.path)
    return top, str((lib.path / account_id).resolve().relative_to(top))


def account_patch(lib: DataRoot, account_id: str, personal: bool) -> str:
    """The raw diffs of every commit touching the account (contacts' personal data left out
    unless `personal`)."""
    from kadev.store import gitlog

    top, folder = _work_tree(lib, account_id)
    return gitlog.patch(top, folder) if personal else gitlog.patch_without_personal(top, folder)


def account_history(lib: DataRoot, account_id: str, personal: bool
                    ) -> tuple[list[dict[str, Any]], list[str]]:
    """The account's commits, newest first (each with the card's field changes, and for a
    merge the changes against each side; personal data only with `personal`), and the
    files of its folder changed and not committed yet."""
    from kadev.analysis.history import Versions, flat_changes, is_personal
    from kadev.store import gitlog
    from kadev.store.loader import account_rel

    top, folder = _work_tree(lib, account_id)
    card_path = str((lib.path / account_rel(account_id)).resolve().relative_to(top))
    pending_later = gitlog.uncommitted(top, folder)  # git status runs beside git log
    commits = gitlog.log(top, folder)
    # every version of the card needed, read by one git process
    wanted = list(dict.fromkeys(
        (sha, card_path) for c in commits if card_path in c.files or len(c.parents) > 1
        for sha in (c.sha, *c.parents)))
    cards = gitlog.texts(top, wanted)
    pending = pending_later()
    versions = Versions(_parse)

    @cache
    def flat(text: str | None) -> dict[str, str]:
        """One version of the card, flattened (each version is the new side of one commit
        and the old side of the next)."""
        if text is None:
            return {}
        try:
            return versions.flat(text)
        except ValueError:
            return {"(unreadable YAML)": text[:40]}

    def changes_against(sha: str, parent: str) -> list[dict[str, Any]]:
        old, new = flat(cards.get((parent, card_path))), flat(cards.get((sha, card_path)))
        return [{"field": f, "old": o, "new": n} for f, o, n in flat_changes(old, new)
                if personal or not is_personal(f)]

    entries: list[dict[str, Any]] = []
    for c in commits:
        merge = len(c.parents) > 1
        against = [{"parent": p[:10], "changes": changes_against(c.sha, p)}
                   for p in c.parents] if merge else []
        changes = (changes_against(c.sha, c.parents[0] if c.parents else "")
                   if card_path in c.files and not merge else [])
        entries.append({"commit": c.sha[:10], "date": c.date[:10], "author": c.author,
                        "message": c.subject, "files": [f.removeprefix(folder + "/")
                                                        for f in c.files],
                        "changes": changes, "merge": against})
    return entries, pending


def _parse(text: str) -> Any:
    """One version's (or one section's) data, with libyaml's loader; ValueError when it is
    not YAML."""
    import yaml

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    except yaml.YAMLError as err:
        raise ValueError(str(err)) from None
