"""Atomic writes: a temp file in the same folder, then a rename (or a link, for a new record).

A new record is created exclusively: if the name exists the write is refused and nothing is
left behind. A crash leaves either the old file or the new one, never a half-written one.
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
        raise WriteRefused(f"{path} exists already; kadev never overwrites a record") from None
    finally:
        os.unlink(tmp)


def replace(path: Path, text: str) -> None:
    """Replace `path` with `text` atomically (for edits of an existing file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_with(path, text)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def replace_many(texts: dict[Path, str]) -> None:
    """Replace several files: every temp file is written before any rename happens."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, text in texts.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            staged.append((_temp_with(path, text), path))
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, path in staged:
        os.replace(tmp, path)
