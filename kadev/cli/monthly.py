"""`kadev report monthly`: the month put together for the boss, as one HTML page or workbook."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kadev.cli import state

if TYPE_CHECKING:
    from kadev.library.monthly import MonthlyPack
    from kadev.render.pack import Section
    from kadev.render.workbook import Sheet


def report_monthly(
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE",
                                         help="pack.html (one page, charts inside) or "
                                         "pack.xlsx (a sheet per table).",
                                         show_default=False)],
    month: Annotated[str | None, typer.Option("--month", metavar="YYYY-MM",
                                              help="The month (default: the last full month "
                                              "before today).", show_default=False)] = None,
) -> None:
    """The monthly pack a manager sends upward: ABC with its movements, the funnel with
    conversion, ageing and shapes, the value matrix, development performance per rep with
    the total, complaints opened, resolved and open with their ages, and each rep's visits,
    plans kept and missed and follow-ups missed. One self-contained HTML file (it opens
    offline and can be forwarded) or an xlsx workbook; no personal data.

    Example: kadev --lang zh report monthly --month 2026-10 -o 2026-10月报.html
    """
    from kadev.analysis.periods import month_of, parse_month_option, shift
    from kadev.errors import UsageError
    from kadev.i18n import lang, t

    suffix = output.suffix.lower()
    if suffix not in (".html", ".htm", ".xlsx"):
        raise UsageError(t("err.pack_output", value=output))
    today = state.today()
    month = parse_month_option(month, "--month") if month else shift(month_of(today), -1)
    sections = _sections(month)
    title = t("pack.title", month=month)
    settings = state.settings()
    if suffix == ".xlsx":
        from kadev.cli.common import emit_report

        emit_report("xlsx", [s for section in sections for s in section.sheets], output,
                    "utf-8", title, month)
        return
    from kadev.render.pack import pack_html
    from kadev.store.writer import replace_file

    meta = [t("pack.meta", today=today.isoformat(), root=state.work_root().name)]
    as_of = state.as_of()
    if as_of:
        meta.append(t("asof.note", day=as_of[2], commit=as_of[0][:7], when=as_of[1]))
    page = pack_html(title, meta, sections, lang(), settings.currency_symbol,
                     totals=frozenset({t("sheet.activity")}))
    replace_file(output, page.encode("utf-8"))
    typer.echo(t("pack.written", path=output, sections=len(sections)), err=True)


def _sections(month: str) -> list[Section]:
    """Every part of the pack for `month`, laid out."""
    from kadev.library.monthly import monthly_pack

    pack = monthly_pack(state.library(), month)
    return [_abc(pack), _funnel(pack), _matrix(pack), _performance(pack), _complaints(pack),
            _activity(pack)]


def _png(figure: Any) -> bytes:
    import io

    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return buffer.getvalue()


def _font() -> tuple[bool, str | None]:
    """(charts can be drawn, the font): in Chinese, without a Chinese font, no charts."""
    from kadev.i18n import lang
    from kadev.render.charts import chinese_font

    font = chinese_font(state.settings().chart_font)
    return font is not None or lang() != "zh", font


def _no_chart_note(drawn: bool) -> list[str]:
    from kadev.i18n import t

    return [] if drawn else [t("pack.no_font")]


def _abc(pack: MonthlyPack) -> Section:
    from kadev.i18n import label, t
    from kadev.render.abc import abc_title
    from kadev.render.charts import abc_figure
    from kadev.render.output import no_card, percent
    from kadev.render.pack import Section
    from kadev.render.workbook import Sheet

    settings = state.settings()
    run, period, moved = pack.abc, pack.year, pack.moved
    result, names = run.result, run.names
    drawn, font = _font()
    part = result.top20_accounts / len(result.rows) if result.rows else 0
    return Section(
        "abc", t("pack.abc"),
        [abc_title(result, "revenue", period),
         t("abc.check", top=result.top20_accounts, count=len(result.rows), part=percent(part),
           share=percent(result.top20_share), by=label("measure", "revenue")),
         t("pack.moved", count=len(moved), first=run.before[0] if run.before else "",
           last=run.before[1] if run.before else ""), *_no_chart_note(drawn)],
        [Sheet(t("abc.classes"), ["class", "accounts", "amount", "share"],
               [[c, s.accounts, s.amount / 100, float(s.share)]
                for c, s in result.classes.items()]),
         Sheet(t("sheet.moves"), ["account", "name", "previous_class", "class",
                                  "previous_amount", "amount", "change_rate"],
               [[m["account"], no_card(names.get(m["account"], "")), m["previous_class"] or "",
                 m["class"], int(m["previous_amount"]) / 100, int(m["amount"]) / 100,
                 None if m["change_rate"] is None else float(m["change_rate"])]
                for m in moved]),
         Sheet(t("sheet.top"), ["rank", "account", "name", "amount", "share",
                                "cumulative_share", "class"],
               [[r.rank, r.account, no_card(names.get(r.account, "")), r.amount / 100,
                 float(r.share),
                 float(r.cumulative_share), r.abc_class] for r in result.rows[:20]])],
        _png(abc_figure(result, "revenue", period, run.shorts, settings.currency_symbol,
                        font)) if drawn else None, t("pack.abc"))


def _funnel(pack: MonthlyPack) -> Section:
    from kadev.cli.funnel import funnel_sheets
    from kadev.i18n import label, t
    from kadev.render.charts import funnel_figure
    from kadev.render.output import money
    from kadev.render.pack import Section

    data = pack.funnel
    symbol = state.settings().currency_symbol
    drawn, font = _font()
    sheets = funnel_sheets(data)
    aging = _aging_sheet(data)
    outcomes = data["outcomes"]
    return Section(
        "funnel", t("pack.funnel"),
        [t("funnel.pipeline", amount=money(data["weighted_pipeline"], symbol, 0)),
         *(t("pack.outcome", result=label("state", r), deals=outcomes[r]["deals"],
             amount=money(outcomes[r]["value"], symbol, 0)) for r in ("won", "lost")),
         *_no_chart_note(drawn)],
        [sheets[2], sheets[3], aging, sheets[4], sheets[5]],
        _png(funnel_figure(data, symbol, font)) if drawn else None, t("pack.funnel"))


def _aging_sheet(data: dict[str, Any]) -> Sheet:
    from kadev.i18n import t
    from kadev.render.workbook import Sheet

    return Sheet(t("sheet.aging"), ["stage", "stays", "mean_days"],
                 [[s, a["stays"], None if a["mean_days"] is None else round(a["mean_days"], 1)]
                  for s, a in data["aging"].items()])


def _matrix(pack: MonthlyPack) -> Section:
    from kadev.i18n import t
    from kadev.render.charts import matrix_figure
    from kadev.render.pack import Section
    from kadev.render.workbook import Sheet

    data = pack.matrix
    drawn, font = _font()
    shorts = {i: c.short for i, c in state.cards()}
    return Section(
        "matrix", t("pack.matrix"),
        [t("chart.matrix_title", first=data["period"]["from"], last=data["period"]["to"]),
         *_no_chart_note(drawn)],
        [Sheet(t("sheet.quadrants"), ["quadrant", "accounts"],
               [list(q) for q in pack.quadrants.items()]),
         Sheet(t("sheet.tiers"), ["tier", "accounts"], pack.tiers)],
        _png(matrix_figure(data, shorts, font)) if drawn else None, t("pack.matrix"))


def _performance(pack: MonthlyPack) -> Section:
    from kadev.cli.funnel import performance_sheets
    from kadev.i18n import t
    from kadev.render.pack import Section

    period, before = pack.year, pack.before
    return Section("performance", t("pack.performance"),
                   [t("pack.performance_period", first=period[0], last=period[1],
                      pfirst=before[0], plast=before[1])], performance_sheets(pack.performance))


def _complaints(pack: MonthlyPack) -> Section:
    from kadev.i18n import t
    from kadev.render.pack import Section
    from kadev.render.workbook import Sheet

    month = pack.complaints
    columns = ["account", "name", "owner", "date", "age_days", "severity", "escalated", "what"]
    return Section("complaints", t("pack.complaints"),
                   [t("pack.complaint_counts", opened=month["opened"],
                      resolved=month["resolved"], open=month["open"],
                      day=pack.last.isoformat())],
                   [Sheet(t("sheet.open_complaints"), columns,
                          [[r[c] for c in columns] for r in month["open_list"]])])


def _activity(pack: MonthlyPack) -> Section:
    from kadev.i18n import t
    from kadev.render.pack import Section
    from kadev.render.workbook import Sheet

    rows = [*pack.activity[:-1], {**pack.activity[-1], "owner": t("perf.total")}]
    columns = ["owner", "visits", "meetings", "accounts_visited", "plans", "plans_kept",
               "plans_missed", "kept_rate", "follow_ups_missed"]
    missed_columns = ["account", "name", "owner", "kind", "reason", "date"]
    return Section("activity", t("pack.activity"),
                   [t("pack.activity_note", first=pack.first.isoformat(),
                      last=pack.last.isoformat())],
                   [Sheet(t("sheet.activity"), columns, [[r[c] for c in columns] for r in rows]),
                    Sheet(t("sheet.missed"), missed_columns,
                          [[m.as_dict()[c] for c in missed_columns] for m in pack.missed])])


def register(report_app: typer.Typer) -> None:
    report_app.command("monthly")(report_monthly)
