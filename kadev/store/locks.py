"""Advisory file locks: one writer at a time per account card, per ledger, per repository.

A lock is an open file held with `flock` (or `msvcrt.locking` on Windows); the system drops it
when the process ends, however it ends, so a killed writer never leaves a stale lock.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def held(path: Path, wait: float, make: bool = True) -> Iterator[None]:
    """Hold the lock file `path` for the block; TimeoutError after `wait` seconds of someone
    else holding it. The file (and its folder) is made if missing, unless `make` is False:
    then FileNotFoundError."""
    if make:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | (os.O_CREAT if make else 0), 0o666)
    try:
        deadline = time.monotonic() + wait
        pause = 0.01
        while not _try_lock(fd):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{path.name} is held by another kadev process")
            time.sleep(pause)
            pause = min(pause * 2, 0.2)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


def is_free(path: Path) -> bool:
    """Whether nobody holds the lock file `path` now (it is taken and released at once)."""
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return True
    try:
        if _try_lock(fd):
            _unlock(fd)
            return True
        return False
    finally:
        os.close(fd)


try:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

except ImportError:  # Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
