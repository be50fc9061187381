"""Git: commit exactly the files a command wrote, and read an account's history.

Other staged or unstaged changes are never swept in: paths are added, then committed with
`git commit --only`, which leaves the rest of the index as it was.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


class GitFailed(Exception):
    pass


def _git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                            encoding="utf-8", errors="replace")
    if check and result.returncode != 0:
        raise GitFailed((result.stderr or result.stdout).strip().splitlines()[-1:] or ["?"])
    return result


def available() -> bool:
    return shutil.which("git") is not None


def work_tree(root: Path) -> Path | None:
    """The top of the git work tree holding `root`, or None (no git, or not a repository)."""
    if not available():
        return None
    result = _git(root, "rev-parse", "--show-toplevel", check=False)
    if result.returncode != 0:
        return None
    return Path(result.stdout.strip())


def init(root: Path) -> None:
    _git(root, "init", "-q")


def commit_paths(root: Path, paths: list[Path], message: str) -> str | None:
    """Commit exactly `paths`; returns None on success or a one-line reason it did not commit."""
    top = work_tree(root)
    if top is None:
        return None
    rels = [str(p.resolve().relative_to(top)) for p in paths]
    try:
        _git(top, "add", "--", *rels)
        _git(top, "commit", "-q", "--only", "-m", message, "--", *rels)
    except GitFailed as err:
        return f"written but not committed: git said: {err.args[0][0]}"
    return None


def commit_all(root: Path, message: str) -> str | None:
    """Commit everything under a freshly made repository (the demo generator's first commit)."""
    try:
        _git(root, "add", "-A", ".")
        _git(root, "commit", "-q", "-m", message)
    except GitFailed as err:
        return f"written but not committed: git said: {err.args[0][0]}"
    return None


def log(top: Path, rel: str) -> list[tuple[str, str, str, str, list[str]]]:
    """(sha, author, ISO date, subject, files) of every commit touching `rel`, newest first."""
    result = _git(top, "log", "--format=%x1e%H%x1f%an%x1f%aI%x1f%s", "--name-only",
                  "--", rel, check=False)
    if result.returncode != 0:
        return []
    commits = []
    for block in result.stdout.split("\x1e")[1:]:
        head, _, names = block.partition("\n")
        sha, author, date, subject = head.split("\x1f", 3)
        commits.append((sha, author, date, subject, [n for n in names.split("\n") if n]))
    return commits


def show(top: Path, sha: str, rel: str) -> str | None:
    """The text of `rel` at commit `sha`, or None where it did not exist."""
    result = _git(top, "show", f"{sha}:{rel}", check=False)
    return result.stdout if result.returncode == 0 else None


def patch(top: Path, rel: str) -> str:
    return _git(top, "log", "-p", "--format=commit %H%nAuthor: %an%nDate:   %aI%n%n    %s%n",
                "--", rel).stdout


def uncommitted(top: Path, rel: str) -> list[str]:
    """Paths under `rel` that differ from HEAD (modified, added or untracked)."""
    result = _git(top, "status", "--porcelain", "--untracked-files=all", "--", rel, check=False)
    return [line[3:] for line in result.stdout.splitlines() if line.strip()]
