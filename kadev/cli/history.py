"""`kadev history ACCOUNT`: the account's audit history from git, field by field."""

from __future__ import annotations

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
    from kadev.i18n import t
    from kadev.library.history import account_history, account_patch
    from kadev.render.output import console, emit_json

    account_id = resolve_account(account)
    lib = state.library()
    if patch:
        from kadev.render.output import safe

        typer.echo(safe(account_patch(lib, account_id, personal)), nl=False)
        return
    entries, pending = account_history(lib, account_id, personal)
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


def register(app: typer.Typer) -> None:
    app.command()(history)
