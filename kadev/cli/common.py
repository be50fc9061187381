"""Helpers shared by commands: resolving an ACCOUNT argument, the format option, committing."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from kadev.cli import state


@contextmanager
def bulk_work() -> Iterator[None]:
    """Pause Python's cycle collector while a command builds a great many small objects (an
    import's transactions and ledger rows): they hold no cycles, and the collector's passes
    over them cost about a third of planning a large import."""
    import gc

    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def check_format(fmt: str, allowed: tuple[str, ...] = ("table", "json", "csv")) -> str:
    from kadev.errors import UsageError
    from kadev.i18n import t

    if fmt not in allowed:
        raise UsageError(t("err.format", value=fmt, allowed=", ".join(allowed)))
    return fmt


def month_period(first: str | None, last: str | None) -> tuple[str, str]:
    """The --from/--to months of a report: 12 months up to --to, which defaults to today's."""
    from kadev.analysis.periods import default_period, parse_month_option, shift
    from kadev.errors import UsageError
    from kadev.i18n import t

    to_month = parse_month_option(last, "--to") if last else default_period(state.today())[1]
    from_month = parse_month_option(first, "--from") if first else shift(to_month, -11)
    if from_month > to_month:
        raise UsageError(t("err.range", first=from_month, last=to_month))
    return from_month, to_month


def resolve_account(query: str) -> str:
    """The id of the account `query` names (id, name, alias, part, pinyin), or exit 1."""
    from kadev.analysis.lookup import Candidate, resolve
    from kadev.store.accounts import account_ids, account_index
    from kadev.store.root import ACCOUNT_FILE, ID_RE

    root = state.root()
    if ID_RE.match(query) and (root / query / ACCOUNT_FILE).is_file():
        return query  # the id itself: no need to read any card
    if not account_ids(root):
        from kadev.errors import NotFoundError
        from kadev.i18n import t

        raise NotFoundError(t("err.no_accounts", query=query))
    candidates = [Candidate(i, c.name, c.aliases) for i, c in account_index(root).items()]
    return resolve(query, candidates).id


def commit(paths: list[Path], message: str, created: Collection[Path] = ()) -> None:
    """Commit exactly `paths` (of which this command `created` some) when auto_commit is on
    and the root is in a git work tree."""
    from kadev.i18n import t
    from kadev.store import git

    if not state.settings().auto_commit:
        return
    note = git.commit_paths(state.root(), paths, message, created)
    if note:
        typer.echo(t("warn.prefix") + note, err=True)
