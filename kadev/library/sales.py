"""Matching an ERP export's customers to the cards: by id, name or alias as the export
spells them (normalised: width, spaces, case), each customer text once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from kadev.library import DataRoot
    from kadev.store.sales_columns import Txn


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
