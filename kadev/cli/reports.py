"""Manager's reports: `kadev abc` (and the ABC data `account list/show` reuse)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kadev.cli import state
from kadev.cli.common import (
    all_rows_option,
    chart_option,
    choice,
    emit_report,
    encoding_option,
    format_option,
    from_option,
    ids_option,
    last_option,
    month_period,
    output_option,
    rows_limit,
    show_ids,
    to_option,
)

if TYPE_CHECKING:

    pass

Filter = Annotated[str | None, typer.Option(show_default=False)]


def abc(
    by: Annotated[str, typer.Option(**choice(("revenue", "profit")))] = "revenue",
    first: Annotated[str | None, from_option()] = None,
    last: Annotated[str | None, to_option()] = None,
    count: Annotated[int | None, last_option()] = None,
    thresholds: Annotated[str | None, typer.Option(help="A and B percentages, e.g. 55,30 "
                                                   "(default from kadev.yaml).",
                                                   show_default=False)] = None,
    owner: Filter = None, region: Filter = None, industry: Filter = None, nature: Filter = None,
    compare: Annotated[bool, typer.Option("--compare", help="Also the previous period of equal "
                                          "length, with class movements.")] = False,
    chart: Annotated[Path | None, chart_option()] = None,
    fmt: Annotated[str, format_option()] = "table",
    output: Annotated[Path | None, output_option()] = None,
    encoding: Annotated[str, encoding_option()] = "utf-8",
    all_rows: Annotated[bool, all_rows_option()] = False,
    ids: Annotated[bool, ids_option()] = False,
) -> None:
    """ABC / Pareto classification of accounts by revenue or profit over a period.

    Cumulative share includes the account itself: A ≤ 55%, B ≤ 85%, so the account that
    crosses a boundary falls in the class below. Accounts without sales are C with 0. The
    default period is the 12 months up to the ledger's last month; months the ledger lacks
    are named.
    Example: kadev abc --from 2025-12 --to 2026-11 --compare --chart abc.png
    """
    from kadev.analysis.abc import parse_thresholds
    from kadev.i18n import t
    from kadev.library.reports import abc_run
    from kadev.render import abc as render
    from kadev.render.output import console, emit_json

    from_month, to_month = month_period(first, last, count)
    limits = (parse_thresholds(thresholds) if thresholds
              else tuple(state.settings().abc_thresholds))
    wanted = {"owner": owner, "region": region, "industry": industry, "nature": nature}
    run = abc_run(state.library(), by, (from_month, to_month), limits, wanted, compare)
    result, names, shorts, moves, before = run
    gaps = period_gaps((from_month, to_month), before)
    if chart is not None:
        from kadev.render.charts import save_abc_chart

        save_abc_chart(result, str(chart), by, (from_month, to_month), shorts,
                       state.settings().currency_symbol, state.settings().chart_font)
    if fmt == "json":
        emit_json(render.abc_json(result, names, (from_month, to_month), by, moves, before)
                  | {"ledger_missing": {k: v for k, v, _ in gaps}})
    elif fmt in ("csv", "xlsx"):
        from kadev.render.workbook import Sheet

        columns, rows = render.CSV_COLUMNS, render.abc_csv_rows(result, names)
        if moves is not None:  # the comparison too
            previous = {m["account"]: m for m in moves}
            columns = [*columns, "previous_class", "previous_amount", "change", "change_rate"]
            rows = [[*r, *_compared(previous.get(str(r[1])))] for r in rows]
        classes = Sheet(t("abc.classes"), ["class", "accounts", "amount", "share"],
                        [[c, s.accounts, s.amount / 100, float(s.share)]
                         for c, s in result.classes.items()])
        emit_report(fmt, [Sheet(t("sheet.accounts"), columns, rows), classes], output, encoding,
                    render.abc_title(result, by, (from_month, to_month)),
                    f"{from_month}..{to_month}")
        _say_gaps(gaps, err=True)
    else:
        out = console()
        show_ids(ids)
        for part in render.abc_renderables(result, shorts, (from_month, to_month), by,
                                           state.settings().currency_symbol, out.width, moves,
                                           rows_limit(all_rows)):
            out.print(part)
        if chart is not None:
            from kadev.i18n import t

            out.print(t("abc.chart_saved", path=chart))
        _say_gaps(gaps)


def _compared(move: dict[str, object] | None) -> list[object]:
    if move is None:
        return ["", "", "", ""]
    rate = move["change_rate"]
    return [move["previous_class"] or "", f"{int(move['previous_amount']) / 100:.2f}",  # type: ignore[call-overload]
            f"{int(move['change']) / 100:.2f}",  # type: ignore[call-overload]
            "" if rate is None else f"{float(rate):.6f}"]  # type: ignore[arg-type]


Gap = tuple[str, list[str], tuple[str, str]]


def period_gaps(period: tuple[str, str], before: tuple[str, str] | None) -> list[Gap]:
    """("period" / "previous_period", months the ledger lacks, the period) where it lacks
    any."""
    lib = state.library()
    gaps = [("period", lib.missing_months(*period), period)]
    if before is not None:
        gaps.append(("previous_period", lib.missing_months(*before), before))
    return [g for g in gaps if g[1]]


def _say_gaps(gaps: list[Gap], err: bool = False) -> None:
    """Each period the ledger does not fully cover, named in the report."""
    from kadev.analysis.periods import month_range
    from kadev.i18n import t

    for which, months, (first, last) in gaps:
        text = ", ".join(months) if len(months) <= 4 else f"{months[0]}..{months[-1]}"
        typer.echo(t(f"period.missing_{which}", first=first, last=last, months=text,
                     count=len(month_range(first, last)) - len(months),
                     of=len(month_range(first, last))), err=err)


def register(app: typer.Typer) -> None:
    app.command()(abc)
