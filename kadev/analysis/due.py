"""The rep's morning list (shared/DOMAIN.md §1, §3, §4): what needs doing, most urgent first.

Each rule is a small function over one account's facts returning `DueItem`s. `days` is
today − `date`: positive = overdue (or the age of a complaint), negative = still ahead.

- follow_up: every meeting (face-to-face or event) is owed a phone call or another visit
  within `follow_up_days` (000 §6.6; an e-mail or a letter is not one); listed while that is
  ahead, and once missed while nothing at all has followed.
- planned_visit: every plan not yet fulfilled (by the first visit of its kind on or after its
  day, or one recorded with `--plan ID`), cancelled or moved; a passed one is listed as missed.
- `missed_items`: the follow-ups and plans a period missed, late or never made up.
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
from functools import partial
from typing import NamedTuple

from kadev.analysis.periods import month_of, shift
from kadev.i18n import Msg, lazy, lazy_label
from kadev.models import Account, Complaint, Plan, Settings
from kadev.models.account import Receivables, Trip
from kadev.models.enums import Method, Status
from kadev.models.folder import VisitStamp

MEETINGS = (Method.FACE_TO_FACE, Method.EVENT)
FOLLOW_UPS = (Method.PHONE, Method.FACE_TO_FACE, Method.EVENT)  # what follows up a meeting
LOOKBACK_DAYS = 90  # how far back a list looks for meetings owed a follow-up
KINDS = ("follow_up", "planned_visit", "contact_interval", "complaint", "deal", "review",
         "receivable", "revenue_swing", "birthday", "itinerary")


@dataclass(frozen=True)
class DueItem:
    account: str
    name: str
    owner: str
    kind: str
    reason: str | Msg  # worded when shown
    date: dt.date
    days: int
    escalated: bool = False
    short: str = ""  # the name tables show

    def as_dict(self) -> dict[str, object]:
        return {"account": self.account, "name": self.name, "kind": self.kind,
                "reason": str(self.reason), "date": self.date.isoformat(), "days": self.days,
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
    short: str
    owner: str
    status: Status
    tier: int | None
    reviewed: dt.date | None
    receivables: Receivables | None
    explained: frozenset[str]  # months with a change note (a reason for a revenue swing)
    contacts: tuple[DueContact, ...]  # only those with a birthday or a trip
    closing: tuple[tuple[str, dt.date], ...] = ()  # open deals' (name, expected close)

    @classmethod
    def of(cls, card: Account) -> DueCard:
        return cls(card.name, card.short, card.owner, card.status, card.tier, card.reviewed,
                   card.credit.receivables if card.credit else None,
                   frozenset(note.month for note in card.change_notes),
                   tuple(DueContact(c.name, c.title, c.birthday, tuple(c.itinerary))
                         for c in card.active_contacts if c.birthday or c.itinerary),
                   tuple((d.name, d.expected_close) for d in card.opportunities
                         if d.is_open and d.expected_close is not None))


@dataclass
class AccountFacts:
    """What the due rules need to know about one account (read by the store, cheaply)."""

    id: str
    card: DueCard
    abc_class: str | None = None
    visit_dates: list[dt.date] = field(default_factory=list)
    open_complaints: list[tuple[str, Complaint]] = field(default_factory=list)
    monthly_revenue: Mapping[str, int] = field(default_factory=dict)  # month → cents
    tier: int | None = None  # the computed four-factor tier (a briefing shows it)
    quadrant: str | None = None
    plans: list[tuple[str, Plan]] = field(default_factory=list)  # (id, plan)
    ledger_months: frozenset[str] | None = None  # months the ledger has; None: all
    recent: list[VisitStamp] = field(default_factory=list)  # visits since `since_for`, by date


def since_for(plans: list[tuple[str, Plan]], settings: Settings, today: dt.date,
              back: int = LOOKBACK_DAYS) -> dt.date:
    """The first day whose visits the follow-up rule needs (all of them since then)."""
    return today - dt.timedelta(days=back + settings.follow_up_days)


def plan_checks(plans: list[tuple[str, Plan]], since: dt.date
                ) -> list[tuple[dt.date, Callable[[VisitStamp], bool]]]:
    """For each open plan older than `since`, (its day, what keeps it): the reader looks for
    the first such visit from that day on, instead of reading every visit since then."""
    return [(p.date, partial(_keeps, p)) for _, p in plans if p.is_open and p.date < since]


def _keeps(plan: Plan, visit: VisitStamp) -> bool:
    return visit.date >= plan.date and _fulfils(plan, visit.method)


def _fulfils(plan: Plan, method: str) -> bool:
    if plan.method in MEETINGS:
        return method in MEETINGS
    return method == plan.method.value


def fulfilment(plan: Plan, recent: list[VisitStamp]) -> VisitStamp | None:
    """The visit that fulfilled an open plan: the first of its kind on or after its day."""
    return next((v for v in recent if v.date >= plan.date and _fulfils(plan, v.method)), None)


class FollowUp(NamedTuple):
    meeting: VisitStamp
    due: dt.date
    done: dt.date | None  # the first phone call or visit after the meeting


def follow_ups(facts: AccountFacts, settings: Settings) -> list[FollowUp]:
    """Each recent meeting with the day its follow-up was owed and the day one came."""
    out = []
    for index, visit in enumerate(facts.recent):
        if visit.method not in MEETINGS:
            continue
        later = next((v.date for v in facts.recent[index + 1:]
                      if v.date > visit.date and v.method in FOLLOW_UPS), None)
        out.append(FollowUp(visit, visit.date + dt.timedelta(days=settings.follow_up_days),
                            later))
    return out


Rule = Callable[[AccountFacts, Settings, dt.date, int], Iterator[DueItem]]


def _item(facts: AccountFacts, kind: str, reason: str | Msg, date: dt.date, today: dt.date,
          escalated: bool = False) -> DueItem:
    return DueItem(facts.id, facts.card.name, facts.card.owner, kind, reason, date,
                   (today - date).days, escalated, facts.card.short)


def _when(date: dt.date, today: dt.date) -> Msg:
    days = (today - date).days
    if days > 0:
        return lazy("due.overdue_one" if days == 1 else "due.overdue", days=days)
    if days == 0:
        return lazy("due.today")
    return lazy("due.ahead_one" if days == -1 else "due.ahead", days=-days)


def follow_up(facts: AccountFacts, settings: Settings, today: dt.date,
              window: int) -> Iterator[DueItem]:
    """Every meeting whose follow-up is still ahead, or was missed with nothing since (while
    within the contact interval: beyond it the interval rule speaks)."""
    interval, _ = contact_interval_days(facts, settings)
    for owed in follow_ups(facts, settings):
        if owed.done is not None and owed.done <= owed.due:
            continue  # followed up in time
        if owed.done is not None or (today - owed.meeting.date).days > interval:
            continue  # made up late, or long past: only `due --missed` lists it
        if owed.due <= today + dt.timedelta(days=window):
            yield _item(facts, "follow_up", lazy(
                "due.follow_up", method=lazy_label("method", owed.meeting.method),
                date=owed.meeting.date, due=owed.due, when=_when(owed.due, today)),
                owed.due, today)


def planned_visit(facts: AccountFacts, settings: Settings, today: dt.date,
                  window: int) -> Iterator[DueItem]:
    """Every open plan up to the window's end that no visit has fulfilled; a passed one as
    missed."""
    for plan_id, plan in facts.plans:
        if not plan.is_open or plan.date > today + dt.timedelta(days=window):
            continue
        if fulfilment(plan, facts.recent) is not None:
            continue
        yield _item(facts, "planned_visit", _plan_text(plan_id, plan, today), plan.date, today)


def _plan_text(plan_id: str, plan: Plan, today: dt.date) -> Msg:
    key = "due.missed" if plan.date < today else "due.planned"
    at = f" {plan.time}" if plan.time else ""
    method = lazy_label("method", plan.method)
    what = lazy("due.plan_what", method=method, purpose=plan.purpose) if plan.purpose else method
    return lazy(key, date=plan.date, at=at, when=_when(plan.date, today), what=what,
             id=plan_id[-6:])


def missed_items(accounts: list[AccountFacts], settings: Settings, today: dt.date,
                 since: dt.date) -> list[DueItem]:
    """The follow-ups owed and the plans dated from `since` to yesterday that were missed:
    made up late, or never."""
    items = []
    for facts in accounts:
        for owed in follow_ups(facts, settings):
            if owed.meeting.date < since or owed.due >= today:
                continue
            if owed.done is None or owed.done > owed.due:
                late = (lazy("due.late", date=owed.done) if owed.done else lazy("due.never"))
                items.append(_item(facts, "follow_up", lazy(
                    "due.missed_follow_up", method=lazy_label("method", owed.meeting.method),
                    date=owed.meeting.date, due=owed.due, late=late), owed.due, today))
        for plan_id, plan in facts.plans:
            if plan.cancelled is not None or not since <= plan.date < today:
                continue
            done = fulfilment(plan, facts.recent) if plan.visit is None else None
            if plan.visit is not None or (done is not None and done.date == plan.date):
                continue
            late = lazy("due.late", date=done.date) if done else lazy("due.never")
            items.append(_item(facts, "planned_visit", lazy(
                "due.missed_plan", date=plan.date, what=lazy_label("method", plan.method),
                late=late, id=plan_id[-6:]), plan.date, today))
    return sorted(items, key=lambda i: (i.date, i.account))


def contact_interval_days(facts: AccountFacts, settings: Settings) -> tuple[int, Msg]:
    """(days, basis): a prospect's interval while it is a prospect (it has no tier or class
    yet that means anything); else the interval of the tier set on its card (the manager's
    decision; `kadev matrix` proposes one from the four factors) when `tier1`..`tier4` are
    set; else its ABC class's."""
    intervals = settings.contact_interval_days
    keys = []
    if facts.card.status is Status.PROSPECT:
        keys.append(("prospect", lazy("due.basis.prospect")))
    tier = facts.card.tier
    if tier is not None:
        keys.append((f"tier{tier}", lazy("due.basis.tier", tier=tier)))
    cls = facts.abc_class or "C"
    keys.append((cls, lazy("due.basis.class", cls=cls)))
    for key, basis in keys:
        if key in intervals:
            return intervals[key], basis
    return 60, lazy("due.basis.default")


