"""Funnel grades, states, conversion and aging, shapes; matrix quadrants and tiers; performance."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from kadev.analysis.funnel import (
    aging,
    conversion,
    deal_rows,
    funnel_shape,
    owners,
    priorities,
    stage_history,
)
from kadev.analysis.grade import STATE_OF_STAGE, computed_grade, deal_state, funnel_grade
from kadev.analysis.matrix import Trade, quadrants, tiers
from kadev.analysis.performance import performance
from kadev.models import Account, Opportunity, Settings, Visit
from kadev.models.base import validate
from kadev.models.enums import Grade, Result, Stage

TODAY = dt.date(2026, 11, 20)


@pytest.mark.parametrize(("close", "grade"), [
    (dt.date(2027, 5, 20), "A"),   # exactly 6 months
    (dt.date(2027, 5, 21), "B"),   # 6 months and a day
    (dt.date(2027, 11, 20), "B"),  # exactly 12 months
    (dt.date(2027, 11, 21), "C"),
    (dt.date(2028, 5, 20), "C"),   # exactly 18 months
    (dt.date(2028, 5, 21), "D"),
    (dt.date(2026, 1, 1), "A"),    # past: closing is overdue, so now
    (None, "D"),
])
def test_grade_boundaries(close: dt.date | None, grade: str) -> None:
    assert computed_grade(close, TODAY).value == grade


def test_month_end_boundary_clamps_the_day() -> None:
    assert computed_grade(dt.date(2027, 2, 28), dt.date(2026, 8, 31)).value == "A"
    assert computed_grade(dt.date(2027, 3, 1), dt.date(2026, 8, 31)).value == "B"


def test_explicit_grade_overrides_and_says_so() -> None:
    deal = Opportunity(name="x", stage=Stage.PROPOSAL, expected_close=dt.date(2029, 1, 1),
                       grade=Grade.A)
    assert funnel_grade(deal, TODAY) == ("A", True)
    plain = dataclasses.replace(deal, grade=None)
    assert funnel_grade(plain, TODAY) == ("D", False)
    assert computed_grade(dt.date(2027, 1, 1), TODAY, (1, 2, 3)).value == "B"


def test_stage_to_state() -> None:
    assert {s.value: v for s, v in STATE_OF_STAGE.items()} == {
        "development": "searching", "initiation": "searching", "proposal": "in_funnel",
        "tender": "in_funnel", "negotiation": "best", "delivery": "best"}
    won = Opportunity(name="x", stage=Stage.DELIVERY, result=Result.WON)
    assert deal_state(won) == "won"


def _visit(day: str, changes: list[tuple[str, str]]) -> Visit:
    return validate(Visit, {
        "date": day, "method": "face-to-face", "ours": ["zhang"],
        "changes": [{"opportunity": "二期", "field": "stage", "from": a, "to": b}
                    for a, b in changes]})


def _account(stage: str, **deal: object) -> Account:
    return validate(Account, {
        "name": "甲", "owner": "zhang", "nature": "dealer",
        "opportunities": [{"name": "二期", "stage": stage, "opened": "2026-01-10", **deal}]})


def test_conversion_and_aging_from_a_crafted_visit_history() -> None:
    visits = [_visit("2026-02-10", [("development", "initiation")]),
              _visit("2026-04-10", [("initiation", "proposal")]),
              _visit("2026-06-10", [("proposal", "negotiation")])]
    card = _account("negotiation")
    assert stage_history(card.opportunities[0], visits) == [
        (dt.date(2026, 1, 10), "development"), (dt.date(2026, 2, 10), "initiation"),
        (dt.date(2026, 4, 10), "proposal"), (dt.date(2026, 6, 10), "negotiation")]
    stalled = _account("initiation")
    stalled_visits = [_visit("2026-03-01", [("development", "initiation")])]
    rows = deal_rows([("a", card, visits), ("b", stalled, stalled_visits)], Settings(), TODAY)
    steps = {c["step"]: c for c in conversion(rows, dt.date(2026, 1, 1), TODAY)}
    assert (steps["searching→in_funnel"]["deals"], steps["searching→in_funnel"]["advanced"]) \
        == (2, 1)
    assert steps["searching→in_funnel"]["rate"] == 0.5
    assert (steps["in_funnel→best"]["deals"], steps["in_funnel→best"]["advanced"]) == (1, 1)
    table, stuck = aging(rows, TODAY, stuck_days=90)
    assert table["development"] == {"stays": 2, "mean_days": (31 + 50) / 2}
    assert table["proposal"] == {"stays": 1, "mean_days": 61.0}
    assert [(s["account"], s["stage"], s["days"]) for s in stuck] == [
        ("b", "initiation", 264), ("a", "negotiation", 163)]


@pytest.mark.parametrize(("counts", "shape"), [
    ({"searching": 2, "in_funnel": 2, "best": 2}, "balanced"),
    ({"searching": 7, "in_funnel": 1, "best": 1}, "prospecting only"),
    ({"searching": 1, "in_funnel": 5, "best": 1}, "following only"),
    ({"searching": 0, "in_funnel": 1, "best": 4}, "closing only"),
    ({"searching": 5, "in_funnel": 4, "best": 0}, "uneven"),
    ({"searching": 3, "in_funnel": 1, "best": 2}, "uneven"),   # the middle is thin
    ({"searching": 3, "in_funnel": 1, "best": 3}, "uneven"),   # and stays thin
    ({"searching": 3, "in_funnel": 2, "best": 2}, "balanced"),
    ({}, "empty"),
])
def test_funnel_shapes(counts: dict[str, int], shape: str) -> None:
    assert funnel_shape(counts) == shape


def test_owner_shape_and_priorities() -> None:
    cards = [("a", _account("development", value=1_000_000), []),
             ("b", _account("tender", value=100_000), []),
             ("c", _account("negotiation", value=50_000), [])]
    rows = deal_rows(cards, Settings(), TODAY)
    shape = owners(rows)[0]
    assert shape["owner"] == "zhang" and shape["shape"] == "balanced"
    ranked = priorities(rows, {"b": Decimal(500_000)})
    assert [p["account"] for p in ranked] == ["b", "a"]  # best-state deals are not prospects
    assert ranked[0]["score"] == Decimal(240_000)


def _card(since: str | None = None, **extra: object) -> Account:
    data: dict[str, object] = {"name": "x", "owner": "zhang", "nature": "dealer", **extra}
    if since:
        data["trade"] = {"since": since}
    return validate(Account, data)


def test_each_quadrant_on_crafted_accounts() -> None:
    cards = {k: _card() for k in ("friend", "barnacle", "butterfly", "stranger", "prospect")}
    trade = {"friend": Trade(100_00, 30_00, 12, 0), "barnacle": Trade(100_00, 5_00, 12, 0),
             "butterfly": Trade(100_00, 30_00, 2, 0), "stranger": Trade(100_00, 5_00, 2, 0)}
    result = quadrants(cards, trade, TODAY, profitability_cutoff=0.2, loyalty_cutoff=9)
    got = {r["account"]: r["quadrant"] for r in result["accounts"]}
    assert got == {"friend": "true_friend", "barnacle": "barnacle", "butterfly": "butterfly",
                   "stranger": "stranger"}
    assert result["profitability"] == {"measure": "margin", "cutoff": 0.2,
                                       "cutoff_from": "settings"}
    medians = quadrants(cards, trade, TODAY)
    assert medians["loyalty"]["cutoff"] == 7 and medians["loyalty"]["cutoff_from"] == "median"


def test_tiers_from_scores_derived_and_set_on_the_card() -> None:
    big = _card(financials=[{"year": 2025, "annual_sales": 2_000_000_000}],
                contacts=[{"name": "a", "key_person": True, "layer": "decision",
                           "attitude": "champion"}, {"name": "b", "node": True},
                          {"name": "c"}],
                development_value={"forecast_sales": 5_000_000})
    scored = _card(tier_scores={"assets": 1, "contribution": 1, "relationship": 1,
                                "potential": 1})
    fixed = _card(tier=1)
    trade = {"big": Trade(1_000_000_00, None, 12, 4), "scored": Trade(10_00, None, 1, 0)}
    got = {t["account"]: t for t in tiers({"big": big, "scored": scored, "fixed": fixed},
                                          trade)}
    assert got["big"]["factors"]["assets"] == {"score": 5, "from": "annual sales 2,000,000,000"}
    assert got["big"]["factors"]["relationship"]["score"] == 5
    assert got["big"]["total"] >= 16 and got["big"]["tier"] == 1
    assert got["scored"]["total"] == 4 and got["scored"]["tier"] == 4
    assert got["scored"]["factors"]["assets"]["from"] == "card"
    assert got["fixed"]["tier"] == 1 and got["fixed"]["tier_from"] == "card"
    assert got["fixed"]["computed_tier"] == 4


def test_performance_counts_existing_accounts_only() -> None:
    result = performance({"a": "zhang", "b": "zhang", "c": "li"},
                         now={"a": (150_00, 30_00), "b": (50_00, 10_00), "c": (100_00, 20_00)},
                         before={"a": (100_00, 20_00), "b": (0, 0)})
    (zhang,) = result["owners"]
    assert zhang["accounts"] == 1
    assert zhang["revenue"] == {"before": 100.0, "now": 150.0, "change": 50.0, "rate": 0.5,
                                "share_of_company": 0.5}


def test_funnel_matrix_and_performance_json_on_the_sample(run) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run("funnel", "--format", "json").stdout)
    opp = data["opportunities"][0]
    assert set(opp) >= {"account", "name", "stage", "state", "grade", "grade_overridden",
                        "expected_close", "value", "weighted_value"}
    open_deals = [o for o in data["opportunities"] if o["state"] not in ("won", "lost")]
    assert {o["grade"] for o in open_deals} == {"A", "B", "C", "D"}
    assert {o["stage"] for o in data["opportunities"]} == {s.value for s in Stage}
    assert any(o["grade_overridden"] for o in data["opportunities"])
    assert set(data["by_grade"]) == {"A", "B", "C", "D"}
    assert data["owners"] and {"owner", "shape", "advice"} <= set(data["owners"][0])
    assert [c["step"] for c in data["conversion"]] == ["searching→in_funnel",
                                                       "in_funnel→best", "best→closed"]
    assert data["outcomes"]["won"]["deals"] > 0 and data["outcomes"]["lost"]["deals"] > 0
    weighted = sum(o["weighted_value"] for o in open_deals)
    assert abs(data["weighted_pipeline"] - weighted) < 0.01
    matrix = json.loads(run("matrix", "--format", "json").stdout)
    assert {q["quadrant"] for q in matrix["quadrants"]["accounts"]} >= {
        "true_friend", "barnacle", "butterfly", "stranger"}
    assert {t["tier"] for t in matrix["tiers"]} >= {1, 2, 3}
    listed = json.loads(run("account", "list", "--format", "json").stdout)
    assert all("quadrant" in r and "tier" in r for r in listed)
    perf = json.loads(run("report", "performance", "--format", "json").stdout)
    assert perf["previous_period"] == {"from": "2024-11", "to": "2025-10"}  # ledger ends 2026-10
    assert perf["total"]["accounts"] == sum(o["accounts"] for o in perf["owners"])
    assert sum(o["accounts"] for o in perf["owners"]) > 30
    table = run("funnel", "--owner", "li")
    assert table.exit_code == 0 and "funnel shape per owner" in table.stdout


def test_the_matrix_takes_a_period_like_every_report(run, sample: Path) -> None:  # type: ignore[no-untyped-def]
    """--from/--to/--last as abc and funnel take them; loyalty by months with purchases is
    then counted in that period, checked against the ledger files."""
    import csv
    from decimal import Decimal

    data = json.loads(run("matrix", "--from", "2026-01", "--to", "2026-06", "--format",
                          "json").stdout)
    assert data["period"] == {"from": "2026-01", "to": "2026-06"}
    months: dict[str, set[str]] = {}
    for path in sorted((sample / "_sales").glob("2026-0[1-6].csv")):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if Decimal(row["revenue"]) > 0:
                    months.setdefault(row["account"], set()).add(path.stem)
    for row in data["quadrants"]["accounts"]:
        if row["account"] in months:
            assert row["loyalty"] == len(months[row["account"]]), row
    last6 = json.loads(run("matrix", "--last", "6", "--format", "json").stdout)
    assert last6["period"] == {"from": "2026-05", "to": "2026-10"}
    default = json.loads(run("matrix", "--format", "json").stdout)
    assert default["period"] == {"from": "2025-11", "to": "2026-10"}
    assert run("matrix", "--from", "2026-01", "--last", "3").exit_code == 2
