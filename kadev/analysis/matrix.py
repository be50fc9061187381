"""The value matrix and the four-factor tier (002, shared/DOMAIN.md §7).

Profitability × loyalty puts each trading account in a quadrant — true friends 知己
(profitable, loyal), barnacles 藤壶 (loyal, not profitable), butterflies 蝴蝶 (profitable, not
loyal), strangers 过客 (neither) — with the measures and cut-offs stated. The tier (1 best … 4)
adds four factors scored 1–5: customer assets, revenue contribution, relationship depth and
potential; a score on the card (`tier_scores`) or a `tier` set by hand wins over the derived
one, and the output says which.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from kadev.i18n import Msg, lazy, lazy_list
from kadev.models import Account
from kadev.models.enums import Attitude

QUADRANTS = ("true_friend", "barnacle", "butterfly", "stranger")
"""The quadrants; their strategies are the catalogue's `quadrant.*`, the tiers' `tier.*`."""


class Trade(NamedTuple):
    """An account's trade over the matrix period (amounts in cents)."""

    revenue: int
    profit: int | None
    months_with_purchases: int
    recent_visits: int  # in the last 90 days


def _median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def quadrants(cards: Mapping[str, Account], trade: Mapping[str, Trade], today: dt.date,
              profitability: str = "margin", loyalty: str = "months",
              profitability_cutoff: float | None = None, loyalty_cutoff: float | None = None
              ) -> dict[str, Any]:
    """Measures and cut-offs over every account that traded in the period (`trade`), and the
    quadrant of each of `cards` that did."""
    measures: dict[str, tuple[float | None, float | None]] = {}
    for account_id, tr in trade.items():
        card = cards.get(account_id)
        if tr.revenue <= 0:
            continue
        if profitability == "margin":
            prof = None if tr.profit is None else tr.profit / tr.revenue
        else:
            prof = None if tr.profit is None else tr.profit / 100
        if loyalty == "months":
            loyal: float | None = tr.months_with_purchases
        elif loyalty == "tenure":
            since = card.trade.since if card and card.trade else None
            loyal = (today - since).days / 365.25 if since else None
        else:
            loyal = card.trade.share_of_wallet if card and card.trade else None
        measures[account_id] = (prof, loyal)
    p_cut = profitability_cutoff if profitability_cutoff is not None else _median(
        [p for p, _ in measures.values() if p is not None])
    l_cut = loyalty_cutoff if loyalty_cutoff is not None else _median(
        [v for _, v in measures.values() if v is not None])
    rows = []
    for account_id, (prof, loyal) in sorted(measures.items()):
        if account_id not in cards:
            continue
        if prof is None or loyal is None or p_cut is None or l_cut is None:
            quadrant = None
        else:
            profitable, loyal_ok = prof >= p_cut, loyal >= l_cut
            quadrant = ("true_friend" if profitable and loyal_ok else
                        "barnacle" if loyal_ok else
                        "butterfly" if profitable else "stranger")
        rows.append({"account": account_id, "profitability": prof, "loyalty": loyal,
                     "quadrant": quadrant,
                     "strategy": lazy(f"quadrant.{quadrant}") if quadrant else None})
    return {"profitability": {"measure": profitability, "cutoff": p_cut,
                              "cutoff_from": "settings" if profitability_cutoff is not None
                              else "median"},
            "loyalty": {"measure": loyalty, "cutoff": l_cut,
                        "cutoff_from": "settings" if loyalty_cutoff is not None
                        else "median"},
            "accounts": rows}


def _assets(card: Account) -> tuple[int, Msg]:
    sales = next((f.annual_sales for f in sorted(card.financials, key=lambda f: -f.year)
                  if f.annual_sales is not None), None)
    if sales is not None:
        score = 5 if sales >= 10**9 else 4 if sales >= 3 * 10**8 else 3 if sales >= 10**8 \
            else 2 if sales >= 3 * 10**7 else 1
        return score, lazy("why.sales", amount=f"{sales:,.0f}")
    headcount = card.profile.headcount if card.profile else None
    if headcount is not None:
        score = 5 if headcount >= 2000 else 4 if headcount >= 500 else 3 if headcount >= 200 \
            else 2 if headcount >= 50 else 1
        return score, lazy("why.headcount", count=headcount)
    return 1, lazy("why.no_size")


