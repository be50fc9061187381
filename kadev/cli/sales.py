"""`kadev sales import FILE`: an ERP's sales export (CSV or XLSX) into the monthly ledger."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kadev.cli import state
from kadev.cli.common import NATURES, bulk_work, choice, writing

if TYPE_CHECKING:
    from kadev.store.sales_import import MonthChange

# the lock of the whole ledger (account ids cannot start with _)
LEDGER_LOCK = "_sales"

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
    nature: Annotated[str, typer.Option(**choice(NATURES, "nature"),
                                   help="Nature of cards made by --create-missing.")]
    = "other",
) -> None:
    """Import sales rows into _sales/YYYY-MM.csv (transaction rows are summed per month).

    Customers are matched by id, name or the card's aliases. Re-importing a month replaces that
    month's rows for the accounts and products in the file, so importing twice changes nothing.
    Example: kadev sales import erp-2026-10.xlsx --dry-run
    """
    from kadev.analysis.periods import parse_month_option
    from kadev.errors import DataError, UsageError
    from kadev.i18n import t
    from kadev.library.sales import customers_of, write_import
    from kadev.render.output import money, print_table
    from kadev.store.sales_import import plan, read_source

    if not file.is_file():
        raise UsageError(t("imp.no_file", file=file))
    if period:
        parse_month_option(period, "--period")
    root = state.root()
    explicit = {"account": account_col, "amount": amount_col, "profit": profit_col,
                "date": date_col, "product": product_col, "quantity": quantity_col}
    from kadev.render.progress import spinner

    with bulk_work():
        with spinner(t("imp.reading", file=file.name), show=file.stat().st_size > 1_000_000):
            source = read_source(file, explicit, period, sheet)
        if source.problems:
            raise DataError(source.problems)
        account_of, new_cards = customers_of(state.library(), source.txns, file.name,
                                             create_missing, owner)
    from contextlib import nullcontext

    # a real import plans under the ledger's lock, so no other import lands in between
    with (nullcontext() if dry_run else
          writing(LEDGER_LOCK, *(account_id for account_id, _ in new_cards))) as tx:
        with bulk_work():
            changes = plan(root, source.txns, account_of)
        symbol = state.settings().currency_symbol
        rows = [[c.month, c.replaced, c.added, money(c.total_before / 100, symbol),
                 money(c.total_after / 100, symbol), "" if c.changed else t("imp.unchanged")]
                for c in changes]
        accounts = sorted({account_of[t.customer] for t in source.txns})
        total = sum(t.revenue for t in source.txns)
        skipped = (t("imp.skipped", count=source.skipped_totals) if source.skipped_totals
                   else "") + (t("imp.skipped_footer", count=source.skipped_footer)
                               if source.skipped_footer else "")
        caption = t("imp.caption", file=file.name, encoding=source.encoding,
                    rows=source.rows, accounts=len(accounts),
                    amount=money(total / 100, symbol), skipped=skipped)
        headers = [t(f"h.{k}") for k in ("month", "rows_replaced", "rows_added",
                                         "total_before", "total_after")]
        print_table(None, [*headers, ""], rows, right=headers[1:], caption=caption)
        if new_cards:  # the first ten, and how many more
            shown = ", ".join(f"{i} ({n})" for i, n in new_cards[:10])
            more = t("imp.more", count=len(new_cards) - 10) if len(new_cards) > 10 else ""
            typer.echo(t("imp.new_cards", cards=shown + more))
        if tx is None:
            _by_account(changes, dict(new_cards), symbol)
            typer.echo(t("imp.dry_run"))
            return
        months = write_import(state.library(), tx, changes, new_cards, owner, nature)
        if not tx.files:
            typer.echo(t("imp.up_to_date"))
            return
        span = (changes[0].month if len(changes) == 1
                else f"{changes[0].month}..{changes[-1].month}")
        from kadev.cli.common import commit_text

        tx.commit(commit_text("commit.sales", file=file.name, span=span,
                              accounts=len(accounts), amount=money(total / 100, symbol)))
    typer.echo(t("imp.wrote", months=months,
                 cards=t("imp.cards", count=len(new_cards)) if new_cards else ""))


def _by_account(changes: list[MonthChange], new_cards: dict[str, str], symbol: str) -> None:
    """The dry run's account-by-month table: what each account's month is now and would be,
    largest changes first, and the rule that decided it."""
    from kadev.i18n import t
    from kadev.render.output import (
        ROWS_SHOWN,
        account_cells,
        account_headers,
        money,
        print_table,
    )
    from kadev.store.accounts import account_index

    shorts = {i: c.short for i, c in account_index(state.root()).items()} | new_cards
    rows = sorted(((c.month, account, before, after) for c in changes
                   for account, (before, after) in c.accounts.items() if before != after),
                  key=lambda r: (r[0], -abs(r[3] - r[2]), r[1]))
    headers = [t("h.month"), *account_headers(), t("h.total_before"), t("h.total_after"),
               t("h.change")]
    print_table(t("imp.by_account", count=len(rows)), headers,
                [[month, *account_cells(account, shorts.get(account, account)),
                  money(before / 100, symbol), money(after / 100, symbol),
                  money((after - before) / 100, symbol)]
                 for month, account, before, after in rows],
                right=headers[-3:], caption=t("imp.rule"), limit=ROWS_SHOWN)
