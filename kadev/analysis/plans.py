"""Planned visits over the due facts: each plan's state on a day (planned, kept, missed,
cancelled), the plan list a rep reads, and the calendar a phone imports (the visits planned,
the follow-ups owed and, on request, contacts' birthdays and trips)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from kadev.analysis.due import AccountFacts, due_items, fulfilment, next_birthday
from kadev.i18n import Msg, lazy, lazy_label
from kadev.models import Plan, Settings


class Event(NamedTuple):
    """One calendar event; its title and text are worded when written."""

    uid: str
    day: dt.date
    title: str | Msg
    lines: tuple[str | Msg, ...] = ()  # its description
    time: str | None = None  # HH:MM: an hour-long timed event (local time); else all day
    until: dt.date | None = None  # the last day of a several-day event
    place: str = ""


def plan_state(plan: Plan, facts: AccountFacts, today: dt.date) -> tuple[str, str]:
    """(state, the visit that kept it or ""): cancelled, kept (by the visit it names, or by
    the first visit of its kind on or after its day), missed (its day passed), planned."""
    kept = fulfilment(plan, facts.recent) if plan.is_open else None
    if plan.cancelled:
        return "cancelled", plan.visit or ""
    if plan.visit or kept:
        return "kept", plan.visit or (kept.id if kept else "")
    return ("missed" if plan.date < today else "planned"), ""


def plan_rows(accounts: Iterable[AccountFacts], first: dt.date, last: dt.date, week: bool,
              today: dt.date) -> list[dict[str, Any]]:
    """The plan list: with `week`, every plan from `first` to `last` whatever its state;
    else the open ones in those days and every missed one not made up yet. Missed first,
    then by day and time."""
    rows = []
    for facts in accounts:
        for plan_id, plan in facts.plans:
            state, visit = plan_state(plan, facts, today)
            if not (first <= plan.date <= last or (state == "missed" and not week)):
                continue
            if not week and state in ("cancelled", "kept"):
                continue
            rows.append({"id": plan_id[-6:], "account": facts.id, "name": facts.card.name,
                         "date": plan.date.isoformat(), "time": plan.time or "",
                         "method": plan.method.value, "with": ", ".join(plan.theirs),
                         "purpose": plan.purpose or "", "state": state, "visit": visit,
                         "owner": facts.card.owner})
    rows.sort(key=lambda r: (r["state"] != "missed", r["date"], r["time"], r["account"]))
    return rows


def calendar_events(accounts: Iterable[AccountFacts], settings: Settings, today: dt.date,
                    days: int, personal: bool, address: Callable[[str], str]
                    ) -> list[Event]:
    """The events of the next `days`: each follow-up owed (on its last day, or today when it
    is late), each open plan not yet kept (at the account's `address`), and with `personal`
    each active contact's birthday and trips. Uids stay the same from one export to the
    next, so a calendar importing it again updates its events."""
    horizon = today + dt.timedelta(days=days)
    events: list[Event] = []
    for facts in accounts:
        name = facts.card.name
        for item in due_items([facts], settings, today, days):
            if item.kind == "follow_up":
                events.append(Event(uid=f"followup-{facts.id}-{item.date}",
                                    day=max(item.date, today),
                                    title=lazy("cal.follow_up", name=facts.card.short),
                                    lines=(item.reason,)))
        place = address(facts.id) if facts.plans else ""
        for plan_id, plan in facts.plans:
            if not plan.is_open or plan.date > horizon or plan.date < today:
                continue
            if fulfilment(plan, facts.recent) is not None:
                continue
            with_, ours = "、".join(plan.theirs), "、".join(plan.ours)
            lines = tuple(x for x in (plan.purpose, with_ and lazy("cal.with", names=with_),
                                      ours and lazy("cal.ours", names=ours)) if x)
            events.append(Event(
                # the plan's short id: moving it to another day renames its file, not it
                uid=f"plan-{facts.id}-{plan_id[-6:]}", day=plan.date, time=plan.time,
                title=lazy("cal.visit", name=name, method=lazy_label("method", plan.method)),
                lines=lines, place=place))
        if personal:
            events += _personal(facts, today, horizon)
    return events


def _personal(facts: AccountFacts, today: dt.date, horizon: dt.date) -> list[Event]:
    events = []
    name = facts.card.name
    for person in facts.card.contacts:
        if person.birthday:
            day = next_birthday(person.birthday, today)
            if day is not None and day <= horizon:
                events.append(Event(uid=f"birthday-{facts.id}-{_tag(person.name)}", day=day,
                                    title=lazy("cal.birthday", person=person.name, name=name)))
        for trip in person.itinerary:
            if trip.end >= today and trip.start <= horizon:
                events.append(Event(uid=f"trip-{facts.id}-{_tag(person.name)}-{trip.start}",
                                    day=trip.start, until=trip.end,
                                    title=lazy("cal.trip", person=person.name,
                                               place=trip.place),
                                    lines=(trip.purpose,) if trip.purpose else ()))
    return events


def _tag(text: str) -> str:
    """A short ASCII tag for a name in an event's UID (some calendars want ASCII there)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=4).hexdigest()
