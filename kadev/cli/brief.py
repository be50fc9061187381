"""`kadev brief ACCOUNT` and `kadev brief --today`: the pre-visit briefing."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from kadev.cli import state
from kadev.cli.common import complete_account, format_option, resolve_account


def brief(
    account: Annotated[str | None, typer.Argument(help="Id, name, alias or an unambiguous "
                                                  "part (or use --today).",
                                                  autocompletion=complete_account,
                                                  show_default=False)] = None,
    today_flag: Annotated[bool, typer.Option("--today", "--planned", help="A briefing for "
                                             "every visit planned today (or on --date).")]
    = False,
    date: Annotated[str | None, typer.Option(help="With --today: the day (default today).",
                                             show_default=False)] = None,
    owner: Annotated[str | None, typer.Option(help="With --today: only this owner (default: "
                                              "you, from KADEV_USER or git config "
                                              "kadev.user).", show_default=False)] = None,
    everyone: Annotated[bool, typer.Option("--team", help="With --today: the whole team's "
                                           "visits.")] = False,
    with_names: Annotated[list[str] | None, typer.Option("--with", help="A contact expected "
                                                         "at the visit (repeatable).",
                                                         show_default=False)] = None,
    no_personal: Annotated[bool, typer.Option("--no-personal", help="Hide personal profiles, "
                                              "birthdays and trips (for a shared screen).")]
    = False,
    fmt: Annotated[str, format_option("table", "markdown", "json", "text")] = "table",
    full: Annotated[bool, typer.Option("--full", help="Every section in full (the default "
                                       "fits one 80×40 screen).")] = False,
) -> None:
    """The card of one account, assembled and prioritised on one screen, before a visit.

    Warnings (complaints first), what we promised, the last visits, the people (personal notes
    for those expected), what to ask, what to say, and advice from the rules.
    Examples: kadev brief 华光 --with 袁婷 ;  kadev brief --today --owner chen
    """
    from kadev.errors import UsageError

    if today_flag == bool(account):
        from kadev.i18n import t

        raise UsageError(t("err.account_or_today"))
    if today_flag:
        day = state.parse_date(date, "--date") if date else state.today()
        owner = state.owner_filter(owner, everyone)
        from kadev.library.brief import planned_on

        planned = planned_on(state.library(), day, owner)
        if not planned:
            from kadev.i18n import t

            typer.echo(t("brief.none_planned_owner", date=day, owner=owner) if owner
                       else t("brief.none_planned", date=day))
            return
        briefs = [build(account_id, with_names or [], not no_personal) | {"planned": when}
                  for account_id, when in planned]
    else:
        assert account is not None
        briefs = [build(resolve_account(account), with_names or [], not no_personal)]
    emit(briefs, fmt, many=today_flag, full=full)


def build(account_id: str, with_names: list[str], personal: bool) -> dict[str, Any]:
    from kadev.cli.common import reveal_personal
    from kadev.library.brief import account_brief

    return account_brief(state.library(), account_id, with_names,
                         reveal_personal if personal else None)


def emit(briefs: list[dict[str, Any]], fmt: str, many: bool, full: bool = False) -> None:
    from kadev.i18n import t
    from kadev.render import brief as render
    from kadev.render.output import console, emit_json, worded

    briefs = [worded(b) for b in briefs]  # (the analysis's messages, in the language now)
    symbol = state.settings().currency_symbol
    if fmt == "json":
        emit_json(briefs if many else briefs[0])
        return
    if fmt == "text":  # to paste into a WeChat message
        from kadev.render.output import safe
        from kadev.render.text import brief_text

        typer.echo(safe("\n——————\n\n".join(brief_text(b, symbol) for b in briefs)),
                   nl=False)
        return
    if fmt == "markdown":
        texts = [(f"_{t('brief.planned', time=b['planned'] or t('brief.no_time'))}_\n\n"
                  if many else "") + render.markdown(b, symbol) for b in briefs]
        from kadev.render.output import safe

        typer.echo(safe("\n---\n\n".join(texts)), nl=False)
        return
    out = console()
    for number, b in enumerate(briefs):
        if many:
            when = t("brief.planned", time=b["planned"] or t("brief.no_time"))
            out.rule(f"{number + 1}/{len(briefs)} {when}: {b['name']}")
        shown = render.renderables if full else render.compact
        for part in shown(b, symbol, out.width):
            # (rich joins a printed Text into a new one: its one-line setting is passed here)
            out.print(part, no_wrap=getattr(part, "no_wrap", None),
                      overflow=getattr(part, "overflow", None))


def register(app: typer.Typer) -> None:
    app.command()(brief)
