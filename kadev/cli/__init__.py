"""The `kadev` command: global options, sub-command registration, and the one place that turns a
`KadevError` into a message on stderr and an exit code (a traceback only with `--debug`).

Command modules import typer at the top and everything heavy (models, YAML, pandas, rich
tables) inside the command body, so `kadev --help` starts fast.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from kadev.cli import state
from kadev.cli.common import choice
from kadev.errors import DataError, KadevError


def _hoist_as_of(argv: list[str]) -> list[str]:
    """`kadev abc --as-of D` as `kadev --as-of D abc`: every report takes it, as a global
    option (it changes which data root the command reads)."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg.startswith("--as-of=") and i > 0:
            return [arg, *argv[:i], *argv[i + 1:]]
        if arg == "--as-of" and i > 0 and i + 1 < len(argv):
            return [arg, argv[i + 1], *argv[:i], *argv[i + 2:]]
    return argv


class KadevGroup(TyperGroup):
    """Click group that reports kadev errors as one line each and exits with their code."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        """Usage errors as one line (`error: --days 'x': …`, exit 2) instead of click's usage
        block; Ctrl-C as one line with exit 130, never a traceback."""
        from kadev.cli import helptext

        argv = _hoist_as_of(list(args) if args is not None else sys.argv[1:])
        args = argv
        lang = helptext.peek_lang(argv, self)
        helptext.prepare(self, lang == "zh")
        if lang == "zh" or "kadev.i18n" in sys.modules:  # (else English already, unloaded)
            from kadev.i18n import set_lang

            set_lang("zh" if lang == "zh" else "en")  # for what is said before the callback
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode,
                               windows_expand_args, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args,
                               **extra)
        except KeyboardInterrupt:
            _interrupted()
        except Exception as err:
            if not hasattr(err, "format_message"):  # not one of click's usage errors
                if type(err).__name__ == "Abort":  # click's word for Ctrl-C at a prompt
                    _interrupted()
                raise
            if type(err).__name__ == "NoArgsIsHelpError":  # `kadev plan`: its help, no error
                typer.echo(err.format_message())
                sys.exit(getattr(err, "exit_code", 2))
            from kadev.i18n import t

            typer.echo(t("err.prefix") + helptext.usage_message(err), err=True)
            sys.exit(getattr(err, "exit_code", 2))
        if code == 130:  # Typer's answer to Ctrl-C inside a command
            _interrupted()
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        try:
            result = super().invoke(ctx)
            _warn_skipped()
            return result
        except BrokenPipeError:  # the reader left (`kadev abc | head`): nothing to say
            import os
            import sys

            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's flush stays quiet
            raise typer.Exit(141) from None
        except OSError as err:  # the file system refused (permissions, a full disk, a name)
            if state.options.debug:
                raise
            from kadev.i18n import t

            where = f"{err.filename}: " if err.filename else ""
            typer.echo(t("err.prefix") + t("err.os", where=where,
                                           reason=err.strerror or type(err).__name__),
                       err=True)
            raise typer.Exit(1) from None
        except KadevError as err:
            if state.options.debug:
                raise
            lines = ([str(p) for p in err.problems] if isinstance(err, DataError)
                     else err.worded().splitlines() or [type(err).__name__])
            from kadev.i18n import t

            for number, line in enumerate(lines):
                first = number == 0 and not isinstance(err, DataError)
                typer.echo((t("err.prefix") if first else "") + line, err=True)
            raise typer.Exit(err.exit_code) from None


def _warn_skipped() -> None:
    """One warning line per account a read command left out because a file of it cannot be
    read (the command did its job for the others)."""
    from kadev.store import skipped

    found = skipped.take()
    if not found:
        return
    from kadev.i18n import t

    listed = sorted(found.items())
    for account, problems in listed[:SKIPPED_SHOWN]:
        more = t("warn.skipped_more", count=len(problems) - 1) if len(problems) > 1 else ""
        typer.echo(t("warn.prefix") + t("warn.skipped", account=account,
                                        problem=str(problems[0])) + more, err=True)
    if len(listed) > SKIPPED_SHOWN:  # a screen of warnings, then how many more
        typer.echo(t("warn.prefix") + t("warn.skipped_many", count=len(listed) - SKIPPED_SHOWN),
                   err=True)


SKIPPED_SHOWN = 10


def _interrupted() -> None:
    """Ctrl-C: nothing half-done is left (writes are atomic), so say so and exit 130."""
    from kadev.i18n import t

    typer.echo("", err=True)
    typer.echo(t("err.interrupted"), err=True)
    sys.exit(130)


app = typer.Typer(cls=KadevGroup, no_args_is_help=True, add_completion=True,
                  context_settings={"help_option_names": ["-h", "--help"]},
                  rich_markup_mode=None, pretty_exceptions_enable=False,
                  help="Key-account management: file cards, visits, complaints, ABC, funnel.")


def _version(value: bool) -> None:
    if value:
        from kadev import __version__

        typer.echo(f"kadev {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    data: Annotated[str | None, typer.Option(
        "--data", metavar="PATH", help="Data root (default: KADEV_DATA, else the nearest "
        "kadev.yaml, else ./accounts).", show_default=False)] = None,
    today: Annotated[str | None, typer.Option("--today", envvar="KADEV_TODAY", metavar="DATE",
                                              help="Pretend today is DATE (YYYY-MM-DD).",
                                              show_default=False)] = None,
    lang: Annotated[str | None, typer.Option("--lang", envvar="KADEV_LANG",
                                             **choice(("en", "zh")),
                                             help="Output language.", show_default=False)] = None,
    units: Annotated[str, typer.Option("--units", envvar="KADEV_UNITS",
                                       **choice(("yuan", "wan")),
                                       help="Amounts in tables: yuan, or wan (万).")]
    = "yuan",
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="DATE", help="Read the data as it was at the last commit on or "
        "before DATE (from git; the work tree is not touched). Reports only.",
        show_default=False)] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
    version: Annotated[bool, typer.Option("--version", help="Print kadev's version and exit.",
                                          is_eager=True, callback=_version)] = False,
) -> None:
    state.set_options(data=data, today=today, lang=lang, debug=debug, units=units, as_of=as_of)
    if lang is None:
        state.apply_settings_lang()


def _register() -> None:
    from kadev.cli import (
        account,
        brief,
        complaints,
        contacts,
        core,
        deals,
        due,
        editors,
        export,
        funnel,
        gitsetup,
        history,
        keys,
        monthly,
        notes,
        planning,
        plans,
        reports,
        resolve,
        sales,
        sync,
        visits,
    )

    core.register(app)
    app.add_typer(account.app, name="account", help="Account file cards: add, list, show, "
                  "edit, review.")
    app.add_typer(visits.app, name="visit", help="Visits: record one, list the history.")
    app.add_typer(complaints.app, name="complaint", help="Complaints: add, step, resolve, "
                  "list.")
    app.add_typer(plans.app, name="plan", help="Planned visits: add, list, move, cancel.")
    app.command("calendar")(plans.calendar)  # the same as `kadev plan calendar`
    planning.register(plans.app)
    app.add_typer(deals.app, name="deal", help="Deals: open one, close it won or lost.")
    notes.register(app)
    app.add_typer(contacts.app, name="contact", help="People on a card: add, edit, retire, "
                  "rename.")
    app.add_typer(sales.app, name="sales", help="The revenue ledger: import an ERP export.")
    reports.register(app)
    due.register(app)
    history.register(app)
    brief.register(app)
    funnel.register(app)
    monthly.register(funnel.report_app)
    sync.register(app)
    gitsetup.register(app)
    resolve.register(app)
    editors.register(app)
    export.register(app)
    keys.register(app)


_register()


_VALUED = {"--data", "--today", "--lang", "--units", "--as-of"}  # global options with a value


def _asked(argv: list[str]) -> str | None:
    """The command the line names (its first word after the global options), or None."""
    words = iter(argv)
    for word in words:
        if word == "--":
            return next(words, None)
        if word in _VALUED:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def _only(name: str | None) -> None:
    """Build only the command the line asks for: every other command keeps its name and
    help (for the list and for "did you mean") but not its options, whose building from the
    signatures is most of the time `kadev --help` takes. Shell completion builds all."""
    import os

    if any(key.startswith("_KADEV_COMPLETE") for key in os.environ):
        return

    def stub(callback: Any) -> Any:
        def command() -> None:  # pragma: no cover (never run: only its name and help)
            raise AssertionError("a command not built was run")

        command.__name__, command.__doc__ = callback.__name__, callback.__doc__
        return command

    for info in app.registered_commands:
        own = info.name or typer.main.get_command_name(info.callback.__name__)  # type: ignore[union-attr]
        if own != name:
            info.callback = stub(info.callback)
    for group in app.registered_groups:
        if group.name != name:
            group.typer_instance = typer.Typer(no_args_is_help=True)


def main() -> None:
    _only(_asked(_hoist_as_of(sys.argv[1:])))
    app(prog_name="kadev")


if __name__ == "__main__":  # pragma: no cover
    main()
    sys.exit(0)
