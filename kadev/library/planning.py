"""The plans a manager and a rep make from the cards (`kadev plan annual`, `kadev plan
month`), from an open `DataRoot`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from kadev.library.reports import abc_run, ledger_amounts

if TYPE_CHECKING:
    from kadev.analysis.planning import AnnualRow
    from kadev.library import DataRoot


Period = tuple[str, str]


def annual_plan_data(lib: DataRoot, year: int, region: str | None, no_region: str
                     ) -> tuple[Period, Period, Period, list[AnnualRow]]:
    """The plan's fiscal year, last year and the year before (the 12 months the ledger has
    and the 12 before, when last year is not complete in it), and the plan's rows per region
    (`no_region`: the name the caller gives cards without one) and class of last year."""
    from kadev.analysis.funnel import deal_rows
    from kadev.analysis.periods import previous_period, shift
    from kadev.analysis.planning import annual_plan, fiscal_year

    settings = lib.settings
    start = settings.fiscal_year_start
    plan, last, before = (fiscal_year(y, start) for y in (year, year - 1, year - 2))
    end = lib.ledger_end()
    if last[1] > end:  # last year not over (or not imported): the 12 months the ledger has
        last = (shift(end, -11), end)
        before = previous_period(*last)
    cards = lib.index()
    chosen = {i: c for i, c in cards.items()
              if not region or region.lower() in c.region.lower()}
    run = abc_run(lib, "revenue", last, tuple(settings.abc_thresholds))
    pipeline: dict[str, Decimal] = {}  # the funnel's weighted values (no stage history needed)
    for row in deal_rows([(i, c, ()) for i, c in lib.cards()], settings, lib.today):
        close = row.deal.expected_close
        if row.deal.is_open and close and plan[0] <= f"{close:%Y-%m}" <= plan[1]:
            pipeline[row.account] = pipeline.get(row.account, Decimal(0)) + row.weighted
    rows = annual_plan([(i, c.region or no_region, run.result.class_of(i) or "C")
                        for i, c in sorted(chosen.items())],
                       ledger_amounts(lib, *last), ledger_amounts(lib, *before), pipeline)
    return plan, last, before, rows


def month_plan(lib: DataRoot, owner: str, month: str) -> dict[str, Any]:
    """The plan's data (its json): tiers, weeks, accounts, deals, prospects, the phase."""
    from kadev.analysis.due import contact_interval_days
    from kadev.analysis.grade import funnel_grade
    from kadev.analysis.monthly import month_days
    from kadev.analysis.planning import (
        contact_days,
        phase_months,
        spread,
        unknown_man,
        weeks,
    )
    from kadev.library.due import gather_facts
    from kadev.models.enums import Stage, Status
    from kadev.store.accounts import load_account

    settings, root, today = lib.settings, lib.path, lib.today
    first, last = month_days(month)
    phase = phase_months(month, settings.fiscal_year_start)
    phase_first, phase_last = month_days(phase[0])[0], month_days(phase[-1])[1]
    accounts: list[dict[str, Any]] = []
    deals: list[dict[str, Any]] = []
    prospects: list[dict[str, Any]] = []
    stages = list(Stage)
    for facts in gather_facts(lib, owner):
        if facts.card.status is Status.CLOSED:
            continue
        interval, basis = contact_interval_days(facts, settings)
        last_contact = max(facts.visit_dates, default=None)
        schedule = contact_days(last_contact, interval, first, phase_last)
        tier = (str(facts.card.tier) if facts.card.tier else
                "prospect" if facts.card.status is Status.PROSPECT else facts.abc_class or "C")
        accounts.append({"account": facts.id, "short": facts.card.short,
                         "name": facts.card.name, "tier": tier, "interval": interval,
                         "basis": basis, "last_contact": last_contact,
                         "days": [d for d in schedule if d <= last],
                         "phase_days": schedule,
                         "visits": [d for d in facts.visit_dates
                                    if phase_first <= d <= phase_last]})
        card = load_account(root, facts.id)
        for deal in card.opportunities:
            if not deal.is_open:
                continue
            grade, _ = funnel_grade(deal, today, settings.grade_months)
            at = stages.index(deal.stage)
            deals.append({"account": facts.id, "name": card.name, "short": card.short,
                          "deal": deal.name, "stage": deal.stage.value,
                          "next_stage": stages[at + 1].value if at + 1 < len(stages) else None,
                          "expected_close": deal.expected_close, "grade": grade.value,
                          "value": deal.value or Decimal(0)})
        if card.status is Status.PROSPECT:
            unknown = unknown_man(card.man)
            prospects.append({"account": facts.id, "name": card.name, "short": card.short,
                              "unknown": unknown, "qualified": not unknown})
    deals.sort(key=lambda d: (d["expected_close"] or dt.date.max, d["account"]))
    month_weeks = weeks(first, last)
    to_qualify = sum(1 for p in prospects if not p["qualified"])
    remaining = [m for m in phase if m >= month]
    targets = dict(zip(remaining, spread(to_qualify, len(remaining)), strict=True))
    phase_rows: list[dict[str, Any]] = []
    for m in phase:
        a, b = month_days(m)
        closing = [d for d in deals if d["expected_close"] and a <= d["expected_close"] <= b]
        phase_rows.append({
            "month": m, "done": m < month,
            "contacts": sum(1 for x in accounts for d in (x["visits"] if m < month
                                                           else x["phase_days"])
                            if a <= d <= b),
            "deals_closing": len(closing),
            "closing_value": sum((d["value"] for d in closing), Decimal(0)),
            "prospects_to_qualify": targets.get(m, 0)})
    tiers: dict[str, dict[str, Any]] = {}
    for x in accounts:
        row = tiers.setdefault(x["tier"], {"tier": x["tier"], "accounts": 0,
                                           "interval": x["interval"], "contacts": 0})
        row["accounts"] += 1
        row["contacts"] += len(x["days"])
    order = {"1": 0, "2": 1, "3": 2, "4": 3, "A": 4, "B": 5, "C": 6, "prospect": 7}
    return {
        "owner": owner, "month": month,
        "phase": {"from": phase[0], "to": phase[-1], "position": phase.index(month) + 1},
        "tiers": sorted(tiers.values(), key=lambda r: order.get(r["tier"], 9)),
        "weeks": [{"from": a, "to": b,
                   "contacts": [x["account"] for x in accounts
                                if any(a <= d <= b for d in x["days"])],
                   "shorts": [x["short"] for x in accounts
                              if any(a <= d <= b for d in x["days"])],
                   "closing": [d["deal"] for d in deals
                               if d["expected_close"] and a <= d["expected_close"] <= b]}
                  for a, b in month_weeks],
        "accounts": sorted(accounts, key=lambda x: (order.get(x["tier"], 9),
                                                    x["days"][0] if x["days"] else dt.date.max,
                                                    x["account"])),
        "deals": deals, "prospects": prospects, "phase_months": phase_rows,
    }
