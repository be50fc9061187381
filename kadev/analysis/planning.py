"""Plans made from the cards: the manager's annual regional plan and each rep's monthly
development plan (contact cadence by tier, in three-month phases with weekly targets)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from kadev.analysis.periods import month_range, shift

GROWTH_FLOOR = Fraction(-10, 100)  # a falling class is planned down by at most 10%
GROWTH_CAP = Fraction(25, 100)  # and a rising one up by at most 25%


def fiscal_year(year: int, start: int) -> tuple[str, str]:
    """The months of fiscal year `year` that starts in month `start` (1: the calendar year)."""
    first = f"{year}-{start:02d}"
    return first, shift(first, 11)


@dataclass
class AnnualRow:
    region: str
    abc_class: str
    accounts: int = 0
    year_before: int = 0  # cents
    last_year: int = 0  # cents
    pipeline: Decimal = Decimal(0)  # weighted value of open deals expected in the plan year

    @property
    def trend(self) -> Fraction | None:
        """Last year against the year before; None when there was nothing before."""
        if self.year_before <= 0:
            return None
        return Fraction(self.last_year - self.year_before, self.year_before)

    @property
    def growth(self) -> Fraction:
        trend = self.trend
        return Fraction(0) if trend is None else min(max(trend, GROWTH_FLOOR), GROWTH_CAP)

    @property
    def target(self) -> Decimal:
        """Last year × (1 + the trend, kept within the floor and cap) + the pipeline, in yuan
        rounded to the yuan."""
        base = Fraction(self.last_year, 100) * (1 + self.growth)
        return (Decimal(base.numerator) / Decimal(base.denominator) + self.pipeline
                ).quantize(Decimal(1))

    def as_dict(self) -> dict[str, Any]:
        trend = self.trend
        return {"region": self.region, "class": self.abc_class, "accounts": self.accounts,
                "year_before": Decimal(self.year_before) / 100,
                "last_year": Decimal(self.last_year) / 100,
                "trend": None if trend is None else float(trend),
                "growth": float(self.growth), "pipeline": self.pipeline,
                "target": self.target}


def annual_plan(accounts: Iterable[tuple[str, str, str]], last_year: dict[str, int],
                year_before: dict[str, int], pipeline: dict[str, Decimal]
                ) -> list[AnnualRow]:
    """One row per region and ABC class (of last year) from (account, region, class): its
    revenue in the two years before the plan year, the open weighted pipeline expected in
    it, and the target by the rule of `AnnualRow.target`; then each region's total row
    (class "") and the whole total (region "")."""
    rows: dict[tuple[str, str], AnnualRow] = {}
    for account, region, cls in accounts:
        for key in ((region, cls), (region, ""), ("", "")):
            row = rows.setdefault(key, AnnualRow(*key))
            row.accounts += 1
            row.last_year += last_year.get(account, 0)
            row.year_before += year_before.get(account, 0)
            row.pipeline += pipeline.get(account, Decimal(0))
    order = {"A": 0, "B": 1, "C": 2, "": 3}
    return sorted(rows.values(), key=lambda r: (r.region == "", r.region,
                                                 order.get(r.abc_class, 9)))


# --- the monthly development plan ---------------------------------------------------------

def weeks(first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Monday-to-Sunday weeks covering first..last, cut to it."""
    out = []
    start = first
    while start <= last:
        end = min(start + dt.timedelta(days=6 - start.weekday()), last)
        out.append((start, end))
        start = end + dt.timedelta(days=1)
    return out


def contact_days(last_contact: dt.date | None, interval: int, first: dt.date,
                 last: dt.date) -> list[dt.date]:
    """The days in first..last when the cadence asks for a contact: `interval` days after
    the last one, then every `interval` days; one already owed (or never made) falls on
    `first`."""
    day = first if last_contact is None else max(first, last_contact +
                                                  dt.timedelta(days=interval))
    days = []
    while day <= last:
        days.append(day)
        day += dt.timedelta(days=interval)
    return days



def phase_months(month: str, fiscal_start: int) -> list[str]:
    """The three-month phase holding `month`, phases counted from the fiscal year's start."""
    position = (int(month[5:]) - fiscal_start) % 3
    first = shift(month, -position)
    return month_range(first, shift(first, 2))


def spread(count: int, months: int) -> list[int]:
    """`count` things over `months` months, front-loaded (7 over 3: 3, 2, 2)."""
    base, extra = divmod(count, months) if months else (0, 0)
    return [base + (1 if i < extra else 0) for i in range(months)]


def unknown_man(man: Any) -> list[str]:
    """The MAN questions (money, authority, need) not yet answered yes or no."""
    return [k for k in ("money", "authority", "need") if man is None or getattr(man, k) is None]
