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
    from kadev.errors import UsageError
    from kadev.store.accounts import load_account, new_record_path
    from kadev.store.yamlio import dump

    account_id = resolve_account(account)
    card = load_account(state.root(), account_id)
    if what is None and (interactive or sys.stdin.isatty()):
        from kadev.i18n import t

        what = typer.prompt(t("ask.what")).strip() or None
        product = product or typer.prompt(t("ask.product"), default="",
                                          show_default=False) or None
    from kadev.i18n import t

    what = (what or "").strip()
    if not what:
        raise UsageError(t("err.missing_opt", what="--what"))
    if contact:
        from kadev.library.contacts import require_contacts

        require_contacts(account_id, card.contact_names(), [contact], "--contact")
    day = state.parse_date(date, "--date") if date else state.today()
    record: dict[str, Any] = {"date": day, "what": what}
    if product:
        record["product"] = product
    record |= {"severity": severity, "escalated": escalated}
    if contact:
        record["contact"] = contact
    path = new_record_path(state.root(), account_id, "complaints", day.isoformat())
    with writing(account_id) as tx:
        tx.create(path, dump(record))
        tx.commit(commit_text("commit.complaint", what, name=card.name, date=day,
                              severity=("severity", severity),
                              flag=commit_text("commit.escalated") if escalated else ""))
    from kadev.i18n import t

    typer.echo(t("complaint.logged", path=path.relative_to(state.root()), id=path.stem))


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
    from kadev.errors import UsageError, WriteRefused
    from kadev.i18n import t
    from kadev.models import Complaint
    from kadev.store.accounts import load_account
    from kadev.store.loader import load_or_raise
    from kadev.store.yamledit import append_item, set_value

    steps = [s.strip() for s in steps if s.strip()]
    if not steps and result is None:
        raise UsageError(t("err.missing_opt", what="ACTION"))
    day = state.parse_date(date, "--date") if date else state.today()
    if day > state.today():
        raise UsageError(t("err.future", option="--date", date=day))
    account_id, rel = find_record("complaints", target)
    root = state.root()
    with writing(account_id) as tx:
        complaint = load_or_raise(root, rel, Complaint)
        if not complaint.is_open:
            raise WriteRefused(t("err.already_resolved", path=rel, date=complaint.resolved))
        if day < complaint.date:
            raise UsageError(t("err.before_opened", date=day, opened=complaint.date))
        path = root / rel
        text = path.read_text(encoding="utf-8")
        for action in steps:
            text = append_item(text, ["steps"], {"date": day, "action": action})
        if result is not None:
            text = set_value(text, ["result"], result)
            text = set_value(text, ["resolved"], day)
        tx.replace(path, text)
        card = load_account(root, account_id)
        age = (day - complaint.date).days
        if result is not None:
            tx.commit(commit_text("commit.complaint_resolved", result, name=card.name,
                                  id=path.stem, days=age))
        else:
            tx.commit(commit_text("commit.complaint_step", "; ".join(steps), name=card.name,
                                  id=path.stem))
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
    from kadev.models import Complaint
    from kadev.render.output import emit_json, print_table
    from kadev.store.accounts import account_ids, load_account, load_complaints

    root = state.root()
    today = state.today()
    ids = [resolve_account(account)] if account else account_ids(root)
    rows: list[dict[str, Any]] = []
    for account_id in ids:
        records = load_complaints(root, account_id)
        if not records:
            continue
        card = load_account(root, account_id)
        if owner and card.owner != owner:
            continue
        for rel, item in records:
            assert isinstance(item, Complaint)
            if open_only and not item.is_open:
                continue
            end = item.resolved or today
            rows.append({"account": account_id, "name": card.name, "short": card.short,
                         "id": rel.rsplit("/", 1)[-1].removesuffix(".yaml"),
                         "date": item.date.isoformat(), "age_days": (end - item.date).days,
                         "status": "open" if item.is_open else "resolved",
                         "severity": item.severity.value, "escalated": item.escalated,
                         "product": item.product, "what": item.what,
                         "resolved": item.resolved.isoformat() if item.resolved else None,
                         "owner": card.owner})
    rows.sort(key=lambda r: (r["status"] != "open", not r["escalated"], r["date"]))
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
