"""Contact frequency from the visit history (访问履历卡): visits per month, gaps between them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Frequency:
    visits: int
    first: dt.date | None
    last: dt.date | None
    per_month: float
    mean_gap_days: float | None
    longest_gap_days: int | None
    days_since_last: int | None

    def as_dict(self) -> dict[str, object]:
        return {"visits": self.visits,
                "first": self.first.isoformat() if self.first else None,
                "last": self.last.isoformat() if self.last else None,
                "per_month": self.per_month,
                "mean_gap_days": self.mean_gap_days,
                "longest_gap_days": self.longest_gap_days,
                "days_since_last": self.days_since_last}


def contact_frequency(dates: Sequence[dt.date], today: dt.date) -> Frequency:
    """Visits per month over the span from the first visit to today, and the gaps."""
    ordered = sorted(dates)
    if not ordered:
        return Frequency(0, None, None, 0.0, None, None, None)
    gaps = [(b - a).days for a, b in zip(ordered, ordered[1:], strict=False)]
    span_days = max((today - ordered[0]).days, 1)
    return Frequency(len(ordered), ordered[0], ordered[-1], len(ordered) / (span_days / 30.44),
                     sum(gaps) / len(gaps) if gaps else None, max(gaps) if gaps else None,
                     (today - ordered[-1]).days)
