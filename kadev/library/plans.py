"""Visits planned ahead (`kadev plan …`): a plan's record, checked; planning, moving,
cancelling and keeping one; the plan list and the calendar of the days ahead."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kadev.errors import UsageError, WriteRefused

if TYPE_CHECKING:
    from kadev.analysis.plans import Event
    from kadev.library import DataRoot
    from kadev.models import Account, Plan
    from kadev.store.transaction import Transaction


def plan_record(day: dt.date, time: str | None, method: str, ours: list[str],
                theirs: list[str], purpose: str | None, agreed_at: str | None
                ) -> dict[str, Any]:
    """A plan in the model's key order, empty fields left out, validated."""
    from pydantic import ValidationError

    from kadev.models import Plan
    from kadev.models.base import validate

    record = {"date": day, "time": time, "method": method, "ours": [o for o in ours if o],
              "theirs": theirs, "purpose": purpose, "agreed_at": agreed_at}
    record = {k: v for k, v in record.items() if v not in (None, "", [])}
    try:
        validate(Plan, record)
    except ValidationError as err:
        first = err.errors()[0]
        key = str(first["loc"][0]) if first["loc"] else ""
        raise UsageError(code="err.record_field", option=f"--{key}",
                         value=str(record.get(key, "")), reason=first["msg"]) from None
    return record


def check_day(lib: DataRoot, day: dt.date) -> None:
    """A plan is for today or a day ahead."""
    if day < lib.today:
        raise UsageError(code="err.plan_past", date=day, today=lib.today)


def add_plan(lib: DataRoot, tx: Transaction, account_id: str, record: dict[str, Any]
             ) -> tuple[Path, Account]:
    """Write the plan into `tx` (which holds the account's lock): whom it meets are active
    contacts of the card. Its file, and the card."""
    from kadev.library.contacts import require_contacts
    from kadev.store.accounts import load_account
    from kadev.store.records import new_record_path
    from kadev.store.yamlio import dump

    check_day(lib, record["date"])
    card = load_account(lib.path, account_id)
    require_contacts(account_id, card.contact_names(active=True), record.get("theirs", []),
                     "--with")
    path = new_record_path(lib.path, account_id, "plans", record["date"].isoformat())
    tx.create(path, dump(record))
    return path, card


def open_plan(lib: DataRoot, rel: str) -> Plan:
    """The plan at `rel`, refused if it was cancelled or kept already."""
    from kadev.models import Plan
    from kadev.store.loader import load_or_raise

    plan = load_or_raise(lib.path, rel, Plan)
    if plan.cancelled is not None:
        raise WriteRefused(code="err.plan_cancelled", path=rel, date=plan.cancelled)
    if plan.visit is not None:
        raise WriteRefused(code="err.plan_kept", path=rel, visit=plan.visit)
    return plan


def keep_plan(lib: DataRoot, tx: Transaction, rel: str, visit_id: str) -> None:
    """The open plan at `rel` marked as kept by the visit `visit_id` (in the same write)."""
    from kadev.store.yamledit import set_value

    open_plan(lib, rel)
    path = lib.path / rel
    tx.replace(path, set_value(path.read_text(encoding="utf-8"), ["visit"], visit_id))


def move_plan(lib: DataRoot, tx: Transaction, rel: str, day: dt.date, time: str | None
              ) -> tuple[Plan, str]:
    """The open plan at `rel` moved to `day` (and `time`, when given): its file renamed to
    the new day, its id kept. The plan as it was, and its new relative path."""
    from kadev.store.yamledit import set_value

    check_day(lib, day)
    plan = open_plan(lib, rel)
    text = set_value((lib.path / rel).read_text(encoding="utf-8"), ["date"], day)
    if time is not None:
        text = set_value(text, ["time"], time)
    _check_plan(text, "--time")
    account_id, name = rel.split("/", 1)[0], rel.rsplit("/", 1)[-1]
    new_rel = f"{account_id}/plans/{day.isoformat()}{name[10:]}"
    if new_rel != rel:
        tx.remove(lib.path / rel)
        tx.create(lib.path / new_rel, text)
    else:
        tx.replace(lib.path / rel, text)
    return plan, new_rel


def cancel_plan(lib: DataRoot, tx: Transaction, rel: str, reason: str | None) -> Plan:
    """The open plan at `rel` cancelled today, with the reason; the plan as it was."""
    from kadev.store.yamledit import set_value

    plan = open_plan(lib, rel)
    text = set_value((lib.path / rel).read_text(encoding="utf-8"), ["cancelled"], lib.today)
    if reason:
        text = set_value(text, ["reason"], reason)
    tx.replace(lib.path / rel, text)
    return plan


def _check_plan(text: str, option: str) -> None:
    from kadev.models import Plan
    from kadev.store.loader import validate_data
    from kadev.store.yamlio import parse

    data, problem = parse(text, "plan")
    loaded = validate_data(data, text, "plan", Plan) if problem is None else None
    if loaded is None or loaded.record is None:
        found = problem or (loaded.problems[0] if loaded and loaded.problems else None)
        raise UsageError(code="p.concat", a=f"{option}: ", b=found.message if found else text)


def plan_list(lib: DataRoot, owner: str | None, week: bool, days: int
              ) -> tuple[dt.date, dt.date, list[dict[str, Any]]]:
    """The plan list of `owner` (None: the team): this week's, Monday to Sunday, with
    `week`, else today's and the next `days` days' (`plans.plan_rows`); its first and last
    day."""
    from kadev.analysis.plans import plan_rows
    from kadev.library.due import gather_facts

    today = lib.today
    if week:
        first = today - dt.timedelta(days=today.weekday())
        last = first + dt.timedelta(days=6)
    else:
        first, last = today, today + dt.timedelta(days=days)
    facts = gather_facts(lib, owner, lookback=max(0, (today - first).days))
    return first, last, plan_rows(facts, first, last, week, today)


def calendar(lib: DataRoot, owner: str | None, days: int, personal: bool,
             reveal: Callable[[str, Account], Account] | None) -> list[Event]:
    """The calendar's events for the next `days` (`plans.calendar_events`); personal data
    opened by `reveal` where this machine can."""
    from kadev.analysis.plans import calendar_events
    from kadev.library.due import gather_facts
    from kadev.store.accounts import load_account

    def address(account_id: str) -> str:  # where a visit takes place: the card's address
        card = load_account(lib.path, account_id)
        return (card.profile.address or "") if card.profile else ""

    facts = gather_facts(lib, owner, reveal=reveal if owner and personal else None)
    return calendar_events(facts, lib.settings, lib.today, days, personal, address)
