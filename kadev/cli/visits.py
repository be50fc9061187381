"""`kadev visit add` (after each meeting) and `kadev visit list` (the visit history card)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kadev.cli import state
from kadev.cli.common import (
    AccountArg,
    choice,
    emit_report,
    encoding_option,
    format_option,
    output_option,
    resolve_account,
    time_option,
    writing,
)

if TYPE_CHECKING:
    from kadev.models import Account

app = typer.Typer(no_args_is_help=True)
Text = Annotated[str | None, typer.Option(show_default=False)]
Names = Annotated[list[str] | None, typer.Option(show_default=False, metavar="NAME")]
METHODS = ("face-to-face", "phone", "email", "letter", "event")
STAGES = ("development", "initiation", "proposal", "tender", "negotiation", "delivery")


@app.command("add")
def add(
    account: AccountArg,
    date: Annotated[str | None, typer.Option(help="Date of the visit (default: today).",
                                             show_default=False)] = None,
    time: Annotated[str | None, time_option("The time, HH:MM or as said (下午2点半).")] = None,
    place: Text = None,
    method: Annotated[str | None, typer.Option(**choice(METHODS, "method"),
                                               help="How the contact was made.",
                                               show_default=False)] = None,
    ours: Names = None,
    theirs: Names = None,
    points: Annotated[str | None, typer.Option(help="Talking points.", show_default=False)]
    = None,
    thoughts: Annotated[str | None, typer.Option(help="The customer's thoughts.",
                                                 show_default=False)] = None,
    progress: Annotated[str | None, typer.Option(help="Progress of the deal.",
                                                 show_default=False)] = None,
    next_steps: Annotated[str | None, typer.Option(help="Next steps and suggestions.",
                                                   show_default=False)] = None,
    next_visit: Annotated[str | None, typer.Option(help="Next planned visit, YYYY-MM-DD.",
                                                   show_default=False)] = None,
    next_visit_time: Annotated[str | None, time_option("Time of the next visit, HH:MM.")]
    = None,
    prepared: Annotated[bool, typer.Option("--prepared", help="A preparation meeting was "
                                           "held.")] = False,
    material: Annotated[list[str] | None, typer.Option(help="Material taken (repeatable).",
                                                       show_default=False)] = None,
    stage: Annotated[str | None, typer.Option(**choice(STAGES, "stage"),
                                              help="New stage of the open deal.",
                                              show_default=False)] = None,
    expected_close: Annotated[str | None, typer.Option(help="New expected close date.",
                                                       show_default=False)] = None,
    grade: Annotated[str | None, typer.Option(**choice("ABCD"),
                                              help="Explicit funnel grade.",
                                              show_default=False)] = None,
    value: Annotated[str | None, typer.Option(help="New estimated value of the deal.",
                                              show_default=False)] = None,
    deal: Annotated[str | None, typer.Option(help="Which open deal (when there are several).",
                                             show_default=False)] = None,
    new_contact: Names = None,
    plan: Annotated[str | None, typer.Option(help="The planned visit this one keeps (its id; "
                                             "by default the first open plan of its kind "
                                             "due by its day is kept).",
                                             show_default=False)] = None,
    edit: Annotated[bool, typer.Option("--edit", help="Write the visit in $EDITOR from a "
                                       "pre-filled template.")] = False,
    interactive: Annotated[bool, typer.Option("--interactive", "-i", help="Ask for what the "
                                              "options left out (default with a terminal).")]
    = False,
) -> None:
    """Record a visit right after the meeting; optionally move the deal on.

    Their attendees must be contacts of the account (--new-contact adds one to the card).
    --stage, --expected-close, --grade and --value update the open deal in account.yaml and
    the visit records the change. One git commit holds the visit and the card change.
    Example: kadev visit add 华光 --method face-to-face --theirs 袁婷 --points "二期方案" \\
    --next-steps "周五前报价" --next-visit 2026-11-27 --stage tender
    """
    from kadev.cli.common import commit_text, find_record
    from kadev.i18n import t
    from kadev.library.visits import VisitDraft, check_draft, record_visit
    from kadev.store.accounts import load_account

    account_id = resolve_account(account)
    lib = state.library()
    card = load_account(lib.path, account_id)
    today = lib.today
    fields: dict[str, Any] = {
        "date": _date(date, "--date") if date else None, "time": time, "place": place,
        "method": method, "ours": list(ours or []), "theirs": list(theirs or []),
        "points": points, "thoughts": thoughts, "progress": progress, "next_steps": next_steps,
        "next_visit": _date(next_visit, "--next-visit") if next_visit else None,
        "next_visit_time": next_visit_time,
    }
    new_contacts = list(new_contact or [])
    fields["theirs"] += [n for n in new_contacts if n not in fields["theirs"]]
    if edit:
        fields = _edit_visit(account_id, card, fields, today)
    elif interactive or sys.stdin.isatty():
        _prompt_missing(card, fields, today)
    fields["date"] = fields["date"] or today
    fields["ours"] = fields["ours"] or [state.user() or card.owner]
    if prepared or material:
        fields["preparation"] = {"meeting": prepared, "materials": list(material or [])}
    draft = VisitDraft(fields, _wanted(stage, expected_close, grade, value), deal, new_contacts)
    check_draft(lib, account_id, card, draft)
    if plan is not None:  # (the plan is looked for once the options are known to be right)
        draft.plan = find_record("plans", plan)[1]
        check_draft(lib, account_id, card, draft)
    with writing(account_id) as tx:
        done = record_visit(lib, tx, account_id, draft)
        visit = done.visit
        summary = "; ".join(f"{c['field']} {c['from'] or '-'}→{c['to']}" for c in done.changes)
        tx.commit(commit_text("commit.visit", name=done.card.name, date=visit["date"],
                              method=("method", visit["method"]), by=", ".join(visit["ours"]))
                  + (f"; {summary}" if summary else "")
                  + (commit_text("commit.new_contact", names=", ".join(new_contacts))
                     if new_contacts else ""))
    typer.echo(t("visit.recorded", path=done.path.relative_to(lib.path))
               + (f" ({summary})" if summary else ""))


def _date(text: str, option: str) -> dt.date:
    return state.parse_date(text, option)


def _wanted(stage: str | None, expected_close: str | None, grade: str | None,
            value: str | None) -> dict[str, Any]:
    """The options of a visit that move its deal on, parsed (`library.visits.deal_update`)."""
    from kadev.library.deals import parse_value

    wanted: dict[str, Any] = {}
    if stage is not None:
        wanted["stage"] = stage
    if expected_close is not None:
        wanted["expected_close"] = _date(expected_close, "--expected-close")
    if grade is not None:
        wanted["grade"] = grade.upper()
    if value is not None:
        wanted["value"] = parse_value(value)
    return wanted


def _prompt_missing(card: Account, fields: dict[str, Any], today: dt.date) -> None:
    """Ask for every field the options left out (contacts offered from the card)."""
    from kadev.analysis.periods import relative_day
    from kadev.i18n import input_words, label, t

    def ask_date(question: str, default: str = "") -> dt.date | None:
        while True:
            answer = typer.prompt(question, default=default,
                                  show_default=bool(default)).strip()
            if not answer:
                return None
            try:
                return dt.date.fromisoformat(answer)
            except ValueError:
                found = relative_day(answer, today)  # 明天, 下周三, +7 …
                if found is not None:
                    return found
                typer.echo(t("err.date", option=question, value=answer), err=True)

    while fields["date"] is None or fields["date"] > today:
        if fields["date"] is not None:  # asked again at once, nothing typed is lost
            typer.echo(t("err.visit_future", date=fields["date"], today=today), err=True)
        fields["date"] = ask_date(t("ask.date"), today.isoformat()) or today
    if fields["method"] is None:
        words = input_words("method", list(METHODS))
        shown = "/".join(label("method", m) for m in METHODS)
        while fields["method"] not in METHODS:
            answer = typer.prompt(t("ask.method", methods=shown),
                                  default=label("method", "face-to-face"))
            fields["method"] = words.get(answer.strip().lower(), answer.strip())
            if fields["method"] not in METHODS:
                typer.echo(t("err.choice_short", value=answer, choices=", ".join(METHODS)),
                           err=True)
    while fields["time"] is None:
        answer = typer.prompt(t("ask.time"), default="", show_default=False).strip()
        if not answer:
            break
        from kadev.analysis.periods import spoken_time

        fields["time"] = spoken_time(answer)
        if fields["time"] is None:
            typer.echo(t("err.time", value=answer), err=True)
    if fields["place"] is None:
        fields["place"] = typer.prompt(t("ask.place"), default="",
                                       show_default=False).strip() or None
    if not fields["ours"]:
        answer = typer.prompt(t("ask.ours"), default=state.user() or card.owner)
        fields["ours"] = [n.strip() for n in answer.replace("，", ",").split(",") if n.strip()]
    people = card.active_contacts
    if not fields["theirs"] and people:
        fields["theirs"] = _ask_attendees(card, people)
    for key in ("points", "thoughts", "progress", "next_steps"):
        while fields[key] is None:
            answer = typer.prompt(t(f"ask.{key}"), default="", show_default=False).strip()
            fields[key] = answer or (None if key == "points" else "")
            if key != "points":
                break
        fields[key] = fields[key] or None
    if fields["next_visit"] is None:
        fields["next_visit"] = ask_date(t("ask.next_visit"))


def _ask_attendees(card: Account, people: list[Any]) -> list[str]:
    """Their attendees by number or name, asked again (with the list) until every one is a
    contact of the card, so no answer typed before or after is lost to a typo."""
    from kadev.analysis.checks import closest
    from kadev.i18n import t

    known = card.contact_names()
    for number, person in enumerate(people, start=1):
        typer.echo(f"  {number}) {person.name}" + (f"  {person.title}" if person.title else ""))
    while True:
        answer = typer.prompt(t("ask.theirs"), default="", show_default=False)
        picked, wrong = [], []
        for part in (p.strip() for p in answer.replace("，", ",").split(",")):
            if part.isdigit() and 1 <= int(part) <= len(people):
                picked.append(people[int(part) - 1].name)
            elif part in known:
                picked.append(part)
            elif part:
                wrong.append(part)
        if not wrong:
            return picked
        for name in wrong:
            typer.echo(t("ask.not_contact", name=name, hint=closest(name, known)),
                       err=True)


def _edit_visit(account_id: str, card: Account, fields: dict[str, Any],
                today: dt.date) -> dict[str, Any]:
    from kadev.cli.editing import edit_until_valid
    from kadev.errors import KadevError
    from kadev.models import Visit
    from kadev.store.loader import validate_data
    from kadev.store.yamlio import dump, parse

    people = ", ".join(f"{c.name}" + (f" ({c.title})" if c.title else "") for c in card.contacts)
    template = {**{k: v for k, v in fields.items()}, "date": fields["date"] or today,
                "ours": fields["ours"] or [card.owner]}
    from kadev.i18n import label, t

    methods = ", ".join(f"{m} ({label('method', m)})" if label("method", m) != m else m
                        for m in METHODS)
    text = "\n".join([t("tpl.visit_head", name=card.name, id=account_id),
                      t("tpl.visit_contacts", people=people or t("tpl.no_contacts")),
                      t("tpl.visit_methods", methods=methods), dump(template)])

    def check(edited: str) -> tuple[list[Any], Any]:
        data, problem = parse(edited, "visit")
        if problem is not None:
            return [problem], None
        loaded = validate_data(data, edited, "visit", Visit)
        return loaded.problems, data

    edited, data = edit_until_valid(text, check, "visit")
    if data is None:
        raise KadevError(t("err.template"))
    return {**{k: None for k in fields}, **{k: v for k, v in data.items()},
            "ours": data.get("ours") or [], "theirs": data.get("theirs") or []}


@app.command("list")
def list_visits(
    account: AccountArg,
    last: Annotated[int | None, typer.Option(help="Only the last N visits.",
                                             show_default=False)] = None,
    fmt: Annotated[str, format_option()] = "table",
    output: Annotated[Path | None, output_option()] = None,
    encoding: Annotated[str, encoding_option()] = "utf-8",
) -> None:
    """The visit history card: date, method, who, key points, next steps, contact frequency.

    Example: kadev visit list huaguang --last 10
    """
    from kadev.analysis.visits import contact_frequency
    from kadev.models.base import to_data
    from kadev.render.output import console, emit_json, table
    from kadev.store.accounts import load_account
    from kadev.store.records import load_visits

    account_id = resolve_account(account)
    root = state.root()
    card = load_account(root, account_id)
    visits = [v for _, v in load_visits(root, account_id)]
    frequency = contact_frequency([v.date for v in visits], state.today())
    shown = visits[-last:] if last else visits
    rows: list[dict[str, Any]] = [{"date": v.date.isoformat(), "time": v.time,
                                   "method": v.method.value,
             "ours": v.ours, "theirs": v.theirs, "points": v.points, "thoughts": v.thoughts,
             "progress": v.progress, "next_steps": v.next_steps,
             "next_visit": v.next_visit.isoformat() if v.next_visit else None,
             "changes": [to_data(c, exclude_none=False) for c in v.changes]}
            for v in shown]
    if fmt == "json":
        emit_json({"account": account_id, "name": card.name, "frequency": frequency.as_dict(),
                   "visits": rows})
        return
    from kadev.i18n import label, t

    columns = ["date", "method", "who", "points", "next_steps"]
    cells = [[r["date"], r["method"], ", ".join(r["ours"] + r["theirs"]), r["points"],
              r["next_steps"]] for r in rows]
    if fmt in ("csv", "xlsx"):
        from kadev.render.workbook import Sheet

        emit_report(fmt, [Sheet(t("sheet.visits"), columns, cells)], output, encoding,
                    t("report.visits", account=account_id))
        return
    out = console()
    labelled = [[c[0], label("method", c[1]), *c[2:]] for c in cells]
    out.print(table(t("visit.history", name=card.name, id=account_id),
                    [t(f"h.{c}") for c in columns], labelled, width=out.width))
    f = frequency
    if f.visits:
        gap = (t("visit.gap", days=f"{f.mean_gap_days:.0f}") if f.mean_gap_days
               else t("visit.one"))
        out.print(t("visit.frequency", visits=f.visits, first=f.first,
                    per_month=f"{f.per_month:.1f}", gap=gap, longest=f.longest_gap_days or 0,
                    last=f.last, ago=f.days_since_last))
    else:
        out.print(t("visit.none"))


