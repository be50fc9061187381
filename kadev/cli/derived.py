"""Per-account values derived from the whole data root — trailing ABC class and revenue, value
quadrant, four-factor tier — computed once for the commands that show them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kadev.models import Account


def derived(cards: list[tuple[str, Account]]) -> dict[str, dict[str, Any]]:
    """{account: {"class", "revenue_12m", "quadrant", "tier", "tier_from"}} for every card."""
    from kadev.cli.funnel import matrix_data
    from kadev.cli.reports import trailing_abc

    classes, revenue = trailing_abc(cards)
    matrix = matrix_data(cards)
    quadrant = {q["account"]: q["quadrant"] for q in matrix["quadrants"]["accounts"]}
    tiers = {t["account"]: t for t in matrix["tiers"]}
    return {account_id: {
        "class": classes.class_of(account_id) if classes else None,
        "revenue_12m": revenue.get(account_id, 0) / 100,
        "quadrant": quadrant.get(account_id),
        "tier": tiers[account_id]["tier"],
        "tier_from": tiers[account_id]["tier_from"],
    } for account_id, _ in cards}
