"""`kadev history ACCOUNT`: the account's audit history from git, field by field."""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any

import typer

from kadev.cli import state
from kadev.cli.common import AccountArg, format_option, resolve_account


def history(
    account: AccountArg,
    patch: Annotated[bool, typer.Option("--patch", help="The raw diffs instead.")] = False,
    personal: Annotated[bool, typer.Option("--personal", help="Also changes of contacts' "
                                           "personal profiles, birthdays and trips.")] = False,
    fmt: Annotated[str, format_option("table", "json")] = "table",
) -> None:
    """Who changed what and when: every commit touching the account, and for each change of
    account.yaml the fields with old → new values.

    Example: kadev history huaguang
    """
    from kadev.analysis.history import Versions, flat_changes, is_personal
    from kadev.errors import KadevError
    from kadev.render.output import console, emit_json
    from kadev.store import git
    from kadev.store.loader import account_rel

    account_id = resolve_account(account)
    root = state.root()
    from kadev.i18n import t

    if not git.available():
        raise KadevError(t("err.no_git"))
    top = git.work_tree(root)
    if top is None:
        raise KadevError(t("err.not_git", root=root))
    folder = str((root / account_id).resolve().relative_to(top))
    card_path = str((root / account_rel(account_id)).resolve().relative_to(top))
    if patch:
        from kadev.render.output import safe

        text = git.patch(top, folder) if personal else git.patch_without_personal(top, folder)
        typer.echo(safe(text), nl=False)
        return
    pending_later = git.uncommitted(top, folder)  # git status runs beside git log
    commits = git.log(top, folder)
    # every version of the card needed, read by one git process
    wanted = list(dict.fromkeys(
        (sha, card_path) for c in commits if card_path in c.files or len(c.parents) > 1
        for sha in (c.sha, *c.parents)))
    cards = git.texts(top, wanted)
    pending = pending_later()

    versions = Versions(_parse)

    @cache
    def flat(text: str | None) -> dict[str, str]:
        """One version of the card, flattened (each version is the new side of one commit
        and the old side of the next)."""
        if text is None:
            return {}
        try:
            return versions.flat(text)
        except ValueError:
            return {"(unreadable YAML)": text[:40]}

    def changes_against(sha: str, parent: str) -> list[dict[str, Any]]:
        old, new = flat(cards.get((parent, card_path))), flat(cards.get((sha, card_path)))
        return [{"field": f, "old": o, "new": n} for f, o, n in flat_changes(old, new)
                if personal or not is_personal(f)]

    entries: list[dict[str, Any]] = []
    for c in commits:
        merge = len(c.parents) > 1
        against = [{"parent": p[:10], "changes": changes_against(c.sha, p)}
                   for p in c.parents] if merge else []
        changes = (changes_against(c.sha, c.parents[0] if c.parents else "")
                   if card_path in c.files and not merge else [])
        entries.append({"commit": c.sha[:10], "date": c.date[:10], "author": c.author,
                        "message": c.subject, "files": [f.removeprefix(folder + "/")
                                                        for f in c.files],
                        "changes": changes, "merge": against})
    if fmt == "json":
        emit_json({"account": account_id, "history": entries, "uncommitted": pending})
        return
    out = console()
    if not entries:
        out.print(t("history.none", account=account_id)
                  + (t("history.none_pending", count=len(pending)) if pending else ""))
        return
    from rich.text import Text

    def show_changes(changes: list[dict[str, Any]], indent: str) -> None:
        if changes and all(c["old"] is None for c in changes):
            out.print(indent + t("history.created", count=len(changes)))
            return
        for change in changes:
            old = "∅" if change["old"] is None else change["old"]
            new = "∅" if change["new"] is None else change["new"]
            out.print(Text(f"{indent}{change['field']}: {old} → {new}"))

    for entry in entries:
        head = Text(f"{entry['date']}  {entry['commit'][:7]}  {entry['author']}  ")
        head.append(entry["message"], style="bold")
        out.print(head)
        show_changes(entry["changes"], "    ")
        for side in entry["merge"]:  # what the merge changed against each side
            out.print("    " + t("history.against", parent=side["parent"][:7],
                                  count=len(side["changes"])))
            show_changes(side["changes"], "      ")
    if pending:
        out.print(t("history.pending", files=", ".join(pending)))


def _parse(text: str) -> Any:
    """One version's (or one section's) data, with libyaml's loader; ValueError when it is
    not YAML."""
    import yaml

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    except yaml.YAMLError as err:
        raise ValueError(str(err)) from None


def register(app: typer.Typer) -> None:
    app.command()(history)
