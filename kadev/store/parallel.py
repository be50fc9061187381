"""Reading many files on every core: a first run after a clone, a cold `validate`."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

PARALLEL_FROM = 2000  # files to read before it pays to start worker processes

Item = TypeVar("Item")


def parse_many(root: Path, items: Sequence[Item], read: Callable[[Path, Item], Any],
               progress: Callable[[int, int], None] | None = None) -> list[Any]:
    """read(root, item) of each item, in order, on every core when there are many; `read`
    must be a function of a module (or a partial of one). `progress(done, total)` after
    each part read in parallel."""
    workers = min(os.cpu_count() or 1, 8)
    if len(items) < PARALLEL_FROM or workers < 2:
        return _read_chunk((str(root), items, read))
    from concurrent.futures import ProcessPoolExecutor

    size = max(200, len(items) // (workers * 16))
    chunks = [(str(root), items[i:i + size], read) for i in range(0, len(items), size)]
    out: list[Any] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for part in pool.map(_read_chunk, chunks):
            out.extend(part)
            if progress:
                progress(len(out), len(items))
    return out


def _read_chunk(args: tuple[str, Sequence[Any], Callable[[Path, Any], Any]]) -> list[Any]:
    import gc

    gc.disable()  # bulk loading: the cycle collector only costs time here
    root, items, read = Path(args[0]), args[1], args[2]
    return [read(root, item) for item in items]
