"""Development performance (002 paper 2 §2.3): the change in revenue and profit that existing
accounts brought, its rate, and its share of the company total, per owner, period on period.

An existing account is one that bought in the previous period. The company's revenue is also
split into existing accounts that still buy, new accounts (the first purchase in the period:
none in the previous one) and lost accounts (bought before, nothing now).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

NO_CARD = "(no card)"  # who an account in the ledger without a card belongs to (kept in JSON)


def performance(owner_of: Mapping[str, str], now: Mapping[str, tuple[int, int]],
                before: Mapping[str, tuple[int, int]]) -> dict[str, Any]:
    """`now`/`before`: account → (revenue, profit) in cents for the two periods."""
    company = [sum(v[i] for v in now.values()) for i in (0, 1)]
    groups: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for account, (rev_before, profit_before) in before.items():
        if rev_before <= 0:
            continue
        owner = owner_of.get(account, NO_CARD)
        rev_now, profit_now = now.get(account, (0, 0))
        g = groups[owner]
        g["accounts"] += 1
        g["revenue_before"] += rev_before
        g["revenue_now"] += rev_now
        g["profit_before"] += profit_before
        g["profit_now"] += profit_now
    total: dict[str, int] = defaultdict(int)
    for g in groups.values():
        for key, value in g.items():
            total[key] += value

    def row(owner: str, g: Mapping[str, int]) -> dict[str, Any]:
        out: dict[str, Any] = {"owner": owner, "accounts": g["accounts"]}
        for what, index in (("revenue", 0), ("profit", 1)):
            b, n = g[f"{what}_before"], g[f"{what}_now"]
            out[what] = {"before": b / 100, "now": n / 100, "change": (n - b) / 100,
                         "rate": (n - b) / b if b else None,
                         "share_of_company": n / company[index] if company[index] else None}
        return out

    cents: dict[str, dict[str, int]] = {g: {"accounts": 0, "before": 0, "now": 0}
                                        for g in ("existing", "new", "lost")}
    for account in set(now) | set(before):
        was, is_now = before.get(account, (0, 0))[0], now.get(account, (0, 0))[0]
        group = ("existing" if was > 0 and is_now > 0 else "lost" if was > 0
                 else "new" if is_now > 0 else None)
        if group is not None:
            cents[group]["accounts"] += 1
            cents[group]["before"] += was
            cents[group]["now"] += is_now
    split = {name: {"accounts": g["accounts"], "before": g["before"] / 100,
                    "now": g["now"] / 100, "change": (g["now"] - g["before"]) / 100}
             for name, g in cents.items()}
    return {"owners": [row(owner, groups[owner]) for owner in sorted(groups)],
            "total": row("(total)", total), "groups": split,
            "company": {"revenue": company[0] / 100, "profit": company[1] / 100}}
