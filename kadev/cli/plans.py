"""`kadev plan add / list / move / cancel`: visits planned ahead, kept as records so that no
later phone note or another rep's visit can make one disappear from the due list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

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
    require_contacts,
    resolve_account,
    time_option,
    writing,
)

if TYPE_CHECKING:
    from kadev.models import Plan

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
    from kadev.errors import UsageError
    from kadev.i18n import t
    from kadev.store.accounts import load_account, new_record_path
    from kadev.store.yamlio import dump

    day = state.parse_date(date, "--date")
    if day < state.today():
        raise UsageError(t("err.plan_past", date=day, today=state.today()))
    account_id = resolve_account(account)
    root = state.root()
    record = plan_record(day, time, method, list(ours or []) or [state.user() or ""],
                         list(theirs or []), purpose, None)
    with writing(account_id) as tx:
        card = load_account(root, account_id)
        require_contacts(account_id, card.contact_names(active=True),
                         record.get("theirs", []), "--with")
        path = new_record_path(root, account_id, "plans", day.isoformat())
        tx.create(path, dump(record))
        tx.commit(commit_text("commit.plan_add", purpose, name=card.name, date=day,
                              time=f" {time}" if time else "", method=("method", method)))
    typer.echo(t("plan.added", path=path.relative_to(root), id=path.stem[-6:]))


def plan_record(day: dt.date, time: str | None, method: str, ours: list[str],
                theirs: list[str], purpose: str | None, agreed_at: str | None
                ) -> dict[str, Any]:
    """A plan in the model's key order, empty fields left out, validated."""
    from pydantic import ValidationError

    from kadev.errors import UsageError
    from kadev.models import Plan
    from kadev.models.base import validate

    record = {"date": day, "time": time, "method": method, "ours": [o for o in ours if o],
              "theirs": theirs, "purpose": purpose, "agreed_at": agreed_at}
    record = {k: v for k, v in record.items() if v not in (None, "", [])}
    try:
        validate(Plan, record)
    except ValidationError as err:
        first = err.errors()[0]
        key = str(first["loc"][0]) if first["loc"] else ""
        raise UsageError(f"--{key} {record.get(key)!s}: {first['msg']}") from None
    return record


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
    from kadev.errors import UsageError
    from kadev.i18n import t
    from kadev.store.yamledit import set_value

    day = state.parse_date(date, "--date")
    if day < state.today():
        raise UsageError(t("err.plan_past", date=day, today=state.today()))
    account_id, rel = find_record("plans", target)
    root = state.root()
    with writing(account_id) as tx:
        plan = open_plan(rel)
        text = set_value((root / rel).read_text(encoding="utf-8"), ["date"], day)
        if time is not None:
            text = set_value(text, ["time"], time)
        _valid(text, "--time")
        name = rel.rsplit("/", 1)[-1]
        new_rel = f"{account_id}/plans/{day.isoformat()}{name[10:]}"
        if new_rel != rel:
            tx.remove(root / rel)
            tx.create(root / new_rel, text)
        else:
            tx.replace(root / rel, text)
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
    from kadev.store.yamledit import set_value

    account_id, rel = find_record("plans", target)
    root = state.root()
    with writing(account_id) as tx:
        plan = open_plan(rel)
        text = set_value((root / rel).read_text(encoding="utf-8"), ["cancelled"], state.today())
        if reason:
            text = set_value(text, ["reason"], reason)
        tx.replace(root / rel, text)
        tx.commit(commit_text("commit.plan_cancel", reason, name=_name(account_id),
                              date=plan.date))
    typer.echo(t("plan.cancelled", path=rel, date=plan.date))


def open_plan(rel: str) -> Plan:
    from kadev.errors import WriteRefused
    from kadev.i18n import t
    from kadev.models import Plan
    from kadev.store.loader import load_or_raise

    plan = load_or_raise(state.root(), rel, Plan)
    if plan.cancelled is not None:
        raise WriteRefused(t("err.plan_cancelled", path=rel, date=plan.cancelled))
    if plan.visit is not None:
        raise WriteRefused(t("err.plan_kept", path=rel, visit=plan.visit))
    return plan


