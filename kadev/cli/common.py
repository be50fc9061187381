"""Helpers shared by commands: resolving an ACCOUNT argument, the format option, committing."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kadev.cli import state

if TYPE_CHECKING:
    from pathlib import Path

    from kadev.models import Account
    from kadev.render.workbook import Sheet
    from kadev.store.transaction import Transaction

NATURES = ("dealer", "distributor", "wholesaler", "agent", "end_user", "oem", "government",
           "other")


def complete_account(incomplete: str) -> list[str]:
    """Shell completion of an ACCOUNT: the ids and short names that start with what was
    typed (from the index: no card is parsed once it is warm)."""
    try:
        from kadev.store.accounts import account_index

        cards = account_index(state.root())
    except Exception:  # no data root here: nothing to offer
        return []
    words = sorted({w for i, c in cards.items() for w in (i, c.short)})
    return [w for w in words if w.startswith(incomplete)]


AccountArg = Annotated[str, typer.Argument(help="Id, name, alias or an unambiguous part.",
                                           autocompletion=complete_account)]


def choice(values: Collection[str], kind: str | None = None) -> dict[str, Any]:
    """Keyword arguments of a `typer.Option` taking one of `values`: `--help` lists them, and
    each value's label in either language and the catalogue's synonyms (`面访`, `电话`,
    `终端用户` …) are accepted too and read as the value files spell. A wrong value is a usage
    error (exit 2)."""
    allowed = list(values)

    def parse(value: str) -> str:
        from kadev.i18n import input_words

        found = input_words(kind, allowed).get(str(value).strip().lower())
        if found is None:
            from kadev.i18n import t

            raise typer.BadParameter(t("err.choice_short", value=value,
                                       choices=", ".join(allowed)))
        return found

    return {"parser": parse, "metavar": "[" + "|".join(allowed) + "]",
            "autocompletion": lambda: allowed}


def time_option(help: str) -> typer.models.OptionInfo:
    """An option taking a time of day: `14:30`, `下午2点半`, `2:30pm` …, read as HH:MM."""

    def parse(value: str) -> str:
        from kadev.analysis.periods import spoken_time

        found = spoken_time(str(value))
        if found is None:
            from kadev.i18n import t

            raise typer.BadParameter(t("err.time", value=value))
        return found

    found: typer.models.OptionInfo = typer.Option(help=help, parser=parse, metavar="HH:MM",
                                                  show_default=False)
    return found


def all_rows_option() -> typer.models.OptionInfo:
    """`--all`: every row of a long table on the terminal (by default its top is shown)."""
    found: typer.models.OptionInfo = typer.Option(
        "--all", help="Show every row of a long table (default: the first 100).")
    return found


def commit_text(key: str, details: str | None = None, **params: Any) -> str:
    """A commit message in the data root's language (its kadev.yaml `lang`), whatever the
    run's --lang: the team shares one history. `details` is added after a colon; enumeration
    values in `params` given as (kind, value) are named in that language."""
    from kadev.i18n import LABELS, t_in

    language = state.settings().lang
    words = {k: LABELS[v[0]][v[1]][1 if language == "zh" else 0]
             if isinstance(v, tuple) and v[0] in LABELS and v[1] in LABELS[v[0]] else v
             for k, v in params.items()}
    text = t_in(language, key, **words)
    return text + (t_in(language, "commit.detail", text=details) if details else "")


def ids_option() -> typer.models.OptionInfo:
    """`--ids`: tables name accounts by short name; this adds each one's folder id."""
    found: typer.models.OptionInfo = typer.Option(
        "--ids", help="Show each account's folder id beside its name.")
    return found


def show_ids(ids: bool) -> None:
    from kadev.render.output import set_ids

    set_ids(ids)


def rows_limit(all_rows: bool) -> int | None:
    from kadev.render.output import ROWS_SHOWN

    return None if all_rows else ROWS_SHOWN


def format_option(*allowed: str) -> typer.models.OptionInfo:
    """The `--format` option of a report, limited to `allowed` (default table, json, csv,
    xlsx)."""
    allowed = allowed or ("table", "json", "csv", "xlsx")
    found: typer.models.OptionInfo = typer.Option("--format", help="Output format.",
                                                  **choice(allowed))
    return found


def output_option() -> typer.models.OptionInfo:
    """`--output/-o FILE`: where a csv or xlsx report is written (xlsx needs it)."""
    found: typer.models.OptionInfo = typer.Option(
        "--output", "-o", metavar="FILE", help="Write the csv or xlsx report to FILE "
        "(xlsx needs it; csv goes to the screen without it).", show_default=False)
    return found


def chart_option() -> typer.models.OptionInfo:
    """`--chart FILE.png|FILE.svg`: the report's chart saved as well."""
    def check(value: Any) -> Any:
        if value is not None and value.suffix.lower() not in (".png", ".svg"):
            from kadev.i18n import t

            raise typer.BadParameter(t("err.chart_suffix"))
        return value

    found: typer.models.OptionInfo = typer.Option(
        "--chart", metavar="FILE", help="Save the chart as FILE.png or FILE.svg.",
        callback=check, show_default=False)
    return found


def encoding_option() -> typer.models.OptionInfo:
    found: typer.models.OptionInfo = typer.Option(
        "--encoding", help="CSV encoding: utf-8 (with a byte-order mark in Chinese, which "
        "Excel reads) or gbk (for older Excel on Chinese Windows).",
        **choice(("utf-8", "gbk")))
    return found


