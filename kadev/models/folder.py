"""What the checks across files need to know of each record: small facts, cheap to cache.

A full model holds everything; checks need only names and dates, so validation keeps these
facts per file (and caches them), which lets a warm `validate` skip parsing unchanged files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from kadev.models.account import Account
from kadev.models.records import Complaint, Visit


class CardFacts(NamedTuple):
    owner: str
    team: tuple[str, ...]
    contacts: tuple[str, ...]
    opportunities: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()  # each opportunity's stage, in the same order

    @classmethod
    def of(cls, card: Account) -> CardFacts:
        return cls(card.owner, tuple(card.team), tuple(c.name for c in card.contacts),
                   tuple(o.name for o in card.opportunities), tuple(card.aliases),
                   tuple(o.stage.value for o in card.opportunities))


class VisitFacts(NamedTuple):
    date: dt.date
    theirs: tuple[str, ...]
    deals: tuple[str, ...]  # opportunities named in `changes`, in order
    stages: tuple[tuple[str, str], ...] = ()  # (opportunity, new stage) of its stage changes

    @classmethod
    def of(cls, visit: Visit) -> VisitFacts:
        return cls(visit.date, tuple(visit.theirs), tuple(c.opportunity for c in visit.changes),
                   tuple((c.opportunity, c.new or "") for c in visit.changes
                         if c.field == "stage"))


class ComplaintFacts(NamedTuple):
    date: dt.date
    contact: str | None

    @classmethod
    def of(cls, complaint: Complaint) -> ComplaintFacts:
        return cls(complaint.date, complaint.contact)


@dataclass
class AccountFolder:
    """One account's records as facts, each with its path relative to the data root."""

    id: str
    account_path: str
    card: CardFacts | None
    visits: list[tuple[str, VisitFacts]] = field(default_factory=list)
    complaints: list[tuple[str, ComplaintFacts]] = field(default_factory=list)
