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
    from kadev.errors import UsageError
    from kadev.i18n import t
    from kadev.store.accounts import load_account
    from kadev.store.loader import account_rel
    from kadev.store.yamledit import append_item, set_value

    wanted = parse_month_option(month, "--month")
    if wanted > state.today().strftime("%Y-%m"):
        raise UsageError(t("err.month_ahead", option="--month", month=wanted))
    reason = reason.strip()
    if not reason:
        raise UsageError(t("err.missing_opt", what="REASON"))
    account_id = resolve_account(account)
    root = state.root()
    with writing(account_id) as tx:
        card = load_account(root, account_id)
        path = root / account_rel(account_id)
        text = path.read_text(encoding="utf-8")
        index = next((i for i, n in enumerate(card.change_notes) if n.month == wanted), None)
        if index is None:
            text = append_item(text, ["change_notes"], {"month": wanted, "reason": reason})
        else:
            text = set_value(text, ["change_notes", index, "reason"], reason)
        from kadev.library.cards import check_card

        check_card(state.library(), account_id, text)
        tx.replace(path, text)
        from kadev.cli.common import commit_text

        tx.commit(commit_text("commit.note", name=card.name, month=wanted, reason=reason))
    typer.echo(t("note.recorded", account=account_id, month=wanted))


def register(app: typer.Typer) -> None:
    app.command()(note)
