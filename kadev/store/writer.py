"""Files written whole or not at all: a new file of the sample generator, and a file a user
asks for (a workbook, a CSV, the monthly pack, a calendar), replaced in one rename.

Commands write the data root through `kadev.store.transaction`, which adds locks, a journal
and the commit.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kadev.errors import WriteRefused


def _temp_with(path: Path, text: str) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return Path(tmp)


def write_new(path: Path, text: str) -> None:
    """Create `path` with `text`; refuse if it exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_with(path, text)
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise WriteRefused(code="err.record_exists", path=path) from None
    finally:
        os.unlink(tmp)


def replace_file(path: Path, data: bytes) -> None:
    """`path` holding `data`, replaced in one rename, so that a reader (Excel, a phone's
    calendar) never sees half a file; with the permissions any file the user makes gets."""
    path = path.expanduser()
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                dir=path.parent if str(path.parent) else ".")
    umask = os.umask(0)
    os.umask(umask)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, 0o666 & ~umask)  # (mkstemp's own is private)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def rescue(text: str, name: str) -> str:
    """Keep text the user typed that could not be saved, in the temporary folder; the
    file's path."""
    fd, path = tempfile.mkstemp(prefix=f"kadev-{name}-", suffix=".yaml")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path