def contact_interval(facts: AccountFacts, settings: Settings, today: dt.date,
                     window: int) -> Iterator[DueItem]:
    if facts.card.status is Status.CLOSED:
        return
    interval, basis = contact_interval_days(facts, settings)
    if not facts.visit_dates:
        yield _item(facts, "contact_interval", lazy("due.no_contact", basis=basis,
                                                 interval=interval), today, today)
        return
    last = max(facts.visit_dates)
    due = last + dt.timedelta(days=interval)
    if due <= today + dt.timedelta(days=window):
        yield _item(facts, "contact_interval", lazy("due.interval", last=last, basis=basis,
                                                 interval=interval, when=_when(due, today)),
                    due, today)


def complaint(facts: AccountFacts, settings: Settings, today: dt.date,
              window: int) -> Iterator[DueItem]:
    for record_id, item in facts.open_complaints:
        age = (today - item.date).days
        over = lazy("due.escalated") if item.escalated else ""
        yield _item(facts, "complaint", lazy("due.complaint", escalated=over, what=item.what,
                                          severity=lazy_label("severity", item.severity), age=age,
                                          id=record_id[-6:]), item.date, today, item.escalated)


def review(facts: AccountFacts, settings: Settings, today: dt.date,
           window: int) -> Iterator[DueItem]:
    reviewed = facts.card.reviewed
    if reviewed is None:
        yield _item(facts, "review", lazy("due.never_reviewed"), today, today)
    elif (today - reviewed).days >= settings.review_days:
        due = reviewed + dt.timedelta(days=settings.review_days)
        yield _item(facts, "review", lazy("due.not_reviewed", date=reviewed,
                                       days=(today - reviewed).days), due, today)


