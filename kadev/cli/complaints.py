"""`kadev complaint add / resolve / list`: the complaint card (抱怨管理卡, DOMAIN §4)."""

from __future__ import annotations

import sys
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
    format_option,
    output_option,
    resolve_account,
    writing,
)

app = typer.Typer(no_args_is_help=True)
SEVERITIES = ("low", "medium", "high", "critical")


@app.command("add")
def add(
    account: AccountArg,
    what: Annotated[str | None, typer.Option(help="What happened (usually a product fault).",
                                             show_default=False)] = None,
    date: Annotated[str | None, typer.Option(help="When (default: today).",
                                             show_default=False)] = None,
    product: Annotated[str | None, typer.Option(show_default=False)] = None,
    severity: Annotated[str, typer.Option(**choice(SEVERITIES, "severity"))] = "medium",
    escalated: Annotated[bool, typer.Option("--escalated", help="The customer went over our "
                                            "heads (越级投诉).")] = False,
    contact: Annotated[str | None, typer.Option(help="Who complained (a contact of the card).",
                                                show_default=False)] = None,
    interactive: Annotated[bool, typer.Option("--interactive", "-i", help="Ask for what the "
                                              "options left out.")] = False,
) -> None:
    """Log a complaint; it stays open (and tops every due list) until resolved.

    Example: kadev complaint add 华光 --what "主轴异响" --product VMC850 --severity high --escalated
    """
    from kadev.i18n import t
    from kadev.library.complaints import check_complaint, log_complaint
    from kadev.store.accounts import load_account

    account_id = resolve_account(account)
    lib = state.library()
    card = load_account(lib.path, account_id)
    if what is None and (interactive or sys.stdin.isatty()):
        what = typer.prompt(t("ask.what")).strip() or None
        product = product or typer.prompt(t("ask.product"), default="",
                                          show_default=False) or None
    day = state.parse_date(date, "--date") if date else lib.today
    record: dict[str, Any] = {"date": day, "what": (what or "").strip(), "product": product,
                              "severity": severity, "escalated": escalated,
                              "contact": contact}
    check_complaint(lib, account_id, card, record)
    with writing(account_id) as tx:
        path = log_complaint(lib, tx, account_id, card, record)
        tx.commit(commit_text("commit.complaint", record["what"], name=card.name, date=day,
                              severity=("severity", severity),
                              flag=commit_text("commit.escalated") if escalated else ""))
    typer.echo(t("complaint.logged", path=path.relative_to(lib.path), id=path.stem))


@app.command("resolve")
def resolve(
    target: Annotated[str, typer.Argument(metavar="ID", help="The complaint's id as the lists "
                                          "show it (e.g. d4e5f6), or ACCOUNT/ID.")],
    result: Annotated[str | None, typer.Option(help="How it ended.", show_default=False)]
    = None,
    step: Annotated[list[str] | None, typer.Option(help="A last handling step taken with it "
                                                   "(repeatable).", show_default=False)] = None,
    date: Annotated[str | None, typer.Option(help="Date resolved (default: today).",
                                             show_default=False)] = None,
) -> None:
    """Close a complaint with its result and date (steps taken before are logged with
    `kadev complaint step`).

    Example: kadev complaint resolve d4e5f6 --result "客户确认正常"
    """
    from kadev.errors import UsageError

    if not result:
        from kadev.i18n import t

        raise UsageError(t("err.missing_opt", what="--result"))
    _update(target, date, step or [], result)


@app.command("step")
def step_taken(
    target: Annotated[str, typer.Argument(metavar="ID", help="The complaint's id as the lists "
                                          "show it (e.g. d4e5f6), or ACCOUNT/ID.")],
    action: Annotated[str, typer.Argument(help="What was done.")],
    date: Annotated[str | None, typer.Option(help="When (default: today).",
                                             show_default=False)] = None,
) -> None:
    """Log a handling step of an open complaint (it stays open).

    Example: kadev complaint step d4e5f6 "派工程师现场检测，更换主轴轴承"
    """
    _update(target, date, [action], None)


def _update(target: str, date: str | None, steps: list[str], result: str | None) -> None:
    """Steps added to an open complaint, and with a result, the complaint closed."""
    from kadev.cli.common import find_record
    from kadev.i18n import t
    from kadev.library.complaints import check_update, update_complaint
    from kadev.store.accounts import load_account

    lib = state.library()
    day = state.parse_date(date, "--date") if date else lib.today
    steps = check_update(lib, day, steps, result)
    account_id, rel = find_record("complaints", target)
    with writing(account_id) as tx:
        complaint = update_complaint(lib, tx, rel, day, steps, result)
        name = load_account(lib.path, account_id).name
        stem = rel.rsplit("/", 1)[-1].removesuffix(".yaml")
        age = (day - complaint.date).days
        if result is not None:
            tx.commit(commit_text("commit.complaint_resolved", result, name=name, id=stem,
                                  days=age))
        else:
            tx.commit(commit_text("commit.complaint_step", "; ".join(steps), name=name,
                                  id=stem))
    typer.echo(t("complaint.resolved", path=rel, days=age) if result is not None
               else t("complaint.stepped", path=rel, days=age))


@app.command("list")
def list_complaints(
    open_only: Annotated[bool, typer.Option("--open", help="Only open complaints.")] = False,
    account: Annotated[str | None, typer.Option(help="Only this account.",
                                                show_default=False)] = None,
    owner: Annotated[str | None, typer.Option(help="Only accounts of this owner.",
                                              show_default=False)] = None,
    fmt: Annotated[str, format_option()] = "table",
    output: Annotated[Path | None, output_option()] = None,
    encoding: Annotated[str, encoding_option()] = "utf-8",
) -> None:
    """Complaints with their age in days: open first, escalated first, oldest first.

    Example: kadev complaint list --open
    """
    from kadev.library.complaints import complaint_rows
    from kadev.render.output import emit_json, print_table

    rows = complaint_rows(state.library(), resolve_account(account) if account else None,
                          owner, open_only)
    columns = ["account", "id", "date", "age_days", "status", "severity", "escalated", "what"]
    if fmt != "table":
        for r in rows:
            del r["short"]
    if fmt == "json":
        emit_json(rows)
    elif fmt in ("csv", "xlsx"):
        from kadev.i18n import t
        from kadev.render.workbook import Sheet

        emit_report(fmt, [Sheet(t("sheet.complaints"), columns,
                                [[r[c] for c in columns] for r in rows])],
                    output, encoding, t("report.complaints"))
    else:
        from kadev.i18n import label, t

        cells = [[r.pop("short"), r["id"][-6:], r["date"], r["age_days"],
                  label("severity", r["severity"]),
                  t("due.escalated").rstrip(": ：") if r["escalated"] and r["status"] == "open"
                  else label("status", r["status"]), r["what"]] for r in rows]
        opened = sum(r["status"] == "open" for r in rows)
        headers = [t(f"h.{k}") for k in ("account", "id", "opened", "age", "severity", "state",
                                         "what")]
        print_table(t("complaint.title"), headers, cells, right=[headers[3]],
                    caption=t("complaint.caption", count=len(rows), open=opened))
