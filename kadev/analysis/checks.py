"""Checks across records (a visit names a contact of its account, a file name matches its date…).

Each check is a small function with one signature, `(folder, settings) -> findings`, in the list
`CHECKS`; a finding names a file and a key path, and the store turns that into a line number.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kadev.models import Settings
from kadev.models.folder import AccountFolder


@dataclass(frozen=True)
class Finding:
    """Something wrong at a key path (`loc`) of a file; the store finds its line."""

    path: str
    loc: tuple[str | int, ...]
    message: str

    def as_tuple(self) -> tuple[str, tuple[str | int, ...], str]:
        return self.path, self.loc, self.message


Check = Callable[[AccountFolder, Settings], Iterator[Finding]]


def _closest(name: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(name, choices, n=3, cutoff=0.3)
    return f" (closest: {', '.join(close)})" if close else ""


def name_matches_date(folder: AccountFolder, settings: Settings) -> Iterator[Finding]:
    for path, record in [*folder.visits, *folder.complaints]:
        name_date = path.rsplit("/", 1)[-1][:10]
        if name_date != record.date.isoformat():
            yield Finding(path, ("date",), f"date {record.date} differs from the date in the "
                          f"file name ({name_date})")


def visit_contacts_exist(folder: AccountFolder, settings: Settings) -> Iterator[Finding]:
    if folder.account is None:
        return
    names = [c.name for c in folder.account.contacts]
    for path, visit in folder.visits:
        for i, person in enumerate(visit.theirs):
            if person not in names:
                yield Finding(path, ("theirs", i), f"'{person}' is not a contact of "
                              f"{folder.id}{_closest(person, names)}")
    for path, complaint in folder.complaints:
        if complaint.contact and complaint.contact not in names:
            yield Finding(path, ("contact",), f"'{complaint.contact}' is not a contact of "
                          f"{folder.id}{_closest(complaint.contact, names)}")


def visit_changes_name_a_deal(folder: AccountFolder, settings: Settings) -> Iterator[Finding]:
    if folder.account is None:
        return
    deals = [o.name for o in folder.account.opportunities]
    for path, visit in folder.visits:
        for i, change in enumerate(visit.changes):
            if change.opportunity not in deals:
                yield Finding(path, ("changes", i, "opportunity"),
                              f"'{change.opportunity}' is not an opportunity of "
                              f"{folder.id}{_closest(change.opportunity, deals)}")


def names_unique(folder: AccountFolder, settings: Settings) -> Iterator[Finding]:
    """Contacts and opportunities are referred to by name, so a name must be unique."""
    if folder.account is None:
        return
    for key, items in (("contacts", folder.account.contacts),
                       ("opportunities", folder.account.opportunities)):
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item.name in seen:
                yield Finding(folder.account_path, (key, i, "name"),
                              f"{key}: '{item.name}' appears twice; names must be unique")
            seen.add(item.name)


def owners_in_team(folder: AccountFolder, settings: Settings) -> Iterator[Finding]:
    if folder.account is None or not settings.team:
        return
    if folder.account.owner not in settings.team:
        owner = folder.account.owner
        yield Finding(folder.account_path, ("owner",), f"owner '{owner}' is not in the team "
                      f"list of kadev.yaml{_closest(owner, settings.team)}")
    for i, member in enumerate(folder.account.team):
        if member not in settings.team:
            yield Finding(folder.account_path, ("team", i), f"'{member}' is not in the team "
                          f"list of kadev.yaml{_closest(member, settings.team)}")


CHECKS: list[Check] = [name_matches_date, visit_contacts_exist, visit_changes_name_a_deal,
                       names_unique, owners_in_team]


def check_folder(folder: AccountFolder, settings: Settings) -> list[Finding]:
    return [finding for check in CHECKS for finding in check(folder, settings)]
