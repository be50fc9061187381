"""`kadev account …`: add a prospect card, list, show, edit in $EDITOR, mark reviewed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from kadev.cli import state
from kadev.cli.common import (
    NATURES,
    AccountArg,
    all_rows_option,
    choice,
    commit_text,
    emit_report,
    encoding_option,
    format_option,
    ids_option,
    output_option,
    resolve_account,
    rows_limit,
    show_ids,
    writing,
)

app = typer.Typer(no_args_is_help=True)

FilterOpt = Annotated[str | None, typer.Option(show_default=False)]


@app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The account's name (Chinese or English).")],
    account_id: Annotated[str | None, typer.Option("--id", help="Folder id (default: from the "
                                                   "name, pinyin for Chinese).",
                                                   show_default=False)] = None,
    owner: Annotated[str | None, typer.Option(envvar="KADEV_OWNER", help="Account "
                                              "representative (or KADEV_OWNER).",
                                              show_default=False)] = None,
    nature: Annotated[str | None, typer.Option(**choice(NATURES, "nature"),
                                               help="Customer nature.",
                                               show_default=False)] = None,
    industry: FilterOpt = None,
    region: FilterOpt = None,
    alias: Annotated[list[str] | None, typer.Option(help="Another name, e.g. the ERP's "
                                                    "(repeatable).", show_default=False)] = None,
) -> None:
    """Create a prospect card (name, owner, nature; more with `account edit`).

    Example: kadev account add 无锡华光机械有限公司 --owner zhang --nature end_user
    """
    from kadev.i18n import t
    from kadev.library.cards import create_card, prospect_card
    from kadev.store.yamlio import dump

    lib = state.library()
    new_id, data = prospect_card(lib, name, account_id, owner, nature,
                                 {"aliases": alias, "industry": industry, "region": region})
    with writing(new_id) as tx:
        create_card(lib, tx, new_id, dump(data))
        tx.commit(commit_text("commit.account_add", name=name, id=new_id))
    typer.echo(t("account.added", id=new_id, name=name))


@app.command("import")
def import_customers(
    file: Annotated[Path, typer.Argument(help="The customer list: XLSX or CSV (UTF-8, GBK).")],
    sheet: Annotated[str | None, typer.Option(help="XLSX sheet (default: the first).",
                                              show_default=False)] = None,
    mapping: Annotated[list[str] | None, typer.Option(
        "--map", metavar="HEADER=FIELD", help="Read a column as a field: name, short_name, "
        "aliases, owner, region, industry, nature, address, phone, id (repeatable).",
        show_default=False)] = None,
    owner: Annotated[str | None, typer.Option(envvar="KADEV_OWNER", help="Owner of new cards "
                                              "whose row names none.", show_default=False)]
    = None,
    nature: Annotated[str, typer.Option(**choice(NATURES, "nature"), help="Nature of new "
                                        "cards whose row names none.")] = "other",
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would change; write "
                                          "nothing.")] = False,
) -> None:
    """Create or update cards from a customer list (the spreadsheet a team kept before):
    columns by their Chinese or English headers (客户名称, 别名, 负责人, 区域, 行业, 客户性质 …),
    contacts from repeated columns (联系人, 职务, 手机, 联系人2 …) or a sheet named 联系人.
    A row names an existing card by id, name or alias: only what it adds is written. Any
    error is reported at its row and nothing is written; else one commit.

    Example: kadev account import 客户清单.xlsx --owner zhang --dry-run
    """
    from kadev.errors import DataError, UsageError
    from kadev.i18n import input_words, label, t
    from kadev.render.output import account_cells, account_headers, print_table
    from kadev.store.customer_import import (
        HEADERS,
        contact_sheet,
        plan_cards,
        read_customers,
    )
    from kadev.store.sales_import import read_rows

    if not file.is_file():
        raise UsageError(t("imp.no_file", file=file))
    mapped: dict[str, str] = {}
    for item in mapping or []:
        header, _, wanted = item.partition("=")
        if not header.strip() or wanted.strip() not in HEADERS:
            raise UsageError(t("err.map", value=item, fields=", ".join(HEADERS)))
        mapped[header.strip()] = wanted.strip()
    root = state.root()
    rows, _ = read_rows(file, sheet)
    people = contact_sheet(file, sheet)
    customers, problems = read_customers(file, rows, mapped,
                                         read_rows(file, people)[0] if people else None)
    if owner:
        state.check_member(owner, "--owner")
    changes, more = plan_cards(root, file.name, customers, owner, nature, state.today(),
                               input_words("nature", list(NATURES)))
    if problems or more:  # every row's error at once, in the list's order
        raise DataError(sorted([*problems, *more], key=lambda p: p.line))
    done = [c for c in changes if c.text is not None]
    print_table(None, [t("h.row"), t("h.action"), *account_headers(), t("h.what")],
                [[c.line, t("list.new" if c.new else "list.update" if c.text else
                            "list.same"), *account_cells(c.account, c.short),
                  "、".join(label("field", f) for f in c.fields if ":" not in f)
                  + "".join(f"；{f.split(': ', 1)[1]}" for f in c.fields if ":" in f)]
                 for c in changes],
                caption=t("list.caption", file=file.name, rows=len(changes),
                          new=sum(c.new for c in changes),
                          updated=sum(1 for c in done if not c.new)))
    if dry_run:
        typer.echo(t("imp.dry_run"))
        return
    if not done:
        typer.echo(t("list.nothing"))
        return
    from kadev.library.cards import create_card
    from kadev.store.root import ACCOUNT_FILE

    with writing(*(c.account for c in done)) as tx:
        for change in done:
            assert change.text is not None
            if change.new:
                create_card(state.library(), tx, change.account, change.text)
            else:
                tx.replace(root / change.account / ACCOUNT_FILE, change.text)
        tx.commit(commit_text("commit.account_import", file=file.name,
                              new=sum(c.new for c in done),
                              updated=sum(1 for c in done if not c.new)))
    typer.echo(t("list.written", new=sum(c.new for c in done),
                 updated=sum(1 for c in done if not c.new)))


@app.command("list")
def list_accounts(
    owner: FilterOpt = None, status: FilterOpt = None, nature: FilterOpt = None,
    industry: FilterOpt = None, region: FilterOpt = None,
    fmt: Annotated[str, format_option()] = "table",
    output: Annotated[Path | None, output_option()] = None,
    encoding: Annotated[str, encoding_option()] = "utf-8",
    all_rows: Annotated[bool, all_rows_option()] = False,
    ids: Annotated[bool, ids_option()] = False,
) -> None:
    """List accounts with owner, status, ABC class and funnel grade.

    Example: kadev account list --owner zhang --status active
    """
    from kadev.library.reports import account_rows
    from kadev.render.output import emit_json, money, print_table

    settings = state.settings()
    today = state.today()
    wanted = {"owner": owner, "status": status, "nature": nature, "industry": industry,
              "region": region}
    rows, shorts = account_rows(state.library(), wanted)
    columns = ["account", "name", "owner", "status", "nature", "region", "industry", "class",
               "revenue_12m", "grade", "quadrant", "tier", "reviewed"]
    if fmt == "json":
        emit_json(rows)
    elif fmt in ("csv", "xlsx"):
        from kadev.i18n import t
        from kadev.render.workbook import Sheet

        emit_report(fmt, [Sheet(t("sheet.accounts"), columns,
                                [[r[c] for c in columns] for r in rows])],
                    output, encoding, t("report.accounts"))
    else:
        from kadev.i18n import t
        from kadev.render.output import account_cells, account_headers

        show_ids(ids)
        shown = ["owner", "class", "revenue_12m", "grade", "tier"]
        headers = [*account_headers(), *(t(f"h.{c}") for c in shown)]
        symbol = settings.currency_symbol
        print_table(None, headers, [[*account_cells(r["account"], shorts[r["account"]]),
                                     *(money(r[c], symbol) if c == "revenue_12m" else r[c]
                                       for c in shown)] for r in rows],
                    right=[t("h.revenue_12m")],
                    caption=t("account.list.caption", count=len(rows), today=today),
                    limit=rows_limit(all_rows))


@app.command("show")
def show(
    account: AccountArg,
    fmt: Annotated[str, format_option("table", "json")] = "table",
    personal: Annotated[bool, typer.Option("--personal", help="Include contacts' personal "
                                           "profiles, birthdays and trips.")] = False,
) -> None:
    """Show an account's file card (personal data only with --personal).

    Example: kadev account show 华光 --format json
    """
    from kadev.cli.common import reveal_personal
    from kadev.library.cards import card_values
    from kadev.models.account import without_personal
    from kadev.models.base import to_data
    from kadev.render.card import card_renderables
    from kadev.render.output import console, emit_json
    from kadev.store.accounts import load_account

    account_id = resolve_account(account)
    card = load_account(state.root(), account_id)
    if personal:
        card = reveal_personal(account_id, card)
    data: dict[str, Any] = to_data(card)
    if not personal:
        data = without_personal(data)
    values = card_values(state.library(), account_id, card)
    if fmt == "json":
        emit_json({"account": account_id, **data, **values})
        return
    data = {**{k: v for k, v in data.items() if k not in ("contacts", "opportunities")},
            **values, **{k: v for k, v in data.items() if k in ("contacts", "opportunities")}}
    from kadev.render.output import money

    data["revenue_12m"] = money(data["revenue_12m"], state.settings().currency_symbol)
    compact = {k: v for k, v in data.items() if v not in ([], {}, None)}
    out = console()
    for renderable in card_renderables(compact, f"{card.name} ({account_id})",
                                       state.settings().currency_symbol):
        out.print(renderable)


@app.command("edit")
def edit(
    account: AccountArg,
) -> None:
    """Edit the card in $EDITOR; it is saved only if it validates.

    On an error you may re-open the editor; if you give up, the file is left untouched.
    Example: EDITOR=nano kadev account edit huaguang
    """
    from functools import partial

    from kadev.cli.editing import edit_until_valid
    from kadev.i18n import t
    from kadev.library.cards import card_problems, save_edit
    from kadev.store.loader import account_rel

    account_id = resolve_account(account)
    root = state.root()
    path = root / account_rel(account_id)
    before = path.read_text(encoding="utf-8")
    check = partial(card_problems, state.library(), account_id)
    after, card = edit_until_valid(before, check, "card")
    if after == before:
        typer.echo(t("no_change"))
        return
    with writing(account_id) as tx:
        card, merged = save_edit(state.library(), tx, account_id, before, after)
        tx.commit(commit_text("commit.account_edit", name=card.name, id=account_id))
    if merged:
        typer.echo(t("account.merged", path=account_rel(account_id)))
    typer.echo(t("account.saved", path=account_rel(account_id)))


@app.command("review")
def review(
    account: AccountArg,
) -> None:
    """Mark the card reviewed today (each card is reviewed at least weekly).

    Example: kadev account review huaguang
    """
    from kadev.store.accounts import load_account
    from kadev.store.loader import account_rel
    from kadev.store.yamledit import set_value

    account_id = resolve_account(account)
    root = state.root()
    today = state.today()
    from kadev.i18n import t

    with writing(account_id) as tx:
        card = load_account(root, account_id)
        if card.reviewed == today:
            typer.echo(t("account.already_reviewed", id=account_id, today=today))
            return
        path = root / account_rel(account_id)
        tx.replace(path, set_value(path.read_text(encoding="utf-8"), ["reviewed"], today))
        tx.commit(commit_text("commit.account_review", name=card.name, id=account_id,
                              date=today))
    typer.echo(t("account.reviewed", id=account_id, today=today))
