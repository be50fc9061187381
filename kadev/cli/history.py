"""`kadev history ACCOUNT`: the account's audit history from git, field by field."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from kadev.cli import state
from kadev.cli.common import format_option, resolve_account


def history(
    account: Annotated[str, typer.Argument(help="Id, name, alias or an unambiguous part.")],
    patch: Annotated[bool, typer.Option("--patch", help="The raw diffs instead.")] = False,
    fmt: Annotated[str, format_option("table", "json")] = "table",
) -> None:
    """Who changed what and when: every commit touching the account, and for each change of
    account.yaml the fields with old → new values.

    Example: kadev history huaguang
    """
    from kadev.analysis.history import field_changes
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
    pending = git.uncommitted(top, folder)
    if patch:
        from kadev.render.output import safe

        typer.echo(safe(git.patch(top, folder)), nl=False)
        return
    entries: list[dict[str, Any]] = []
    for sha, author, date, subject, files in git.log(top, folder):
        changes: list[dict[str, Any]] = []
        if card_path in files:
            new_text = git.show(top, sha, card_path)
            old_text = git.show(top, f"{sha}^", card_path)
            changes = [{"field": f, "old": o, "new": n}
                       for f, o, n in field_changes(_load(old_text), _load(new_text))]
        entries.append({"commit": sha[:10], "date": date[:10], "author": author,
                        "message": subject, "files": [f.removeprefix(folder + "/")
                                                      for f in files], "changes": changes})
    if fmt == "json":
        emit_json({"account": account_id, "history": entries, "uncommitted": pending})
        return
    out = console()
    if not entries:
        out.print(f"{account_id}: no committed history yet"
                  + (f"; {len(pending)} uncommitted file(s)" if pending else ""))
        return
    from rich.text import Text

    for entry in entries:
        head = Text(f"{entry['date']}  {entry['commit'][:7]}  {entry['author']}  ")
        head.append(entry["message"], style="bold")
        out.print(head)
        changes = entry["changes"]
        if changes and all(c["old"] is None for c in changes):
            out.print(f"    card created ({len(changes)} fields)")
            continue
        for change in changes:
            old = "∅" if change["old"] is None else change["old"]
            new = "∅" if change["new"] is None else change["new"]
            out.print(Text(f"    {change['field']}: {old} → {new}"))
    if pending:
        out.print(f"uncommitted: {', '.join(pending)}")


def _load(text: str | None) -> Any:
    if text is None:
        return None
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return {"(unreadable YAML)": text[:40]}


def register(app: typer.Typer) -> None:
    app.command()(history)
