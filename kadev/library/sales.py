"""Importing an ERP's sales export (`kadev sales import`): its customers matched to the
cards by id, name or alias as the export spells them (normalised: width, spaces, case), each
customer text once; unknown ones refused, or made prospect cards; the ledger's months and
the new cards written."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from kadev.errors import NotFoundError, UsageError

if TYPE_CHECKING:
    from kadev.library import DataRoot
    from kadev.store.sales_columns import Txn
    from kadev.store.sales_import import MonthChange
    from kadev.store.transaction import Transaction

UNKNOWN_SHOWN = 10  # unknown customers named on the screen; all of them go in a file


class Matched(NamedTuple):
    account_of: dict[str, str]  # customer text → the account it names
    unknown: dict[str, int]  # customer text no card names → its first row, in file order
    ambiguous: dict[str, set[str]]  # customer text several cards name → their ids
    names: list[str]  # every card's name and alias (to suggest the closest)


def match_customers(lib: DataRoot, txns: Sequence[Txn]) -> Matched:
    from kadev.store.sales_columns import normalize_name

    cards = lib.index()
    index: dict[str, set[str]] = {}
    for account_id, card in cards.items():
        for key in (account_id, card.name, *card.aliases):
            index.setdefault(normalize_name(key), set()).add(account_id)
    first_row: dict[str, int] = {}  # each customer text once, at its first row in the file
    for txn in txns:
        if first_row.get(txn.customer, txn.row) >= txn.row:
            first_row[txn.customer] = txn.row
    matched = Matched({}, {}, {}, [card.name for card in cards.values()]
                      + [a for card in cards.values() for a in card.aliases])
    for customer, row in sorted(first_row.items(), key=lambda item: item[1]):
        found = index.get(normalize_name(customer), set())
        if len(found) == 1:
            matched.account_of[customer] = next(iter(found))
        elif found:
            matched.ambiguous[customer] = found
        else:
            matched.unknown[customer] = row
    return matched


def new_prospect_ids(lib: DataRoot, customers: Sequence[str]) -> list[tuple[str, str]]:
    """(new folder id, customer) for a prospect card of each customer: from its name (pinyin
    for Chinese), numbered where an id or folder is taken."""
    from kadev.analysis.lookup import suggest_id

    taken = set(lib.index()) | {e.name for e in lib.path.iterdir()}
    out = []
    for customer in customers:
        base = suggest_id(customer)
        new_id, n = base, 2
        while new_id in taken:
            new_id, n = f"{base}-{n}", n + 1
        taken.add(new_id)
        out.append((new_id, customer))
    return out


def customers_of(lib: DataRoot, txns: Sequence[Txn], file_name: str, create_missing: bool,
                 owner: str | None) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Customer text → account id, and the (id, customer) of the prospect cards to make:
    a customer several cards name is refused; unknown ones are refused, the first ones named
    with the closest names and all of them listed in a file, unless `create_missing` (with
    an `owner` for the new cards)."""
    import difflib

    from kadev.i18n import lazy, lazy_lines

    account_of, unknown, ambiguous, names = match_customers(lib, txns)
    if ambiguous:
        raise NotFoundError(code="p.concat", a=lazy_lines(
            [lazy("imp.ambiguous", name=file_name, customer=c, ids=", ".join(sorted(ids)))
             for c, ids in ambiguous.items()]), b="")
    if unknown and not create_missing:
        from kadev.store.sales_import import unknown_customers_file

        lines: list[object] = [lazy("imp.unknown", name=file_name, count=len(unknown))]
        for number, (customer, row) in enumerate(unknown.items()):
            if number == UNKNOWN_SHOWN:
                break
            close = difflib.get_close_matches(customer, names, n=3, cutoff=0.3)
            hint = lazy("err.closest_paren", names=", ".join(close)) if close else ""
            lines.append(lazy("imp.unknown_row", name=file_name, row=row, customer=customer,
                              hint=hint))
        if len(unknown) > UNKNOWN_SHOWN:  # the rest in a file, not on the screen
            listed = [(row, customer) for customer, row in unknown.items()]
            lines.append(lazy("imp.unknown_more", count=len(unknown) - UNKNOWN_SHOWN,
                              path=unknown_customers_file(file_name, listed)))
        raise NotFoundError(code="p.concat", a=lazy_lines(lines), b="")
    new_cards: list[tuple[str, str]] = []
    if unknown:
        if not owner:
            raise UsageError(code="err.create_needs_owner")
        new_cards = new_prospect_ids(lib, list(unknown))
        account_of |= {customer: new_id for new_id, customer in new_cards}
    return account_of, new_cards


def write_import(lib: DataRoot, tx: Transaction, changes: Sequence[MonthChange],
                 new_cards: Sequence[tuple[str, str]], owner: str | None, nature: str
                 ) -> int:
    """The months the import changes and the prospect cards it makes (owned by `owner`, of
    `nature`, reviewed today) written into `tx`, which holds the ledger's lock and the new
    cards'. How many months changed."""
    from kadev.library.cards import create_card
    from kadev.store.yamlio import dump

    for account_id, name in new_cards:
        create_card(lib, tx, account_id, dump({
            "name": name, "status": "prospect", "owner": owner, "nature": nature,
            "reviewed": lib.today}))
    months = [c for c in changes if c.changed]
    for change in months:
        tx.replace(lib.path / "_sales" / f"{change.month}.csv", change.text)
    return len(months)
