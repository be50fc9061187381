"""The manager's monthly views beyond ABC: `kadev funnel`, `kadev matrix`,
`kadev report performance`."""

from __future__ import annotations

import datetime as dt
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
    from kadev.analysis.matrix import Trade
    from kadev.models import Account
    from kadev.render.workbook import Sheet

report_app = typer.Typer(no_args_is_help=True)


def _days(first: str, last: str) -> tuple[dt.date, dt.date]:
    import calendar

    year, month = int(last[:4]), int(last[5:])
    end = dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(int(first[:4]), int(first[5:]), 1), min(end, state.today())


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
    from kadev.render.funnel import funnel_renderables
    from kadev.render.output import console, emit_json

    settings = state.settings()
    period = month_period(first, last, count, by_ledger=False)
    data, shorts = funnel_data(owner, period)
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


def funnel_data(owner: str | None, period: tuple[str, str]
                ) -> tuple[dict[str, Any], dict[str, str]]:
    """The funnel of every deal (or one owner's): the report's data (its json) and the
    accounts' short names; kept while the data root is unchanged (`store.views`)."""
    from kadev.store.views import kept

    return kept(state.root(), "funnel", (owner, period, state.today()),
                lambda: _funnel_data(owner, period))


def _funnel_data(owner: str | None, period: tuple[str, str]
                 ) -> tuple[dict[str, Any], dict[str, str]]:
    from kadev.analysis import funnel as f
    from kadev.store.accounts import deal_changes
    from kadev.store.cache import FileCache

    settings = state.settings()
    today = state.today()
    start, end = _days(*period)
    root = state.root()
    changes = FileCache(root, "deal-changes")
    loaded = [(i, c, deal_changes(root, i, changes))
              for i, c in state.cards() if c.opportunities and (not owner or
                                                                     c.owner == owner)]
    changes.save(prune=owner is None)
    rows = f.deal_rows(loaded, settings, today)
    potential = {i: Decimal(c.development_value.forecast_profit or 0)
                 for i, c, _ in loaded if c.development_value}
    aging, stuck = f.aging(rows, today, settings.stuck_days)
    states: dict[str, dict[str, Any]] = {s: {"deals": 0, "value": Decimal(0)}
                                         for s in (*f.STATES, "won")}
    for row in rows:
        if row.deal.is_open or (row.state == "won" and row.deal.closed
                                and start <= row.deal.closed <= end):
            states[row.state]["deals"] += 1
            states[row.state]["value"] += row.value
    data: dict[str, Any] = {
        "period": {"from": period[0], "to": period[1]},
        "opportunities": [{
            "account": r.account, "name": r.name, "deal": r.deal.name,
            "stage": r.deal.stage.value, "state": r.state, "grade": r.grade,
            "grade_overridden": r.overridden,
            "expected_close": r.deal.expected_close.isoformat() if r.deal.expected_close
            else None, "value": r.value, "probability": r.probability,
            "weighted_value": r.weighted, "owner": r.owner} for r in rows],
        "by_grade": f.tally(rows, "grade"),
        "by_stage": f.tally(rows, "stage"),
        "weighted_pipeline": sum((r.weighted for r in rows if r.deal.is_open), Decimal(0)),
        "chart": states,
        "conversion": f.conversion(rows, start, end),
        "aging": aging, "stuck_days": settings.stuck_days, "stuck": stuck,
        "owners": f.owners(rows, start),
        "warnings": f.warnings(rows, today),
        "priorities": f.priorities(rows, potential),
        "outcomes": f.outcomes(rows, start, end),
    }
    return data, {i: c.short for i, c, _ in loaded}


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


def trade_by_account(cards: list[tuple[str, Account]],
                     period: tuple[str, str] | None = None) -> dict[str, Trade]:
    """Revenue, profit and months with purchases in the matrix period of every account in the
    ledger (from the ledger view), and the recent visits (90 days) of the cards given."""
    from kadev.analysis.matrix import Trade
    from kadev.cli.derived import ledger_view
    from kadev.store.accounts import record_dates
    from kadev.store.cache import FileCache

    root = state.root()
    out = {a: Trade(*t, 0) for a, t in ledger_view(period).trade.items()}
    recent = state.today() - dt.timedelta(days=90)
    listing = FileCache(root, "listing", len(cards) > 1)
    for account_id, _ in cards:
        visits = sum(1 for d in record_dates(root, account_id, "visits", listing) if d >= recent)
        out[account_id] = Trade(*out.get(account_id, (0, None, 0, 0))[:3], visits)
    listing.save()
    return out


