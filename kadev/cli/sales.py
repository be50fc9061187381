"""`kadev sales import FILE`: an ERP's sales export (CSV or XLSX) into the monthly ledger."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

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
        account_of, new_cards = _match_customers(root, source.txns, file.name, create_missing,
                                                 owner, nature)
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
        from kadev.store.yamlio import dump

        for account_id, name in new_cards:
            tx.create(root / account_id / "account.yaml", dump({
                "name": name, "status": "prospect", "owner": owner, "nature": nature,
                "reviewed": state.today()}))
        months = {root / "_sales" / f"{c.month}.csv": c.text for c in changes if c.changed}
        for path, text in months.items():
            tx.replace(path, text)
        if not tx.files:
            typer.echo(t("imp.up_to_date"))
            return
        span = (changes[0].month if len(changes) == 1
                else f"{changes[0].month}..{changes[-1].month}")
        from kadev.cli.common import commit_text

        tx.commit(commit_text("commit.sales", file=file.name, span=span,
                              accounts=len(accounts), amount=money(total / 100, symbol)))
    typer.echo(t("imp.wrote", months=len(months),
                 cards=t("imp.cards", count=len(new_cards)) if new_cards else ""))


UNKNOWN_SHOWN = 10


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


def _unknown_file(file_name: str, listed: list[tuple[int, str]]) -> str:
    """Every unknown customer with its first row, as a CSV a spreadsheet opens."""
    import csv
    import tempfile

    fd, path = tempfile.mkstemp(prefix=f"kadev-unknown-{Path(file_name).stem}-", suffix=".csv")
    with open(fd, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["row", "customer"])
        writer.writerows(listed)
    return path


def _match_customers(root: Path, txns: list[Any], file_name: str, create_missing: bool,
                     owner: str | None, nature: str
                     ) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Customer text → account id (`library.sales.match_customers`); unknown ones refused,
    naming the closest, or new prospect ids with --create-missing."""
    import difflib

    from kadev.errors import NotFoundError, UsageError
    from kadev.i18n import t
    from kadev.library.sales import match_customers, new_prospect_ids

    lib = state.library()
    account_of, unknown, ambiguous, names = match_customers(lib, txns)
    if ambiguous:
        raise NotFoundError("\n".join(t("imp.ambiguous", name=file_name, customer=c,
                                        ids=", ".join(sorted(ids)))
                                      for c, ids in ambiguous.items()))
    if unknown and not create_missing:
        lines = [t("imp.unknown", name=file_name, count=len(unknown))]
        listed = []
        for number, (customer, row) in enumerate(unknown.items()):
            close = (difflib.get_close_matches(customer, names, n=3, cutoff=0.3)
                     if number < UNKNOWN_SHOWN else [])
            hint = t("err.closest_paren", names=", ".join(close)) if close else ""
            listed.append((row, customer))
            if number < UNKNOWN_SHOWN:
                lines.append(t("imp.unknown_row", name=file_name, row=row, customer=customer,
                               hint=hint))
        if len(unknown) > UNKNOWN_SHOWN:  # the rest in a file, not on the screen
            lines.append(t("imp.unknown_more", count=len(unknown) - UNKNOWN_SHOWN,
                           path=_unknown_file(file_name, listed)))
        raise NotFoundError("\n".join(lines))
    new_cards: list[tuple[str, str]] = []
    if unknown:
        if not owner:
            raise UsageError(t("err.create_needs_owner"))
        new_cards = new_prospect_ids(lib, list(unknown))
        account_of |= {customer: new_id for new_id, customer in new_cards}
    return account_of, new_cards
