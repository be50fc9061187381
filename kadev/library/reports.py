"""The data of the reports over the whole root — ABC, the funnel, the value matrix and tiers,
development performance, the account list — from an open `DataRoot`. The funnel's, the
matrix's, performance's and the account list's data are kept while git says the root is
unchanged (`kadev.store.views`). Messages in them are worded when shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from kadev.library.ledgerview import ledger_view

if TYPE_CHECKING:
    from kadev.analysis.abc import AbcResult
    from kadev.analysis.matrix import Trade
    from kadev.library import DataRoot
    from kadev.models import Account, Complaint
    from kadev.store.accounts import CardIndex


def _days(lib: DataRoot, first: str, last: str) -> tuple[dt.date, dt.date]:
    import calendar

    year, month = int(last[:4]), int(last[5:])
    end = dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(int(first[:4]), int(first[5:]), 1), min(end, lib.today)


def funnel_data(lib: DataRoot, owner: str | None, period: tuple[str, str]
                ) -> tuple[dict[str, Any], dict[str, str]]:
    """The funnel of every deal (or one owner's): the report's data (its json) and the
    accounts' short names; kept while the data root is unchanged (`store.views`)."""
    return lib.kept("funnel", (owner, period, lib.today),
                lambda: _funnel_data(lib, owner, period))


def _funnel_data(lib: DataRoot, owner: str | None, period: tuple[str, str]
                 ) -> tuple[dict[str, Any], dict[str, str]]:
    from kadev.analysis import funnel as f
    from kadev.store.cache import FileCache
    from kadev.store.records import deal_changes_of

    settings = lib.settings
    today = lib.today
    start, end = _days(lib, *period)
    root = lib.path
    changes = FileCache(root, "deal-changes")
    chosen = [(i, c) for i, c in lib.cards()
              if c.opportunities and (not owner or c.owner == owner)]
    stages = deal_changes_of(root, [i for i, _ in chosen], changes)
    loaded = [(i, c, stages[i]) for i, c in chosen]
    changes.save(prune=owner is None)
    rows = f.deal_rows(loaded, settings, today)
    potential = {i: Decimal(c.development_value.forecast_profit or 0)
                 for i, c, _ in loaded if c.development_value}
    aging, stuck = f.aging(rows, today, settings.stuck_days)
    states: dict[str, dict[str, Any]] = {s: {"deals": 0, "value": Decimal(0)}
                                         for s in (*f.STATES, "won")}
    for row in rows:
        if row.deal.is_open or (row.state == "won" and row.deal.closed
                                and start <= row.deal.closed <= end):
            states[row.state]["deals"] += 1
            states[row.state]["value"] += row.value
    data: dict[str, Any] = {
        "period": {"from": period[0], "to": period[1]},
        "opportunities": [{
            "account": r.account, "name": r.name, "deal": r.deal.name,
            "stage": r.deal.stage.value, "state": r.state, "grade": r.grade,
            "grade_overridden": r.overridden,
            "expected_close": r.deal.expected_close.isoformat() if r.deal.expected_close
            else None, "value": r.value, "probability": r.probability,
            "weighted_value": r.weighted, "owner": r.owner} for r in rows],
        "by_grade": f.tally(rows, "grade"),
        "by_stage": f.tally(rows, "stage"),
        "weighted_pipeline": sum((r.weighted for r in rows if r.deal.is_open), Decimal(0)),
        "chart": states,
        "conversion": f.conversion(rows, start, end),
        "aging": aging, "stuck_days": settings.stuck_days, "stuck": stuck,
        "owners": f.owners(rows, start),
        "warnings": f.warnings(rows, today),
        "priorities": f.priorities(rows, potential),
        "outcomes": f.outcomes(rows, start, end),
    }
    return data, {i: c.short for i, c, _ in loaded}


def trade_by_account(lib: DataRoot, cards: list[tuple[str, Account]],
                     period: tuple[str, str] | None = None) -> dict[str, Trade]:
    """Revenue, profit and months with purchases in the matrix period of every account in the
    ledger (from the ledger view), and the recent visits (90 days) of the cards given."""
    from kadev.analysis.matrix import Trade
    from kadev.store.cache import FileCache
    from kadev.store.records import record_dates

    root = lib.path
    out = {a: Trade(*t, 0) for a, t in ledger_view(lib, period).trade.items()}
    recent = lib.today - dt.timedelta(days=90)
    listing = FileCache(root, "listing", len(cards) > 1)
    for account_id, _ in cards:
        visits = sum(1 for d in record_dates(root, account_id, "visits", listing) if d >= recent)
        out[account_id] = Trade(*out.get(account_id, (0, None, 0, 0))[:3], visits)
    listing.save()
    return out


def matrix_data(lib: DataRoot, cards: list[tuple[str, Account]],
                period: tuple[str, str] | None = None, explain: bool = False
                ) -> dict[str, Any]:
    """Quadrant and tier of the cards given, measured against every account in the ledger
    over `period` (default: `matrix.months` up to the ledger's last month); only loyalty by
    tenure or share of wallet needs every card, and loads them. With `explain`, each tier
    factor says what its score rests on (the JSON shows it; a table does not)."""
    from kadev.analysis.matrix import quadrants, tiers

    settings = lib.settings
    if settings.matrix.loyalty != "months" and len(cards) == 1:
        wanted = cards[0][0]
        every = lib.cards()
        data = matrix_data(lib, every, period, explain)
        data["quadrants"]["accounts"] = [q for q in data["quadrants"]["accounts"]
                                         if q["account"] == wanted]
        data["tiers"] = [t for t in data["tiers"] if t["account"] == wanted]
        return data
    first, last = ledger_view(lib, period).period
    trade = trade_by_account(lib, cards, period)
    by_id = dict(cards)
    m = settings.matrix
    return {"period": {"from": first, "to": last},
            "quadrants": quadrants(by_id, trade, lib.today, m.profitability, m.loyalty,
                                   m.profitability_cutoff, m.loyalty_cutoff),
            "tiers": tiers(by_id, trade, settings.tier_cutoffs, explain)}


def matrix_view(lib: DataRoot, period: tuple[str, str] | None, explain: bool = False
                ) -> tuple[dict[str, Any], dict[str, str], dict[str, str]]:
    """The matrix of every card (`matrix_data`), and the cards' short and full names; kept
    while the data root is unchanged."""
    return lib.kept("matrix", (period, lib.today, explain),
                    lambda: _matrix_view(lib, period, explain))


def _matrix_view(lib: DataRoot, period: tuple[str, str] | None, explain: bool = False
                 ) -> tuple[dict[str, Any], dict[str, str], dict[str, str]]:
    cards = lib.cards()
    return (matrix_data(lib, cards, period, explain), {i: c.short for i, c in cards},
            {i: c.name for i, c in cards})


def performance_data(lib: DataRoot, period: tuple[str, str], before: tuple[str, str]
                     ) -> dict[str, Any]:
    """Development performance of the period against `before` (its json, without the
    ledger's missing months); kept while the data root is unchanged."""
    return lib.kept("performance", (period, before),
                lambda: _performance_data(lib, period, before))


def _performance_data(lib: DataRoot, period: tuple[str, str], before: tuple[str, str]
                      ) -> dict[str, Any]:
    from kadev.analysis.performance import performance
    from kadev.analysis.periods import month_range
    from kadev.store import ledger

    root = lib.path
    present = set(ledger.months(root))

    def sums(a: str, b: str) -> dict[str, tuple[int, int]]:
        per = ledger.month_sums(root, [m for m in month_range(a, b) if m in present])
        return {acc: (sum(r for r, _ in v.values()), sum(p or 0 for _, p in v.values()))
                for acc, v in per.items()}

    owner_of = {i: c.owner for i, c in lib.cards()}
    data = performance(owner_of, sums(*period), sums(*before))
    data["period"] = {"from": period[0], "to": period[1]}
    data["previous_period"] = {"from": before[0], "to": before[1]}
    return data


def derived(lib: DataRoot, cards: list[tuple[str, Account]]) -> dict[str, dict[str, Any]]:
    """{account: {"class", "revenue_12m", "quadrant", "tier", "tier_from"}} for every card."""
    from kadev.errors import DataError

    view = ledger_view(lib)
    if view.problems:
        raise DataError(view.problems)
    matrix = matrix_data(lib, cards)
    quadrant = {q["account"]: q["quadrant"] for q in matrix["quadrants"]["accounts"]}
    tiers = {t["account"]: t for t in matrix["tiers"]}
    return {account_id: {
        "class": view.abc_class(account_id),
        "revenue_12m": view.revenue_12m(account_id) / 100,
        "quadrant": quadrant.get(account_id),
        "tier": tiers[account_id]["tier"],
        "tier_from": tiers[account_id]["tier_from"],
    } for account_id, _ in cards}


def ledger_amounts(lib: DataRoot, first: str, last: str, by: str = "revenue") -> dict[str, int]:
    from kadev.errors import DataError
    from kadev.store import ledger

    wanted = [m for m in ledger.months(lib.path) if first <= m <= last]
    sums, problems = ledger.totals(lib.path, wanted, by)
    if problems:
        raise DataError(problems)
    return sums


class AbcRun(NamedTuple):
    result: AbcResult
    names: dict[str, str]  # every account's full name
    shorts: dict[str, str]  # every account's short name
    moves: list[dict[str, Any]] | None  # against the previous period, with `compare`
    before: tuple[str, str] | None  # the previous period


def abc_run(lib: DataRoot, by: str, period: tuple[str, str], limits: Sequence[Decimal | float],
            wanted: dict[str, str | None] | None = None, compare: bool = False) -> AbcRun:
    """The ABC classes of the period (of the accounts `wanted` filters), and with `compare`
    the previous period of equal length and each account's movement."""
    from kadev.analysis.abc import AbcError, abc_classes, compare_classes
    from kadev.analysis.periods import previous_period

    wanted = wanted or {}
    cards = lib.index()
    filtered = any(wanted.values())
    chosen = [(i, c) for i, c in cards.items() if _matches(c, wanted)]
    names = {i: c.name for i, c in cards.items()}
    shorts = {i: c.short for i, c in cards.items()}

    def classify(a: str, b: str) -> AbcResult:
        sums = ledger_amounts(lib, a, b, by)
        amounts = {i: sums.get(i, 0) for i, _ in chosen}
        if not filtered:
            amounts |= {i: v for i, v in sums.items() if i not in amounts}
        if not amounts:
            raise AbcError(code="err.no_match_filters" if filtered else "err.nothing_yet")
        return abc_classes(amounts, limits)

    from kadev.analysis.performance import NO_CARD

    result = classify(*period)
    for account in (r.account for r in result.rows):
        names.setdefault(account, NO_CARD)  # (named in the reader's language when shown)
    moves, before = None, None
    if compare:
        before = previous_period(*period)
        try:
            moves = compare_classes(result, classify(*before))
        except AbcError as err:
            raise AbcError(code="err.previous", first=before[0], last=before[1],
                           error=err) from None
    return AbcRun(result, names, shorts, moves, before)


def _matches(card: CardIndex, wanted: dict[str, str | None]) -> bool:
    values = {"owner": card.owner, "region": card.region, "industry": card.industry,
              "nature": card.nature}
    return all(not v or v.lower() in values[k].lower() for k, v in wanted.items())


def account_rows(lib: DataRoot, wanted: dict[str, str | None]
                  ) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The rows of the accounts whose fields contain what `wanted` asks, and every card's
    short name; kept while the data root is unchanged."""
    return lib.kept("account-list", (lib.today, tuple(wanted.items())),
                lambda: _account_rows(lib, wanted))


def _account_rows(lib: DataRoot, wanted: dict[str, str | None]
                  ) -> tuple[list[dict[str, Any]], dict[str, str]]:
    from kadev.analysis.grade import account_grade

    settings = lib.settings
    today = lib.today
    rows = []
    cards = lib.cards()
    shorts = {i: c.short for i, c in cards}
    extra = derived(lib, cards)
    for account_id, card in cards:
        values = {"owner": card.owner, "status": card.status.value,
                  "nature": card.nature.value, "industry": card.industry or "",
                  "region": card.region or ""}
        if any(v and v.lower() not in values[k].lower() for k, v in wanted.items()):
            continue
        grade = account_grade(card.opportunities, today, settings.grade_months)
        rows.append({"account": account_id, "name": card.name, "owner": card.owner,
                     "status": card.status.value, "nature": card.nature.value,
                     "region": card.region, "industry": card.industry,
                     "class": extra[account_id]["class"],
                     "revenue_12m": extra[account_id]["revenue_12m"],
                     "grade": grade.value if grade else None,
                     "quadrant": extra[account_id]["quadrant"],
                     "tier": extra[account_id]["tier"],
                     "reviewed": card.reviewed.isoformat() if card.reviewed else None})
    return rows, shorts


def every_complaint(lib: DataRoot) -> list[tuple[str, str, str, Complaint]]:
    """(account, its name, its owner, complaint) of every complaint of every card."""
    from kadev.library.complaints import complaints_of

    return [(i, c.name, c.owner, complaint) for i, c, _, complaint in complaints_of(lib, None)]
