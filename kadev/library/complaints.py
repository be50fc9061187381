"""Complaints (`kadev complaint add / step / resolve / list`): logging one, the steps taken
and its result, and the list with each complaint's age."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kadev.errors import UsageError, WriteRefused

if TYPE_CHECKING:
    from kadev.library import DataRoot
    from kadev.models import Account, Complaint
    from kadev.store.accounts import CardIndex
    from kadev.store.transaction import Transaction


def check_complaint(lib: DataRoot, account_id: str, card: Account, record: dict[str, Any]
                    ) -> None:
    """A complaint (date, what, product, severity, escalated, contact) says something, is
    not dated ahead, and names a contact of the card, if any."""
    from kadev.library.contacts import require_contacts

    if not record.get("what"):
        raise UsageError(code="err.missing_opt", what="--what")
    if record["date"] > lib.today:
        raise UsageError(code="err.future", option="--date", date=record["date"])
    if record.get("contact"):
        require_contacts(account_id, card.contact_names(), [record["contact"]], "--contact")


def log_complaint(lib: DataRoot, tx: Transaction, account_id: str, card: Account,
                  record: dict[str, Any]) -> Path:
    """Write the complaint into `tx` (`check_complaint`). Its file."""
    from kadev.store.records import new_record_path
    from kadev.store.yamlio import dump

    check_complaint(lib, account_id, card, record)
    order = ("date", "what", "product", "severity", "escalated", "contact")
    path = new_record_path(lib.path, account_id, "complaints", record["date"].isoformat())
    tx.create(path, dump({k: record[k] for k in order
                          if record.get(k) not in (None, "") or k == "escalated"}))
    return path


def update_complaint(lib: DataRoot, tx: Transaction, rel: str, day: dt.date,
                     steps: list[str], result: str | None) -> Complaint:
    """The steps taken on `day` added to the open complaint at `rel`, and with a result, the
    complaint resolved that day, in `tx` (which holds the account's lock). The complaint as
    it was."""
    from kadev.models import Complaint
    from kadev.store.loader import load_or_raise
    from kadev.store.yamledit import append_item, set_value

    steps = check_update(lib, day, steps, result)
    complaint = load_or_raise(lib.path, rel, Complaint)
    if not complaint.is_open:
        raise WriteRefused(code="err.already_resolved", path=rel, date=complaint.resolved)
    if day < complaint.date:
        raise UsageError(code="err.before_opened", date=day, opened=complaint.date)
    path = lib.path / rel
    text = path.read_text(encoding="utf-8")
    for action in steps:
        text = append_item(text, ["steps"], {"date": day, "action": action})
    if result is not None:
        text = set_value(text, ["result"], result)
        text = set_value(text, ["resolved"], day)
    tx.replace(path, text)
    return complaint


def check_update(lib: DataRoot, day: dt.date, steps: list[str], result: str | None
                 ) -> list[str]:
    """The steps that say something, refused when none does and there is no result, or when
    `day` is ahead (what can be refused before the complaint is found)."""
    steps = [s.strip() for s in steps if s.strip()]
    if not steps and result is None:
        raise UsageError(code="err.missing_opt", what="ACTION")
    if day > lib.today:
        raise UsageError(code="err.future", option="--date", date=day)
    return steps


def complaint_rows(lib: DataRoot, account_id: str | None, owner: str | None, open_only: bool
                   ) -> list[dict[str, Any]]:
    """The complaints of one account (or every one, or one owner's), each with its age in
    days (to its resolution, or to today): open first, escalated first, oldest first."""
    today = lib.today
    rows = []
    for i, card, rel, item in complaints_of(lib, [account_id] if account_id else None):
        if (owner and card.owner != owner) or (open_only and not item.is_open):
            continue
        end = item.resolved or today
        rows.append({"account": i, "name": card.name, "short": card.short,
                     "id": rel.rsplit("/", 1)[-1].removesuffix(".yaml"),
                     "date": item.date.isoformat(), "age_days": (end - item.date).days,
                     "status": "open" if item.is_open else "resolved",
                     "severity": item.severity.value, "escalated": item.escalated,
                     "product": item.product, "what": item.what,
                     "resolved": item.resolved.isoformat() if item.resolved else None,
                     "owner": card.owner})
    rows.sort(key=lambda r: (r["status"] != "open", not r["escalated"], r["date"]))
    return rows


def complaints_of(lib: DataRoot, ids: list[str] | None
                  ) -> Iterator[tuple[str, CardIndex, str, Complaint]]:
    """(account, its card's index, relative path, complaint) of each complaint of the
    accounts `ids` (None: of every card), read through the per-file cache."""
    from kadev.store.cache import FileCache
    from kadev.store.records import load_complaints

    index = lib.index()
    files, listing = FileCache(lib.path, "complaints"), FileCache(lib.path, "listing")
    for i in ids if ids is not None else list(index):
        if i in index:
            for rel, complaint in load_complaints(lib.path, i, files, listing):
                yield i, index[i], rel, complaint
    files.save()
    listing.save()
