"""What the checks across files need to know of each record: small facts, cheap to cache.

A full model holds everything; checks need only names and dates, so validation keeps these
facts per file (and caches them), which lets a warm `validate` skip parsing unchanged files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from kadev.models.account import Account, plain_personal_fields
from kadev.models.records import Complaint, Plan, Visit


class CardFacts(NamedTuple):
    owner: str
    team: tuple[str, ...]
    contacts: tuple[str, ...]
    opportunities: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    # each opportunity's fields that visits record changes of, as text, in the same order
    deal_fields: tuple[tuple[tuple[str, str], ...], ...] = ()
    former: tuple[str, ...] = ()  # contacts' former names, which old records may use
    # (contact's index, field) of each personal field written in the card, in plain text
    personal: tuple[tuple[int, str], ...] = ()

    @classmethod
    def of(cls, card: Account) -> CardFacts:
        return cls(card.owner, tuple(card.team), tuple(c.name for c in card.contacts),
                   tuple(o.name for o in card.opportunities), tuple(card.aliases),
                   tuple(tuple((name, deal_text(name, getattr(o, name))) for name in DEAL_FIELDS)
                         for o in card.opportunities),
                   tuple(a for c in card.contacts for a in c.aliases),
                   tuple(plain_personal_fields(card)))


DEAL_FIELDS = ("stage", "expected_close", "grade", "value")  # what a visit's `changes` record


def deal_text(name: str, value: object) -> str:
    """A deal field's value as text that compares equal however it was written (a value of
    1200000, 1200000.00 or 1.2E+6; a grade b or B)."""
    if value is None:
        return ""
    value = getattr(value, "value", value)  # an enumeration
    if name == "value":
        from decimal import Decimal, InvalidOperation

        try:
            return format(Decimal(str(value)).normalize(), "f")
        except InvalidOperation:
            return str(value)
    return str(value).upper() if name == "grade" else str(value)


class VisitFacts(NamedTuple):
    date: dt.date
    theirs: tuple[str, ...]
    deals: tuple[str, ...]  # opportunities named in `changes`, in order
    # (opportunity, field, new value as `deal_text` gives it) of each recorded change
    changed: tuple[tuple[str, str, str], ...] = ()

    @classmethod
    def of(cls, visit: Visit) -> VisitFacts:
        return cls(visit.date, tuple(visit.theirs), tuple(c.opportunity for c in visit.changes),
                   tuple((c.opportunity, c.field, deal_text(c.field, c.new))
                         for c in visit.changes))


class VisitStamp(NamedTuple):
    """What the follow-up and plan rules read of a visit: its id, day and method."""

    id: str
    date: dt.date
    method: str


class PlanFacts(NamedTuple):
    date: dt.date
    theirs: tuple[str, ...]

    @classmethod
    def of(cls, plan: Plan) -> PlanFacts:
        return cls(plan.date, tuple(plan.theirs))


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
    plans: list[tuple[str, PlanFacts]] = field(default_factory=list)