def emit_report(fmt: str, sheets: list[Sheet], output: Path | None, encoding: str,
                title: str, period: str | None = None) -> None:
    """A csv (the first sheet; to `output` or the screen) or xlsx (every sheet, and one
    saying what the report is: title, period, as-of commit, when made) report."""
    from kadev.errors import UsageError
    from kadev.i18n import t
    from kadev.render import workbook
    from kadev.store.writer import replace_file

    if fmt == "csv":
        first = sheets[0]
        data = workbook.csv_bytes(first.columns, first.rows, first.values or None, encoding)
        if output is None:
            import sys

            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            replace_file(output, data)
        return
    if output is None or output.suffix.lower() != ".xlsx":
        raise UsageError(t("err.xlsx_output", value=output or ""))
    about = [(t("xlsx.report"), title)]
    if period:
        about.append((t("xlsx.period"), period))
    as_of = state.as_of()
    if as_of:
        about.append((t("xlsx.as_of"), t("asof.note", day=as_of[2], commit=as_of[0][:7],
                                          when=as_of[1])))
    import datetime as dt

    about += [(t("xlsx.today"), state.today().isoformat()),
              (t("xlsx.made"), dt.datetime.now().strftime("%Y-%m-%d %H:%M")),
              (t("xlsx.root"), str(state.work_root()))]
    from kadev.render.output import units

    replace_file(output, workbook.xlsx_bytes(sheets, about, state.settings().currency_symbol,
                                             units()))
    typer.echo(t("xlsx.written", path=output, sheets=len(sheets)), err=True)


@contextmanager
def bulk_work() -> Iterator[None]:
    """Pause Python's cycle collector while a command builds a great many small objects (an
    import's transactions and ledger rows): they hold no cycles, and the collector's passes
    over them cost about a third of planning a large import."""
    import gc

    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def month_period(first: str | None, last: str | None, count: int | None = None,
                 by_ledger: bool = True) -> tuple[str, str]:
    """The months of a report: `--from`/`--to`, or the `--last N` months up to `--to`; `--to`
    defaults to the ledger's last month (`by_ledger`), else today's; N defaults to 12."""
    from kadev.analysis.periods import month_of, parse_month_option, shift
    from kadev.errors import UsageError
    from kadev.i18n import t

    if count is not None and first is not None:
        raise UsageError(t("err.last_and_from"))
    to_month = (parse_month_option(last, "--to") if last
                else state.library().ledger_end() if by_ledger else month_of(state.today()))
    from_month = (parse_month_option(first, "--from") if first
                  else shift(to_month, -((count or 12) - 1)))
    if from_month > to_month:
        raise UsageError(t("err.range", first=from_month, last=to_month))
    return from_month, to_month


def from_option() -> Any:
    return typer.Option("--from", metavar="YYYY-MM", help="First month (default: N months "
                        "before --to).", show_default=False)


def to_option() -> Any:
    return typer.Option("--to", metavar="YYYY-MM", help="Last month (default: the ledger's "
                        "last month).", show_default=False)


def last_option() -> Any:
    return typer.Option("--last", metavar="N", min=1, max=240, help="The N months up to --to "
                        "(default 12).", show_default=False)


def resolve_account(query: str) -> str:
    """The id of the account `query` names (id, name, alias, part, pinyin), or exit 1 (a
    person at a terminal chooses between several)."""
    from kadev.library.cards import resolve

    return resolve(state.library(), query, _choose if interactive() else None)


def interactive() -> bool:
    """A person at a terminal, who can be asked."""
    import sys

    return sys.stdin.isatty() and sys.stdout.isatty()


def _choose(choices: list[tuple[str, str]]) -> str:
    """Ask which of several accounts was meant, by number (the closest ten)."""
    from kadev.i18n import t

    shown = choices[:10]
    typer.echo(t("ask.which_account", count=len(choices)))
    for number, (account_id, name) in enumerate(shown, 1):
        typer.echo(f"  {number}. {name} ({account_id})")
    while True:  # a wrong answer is asked again; Ctrl-C leaves
        answer = str(typer.prompt(t("ask.number", last=len(shown)))).strip()
        if answer.isdigit() and 1 <= int(answer) <= len(shown):
            return shown[int(answer) - 1][0]


def find_record(kind: str, target: str) -> tuple[str, str]:
    """(account id, relative path) of the record `target` names (`library.cards`)."""
    from kadev.library.cards import find_record as find

    return find(state.library(), kind, target, _choose if interactive() else None)


def reveal_personal(account_id: str, card: Account) -> Account:
    """The card with its contacts' encrypted personal data when this machine's key opens it;
    else as it is, with a note on stderr (once) that the personal data stays locked."""
    from kadev.store import personal

    root = state.root()
    revealed = personal.reveal(root, account_id, card)
    if revealed is card and (root / personal.sealed_rel(account_id)).is_file():
        note_locked_out()
    return revealed


def note_locked_out() -> None:
    """Say once per run that personal data is encrypted and this machine cannot open it."""
    if "locked_out" not in state.options.noted:
        from kadev.i18n import t

        state.options.noted.add("locked_out")
        typer.echo(t("key.locked_out"), err=True)


def writing(*accounts: str) -> Transaction:
    """A write of the data root that holds the locks of `accounts` (read the card after
    entering it) and commits when auto_commit is on (see `kadev.store.transaction`)."""
    from kadev.store.transaction import Transaction

    if state.options.as_of:
        from kadev.errors import UsageError
        from kadev.i18n import t

        raise UsageError(t("err.as_of_write"))
    return Transaction(state.root(), accounts, state.settings().auto_commit)
