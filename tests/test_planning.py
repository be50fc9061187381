"""`kadev plan annual` and `kadev plan month`, recomputed from the sample's files: the ledger
read with pandas, the cards with PyYAML, the rules written out here once more."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
import pandas as pd
import yaml

from tests.conftest import Run


def _json(run: Run, *args: str) -> dict[str, object]:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


def _revenue(root: Path, first: str, last: str) -> dict[str, Decimal]:
    frames = [pd.read_csv(p, dtype=str) for p in sorted((root / "_sales").glob("*.csv"))
              if first <= p.stem <= last]
    sums: dict[str, Decimal] = {}
    for frame in frames:
        for account, revenue in zip(frame["account"], frame["revenue"], strict=True):
            sums[account] = sums.get(account, Decimal(0)) + Decimal(revenue)
    return sums


def _cards(root: Path) -> dict[str, dict[str, object]]:
    return {p.parent.name: yaml.safe_load(p.read_text("utf-8"))
            for p in sorted(root.glob("*/account.yaml"))}


PROBABILITY = {"development": 0.05, "initiation": 0.10, "proposal": 0.25, "tender": 0.40,
               "negotiation": 0.75, "delivery": 0.90}


def test_the_annual_plan_follows_its_stated_rule(run: Run, sample: Path) -> None:
    data = _json(run, "plan", "annual", "--year", "2027")
    # last year is not over in the ledger: the 12 months it has, against the 12 before
    assert data["last_year"] == {"from": "2025-11", "to": "2026-10"}
    assert data["year_before"] == {"from": "2024-11", "to": "2025-10"}
    assert "+25%" in str(data["rule"]) and "-10%" in str(data["rule"])
    cards = _cards(sample)
    settings = yaml.safe_load((sample / "kadev.yaml").read_text("utf-8")) or {}
    probability = {**PROBABILITY, **(settings.get("stage_probabilities") or {})}
    last, before = _revenue(sample, "2025-11", "2026-10"), _revenue(sample, "2024-11",
                                                                     "2025-10")
    rows = data["rows"]
    assert isinstance(rows, list)
    for region in {str(c.get("region") or "(no region)") for c in cards.values()}:
        mine = [i for i, c in cards.items() if str(c.get("region") or "(no region)") == region]
        row = next(r for r in rows if r["region"] == region and r["class"] == "")
        assert row["accounts"] == len(mine)
        assert Decimal(str(row["last_year"])) == sum((last.get(i, Decimal(0)) for i in mine),
                                                     Decimal(0))
        assert Decimal(str(row["year_before"])) == sum((before.get(i, Decimal(0))
                                                        for i in mine), Decimal(0))
        pipeline = sum(Decimal(str(d.get("value") or 0)) * Decimal(str(probability[d["stage"]]))
                       for i in mine for d in cards[i].get("opportunities") or []
                       if not d.get("result") and str(d.get("expected_close", ""))[:4] == "2027")
        assert abs(Decimal(str(row["pipeline"])) - pipeline) < Decimal("0.01")
    for row in rows:  # every row, class rows and totals alike, by the rule
        trend = (None if not row["year_before"] else
                 Fraction(str(row["last_year"])) / Fraction(str(row["year_before"])) - 1)
        growth = Fraction(0) if trend is None else min(max(trend, Fraction(-1, 10)),
                                                        Fraction(1, 4))
        target = Fraction(str(row["last_year"])) * (1 + growth) + Fraction(str(row["pipeline"]))
        assert abs(Fraction(str(row["target"])) - target) <= Fraction(1, 2)
    total = rows[-1]
    assert total["region"] == "" and total["accounts"] == len(cards)


def test_a_finished_year_is_used_as_it_is_and_gaps_are_named(run: Run) -> None:
    data = _json(run, "plan", "annual", "--year", "2026")
    assert data["last_year"] == {"from": "2025-01", "to": "2025-12"}
    assert data["year_before"] == {"from": "2024-01", "to": "2024-12"}
    assert data["ledger_missing"]["previous_period"][:2] == ["2024-01", "2024-02"]
    zh = run("--lang", "zh", "plan", "annual", "--year", "2026", "--region", "华东")
    assert zh.exit_code == 0 and "华东" in zh.stdout and "华南" not in zh.stdout
    assert "台账缺少" in zh.stdout and "目标 = 上年销售额" in zh.stdout


def test_the_annual_plan_as_a_workbook(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    assert run("--lang", "zh", "plan", "annual", "--format", "xlsx", "-o", str(path)
               ).exit_code == 0
    sheet = openpyxl.load_workbook(path)["年度区域计划"]
    headers = [c.value for c in sheet[1]]
    assert headers == ["区域", "ABC 类别", "客户数", "前年销售额", "上年销售额", "趋势",
                       "在谈加权金额", "目标"]
    target = sheet.cell(2, 8)
    assert isinstance(target.value, int | float) and "¥" in target.number_format
    assert sheet.cell(2, 6).number_format == "0.00%"
    assert sheet.cell(sheet.max_row, 1).value == "合计"


def test_a_reps_month_by_tier_week_and_phase(run: Run, sample: Path) -> None:
    plan = _json(run, "plan", "month", "--owner", "wang", "--month", "2026-11")
    assert plan["phase"] == {"from": "2026-10", "to": "2026-12", "position": 2}
    cards = _cards(sample)
    mine = {i for i, c in cards.items() if c["owner"] == "wang" and c.get("status") != "closed"}
    accounts = plan["accounts"]
    assert {a["account"] for a in accounts} == mine
    first, last = dt.date(2026, 11, 1), dt.date(2026, 11, 30)
    for a in accounts:
        days = [dt.date.fromisoformat(d) for d in a["days"]]
        assert all(first <= d <= last for d in days)
        assert all((b - x).days == a["interval"] for x, b in zip(days, days[1:], strict=False))
        if a["last_contact"] and days:
            due = dt.date.fromisoformat(a["last_contact"]) + dt.timedelta(days=a["interval"])
            assert days[0] == max(due, first)
        tier = cards[a["account"]].get("tier")
        if tier:
            assert a["tier"] == str(tier) and a["interval"] == {1: 7, 2: 14, 3: 30, 4: 60}[tier]
    weeks = plan["weeks"]
    assert weeks[0]["from"] == "2026-11-01" and weeks[-1]["to"] == "2026-11-30"
    assert all(dt.date.fromisoformat(w["from"]).weekday() == 0 for w in weeks[1:])
    assert sum(len(w["contacts"]) for w in weeks) == sum(len(a["days"]) for a in accounts)
    prospects = {p["account"]: p["unknown"] for p in plan["prospects"]}
    assert prospects == {i: [k for k in ("money", "authority", "need")
                             if (cards[i].get("man") or {}).get(k) is None]
                         for i in mine if cards[i].get("status") == "prospect"}
    stages = ["development", "initiation", "proposal", "tender", "negotiation", "delivery"]
    for deal in plan["deals"]:
        at = stages.index(deal["stage"])
        assert deal["next_stage"] == (stages[at + 1] if at + 1 < len(stages) else None)
    months = plan["phase_months"]
    assert [m["month"] for m in months] == ["2026-10", "2026-11", "2026-12"]
    assert months[0]["done"] and not months[1]["done"]
    assert sum(m["prospects_to_qualify"] for m in months) == sum(
        1 for p in plan["prospects"] if p["unknown"])
    zh = run("--lang", "zh", "plan", "month", "--owner", "wang", "--month", "2026-11")
    assert zh.exit_code == 0 and "阶段的第 2 个月" in zh.stdout and "本月各周" in zh.stdout
    assert "待确认的潜在客户" in zh.stdout


def test_a_month_plan_needs_an_owner(run: Run) -> None:
    result = run("plan", "month")
    assert result.exit_code == 2 and "--owner" in result.stderr
