"""Contacts' personal data kept encrypted in the repository, readable by the team's keys.

A data root is *sealed* when it has a `recipients.txt`: the age public keys of the team
members who may read contacts' personal data (birthdays, personal notes, trips), each under a
`# name` comment line, as age's own recipients files are written. In a sealed root those
fields are not in `account.yaml`: each account's are in `personal.age` beside it, a mapping
(JSON, which is YAML too) `contacts: {name: {birthday, personal, itinerary}}` encrypted to
every recipient
(ASCII-armored, so `git` stores text; `age -d -i KEY personal.age` reads it too).

A member's private key lives outside the repository (`KADEV_KEY`, else
`~/.config/kadev/key.txt`, mode 600). `reveal` merges an account's sealed fields into its
card for the commands that show personal data, on a machine whose key is a recipient; without
one the card stays as the repository holds it (no personal data). `seal_plan` computes a
lock: plain personal fields moved out of each card and into its sealed file, and, when the
recipients changed, every sealed file encrypted again to the new list.

pyrage (Python bindings of rage, the Rust implementation of age) does the cryptography:
X25519 keys, ChaCha20-Poly1305 payloads, a published file format other tools read.
"""

from __future__ import annotations

import base64
import dataclasses
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kadev.errors import DataError, KadevError, Problem
from kadev.i18n import lazy
from kadev.store.root import RECIPIENTS_FILE, SEALED_FILE

if TYPE_CHECKING:  # the models are imported when a card is, not by every validate
    from kadev.models.account import Account, Contact
    from kadev.models.folder import CardFacts

KEY_ENV = "KADEV_KEY"
_BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----"
_END = "-----END AGE ENCRYPTED FILE-----"
_RECIPIENT_RE = re.compile(r"^age1[0-9a-z]{58}$")


class NoKey(KadevError):
    """This machine holds no key that opens the root's personal data."""


@dataclass(frozen=True)
class Member:
    name: str
    recipient: str  # an age X25519 public key, age1…


# --- keys ---------------------------------------------------------------------------------

def key_path() -> Path:
    """Where this machine's private key is: `KADEV_KEY`, else the user's config folder."""
    given = os.environ.get(KEY_ENV)
    if given:
        return Path(given).expanduser()
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "kadev" / "key.txt"


def new_key(path: Path) -> str:
    """A new private key written to `path` (readable by its owner only); its public key."""
    import pyrage

    identity = pyrage.x25519.Identity.generate()
    public = str(identity.to_public())
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(f"# kadev key, public key: {public}\n{identity}\n")
    return public


