"""The ranges kadev accepts for numbers and dates, so that no report can overflow or loop on a
value that validated.

- amounts (money): at most 10^15 in magnitude (a thousand trillion), in whole cents;
- any number in a record file: at most 10^15 in magnitude, and finite;
- dates: years 1900 to 2100 (records, options, --today, ledger months).
"""

from __future__ import annotations

import datetime as dt

MAX_AMOUNT = 10**15
MAX_NUMBER = 10**15
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)


def number_ok(value: float | int) -> bool:
    return value == value and abs(value) <= MAX_NUMBER  # (nan != nan; inf is too large)


def day_ok(day: dt.date) -> bool:
    return FIRST_DAY <= day <= LAST_DAY


def month_ok(month: str) -> bool:
    return FIRST_DAY.year <= int(month[:4]) <= LAST_DAY.year
