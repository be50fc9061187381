"""The rep's morning list (shared/DOMAIN.md §1, §3, §4): what needs doing, most urgent first.

Each rule is a small function over one account's facts returning `DueItem`s. `days` is
today − `date`: positive = overdue (or the age of a complaint), negative = still ahead.

- follow_up: the last contact was a meeting (face-to-face or event) and nothing followed it;
  due `follow_up_days` after it (a phone call or e-mail is itself the follow-up, 000 §6.6).
- planned_visit: the next visit planned at the last contact, due or missed.
- contact_interval: the last contact is older than the interval for the account's tier, class
  or prospect status; the interval restarts at every logged visit.
- complaint: every open complaint with its age; escalated ones first (001).
- review: the card was not reviewed for `review_days` (004 §6.1).
- receivable: overdue receivables on the card.
- revenue_swing: a recent month's revenue moved more than the threshold against the same month
  a year before, and the card has no change note for that month (004 §3.2).
- birthday, itinerary: contacts' birthdays and trips within the next N days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from kadev.analysis.periods import month_of, shift
from kadev.i18n import label, t
from kadev.models import Account, Complaint, Settings, Visit
from kadev.models.account import Receivables, Trip
from kadev.models.enums import Method, Status

MEETINGS = (Method.FACE_TO_FACE, Method.EVENT)
KINDS = ("follow_up", "planned_visit", "contact_interval", "complaint", "review", "receivable",
         "revenue_swing", "birthday", "itinerary")


@dataclass(frozen=True)
class DueItem:
    account: str
    name: str
    owner: str
    kind: str
    reason: str
    date: dt.date
    days: int
    escalated: bool = False

    def as_dict(self) -> dict[str, object]:
        return {"account": self.account, "name": self.name, "kind": self.kind,
                "reason": self.reason, "date": self.date.isoformat(), "days": self.days,
                "owner": self.owner}


class DueContact(NamedTuple):
    name: str
    title: str | None
    birthday: str | None
    itinerary: tuple[Trip, ...]


class DueCard(NamedTuple):
    """What the due rules read of a card: a few hundred bytes, so that every card's can be
    kept in one small cache and a morning list never reads whole cards."""

    name: str
    owner: str
    status: Status
    tier: int | None
    reviewed: dt.date | None
    receivables: Receivables | None
    explained: frozenset[str]  # months with a change note (a reason for a revenue swing)
    contacts: tuple[DueContact, ...]  # only those with a birthday or a trip

    @classmethod
    def of(cls, card: Account) -> DueCard:
        return cls(card.name, card.owner, card.status, card.tier, card.reviewed,
                   card.credit.receivables if card.credit else None,
                   frozenset(note.month for note in card.change_notes),
                   tuple(DueContact(c.name, c.title, c.birthday, tuple(c.itinerary))
                         for c in card.contacts if c.birthday or c.itinerary))


@dataclass
class AccountFacts:
    """What the due rules need to know about one account (read by the store, cheaply)."""

    id: str
    card: DueCard
    abc_class: str | None = None
    visit_dates: list[dt.date] = field(default_factory=list)
    last_visit: Visit | None = None
    open_complaints: list[tuple[str, Complaint]] = field(default_factory=list)
    monthly_revenue: Mapping[str, int] = field(default_factory=dict)  # month → cents
    tier: int | None = None  # the card's tier, else the computed four-factor tier
    quadrant: str | None = None


Rule = Callable[[AccountFacts, Settings, dt.date, int], Iterator[DueItem]]


def _item(facts: AccountFacts, kind: str, reason: str, date: dt.date, today: dt.date,
          escalated: bool = False) -> DueItem:
    return DueItem(facts.id, facts.card.name, facts.card.owner, kind, reason, date,
                   (today - date).days, escalated)


def _when(date: dt.date, today: dt.date) -> str:
    days = (today - date).days
    if days > 0:
        return t("due.overdue", days=days).replace("day(s)", "day" if days == 1 else "days")
    if days == 0:
        return t("due.today")
    return t("due.ahead", days=-days).replace("day(s)", "day" if days == -1 else "days")


def follow_up(facts: AccountFacts, settings: Settings, today: dt.date,
              window: int) -> Iterator[DueItem]:
    visit = facts.last_visit
    if visit is None or visit.method not in MEETINGS:
        return
    due = visit.date + dt.timedelta(days=settings.follow_up_days)
    interval, _ = contact_interval_days(facts, settings)
    if due <= today + dt.timedelta(days=window) and (today - visit.date).days <= interval:
        yield _item(facts, "follow_up", t("due.follow_up", method=label("method", visit.method),
                                          date=visit.date, due=due, when=_when(due, today)),
                    due, today)


def planned_visit(facts: AccountFacts, settings: Settings, today: dt.date,
                  window: int) -> Iterator[DueItem]:
    visit = facts.last_visit
    if visit is None or visit.next_visit is None:
        return
    planned = visit.next_visit
    if planned <= today + dt.timedelta(days=window):
        key = "due.missed" if planned < today else "due.planned"
        at = f" {visit.next_visit_time}" if visit.next_visit_time else ""
        yield _item(facts, "planned_visit", t(key, date=planned, at=at,
                                              when=_when(planned, today), visit=visit.date),
                    planned, today)


def contact_interval_days(facts: AccountFacts, settings: Settings) -> tuple[int, str]:
    """(days, basis): the interval for the account's tier, else prospect status, else class."""
    intervals = settings.contact_interval_days
    keys = []
    tier = facts.card.tier or facts.tier
    if tier is not None:
        keys.append((f"tier{tier}", t("due.basis.tier", tier=tier)))
    if facts.card.status is Status.PROSPECT:
        keys.append(("prospect", t("due.basis.prospect")))
    cls = facts.abc_class or "C"
    keys.append((cls, t("due.basis.class", cls=cls)))
    for key, basis in keys:
        if key in intervals:
            return intervals[key], basis
    return 60, t("due.basis.default")


