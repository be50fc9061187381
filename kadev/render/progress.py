"""Progress bars on stderr for work that can take over a second; silent when not a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def spinner(label: str, show: bool = True) -> Iterator[None]:
    """A spinner on stderr while work of unknown length runs (terminal only)."""
    if not (show and sys.stderr.isatty()):
        yield
        return
    from rich.console import Console

    with Console(stderr=True).status(label):
        yield


@contextmanager
def progress_bar(label: str, total: int, minimum: int = 500
                 ) -> Iterator[Callable[[int, int], None]]:
    """Yield `advance(done, total)`; a rich bar on a terminal's stderr for large jobs only."""
    if total < minimum or not sys.stderr.isatty():
        yield lambda done, total: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress("[progress.description]{task.description}", BarColumn(),
                  MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda done, total: bar.update(task, completed=done, total=total)
