"""`kadev sync`: pull what the team pushed, push what this clone committed, and say what came
in — the command a rep runs morning and evening."""

from __future__ import annotations

from typing import Annotated

import typer

from kadev.cli import state
from kadev.cli.common import format_option


def sync(
    rebase: Annotated[bool, typer.Option("--rebase", help="Rebase local commits on the "
                                         "team's instead of merging.")] = False,
    fmt: Annotated[str, format_option("table", "json")] = "table",
) -> None:
    """Pull (merge, or --rebase) from the remote, push local commits, and report what came
    in by account: new visits and complaints, changed and new cards, ledger months.

    kadev commits each write itself, so sync commits nothing; a conflict names the account
    and says how to finish (the other accounts keep working meanwhile).
    Example: kadev sync
    """
    from dataclasses import asdict

    from kadev.errors import KadevError
    from kadev.i18n import t
    from kadev.render.output import emit_json
    from kadev.store.sync import SyncFailed
    from kadev.store.sync import sync as run_sync

    try:
        came = run_sync(state.root(), rebase)
    except SyncFailed as err:
        code, said, paths = err.args
        if code == "sync.conflict":
            accounts = sorted({p.split("/", 1)[0] for p in paths})
            raise KadevError(t("sync.conflict", paths=", ".join(paths),
                               accounts=", ".join(accounts))) from None
        raise KadevError(t(code, said=said)) from None
    if fmt == "json":
        emit_json(asdict(came))
        return
    lines = []
    if came.commits:
        lines.append(t("sync.pulled", count=came.commits))
        for key, what in (("new_accounts", came.new_accounts),
                          ("changed_cards", came.changed_cards)):
            if what:
                lines.append(f"  {t('sync.' + key)}: {', '.join(sorted(what))}")
        for key, counts in (("visits", came.visits), ("complaints", came.complaints)):
            if counts:
                shown = ", ".join(f"{a} {n}" for a, n in sorted(counts.items()))
                lines.append(f"  {t('sync.' + key)}: {shown}")
        if came.ledger:
            lines.append(f"  {t('sync.ledger')}: {', '.join(sorted(came.ledger))}")
    else:
        lines.append(t("sync.nothing_in"))
    lines.append(t("sync.pushed", count=came.pushed) if came.pushed else t("sync.nothing_out"))
    typer.echo("\n".join(lines))


def register(app: typer.Typer) -> None:
    app.command()(sync)
