"""One command's write: every file it writes lands, with its commit, or none does.

A writing command opens a `Transaction` on the accounts it changes. That takes each
account's lock (so a card is read, changed and written by one process at a time: the caller
reads the card *after* opening the transaction), refuses to start while a git merge or rebase
is under way, and first finishes or undoes any transaction that a killed process left behind.

`commit()` then:
1. writes every new text to a temporary file in a journal folder under `.kadev-cache/journal/`
   (same file system as the data, so renames are atomic), each with the mode the file has or,
   for a new file, what the umask gives;
2. writes the journal (which temporary file goes where, and the commit message) atomically:
   from here on the transaction is decided;
3. moves each file into place (a new record by `link`, so an existing one is never replaced);
4. commits exactly those files (`store.git.commit_paths`) and removes the journal.
A process killed before step 2 leaves only temporary files, which the next transaction
removes; killed after it, the next transaction moves the remaining files and commits them.
Ctrl-C during `commit()` is held until it is done.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import stat
import time
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from types import TracebackType

from kadev.errors import KadevError, WriteRefused
from kadev.i18n import Msg
from kadev.store.locks import held, is_free
from kadev.store.root import CACHE_DIR

LOCK_WAIT = 30.0  # seconds to wait for another kadev process writing the same account
JOURNAL = "journal"
STALE_SECONDS = 60  # a hidden journal folder older than this was left by a killed process
LOCKS = "locks"


class NotCommitted(KadevError):
    """The files were written but git did not commit them (exit 1)."""


class InterruptedAfterWrite(KadevError):
    """Ctrl-C came while the write was under way: it was finished first (exit 130)."""

    exit_code = 130


class Transaction:
    """The files one command writes, committed together (see the module docstring)."""

    def __init__(self, root: Path, accounts: Iterable[str], auto_commit: bool = True) -> None:
        self.root = root
        self.accounts = sorted(set(accounts))
        self.auto_commit = auto_commit
        self.files: dict[Path, tuple[str | None, bool]] = {}  # path → (text, new); None: remove
        self.interrupted = False
        self._stack = ExitStack()

    def __enter__(self) -> Transaction:
        from kadev.store import git

        underway = git.root_underway(self.root)
        if underway:
            raise WriteRefused(code="err.underway", operation=underway)
        recover(self.root)
        try:
            for name in self.accounts:
                self._stack.enter_context(held(lock_path(self.root, name), LOCK_WAIT))
        except TimeoutError:
            self._stack.close()
            raise WriteRefused(code="err.busy", wait=int(LOCK_WAIT)) from None
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._stack.close()

    def _check(self, path: Path) -> None:
        from kadev.store.root import linked_part

        link = linked_part(self.root, os.path.relpath(path, self.root))
        if link is not None:
            raise WriteRefused(code="err.symlink", path=link)

    def create(self, path: Path, text: str) -> None:
        """A new file; refused (nothing written) if the path exists."""
        self._check(path)
        if path.exists() or path in self.files:
            raise WriteRefused(code="err.exists", path=os.path.relpath(path, self.root))
        self.files[path] = (text, True)

    def replace(self, path: Path, text: str) -> None:
        self._check(path)
        self.files[path] = (text, False)

    def remove(self, path: Path) -> None:
        """An existing file to delete (a moved record's old name), in the same commit."""
        self._check(path)
        self.files[path] = (None, False)

    def commit(self, message: str) -> list[Path]:
        """Write every file and commit them; the paths written. Raises NotCommitted when git
        did not commit (the files are then in place)."""
        if not self.files:
            return []
        with _held_interrupt(self):
            # made under a hidden name and renamed once its lock is held: another writer's
            # `recover` never sees a journal folder whose owner has not locked it yet
            token = secrets.token_hex(6)
            staging = self.root / CACHE_DIR / JOURNAL / f".new-{token}"
            staging.mkdir(parents=True)
            with held(staging / "lock", 0):
                folder = staging.with_name(token)
                staging.rename(folder)
                entries = _prepare(self.root, folder, self.files)
                _write_json(folder / "journal.json", {
                    "message": message, "accounts": self.accounts,
                    "files": entries, "commit": self.auto_commit})
                note = _finish(self.root, folder, entries, message, self.auto_commit)
                (folder / "journal.json").unlink()
            _remove(folder)
        if note:
            raise NotCommitted(code="err.not_committed", note=note)
        if self.interrupted:
            raise InterruptedAfterWrite(code="err.interrupted_done")
        return list(self.files)


def lock_path(root: Path, name: str) -> Path:
    return root / CACHE_DIR / LOCKS / f"{name}.lock"


@contextmanager
def _held_interrupt(tx: Transaction) -> Iterator[None]:
    """Ctrl-C (SIGINT) is noted, not raised, until the block ends."""
    try:
        previous = signal.signal(signal.SIGINT, lambda *_: setattr(tx, "interrupted", True))
    except ValueError:  # not the main thread: signals cannot be handled here anyway
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _new_mode() -> int:
    """What a new file's mode is by the umask (which can only be read by setting it)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _prepare(root: Path, folder: Path, files: dict[Path, tuple[str | None, bool]]
             ) -> list[list[object]]:
    """Each text in a temporary file of the journal folder; [temp name, path relative to the
    root, new] of each (temp name None: the file is removed)."""
    entries: list[list[object]] = []
    for number, (path, (text, new)) in enumerate(files.items()):
        if text is None:
            entries.append([None, os.path.relpath(path, root), False])
            continue
        temp = folder / str(number)
        try:
            mode = _new_mode() if new else stat.S_IMODE(os.stat(path).st_mode)
        except FileNotFoundError:
            mode = _new_mode()
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)  # the umask applied to os.open too: set exactly
        entries.append([str(number), os.path.relpath(path, root), new])
    return entries


def _write_json(path: Path, data: object) -> None:
    temp = path.with_suffix(".tmp")
    with open(temp, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, path)
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _finish(root: Path, folder: Path, entries: list[list[object]], message: str,
            auto_commit: bool) -> Msg | None:
    """Move the journal's files into place (those not moved yet) and commit them."""
    paths = []
    for temp_name, rel, new in entries:
        temp, path = folder / str(temp_name), root / str(rel)
        paths.append(path)
        if temp_name is None:
            path.unlink(missing_ok=True)
            continue
        if not temp.exists():
            continue  # moved before an interruption
        path.parent.mkdir(parents=True, exist_ok=True)
        if new:
            try:
                os.link(temp, path)
            except FileExistsError:
                pass  # (only after an interruption: the link was made, the unlink not)
            os.unlink(temp)
        else:
            os.replace(temp, path)
    for parent in {p.parent for p in paths}:
        _sync_folder(parent)
    if not auto_commit:
        return None
    from kadev.store import git

    return git.commit_paths(root, paths, message)


def _remove(folder: Path) -> None:
    """Remove a journal folder (another process may be removing it too)."""
    try:
        for entry in folder.iterdir():
            entry.unlink(missing_ok=True)
        folder.rmdir()
    except FileNotFoundError:
        pass


def recover(root: Path) -> None:
    """Finish the transactions that a killed process decided (its journal was written), and
    remove the temporary files of those it had not."""
    journals = root / CACHE_DIR / JOURNAL
    try:
        folders = sorted(journals.iterdir())
    except OSError:
        return
    for folder in folders:
        if folder.name.startswith("."):  # a journal being made (or left empty by a kill)
            try:
                stale = time.time() - folder.stat().st_mtime > STALE_SECONDS
            except OSError:
                continue
            if stale and is_free(folder / "lock"):
                _remove(folder)
            continue
        if not is_free(folder / "lock"):
            continue  # a live transaction
        try:
            data = json.loads((folder / "journal.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = None
        with ExitStack() as stack:
            if data is not None:  # hold its accounts as it did, so no one reads half of it
                for name in data["accounts"]:
                    stack.enter_context(held(lock_path(root, name), LOCK_WAIT))
            try:
                stack.enter_context(held(folder / "lock", 0, make=False))
            except (TimeoutError, FileNotFoundError):
                continue
            if not folder.exists():
                continue  # finished by another process meanwhile
            if data is not None:
                _finish(root, folder, data["files"], data["message"], data["commit"])
            _remove(folder)