def receivable(facts: AccountFacts, settings: Settings, today: dt.date,
               window: int) -> Iterator[DueItem]:
    owed = facts.card.receivables
    if owed is None or owed.overdue <= 0:
        return
    since = owed.oldest_due or owed.as_of or today
    amount = f"{settings.currency_symbol}{owed.overdue:,.2f}"
    text = lazy("due.receivable", amount=amount)
    if owed.oldest_due:
        text = lazy("p.concat", a=text, b=lazy("due.oldest_due", date=owed.oldest_due))
    yield _item(facts, "receivable", text, since, today)


SWING_MONTHS = 3  # the complete months before today's whose swings must be explained


def revenue_swing(facts: AccountFacts, settings: Settings, today: dt.date,
                  window: int) -> Iterator[DueItem]:
    """Every month of the last three whose revenue moved beyond the threshold against the
    same month a year before (growth from nothing included) and has no change note. A month
    is compared only when the ledger has both it and the year-before month."""
    explained = facts.card.explained
    current = month_of(today)
    have = facts.ledger_months
    for back in range(1, SWING_MONTHS + 1):
        month = shift(current, -back)
        if month in explained or (have is not None and (
                month not in have or shift(month, -12) not in have)):
            continue
        now = facts.monthly_revenue.get(month, 0)
        before = facts.monthly_revenue.get(shift(month, -12), 0)
        if before < 0 or (before == 0 and now <= 0):
            continue
        change = (now - before) * 100 / before if before else None
        if change is not None and abs(change) <= settings.change_reason_threshold:
            continue
        first_day = dt.date(int(month[:4]), int(month[5:]), 1)
        symbol = settings.currency_symbol
        yield _item(facts, "revenue_swing", lazy(
            "due.swing", month=month,
            change=f"{change:+.0f}%" if change is not None else lazy("due.from_nothing"),
            before_month=shift(month, -12), now=f"{symbol}{now / 100:,.0f}",
            before=f"{symbol}{before / 100:,.0f}", account=facts.id), first_day, today)


