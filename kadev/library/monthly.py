"""The month a manager sends upward (`kadev report monthly`): what each part of the pack
shows, from an open `DataRoot`. The CLI lays it out as sheets, charts and a page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kadev.analysis.due import DueItem
    from kadev.library import DataRoot
    from kadev.library.reports import AbcRun

Period = tuple[str, str]


@dataclass
class MonthlyPack:
    """The pack of `month` (its days `first`..`last`). ABC and performance cover the twelve
    months up to it (`year`; performance against the twelve before, `before`), the funnel
    the month itself, the matrix `matrix.months` up to it; complaints and the reps' activity
    the month's days (up to today in the running month)."""

    month: str
    first: dt.date
    last: dt.date
    year: Period
    before: Period
    abc: AbcRun
    moved: list[dict[str, Any]]  # the accounts whose class changed against `abc.before`
    funnel: dict[str, Any]
    matrix: dict[str, Any]
    quadrants: dict[str, int]  # accounts per quadrant, every quadrant named
    tiers: list[tuple[int, int]]  # (tier, accounts), by tier
    performance: dict[str, Any]
    complaints: dict[str, Any]
    activity: list[dict[str, Any]]  # per rep, then the total (its owner "")
    missed: list[DueItem]


def monthly_pack(lib: DataRoot, month: str) -> MonthlyPack:
    """Everything the pack of `month` shows."""
    from kadev.analysis.due import LOOKBACK_DAYS, missed_items
    from kadev.analysis.monthly import complaint_month, month_days, rep_activity
    from kadev.analysis.periods import previous_period, shift
    from kadev.library.due import gather_facts
    from kadev.library.reports import (
        abc_run,
        every_complaint,
        funnel_data,
        matrix_data,
        performance_data,
    )

    settings, today = lib.settings, lib.today
    first, last = month_days(month)
    year = (shift(month, -11), month)
    before = previous_period(*year)
    abc = abc_run(lib, "revenue", year, tuple(settings.abc_thresholds), compare=True)
    moved = [m for m in abc.moves or [] if m["previous_class"] != m["class"]]
    funnel, _ = funnel_data(lib, None, (month, month))
    matrix = matrix_data(lib, lib.cards(), (shift(month, -(settings.matrix.months - 1)), month))
    quadrants = dict.fromkeys(("true_friend", "barnacle", "butterfly", "stranger"), 0)
    for q in matrix["quadrants"]["accounts"]:
        quadrants[q["quadrant"]] = quadrants.get(q["quadrant"], 0) + 1
    tiers: dict[int, int] = {}
    for tier in matrix["tiers"]:
        tiers[tier["tier"]] = tiers.get(tier["tier"], 0) + 1
    until = min(last + dt.timedelta(days=1), today)
    facts = gather_facts(lib, None, lookback=max((today - first).days, LOOKBACK_DAYS))
    missed = missed_items(facts, settings, until, first)
    return MonthlyPack(
        month, first, last, year, before, abc, moved, funnel, matrix, quadrants,
        sorted(tiers.items()), performance_data(lib, year, before),
        complaint_month(every_complaint(lib), first, last),
        rep_activity(facts, missed, first, last, until), missed)
