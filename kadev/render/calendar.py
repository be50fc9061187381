"""Planned visits, birthdays and trips as an iCalendar file (RFC 5545), for a phone's or
Outlook's calendar. Each event has a stable UID, so importing a newer file updates it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kadev.analysis.plans import Event


def ics(events: list[Event], name: str) -> bytes:
    from icalendar import Calendar
    from icalendar import Event as IcsEvent

    calendar = Calendar()
    calendar.add("prodid", "-//kadev//key-account visits//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for event in sorted(events, key=lambda e: (e.day, e.time or "", e.uid)):
        item = IcsEvent()
        item.add("uid", f"{event.uid}@kadev")
        item.add("dtstamp", stamp)
        item.add("summary", str(event.title))  # worded now, in the run's language
        text = "\n".join(str(line) for line in event.lines)
        if text:
            item.add("description", text)
        if event.place:
            item.add("location", event.place)
        if event.time:  # floating local time: the phone shows it as typed
            hour, minute = (int(x) for x in event.time.split(":"))
            start = dt.datetime.combine(event.day, dt.time(hour, minute))
            item.add("dtstart", start)
            item.add("dtend", start + dt.timedelta(hours=1))
        else:
            item.add("dtstart", event.day)
            item.add("dtend", (event.until or event.day) + dt.timedelta(days=1))
        calendar.add_component(item)
    data: bytes = calendar.to_ical()
    return data
