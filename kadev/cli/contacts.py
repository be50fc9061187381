"""`kadev contact add / edit / retire / rename`: the people on a card, changed without an
editor. A renamed contact keeps the old name as an alias, so old visits stay valid; a retired
one stays in the history but leaves briefings, prompts and lists."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from kadev.cli import state
from kadev.cli.common import AccountArg, choice, resolve_account, writing

app = typer.Typer(no_args_is_help=True)
LAYERS = ("decision", "management", "operation")
FUNCTIONS = ("user", "technical", "finance")
LEVELS = ("high", "medium", "low")
ATTITUDES = ("champion", "supporter", "neutral", "skeptic", "opponent")

Opt = Annotated[str | None, typer.Option(metavar="TEXT", show_default=False)]
LayerOpt = Annotated[str | None, typer.Option(**choice(LAYERS, "layer"), show_default=False)]
FunctionOpt = Annotated[str | None, typer.Option(**choice(FUNCTIONS, "function"),
                                                 show_default=False)]
LevelOpt = Annotated[str | None, typer.Option(**choice(LEVELS, "level"), show_default=False)]
AttitudeOpt = Annotated[str | None, typer.Option(**choice(ATTITUDES, "attitude"),
                                                 show_default=False)]
KeyOpt = Annotated[bool | None, typer.Option("--key-person/--not-key-person",
                                             help="The key person of the deal.",
                                             show_default=False)]
NodeOpt = Annotated[bool | None, typer.Option("--node/--not-node", help="A node: passes "
                                              "information to us.", show_default=False)]


def _fields(title: str | None, department: str | None, phone: str | None, email: str | None,
            wechat: str | None, layer: str | None, function: str | None, influence: str | None,
            attitude: str | None, key_person: bool | None, node: bool | None) -> dict[str, Any]:
    given = {"title": title, "department": department, "phone": phone, "email": email,
             "wechat": wechat, "layer": layer, "function": function, "influence": influence,
             "attitude": attitude, "key_person": key_person, "node": node}
    return {k: v for k, v in given.items() if v is not None}


@app.command("add")
def add(
    account: AccountArg,
    name: Annotated[str, typer.Argument(help="The person's name, unique on the card.")],
    title: Opt = None, department: Opt = None, phone: Opt = None, email: Opt = None,
    wechat: Opt = None, layer: LayerOpt = None, function: FunctionOpt = None,
    influence: LevelOpt = None, attitude: AttitudeOpt = None, key_person: KeyOpt = None,
    node: NodeOpt = None,
) -> None:
    """Add a person to the card.

    Example: kadev contact add 华光 周建国 --title 设备部经理 --layer management \\
    --phone 13812345678 --attitude supporter
    """
    from kadev.i18n import t
    from kadev.library.contacts import add_contact

    fields = _fields(title, department, phone, email, wechat, layer, function, influence,
                     attitude, key_person, node)
    change = add_contact(name, fields)
    name = name.strip()
    account_id = resolve_account(account)
    _change(account_id, change, "commit.contact_add", person=name)
    typer.echo(t("contact.added", name=name, account=account_id))


@app.command("edit")
def edit(
    account: AccountArg,
    name: Annotated[str, typer.Argument(help="The contact's name.")],
    title: Opt = None, department: Opt = None, phone: Opt = None, email: Opt = None,
    wechat: Opt = None, layer: LayerOpt = None, function: FunctionOpt = None,
    influence: LevelOpt = None, attitude: AttitudeOpt = None, key_person: KeyOpt = None,
    node: NodeOpt = None,
) -> None:
    """Change what the card says of a person (only the options given).

    Example: kadev contact edit 华光 袁婷 --title 总经理 --key-person
    """
    from kadev.i18n import t
    from kadev.library.contacts import edit_contact

    fields = _fields(title, department, phone, email, wechat, layer, function, influence,
                     attitude, key_person, node)
    change = edit_contact(name, fields)
    account_id = resolve_account(account)
    _change(account_id, change, "commit.contact_edit", person=name,
            fields=", ".join(f"{k} {v}" for k, v in fields.items()))
    typer.echo(t("contact.edited", name=name, account=account_id))


@app.command("retire")
def retire(
    account: AccountArg,
    name: Annotated[str, typer.Argument(help="The contact's name.")],
    date: Annotated[str | None, typer.Option(help="Since when (default: today).",
                                             show_default=False)] = None,
) -> None:
    """Retire a person who left the customer or the role: kept for the history, gone from
    briefings, prompts, birthdays and lists.

    Example: kadev contact retire 华光 林春燕
    """
    from kadev.i18n import t
    from kadev.library.contacts import retire_contact

    day = state.parse_date(date, "--date") if date else state.today()
    change = retire_contact(name, day, state.today())
    account_id = resolve_account(account)
    _change(account_id, change, "commit.contact_retire", person=name)
    typer.echo(t("contact.retired", name=name, account=account_id))


@app.command("rename")
def rename(
    account: AccountArg,
    name: Annotated[str, typer.Argument(help="The contact's name now.")],
    new: Annotated[str, typer.Argument(help="The right name.")],
) -> None:
    """Correct a person's name; the old one becomes an alias of the contact, so the visits
    that name it stay valid. One commit.

    Example: kadev contact rename 华光 袁亭 袁婷
    """
    from kadev.i18n import t
    from kadev.library.contacts import rename_contact

    change = rename_contact(name, new)
    new = new.strip()
    account_id = resolve_account(account)
    _change(account_id, change, "commit.contact_rename", person=name, new=new)
    typer.echo(t("contact.renamed", name=name, new=new, account=account_id))


def _change(account_id: str, change: Any, message: str, **params: str) -> None:
    """The card changed by `change` under the account's lock (`library.cards.change_card`),
    written and committed."""
    from kadev.cli.common import commit_text
    from kadev.library.cards import change_card

    with writing(account_id) as tx:
        card = change_card(state.library(), tx, account_id, change)
        tx.commit(commit_text(message, name=card.name, **params))
