"""Git: commit exactly the files a command wrote, and read an account's history.

Other staged or unstaged changes are never swept in: the commit is HEAD's tree with only
the written paths replaced, and the rest of the index stays as it was (what
`git commit --only` does, which kadev uses whenever a hook or signing is configured).
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


def _git(cwd: Path, *args: str, check: bool = True, input: str | None = None
         ) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                            encoding="utf-8", errors="replace", input=input)
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


def commit_paths(root: Path, paths: list[Path], message: str,
                 created: Collection[Path] = ()) -> str | None:
    """Commit exactly `paths`; returns None on success or a one-line reason it did not commit.

    The commit is made directly (`_commit_direct`) unless git would run a hook or sign it;
    then `git commit --only` makes it. That takes only paths git knows, so the files this
    command `created` are added first. Should one of the others be unknown to git (a file
    kadev rewrote that was never committed), the commit fails on that path before any hook
    runs; it is then added and the commit made again.
    """
    top = work_tree(root)
    if top is None:
        return None
    rels = {p: str(p.resolve().relative_to(top)) for p in paths}
    try:
        if _commit_direct(top, list(rels.values()), message):
            return None
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


Tree = dict[bytes, tuple[bytes, str]]  # name → (mode, oid), as a tree object holds them

_COMMIT_HOOKS = ("hooks/pre-commit", "hooks/prepare-commit-msg", "hooks/commit-msg",
                 "hooks/post-commit")
_UNDERWAY = ("MERGE_HEAD", "CHERRY_PICK_HEAD", "REVERT_HEAD")  # where --only is refused


def _commit_direct(top: Path, rels: list[str], message: str) -> bool:
    """Commit `rels` as `git commit --only` would, without its cost; False (nothing done)
    where it must not be done this way.

    At 250,000 files `git commit` costs ~0.8 s: it re-stats every file and writes the whole
    index twice. Here git writes the files' blobs, HEAD's tree is rebuilt only along their
    folders (`mktree`), `commit-tree` and `update-ref` (guarded by the old HEAD) record the
    commit, and `update-index` stages the same files, leaving the rest of the index alone:
    ~0.15 s. This path is not taken when a commit hook is installed or commits are signed
    (git would run or do them), when HEAD has no commit yet or a merge, cherry-pick or
    revert is under way, when a new path is ignored (`git add` refuses it), or when a path
    is missing or a link.
    """
    if any("\n" in rel for rel in rels):  # --stdin-paths reads one path a line
        return False
    if not all(os.path.isfile(top / rel) and not os.path.islink(top / rel) for rel in rels):
        return False  # a deletion or a link: as git commit records them
    asked = [arg for name in _COMMIT_HOOKS + _UNDERWAY for arg in ("--git-path", name)]
    state = _git(top, "rev-parse", *asked, "HEAD", check=False)
    lines = state.stdout.splitlines()
    if state.returncode != 0 or len(lines) != len(asked) // 2 + 1:
        return False  # no commit yet
    *found, head = lines
    for name, where in zip(_COMMIT_HOOKS + _UNDERWAY, found, strict=True):
        path = top / where
        if path.exists() and (name in _UNDERWAY or os.access(path, os.X_OK)):
            return False
    if _git(top, "config", "--type=bool", "--default=false", "commit.gpgsign",
            check=False).stdout.strip() != "false":
        return False
    folders = sorted({rel.rpartition("/")[0] for rel in rels} | {
        "/".join(rel.split("/")[:depth]) for rel in rels for depth in range(rel.count("/"))})
    found_trees = _trees(top, head, folders)
    if found_trees is None:
        return False
    trees, head_tree = found_trees
    new_paths = [rel for rel in rels if rel.rpartition("/")[2].encode()
                 not in trees.get(rel.rpartition("/")[0], {})]
    if new_paths and _git(top, "check-ignore", "-q", "--", *new_paths,
                          check=False).returncode == 0:
        return False
    # staging the files rewrites the whole index (~0.15 s at 266,000 files) and needs nothing
    # below: it runs meanwhile, on the other core
    staging = subprocess.Popen(["git", "update-index", "--add", "--", *rels], cwd=top,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _record(top, rels, message, head, trees, head_tree)
    finally:
        said = staging.communicate()[1].decode("utf-8", "replace")
    if staging.returncode != 0:
        raise GitFailed([_reason(said)])
    _git(top, "maintenance", "run", "--auto", "--quiet", check=False)  # as git commit does
    return True


def _record(top: Path, rels: list[str], message: str, head: str, trees: dict[str, Tree],
            head_tree: str) -> None:
    """The commit of HEAD's tree with `rels` as they are on disk, made HEAD."""
    blobs = _git(top, "hash-object", "-w", "--stdin-paths", input="".join(
        f"{rel}\n" for rel in rels)).stdout.split()
    for rel, blob in zip(rels, blobs, strict=True):
        folder, _, name = rel.rpartition("/")
        executable = os.stat(top / rel).st_mode & 0o100
        trees.setdefault(folder, {})[name.encode()] = (b"100755" if executable else b"100644",
                                                       blob)
    root_tree = ""
    for folder in sorted(trees, key=lambda f: -f.count("/") - (f != "")):
        listing = b"".join(mode + (b" tree " if mode == b"40000" else b" commit "
                                   if mode == b"160000" else b" blob ") + oid.encode()
                           + b"\t" + name + b"\0"
                           for name, (mode, oid) in trees[folder].items())
        made = subprocess.run(["git", "mktree", "-z"], cwd=top, input=listing,
                              capture_output=True)
        if made.returncode != 0:
            raise GitFailed([_reason(made.stderr.decode("utf-8", "replace"))])
        oid = made.stdout.decode().strip()
        if folder:
            parent, _, name = folder.rpartition("/")
            trees[parent][name.encode()] = (b"40000", oid)
        else:
            root_tree = oid
    if root_tree == head_tree:
        return  # the files are as committed: nothing to record
    text = _cleaned(message)
    commit = _git(top, "commit-tree", root_tree, "-p", head, "-F", "-", input=text).stdout
    _git(top, "update-ref", "-m", f"commit: {text.splitlines()[0] if text else ''}", "HEAD",
         commit.strip(), head)


