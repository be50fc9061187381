"""Funnel grade of a deal by time to close (003, shared/DOMAIN.md §6), and stage → state.

A ≤ 6 months to the expected close (a past date counts as now), B ≤ 12, C ≤ 18, D beyond or
unknown; the limits come from settings. An explicit grade in the file overrides the computed one.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence

from kadev.models.account import Opportunity
from kadev.models.enums import Grade, Stage

STATE_OF_STAGE = {
    Stage.DEVELOPMENT: "searching", Stage.INITIATION: "searching",
    Stage.PROPOSAL: "in_funnel", Stage.TENDER: "in_funnel",
    Stage.NEGOTIATION: "best", Stage.DELIVERY: "best",
}


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def computed_grade(expected_close: dt.date | None, today: dt.date,
                   grade_months: Sequence[int] = (6, 12, 18)) -> Grade:
    if expected_close is None:
        return Grade.D
    for grade, months in zip((Grade.A, Grade.B, Grade.C), grade_months, strict=True):
        if expected_close <= add_months(today, months):
            return grade
    return Grade.D


def funnel_grade(deal: Opportunity, today: dt.date,
                 grade_months: Sequence[int] = (6, 12, 18)) -> tuple[Grade, bool]:
    """(grade, overridden): the explicit grade when the file has one, else the computed one."""
    if deal.grade is not None:
        return deal.grade, True
    return computed_grade(deal.expected_close, today, grade_months), False


def deal_state(deal: Opportunity) -> str:
    if deal.result is not None:
        return deal.result.value
    return STATE_OF_STAGE[deal.stage]


def account_grade(deals: Sequence[Opportunity], today: dt.date,
                  grade_months: Sequence[int] = (6, 12, 18)) -> Grade | None:
    """The best grade among open deals, None when there is no open deal."""
    grades = [funnel_grade(d, today, grade_months)[0] for d in deals if d.is_open]
    return min(grades) if grades else None

