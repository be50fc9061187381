"""A month of the team's work, for the monthly pack: each rep's visits, plans kept and
missed, follow-ups missed; the complaints opened, resolved and still open."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from kadev.analysis.due import MEETINGS, AccountFacts, DueItem
from kadev.models import Complaint


def month_days(month: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a month written YYYY-MM."""
    import calendar

    year, number = int(month[:4]), int(month[5:])
    return dt.date(year, number, 1), dt.date(year, number, calendar.monthrange(year,
                                                                                number)[1])


def rep_activity(facts: Iterable[AccountFacts], missed: Iterable[DueItem], first: dt.date,
                 last: dt.date, today: dt.date) -> list[dict[str, Any]]:
    """Per owner (of the accounts), in first..last: visits made (meetings and the rest), the
    accounts visited, plans due by then and how many were missed (or made up late), and the
    follow-ups missed; then the team's total. `missed` is `missed_items` of the month."""
    rows: dict[str, dict[str, Any]] = {}

    def row(owner: str) -> dict[str, Any]:
        return rows.setdefault(owner, {"owner": owner, "visits": 0, "meetings": 0,
                                       "accounts_visited": 0, "plans": 0, "plans_missed": 0,
                                       "follow_ups_missed": 0})

    due_until = min(last, today - dt.timedelta(days=1))
    for account in facts:
        mine = row(account.card.owner)
        visits = [v for v in account.recent if first <= v.date <= last]
        mine["visits"] += len(visits)
        mine["meetings"] += sum(1 for v in visits if v.method in MEETINGS)
        mine["accounts_visited"] += 1 if visits else 0
        mine["plans"] += sum(1 for _, p in account.plans
                             if p.cancelled is None and first <= p.date <= due_until)
    for item in missed:
        key = "plans_missed" if item.kind == "planned_visit" else "follow_ups_missed"
        row(item.owner)[key] += 1
    owners = sorted(rows.values(), key=lambda r: r["owner"])
    for r in owners:
        r["plans_kept"] = r["plans"] - r["plans_missed"]
        r["kept_rate"] = r["plans_kept"] / r["plans"] if r["plans"] else None
    total: dict[str, Any] = {"owner": ""}
    for key in ("visits", "meetings", "accounts_visited", "plans", "plans_missed",
                "follow_ups_missed", "plans_kept"):
        total[key] = sum(r[key] for r in owners)
    total["kept_rate"] = total["plans_kept"] / total["plans"] if total["plans"] else None
    return [*owners, total]


def complaint_month(complaints: Iterable[tuple[str, str, str, Complaint]], first: dt.date,
                    last: dt.date) -> dict[str, Any]:
    """Complaints (account, name, owner, complaint) opened and resolved in first..last, and
    those open at its end with their age in days, oldest and escalated first."""
    opened = resolved = 0
    still: list[dict[str, Any]] = []
    for account, name, owner, c in complaints:
        if first <= c.date <= last:
            opened += 1
        if c.resolved is not None and first <= c.resolved <= last:
            resolved += 1
        if c.date <= last and (c.resolved is None or c.resolved > last):
            still.append({"account": account, "name": name, "owner": owner,
                          "date": c.date.isoformat(), "age_days": (last - c.date).days,
                          "severity": c.severity.value, "escalated": c.escalated,
                          "what": c.what})
    still.sort(key=lambda r: (not r["escalated"], -r["age_days"]))
    return {"opened": opened, "resolved": resolved, "open": len(still), "open_list": still}
