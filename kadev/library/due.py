"""What the due rules need of each account (`kadev due`, a briefing, the calendar, a rep's
monthly plan), from an open `DataRoot`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from kadev.library.ledgerview import ledger_view

if TYPE_CHECKING:
    from kadev.analysis.due import AccountFacts, DueItem
    from kadev.library import DataRoot
    from kadev.models import Account

PERSONAL_KINDS = ("birthday", "itinerary")  # items that show a contact's personal data


def due_list(lib: DataRoot, owner: str | None, days: int, since: dt.date | None,
             personal: bool, reveal: Callable[[str, Account], Account] | None
             ) -> Sequence[DueItem]:
    """What is owed in the next `days` by `owner` (None: the whole team), or with `since`
    what was missed from then to today. Birthdays and trips (a contact's personal data) are
    in a rep's own list only when `personal`, opened by `reveal` where this machine can; the
    whole team's list has none, and is kept while the data root is unchanged."""
    from kadev.analysis.due import LOOKBACK_DAYS, due_items, missed_items

    today = lib.today
    # the meetings whose follow-up can still be owed: within the longest contact interval
    lookback = max((today - since).days if since else 0, LOOKBACK_DAYS)
    personal = personal and owner is not None

    def build() -> list[DueItem]:
        facts = gather_facts(lib, owner, lookback=lookback, reveal=reveal if personal else None)
        found = (missed_items(facts, lib.settings, today, since) if since
                 else due_items(facts, lib.settings, today, days))
        return found if personal else [i for i in found if i.kind not in PERSONAL_KINDS]

    if owner:  # a rep's list reads only the rep's folders: quicker than asking git
        return build()
    return lib.kept_rows("due", (today, days, since), build)


def gather_facts(lib: DataRoot, owner: str | None, only: tuple[str, Account] | None = None,
                 with_matrix: bool = False, lookback: int = 90,
                 reveal: Callable[[str, Account], Account] | None = None
                 ) -> list[AccountFacts]:
    """Per account what the due rules need: the card's due fields, visit dates from file names,
    the last visit, open complaints, the trailing ABC class and recent monthly revenue.

    A briefing passes its own (id, card) as `only`; a list reads every card's small due projection
    (`DueCard`), unless tiers are needed, which are computed from whole cards. With `owner`
    or `only`, visits and complaints come from each chosen account's own small cache; the whole
    team's list uses the caches across all accounts. `reveal`: one owner's cards with their
    contacts' encrypted personal data (birthdays, trips) opened by `reveal`, where this
    machine can.
    """
    from kadev.analysis.due import AccountFacts, DueCard, plan_checks, since_for
    from kadev.errors import DataError
    from kadev.store import skipped
    from kadev.store.accounts import card_views, load_account, load_accounts, owner_in_text
    from kadev.store.cache import FileCache
    from kadev.store.records import (
        fill_records,
        load_plans,
        open_complaints,
        recent_visits,
        record_dates,
    )

    root = lib.path
    with_tiers = with_matrix
    full: list[tuple[str, Account]] = []
    if only:
        full = [only]
    elif with_tiers:
        full = [(i, c) for i, c in load_accounts(root) if not owner or c.owner == owner]
    if full:
        cards = [(i, DueCard.of(c)) for i, c in full]
    elif owner:  # a rep's accounts: every card's owner, then those cards from their folders
        owners = card_views(root, "owners", _owner, owner_in_text)
        mine = []
        for i in [i for i, o in owners.items() if o == owner]:
            try:
                mine.append((i, load_account(root, i)))
            except DataError as err:  # (its owner line read, the card itself broken)
                skipped.note(i, err.problems)
        if reveal is not None:
            mine = [(i, reveal(i, card)) for i, card in mine]
        cards = [(i, DueCard.of(card)) for i, card in mine]
        # (a card that cannot be read was already left out by card_views)
    else:
        cards = list(card_views(root, "due-cards", DueCard.of).items())
    view = ledger_view(lib)
    tier_of: dict[str, int] = {}
    quadrant_of: dict[str, str | None] = {}
    if with_tiers:
        from kadev.library.reports import matrix_data

        matrix = matrix_data(lib, full)
        tier_of = {t["account"]: t["tier"] for t in matrix["tiers"]}
        quadrant_of = {q["account"]: q["quadrant"] for q in matrix["quadrants"]["accounts"]}
    whole = owner is None and only is None
    visits = FileCache(root, "visit-stamps") if whole else None
    complaints = FileCache(root, "complaints") if whole else None
    plan_files = FileCache(root, "plans") if whole else None
    settings, today = lib.settings, lib.today
    present = frozenset(view.present)
    listing = FileCache(root, "listing") if whole else None

    if whole and visits and complaints and plan_files:  # a first run: on every core
        ids = [i for i, _ in cards]
        fill_records(root, ids, "plans", plan_files, listing)
        fill_records(root, ids, "complaints", complaints, listing)
        first_day: dict[str, dt.date] = {}
        for account_id in ids:
            try:
                plans = load_plans(root, account_id, plan_files, listing)
            except DataError:
                continue  # (said for its account below)
            first_day[account_id] = since_for(plans, settings, today, lookback)
        fill_records(root, ids, "visits", visits, listing, first_day)
    facts = []
    for account_id, card in cards:
        try:
            plans = load_plans(root, account_id, plan_files, listing)
            since = since_for(plans, settings, today, lookback)
            facts.append(AccountFacts(
                account_id, card, view.abc_class(account_id),
                visit_dates=record_dates(root, account_id, "visits", listing),
                open_complaints=open_complaints(root, account_id, complaints, listing),
                monthly_revenue=view.monthly(account_id), tier=tier_of.get(account_id),
                quadrant=quadrant_of.get(account_id), plans=plans,
                recent=recent_visits(root, account_id, since, visits, listing,
                                     plan_checks(plans, since)),
                ledger_months=present))
        except DataError as err:
            if only:
                raise
            skipped.note(account_id, err.problems)  # a broken visit leaves out its account
    for files in (visits, complaints, plan_files, listing):
        if files is not None:
            files.save(prune=True)
    return facts


def _owner(card: Account) -> str:
    return card.owner
