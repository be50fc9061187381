"""Accounts a read command left out because one of their files cannot be read (a broken
hand edit, an unresolved merge conflict): one broken card must not stop a whole team's
morning list. The store notes each such account with its problems; the CLI prints one
warning per account when the command ends. `validate` reports them as problems instead.
"""

from __future__ import annotations

from kadev.errors import Problem

_SKIPPED: dict[str, list[Problem]] = {}


def note(account: str, problems: list[Problem]) -> None:
    _SKIPPED.setdefault(account, []).extend(problems)


def take() -> dict[str, list[Problem]]:
    """The accounts skipped so far, and their problems (forgotten once taken)."""
    found = dict(_SKIPPED)
    _SKIPPED.clear()
    return found


def peek() -> dict[str, list[Problem]]:
    """The accounts skipped so far (kept noted)."""
    return {account: list(problems) for account, problems in _SKIPPED.items()}
