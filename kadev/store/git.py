"""Git: commit exactly the files a command wrote, and read an account's history.

Other staged or unstaged changes are never swept in: `git commit --only FILES` records HEAD's
tree with only the written paths replaced and leaves the rest of the index as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Collection
from pathlib import Path
from typing import NamedTuple

from kadev.i18n import Msg, lazy


class GitFailed(Exception):
    pass


def _git(cwd: Path, *args: str, check: bool = True, input: str | None = None,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                            encoding="utf-8", errors="replace", input=input,
                            env=None if env is None else {**os.environ, **env})
    if check and result.returncode != 0:
        raise GitFailed([_reason(result.stderr or result.stdout)])
    return result


def _reason(said: str) -> str:
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
    result = _git(root, "rev-parse", "--show-toplevel", check=False)
    if result.returncode != 0:
        return None
    return Path(result.stdout.strip())


def init(root: Path) -> None:
    _git(root, "init", "-q")


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
    gitdir = Path(_git(top, "rev-parse", "--absolute-git-dir").stdout.strip())
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
            ignored = _git(top, "check-ignore", "--no-index", "-z", "--stdin", input=listing,
                           check=False).returncode == 0
            if ignored:  # git add decides: it refuses an ignored new file, in its own words
                _retrying(top, "add", "--", *rels)
            # git's own index update, from a list: `git add -- PATHS` matches every path
            # against every index entry (minutes for 20,000 files in a 266,000-file tree)
            _retrying(top, "update-index", "--add", "--remove", "-z", "--stdin", stdin=listing)
            staged = True
            listed = _git(top, "diff", "--cached", "--name-only", "-z", check=False)
            changed = {p for p in listed.stdout.split("\0") if p}
            if listed.returncode == 0 and not changed & set(rels):
                return None  # the files are as committed: nothing to record
            # with nothing else staged, a plain commit records exactly these files, at a
            # third of the cost of --only (which re-stats every file for a temporary index)
            only = () if listed.returncode == 0 and changed <= set(rels) else ("--only",)
            _retrying(top, "commit", "-q", *only, "-m", message, "--",
                      *(rels if only else ()))
    except (GitFailed, TimeoutError) as err:
        reason = err.args[0][0] if isinstance(err, GitFailed) else str(err)
        return lazy("git.staged_not_committed" if staged else "git.not_committed",
                     reason=reason)
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
    gitdir = _git(root, "rev-parse", "--absolute-git-dir", check=False).stdout.strip()
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
            raise GitFailed([_reason(said)])
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
    hooks = Path(_git(root, "rev-parse", "--git-path", "hooks").stdout.strip())
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
        _git(root, "add", "-A", ".")
        _git(root, "commit", "-q", "-m", message)
    except GitFailed as err:
        return f"written but not committed: git said: {err.args[0][0]}"
    return None


class Commit(NamedTuple):
    sha: str
    parents: tuple[str, ...]
    author: str
    date: str  # ISO 8601
    subject: str
    files: tuple[str, ...]  # paths (relative to the work tree's top) the commit touched


# git log inflates two 10,000-entry root trees per commit and frees them; glibc then gives
# the memory back to the kernel and faults it in again for the next (~3,600 brk calls and
# 0.45 s of system time for 650 commits at 10,000 accounts). Keeping 64 MB of heap makes it
# 0.24 s instead of 0.69 s. Other C libraries ignore these variables.
KEEP_HEAP = {"MALLOC_TOP_PAD_": str(64 << 20), "MALLOC_TRIM_THRESHOLD_": str(256 << 20)}


def log(top: Path, rel: str) -> list[Commit]:
    """Every commit touching `rel`, newest first, merges included, in one git process.

    Paths come unquoted whatever characters they hold (`core.quotePath=false`, `-z`)."""
    # --full-history: merges too, also one that took one side whole (which side won is news)
    result = _git(top, "-c", "core.quotePath=false", "log", "-z", "--full-history",
                  "--format=%x1e%H%x1f%P%x1f%an%x1f%aI%x1f%s", "--name-only", "--", rel,
                  check=False, env=KEEP_HEAP)
    if result.returncode != 0:
        return []
    commits = []
    for block in result.stdout.split("\x1e")[1:]:
        head, _, names = block.partition("\0")  # -z: the header ends with NUL, as names do
        sha, parents, author, date, subject = head.split("\x1f", 4)
        commits.append(Commit(sha, tuple(parents.split()), author, date, subject,
                              tuple(n.strip("\n") for n in names.split("\0")
                                    if n.strip("\n"))))
    return commits


def texts(top: Path, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], str | None]:
    """The text of each (commit, path) asked for (None where it did not exist), read by one
    `git cat-file --batch` process."""
    if not wanted:
        return {}
    asked = "".join(f"{sha}:{path}\n" for sha, path in wanted).encode()
    out = subprocess.run(["git", "cat-file", "--batch"], cwd=top, input=asked,
                         capture_output=True)
    found: dict[tuple[str, str], str | None] = {}
    data, at = out.stdout, 0
    for key in wanted:
        end = data.index(b"\n", at)
        header = data[at:end].split()
        at = end + 1
        if len(header) < 3 or header[-1] == b"missing":
            found[key] = None
            continue
        size = int(header[2])
        found[key] = data[at:at + size].decode("utf-8", "replace")
        at += size + 1
    return found


def finish_merge(top: Path, rel: str) -> bool:
    """Stage a resolved file; commit the merge when no file is in conflict any more. True
    when the merge was committed."""
    _git(top, "add", "--", rel)
    if _git(top, "ls-files", "-u").stdout.strip():
        return False
    _git(top, "commit", "-q", "--no-edit")
    return True


def show(top: Path, sha: str, rel: str) -> str | None:
    """The text of `rel` at commit `sha`, or None where it did not exist."""
    return texts(top, [(sha, rel)])[(sha, rel)]


def patch(top: Path, rel: str) -> str:
    return _git(top, "log", "-p", "--format=commit %H%nAuthor: %an%nDate:   %aI%n%n    %s%n",
                "--", rel).stdout


def index_history(top: Path) -> None:
    """Write git's commit-graph with changed-path filters, so that `git log -- FOLDER` (an
    account's history) skips the commits that did not touch it instead of diffing each
    commit's 10,000-entry tree; git's own maintenance keeps the filters once they exist.
    Best effort: a failure only means a slower history."""
    _git(top, "commit-graph", "write", "--reachable", "--changed-paths", "--no-progress",
         check=False)


def uncommitted(top: Path, rel: str) -> Callable[[], list[str]]:
    """Start listing the paths under `rel` that differ from HEAD (modified, added or
    untracked), any characters in them; the returned function waits for the answer, so the
    caller reads the log meanwhile."""
    proc = subprocess.Popen(["git", "status", "--porcelain", "-z", "--untracked-files=all",
                             "--", rel], cwd=top, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)

    def answer() -> list[str]:
        out, _ = proc.communicate()
        paths, entries = [], iter(out.decode("utf-8", errors="replace").split("\0"))
        for entry in entries:
            if len(entry) > 3:
                paths.append(entry[3:])
                if entry[0] in "RC":
                    next(entries, None)  # a rename's old path follows
        return paths

    return answer


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


def index_written_ns(root: Path) -> int | None:
    """When git's index of the root's work tree was last written (its mtime), or None."""
    found = _git(root, "rev-parse", "--git-path", "index", check=False)
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


def staged(root: Path) -> list[str]:
    """The files under the data root that the next commit adds or changes (staged), as
    paths from the root; deletions left out."""
    if work_tree(root) is None:
        return []
    listed = _git(root, "diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z",
                  "--no-renames", "--relative").stdout  # --relative: from the root
    return [p for p in listed.split("\0") if p]


def export_staged(root: Path, folders: list[str], dest: Path) -> Path:
    """The staged (index) version of every file of `folders` (top-level names under the data
    root, files or folders) written under `dest`, as a commit would hold them; returns where
    the data root's copy is (git writes paths from the work tree's top)."""
    prefix = _git(root, "rev-parse", "--show-prefix").stdout.strip()
    paths = _git(root, "ls-files", "-z", "--", *folders).stdout if folders else ""
    if paths:
        _git(root, "checkout-index", f"--prefix={dest}{os.sep}", "-z", "--stdin", input=paths)
    copy = dest / prefix if prefix else dest
    copy.mkdir(parents=True, exist_ok=True)
    return copy


def patch_without_personal(top: Path, rel: str) -> str:
    """`patch`, with every line of a card that lies in a contact's birthday, personal notes
    or trips (in the version before or after) replaced by one `…` line: the raw history
    without personal data."""
    text = _git(top, "log", "-p", "--full-index",
                "--format=commit %H%nAuthor: %an%nDate:   %aI%n%n    %s%n", "--", rel).stdout
    blobs: dict[str, set[int]] = {}
    out: list[str] = []
    old_lines: set[int] = set()
    new_lines: set[int] = set()
    old_at = new_at = 0
    hidden = False
    for line in text.splitlines(keepends=True):
        if line.startswith("index "):
            ids = line.split()[1].split("..")
            old_lines, new_lines = (_personal_lines(top, blob, blobs) for blob in ids)
            out.append(line)
            continue
        found = re.match(r"@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@", line)
        if found:
            old_at, new_at = int(found[1]), int(found[2])
            hidden = False
            out.append(line)
            continue
        if line[:1] in (" ", "-", "+") and not line.startswith(("--- ", "+++ ")) \
                and (old_lines or new_lines):
            mark = line[:1]
            personal = ((mark in " -" and old_at in old_lines)
                        or (mark in " +" and new_at in new_lines))
            old_at += mark in " -"
            new_at += mark in " +"
            if personal:
                if not hidden:
                    out.append(f"{mark}  … {PERSONAL_HIDDEN}\n")
                hidden = True
                continue
            hidden = False
        out.append(line)
    return "".join(out)


PERSONAL_HIDDEN = "(personal data: --personal)"


def _personal_lines(top: Path, blob: str, memo: dict[str, set[int]]) -> set[int]:
    """The line numbers of a card's text (a blob) that hold contacts' personal fields."""
    if blob in memo:
        return memo[blob]
    lines: set[int] = set()
    if blob.strip("0"):
        import yaml

        from kadev.models.account import PERSONAL_FIELDS

        text = _git(top, "cat-file", "blob", blob, check=False).stdout
        try:
            root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError:
            root = None
        for key, value in root.value if isinstance(root, yaml.MappingNode) else []:
            if key.value != "contacts" or not isinstance(value, yaml.SequenceNode):
                continue
            for person in value.value:
                if not isinstance(person, yaml.MappingNode):
                    continue
                for field, node in person.value:
                    if field.value in PERSONAL_FIELDS:
                        first = field.start_mark.line + 1  # 1-based
                        last = node.end_mark.line + (1 if node.end_mark.column else 0)
                        lines.update(range(first, max(last, first) + 1))
    memo[blob] = lines
    return lines


def snapshot(root: Path, day: dt.date) -> tuple[Path, str, str] | None:
    """The data root as it was at the last commit (of HEAD's history) made on or before
    `day`: (a folder holding that commit's copy of the root, the commit, its date), or None
    when git has none. The copy is extracted once per commit (`git archive`, which reads the
    object store: the work tree, the index and HEAD are not touched) under the system's
    temporary folder, and reused by later runs."""
    import tarfile
    import tempfile

    top = work_tree(root)
    if top is None:
        return None
    found = _git(top, "log", "-1", "--format=%H %cs", f"--before={day.isoformat()} 23:59:59",
                 "HEAD", check=False).stdout.split()
    if len(found) != 2:
        return None
    commit, when = found
    prefix = root.resolve().relative_to(top.resolve()).as_posix()
    user = os.getuid() if hasattr(os, "getuid") else 0
    home = Path(tempfile.gettempdir()) / f"kadev-as-of-{user}"
    folder = home / commit
    if not (folder / ".complete").exists():
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
        temp = Path(tempfile.mkdtemp(prefix=f".{commit[:12]}-", dir=home))
        # streamed from git to the folder: a large root is never held in memory whole
        with subprocess.Popen(["git", "archive", "--format=tar", commit, "--",
                               "." if prefix == "." else prefix], cwd=top,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) as archive:
            assert archive.stdout is not None
            try:
                with tarfile.open(fileobj=archive.stdout, mode="r|") as tar:
                    tar.extractall(temp, filter="data")
            except tarfile.TarError:
                archive.kill()  # (a stopped reader must not leave git blocked on the pipe)
            said = archive.stderr.read().decode("utf-8", "replace") if archive.stderr else ""
        if archive.returncode != 0:
            shutil.rmtree(temp, ignore_errors=True)
            raise GitFailed([_reason(said)])
        (temp / ".complete").touch()
        try:
            temp.rename(folder)
        except OSError:  # another run extracted it meanwhile
            shutil.rmtree(temp, ignore_errors=True)
    return (folder if prefix == "." else folder / prefix), commit, when


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
