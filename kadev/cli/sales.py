"""`kadev sales import FILE`: an ERP's sales export (CSV or XLSX) into the monthly ledger."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from kadev.cli import state
from kadev.cli.common import commit

app = typer.Typer(no_args_is_help=True)
Col = Annotated[str | None, typer.Option(show_default=False, metavar="HEADER")]


@app.command("import")
def import_sales(
    file: Annotated[Path, typer.Argument(help="CSV (UTF-8, UTF-8 with BOM, GBK) or XLSX.")],
    account_col: Col = None, amount_col: Col = None, profit_col: Col = None,
    date_col: Col = None, product_col: Col = None, quantity_col: Col = None,
    period: Annotated[str | None, typer.Option(help="YYYY-MM for a file of monthly rows "
                                               "without dates.", show_default=False)] = None,
    sheet: Annotated[str | None, typer.Option(help="XLSX sheet (default: the first).",
                                              show_default=False)] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would change; write "
                                          "nothing.")] = False,
    create_missing: Annotated[bool, typer.Option("--create-missing", help="Create prospect "
                                                 "cards for unknown customers.")] = False,
    owner: Annotated[str | None, typer.Option(envvar="KADEV_OWNER", help="Owner of cards made "
                                              "by --create-missing.", show_default=False)] = None,
    nature: Annotated[str, typer.Option(help="Nature of cards made by --create-missing.")]
    = "other",
) -> None:
    """Import sales rows into _sales/YYYY-MM.csv (transaction rows are summed per month).

    Customers are matched by id, name or the card's aliases. Re-importing a month replaces that
    month's rows for the accounts and products in the file, so importing twice changes nothing.
    Example: kadev sales import erp-2026-10.xlsx --dry-run
    """
    from kadev.analysis.periods import parse_month_option
    from kadev.errors import DataError, UsageError
    from kadev.render.output import money, print_table
    from kadev.store import writer
    from kadev.store.sales_import import plan, read_source

    if not file.is_file():
        raise UsageError(f"{file}: no such file")
    if period:
        parse_month_option(period, "--period")
    root = state.root()
    explicit = {"account": account_col, "amount": amount_col, "profit": profit_col,
                "date": date_col, "product": product_col, "quantity": quantity_col}
    source = read_source(file, explicit, period, sheet)
    if source.problems:
        raise DataError(source.problems)
    account_of, new_cards = _match_customers(root, source.txns, file.name, create_missing,
                                             owner, nature)
    changes = plan(root, source.txns, account_of)
    symbol = state.settings().currency_symbol
    rows = [[c.month, c.replaced, c.added, money(c.total_before / 100, symbol),
             money(c.total_after / 100, symbol), "" if c.changed else "unchanged"]
            for c in changes]
    accounts = sorted({account_of[t.customer] for t in source.txns})
    total = sum(t.revenue for t in source.txns)
    skipped = f"; {source.skipped_totals} total row(s) skipped" if source.skipped_totals else ""
    caption = (f"{file.name} ({source.encoding}): {len(source.txns)} rows, {len(accounts)} "
               f"accounts, revenue {money(total / 100, symbol)}{skipped}")
    print_table(None, ["month", "rows replaced", "rows added", "total before", "total after",
                       ""], rows, right=["rows replaced", "rows added", "total before",
                                         "total after"], caption=caption)
    if new_cards:
        typer.echo("new prospect cards: " + ", ".join(f"{i} ({n})" for i, n in new_cards))
    if dry_run:
        typer.echo("dry run: nothing written")
        return
    written: list[Path] = []
    from kadev.store.yamlio import dump

    for account_id, name in new_cards:
        path = root / account_id / "account.yaml"
        writer.write_new(path, dump({"name": name, "status": "prospect", "owner": owner,
                                     "nature": nature, "reviewed": state.today()}))
        written.append(path)
    months = {root / "_sales" / f"{c.month}.csv": c.text for c in changes if c.changed}
    writer.replace_many(months)
    written.extend(months)
    if not written:
        typer.echo("ledger already up to date: nothing written")
        return
    span = changes[0].month if len(changes) == 1 else f"{changes[0].month}..{changes[-1].month}"
    commit(written, f"sales: import {file.name}: {span}, {len(accounts)} accounts, revenue "
                    f"{money(total / 100, symbol)}")
    typer.echo(f"wrote {len(months)} ledger month(s)"
               + (f" and {len(new_cards)} card(s)" if new_cards else ""))


def _match_customers(root: Path, txns: list[Any], file_name: str, create_missing: bool,
                     owner: str | None, nature: str
                     ) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Customer text → account id; unknown ones refused, or new prospect ids with create."""
    import difflib

    from kadev.analysis.lookup import suggest_id
    from kadev.errors import NotFoundError, UsageError
    from kadev.models.enums import Nature
    from kadev.store.accounts import load_accounts
    from kadev.store.sales_import import normalize_name

    cards = load_accounts(root)
    index: dict[str, set[str]] = {}
    for account_id, card in cards:
        for key in (account_id, card.name, *card.aliases):
            index.setdefault(normalize_name(key), set()).add(account_id)
    account_of: dict[str, str] = {}
    unknown: dict[str, int] = {}
    ambiguous: dict[str, set[str]] = {}
    for txn in txns:
        found = index.get(normalize_name(txn.customer), set())
        if len(found) == 1:
            account_of[txn.customer] = next(iter(found))
        elif found:
            ambiguous[txn.customer] = found
        else:
            unknown.setdefault(txn.customer, txn.row)
    if ambiguous:
        raise NotFoundError("\n".join(f"{file_name}: customer '{c}' matches several accounts: "
                                      f"{', '.join(sorted(ids))}; give one of them an alias "
                                      "only it has" for c, ids in ambiguous.items()))
    new_cards: list[tuple[str, str]] = []
    if unknown and not create_missing:
        names = [card.name for _, card in cards] + [a for _, card in cards for a in card.aliases]
        lines = [f"{file_name}: {len(unknown)} unknown customer(s); nothing imported. Add the "
                 "names as aliases on the cards, or use --create-missing:"]
        for customer, row in unknown.items():
            close = difflib.get_close_matches(customer, names, n=3, cutoff=0.3)
            hint = f" (closest: {', '.join(close)})" if close else ""
            lines.append(f"{file_name}:{row}: unknown customer '{customer}'{hint}")
        raise NotFoundError("\n".join(lines))
    if unknown:
        if not owner:
            raise UsageError("--create-missing needs --owner (or KADEV_OWNER) for the new cards")
        if nature not in {n.value for n in Nature}:
            raise UsageError(f"--nature {nature!r}: expected one of "
                             f"{', '.join(n.value for n in Nature)}")
        taken = {account_id for account_id, _ in cards} | {
            e.name for e in root.iterdir()}
        for customer in unknown:
            base = suggest_id(customer)
            new_id, n = base, 2
            while new_id in taken:
                new_id, n = f"{base}-{n}", n + 1
            taken.add(new_id)
            account_of[customer] = new_id
            new_cards.append((new_id, customer))
    return account_of, new_cards