def _valid(text: str, option: str) -> None:
    from kadev.errors import UsageError
    from kadev.models import Plan
    from kadev.store.loader import validate_data
    from kadev.store.yamlio import parse

    data, problem = parse(text, "plan")
    loaded = validate_data(data, text, "plan", Plan) if problem is None else None
    if loaded is None or loaded.record is None:
        found = problem or (loaded.problems[0] if loaded and loaded.problems else None)
        raise UsageError(f"{option}: {found.message if found else text}")


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

    from kadev.analysis.due import due_items, fulfilment, next_birthday
    from kadev.cli.common import reveal_personal
    from kadev.errors import UsageError
    from kadev.i18n import label, t
    from kadev.library.due import gather_facts
    from kadev.render.calendar import Event, ics

    if not output.lower().endswith(".ics"):
        raise UsageError(t("err.ics", value=output))
    today = state.today()
    owner = state.owner_filter(owner, everyone)
    horizon = today + dt.timedelta(days=days)
    events: list[Event] = []
    settings = state.settings()
    root = state.root()
    for facts in gather_facts(state.library(), owner,
                              reveal=reveal_personal if owner and personal else None):
        name = facts.card.name
        for item in due_items([facts], settings, today, days):
            if item.kind == "follow_up":  # owed: on its last day, or today when it is late
                events.append(Event(uid=f"followup-{facts.id}-{item.date}",
                                    day=max(item.date, today),
                                    title=t("cal.follow_up", name=facts.card.short),
                                    text=str(item.reason)))
        place = _address(root, facts.id) if facts.plans else ""
        for plan_id, plan in facts.plans:
            if not plan.is_open or plan.date > horizon or plan.date < today:
                continue
            if fulfilment(plan, facts.recent) is not None:
                continue
            with_ = "、".join(plan.theirs)
            ours = "、".join(plan.ours)
            events.append(Event(
                # the plan's short id: moving it to another day renames its file, not it
                uid=f"plan-{facts.id}-{plan_id[-6:]}", day=plan.date, time=plan.time,
                title=t("cal.visit", name=name, method=label("method", plan.method)),
                text="\n".join(x for x in (plan.purpose, with_ and t("cal.with", names=with_),
                                           ours and t("cal.ours", names=ours)) if x),
                place=place))
        if not personal:
            continue
        for person in facts.card.contacts:
            if person.birthday:
                day = next_birthday(person.birthday, today)
                if day is not None and day <= horizon:
                    events.append(Event(uid=f"birthday-{facts.id}-{_tag(person.name)}", day=day,
                                        title=t("cal.birthday", person=person.name,
                                                name=name)))
            for trip in person.itinerary:
                if trip.end >= today and trip.start <= horizon:
                    events.append(Event(uid=f"trip-{facts.id}-{_tag(person.name)}-{trip.start}",
                                        day=trip.start, until=trip.end,
                                        title=t("cal.trip", person=person.name,
                                                place=trip.place), text=trip.purpose or ""))
    from kadev.store.writer import replace_file

    replace_file(Path(output), ics(events, t("cal.name")))
    typer.echo(t("cal.written", path=output, count=len(events)))


def _address(root: Path, account_id: str) -> str:
    """Where a visit to the account takes place: the card's address, if it has one."""
    from kadev.store.accounts import load_account

    card = load_account(root, account_id)
    return (card.profile.address or "") if card.profile else ""


def _tag(text: str) -> str:
    """A short ASCII tag for a name in an event's UID (some calendars want ASCII there)."""
    import hashlib

    return hashlib.blake2b(text.encode("utf-8"), digest_size=4).hexdigest()


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
    from kadev.analysis.due import fulfilment
    from kadev.i18n import label, t
    from kadev.library.due import gather_facts
    from kadev.render.output import emit_json, print_table

    today = state.today()
    owner = state.owner_filter(owner, everyone)
    if week:
        first = today - dt.timedelta(days=today.weekday())
        last = first + dt.timedelta(days=6)
    else:
        first, last = today, today + dt.timedelta(days=days)
    rows = []
    shorts: dict[str, str] = {}
    for facts in gather_facts(state.library(), owner, lookback=max(0, (today - first).days)):
        shorts[facts.id] = facts.card.short
        for plan_id, plan in facts.plans:
            kept = fulfilment(plan, facts.recent) if plan.is_open else None
            state_name = ("cancelled" if plan.cancelled else "kept" if plan.visit or kept
                          else "missed" if plan.date < today else "planned")
            if not (first <= plan.date <= last or (state_name == "missed" and not week)):
                continue
            if not week and state_name in ("cancelled", "kept"):
                continue
            rows.append({"id": plan_id[-6:], "account": facts.id, "name": facts.card.name,
                         "date": plan.date.isoformat(), "time": plan.time or "",
                         "method": plan.method.value, "with": ", ".join(plan.theirs),
                         "purpose": plan.purpose or "", "state": state_name,
                         "visit": plan.visit or (kept.id if kept else ""),
                         "owner": facts.card.owner})
    rows.sort(key=lambda r: (r["state"] != "missed", r["date"], r["time"], r["account"]))
    if fmt == "json":
        emit_json({"today": today.isoformat(), "from": first.isoformat(),
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

        typer.echo(plans_text(title, rows, shorts), nl=False)
        return
    headers = [t("h.id"), t("h.account"), t("h.date"), t("h.with"), t("h.purpose"),
               t("h.state")]
    print_table(title, headers, [[r["id"], shorts[r["account"]], f"{r['date']} {r['time']}".strip(),
                           r["with"], r["purpose"] or label("method", r["method"]),
                           label("plan_state", r["state"])] for r in rows],
                caption=t("plan.caption", count=len(rows)))
