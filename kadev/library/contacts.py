"""The contact rule: a person named in a visit, a plan, a complaint or a briefing must be a
contact of the account's card (else the closest names are offered)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any

from kadev.errors import NotFoundError, UsageError

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


# Changes of a card's contacts, refused at once where the options say enough: each returns
# the change, which takes the account, its card (as read under the account's lock) and the
# card's text, and returns the new text (`library.cards.change_card` writes it).

def contact_index(account_id: str, card: Account, name: str) -> int:
    """Where on the card the contact `name` (or a former name of theirs) is."""
    require_contacts(account_id, card.contact_names(), [name], "NAME")
    person = card.contact(name)
    assert person is not None  # (a name or a former name of a contact: just checked)
    return card.contacts.index(person)


def add_contact(name: str, fields: dict[str, Any]
                ) -> Callable[[str, Account, str], str]:
    """A new person on the card (`fields`: title, phone, layer …); the name must be new."""
    from kadev.store.yamledit import append_item

    name = name.strip()
    if not name:
        raise UsageError(code="err.missing_opt", what="NAME")

    def change(account_id: str, card: Account, text: str) -> str:
        if card.contact(name) is not None:
            raise UsageError(code="err.contact_exists", name=name, account=account_id)
        return append_item(text, ["contacts"], {"name": name, **fields})

    return change


def edit_contact(name: str, fields: dict[str, Any]
                 ) -> Callable[[str, Account, str], str]:
    """The fields given changed on the person's entry (at least one)."""
    from kadev.store.yamledit import set_value

    if not fields:
        raise UsageError(code="err.contact_nothing")

    def change(account_id: str, card: Account, text: str) -> str:
        index = contact_index(account_id, card, name)
        for key, value in fields.items():
            text = set_value(text, ["contacts", index, key], value)
        return text

    return change


def retire_contact(name: str, day: dt.date, today: dt.date
                   ) -> Callable[[str, Account, str], str]:
    """The person retired on `day` (not ahead; not twice)."""
    from kadev.store.yamledit import set_value

    if day > today:
        raise UsageError(code="err.future", option="--date", date=day)

    def change(account_id: str, card: Account, text: str) -> str:
        index = contact_index(account_id, card, name)
        if card.contacts[index].retired is not None:
            raise UsageError(code="err.contact_retired", name=name,
                             date=card.contacts[index].retired)
        return set_value(text, ["contacts", index, "retired"], day)

    return change


def rename_contact(name: str, new: str) -> Callable[[str, Account, str], str]:
    """The person's name corrected to `new` (no other contact's); the old name becomes an
    alias, so the records that name it stay valid."""
    from kadev.store.yamledit import put_value, set_value

    new = new.strip()
    if not new:
        raise UsageError(code="err.missing_opt", what="NEW")

    def change(account_id: str, card: Account, text: str) -> str:
        index = contact_index(account_id, card, name)
        person = card.contacts[index]
        if new != person.name and card.contact(new) not in (None, person):
            raise UsageError(code="err.contact_exists", name=new, account=account_id)
        aliases = [a for a in [*person.aliases, person.name] if a != new]
        text = set_value(text, ["contacts", index, "name"], new)
        return put_value(text, ["contacts", index, "aliases"], list(dict.fromkeys(aliases)))

    return change
