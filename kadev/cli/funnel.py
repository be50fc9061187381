"""The manager's monthly views beyond ABC: `kadev funnel`, `kadev matrix`,
`kadev report performance`."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kadev.cli import state
from kadev.cli.common import (
    all_rows_option,
    chart_option,
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
    from kadev.render.workbook import Sheet

report_app = typer.Typer(no_args_is_help=True)


def funnel(
    owner: Annotated[str | None, typer.Option(help="Only this owner's deals.",
                                              show_default=False)] = None,
    first: Annotated[str | None, from_option()] = None,
    last: Annotated[str | None, typer.Option("--to", metavar="YYYY-MM", help="Last month of "
                                             "the period for conversion and outcomes "
                                             "(default: today's).", show_default=False)]
    = None,
    count: Annotated[int | None, last_option()] = None,
    fmt: Annotated[str, format_option()] = "table",
    output: Annotated[Path | None, output_option()] = None,
    encoding: Annotated[str, encoding_option()] = "utf-8",
    chart: Annotated[Path | None, chart_option()] = None,
    all_rows: Annotated[bool, all_rows_option()] = False,
    ids: Annotated[bool, ids_option()] = False,
) -> None:
    """The sales funnel: grades and stages, weighted pipeline, conversion between states,
    days per stage and stuck deals, the funnel shape per owner, priorities, won/lost reasons.

    Example: kadev funnel --owner li
    """
    from kadev.library.reports import funnel_data
    from kadev.render.funnel import funnel_renderables
    from kadev.render.output import console, emit_json

    settings = state.settings()
    period = month_period(first, last, count, by_ledger=False)
    data, shorts = funnel_data(state.library(), owner, period)
    if chart is not None:
        from kadev.render.charts import save_funnel_chart

        save_funnel_chart(data, str(chart), settings.currency_symbol, settings.chart_font)
    if fmt == "json":
        emit_json(data)
    elif fmt in ("csv", "xlsx"):
        from kadev.i18n import t

        emit_report(fmt, funnel_sheets(data), output, encoding, t("report.funnel"),
                    f"{period[0]}..{period[1]}")
    else:
        out = console()
        show_ids(ids)
        for part in funnel_renderables(data, settings.currency_symbol, out.width,
                                       rows_limit(all_rows), shorts):
            out.print(part)
        if chart is not None:
            from kadev.i18n import t

            out.print(t("abc.chart_saved", path=chart))


def funnel_sheets(data: dict[str, Any]) -> list[Sheet]:
    """The funnel's tables for a workbook: the deals first (the csv), then the summaries."""
    from kadev.i18n import t
    from kadev.render.workbook import Sheet

    def table(rows: list[dict[str, Any]], columns: list[str]) -> list[list[Any]]:
        return [[r.get(c) for c in columns] for r in rows]

    deals = ["account", "name", "deal", "stage", "state", "grade", "grade_overridden",
             "expected_close", "value", "probability", "weighted_value", "owner"]
    tally = ["deals", "value", "weighted_value"]
    return [
        Sheet(t("sheet.deals"), deals, table(data["opportunities"], deals)),
        Sheet(t("sheet.by_grade"), ["grade", *tally],
              [[g, *(v[c] for c in tally)] for g, v in data["by_grade"].items()]),
        Sheet(t("sheet.by_stage"), ["stage", *tally],
              [[g, *(v[c] for c in tally)] for g, v in data["by_stage"].items()]),
        Sheet(t("sheet.conversion"), ["step", "deals", "advanced", "conversion"],
              [[_step(c["step"]), c["deals"], c["advanced"], c["rate"]]
               for c in data["conversion"]]),
        Sheet(t("sheet.owners"), ["owner", "searching", "in_funnel", "best", "weighted_value",
                                   "shape"],
              table(data["owners"], ["owner", "searching", "in_funnel", "best",
                                     "weighted_value", "shape"]), {"shape": "shape"}),
        Sheet(t("sheet.stuck"), ["account", "name", "deal", "stage", "since", "days",
                                        "owner"],
              table(data["stuck"], ["account", "name", "deal", "stage", "since", "days",
                                    "owner"])),
        Sheet(t("sheet.priorities"), ["account", "name", "deal", "stage", "probability",
                                             "score", "grade", "owner"],
              table(data["priorities"], ["account", "name", "deal", "stage", "probability",
                                         "score", "grade", "owner"])),
    ]


