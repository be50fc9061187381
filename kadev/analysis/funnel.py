"""The sales funnel (003, shared/DOMAIN.md §6): grades, pipeline, conversion, aging, shapes.

A deal's stage history is read from the `changes` its visits recorded (field `stage`), so
conversion between states and days spent in each stage come from the data the reps already
keep. States in order: searching (development, initiation) → in_funnel (proposal, tender) →
best (negotiation, delivery) → won / lost.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from kadev.analysis.grade import STATE_OF_STAGE, deal_state, funnel_grade
from kadev.i18n import lazy, lazy_label
from kadev.models import Account, Opportunity, Settings
from kadev.models.enums import Result, Stage

STATES = ("searching", "in_funnel", "best")
STAGES = [s.value for s in Stage]
TYPICAL = {"searching→in_funnel": "about 20%", "in_funnel→best": "20-80%",
           "best→closed": "about 80% close (won or lost)"}
"""Typical conversion between states (003), for comparison; shapes' advice is `shape.*`."""


@dataclass
class DealRow:
    account: str
    name: str  # the account's name
    deal: Opportunity
    owner: str
    grade: str
    overridden: bool
    state: str
    probability: float
    history: list[tuple[dt.date, str]] = field(default_factory=list)  # (since, stage)

    @property
    def value(self) -> Decimal:
        return self.deal.value or Decimal(0)

    @property
    def weighted(self) -> Decimal:
        return (self.value * Decimal(str(self.probability))).quantize(Decimal("0.01"))


def stage_history(deal: Opportunity, visits: Sequence[Any]) -> list[tuple[dt.date, str]]:
    """(date entered, stage) of a deal, from its visits' recorded stage changes (a visit is
    anything with `date` and `changes`: a Visit, or the funnel's cached reduction of one)."""
    changes = sorted(((v.date, c) for v in visits for c in v.changes
                      if c.opportunity == deal.name and c.field == "stage" and c.new),
                     key=lambda item: item[0])
    start = deal.opened or (changes[0][0] if changes else None)
    first_stage = changes[0][1].old if changes and changes[0][1].old else deal.stage.value
    history = [(start, first_stage)] if start else []
    history += [(day, str(change.new)) for day, change in changes]
    if not history or history[-1][1] != deal.stage.value:
        history.append((history[-1][0] if history else dt.date.min, deal.stage.value))
    return [(day, stage) for day, stage in history if stage in STAGES]


def deal_rows(accounts: Sequence[tuple[str, Account, Sequence[Any]]], settings: Settings,
              today: dt.date) -> list[DealRow]:
    rows = []
    for account_id, card, visits in accounts:
        for deal in card.opportunities:
            grade, overridden = funnel_grade(deal, today, settings.grade_months)
            probability = (1.0 if deal.result is Result.WON else 0.0 if deal.result
                           else settings.stage_probabilities.get(deal.stage.value, 0.0))
            rows.append(DealRow(account_id, card.name, deal, card.owner, grade.value,
                                overridden, deal_state(deal), probability,
                                stage_history(deal, visits)))
    return rows


def _state_at(row: DealRow, day: dt.date) -> str | None:
    """The state of a deal on `day` (None before it was opened)."""
    if row.deal.result is not None and row.deal.closed and row.deal.closed <= day:
        return row.deal.result.value
    stage = None
    for since, name in row.history:
        if since <= day:
            stage = name
    return STATE_OF_STAGE[Stage(stage)] if stage else None


