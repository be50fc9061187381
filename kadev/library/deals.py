"""Deals on a card (`kadev deal add / close`): which open deal a name means, an estimated
value as typed, opening a deal and closing it won or lost."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from kadev.errors import UsageError

if TYPE_CHECKING:
    from kadev.library import DataRoot
    from kadev.models import Account
    from kadev.models.account import Opportunity
    from kadev.store.transaction import Transaction


def matching_deals(card: Account, deal: str | None) -> tuple[list[tuple[int, Opportunity]],
                                                             list[tuple[int, Opportunity]]]:
    """(the open deals `deal` names, every open deal), each as (index on the card, deal):
    with no name, every open deal; else the one of that exact name, else those with the
    name in theirs (any case)."""
    open_deals = [(i, d) for i, d in enumerate(card.opportunities) if d.is_open]
    if not deal:
        return open_deals, open_deals
    chosen = ([(i, d) for i, d in open_deals if d.name == deal]
              or [(i, d) for i, d in open_deals if deal.lower() in d.name.lower()])
    return chosen, open_deals


def parse_value(text: str, option: str = "--value") -> Decimal:
    """A deal's estimated value as typed (12000, 12,000.50 …), not negative."""
    from kadev.i18n import lazy
    from kadev.store.ledger import parse_amount

    try:
        cents = parse_amount(text)
    except ValueError:
        raise UsageError(code="err.value", option=option, value=text) from None
    if cents < 0:
        raise UsageError(code="p.concat", a=f"{option} {text}: ",
                         b=lazy("p.negative_value", value=text))
    return Decimal(cents) / 100


def check_deal(lib: DataRoot, deal: dict[str, Any]) -> None:
    """A new deal has a name, and an expected close not passed."""
    if not deal["name"]:
        raise UsageError(code="err.missing_opt", what="NAME")
    close = deal.get("expected_close")
    if close is not None and close < lib.today:
        raise UsageError(code="err.close_past", date=close, today=lib.today)


def check_close(lib: DataRoot, won: bool, reasons: list[str], day: dt.date) -> None:
    """Won without reasons, lost with at least one reason category; not closed ahead."""
    if not won and not reasons:
        from kadev.models.enums import NotWonReason

        raise UsageError(code="err.lost_reason", reasons=", ".join(NotWonReason))
    if won and reasons:
        raise UsageError(code="err.won_reason")
    if day > lib.today:
        raise UsageError(code="err.future", option="--date", date=day)


def add_deal(lib: DataRoot, tx: Transaction, account_id: str, deal: dict[str, Any]
             ) -> Account:
    """Open `deal` (name, product, stage, expected close, value, grade) on the card, today,
    in `tx` (which holds the account's lock): its name is new on the card and its expected
    close not passed. The card as it was."""
    from kadev.library.cards import check_card
    from kadev.store.accounts import load_account
    from kadev.store.loader import account_rel
    from kadev.store.yamledit import append_item

    check_deal(lib, deal)
    name = deal["name"]
    record = {k: deal[k] for k in ("name", "product") if deal.get(k)}
    record |= {"stage": deal["stage"], "opened": lib.today}
    record |= {k: deal[k] for k in ("expected_close", "value", "grade")
               if deal.get(k) is not None}
    card = load_account(lib.path, account_id)
    if name in (d.name for d in card.opportunities):
        raise UsageError(code="err.deal_exists", deal=name, account=account_id)
    path = lib.path / account_rel(account_id)
    text = append_item(path.read_text(encoding="utf-8"), ["opportunities"], record)
    check_card(lib, account_id, text)
    tx.replace(path, text)
    return card


def close_deal(lib: DataRoot, tx: Transaction, account_id: str, deal: str | None, won: bool,
               reasons: list[str], note: str | None, day: dt.date
               ) -> tuple[Account, Opportunity]:
    """Close the open deal `deal` names won (no reasons) or lost (at least one reason
    category) on `day` (not ahead, not before it opened), in `tx` (which holds the
    account's lock). The card and the deal as they were."""
    from kadev.library.cards import check_card
    from kadev.store.accounts import load_account
    from kadev.store.loader import account_rel
    from kadev.store.yamledit import put_value, set_value

    check_close(lib, won, reasons, day)
    card = load_account(lib.path, account_id)
    chosen, open_deals = matching_deals(card, deal)
    if len(chosen) != 1:
        raise UsageError(code="err.deal_choose", count=len(chosen),
                         names=", ".join(d.name for _, d in open_deals) or "-")
    index, found = chosen[0]
    if found.opened is not None and day < found.opened:
        raise UsageError(code="p.before_opened", field="--date", date=day, opened=found.opened)
    path = lib.path / account_rel(account_id)
    text = path.read_text(encoding="utf-8")
    where: list[str | int] = ["opportunities", index]
    text = set_value(text, [*where, "result"], "won" if won else "lost")
    text = set_value(text, [*where, "closed"], day)
    if reasons:
        text = put_value(text, [*where, "reasons"], list(dict.fromkeys(reasons)))
    if note:
        text = set_value(text, [*where, "reason"], note)
    check_card(lib, account_id, text)
    tx.replace(path, text)
    return card, found

