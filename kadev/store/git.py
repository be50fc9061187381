"""Git: commit exactly the files a command wrote, and read an account's history.

Other staged or unstaged changes are never swept in: paths are committed with
`git commit --only`, which leaves the rest of the index as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Collection
from pathlib import Path
from typing import NamedTuple


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


def commit_paths(root: Path, paths: list[Path], message: str,
                 created: Collection[Path] = ()) -> str | None:
    """Commit exactly `paths`; returns None on success or a one-line reason it did not commit.

    `git commit --only` takes only paths git knows, so the files this command `created` are
    added first. Files it changed need no `git add` (which costs a read and a write of the
    whole index, ~0.2 s at 250,000 files). Should one of them be unknown to git (a file kadev
    rewrote that was never committed), the commit fails on that path before any hook runs;
    it is then added and the commit made again.
    """
    top = work_tree(root)
    if top is None:
        return None
    rels = {p: str(p.resolve().relative_to(top)) for p in paths}
    try:
        new = [rels[p] for p in paths if p in created]
        if new:
            _git(top, "add", "--", *new)
        commit = ("commit", "-q", "--only", "-m", message, "--", *rels.values())
        try:
            _git(top, *commit)
        except GitFailed:
            listed = _git(top, "ls-files", "-z", "--", *rels.values()).stdout.split("\0")
            unknown = [rel for rel in rels.values() if rel not in listed]
            if not unknown:
                raise
            _git(top, "add", "--", *unknown)
            _git(top, *commit)
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


Listed = dict[str, "tuple[int, int] | None"]


class TreeState(NamedTuple):
    """What git says of the data root: the commit checked out and every path under the root
    that differs from it or is untracked or ignored, with its (mtime_ns, size) (None where
    deleted). Paths are relative to the data root. Any file not listed has the content it has
    in `head`."""

    head: str
    listed: Listed


def tree_state(root: Path) -> TreeState | None:
    """The root's TreeState, or None where there is no git or no commit yet.

    Hidden paths are left out, and files that git ignores (.gitignore) are not listed, so a
    change to one goes unseen."""
    if not available():
        return None
    where = _git(root, "rev-parse", "--show-prefix", check=False)
    if where.returncode != 0:
        return None
    prefix = where.stdout.strip()
    # the plain form, which git answers from its index and untracked cache: asking for every
    # untracked file, for ignored ones or for a pathspec each doubles its time on a large root
    status = _git(root, "status", "--porcelain=v2", "-z", "--branch", "--no-renames",
                  check=False)
    if status.returncode != 0:
        return None
    head = ""
    listed: Listed = {}
    entries = iter(status.stdout.split("\0"))
    for entry in entries:
        if not entry:
            continue
        kind = entry[0]
        if kind == "#":
            if entry.startswith("# branch.oid "):
                head = entry[len("# branch.oid "):]
            continue
        fields = {"1": 9, "2": 10, "u": 11}.get(kind, 2)  # path: the last of so many fields
        path = entry.split(" ", fields - 1)[-1]
        if kind == "2":  # a rename (should --no-renames not apply): the old path follows
            _note(root, prefix, next(entries, ""), listed)
        if not path.startswith(prefix):
            continue
        rel = path[len(prefix):]
        if any(part.startswith(".") for part in rel.split("/")):
            continue  # hidden: the cache, git's own files; no kadev command reads them
        if kind == "?" and rel.endswith("/"):  # an untracked folder: git lists it, not its files
            for folder, _, names in os.walk(root / rel):
                for name in names:
                    _note(root, "", os.path.relpath(os.path.join(folder, name), root), listed)
            listed[rel.rstrip("/")] = None  # (even when empty: its name alone is a change)
            continue
        _note(root, "", rel, listed)
    if len(head) not in (40, 64) or not all(c in "0123456789abcdef" for c in head):
        return None  # "(initial)": nothing committed yet
    return TreeState(head, listed)


def _note(root: Path, prefix: str, path: str, listed: Listed) -> None:
    if not path.startswith(prefix):
        return
    rel = path[len(prefix):]
    try:
        st = os.stat(root / rel)
        listed[rel] = (st.st_mtime_ns, st.st_size)
    except OSError:
        listed[rel] = None


def changed_between(root: Path, old: str, new: str) -> list[str] | None:
    """Paths under the root (relative to it) whose content differs between two commits, or
    None when git cannot tell (e.g. the old commit is gone)."""
    if old == new:
        return []
    result = _git(root, "diff", "--name-only", "-z", "--no-renames", "--relative", old, new,
                  "--", ".", check=False)
    if result.returncode != 0:
        return None
    return [p for p in result.stdout.split("\0") if p]


def tracked(root: Path, folders: list[str] | None = None) -> Callable[[], set[str] | None]:
    """Start listing the paths (relative to the root) that git tracks under the root, or only
    under the given top-level folders; the returned function waits for the answer (None when
    git cannot tell). Git reads its whole index for this (~60 ms at 266,000 files), so the
    caller does other work meanwhile."""
    pathspec = ["."] if folders is None or len(folders) > 200 else folders
    if not pathspec:
        return lambda: set()
    proc = subprocess.Popen(["git", "ls-files", "-z", "--", *pathspec], cwd=root,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def answer() -> set[str] | None:
        out, _ = proc.communicate()
        if proc.returncode != 0:
            return None
        return {p for p in out.decode("utf-8", errors="replace").split("\0") if p}

    return answer
