"""A new file written whole or not at all (the sample generator's writes).

Commands write through `kadev.store.transaction`, which adds locks, a journal and the commit.
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
