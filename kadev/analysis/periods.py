"""Months as 'YYYY-MM' text: parsing options, ranges, and the period before a period."""

from __future__ import annotations

import datetime as dt
import re

from kadev.errors import UsageError

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def parse_month_option(text: str, option: str) -> str:
    from kadev.limits import month_ok

    if not _MONTH.match(text) or not month_ok(text):
        from kadev.i18n import t

        raise UsageError(t("err.month", option=option, value=text))
    return text


def shift(month: str, by: int) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    index = year * 12 + mon - 1 + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_of(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_range(first: str, last: str) -> list[str]:
    """Every month from `first` to `last`, both included (none when `first` is later)."""
    def index(month: str) -> int:
        return int(month[:4]) * 12 + int(month[5:7]) - 1

    return [shift(first, by) for by in range(index(last) - index(first) + 1)]


def default_period(today: dt.date, months: int = 12) -> tuple[str, str]:
    """The `months` months up to and including today's month."""
    last = month_of(today)
    return shift(last, -(months - 1)), last


def previous_period(first: str, last: str) -> tuple[str, str]:
    length = len(month_range(first, last))
    return shift(first, -length), shift(first, -1)
