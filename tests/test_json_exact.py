"""Every figure a table rounds is exact in json: amounts to the cent, shares and rates as the
exact quotient of the amounts json gives, weighted values and scores as exact products, means
not cut to one decimal. Checked against the raw ledger where the figure comes from it."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from tests.conftest import Run


def _json(run: Run, *args: str) -> dict:  # type: ignore[type-arg]
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data: dict = json.loads(result.stdout, parse_float=Decimal)  # type: ignore[type-arg]
    return data


def _ledger_cents(root: Path, first: str, last: str) -> dict[str, int]:
    sums: dict[str, int] = {}
    for path in (root / "_sales").glob("*.csv"):
        if first <= path.stem <= last:
            with path.open(encoding="utf-8") as handle:
                for row in csv.DictReader(handle):
                    cents = int(Decimal(row["revenue"]) * 100)
                    sums[row["account"]] = sums.get(row["account"], 0) + cents
    return sums


def _close(value: Decimal, exact: Fraction) -> bool:
    """A float in json is the exact quotient to the last digit a float holds."""
    return abs(Fraction(value) - exact) <= abs(exact) * Fraction(1, 10**15) + Fraction(1, 10**17)


def test_abc_amounts_are_the_ledgers_cents_and_shares_exact(run: Run, sample: Path) -> None:
    data = _json(run, "abc")
    cents = _ledger_cents(sample, data["period"]["from"], data["period"]["to"])
    total = sum(cents.values())
    assert Decimal(data["total"]) * 100 == total
    running = 0
    for row in data["accounts"]:
        amount = int(Decimal(row["amount"]) * 100)
        assert amount == cents.get(row["account"], 0), row["account"]
        running += amount
        assert _close(row["share"], Fraction(amount, total)), row
        assert _close(row["cumulative_share"], Fraction(running, total)), row


def test_performance_changes_and_rates_are_exact(run: Run) -> None:
    data = _json(run, "report", "performance")
    for row in [*data["owners"], data["total"]]:
        for measure in ("revenue", "profit"):
            figures = row[measure]
            before, now = (int(Decimal(figures[k]) * 100) for k in ("before", "now"))
            assert int(Decimal(figures["change"]) * 100) == now - before
            if before:
                assert _close(figures["rate"], Fraction(now - before, before)), figures


def test_funnel_weighted_values_rates_means_and_scores_are_exact(run: Run) -> None:
    data = _json(run, "funnel")
    for deal in data["opportunities"]:
        if deal["value"] is not None and deal["state"] not in ("won", "lost"):
            assert Decimal(deal["weighted_value"]) == Decimal(deal["value"]) * Decimal(
                str(deal["probability"])), deal
    for step in data["conversion"]:
        if step["deals"]:
            assert _close(step["rate"], Fraction(step["advanced"], step["deals"])), step
    means = [a["mean_days"] for a in data["aging"].values() if a["mean_days"] is not None]
    assert means and any(Decimal(m) != round(Decimal(m), 1) for m in means)  # not cut
    for deal in data["priorities"]:
        assert Decimal(deal["score"]) == Decimal(deal["attractiveness"]) * Decimal(
            str(deal["probability"])), deal


def test_contact_frequency_is_exact(run: Run) -> None:
    data = _json(run, "visit", "list", "huaguang")
    frequency = data["frequency"]
    dates = sorted(v["date"] for v in data["visits"])
    import datetime as dt

    first, last = dt.date.fromisoformat(dates[0]), dt.date.fromisoformat(dates[-1])
    gaps = [(dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days
            for a, b in zip(dates, dates[1:], strict=False)]
    assert _close(frequency["mean_gap_days"], Fraction(sum(gaps), len(gaps)))
    span = (dt.date(2026, 11, 20) - first).days
    assert _close(frequency["per_month"], Fraction(len(dates)) / (Fraction(span) /
                                                                  Fraction("30.44")))
    assert frequency["last"] == last.isoformat()