def _step(step: str) -> str:
    """`searching→in_funnel` with each state named in the chosen language."""
    from kadev.i18n import LABELS, label

    return "→".join(label("state", s) if s in LABELS["state"] else label("step_end", s)
                    if s in LABELS["step_end"] else s for s in step.split("→"))


def matrix(
    first: Annotated[str | None, from_option()] = None,
    last: Annotated[str | None, to_option()] = None,
    count: Annotated[int | None, last_option()] = None,
    fmt: Annotated[str, format_option()] = "table",
    output: Annotated[Path | None, output_option()] = None,
    encoding: Annotated[str, encoding_option()] = "utf-8",
    chart: Annotated[Path | None, chart_option()] = None,
    all_rows: Annotated[bool, all_rows_option()] = False,
    ids: Annotated[bool, ids_option()] = False,
) -> None:
    """The value matrix (profitability × loyalty: true friends 知己, barnacles 藤壶, butterflies
    蝴蝶, strangers 过客) and the four-factor tiers, with the strategy for each.

    Measures and cut-offs come from `matrix:` in kadev.yaml and are stated in the output; the
    period is the `matrix.months` months up to the ledger's last month, or --from/--to/--last.
    Example: kadev matrix --last 6 --format json
    """
    from kadev.library.reports import matrix_view
    from kadev.render.funnel import matrix_renderables
    from kadev.render.output import console, emit_json

    period = (month_period(first, last, count if first else
                           count or state.settings().matrix.months)
              if first or last or count else None)
    # (how each tier factor was scored is in the JSON only: a table does not show it)
    data, shorts, names = matrix_view(state.library(), period, explain=fmt == "json")
    if chart is not None:
        from kadev.render.charts import save_matrix_chart

        settings = state.settings()
        save_matrix_chart(data, str(chart), shorts, settings.chart_font)
    if fmt == "json":
        emit_json(data)
    elif fmt in ("csv", "xlsx"):
        from kadev.i18n import t
        from kadev.render.workbook import Sheet

        tiers = {t["account"]: t for t in data["tiers"]}
        period_text = f"{data['period']['from']}..{data['period']['to']}"
        emit_report(fmt, [Sheet(t("sheet.accounts"),
                                ["account", "name", "profitability", "loyalty", "quadrant",
                                 "tier", "total"],
                                [[q["account"], names.get(q["account"], ""),
                                  _plain(q["profitability"]), _plain(q["loyalty"]),
                                  q["quadrant"], tiers[q["account"]]["tier"],
                                  tiers[q["account"]]["total"]]
                                 for q in data["quadrants"]["accounts"]])],
                    output, encoding, t("report.matrix"), period_text)
    else:
        out = console()
        show_ids(ids)
        for part in matrix_renderables(data, out.width, rows_limit(all_rows), shorts):
            out.print(part)
        if chart is not None:
            from kadev.i18n import t

            out.print(t("abc.chart_saved", path=chart))


def _plain(value: Any) -> Any:
    """A measure as csv shows it: no float noise (0.175, not 0.1749999975239608)."""
    return f"{float(value):.6g}" if isinstance(value, float | Decimal) else value


