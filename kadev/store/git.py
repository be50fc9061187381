"""Git: commit exactly the files a command wrote; what git says of the data root (its status,
what is staged), merges. Reading the history is `store.gitlog`.

Other staged or unstaged changes are never swept in: `git commit --only FILES` records HEAD's
tree with only the written paths replaced and leaves the rest of the index as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Collection
from pathlib import Path
from typing import NamedTuple

from kadev.i18n import Msg, lazy


class GitFailed(Exception):
    pass


def run(cwd: Path, *args: str, check: bool = True, input: str | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                            encoding="utf-8", errors="replace", input=input,
                            env=None if env is None else {**os.environ, **env})
    if check and result.returncode != 0:
        raise GitFailed([reason(result.stderr or result.stdout)])
    return result


def reason(said: str) -> str:
    """The line that says why git failed: its last fatal or error line, else (e.g. a hook's
    own words, or `git add` listing ignored paths) its first line that is not a hint."""
    lines = [line.strip() for line in said.strip().splitlines() if line.strip()]
    for line in reversed(lines):
        if line.startswith(("fatal:", "error:")):
            return line
    return next((line for line in lines if not line.startswith("hint:")), "?")


def available() -> bool:
    return shutil.which("git") is not None


def work_tree(root: Path) -> Path | None:
    """The top of the git work tree holding `root`, or None (no git, or not a repository)."""
    if not available():
        return None
    result = run(root, "rev-parse", "--show-toplevel", check=False)
    if result.returncode != 0:
        return None
    return Path(result.stdout.strip())


def init(root: Path) -> None:
    run(root, "init", "-q")


WAIT_SECONDS = 20.0  # how long a commit waits for another git process's lock (KADEV_GIT_WAIT)


def _wait() -> float:
    try:
        return float(os.environ.get("KADEV_GIT_WAIT", WAIT_SECONDS))
    except ValueError:
        return WAIT_SECONDS


def commit_paths(root: Path, paths: list[Path], message: str,
                 created: Collection[Path] = ()) -> Msg | None:
    """Commit exactly `paths` with git's own commit; None on success, else the message saying
    what happened (the files stay written, and staged when `git add` got through).
    When nothing else is staged the commit is a plain `git commit` of the index, else
    `git commit --only PATHS`, which leaves the other staged changes staged.

    `git add` then `git commit --only` take git's index lock themselves, so HEAD, the index
    and the files always agree: either the commit happened or HEAD did not move. kadev's own
    commits in one repository are serialized by a lock file beside git's, and a lock held by
    another git process (an editor's status poll, gc, a pull) is waited out for
    WAIT_SECONDS. `created` is accepted for callers' clarity; `git add` stages new and
    changed files alike.
    """
    del created
    top = work_tree(root)
    if top is None:
        return None
    rels = [str(p.resolve().relative_to(top)) for p in paths]
    gitdir = Path(run(top, "rev-parse", "--absolute-git-dir").stdout.strip())
    underway = operation_underway(gitdir)
    if underway:
        return lazy("git.underway", operation=underway)
    from kadev.store.locks import held

    staged = False
    try:
        with held(gitdir / "kadev-commit.lock", _wait()):
            listing = "\0".join(rels) + "\0"
            # (--no-index: by the ignore rules alone, in milliseconds; the index's view, in
            # which a tracked file is never ignored, costs a second per 250 paths)
            ignored = run(top, "check-ignore", "--no-index", "-z", "--stdin", input=listing,
                          check=False).returncode == 0
            if ignored:  # git add decides: it refuses an ignored new file, in its own words
                _retrying(top, "add", "--", *rels)
            # git's own index update, from a list: `git add -- PATHS` matches every path
            # against every index entry (minutes for 20,000 files in a 266,000-file tree)
            _retrying(top, "update-index", "--add", "--remove", "-z", "--stdin", stdin=listing)
            staged = True
            listed = run(top, "diff", "--cached", "--name-only", "-z", check=False)
            changed = {p for p in listed.stdout.split("\0") if p}
            if listed.returncode == 0 and not changed & set(rels):
                return None  # the files are as committed: nothing to record
            # with nothing else staged, a plain commit records exactly these files, at a
            # third of the cost of --only (which re-stats every file for a temporary index)
            only = () if listed.returncode == 0 and changed <= set(rels) else ("--only",)
            _retrying(top, "commit", "-q", *only, "-m", message, "--",
                      *(rels if only else ()))
    except (GitFailed, TimeoutError) as err:
        why = err.args[0][0] if isinstance(err, GitFailed) else str(err)
        return lazy("git.staged_not_committed" if staged else "git.not_committed",
                    reason=why)
    return None


_UNDERWAY = {"MERGE_HEAD": "merge", "CHERRY_PICK_HEAD": "cherry-pick",
             "REVERT_HEAD": "revert", "rebase-merge": "rebase", "rebase-apply": "rebase"}


def operation_underway(gitdir: Path) -> str | None:
    """The git operation under way in a repository (merge, rebase …), or None."""
    for name, what in _UNDERWAY.items():
        if (gitdir / name).exists():
            return what
    return None


def root_underway(root: Path) -> str | None:
    """The git operation under way in the repository holding `root`, or None (also without
    git)."""
    if work_tree(root) is None:
        return None
    gitdir = run(root, "rev-parse", "--absolute-git-dir", check=False).stdout.strip()
    return operation_underway(Path(gitdir)) if gitdir else None


def _retrying(top: Path, *args: str, stdin: str | None = None) -> None:
    """Run a git command that takes git's locks, again while another process holds one."""
    import time

    deadline = time.monotonic() + _wait()
    pause = 0.02
    while True:
        result = subprocess.run(["git", *args], cwd=top, capture_output=True, text=True,
                                encoding="utf-8", errors="replace", start_new_session=True,
                                env={**os.environ, COMMITTING: "1"}, input=stdin)
        if result.returncode == 0:
            return
        said = result.stderr or result.stdout
        if not _locked(said) or time.monotonic() > deadline:
            raise GitFailed([reason(said)])
        time.sleep(pause)
        pause = min(pause * 2, 0.5)


COMMITTING = "KADEV_COMMITTING"  # set for kadev's own git commands: its hook has nothing to do
HOOK_MARK = "# kadev pre-commit hook"


def hook_text(root: Path, command: list[str]) -> str:
    """A git pre-commit hook that runs `command` (kadev validate --staged) in the data root,
    except for kadev's own commits (it checked what it wrote)."""
    import shlex

    top = work_tree(root)
    rel = os.path.relpath(root.resolve(), top.resolve()) if top else "."
    return (f"#!/bin/sh\n{HOOK_MARK}: checks the staged cards and records "
            f"(`kadev init --hook`)\n"
            f'[ -n "${COMMITTING}" ] && exit 0\n'
            f"cd {shlex.quote(rel.replace(os.sep, '/'))} || exit 1\n"
            f"exec {' '.join(shlex.quote(c) for c in command)} validate --staged\n")


def install_hook(root: Path, text: str) -> Path | None:
    """Write the pre-commit hook (where git looks for hooks); None when another program's
    hook is there (it is not replaced), else its path."""
    hooks = Path(run(root, "rev-parse", "--git-path", "hooks").stdout.strip())
    if not hooks.is_absolute():
        hooks = root / hooks
    path = hooks / "pre-commit"
    if path.exists() and HOOK_MARK not in path.read_text(encoding="utf-8", errors="replace"):
        return None
    hooks.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(0o755)
    return path


def _locked(said: str) -> bool:
    return ".lock" in said and ("File exists" in said or "Unable to create" in said
                                or "cannot lock ref" in said)


def commit_all(root: Path, message: str) -> str | None:
    """Commit everything under a freshly made repository (the demo generator's first commit)."""
    try:
        run(root, "add", "-A", ".")
        run(root, "commit", "-q", "-m", message)
    except GitFailed as err:
        return f"written but not committed: git said: {err.args[0][0]}"
    return None


def finish_merge(top: Path, rel: str) -> bool:
    """Stage a resolved file; commit the merge when no file is in conflict any more. True
    when the merge was committed."""
    run(top, "add", "--", rel)
    if run(top, "ls-files", "-u").stdout.strip():
        return False
    run(top, "commit", "-q", "--no-edit")
    return True


Listed = dict[str, "tuple[int, int, int, int] | None"]  # mtime_ns, size, ctime_ns, inode


class TreeState(NamedTuple):
    """What git says of the data root: the commit checked out and every path under the root
    that differs from it or is untracked or ignored, with its stat key (None where
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
    where = run(root, "rev-parse", "--show-prefix", check=False)
    if where.returncode != 0:
        return None
    prefix = where.stdout.strip()
    # the plain form, which git answers from its index and untracked cache: asking for every
    # untracked file, for ignored ones or for a pathspec each doubles its time on a large root
    status = run(root, "status", "--porcelain=v2", "-z", "--branch", "--no-renames",
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


def index_written_ns(root: Path) -> int | None:
    """When git's index of the root's work tree was last written (its mtime), or None."""
    found = run(root, "rev-parse", "--git-path", "index", check=False)
    if found.returncode != 0:
        return None
    try:
        return os.stat(root / found.stdout.strip()).st_mtime_ns
    except OSError:
        return None


def _note(root: Path, prefix: str, path: str, listed: Listed) -> None:
    if not path.startswith(prefix):
        return
    rel = path[len(prefix):]
    try:
        st = os.stat(root / rel)
        listed[rel] = (st.st_mtime_ns, st.st_size, st.st_ctime_ns, st.st_ino)
    except OSError:
        listed[rel] = None


def changed_between(root: Path, old: str, new: str) -> list[str] | None:
    """Paths under the root (relative to it) whose content differs between two commits, or
    None when git cannot tell (e.g. the old commit is gone)."""
    if old == new:
        return []
    result = run(root, "diff", "--name-only", "-z", "--no-renames", "--relative", old, new,
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


def staged(root: Path) -> list[str]:
    """The files under the data root that the next commit adds or changes (staged), as
    paths from the root; deletions left out."""
    if work_tree(root) is None:
        return []
    listed = run(root, "diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z",
                 "--no-renames", "--relative").stdout  # --relative: from the root
    return [p for p in listed.split("\0") if p]


def export_staged(root: Path, folders: list[str], dest: Path) -> Path:
    """The staged (index) version of every file of `folders` (top-level names under the data
    root, files or folders) written under `dest`, as a commit would hold them; returns where
    the data root's copy is (git writes paths from the work tree's top)."""
    prefix = run(root, "rev-parse", "--show-prefix").stdout.strip()
    paths = run(root, "ls-files", "-z", "--", *folders).stdout if folders else ""
    if paths:
        run(root, "checkout-index", f"--prefix={dest}{os.sep}", "-z", "--stdin", input=paths)
    copy = dest / prefix if prefix else dest
    copy.mkdir(parents=True, exist_ok=True)
    return copy


def merge_text(now: str, base: str, mine: str, labels: tuple[str, str, str]
               ) -> tuple[str, bool]:
    """`mine` (an edit of `base`) merged with `now` (base changed meanwhile) by `git
    merge-file`: the result, and whether it merged cleanly (else it has conflict markers,
    labelled `labels`)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="kadev-merge-") as folder:
        files = []
        for name, text in (("now", now), ("base", base), ("mine", mine)):
            file = Path(folder) / name
            file.write_text(text, encoding="utf-8")
            files.append(str(file))
        result = subprocess.run(["git", "merge-file", "-p", "-L", labels[0], "-L", labels[1],
                                 "-L", labels[2], *files],
                                capture_output=True, text=True, encoding="utf-8")
    return result.stdout or mine, result.returncode == 0


def merge_in_place(ours: Path, base: Path, theirs: Path) -> bool:
    """git's own line merge of three versions of a file into `ours` (conflict markers where
    both changed the same lines, labelled ours, base, theirs); True when it merged cleanly."""
    result = subprocess.run(["git", "merge-file", "-L", "ours", "-L", "base", "-L", "theirs",
                             str(ours), str(base), str(theirs)], check=False)
    return result.returncode == 0