def matrix_data(cards: list[tuple[str, Account]],
                period: tuple[str, str] | None = None) -> dict[str, Any]:
    """Quadrant and tier of the cards given, measured against every account in the ledger
    over `period` (default: `matrix.months` up to the ledger's last month); only loyalty by
    tenure or share of wallet needs every card, and loads them."""
    from kadev.analysis.matrix import quadrants, tiers
    from kadev.cli.derived import ledger_view

    settings = state.settings()
    if settings.matrix.loyalty != "months" and len(cards) == 1:
        wanted = cards[0][0]
        every = state.cards()
        data = matrix_data(every, period)
        data["quadrants"]["accounts"] = [q for q in data["quadrants"]["accounts"]
                                         if q["account"] == wanted]
        data["tiers"] = [t for t in data["tiers"] if t["account"] == wanted]
        return data
    first, last = ledger_view(period).period
    trade = trade_by_account(cards, period)
    by_id = dict(cards)
    m = settings.matrix
    return {"period": {"from": first, "to": last},
            "quadrants": quadrants(by_id, trade, state.today(), m.profitability, m.loyalty,
                                   m.profitability_cutoff, m.loyalty_cutoff),
            "tiers": tiers(by_id, trade, settings.tier_cutoffs)}


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
    from kadev.render.funnel import matrix_renderables
    from kadev.render.output import console, emit_json

    period = (month_period(first, last, count if first else
                           count or state.settings().matrix.months)
              if first or last or count else None)
    from kadev.store.views import kept

    data, shorts, names = kept(state.root(), "matrix", (period, state.today()),
                               lambda: _matrix_view(period))
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


def _matrix_view(period: tuple[str, str] | None
                 ) -> tuple[dict[str, Any], dict[str, str], dict[str, str]]:
    """The matrix of every card, and the cards' short and full names."""
    cards = state.cards()
    return (matrix_data(cards, period), {i: c.short for i, c in cards},
            {i: c.name for i, c in cards})


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
    from kadev.render.output import emit_json, money, percent, print_table

    period = month_period(first, last, count)
    before_period = previous_period(*period)
    data = performance_data(period, before_period)
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
        return [[o["owner"] if o is not data["total"] else t("perf.total"), o["accounts"],
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


def performance_data(period: tuple[str, str], before: tuple[str, str]) -> dict[str, Any]:
    """Development performance of the period against `before` (its json, without the
    ledger's missing months); kept while the data root is unchanged."""
    from kadev.store.views import kept

    return kept(state.root(), "performance", (period, before),
                lambda: _performance_data(period, before))


def _performance_data(period: tuple[str, str], before: tuple[str, str]) -> dict[str, Any]:
    from kadev.analysis.performance import performance
    from kadev.analysis.periods import month_range
    from kadev.store import ledger

    root = state.root()
    present = set(ledger.months(root))

    def sums(a: str, b: str) -> dict[str, tuple[int, int]]:
        per = ledger.month_sums(root, [m for m in month_range(a, b) if m in present])
        return {acc: (sum(r for r, _ in v.values()), sum(p or 0 for _, p in v.values()))
                for acc, v in per.items()}

    owner_of = {i: c.owner for i, c in state.cards()}
    data = performance(owner_of, sums(*period), sums(*before))
    data["period"] = {"from": period[0], "to": period[1]}
    data["previous_period"] = {"from": before[0], "to": before[1]}
    return data


def performance_sheets(data: dict[str, Any]) -> list[Sheet]:
    """Development performance as tables: per owner and the total (revenue, then profit),
    then the company's revenue from existing, new and lost accounts."""
    from kadev.i18n import t
    from kadev.render.workbook import Sheet

    def number(value: float | None, places: int) -> str:
        return "" if value is None else f"{value:.{places}f}"

    rows = [*data["owners"], data["total"]]
    split = data["groups"]
    return [
        Sheet(t("sheet.owners"), ["measure", "owner", "accounts", "before", "now", "change",
                                 "rate", "of_company"],
              [[what, t("perf.total") if o is data["total"] else o["owner"], o["accounts"],
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
    app.add_typer(report_app, name="report", help="Reports: development performance.")


def derived(cards: list[tuple[str, Account]]) -> dict[str, dict[str, Any]]:
    """{account: {"class", "revenue_12m", "quadrant", "tier", "tier_from"}} for every card."""
    from kadev.cli.derived import ledger_view
    from kadev.errors import DataError

    view = ledger_view()
    if view.problems:
        raise DataError(view.problems)
    matrix = matrix_data(cards)
    quadrant = {q["account"]: q["quadrant"] for q in matrix["quadrants"]["accounts"]}
    tiers = {t["account"]: t for t in matrix["tiers"]}
    return {account_id: {
        "class": view.abc_class(account_id),
        "revenue_12m": view.revenue_12m(account_id) / 100,
        "quadrant": quadrant.get(account_id),
        "tier": tiers[account_id]["tier"],
        "tier_from": tiers[account_id]["tier_from"],
    } for account_id, _ in cards}
