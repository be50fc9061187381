"""`kadev plan add / list / move / cancel`: visits planned ahead, kept as records so that no
later phone note or another rep's visit can make one disappear from the due list."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from kadev.cli import state
from kadev.cli.common import (
    AccountArg,
    choice,
    commit_text,
    emit_report,
    encoding_option,
    find_record,
    format_option,
    output_option,
    resolve_account,
    time_option,
    writing,
)

app = typer.Typer(no_args_is_help=True)
METHODS = ("face-to-face", "phone", "email", "letter", "event")
Names = Annotated[list[str] | None, typer.Option(help="A name (repeatable).",
                                                 show_default=False)]


@app.command("add")
def add(
    account: AccountArg,
    date: Annotated[str, typer.Option(help="The day of the visit, YYYY-MM-DD.")],
    time: Annotated[str | None, time_option("The time, HH:MM or as said (下午2点半).")] = None,
    method: Annotated[str, typer.Option(**choice(METHODS, "method"),
                                        help="How the contact will be made.")]
    = "face-to-face",
    theirs: Annotated[list[str] | None, typer.Option(
        "--with", help="Whom we will meet: contacts of the card (repeatable).",
        show_default=False)] = None,
    ours: Names = None,
    purpose: Annotated[str | None, typer.Option(help="What the visit is for.",
                                                show_default=False)] = None,
) -> None:
    """Plan a visit: it stays in `kadev due` and `kadev brief --today` until a visit of its
    kind on or after its day fulfils it (or `visit add --plan ID`), or it is moved or
    cancelled; a day passed without one is listed as missed.

    Example: kadev plan add 华光 --date 2026-11-24 --time 14:30 --with 袁婷 \\
    --purpose "二期方案技术交流"
    """
    from kadev.i18n import t
    from kadev.library.plans import add_plan, check_day, plan_record

    day = state.parse_date(date, "--date")
    lib = state.library()
    check_day(lib, day)
    account_id = resolve_account(account)
    record = plan_record(day, time, method, list(ours or []) or [state.user() or ""],
                         list(theirs or []), purpose, None)
    with writing(account_id) as tx:
        path, card = add_plan(lib, tx, account_id, record)
        tx.commit(commit_text("commit.plan_add", purpose, name=card.name, date=day,
                              time=f" {time}" if time else "", method=("method", method)))
    typer.echo(t("plan.added", path=path.relative_to(lib.path), id=path.stem[-6:]))


@app.command("move")
def move(
    target: Annotated[str, typer.Argument(metavar="ID", help="The plan's id as the lists show "
                                          "it, or ACCOUNT/ID.")],
    date: Annotated[str, typer.Option(help="The new day, YYYY-MM-DD.")],
    time: Annotated[str | None, time_option("The new time, HH:MM (default: kept).")] = None,
) -> None:
    """Move a planned visit to another day (it keeps its id; git keeps the old day).

    Example: kadev plan move 3fa2c1 --date 2026-11-26 --time 09:30
    """
    from kadev.i18n import t
    from kadev.library.plans import check_day, move_plan

    day = state.parse_date(date, "--date")
    lib = state.library()
    check_day(lib, day)
    account_id, rel = find_record("plans", target)
    with writing(account_id) as tx:
        plan, new_rel = move_plan(lib, tx, rel, day, time)
        tx.commit(commit_text("commit.plan_move", name=_name(account_id), date=plan.date,
                              day=day, time=f" {time}" if time else ""))
    typer.echo(t("plan.moved", path=new_rel, old=plan.date, date=day))


@app.command("cancel")
def cancel(
    target: Annotated[str, typer.Argument(metavar="ID", help="The plan's id as the lists show "
                                          "it, or ACCOUNT/ID.")],
    reason: Annotated[str | None, typer.Option(help="Why.", show_default=False)] = None,
) -> None:
    """Cancel a planned visit (it leaves the due list; the record stays, with the reason).

    Example: kadev plan cancel 3fa2c1 --reason "客户出差，改电话沟通"
    """
    from kadev.i18n import t
    from kadev.library.plans import cancel_plan

    account_id, rel = find_record("plans", target)
    with writing(account_id) as tx:
        plan = cancel_plan(state.library(), tx, rel, reason)
        tx.commit(commit_text("commit.plan_cancel", reason, name=_name(account_id),
                              date=plan.date))
    typer.echo(t("plan.cancelled", path=rel, date=plan.date))


def _name(account_id: str) -> str:
    from kadev.store.accounts import load_account

    return load_account(state.root(), account_id).name


@app.command("calendar")
def calendar(
    output: Annotated[str, typer.Option("--output", "-o", metavar="FILE.ics",
                                        help="Where to write the calendar.")],
    owner: Annotated[str | None, typer.Option(help="Only this owner's accounts (default: you).",
                                              show_default=False)] = None,
    everyone: Annotated[bool, typer.Option("--team", help="The whole team's.")] = False,
    days: Annotated[int, typer.Option(help="Look this many days ahead.", min=1)] = 60,
    personal: Annotated[bool, typer.Option("--personal", help="Also contacts' birthdays and "
                                           "trips (personal data: only for your own phone).")]
    = False,
) -> None:
    """Write the planned visits (time, place, who) and the follow-ups owed (and with
    --personal, contacts' birthdays and trips) as an iCalendar file a phone's or Outlook's
    calendar imports; importing it again updates the same events (`kadev plan calendar` is
    the same command).

    Example: kadev calendar -o 拜访计划.ics
    """
    from pathlib import Path

    from kadev.cli.common import reveal_personal
    from kadev.errors import UsageError
    from kadev.i18n import t
    from kadev.library.plans import calendar as calendar_of
    from kadev.render.calendar import ics
    from kadev.store.writer import replace_file

    if not output.lower().endswith(".ics"):
        raise UsageError(t("err.ics", value=output))
    owner = state.owner_filter(owner, everyone)
    events = calendar_of(state.library(), owner, days, personal, reveal_personal)
    replace_file(Path(output), ics(events, t("cal.name")))
    typer.echo(t("cal.written", path=output, count=len(events)))


@app.command("list")
def list_plans(
    owner: Annotated[str | None, typer.Option(help="Only this owner's accounts (default: you).",
                                              show_default=False)] = None,
    everyone: Annotated[bool, typer.Option("--team", help="The whole team's plans.")] = False,
    week: Annotated[bool, typer.Option("--week", help="This week, Monday to Sunday, kept and "
                                       "cancelled plans included.")] = False,
    days: Annotated[int, typer.Option(help="Look this many days ahead.", min=0)] = 7,
    fmt: Annotated[str, format_option("table", "json", "csv", "xlsx", "text")] = "table",
    output: Annotated[Path | None, output_option()] = None,
    encoding: Annotated[str, encoding_option()] = "utf-8",
) -> None:
    """Planned visits: the missed ones not made up yet, then the coming days' (or the week's)
    in time order, each with its state.

    Example: kadev plan list --week
    """
    from kadev.i18n import label, t
    from kadev.library.plans import plan_list
    from kadev.render.output import emit_json, print_table

    lib = state.library()
    owner = state.owner_filter(owner, everyone)
    first, last, rows = plan_list(lib, owner, week, days)
    if fmt == "json":
        emit_json({"today": lib.today.isoformat(), "from": first.isoformat(),
                   "to": last.isoformat(), "plans": rows})
        return
    columns = ["id", "account", "name", "date", "time", "method", "with", "purpose", "state",
               "visit", "owner"]
    if fmt in ("csv", "xlsx"):
        from kadev.i18n import t
        from kadev.render.workbook import Sheet

        emit_report(fmt, [Sheet(t("sheet.plans"), columns,
                                [[r[c] for c in columns] for r in rows],
                                {"state": "plan_state"})],
                    output, encoding, t("report.plans"))
        return
    title = t("plan.title", first=first, last=last) + (f" · {owner}" if owner else "")
    if fmt == "text":  # to paste into a WeChat message
        from kadev.render.text import plans_text

        typer.echo(plans_text(title, rows, _shorts(rows)), nl=False)
        return
    headers = [t("h.id"), t("h.account"), t("h.date"), t("h.with"), t("h.purpose"),
               t("h.state")]
    shorts = _shorts(rows)
    print_table(title, headers, [[r["id"], shorts[r["account"]], f"{r['date']} {r['time']}".strip(),
                           r["with"], r["purpose"] or label("method", r["method"]),
                           label("plan_state", r["state"])] for r in rows],
                caption=t("plan.caption", count=len(rows)))


def _shorts(rows: list[dict[str, Any]]) -> dict[str, str]:
    """The short name of each account the rows name."""
    index = state.library().index()
    return {r["account"]: index[r["account"]].short if r["account"] in index else r["name"]
            for r in rows}
