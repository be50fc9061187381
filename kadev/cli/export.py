"""`kadev export`: the data root as typed tables for BI."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kadev.cli import state
from kadev.cli.common import choice


def export(
    fmt: Annotated[str, typer.Option("--format", **choice(("sqlite", "parquet", "duckdb")),
                                     help="sqlite (a file), parquet (a folder of one file "
                                     "per table) or duckdb (a file).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The file (sqlite, duckdb) "
                                         "or folder (parquet) to write; replaced.")],
    personal: Annotated[bool, typer.Option("--personal", help="Include contacts' birthdays, "
                                           "personal notes and trips.")] = False,
) -> None:
    """Write accounts, contacts, deals, visits, complaints, plans and the revenue ledger as
    typed tables with stable column names, for DuckDB, Spark or a warehouse. Contacts'
    personal data only with --personal. Parquet and DuckDB need `pip install 'kadev[export]'`.

    Example: kadev export --format parquet -o ka-tables
    """
    import importlib.util

    from kadev.errors import UsageError
    from kadev.i18n import t
    from kadev.store.export import tables, write

    needs = {"parquet": "pyarrow", "duckdb": "duckdb"}.get(fmt)
    if needs and importlib.util.find_spec(needs) is None:
        raise UsageError(t("err.export_needs", fmt=fmt, package=needs))
    if fmt == "duckdb" and importlib.util.find_spec("pyarrow") is None:
        raise UsageError(t("err.export_needs", fmt=fmt, package="pyarrow"))
    if personal:
        from kadev.store.personal import can_read

        if can_read(state.root()) is False:
            from kadev.cli.common import note_locked_out

            note_locked_out()
    counts = write(tables(state.root(), personal), fmt, output, personal)
    typer.echo(t("export.written", path=output, counts=t("export.sep").join(
        t("export.count", table=name, count=count) for name, count in counts.items())))


def register(app: typer.Typer) -> None:
    app.command()(export)
