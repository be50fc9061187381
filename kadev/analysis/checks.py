"""Checks across records (a visit names a contact of its account, a file name matches its date…).

Each check is a small function with one signature, `(folder, settings) -> findings`, in the list
`CHECKS`; a finding names a file and a key path, and the store turns that into a line number.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass

from kadev.i18n import Msg, lazy
from kadev.models import Settings
from kadev.models.folder import AccountFolder, ComplaintFacts, PlanFacts, VisitFacts


@dataclass(frozen=True)
class Finding:
    """Something wrong at a key path (`loc`) of a file; the store finds its line."""

    path: str
    loc: tuple[str | int, ...]
    message: str | Msg

    def as_tuple(self) -> tuple[str, tuple[str | int, ...], str | Msg]:
        return self.path, self.loc, self.message


Check = Callable[[AccountFolder, Settings], Iterator[Finding]]


def closest(name: str, choices: Collection[str]) -> str | Msg:
    """" (closest: …)" with the names most like `name` (worded when shown), or ""."""
    close = difflib.get_close_matches(name, list(choices), n=3, cutoff=0.3)
    return lazy("err.closest_paren", names=", ".join(close)) if close else ""


def name_matches_date(folder: AccountFolder, settings: Settings) -> Iterator[Finding]:
    dated: list[tuple[str, VisitFacts | ComplaintFacts | PlanFacts]] = [
        *folder.visits, *folder.complaints, *folder.plans]
    for path, record in dated:
        name_date = path.rsplit("/", 1)[-1][:10]
        if name_date != record.date.isoformat():
            yield Finding(path, ("date",), lazy("p.name_date", date=record.date,
                                             name_date=name_date))


def visit_contacts_exist(folder: AccountFolder, settings: Settings) -> Iterator[Finding]:
    if folder.card is None:
        return
    names = [*folder.card.contacts, *folder.card.former]
    attended: list[tuple[str, VisitFacts | PlanFacts]] = [*folder.visits, *folder.plans]
    for path, visit in attended:
        for i, person in enumerate(visit.theirs):
            if person not in names:
                yield Finding(path, ("theirs", i), lazy("p.not_contact", name=person,
                                                     account=folder.id,
                                                     hint=closest(person, names)))
    for path, complaint in folder.complaints:
        if complaint.contact and complaint.contact not in names:
            yield Finding(path, ("contact",), lazy("p.not_contact", name=complaint.contact,
                                                    account=folder.id,
                                                    hint=closest(complaint.contact, names)))


def visit_changes_name_a_deal(folder: AccountFolder, settings: Settings) -> Iterator[Finding]:
    if folder.card is None:
        return
    deals = list(folder.card.opportunities)
    for path, visit in folder.visits:
        for i, name in enumerate(visit.deals):
            if name not in deals:
                yield Finding(path, ("changes", i, "opportunity"),
                              lazy("p.not_deal", name=name, account=folder.id,
                                   hint=closest(name, deals)))


def names_unique(folder: AccountFolder, settings: Settings) -> Iterator[Finding]:
    """Contacts and opportunities are referred to by name, so a name must be unique."""
    if folder.card is None:
        return
    for key, names in (("contacts", folder.card.contacts),
                       ("opportunities", folder.card.opportunities)):
        seen: set[str] = set()
        for i, name in enumerate(names):
            if name in seen:
                yield Finding(folder.account_path, (key, i, "name"),
                              lazy("p.twice", key=key, name=name))
            seen.add(name)


def owners_in_team(folder: AccountFolder, settings: Settings) -> Iterator[Finding]:
    if folder.card is None or not settings.team:
        return
    if folder.card.owner not in settings.team:
        owner = folder.card.owner
        yield Finding(folder.account_path, ("owner",), lazy(
            "p.owner_not_in_team", name=owner, hint=closest(owner, settings.team)))
    for i, member in enumerate(folder.card.team):
        if member not in settings.team:
            yield Finding(folder.account_path, ("team", i), lazy(
                "p.member_not_in_team", name=member, hint=closest(member, settings.team)))


def stage_history_agrees(folder: AccountFolder, settings: Settings) -> Iterator[Finding]:
    """A deal's stage (and expected close, grade, value) on the card is what its last recorded
    change set. After a merge that took one side of a card, the other side's visit may still
    record a change the card no longer has; nothing else would notice."""
    if folder.card is None:
        return
    # (deal, field) → the day of its last recorded change, and (visit, value) of that day's
    # changes (the order of visits within one day is not recorded: any of them may be last)
    last: dict[tuple[str, str], tuple[object, list[tuple[str, str]]]] = {}
    for path, visit in sorted(folder.visits, key=lambda pv: (pv[1].date, pv[0])):
        for deal, name, new in visit.changed:
            day, changes = last.get((deal, name), (None, []))
            last[deal, name] = (visit.date,
                                [*(changes if day == visit.date else []), (path, new)])
    for i, (deal, fields) in enumerate(zip(folder.card.opportunities, folder.card.deal_fields,
                                           strict=False)):
        for name, now in fields:
            changes = last[deal, name][1] if (deal, name) in last else []
            if changes and all(recorded != now for _, recorded in changes):
                path, recorded = changes[-1]
                yield Finding(folder.account_path, ("opportunities", i, name),
                              lazy("p.stage_history", deal=deal, field=name, now=now or "∅",
                                   visit=path, recorded=recorded or "∅",
                                   option="--" + name.replace("_", "-")))


CHECKS: list[Check] = [name_matches_date, visit_contacts_exist, visit_changes_name_a_deal,
                       names_unique, owners_in_team]
HISTORY_CHECKS: list[Check] = [stage_history_agrees]  # validate's, not an edit's: a rep may
# correct a stage by hand, and a visit being recorded is not among the visits yet


def check_folder(folder: AccountFolder, settings: Settings, history: bool = True
                 ) -> list[Finding]:
    checks = CHECKS + HISTORY_CHECKS if history else CHECKS
    return [finding for check in checks for finding in check(folder, settings)]


def aliases_unique(cards: list[tuple[str, str, tuple[str, ...]]]) -> list[Finding]:
    """An alias (a name the ERP uses) must name one account, or imports cannot match it.

    `cards` holds (account id, card path, aliases) of every card that loaded."""
    owners: dict[str, list[str]] = {}
    for account_id, _, aliases in cards:
        for alias in dict.fromkeys(aliases):
            owners.setdefault(alias, []).append(account_id)
    findings = []
    for account_id, path, aliases in cards:
        for i, alias in enumerate(aliases):
            others = [o for o in owners[alias] if o != account_id]
            if others:
                findings.append(Finding(path, ("aliases", i), lazy(
                    "p.alias_twice", alias=alias, others=", ".join(others))))
    return findings
