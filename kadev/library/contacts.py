"""The contact rule: a person named in a visit, a plan, a complaint or a briefing must be a
contact of the account's card (else the closest names are offered)."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from kadev.errors import NotFoundError

if TYPE_CHECKING:
    from kadev.i18n import Msg
    from kadev.models import Account


def require_contacts(account_id: str, known: Collection[str], names: Collection[str],
                     option: str, then: Msg | None = None) -> None:
    """Every name is one of `known` (a card's contact names), else NotFoundError naming the
    option, the closest names and `then` (what to do about it)."""
    from kadev.analysis.checks import closest
    from kadev.i18n import lazy

    for name in names:
        if name not in known:
            found = lazy("err.not_contact", option=option, name=name, account=account_id,
                         hint=closest(name, known))
            raise NotFoundError(code="p.concat", a=found, b=then or "")


def check_attendees(account_id: str, card: Account, theirs: list[str], new: list[str]) -> None:
    """A visit's attendees on their side are contacts of the card, or new ones (`new`, added
    to the card by the same write) that are not contacts yet."""
    from kadev.i18n import lazy

    known = card.contact_names()
    for name in new:
        if name in known:
            raise NotFoundError(code="err.new_contact_exists", name=name, account=account_id)
    for name in theirs:
        if name not in new:
            require_contacts(account_id, known, [name], "--theirs",
                             lazy("err.add_contact", name=name))
