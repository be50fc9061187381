"""`kadev due`: the rep's morning list, most urgent first, each line saying why."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kadev.cli import state
from kadev.cli.common import (
    all_rows_option,
    choice,
    emit_report,
    encoding_option,
    format_option,
    ids_option,
    output_option,
    rows_limit,
    show_ids,
)

# the kinds of kadev.analysis.due.KINDS (a test keeps them equal), without importing it for --help
DUE_KINDS = ("follow_up", "planned_visit", "contact_interval", "complaint", "deal", "review",
             "receivable", "revenue_swing", "birthday", "itinerary")

if TYPE_CHECKING:
    from kadev.analysis.due import DueItem


def due(
    owner: Annotated[str | None, typer.Option(help="Only this owner's accounts (default: "
                                              "you, from KADEV_USER or git config "
                                              "kadev.user).", show_default=False)] = None,
    everyone: Annotated[bool, typer.Option("--team", help="The whole team's list.")] = False,
    all_rows: Annotated[bool, all_rows_option()] = False,
    ids: Annotated[bool, ids_option()] = False,
    days: Annotated[int, typer.Option(help="Look this many days ahead.", min=0)] = 7,
    kind: Annotated[list[str] | None, typer.Option(**choice(DUE_KINDS, "kind"),
                                                   help="Only these kinds (repeatable).",
                                                   show_default=False)] = None,
    fmt: Annotated[str, format_option("table", "json", "csv", "xlsx", "text")] = "table",
    output: Annotated[Path | None, output_option()] = None,
    encoding: Annotated[str, encoding_option()] = "utf-8",
    personal: Annotated[bool, typer.Option("--personal", help="Also contacts' birthdays and "
                                           "trips in json or csv.")] = False,
    missed: Annotated[bool, typer.Option("--missed", help="What was missed instead: "
                                         "follow-ups not made in time and plans not kept, "
                                         "made up late or never.")] = False,
    since: Annotated[str | None, typer.Option(help="With --missed: from this day "
                                              "(YYYY-MM-DD; default four weeks back).",
                                              show_default=False)] = None,
) -> None:
    """What needs doing: complaints, follow-ups, planned visits, contact intervals, reviews,
    overdue receivables, unexplained revenue swings, birthdays and trips.

    `days` in the output is today minus the date: positive = overdue, negative = ahead.
    Contacts' birthdays and trips are personal: they appear only in one owner's list
    (--owner), and in json or csv only with --personal.
    Example: kadev due --owner zhang --days 14; kadev due --missed --since 2026-10-01
    """
    import datetime as dt

    from kadev.cli.common import reveal_personal
    from kadev.library.due import PERSONAL_KINDS, due_list
    from kadev.render.output import (
        RowsOf,
        account_cells,
        account_headers,
        emit_json,
        print_table,
    )

    show_ids(ids)
    today = state.today()
    owner = state.owner_filter(owner, everyone)
    if since is not None and not missed:
        from kadev.errors import UsageError
        from kadev.i18n import t

        raise UsageError(t("err.since_without_missed"))
    first = state.parse_date(since, "--since") if since else today - dt.timedelta(days=28)
    items: Sequence[DueItem] = due_list(state.library(), owner, days,
                                        first if missed else None,
                                        fmt == "table" or personal, reveal_personal)
    if kind:
        items = [i for i in items if i.kind in kind]
    if fmt == "json":
        emit_json({"today": today.isoformat(), "items": [i.as_dict() for i in items]})
        return
    columns = ["account", "name", "kind", "reason", "date", "days", "owner"]
    if fmt in ("csv", "xlsx"):
        from kadev.i18n import t
        from kadev.render.workbook import Sheet

        emit_report(fmt, [Sheet(t("sheet.due"), columns,
                                [[i.as_dict()[c] for c in columns] for i in items])],
                    output, encoding, t("report.due", today=today))
        return
    from kadev.i18n import label, t

    title = t("due.title_owner", today=today, owner=owner) if owner else t("due.title",
                                                                           today=today)
    if missed:
        title = t("due.missed_title", since=first, today=today) + (f" · {owner}" if owner
                                                                   else "")
    if fmt == "text":  # to paste into a WeChat message
        from kadev.render.text import due_text

        typer.echo(due_text(title, [i for i in items if i.kind not in PERSONAL_KINDS]),
                   nl=False)
        return
    headers = [*account_headers(), t("h.kind"), t("h.why"), t("h.days")]
    print_table(title, headers,
                RowsOf(items, lambda i: [*account_cells(i.account, i.short or i.name),
                                         label("kind", i.kind), i.reason, i.days]),
                right=[headers[-1]], caption=t("due.caption", count=len(items)),
                limit=rows_limit(all_rows))


def register(app: typer.Typer) -> None:
    app.command()(due)
