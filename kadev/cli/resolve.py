"""`kadev resolve ACCOUNT`: choose, field by field, between two reps' values of a card after
a merge stopped on it; the card is written, staged, and the merge committed once nothing else
is in conflict."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from kadev.cli import state
from kadev.cli.common import AccountArg, resolve_account


def resolve(
    account: AccountArg,
    ours: Annotated[list[str] | None, typer.Option("--ours", metavar="FIELD",
                                                   help="Keep our value of FIELD "
                                                   "(repeatable; 'all' for every field).",
                                                   show_default=False)] = None,
    theirs: Annotated[list[str] | None, typer.Option("--theirs", metavar="FIELD",
                                                     help="Take their value of FIELD "
                                                     "(repeatable; 'all' for every field).",
                                                     show_default=False)] = None,
) -> None:
    """After `git pull` or `kadev sync` stopped on a card: every change of both sides is kept,
    and for each field both changed differently you choose ours or theirs (asked on a
    terminal, else --ours/--theirs FIELD). The card is validated, staged, and the merge is
    committed when no other file is in conflict.

    Example: kadev resolve huaguang --theirs credit.payment_terms
    """
    from kadev.errors import KadevError, UsageError
    from kadev.i18n import t
    from kadev.store import git, gitlog
    from kadev.store.cardmerge import Unmergeable, choose, field_merge, field_name
    from kadev.store.loader import account_rel

    account_id = resolve_account(account)
    root = state.root()
    top = git.work_tree(root)
    if top is None:
        raise KadevError(t("sync.no_git"))
    rel = str((root / account_rel(account_id)).resolve().relative_to(top))
    texts = gitlog.texts(top, [(f":{stage}", rel) for stage in (1, 2, 3)])
    versions = [texts[(f":{stage}", rel)] for stage in (1, 2, 3)]
    if any(v is None for v in versions):
        raise KadevError(t("resolve.not_conflicted", account=account_id))
    try:
        merged, conflicts = field_merge(*(v or "" for v in versions))
    except Unmergeable:
        raise KadevError(t("resolve.by_hand", path=rel)) from None
    fields = [field_name(parts) for parts, _ in conflicts]
    chosen_theirs = set(fields) if "all" in (theirs or []) else set(theirs or [])
    chosen_ours = set(fields) if "all" in (ours or []) else set(ours or [])
    unknown = (chosen_theirs | chosen_ours) - set(fields)
    if unknown:
        raise UsageError(t("resolve.unknown_field", fields=", ".join(sorted(unknown)),
                           conflicts=", ".join(fields)))
    for parts, (_, mine, other) in conflicts:
        name = field_name(parts)
        if name in chosen_theirs or name in chosen_ours:
            continue
        if not sys.stdin.isatty():
            raise UsageError(t("resolve.choose", account=account_id, conflicts="; ".join(
                f"{field_name(p)}: ours {v[1]!r}, theirs {v[2]!r}" for p, v in conflicts)))
        typer.echo(t("resolve.ask", field=name, ours=mine, theirs=other))
        if typer.prompt(t("resolve.prompt"), default="1").strip() == "2":
            chosen_theirs.add(name)
    text = choose(merged, conflicts, chosen_theirs)
    from kadev.library.cards import check_card

    check_card(state.library(), account_id, text)
    _write(top / rel, text)
    done = git.finish_merge(top, rel)
    typer.echo(t("resolve.done_committed" if done else "resolve.done_staged", path=rel))


def _write(path: object, text: str) -> None:
    import os
    import tempfile

    folder = os.path.dirname(str(path))
    fd, temp = tempfile.mkstemp(dir=folder, prefix=".kadev-resolve-")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    os.chmod(temp, os.stat(str(path)).st_mode & 0o777)
    os.replace(temp, str(path))


def register(app: typer.Typer) -> None:
    app.command()(resolve)