def _trees(top: Path, head: str, folders: list[str]) -> tuple[dict[str, Tree], str] | None:
    """{folder: its entries} of the given folders (the root is "") in commit `head` ({} for
    one it lacks) and the oid of its root tree; None when one of them is not a folder."""
    asked = "".join(f"{head}:{folder}\n" for folder in folders).encode()
    out = subprocess.run(["git", "cat-file", "--batch"], cwd=top, input=asked,
                         capture_output=True)
    if out.returncode != 0:
        return None
    size_of_oid = len(head) // 2
    data, at = out.stdout, 0
    trees: dict[str, Tree] = {}
    root_tree = ""
    for folder in folders:
        end = data.index(b"\n", at)
        header = data[at:end].split()
        at = end + 1
        if header[-1] == b"missing":
            trees[folder] = {}
            continue
        if header[1] != b"tree":
            return None
        if not folder:
            root_tree = header[0].decode()
        size = int(header[2])
        body, at = data[at:at + size], at + size + 1
        entries: Tree = {}
        pos = 0
        while pos < size:
            space = body.index(b" ", pos)
            nul = body.index(b"\0", space)
            entries[body[space + 1:nul]] = (body[pos:space],
                                            body[nul + 1:nul + 1 + size_of_oid].hex())
            pos = nul + 1 + size_of_oid
        trees[folder] = entries
    return trees, root_tree


def _cleaned(message: str) -> str:
    """The message as `git commit -m` stores it: trailing spaces and surplus blank lines
    gone, one newline at the end."""
    lines: list[str] = []
    for line in message.strip().splitlines():
        line = line.rstrip()
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines) + "\n" if lines else ""


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
