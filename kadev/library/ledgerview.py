"""Per-account values derived from the whole data root — trailing ABC class and revenue, value
quadrant, four-factor tier — computed once for the commands that show them.

The ledger side of them (`ledger_view`) is kept in one small cache keyed on the ledger files it
read and the settings it used, so a briefing or a rep's morning list does not sum 24 months of
every account's ledger again while those files are unchanged.
"""

from __future__ import annotations

from array import array
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from decimal import Decimal

    from kadev.errors import Problem
    from kadev.library import DataRoot

VIEW_VERSION = 3  # bump when what `_build_view` computes changes


class LedgerView(NamedTuple):
    """The ledger months around --today, summed per account."""

    months: tuple[str, ...]  # the 24 months up to --today's month
    rows: dict[str, int]  # account → its row in `revenue`
    revenue: array[int] | list[int]  # each row: the revenue (cents) of each of `months`;
    # one flat array, which loads ten times faster than 10,000 tuples
    class_of: dict[str, str]  # trailing-12-month ABC class of every account in the ledger
    classified: bool  # False when the 12 months' total is not positive: no classes
    period: tuple[str, str]  # the value matrix's months (`matrix.months` up to --today's)
    trade: dict[str, tuple[int, int | None, int]]  # in `period`: revenue, profit or None,
    # months with purchases
    problems: list[Problem]  # malformed ledger rows in the 12 class months
    present: tuple[str, ...] = ()  # the months of `months` the ledger has a file for

    def _values(self, account: str) -> array[int] | list[int] | None:
        row = self.rows.get(account)
        if row is None:
            return None
        width = len(self.months)
        return self.revenue[row * width:(row + 1) * width]

    def monthly(self, account: str) -> dict[str, int]:
        """{month: revenue in cents} of one account over `months`."""
        values = self._values(account)
        return dict(zip(self.months, values, strict=True)) if values else {}

    def abc_class(self, account: str) -> str | None:
        """The trailing class; an account with no revenue in the ledger is C."""
        return self.class_of.get(account, "C" if self.classified else None)

    def revenue_12m(self, account: str) -> int:
        values = self._values(account)
        return sum(values[12:]) if values else 0


def ledger_view(lib: DataRoot, matrix_period: tuple[str, str] | None = None) -> LedgerView:
    """The ledger figures every per-account view needs, from the cache while the ledger months
    read and the settings used are unchanged; `matrix_period`: the value matrix's months
    (default: `matrix.months` up to the ledger's last month)."""
    from kadev.analysis.periods import month_range, shift
    from kadev.store import ledger
    from kadev.store.cache import memo

    root, settings = lib.path, lib.settings
    last = lib.ledger_end()  # the 12 months up to the ledger's last month, as the reports use
    first = shift(last, -11)
    months = month_range(shift(first, -12), last)
    period = matrix_period or (shift(last, -(settings.matrix.months - 1)), last)
    wanted = sorted(set(months) | set(month_range(*period)))
    stats = ledger.month_stats(root, wanted)
    thresholds = tuple(settings.abc_thresholds)
    key = (VIEW_VERSION, stats, tuple(str(v) for v in thresholds), period, last)
    newest = max((stat[1] for stat in stats), default=0)
    value = memo(root, "ledger-view", key, newest,
                 lambda: tuple(_build_view(root, months, period, [stat[0] for stat in stats],
                                           thresholds)))
    return LedgerView(*value)


def _build_view(root: Path, months: list[str], period: tuple[str, str], present: list[str],
                thresholds: tuple[Decimal | float | int, ...]) -> LedgerView:
    from kadev.analysis.abc import AbcError, abc_classes
    from kadev.analysis.periods import month_range
    from kadev.store.ledger import Ledger

    book = Ledger(root)
    sums = {m: book.month(m) for m in present}
    book.close()
    at = {m: i for i, m in enumerate(months)}
    revenue: dict[str, list[int]] = {}
    for month in months:
        for account, (amount, _) in sums.get(month, ({}, []))[0].items():
            revenue.setdefault(account, [0] * len(months))[at[month]] = amount
    class_months = months[12:]
    problems = [p for m in class_months for p in sums.get(m, ({}, []))[1]]
    totals = {a: sum(values[12:]) for a, values in revenue.items()}
    try:
        classes = abc_classes(totals, thresholds)
        class_of, classified = {r.account: r.abc_class for r in classes.rows}, True
    except AbcError:
        class_of, classified = {}, False
    per: dict[str, list[tuple[int, int | None]]] = {}
    for month in month_range(*period):
        for account, value in sums.get(month, ({}, []))[0].items():
            per.setdefault(account, []).append(value)
    trade = {}
    for account, values in per.items():
        profits = [p for _, p in values if p is not None]
        trade[account] = (sum(r for r, _ in values), sum(profits) if profits else None,
                          sum(1 for r, _ in values if r > 0))
    flat: array[int] | list[int] = array("q")
    try:
        for amounts in revenue.values():
            flat.extend(amounts)
    except OverflowError:  # sums beyond 64 bits (hundreds of rows at the largest amount)
        flat = [amount for amounts in revenue.values() for amount in amounts]
    return LedgerView(tuple(months), {a: i for i, a in enumerate(revenue)}, flat, class_of,
                      classified, period, trade, problems,
                      tuple(m for m in months if m in sums))