def _identity_line(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return None
    return next((line.strip() for line in text.splitlines()
                 if line.strip().startswith("AGE-SECRET-KEY-")), None)


def my_identity() -> Any:
    """This machine's age identity, or None when it has none (or an unreadable one)."""
    import pyrage

    line = _identity_line(key_path())
    if line is None:
        return None
    try:
        return pyrage.x25519.Identity.from_str(line)
    except pyrage.IdentityError:
        return None


def my_recipient() -> str | None:
    identity = my_identity()
    return None if identity is None else str(identity.to_public())


# --- the team's recipients ------------------------------------------------------------------

def is_recipient(text: str) -> bool:
    if not _RECIPIENT_RE.match(text):
        return False
    import pyrage

    try:
        pyrage.x25519.Recipient.from_str(text)
    except pyrage.RecipientError:
        return False
    return True


def read_members(root: Path) -> tuple[list[Member], list[Problem]]:
    """The members listed in the root's recipients file (none when it has none)."""
    path = root / RECIPIENTS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return [], []
    except (OSError, UnicodeDecodeError):
        return [], [Problem(RECIPIENTS_FILE, 0, 0, lazy("p.recipients_unreadable"))]
    members, problems, name = [], [], ""
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            name = line.lstrip("#").strip()
            continue
        if is_recipient(line):
            members.append(Member(name or line[:12], line))
        else:
            problems.append(Problem(RECIPIENTS_FILE, number, 1, lazy("p.bad_recipient")))
        name = ""
    return members, problems


def members_text(members: Sequence[Member]) -> str:
    lines = ["# kadev: who can read contacts' personal data (age public keys, one per member)",
             "# 谁能读取联系人的个人信息（每位成员一个 age 公钥）", ""]
    for member in members:
        lines += [f"# {member.name}", member.recipient]
    return "\n".join(lines) + "\n"


def is_sealed(root: Path) -> bool:
    return (root / RECIPIENTS_FILE).is_file()


# --- the sealed files -------------------------------------------------------------------------

def armor(data: bytes) -> str:
    """age's ASCII armor: the payload in base64, 64 characters a line, between markers."""
    encoded = base64.b64encode(data).decode("ascii")
    body = "\n".join(encoded[i:i + 64] for i in range(0, len(encoded), 64))
    return f"{_BEGIN}\n{body}\n{_END}\n"


def dearmor(text: str) -> bytes | None:
    lines = text.strip().splitlines()
    if len(lines) < 2 or lines[0].strip() != _BEGIN or lines[-1].strip() != _END:
        return None
    try:
        return base64.b64decode("".join(line.strip() for line in lines[1:-1]), validate=True)
    except ValueError:
        return None


def encrypt(data: dict[str, Any], members: Sequence[Member]) -> str:
    import json

    import pyrage

    recipients = [pyrage.x25519.Recipient.from_str(m.recipient) for m in members]
    # JSON, which YAML reads too: written ten times faster than YAML by a Python dumper
    plain = json.dumps(data, ensure_ascii=False, indent=1, default=str).encode("utf-8")
    return armor(pyrage.encrypt(plain, recipients))


def sealed_rel(account_id: str) -> str:
    return f"{account_id}/{SEALED_FILE}"


def decrypt(root: Path, account_id: str, identity: Any) -> dict[str, dict[str, Any]]:
    """The sealed personal fields of an account's contacts, by contact name ({} when it has no
    sealed file); NoKey when `identity` does not open it; DataError when it is damaged."""
    rel = sealed_rel(account_id)
    try:
        text = (root / rel).read_text(encoding="ascii")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError):
        raise DataError(Problem(rel, 0, 0, lazy("p.sealed_damaged"))) from None
    payload = dearmor(text)
    if payload is None:
        raise DataError(Problem(rel, 0, 0, lazy("p.sealed_damaged")))
    if identity is None:
        raise NoKey(code="err.no_key", path=key_path())
    return _open_payload(payload, identity, rel)


def _entry(sealed: dict[str, dict[str, Any]], contact: Contact) -> dict[str, Any] | None:
    for name in (contact.name, *contact.aliases):  # a renamed contact keeps its old name
        if name in sealed:
            return sealed[name]
    return None


def merge(card: Account, sealed: dict[str, dict[str, Any]], rel: str) -> Account:
    """`card` with each contact's sealed personal fields put back."""
    from kadev.models.account import PERSONAL_FIELDS, Contact
    from kadev.models.base import to_data, validate

    if not sealed:
        return card
    contacts = []
    for contact in card.contacts:
        entry = _entry(sealed, contact)
        if not entry:
            contacts.append(contact)
            continue
        fields = {k: v for k, v in entry.items() if k in PERSONAL_FIELDS}
        try:
            contacts.append(validate(Contact, {**to_data(contact), **fields}))
        except ValueError:  # pydantic's ValidationError: named, never quoted (personal data)
            raise DataError(Problem(rel, 0, 0, lazy("p.sealed_invalid", name=contact.name))
                            ) from None
    return dataclasses.replace(card, contacts=contacts)


def reveal(root: Path, account_id: str, card: Account, identity: Any = None) -> Account:
    """The card with its sealed personal data, when this machine can open it; else as it is.
    (`identity`: pass `my_identity()` once when revealing many cards.)"""
    if not (root / sealed_rel(account_id)).is_file():
        return card
    identity = my_identity() if identity is None else identity
    try:
        return merge(card, decrypt(root, account_id, identity), sealed_rel(account_id))
    except NoKey:
        return card


def can_read(root: Path) -> bool | None:
    """None when the root is not sealed; else whether this machine's key is a recipient."""
    if not is_sealed(root):
        return None
    mine = my_recipient()
    members, _ = read_members(root)
    return mine is not None and any(m.recipient == mine for m in members)


# --- locking ----------------------------------------------------------------------------------

def plain_personal(data: Any) -> dict[str, dict[str, Any]]:
    """The personal fields a card's YAML data holds in plain text, by contact name."""
    from kadev.models.account import PERSONAL_FIELDS

    found: dict[str, dict[str, Any]] = {}
    contacts = data.get("contacts") if isinstance(data, dict) else None
    for contact in contacts if isinstance(contacts, list) else []:
        if isinstance(contact, dict) and isinstance(contact.get("name"), str):
            fields = {k: contact[k] for k in PERSONAL_FIELDS if contact.get(k) not in (None, [])}
            if fields:
                found[contact["name"]] = fields
    return found