def _contribution(account_id: str, rank: Mapping[str, int], revenue: int) -> tuple[int, Msg]:
    if revenue <= 0 or account_id not in rank:
        return 1, lazy("why.no_revenue")
    position = rank[account_id] / len(rank)
    score = 5 if position < 0.05 else 4 if position < 0.2 else 3 if position < 0.5 else 2
    return score, lazy("why.rank", rank=rank[account_id] + 1, count=len(rank))


def _relationship(card: Account, recent_visits: int) -> tuple[int, Msg]:
    points = {
        "why.key_person": any(c.key_person for c in card.active_contacts),
        "why.node": any(c.node for c in card.active_contacts),
        "why.supporter": any(
            c.attitude in (Attitude.CHAMPION, Attitude.SUPPORTER) and
            c.layer is not None and c.layer.value == "decision" for c in card.active_contacts),
        "why.contacts": len(card.active_contacts) >= 3,
        "why.visits": recent_visits >= 3,
    }
    met = [lazy(k) for k, v in points.items() if v]
    return max(1, len(met)), lazy_list(met) if met else lazy("why.no_depth")


def _potential(card: Account, revenue: int) -> tuple[int, Msg]:
    forecast = card.development_value.forecast_sales if card.development_value else None
    wallet = card.trade.share_of_wallet if card.trade else None
    if forecast is None and wallet is None:
        return 3, lazy("why.neutral")
    score, why = 3, []
    if forecast is not None:
        ratio = float(forecast) * 100 / revenue if revenue > 0 else 9.0
        score = 5 if ratio >= 2 else 4 if ratio >= 1.5 else 3 if ratio >= 1 else 2
        why.append(lazy("why.forecast", ratio=f"{ratio:.1f}"))
    if wallet is not None and wallet < 0.3:
        score = min(5, score + 1)
        why.append(lazy("why.wallet", share=f"{wallet:.0%}"))
    return score, lazy_list(why)


def tiers(cards: Mapping[str, Account], trade: Mapping[str, Trade],
          cutoffs: Sequence[int] = (16, 12, 8), explain: bool = True) -> list[dict[str, Any]]:
    """The four factors, their total and the tier of each card, with how each was got
    ("card" for a score the card sets; with `explain`, what the computed score rests on,
    else "score"); the revenue rank is among every account in `trade`."""
    ranked = {a: i for i, a in enumerate(sorted(
        (a for a, tr in trade.items() if tr.revenue > 0), key=lambda a: (-trade[a].revenue, a)))}
    out = []
    for account_id, card in sorted(cards.items()):
        tr = trade.get(account_id) or Trade(0, None, 0, 0)
        derived = {"assets": _assets(card),
                   "contribution": _contribution(account_id, ranked, tr.revenue),
                   "relationship": _relationship(card, tr.recent_visits),
                   "potential": _potential(card, tr.revenue)}
        factors: dict[str, dict[str, Any]] = {}
        for name, (score, why) in derived.items():
            manual = getattr(card.tier_scores, name) if card.tier_scores else None
            factors[name] = ({"score": manual, "from": "card"} if manual is not None
                             else {"score": score, "from": why if explain else "score"})
        total = sum(int(f["score"]) for f in factors.values())
        computed = 1 if total >= cutoffs[0] else 2 if total >= cutoffs[1] else \
            3 if total >= cutoffs[2] else 4
        tier = card.tier or computed
        out.append({"account": account_id, "factors": factors, "total": total,
                    "computed_tier": computed, "tier": tier,
                    "tier_from": "card" if card.tier else "score",
                    "strategy": lazy(f"tier.{tier}")})
    return out