def contact_interval(facts: AccountFacts, settings: Settings, today: dt.date,
                     window: int) -> Iterator[DueItem]:
    if facts.card.status is Status.CLOSED:
        return
    interval, basis = contact_interval_days(facts, settings)
    if not facts.visit_dates:
        yield _item(facts, "contact_interval", t("due.no_contact", basis=basis,
                                                 interval=interval), today, today)
        return
    last = max(facts.visit_dates)
    due = last + dt.timedelta(days=interval)
    if due <= today + dt.timedelta(days=window):
        yield _item(facts, "contact_interval", t("due.interval", last=last, basis=basis,
                                                 interval=interval, when=_when(due, today)),
                    due, today)


def complaint(facts: AccountFacts, settings: Settings, today: dt.date,
              window: int) -> Iterator[DueItem]:
    for record_id, item in facts.open_complaints:
        age = (today - item.date).days
        over = t("due.escalated") if item.escalated else ""
        yield _item(facts, "complaint", t("due.complaint", escalated=over, what=item.what,
                                          severity=label("severity", item.severity), age=age,
                                          id=record_id[-6:]), item.date, today, item.escalated)


def review(facts: AccountFacts, settings: Settings, today: dt.date,
           window: int) -> Iterator[DueItem]:
    reviewed = facts.card.reviewed
    if reviewed is None:
        yield _item(facts, "review", t("due.never_reviewed"), today, today)
    elif (today - reviewed).days >= settings.review_days:
        due = reviewed + dt.timedelta(days=settings.review_days)
        yield _item(facts, "review", t("due.not_reviewed", date=reviewed,
                                       days=(today - reviewed).days), due, today)


def receivable(facts: AccountFacts, settings: Settings, today: dt.date,
               window: int) -> Iterator[DueItem]:
    owed = facts.card.receivables
    if owed is None or owed.overdue <= 0:
        return
    since = owed.oldest_due or owed.as_of or today
    amount = f"{settings.currency_symbol}{owed.overdue:,.2f}"
    yield _item(facts, "receivable", t("due.receivable", amount=amount)
                + (t("due.oldest_due", date=owed.oldest_due) if owed.oldest_due else ""),
                since, today)


def revenue_swing(facts: AccountFacts, settings: Settings, today: dt.date,
                  window: int) -> Iterator[DueItem]:
    explained = facts.card.explained
    current = month_of(today)
    for back in (1, 2, 3):  # the latest unexplained swing of the last three complete months
        month = shift(current, -back)
        now = facts.monthly_revenue.get(month, 0)
        before = facts.monthly_revenue.get(shift(month, -12), 0)
        if before <= 0 or month in explained:
            continue
        change = (now - before) * 100 / before
        if abs(change) > settings.change_reason_threshold:
            first_day = dt.date(int(month[:4]), int(month[5:]), 1)
            symbol = settings.currency_symbol
            yield _item(facts, "revenue_swing", t(
                "due.swing", month=month, change=f"{change:+.0f}%",
                before_month=shift(month, -12), now=f"{symbol}{now / 100:,.0f}",
                before=f"{symbol}{before / 100:,.0f}"), first_day, today)
            return


def next_birthday(text: str, today: dt.date) -> dt.date | None:
    month, day = int(text[-5:-3]), int(text[-2:])
    for year in (today.year, today.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:  # 29 February in a common year
            candidate = dt.date(year, 3, 1)
        if candidate >= today:
            return candidate
    return None


def birthday(facts: AccountFacts, settings: Settings, today: dt.date,
             window: int) -> Iterator[DueItem]:
    for person in facts.card.contacts:
        if not person.birthday:
            continue
        next_day = next_birthday(person.birthday, today)
        if next_day and (next_day - today).days <= window:
            yield _item(facts, "birthday", t("due.birthday", name=person.name,
                                             title=person.title or t("due.contact"),
                                             day=f"{next_day:%m-%d}",
                                             when=_when(next_day, today)), next_day, today)


def itinerary(facts: AccountFacts, settings: Settings, today: dt.date,
              window: int) -> Iterator[DueItem]:
    horizon = today + dt.timedelta(days=window)
    for person in facts.card.contacts:
        for trip in person.itinerary:
            if trip.start <= horizon and trip.end >= today:
                why = (f"（{trip.purpose}）" if _zh() else f" ({trip.purpose})") \
                    if trip.purpose else ""
                yield _item(facts, "itinerary", t("due.trip", name=person.name,
                                                  place=trip.place, start=trip.start,
                                                  end=trip.end, why=why), trip.start, today)


def _zh() -> bool:
    from kadev.i18n import lang

    return lang() == "zh"


RULES: list[Rule] = [complaint, follow_up, planned_visit, contact_interval, review, receivable,
                     revenue_swing, birthday, itinerary]


def _urgency(item: DueItem) -> tuple[int, int, str, str]:
    if item.kind == "complaint":
        group = 0 if item.escalated else 1
    elif item.kind in ("birthday", "itinerary"):
        group = 6 if item.days < 0 else 3
    elif item.days > 0:
        group = 2 if item.kind not in ("review", "revenue_swing") else (
            4 if item.kind == "review" else 5)
    elif item.days == 0:
        group = 3
    else:
        group = 6
    return group, -item.days, item.account, item.kind


def due_items(accounts: list[AccountFacts], settings: Settings, today: dt.date,
              window: int = 7) -> list[DueItem]:
    items = [item for facts in accounts for rule in RULES
             for item in rule(facts, settings, today, window)]
    return sorted(items, key=_urgency)