@report_app.command("performance")
def report_performance(
    first: Annotated[str | None, from_option()] = None,
    last: Annotated[str | None, to_option()] = None,
    count: Annotated[int | None, last_option()] = None,
    fmt: Annotated[str, format_option()] = "table",
    output: Annotated[Path | None, output_option()] = None,
    encoding: Annotated[str, encoding_option()] = "utf-8",
    all_rows: Annotated[bool, all_rows_option()] = False,
) -> None:
    """Development performance: the change in revenue and profit from existing accounts —
    amount, rate, share of the company total — per owner with the company's total, against
    the previous period; then the company's revenue from existing, new and lost accounts.
    The default period is the 12 months up to the ledger's last month.

    Example: kadev report performance --from 2026-01 --to 2026-06
    """
    from kadev.analysis.periods import previous_period
    from kadev.cli.reports import _say_gaps, period_gaps
    from kadev.library.reports import performance_data
    from kadev.render.output import emit_json, money, no_card, percent, print_table

    period = month_period(first, last, count)
    before_period = previous_period(*period)
    data = performance_data(state.library(), period, before_period)
    gaps = period_gaps(period, before_period)
    data["ledger_missing"] = {k: v for k, v, _ in gaps}
    symbol = state.settings().currency_symbol
    rows = [*data["owners"], data["total"]]

    if fmt == "json":
        emit_json(data)
        return
    if fmt in ("csv", "xlsx"):  # numbers as numbers: amounts in yuan, rates as fractions
        from kadev.i18n import t

        emit_report(fmt, performance_sheets(data), output, encoding, t("report.performance"),
                    f"{period[0]}..{period[1]} / {before_period[0]}..{before_period[1]}")
        _say_gaps(gaps, err=True)
        return
    from kadev.i18n import label, t

    def rate(value: float | None) -> str:
        return "-" if value is None else percent(value, 1)

    def rows_of(what: str) -> list[list[Any]]:
        return [[no_card(o["owner"]) if o is not data["total"] else t("perf.total"),
                 o["accounts"],
                 money(o[what]["before"], symbol, 0), money(o[what]["now"], symbol, 0),
                 money(o[what]["change"], symbol, 0), rate(o[what]["rate"]),
                 rate(o[what]["share_of_company"])] for o in rows]

    headers = [t(f"h.{c}") for c in ("owner", "accounts", "before", "now", "change",
                                     "rate", "of_company")]
    for what in ("revenue", "profit"):
        print_table(t("perf.title", what=label("measure", what), first=period[0],
                      last=period[1], pfirst=before_period[0], plast=before_period[1]),
                    headers, rows_of(what), right=headers[1:], limit=rows_limit(all_rows))
    split = data["groups"]
    print_table(t("perf.split_title", first=period[0], last=period[1]),
                [t("h.group"), t("h.accounts"), t("h.before"), t("h.now"), t("h.change")],
                [[label("perf_group", g), split[g]["accounts"],
                  money(split[g]["before"], symbol, 0), money(split[g]["now"], symbol, 0),
                  money(split[g]["change"], symbol, 0)] for g in ("existing", "new", "lost")],
                right=[t("h.accounts"), t("h.before"), t("h.now"), t("h.change")])
    _say_gaps(gaps)


def performance_sheets(data: dict[str, Any]) -> list[Sheet]:
    """Development performance as tables: per owner and the total (revenue, then profit),
    then the company's revenue from existing, new and lost accounts."""
    from kadev.i18n import t
    from kadev.render.output import no_card
    from kadev.render.workbook import Sheet

    def number(value: float | None, places: int) -> str:
        return "" if value is None else f"{value:.{places}f}"

    rows = [*data["owners"], data["total"]]
    split = data["groups"]
    return [
        Sheet(t("sheet.owners"), ["measure", "owner", "accounts", "before", "now", "change",
                                 "rate", "of_company"],
              [[what, t("perf.total") if o is data["total"] else no_card(o["owner"]),
                o["accounts"],
                number(o[what]["before"], 2), number(o[what]["now"], 2),
                number(o[what]["change"], 2), number(o[what]["rate"], 6),
                number(o[what]["share_of_company"], 6)]
               for what in ("revenue", "profit") for o in rows]),
        Sheet(t("sheet.groups"), ["group", "accounts", "before", "now", "change"],
              [[g, split[g]["accounts"], split[g]["before"], split[g]["now"], split[g]["change"]]
               for g in ("existing", "new", "lost")], {"group": "perf_group"}),
    ]


def register(app: typer.Typer) -> None:
    app.command()(funnel)
    app.command()(matrix)
    app.add_typer(report_app, name="report", help="Reports: development performance, the monthly "
                  "pack.")
