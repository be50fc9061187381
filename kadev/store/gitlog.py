"""Reading git's history of the data root: an account's commits and the versions of its
card, the raw diffs (contacts' personal data hidden unless asked), and a copy of the root as
it was on a day (`--as-of`)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from kadev.store.git import GitFailed, reason, run, work_tree


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
    result = run(top, "-c", "core.quotePath=false", "log", "-z", "--full-history",
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


def show(top: Path, sha: str, rel: str) -> str | None:
    """The text of `rel` at commit `sha`, or None where it did not exist."""
    return texts(top, [(sha, rel)])[(sha, rel)]


def patch(top: Path, rel: str) -> str:
    return run(top, "log", "-p", "--format=commit %H%nAuthor: %an%nDate:   %aI%n%n    %s%n",
               "--", rel).stdout


def index_history(top: Path) -> None:
    """Write git's commit-graph with changed-path filters, so that `git log -- FOLDER` (an
    account's history) skips the commits that did not touch it instead of diffing each
    commit's 10,000-entry tree; git's own maintenance keeps the filters once they exist.
    Best effort: a failure only means a slower history."""
    run(top, "commit-graph", "write", "--reachable", "--changed-paths", "--no-progress",
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


def patch_without_personal(top: Path, rel: str) -> str:
    """`patch`, with every line of a card that lies in a contact's birthday, personal notes
    or trips (in the version before or after) replaced by one `…` line: the raw history
    without personal data."""
    text = run(top, "log", "-p", "--full-index",
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

        text = run(top, "cat-file", "blob", blob, check=False).stdout
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
    found = run(top, "log", "-1", "--format=%H %cs", f"--before={day.isoformat()} 23:59:59",
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
            raise GitFailed([reason(said)])
        (temp / ".complete").touch()
        try:
            temp.rename(folder)
        except OSError:  # another run extracted it meanwhile
            shutil.rmtree(temp, ignore_errors=True)
    return (folder if prefix == "." else folder / prefix), commit, when
