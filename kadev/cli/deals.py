"""`kadev deal add / close`: open a deal on a card and close it won or lost, with the lost
reasons by category (they feed the funnel's summary). Stage, value and expected close of an
open deal move with `kadev visit add --stage/--value/--expected-close`, so the visits keep the
stage history."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from kadev.cli import state
from kadev.cli.common import AccountArg, choice, commit_text, resolve_account, writing

app = typer.Typer(no_args_is_help=True)
STAGES = ("development", "initiation", "proposal", "tender", "negotiation", "delivery")
REASONS = ("price", "product_fit", "relationship", "competitor", "budget", "timing", "credit",
           "other")


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
    from kadev.errors import UsageError
    from kadev.i18n import t
    from kadev.store.accounts import load_account
    from kadev.store.loader import account_rel
    from kadev.store.yamledit import append_item

    account_id = resolve_account(account)
    today = state.today()
    name = name.strip()
    if not name:
        raise UsageError(t("err.missing_opt", what="NAME"))
    deal: dict[str, Any] = {"name": name}
    if product:
        deal["product"] = product
    deal["stage"] = stage
    deal["opened"] = today
    if expected_close is not None:
        deal["expected_close"] = state.parse_date(expected_close, "--expected-close")
        if deal["expected_close"] < today:
            raise UsageError(t("err.close_past", date=deal["expected_close"], today=today))
    if value is not None:
        deal["value"] = _amount(value)
    if grade:
        deal["grade"] = grade.upper()
    root = state.root()
    with writing(account_id) as tx:
        card = load_account(root, account_id)
        if name in (d.name for d in card.opportunities):
            raise UsageError(t("err.deal_exists", deal=name, account=account_id))
        path = root / account_rel(account_id)
        text = append_item(path.read_text(encoding="utf-8"), ["opportunities"], deal)
        _check(account_id, text)
        tx.replace(path, text)
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
    from kadev.store.accounts import load_account
    from kadev.store.loader import account_rel
    from kadev.store.yamledit import put_value, set_value

    if won == lost:
        raise UsageError(t("err.won_or_lost"))
    if lost and not reason:
        raise UsageError(t("err.lost_reason", reasons=", ".join(REASONS)))
    if won and reason:
        raise UsageError(t("err.won_reason"))
    account_id = resolve_account(account)
    today = state.today()
    day = state.parse_date(date, "--date") if date else today
    if day > today:
        raise UsageError(t("err.future", option="--date", date=day))
    root = state.root()
    with writing(account_id) as tx:
        card = load_account(root, account_id)
        open_deals = [(i, d) for i, d in enumerate(card.opportunities) if d.is_open]
        chosen = open_deals if deal is None else (
            [(i, d) for i, d in open_deals if d.name == deal]
            or [(i, d) for i, d in open_deals if deal.lower() in d.name.lower()])
        if len(chosen) != 1:
            names = ", ".join(d.name for _, d in open_deals) or "-"
            raise UsageError(t("err.deal_choose", count=len(chosen), names=names))
        index, found = chosen[0]
        if found.opened is not None and day < found.opened:
            raise UsageError(t("p.before_opened", field="--date", date=day,
                               opened=found.opened))
        path = root / account_rel(account_id)
        text = path.read_text(encoding="utf-8")
        where: list[str | int] = ["opportunities", index]
        text = set_value(text, [*where, "result"], "won" if won else "lost")
        text = set_value(text, [*where, "closed"], day)
        if reason:
            text = put_value(text, [*where, "reasons"], list(dict.fromkeys(reason)))
        if note:
            text = set_value(text, [*where, "reason"], note)
        _check(account_id, text)
        tx.replace(path, text)
        why = commit_text("commit.why", text=", ".join(reason)) if reason else ""
        tx.commit(commit_text("commit.deal_close", note, name=card.name, deal=found.name,
                              result=("state", "won" if won else "lost"), why=why))
    typer.echo(t("deal.won" if won else "deal.lost", deal=found.name, account=account_id))


def _amount(text: str) -> Any:
    from decimal import Decimal

    from kadev.errors import UsageError
    from kadev.i18n import t
    from kadev.store.ledger import parse_amount

    try:
        cents = parse_amount(text)
    except ValueError:
        raise UsageError(t("err.value", option="--value", value=text)) from None
    if cents < 0:
        raise UsageError(f"--value {text}: " + t("p.negative_value", value=text))
    return Decimal(cents) / 100


def _check(account_id: str, text: str) -> None:
    from kadev.library.cards import check_card

    check_card(state.library(), account_id, text)
