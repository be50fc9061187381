"""Development performance (002 paper 2 §2.3): the change in revenue and profit that existing
accounts brought, its rate, and its share of the company total, per owner, period on period.

An existing account is one that bought in the previous period.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any


def performance(owner_of: Mapping[str, str], now: Mapping[str, tuple[int, int]],
                before: Mapping[str, tuple[int, int]]) -> dict[str, Any]:
    """`now`/`before`: account → (revenue, profit) in cents for the two periods."""
    company = [sum(v[i] for v in now.values()) for i in (0, 1)]
    groups: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for account, (rev_before, profit_before) in before.items():
        if rev_before <= 0:
            continue
        owner = owner_of.get(account, "(no card)")
        rev_now, profit_now = now.get(account, (0, 0))
        g = groups[owner]
        g["accounts"] += 1
        g["revenue_before"] += rev_before
        g["revenue_now"] += rev_now
        g["profit_before"] += profit_before
        g["profit_now"] += profit_now
    rows = []
    for owner in sorted(groups):
        g = groups[owner]
        row: dict[str, Any] = {"owner": owner, "accounts": g["accounts"]}
        for what, index in (("revenue", 0), ("profit", 1)):
            b, n = g[f"{what}_before"], g[f"{what}_now"]
            row[what] = {"before": b / 100, "now": n / 100, "change": (n - b) / 100,
                         "rate": (n - b) / b if b else None,
                         "share_of_company": n / company[index] if company[index] else None}
        rows.append(row)
    return {"owners": rows, "company": {"revenue": company[0] / 100, "profit": company[1] / 100}}