def plain_findings(account_id: str, card: CardFacts
                   ) -> list[tuple[str, tuple[str | int, ...], Any]]:
    """(path, key path, message) of each personal field a card holds in plain text."""
    return [(f"{account_id}/account.yaml", ("contacts", number, name), lazy("p.personal_plain"))
            for number, name in card.personal]


@dataclass
class SealChange:
    account: str
    card_text: str | None  # the card without its plain personal fields (None: unchanged)
    sealed_text: str  # the new personal.age
    moved: int  # plain fields moved into it


def seal_plan(root: Path, accounts: Iterable[str], members: Sequence[Member],
              reseal: bool) -> list[SealChange]:
    """What a lock writes: for each account with plain personal fields, the card without them
    and its sealed file with them (merged into what it already sealed); with `reseal`, also
    every other sealed file encrypted again to `members`. Refused without a key when a sealed
    file must be opened."""
    from kadev.models.account import PERSONAL_FIELDS
    from kadev.store.loader import parse_file
    from kadev.store.yamledit import remove_keys

    identity = None
    changes = []
    for account_id in accounts:
        rel = f"{account_id}/account.yaml"
        data, text, problem = parse_file(root, rel)
        if problem is not None or text is None:
            raise DataError(problem or Problem(rel, 0, 0, lazy("p.empty")))
        plain = plain_personal(data)
        has_sealed = (root / sealed_rel(account_id)).is_file()
        if not plain and not (reseal and has_sealed):
            continue
        sealed: dict[str, dict[str, Any]] = {}
        if has_sealed:
            identity = identity or my_identity()
            sealed = decrypt(root, account_id, identity)
        card_text = None
        if plain:
            card_text = remove_keys(text, [
                ["contacts", number, name] for number, contact in enumerate(data["contacts"])
                if isinstance(contact, dict) and contact.get("name") in plain
                for name in PERSONAL_FIELDS if name in contact])
        for name, fields in plain.items():
            sealed[name] = {**sealed.get(name, {}), **fields}
        if not sealed:
            continue
        changes.append(SealChange(account_id, card_text, encrypt({"contacts": sealed}, members),
                                  sum(len(f) for f in plain.values())))
    return changes


def merge_sealed(texts: Sequence[str], root: Path, rel: str) -> tuple[str, list[str]]:
    """Git's merge of an account's personal.age (base, ours, theirs): each side decrypted,
    merged field by field, encrypted again to the root's members; with the fields both sides
    changed differently ("contact: field"), where ours is kept. NoKey without a key."""
    identity = my_identity()
    if identity is None:
        raise NoKey(code="err.no_key", path=key_path())
    sides: list[dict[str, dict[str, Any]]] = []
    for text in texts:
        payload = dearmor(text) if text.strip() else None
        if not text.strip():
            sides.append({})
            continue
        if payload is None:
            raise DataError(Problem(rel, 0, 0, lazy("p.sealed_damaged")))
        sides.append(_open_payload(payload, identity, rel))
    base, ours, theirs = sides
    merged: dict[str, dict[str, Any]] = {}
    conflicts = []
    for name in dict.fromkeys([*ours, *theirs, *base]):
        fields: dict[str, Any] = {}
        o, a, b = (side.get(name, {}) for side in (base, ours, theirs))
        for key in dict.fromkeys([*a, *b, *o]):
            old, mine, other = o.get(key), a.get(key), b.get(key)
            value = mine if mine == other or other == old else other if mine == old else mine
            if mine != other and old not in (mine, other):
                conflicts.append(f"{name}: {key}")
            if value is not None:
                fields[key] = value
        if fields:
            merged[name] = fields
    members, _ = read_members(root)
    return encrypt({"contacts": merged}, members), conflicts


def _open_payload(payload: bytes, identity: Any, rel: str) -> dict[str, dict[str, Any]]:
    import pyrage

    from kadev.store.yamlio import parse

    try:
        plain = pyrage.decrypt(payload, [identity])
    except pyrage.DecryptError:
        raise NoKey(code="err.not_recipient", path=rel) from None
    data, problem = parse(plain.decode("utf-8"), rel)
    contacts = data.get("contacts") if isinstance(data, dict) else None
    if problem is not None or not isinstance(contacts, dict):
        raise DataError(Problem(rel, 0, 0, lazy("p.sealed_damaged")))
    return {str(k): v for k, v in contacts.items() if isinstance(v, dict)}
