"""Before a visit (`kadev brief`): one account's briefing, and the accounts with a visit
planned on a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kadev.library import DataRoot
    from kadev.models import Account


def account_brief(lib: DataRoot, account_id: str, with_names: list[str],
                  reveal: Callable[[str, Account], Account] | None) -> dict[str, Any]:
    """The account's briefing (`analysis.brief.briefing`) for a visit meeting `with_names`
    (active contacts of the card); contacts' personal data opened by `reveal` where this
    machine can, none without it."""
    from kadev.analysis.brief import briefing
    from kadev.library.contacts import require_contacts
    from kadev.library.due import gather_facts
    from kadev.store.accounts import load_account
    from kadev.store.records import load_visits

    card = load_account(lib.path, account_id)
    if reveal is not None:
        card = reveal(account_id, card)
    facts = gather_facts(lib, None, only=(account_id, card), with_matrix=True)[0]
    require_contacts(account_id, [c.name for c in card.active_contacts], with_names, "--with")
    visits = [v for _, v in load_visits(lib.path, account_id)]
    return briefing(facts, card, visits, lib.settings, lib.today, with_names,
                    reveal is not None)


def planned_on(lib: DataRoot, day: dt.date, owner: str | None) -> list[tuple[str, str | None]]:
    """(account, time) of every account of `owner` (None: the team's) with an open plan on
    `day` that no visit has kept yet (the earliest time when there are several), by time."""
    from kadev.analysis.due import fulfilment
    from kadev.store.cache import FileCache
    from kadev.store.records import load_plans, recent_visits

    root = lib.path
    # the same caches as `due`: plans, visits and folder listings, and the card index
    plans, visits, listing = (FileCache(root, "plans"), FileCache(root, "visit-stamps"),
                              FileCache(root, "listing"))
    found: dict[str, str | None] = {}
    for account_id, card in lib.index().items():
        if owner and card.owner != owner:
            continue
        todays = [p for _, p in load_plans(root, account_id, plans, listing)
                  if p.date == day and p.is_open]
        if not todays:
            continue
        done = recent_visits(root, account_id, day, visits, listing)
        for plan in sorted(todays, key=lambda p: (p.time is None, p.time or "")):
            if fulfilment(plan, done) is None:
                found.setdefault(account_id, plan.time)
    for files in (plans, visits, listing):
        files.save(prune=owner is None)
    return sorted(found.items(), key=lambda f: (f[1] is None, f[1] or "", f[0]))
