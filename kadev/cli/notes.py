"""`kadev note ACCOUNT --month YYYY-MM REASON`: why an account's revenue moved in a month,
kept on the card (`change_notes`), which clears the month's revenue-swing item of `due`."""

from __future__ import annotations

from typing import Annotated

import typer

from kadev.cli import state
from kadev.cli.common import AccountArg, resolve_account, writing


def note(
    account: AccountArg,
    reason: Annotated[str, typer.Argument(help="Why the revenue changed.")],
    month: Annotated[str, typer.Option(help="The month it explains, YYYY-MM.")],
) -> None:
    """Record the reason for a revenue change in a month (a month noted again gets the new
    reason; git keeps the old one).

    Example: kadev note 华光 --month 2026-09 "二期厂房投产，集中采购加工中心"
    """
    from kadev.analysis.periods import parse_month_option
    from kadev.cli.common import commit_text
    from kadev.i18n import t
    from kadev.library.cards import change_card, change_note

    wanted = parse_month_option(month, "--month")
    change = change_note(wanted, reason, state.today().strftime("%Y-%m"))
    account_id = resolve_account(account)
    with writing(account_id) as tx:
        card = change_card(state.library(), tx, account_id, change)
        tx.commit(commit_text("commit.note", name=card.name, month=wanted,
                              reason=reason.strip()))
    typer.echo(t("note.recorded", account=account_id, month=wanted))


def register(app: typer.Typer) -> None:
    app.command()(note)
