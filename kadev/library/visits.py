"""Recording a visit (`kadev visit add`): the visit's record, checked; what it does to the
card (the open deal it moves on, the new contacts it adds); the plan it keeps and the
follow-up plan its next visit makes. All in one write of the account."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kadev.errors import UsageError
from kadev.i18n import lazy

if TYPE_CHECKING:
    from kadev.library import DataRoot
    from kadev.models import Account
    from kadev.store.transaction import Transaction

# the visit's keys in the model's order, and the option of `kadev visit add` that gives each
ORDER = ("date", "time", "place", "method", "ours", "theirs", "preparation", "points",
         "thoughts", "progress", "next_steps", "next_visit", "next_visit_time", "changes")
OPTION_OF = {"date": "--date", "time": "--time", "place": "--place", "method": "--method",
             "ours": "--ours", "theirs": "--theirs", "points": "--points",
             "thoughts": "--thoughts", "progress": "--progress", "next_steps": "--next-steps",
             "next_visit": "--next-visit", "next_visit_time": "--next-visit-time"}
REQUIRED = ("method", "points")


@dataclass
class VisitDraft:
    """A visit as the rep gave it: its fields (`ORDER`), the deal changes it makes (stage,
    expected_close, grade, value of the open deal named by `deal`), the contacts it adds to
    the card and the plan (relative path) it keeps."""

    fields: dict[str, Any]
    wanted: dict[str, Any] = field(default_factory=dict)
    deal: str | None = None
    new_contacts: list[str] = field(default_factory=list)
    plan: str | None = None


@dataclass
class RecordedVisit:
    """What `record_visit` wrote: the visit's file and record, the deal's changes and the
    card as it was under the lock."""

    path: Path
    visit: dict[str, Any]
    changes: list[dict[str, Any]]
    card: Account


def check_draft(lib: DataRoot, account_id: str, card: Account, draft: VisitDraft) -> None:
    """What can be refused before the account is locked: a missing field, a day ahead, a
    plan of another account, an attendee not a contact."""
    from kadev.library.contacts import check_attendees
    from kadev.store.records import record_id

    fields = draft.fields
    missing = [OPTION_OF[key] for key in REQUIRED if not fields.get(key)]
    if missing:
        raise UsageError(code="err.missing", options=", ".join(missing))
    if fields["date"] > lib.today:
        raise UsageError(code="err.visit_future", date=fields["date"], today=lib.today)
    check_attendees(account_id, card, fields["theirs"], draft.new_contacts)
    if draft.plan is not None and not draft.plan.startswith(f"{account_id}/"):
        raise UsageError(code="err.plan_other", plan=record_id(draft.plan)[-6:],
                         account=draft.plan.split("/", 1)[0])


def record_visit(lib: DataRoot, tx: Transaction, account_id: str, draft: VisitDraft
                 ) -> RecordedVisit:
    """Write the visit into `tx` (which holds the account's lock; the caller commits): the
    card read again as it is now, the deal moved on and new contacts added to it, the
    visit's file, the plan it keeps marked, and its next visit planned."""
    from kadev.library.cards import check_card
    from kadev.library.contacts import check_attendees
    from kadev.library.plans import keep_plan, plan_record
    from kadev.store.accounts import load_account
    from kadev.store.loader import account_rel
    from kadev.store.records import new_record_path
    from kadev.store.yamledit import append_item
    from kadev.store.yamlio import dump

    root = lib.path
    card = load_account(root, account_id)  # as it is now, under the account's lock
    fields = dict(draft.fields)
    check_attendees(account_id, card, fields["theirs"], draft.new_contacts)
    card_path = root / account_rel(account_id)
    card_text = card_path.read_text(encoding="utf-8")
    new_text, changes = deal_update(card, card_text, draft.wanted, draft.deal, lib.today)
    for name in draft.new_contacts:
        new_text = append_item(new_text, ["contacts"], {"name": name})
    if changes:
        fields["changes"] = changes
    visit = visit_record(fields)
    if new_text != card_text:
        check_card(lib, account_id, new_text)
        tx.replace(card_path, new_text)
    path = new_record_path(root, account_id, "visits", visit["date"].isoformat())
    tx.create(path, dump(visit))
    if draft.plan is not None:
        keep_plan(lib, tx, draft.plan, path.stem)
    if visit.get("next_visit"):
        planned = visit["next_visit"]
        tx.create(new_record_path(root, account_id, "plans", planned.isoformat()),
                  dump(plan_record(planned, visit.get("next_visit_time"), "face-to-face",
                                   visit["ours"], visit.get("theirs", []), None, path.stem)))
    return RecordedVisit(path, visit, changes, card)


def visit_record(fields: dict[str, Any]) -> dict[str, Any]:
    """The visit in the model's key order, empty fields left out, validated (an invalid
    field is refused naming its option)."""
    from pydantic import ValidationError

    from kadev.models import Visit
    from kadev.models.base import validate

    record = {k: fields[k] for k in ORDER if fields.get(k) not in (None, "", [])}
    try:
        validate(Visit, record)
    except ValidationError as err:
        first = err.errors()[0]
        key = str(first["loc"][0]) if first["loc"] else ""
        rule = (first.get("ctx") or {}).get("error")
        key = getattr(rule, "field", key)
        message = rule if rule else first["msg"]
        raise UsageError(code="err.record_field", option=OPTION_OF.get(key, key),
                         value=str(record.get(key, "")), reason=message) from None
    return record


def deal_update(card: Account, text: str, wanted: dict[str, Any], deal: str | None,
                today: dt.date) -> tuple[str, list[dict[str, Any]]]:
    """The card's text with its open deal updated to `wanted` (stage, expected_close, grade,
    value), and the changes as the visit records them (only fields that change).

    The deal is the one open deal, or the open deal named (exactly, else by a part of its
    name) by `deal`; an expected close before today is refused."""
    from kadev.store.yamledit import set_value

    close = wanted.get("expected_close")
    if close is not None and close < today:
        raise UsageError(code="err.close_past", date=close, today=today)
    if not wanted:
        if deal:
            raise UsageError(code="err.deal_only")
        return text, []
    from kadev.library.deals import matching_deals

    chosen, open_deals = matching_deals(card, deal)
    if len(chosen) != 1:
        names = ", ".join(d.name for _, d in open_deals) or "-"
        reason = (lazy("err.deal.none") if not open_deals else lazy("err.deal.several")
                  if not deal else lazy("err.deal.matches", deal=deal, count=len(chosen)))
        fix = lazy("err.deal.fix_name") if open_deals else lazy("err.deal.fix_add")
        raise UsageError(code="err.deal", reason=reason, names=names, fix=fix)
    index, opportunity = chosen[0]
    changes = []
    for key, new in wanted.items():
        old = getattr(opportunity, key)
        old_text = None if old is None else str(old.value if hasattr(old, "value") else old)
        new_text = str(new)
        if old_text == new_text or (key == "value" and old is not None and old == new):
            continue
        text = set_value(text, ["opportunities", index, key], new)
        changes.append({"opportunity": opportunity.name, "field": key, "from": old_text,
                        "to": new_text})
    return text, changes
