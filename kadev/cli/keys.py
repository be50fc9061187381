"""`kadev key`: contacts' personal data encrypted in the repository (see kadev.store.personal)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from kadev.cli import state
from kadev.cli.common import commit_text, writing

if TYPE_CHECKING:
    from kadev.store.personal import Member

app = typer.Typer(no_args_is_help=True)

RECIPIENTS_LOCK = "_recipients"  # the lock of recipients.txt (no account id starts with _)


@app.command("new")
def new() -> None:
    """Make this machine's private key (once per member), outside the repository, and print
    its public key for a member who has one to add (`kadev key add`).

    Example: kadev key new
    """
    from kadev.i18n import t
    from kadev.store import personal

    path = personal.key_path()
    mine = personal.my_recipient()
    if mine is not None:
        typer.echo(t("key.exists", path=path, key=mine))
        return
    if path.exists():
        from kadev.errors import WriteRefused

        raise WriteRefused(code="err.key_unreadable", path=path)
    typer.echo(t("key.made", path=path, key=personal.new_key(path)))


@app.command("list")
def list_() -> None:
    """The members who can read contacts' personal data, and whether this machine can.

    Example: kadev key list
    """
    from kadev.i18n import t
    from kadev.render.output import print_table
    from kadev.store import personal

    root = state.root()
    members, problems = personal.read_members(root)
    if problems:
        from kadev.errors import DataError

        raise DataError(problems)
    mine = personal.my_recipient()
    if not personal.is_sealed(root):
        typer.echo(t("key.not_sealed"))
    else:
        print_table(t("key.title"), [t("h.member"), t("h.public_key"), ""],
                    [[m.name, m.recipient, t("key.this_machine") if m.recipient == mine else ""]
                     for m in members])
    typer.echo(t("key.mine", key=mine) if mine else t("key.none", path=personal.key_path()))


@app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The member's name (as in the team list).")],
    public_key: Annotated[str, typer.Argument(help="Their public key, age1…, printed by "
                                                   "their `kadev key new`.")],
) -> None:
    """Let a member read contacts' personal data: adds their public key to recipients.txt and
    encrypts every account's personal data again so that their key opens it. The first member
    added seals the folder: personal fields then move out of the cards (as `kadev key lock`).

    Example: kadev key add 张伟 age1qy…
    """
    from kadev.errors import UsageError, WriteRefused
    from kadev.i18n import t
    from kadev.store import personal

    public_key, name = public_key.strip(), name.strip()
    if not personal.is_recipient(public_key):
        raise UsageError(t("err.bad_public_key", value=public_key[:20]))
    root = state.root()
    members, problems = personal.read_members(root)
    if problems:
        from kadev.errors import DataError

        raise DataError(problems)
    if any(m.recipient == public_key for m in members):
        raise WriteRefused(code="err.member_exists", name=name)
    if members and personal.can_read(root) is False:
        raise WriteRefused(code="err.key_needed_for_add", path=personal.key_path())
    _lock(members + [personal.Member(name or public_key[:12], public_key)], reseal=True,
          message=("commit.key_add", {"name": name}))


@app.command("remove")
def remove(
    name: Annotated[str, typer.Argument(help="The member's name or public key.")],
) -> None:
    """Stop a member reading personal data from now on: removes their key and encrypts every
    account's personal data again without it (what they could read before stays in the
    history they already have).

    Example: kadev key remove 张伟
    """
    from kadev.errors import NotFoundError, WriteRefused
    from kadev.i18n import t
    from kadev.store import personal

    root = state.root()
    members, _ = personal.read_members(root)
    left = [m for m in members if name not in (m.name, m.recipient)]
    if len(left) == len(members):
        raise NotFoundError(t("err.no_member", name=name,
                              names="、".join(m.name for m in members) or "-"))
    if not left:
        raise WriteRefused(code="err.last_member")
    if personal.can_read(root) is False:
        raise WriteRefused(code="err.key_needed_for_add", path=personal.key_path())
    _lock(left, reseal=True, message=("commit.key_remove", {"name": name}))


@app.command("lock")
def lock() -> None:
    """Move personal fields written in cards (birthdays, personal notes, trips) into each
    account's encrypted personal.age; needs a sealed folder (`kadev key add`). Write a new
    birthday in the card as usual, then run this before committing.

    Example: kadev key lock
    """
    from kadev.errors import WriteRefused
    from kadev.store import personal

    root = state.root()
    members, problems = personal.read_members(root)
    if problems:
        from kadev.errors import DataError

        raise DataError(problems)
    if not members:
        raise WriteRefused(code="err.not_sealed")
    _lock(members, reseal=False, message=("commit.key_lock", {}))


def _lock(members: Sequence[Member], reseal: bool, message: tuple[str, dict[str, str]]
          ) -> None:
    """Seal every account's personal data to `members` (and write recipients.txt when
    `reseal`), in one commit."""
    from kadev.i18n import t
    from kadev.models.account import plain_personal_fields
    from kadev.store import personal
    from kadev.store.accounts import account_ids
    from kadev.store.root import ACCOUNT_FILE, RECIPIENTS_FILE

    root = state.root()
    chosen = list(members)
    ids = account_ids(root)
    with writing(RECIPIENTS_LOCK, *ids) as tx:
        # the cards that hold personal fields in plain text (known from the index, so that
        # only those are read again), and with `reseal` every account with a sealed file
        plain = {i for i, card in state.cards() if plain_personal_fields(card)}
        changes = personal.seal_plan(root, [i for i in ids if i in plain or (
            reseal and (root / personal.sealed_rel(i)).is_file())], chosen, reseal)
        if reseal:
            from kadev.cli.gitsetup import add_setup

            tx.replace(root / RECIPIENTS_FILE, personal.members_text(chosen))
            add_setup(tx, root)  # git merges personal.age field by field too
        elif not changes:
            typer.echo(t("key.nothing"))
            return
        for change in changes:
            if change.card_text is not None:
                tx.replace(root / change.account / ACCOUNT_FILE, change.card_text)
            tx.replace(root / personal.sealed_rel(change.account), change.sealed_text)
        moved = sum(c.moved for c in changes)
        code, args = message
        tx.commit(commit_text(code, accounts=len(changes), fields=moved, **args))
    typer.echo(t("key.sealed", accounts=len(changes), fields=moved, members=len(chosen)))


def register(app_: typer.Typer) -> None:
    app_.add_typer(app, name="key", help="Contacts' personal data encrypted in the repository: "
                                         "keys, members, lock.")