def conversion(rows: Sequence[DealRow], first: dt.date, last: dt.date) -> list[dict[str, Any]]:
    """For each step, of the deals in the earlier state at some time in the period, how many
    reached the later state (or beyond) by its end."""
    order = {"searching": 0, "in_funnel": 1, "best": 2, "won": 3, "lost": 3}
    steps = [("searching", "in_funnel"), ("in_funnel", "best"), ("best", "closed")]
    out = []
    for source, target in steps:
        seen, reached, won = 0, 0, 0
        for row in rows:
            states = {_state_at(row, first)} | {STATE_OF_STAGE[Stage(s)] for d, s in row.history
                                                if first <= d <= last}
            if source not in states:
                continue
            seen += 1
            end = _state_at(row, last)
            if target == "closed":  # the source's benchmark: closed, won or lost
                reached += end in ("won", "lost")
                won += end == "won"
            elif end is not None and order[end] >= order[target] and end != "lost":
                reached += 1
        label = f"{source}→{target}"
        out.append({"step": label, "deals": seen, "advanced": reached,
                    "rate": reached / seen if seen else None, "typical": TYPICAL[label]}
                   | ({"won": won} if target == "closed" else {}))
    return out


def aging(rows: Sequence[DealRow], today: dt.date, stuck_days: int
          ) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """Days spent per stage (finished stays, averaged) and open deals stuck past the limit."""
    spent: dict[str, list[int]] = defaultdict(list)
    stuck = []
    for row in rows:
        for (since, stage), (until, _) in zip(row.history, row.history[1:], strict=False):
            if since != dt.date.min:
                spent[stage].append((until - since).days)
        if row.deal.is_open and row.history and row.history[-1][0] != dt.date.min:
            days = (today - row.history[-1][0]).days
            if days > stuck_days:
                stuck.append({"account": row.account, "name": row.name,
                              "deal": row.deal.name, "stage": row.deal.stage.value,
                              "since": row.history[-1][0].isoformat(), "days": days,
                              "owner": row.owner})
    table = {stage: {"stays": len(spent[stage]),
                     "mean_days": sum(spent[stage]) / len(spent[stage])
                     if spent[stage] else None} for stage in STAGES}
    return table, sorted(stuck, key=lambda s: -int(s["days"]))


def thin_layers(counts: Mapping[str, int]) -> list[str]:
    """The layers holding fewer than half of the fullest one's customers."""
    top = max((counts.get(s, 0) for s in STATES), default=0)
    return [s for s in STATES if counts.get(s, 0) * 2 < top]


def funnel_shape(counts: Mapping[str, int], moving: bool = True) -> str:
    """The source's shapes of a rep's funnel, from customers per layer: balanced (spread over
    every layer), prospecting / following / closing only (60% or more in one layer), no
    method (nothing moved to a next stage over the period: `moving` False), else uneven."""
    total = sum(counts.get(s, 0) for s in STATES)
    if total == 0:
        return "empty"
    if not moving and total >= 3:
        return "no method"
    shares = {s: counts.get(s, 0) / total for s in STATES}
    top = max(STATES, key=lambda s: shares[s])
    if shares[top] >= 0.6:
        return {"searching": "prospecting only", "in_funnel": "following only",
                "best": "closing only"}[top]
    return "uneven" if thin_layers(counts) else "balanced"


def owners(rows: Sequence[DealRow], since: dt.date | None = None) -> list[dict[str, Any]]:
    """Each owner's funnel by customers: an account counts once, in the layer of its most
    advanced open deal; with `since`, whether any deal moved to a next stage since then."""
    order = {s: i for i, s in enumerate(STATES)}
    layer: dict[str, dict[str, str]] = defaultdict(dict)
    values: dict[str, Decimal] = defaultdict(Decimal)
    moved: dict[str, bool] = defaultdict(bool)
    for row in rows:
        layer[row.owner]  # every owner with a deal appears, even if none is open
        if since is not None and any(day >= since and day != dt.date.min
                                     for day, _ in row.history[1:]):
            moved[row.owner] = True
        if row.deal.is_open:
            held = layer[row.owner].get(row.account)
            if held is None or order[row.state] > order[held]:
                layer[row.owner][row.account] = row.state
            values[row.owner] += row.weighted
    out = []
    for owner in sorted(layer):
        counts = Counter(layer[owner].values())
        shape = funnel_shape(counts, moved[owner] or since is None)
        thin = thin_layers(counts) if shape == "uneven" else []
        out.append({"owner": owner, "shape": shape, "thin": thin,
                    "advice": lazy("p.concat", a=lazy(f"shape.{shape}"), b=lazy(
                        "shape.thin", layers=[lazy(f"layer.{s}") for s in thin]))
                    if thin else lazy(f"shape.{shape}"),
                    **{s: counts.get(s, 0) for s in STATES},
                    "weighted_value": values[owner]})
    return out


