"""Sharing the data root with the team through git: pull what others pushed, push what this
clone committed, and say what came in, account by account.

kadev commits each of its writes itself, so a sync commits nothing: changes a person made by
hand and did not commit stay as they are (git refuses the pull only if they touch a file that
came in, and says which).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from kadev.store.root import ACCOUNT_FILE, SALES_DIR


class SyncFailed(Exception):
    """Git refused (a conflict, a rejected push, no remote); `args[0]` is a code for the
    catalogue, `args[1]` what git said, `args[2]` the conflicted paths if any."""


@dataclass
class Incoming:
    """What the pull brought, by account (paths relative to the data root)."""

    commits: int = 0
    new_accounts: list[str] = field(default_factory=list)
    changed_cards: list[str] = field(default_factory=list)
    visits: dict[str, int] = field(default_factory=dict)
    complaints: dict[str, int] = field(default_factory=dict)
    ledger: list[str] = field(default_factory=list)
    pushed: int = 0


def _git(top: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=top,
                          capture_output=True, text=True, encoding="utf-8", errors="replace",
                          start_new_session=True)


def _said(result: subprocess.CompletedProcess[str]) -> str:
    lines = [x.strip() for x in (result.stderr or result.stdout).splitlines() if x.strip()]
    return next((x for x in reversed(lines) if x.startswith(("fatal:", "error:"))),
                lines[-1] if lines else "?")


def sync(root: Path, rebase: bool = False) -> Incoming:
    """Pull (merge, or rebase) from the upstream, push local commits, and what came in."""
    top_found = _git(root, "rev-parse", "--show-toplevel")
    if top_found.returncode != 0:
        raise SyncFailed("sync.no_git", "", [])
    top = Path(top_found.stdout.strip())
    prefix = _git(root, "rev-parse", "--show-prefix").stdout.strip()
    if not _git(top, "remote").stdout.strip():
        raise SyncFailed("sync.no_remote", "", [])
    from kadev.store.cardmerge import configure

    configure(top)  # cards merge field by field in this clone too
    before = _git(top, "rev-parse", "HEAD").stdout.strip()
    pulled = _git(top, "pull", "--rebase" if rebase else "--no-rebase", "--no-edit")
    if pulled.returncode != 0:
        conflicted = [p for p in _git(top, "diff", "--name-only", "--diff-filter=U"
                                      ).stdout.splitlines() if p]
        code = "sync.conflict" if conflicted else "sync.pull_failed"
        raise SyncFailed(code, _said(pulled), [p.removeprefix(prefix) for p in conflicted])
    after = _git(top, "rev-parse", "HEAD").stdout.strip()
    incoming = _incoming(top, prefix, before, after)
    if after != before:
        from kadev.store.gitlog import index_history

        index_history(top)  # `kadev history` over what came in stays quick
    ahead = _git(top, "rev-list", "--count", "@{upstream}..HEAD")
    if ahead.returncode == 0 and ahead.stdout.strip() not in ("", "0"):
        pushed = _git(top, "push", "--quiet")
        if pushed.returncode != 0:
            raise SyncFailed("sync.push_failed", _said(pushed), [])
        incoming.pushed = int(ahead.stdout.strip())
    return incoming


def _incoming(top: Path, prefix: str, before: str, after: str) -> Incoming:
    """The changes others made between two commits, by account."""
    found = Incoming()
    if before == after or not before:
        return found
    mine = _git(top, "merge-base", before, after).stdout.strip()
    if mine != before:  # a rebase replayed our commits on theirs: compare with the base
        before = mine
    found.commits = int(_git(top, "rev-list", "--count", "--no-merges",
                             f"{before}..{after}").stdout.strip() or 0)
    listed = _git(top, "diff", "--name-status", "--no-renames", "-z", before, after, "--",
                  prefix or ".").stdout.split("\0")
    for status, path in zip(listed[::2], listed[1::2], strict=False):
        rel = path.removeprefix(prefix)
        parts = rel.split("/")
        if parts[0] == SALES_DIR:
            found.ledger.append(parts[-1].removesuffix(".csv"))
        elif len(parts) == 2 and parts[1] == ACCOUNT_FILE:
            (found.new_accounts if status == "A" else found.changed_cards).append(parts[0])
        elif len(parts) == 3 and parts[1] in ("visits", "complaints") and status == "A":
            kind = found.visits if parts[1] == "visits" else found.complaints
            kind[parts[0]] = kind.get(parts[0], 0) + 1
    return found