def deal_close(facts: AccountFacts, settings: Settings, today: dt.date,
               window: int) -> Iterator[DueItem]:
    """An open deal whose expected close has passed: its date (and grade) no longer say
    anything until it is set again or the deal is closed."""
    for name, day in facts.card.closing:
        if day < today:
            yield _item(facts, "deal", lazy("due.close_passed", deal=name, date=day,
                                         days=(today - day).days), day, today)


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
            yield _item(facts, "birthday", lazy("due.birthday", name=person.name,
                                             title=person.title or lazy("due.contact"),
                                             day=f"{next_day:%m-%d}",
                                             when=_when(next_day, today)), next_day, today)


def itinerary(facts: AccountFacts, settings: Settings, today: dt.date,
              window: int) -> Iterator[DueItem]:
    horizon = today + dt.timedelta(days=window)
    for person in facts.card.contacts:
        for trip in person.itinerary:
            if trip.start <= horizon and trip.end >= today:
                why = lazy("due.trip_why", purpose=trip.purpose) if trip.purpose else ""
                yield _item(facts, "itinerary", lazy("due.trip", name=person.name,
                                                  place=trip.place, start=trip.start,
                                                  end=trip.end, why=why), trip.start, today)


RULES: list[Rule] = [complaint, follow_up, planned_visit, contact_interval, deal_close, review,
                     receivable, revenue_swing, birthday, itinerary]


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