def warnings(rows: Sequence[DealRow], today: dt.date) -> list[dict[str, Any]]:
    """Open deals whose expected close has passed, and deals in negotiation or delivery
    graded C or D (a close more than a year away does not fit the last stages)."""
    out = []
    for row in rows:
        deal = row.deal
        if not deal.is_open:
            continue
        base = {"account": row.account, "name": row.name, "deal": deal.name,
                "owner": row.owner}
        if deal.expected_close is not None and deal.expected_close < today:
            out.append(base | {"kind": "close_passed", "text": lazy(
                "funnel.w_close_passed", date=deal.expected_close,
                days=(today - deal.expected_close).days)})
        if row.state == "best" and row.grade in ("C", "D"):
            out.append(base | {"kind": "stage_grade", "text": lazy(
                "funnel.w_stage_grade", stage=lazy_label("stage", deal.stage), grade=row.grade)})
    return out


def priorities(rows: Sequence[DealRow], potential: Mapping[str, Decimal],
               limit: int = 10) -> list[dict[str, Any]]:
    """Open deals still searching or in the funnel, by success probability × attractiveness
    (the deal's value plus the account's forecast potential)."""
    ranked = []
    for row in rows:
        if not row.deal.is_open or row.state == "best":
            continue
        attractiveness = row.value + potential.get(row.account, Decimal(0))
        score = attractiveness * Decimal(str(row.probability))
        ranked.append({"account": row.account, "name": row.name, "deal": row.deal.name,
                       "stage": row.deal.stage.value, "probability": row.probability,
                       "attractiveness": attractiveness, "score": score,
                       "grade": row.grade, "owner": row.owner})
    ranked.sort(key=lambda r: (-Decimal(r["score"]), str(r["account"]), str(r["deal"])))
    return ranked[:limit]


def outcomes(rows: Sequence[DealRow], first: dt.date, last: dt.date) -> dict[str, Any]:
    """Deals won and lost in the period, with their reasons counted: the lost ones by
    category (a deal lost for two reasons counts in both; "uncategorised" when none was
    given), and the sentences that say what decided each."""
    summary: dict[str, Any] = {}
    for result in (Result.WON, Result.LOST):
        closed = [r for r in rows if r.deal.result is result and r.deal.closed
                  and first <= r.deal.closed <= last]
        reasons = Counter(r.deal.reason or lazy("funnel.no_reason") for r in closed)
        categories = Counter(c.value for r in closed for c in r.deal.reasons)
        bare = sum(1 for r in closed if not r.deal.reasons)
        summary[result.value] = {
            "deals": len(closed), "value": sum((r.value for r in closed), Decimal(0)),
            "reasons": [{"reason": k, "deals": v} for k, v in reasons.most_common()]}
        if result is Result.LOST:
            summary["lost"]["categories"] = [
                {"category": k, "deals": v}
                for k, v in sorted(categories.items(), key=lambda kv: (-kv[1], kv[0]))] + (
                [{"category": "uncategorised", "deals": bare}] if bare else [])
    return summary


def tally(rows: Sequence[DealRow], key: str) -> dict[str, dict[str, Any]]:
    """Count, value and weighted value of open deals per grade or per stage."""
    names = ("A", "B", "C", "D") if key == "grade" else tuple(STAGES)
    out: dict[str, dict[str, Any]] = {n: {"deals": 0, "value": Decimal(0),
                                          "weighted_value": Decimal(0)} for n in names}
    for row in rows:
        if not row.deal.is_open:
            continue
        bucket = out[row.grade if key == "grade" else row.deal.stage.value]
        bucket["deals"] += 1
        bucket["value"] += row.value
        bucket["weighted_value"] += row.weighted
    return out
