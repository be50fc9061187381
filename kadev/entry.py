"""The `kadev` program's entry point: Ctrl-C while Python is still loading kadev, or while
the command line is being built before the command runs, ends with one line and exit 130,
like Ctrl-C anywhere else, never a traceback."""

from __future__ import annotations

import os
import sys


def _unraisable(default: object) -> object:
    """Python's hook for an exception it cannot raise (one inside a C extension's callback,
    such as pydantic building a validator), without the traceback when it is Ctrl-C: the
    interrupt is then answered where it can be, with one line."""
    def hook(unraisable: sys.UnraisableHookArgs) -> None:
        if isinstance(unraisable.exc_value, KeyboardInterrupt):
            return
        default(unraisable)  # type: ignore[operator]

    return hook


def main() -> None:
    sys.unraisablehook = _unraisable(sys.unraisablehook)  # type: ignore[assignment]
    try:
        from kadev.cli import main as run

        run()
    except KeyboardInterrupt:  # (inside a command, the command's own handler answers)
        zh = os.environ.get("KADEV_LANG", "").startswith("zh")
        sys.stderr.write("\n" + ("已中断" if zh else "interrupted") + "\n")
        sys.exit(130)
