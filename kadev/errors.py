"""Errors as values: a `Problem` has a place (file, line, column); `KadevError` an exit code.

Every user-facing failure is one of these; the CLI turns them into one line on stderr and an
exit code in a single place (`kadev.cli.app`), so no traceback reaches a user for bad input.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kadev.i18n import Msg


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, at a place relative to the data root."""

    path: str
    line: int = 0
    column: int = 0
    message: str | Msg = ""  # a Msg is worded when printed, in the language of then

    def __str__(self) -> str:
        if self.line and self.column:
            return f"{self.path}:{self.line}:{self.column}: {self.message}"
        if self.line:
            return f"{self.path}:{self.line}: {self.message}"
        return f"{self.path}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "column": self.column,
                "message": str(self.message)}


class KadevError(Exception):
    """Base of every error kadev reports to a user; `exit_code` is what the process returns.

    Raised with a catalogue `code` and its arguments (`KadevError(code="err.busy", name=…)`),
    it is worded only where it is printed; older call sites pass the words themselves.
    """

    exit_code = 1

    def __init__(self, message: str = "", *, code: str | None = None, **args: object) -> None:
        super().__init__(message or code or "")
        self.code, self.args_ = code, args

    def __str__(self) -> str:
        return self.worded()

    def worded(self) -> str:
        """The message in the current language (by the catalogue when raised with a code)."""
        if self.code is None:
            return super().__str__()
        from kadev.i18n import t

        return t(self.code, **self.args_)


class DataError(KadevError):
    """Bad data: one or more problems with files under the data root."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(KadevError):
    """A bad option value or argument that Typer itself could not catch: exit 2, as Typer's
    own usage errors."""

    exit_code = 2


class NotFoundError(KadevError):
    """An account, contact or record that does not exist (with the closest candidates)."""


class Ambiguous(NotFoundError):
    """A name that matches several accounts; `choices` are their (id, name), closest first."""

    def __init__(self, message: Msg | str, choices: list[tuple[str, str]]) -> None:
        super().__init__(message if isinstance(message, str) else message.key)
        self.message, self.choices = message, choices

    def worded(self) -> str:
        return str(self.message)


class WriteRefused(KadevError):
    """A write that would overwrite or corrupt something; nothing was written."""
