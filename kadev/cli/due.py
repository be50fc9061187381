"""`kadev due`: the rep's morning list, most urgent first, each line saying why."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from kadev.cli import state
from kadev.cli.common import check_format

if TYPE_CHECKING:
    from kadev.analysis.due import AccountFacts


def due(
    owner: Annotated[str | None, typer.Option(help="Only this owner's accounts.",
                                              show_default=False)] = None,
    days: Annotated[int, typer.Option(help="Look this many days ahead.", min=0)] = 7,
    kind: Annotated[list[str] | None, typer.Option(help="Only these kinds (repeatable).",
                                                   show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table",
) -> None:
    """What needs doing: complaints, follow-ups, planned visits, contact intervals, reviews,
    overdue receivables, unexplained revenue swings, birthdays and trips.

    `days` in the output is today minus the date: positive = overdue, negative = ahead.
    Example: kadev due --owner zhang --days 14
    """
    from kadev.analysis.due import KINDS, due_items
    from kadev.errors import UsageError
    from kadev.render.output import emit_csv, emit_json, print_table

    check_format(fmt)
    for wanted in kind or []:
        if wanted not in KINDS:
            from kadev.i18n import t

            raise UsageError(t("err.choice", option="--kind", value=wanted,
                               choices=", ".join(KINDS)))
    today = state.today()
    facts = gather_facts(owner)
    items = due_items(facts, state.settings(), today, days)
    if kind:
        items = [i for i in items if i.kind in kind]
    if fmt == "json":
        emit_json({"today": today.isoformat(), "items": [i.as_dict() for i in items]})
        return
    columns = ["account", "name", "kind", "reason", "date", "days", "owner"]
    if fmt == "csv":
        emit_csv(columns, [[i.as_dict()[c] for c in columns] for i in items])
        return
    from kadev.i18n import label, t

    title = t("due.title_owner", today=today, owner=owner) if owner else t("due.title",
                                                                           today=today)
    headers = [t("h.account"), t("h.kind"), t("h.why"), t("h.days")]
    print_table(title, headers,
                [[i.account, label("kind", i.kind), i.reason, i.days] for i in items],
                right=[headers[3]], caption=t("due.caption", count=len(items)))


def gather_facts(owner: str | None, only: str | None = None,
                 with_matrix: bool = False) -> list[AccountFacts]:
    """Per account what the due rules need: the card, visit dates from file names, the last
    visit, open complaints, the trailing ABC class and recent monthly revenue."""
    from kadev.analysis.abc import AbcError, abc_classes
    from kadev.analysis.due import AccountFacts
    from kadev.analysis.periods import default_period, month_of, month_range, shift
    from kadev.store import ledger
    from kadev.store.accounts import (
        last_visit,
        load_account,
        load_accounts,
        open_complaints,
        record_dates,
    )
    from kadev.store.cache import FileCache

    root = state.root()
    today = state.today()
    # one account (a briefing) reads its own card only; class and ranks come from the ledger
    cards = [(only, load_account(root, only))] if only else load_accounts(root)
    first, last = default_period(today)
    swing_months = [shift(month_of(today), -b) for b in (1, 2, 3)]
    # 24 months: the class (12), the briefing's year-on-year change, the swings' prior year
    needed = month_range(shift(first, -12), last)
    assert all(shift(m, -12) in needed for m in swing_months)
    present = set(ledger.months(root))
    monthly = ledger.monthly(root, [m for m in needed if m in present])
    twelve = month_range(first, last)
    totals = {i: sum(v for m, v in per.items() if m in twelve) for i, per in monthly.items()}
    totals |= {i: 0 for i, _ in cards if i not in totals}
    try:
        classes = abc_classes(totals, tuple(state.settings().abc_thresholds))
        class_of = {r.account: r.abc_class for r in classes.rows}
    except AbcError:
        class_of = {}
    tier_of: dict[str, int] = {}
    quadrant_of: dict[str, str | None] = {}
    if with_matrix or any(k.startswith("tier") for k in state.settings().contact_interval_days):
        from kadev.cli.funnel import matrix_data

        matrix = matrix_data(cards)
        tier_of = {t["account"]: t["tier"] for t in matrix["tiers"]}
        quadrant_of = {q["account"]: q["quadrant"] for q in matrix["quadrants"]["accounts"]}
    # one account (a briefing) reads its own folder's small cache; a full list uses the
    # caches of every account's last visit and complaints
    many = only is None
    visits = FileCache(root, "last-visits") if many else None
    complaints = FileCache(root, "complaints") if many else None
    listing = FileCache(root, "listing") if many else None
    facts = []
    for account_id, card in cards:
        if (owner and card.owner != owner) or (only and account_id != only):
            continue
        facts.append(AccountFacts(account_id, card, class_of.get(account_id),
                                  record_dates(root, account_id, "visits", listing),
                                  last_visit(root, account_id, visits, listing),
                                  open_complaints(root, account_id, complaints, listing),
                                  monthly.get(account_id, {}), tier_of.get(account_id),
                                  quadrant_of.get(account_id)))
    whole = owner is None and only is None  # only a full pass may drop stale entries
    for files in (visits, complaints, listing):
        if files is not None:
            files.save(prune=whole)
    return facts


def register(app: typer.Typer) -> None:
    app.command()(due)
