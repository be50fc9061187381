"""What recording a visit does to the card beyond the visit's own file: the open deal it
moves on (stage, expected close, grade, value), as the visit records the change."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from kadev.errors import UsageError
from kadev.i18n import lazy

if TYPE_CHECKING:
    from kadev.models import Account


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
    open_deals = [(i, d) for i, d in enumerate(card.opportunities) if d.is_open]
    if deal:
        chosen = [(i, d) for i, d in open_deals if d.name == deal] or [
            (i, d) for i, d in open_deals if deal.lower() in d.name.lower()]
    else:
        chosen = open_deals
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
