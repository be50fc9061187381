"""Editing a record in $EDITOR until it validates, or giving up without touching anything."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from kadev.errors import KadevError, Problem

Checker = Callable[[str], tuple[list[Problem], Any]]


def default_editor() -> str:
    """What a rep without $EDITOR gets: the editor every such machine has and most reps can
    use without learning it."""
    import shutil
    import sys

    if sys.platform == "win32":
        return "notepad"
    return "nano" if shutil.which("nano") else "vi"


def run_editor(text: str, suffix: str = ".yaml") -> str:
    """Open `text` in $VISUAL / $EDITOR (default: notepad on Windows, else nano when it is
    installed, else vi) and return what was saved."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or default_editor()
    fd, name = tempfile.mkstemp(prefix="kadev-", suffix=suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        # (Windows paths keep their backslashes; "code --wait" works on both)
        command = [part.strip('"') for part in shlex.split(editor,
                                                           posix=sys.platform != "win32")]
        result = subprocess.run([*command, name], check=False)
        if result.returncode != 0:
            from kadev.i18n import t

            raise KadevError(t("err.editor", editor=editor, code=result.returncode))
        return Path(name).read_text(encoding="utf-8")
    finally:
        os.unlink(name)


def edit_until_valid(text: str, check: Checker, what: str) -> tuple[str, Any]:
    """The edited, valid text and what `check` made of it; (text, None) if left unchanged.

    On problems the user may re-open the editor (when a terminal is attached); otherwise
    nothing is saved, the typed text is kept in a rescue file, and KadevError names it.
    """
    current = text
    while True:
        current = run_editor(current)
        if current == text:
            return current, None
        problems, result = check(current)
        if not problems:
            return current, result
        for problem in problems:
            typer.echo(str(problem), err=True)
        from kadev.i18n import t
        from kadev.store.writer import rescue

        if not (sys.stdin.isatty() and typer.confirm(t("ask.reopen"), default=True)):
            raise KadevError(t("err.not_saved_rescued", what=t(f"what.{what}"),
                               path=rescue(current, what)))
