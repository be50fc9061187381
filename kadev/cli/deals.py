"""`kadev deal add / close`: open a deal on a card and close it won or lost, with the lost
reasons by category (they feed the funnel's summary). Stage, value and expected close of an
open deal move with `kadev visit add --stage/--value/--expected-close`, so the visits keep the
stage history."""

from __future__ import annotations

from typing import Annotated

import typer

from kadev.cli import state
from kadev.cli.common import AccountArg, choice, commit_text, resolve_account, writing

app = typer.Typer(no_args_is_help=True)
STAGES = ("development", "initiation", "proposal", "tender", "negotiation", "delivery")
REASONS = ("price", "product_fit", "relationship", "competitor", "budget", "timing", "credit",
           "other")  # NotWonReason's values


@app.command("add")
def add(
    account: AccountArg,
    name: Annotated[str, typer.Argument(help="The deal's name, unique on the card.")],
    stage: Annotated[str, typer.Option(**choice(STAGES, "stage"), help="Where it stands.")]
    = "development",
    value: Annotated[str | None, typer.Option(help="Estimated value.", show_default=False)]
    = None,
    expected_close: Annotated[str | None, typer.Option(help="Expected close, YYYY-MM-DD.",
                                                       show_default=False)] = None,
    product: Annotated[str | None, typer.Option(help="What is being sold.",
                                                show_default=False)] = None,
    grade: Annotated[str | None, typer.Option(**choice("ABCD"), help="Explicit funnel grade "
                                              "(default: from the expected close).",
                                              show_default=False)] = None,
) -> None:
    """Open a deal on the card (opened today).

    Example: kadev deal add 华光 "2027 年五轴加工中心" --stage proposal --value 2400000 \\
    --expected-close 2027-03-31 --product "五轴加工中心"
    """
    from kadev.i18n import t
    from kadev.library.deals import add_deal, check_deal, parse_value

    account_id = resolve_account(account)
    name = name.strip()
    deal = {"name": name, "product": product, "stage": stage,
            "expected_close": state.parse_date(expected_close, "--expected-close")
            if expected_close is not None else None,
            "value": parse_value(value) if value is not None else None,
            "grade": grade.upper() if grade else None}
    check_deal(state.library(), deal)
    with writing(account_id) as tx:
        card = add_deal(state.library(), tx, account_id, deal)
        tx.commit(commit_text("commit.deal_add", name=card.name, deal=name,
                              stage=("stage", stage)))
    typer.echo(t("deal.added", deal=name, account=account_id))


@app.command("close")
def close(
    account: AccountArg,
    deal: Annotated[str | None, typer.Argument(help="Which open deal (a part of its name); "
                                               "needed when several are open.",
                                               show_default=False)] = None,
    won: Annotated[bool, typer.Option("--won", help="We won it.")] = False,
    lost: Annotated[bool, typer.Option("--lost", help="We lost it.")] = False,
    reason: Annotated[list[str] | None, typer.Option(**choice(REASONS, "reason"),
                                                     help="Why it was lost (repeatable).",
                                                     show_default=False)] = None,
    note: Annotated[str | None, typer.Option(help="In a sentence: what decided it.",
                                             show_default=False)] = None,
    date: Annotated[str | None, typer.Option(help="When it closed (default: today).",
                                             show_default=False)] = None,
) -> None:
    """Close a deal won or lost. A lost deal needs at least one --reason category; `kadev
    funnel` sums the lost reasons by category.

    Example: kadev deal close 华光 加工中心 --lost --reason price --reason competitor \\
    --note "价格高于海天 12%"
    """
    from kadev.errors import UsageError
    from kadev.i18n import t
    from kadev.library.deals import check_close, close_deal

    if won == lost:
        raise UsageError(t("err.won_or_lost"))
    day = state.parse_date(date, "--date") if date else state.today()
    check_close(state.library(), won, list(reason or []), day)
    account_id = resolve_account(account)
    with writing(account_id) as tx:
        card, found = close_deal(state.library(), tx, account_id, deal, won, list(reason or []),
                                 note, day)
        why = commit_text("commit.why", text=", ".join(reason)) if reason else ""
        tx.commit(commit_text("commit.deal_close", note, name=card.name, deal=found.name,
                              result=("state", "won" if won else "lost"), why=why))
    typer.echo(t("deal.won" if won else "deal.lost", deal=found.name, account=account_id))
