"""ABC / Pareto classification (shared/DOMAIN.md §5), in exact integer arithmetic.

Accounts are ranked by amount (descending; ties by id). Shares are of the positive total (what
the Pareto curve distributes; returns that outweigh sales do not stretch it past 100%). Each
account's cumulative share includes itself; A = cumulative share ≤ the A threshold (55%),
B ≤ A + B (85%), C the rest, so the account that crosses a boundary falls in the class below
it. Zero and negative amounts are class C and still listed. Amounts are integer cents; shares
are compared as exact fractions, never floats, so no class flips at a boundary by rounding.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from kadev.errors import KadevError, UsageError
from kadev.i18n import Msg, lazy

CLASSES = ("A", "B", "C")


class AbcError(KadevError):
    """The classification cannot be made (e.g. the total is zero or negative)."""


@dataclass(frozen=True)
class AbcRow:
    rank: int
    account: str
    amount: int  # cents
    share: Fraction
    cumulative_share: Fraction
    abc_class: str


@dataclass
class ClassSummary:
    accounts: int = 0
    amount: int = 0
    share: Fraction = Fraction(0)
    account_share: Fraction = Fraction(0)


@dataclass
class AbcResult:
    rows: list[AbcRow]
    total: int
    thresholds: tuple[Decimal, Decimal]
    classes: dict[str, ClassSummary] = field(default_factory=dict)
    top20_accounts: int = 0
    top20_share: Fraction = Fraction(0)
    notes: list[Msg] = field(default_factory=list)  # worded when shown

    def class_of(self, account: str) -> str | None:
        if not hasattr(self, "_class_of"):
            self._class_of = {r.account: r.abc_class for r in self.rows}
        return self._class_of.get(account)


def parse_thresholds(text: str) -> tuple[Decimal, Decimal]:
    """'55,30' → (55, 30); percentages, A then B, summing to at most 100."""
    from decimal import InvalidOperation

    parts = [p.strip().rstrip("%") for p in text.split(",")]
    try:
        values = tuple(Decimal(p) for p in parts)
    except InvalidOperation:
        values = ()
    if len(values) != 2 or any(v < 0 for v in values) or sum(values) > 100:
        raise UsageError(code="err.thresholds", value=text)
    return values[0], values[1]


def abc_classes(amounts: Mapping[str, int], thresholds: Sequence[Decimal | float | int]
                = (55, 30)) -> AbcResult:
    """Classify accounts by amount (cents). Raises AbcError when the total is not positive."""
    a_pct, b_pct = (Decimal(str(t)) for t in thresholds)
    total = sum(amounts.values())
    if total <= 0:
        raise AbcError(code="abc.total_not_positive", total=f"{total / 100:,.2f}")
    a_limit = Fraction(a_pct) / 100
    b_limit = Fraction(a_pct + b_pct) / 100
    positive = sum(v for v in amounts.values() if v > 0)
    ranked = sorted(amounts.items(), key=lambda item: (-item[1], item[0]))
    rows: list[AbcRow] = []
    cumulative = 0
    # cumulative/positive <= n/d, compared in integers (Fraction comparisons are slow)
    a_num, a_den = a_limit.numerator, a_limit.denominator
    b_num, b_den = b_limit.numerator, b_limit.denominator
    for rank, (account, amount) in enumerate(ranked, start=1):
        cumulative += max(amount, 0)
        cum_share = Fraction(cumulative, positive)
        if amount <= 0:
            cls = "C"
        elif cumulative * a_den <= a_num * positive:
            cls = "A"
        elif cumulative * b_den <= b_num * positive:
            cls = "B"
        else:
            cls = "C"
        rows.append(AbcRow(rank, account, amount, Fraction(amount, positive), cum_share, cls))
    result = AbcResult(rows, total, (a_pct, b_pct))
    for cls in CLASSES:
        members = [r for r in rows if r.abc_class == cls]
        amount = sum(r.amount for r in members)
        result.classes[cls] = ClassSummary(len(members), amount, Fraction(amount, positive),
                                           Fraction(len(members), len(rows)))
    result.top20_accounts = max(1, math.ceil(len(rows) * 0.2))
    result.top20_share = Fraction(sum(max(r.amount, 0) for r in rows[: result.top20_accounts]),
                                  positive)
    if not result.classes["A"].accounts and a_pct > 0:
        top = rows[0]
        result.notes.append(lazy("abc.empty_a", account=top.account,
                                 share=f"{float(top.share) * 100:.2f}%", threshold=a_pct))
    non_positive = [r.account for r in rows if r.amount <= 0]
    if non_positive:
        result.notes.append(lazy("abc.non_positive", count=len(non_positive)))
    return result


def compare_classes(current: AbcResult, previous: AbcResult) -> list[dict[str, Any]]:
    """Each account's class movement and amount change; accounts that left A first."""
    before = {r.account: r for r in previous.rows}
    moves = []
    for row in current.rows:
        old = before.get(row.account)
        old_class = old.abc_class if old else None
        old_amount = old.amount if old else 0
        change = row.amount - old_amount
        moves.append({
            "account": row.account, "class": row.abc_class, "previous_class": old_class,
            "movement": f"{old_class or '-'}→{row.abc_class}", "amount": row.amount,
            "previous_amount": old_amount, "change": change,
            "change_rate": Fraction(change, old_amount) if old_amount > 0 else None,
            "left_a": old_class == "A" and row.abc_class != "A",
        })
    rank = {r.account: r.rank for r in current.rows}
    moves.sort(key=lambda m: (not m["left_a"], rank[str(m["account"])]))
    return moves
