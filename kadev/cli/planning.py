"""`kadev plan annual` (the manager's regional plan for a year) and `kadev plan month` (a
rep's development plan: contact cadence by tier, the month by week, deals and prospects, in
its three-month phase)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from kadev.cli import state
from kadev.cli.common import emit_report, encoding_option, format_option, output_option


def annual(
    year: Annotated[int | None, typer.Option("--year", metavar="YYYY", min=1901, max=2100,
                                             help="The plan's (fiscal) year (default: next "
                                             "year).", show_default=False)] = None,
    region: Annotated[str | None, typer.Option(help="Only this region (a part of its name).",
                                               show_default=False)] = None,
    fmt: Annotated[str, format_option()] = "table",
    output: Annotated[Path | None, output_option()] = None,
    encoding: Annotated[str, encoding_option()] = "utf-8",
) -> None:
    """The annual regional sales plan from the cards: per region and ABC class (of last
    year), the revenue of the two years before, the trend, the open weighted pipeline
    expected in the year, and a proposed target, with the rule it follows stated.

    Example: kadev plan annual --year 2027 --format xlsx -o 2027年度区域计划.xlsx
    """
    from kadev.analysis.planning import GROWTH_CAP, GROWTH_FLOOR
    from kadev.cli.reports import _say_gaps, period_gaps
    from kadev.i18n import t
    from kadev.library.planning import annual_plan_data
    from kadev.render.output import emit_json, money, percent, print_table

    settings = state.settings()
    year = year or state.today().year + 1
    plan, last, before, rows = annual_plan_data(state.library(), year, region,
                                                t("plan.no_region"))
    rule = t("plan.rule", floor=percent(GROWTH_FLOOR, 0), cap=percent(GROWTH_CAP, 0),
             first=plan[0], last=plan[1])
    gaps = period_gaps(last, before)
    title = t("plan.annual_title", year=year, first=plan[0], last=plan[1], lfirst=last[0],
              llast=last[1], bfirst=before[0], blast=before[1])
    if fmt == "json":
        emit_json({"year": year, "period": {"from": plan[0], "to": plan[1]},
                   "last_year": {"from": last[0], "to": last[1]},
                   "year_before": {"from": before[0], "to": before[1]},
                   "rule": rule, "growth_floor": float(GROWTH_FLOOR),
                   "growth_cap": float(GROWTH_CAP), "rows": [r.as_dict() for r in rows],
                   "ledger_missing": {k: v for k, v, _ in gaps}})
        return
    if fmt in ("csv", "xlsx"):
        from kadev.render.workbook import Sheet

        columns = ["region", "class", "accounts", "year_before", "last_year", "trend",
                   "pipeline", "target"]
        total = t("perf.total")
        emit_report(fmt, [Sheet(t("sheet.annual"), columns,
                                [[r.as_dict()[c] or (total if c in ("region", "class") else
                                                     r.as_dict()[c]) for c in columns]
                                 for r in rows])],
                    output, encoding, f"{title} — {rule}", f"{plan[0]}..{plan[1]}")
        _say_gaps(gaps, err=True)
        return
    symbol = settings.currency_symbol
    headers = [t(f"h.{h}") for h in ("region", "class", "accounts", "year_before",
                                     "last_year", "trend", "pipeline", "target")]
    print_table(title, headers,
                [[r.region or t("perf.total"), r.abc_class or t("perf.total"), r.accounts,
                  money(r.year_before / 100, symbol, 0), money(r.last_year / 100, symbol, 0),
                  "-" if r.trend is None else percent(r.trend, 1),
                  money(r.pipeline, symbol, 0), money(r.target, symbol, 0)] for r in rows],
                right=headers[2:], caption=rule)
    _say_gaps(gaps)


def month_plan(
    owner: Annotated[str | None, typer.Option(help="The rep (default: you).",
                                              show_default=False)] = None,
    month: Annotated[str | None, typer.Option("--month", metavar="YYYY-MM",
                                              help="The month (default: this month).",
                                              show_default=False)] = None,
    fmt: Annotated[str, format_option()] = "table",
    output: Annotated[Path | None, output_option()] = None,
    encoding: Annotated[str, encoding_option()] = "utf-8",
) -> None:
    """A rep's monthly development plan: the accounts by tier with the contact cadence each
    tier asks for, the contacts that cadence needs this month week by week, the deals to
    move on and the prospects to qualify (MAN), within the three-month phase the month
    belongs to (phases start with the fiscal year).

    Example: kadev plan month --owner chen --month 2026-12
    """
    from kadev.analysis.monthly import month_days
    from kadev.analysis.periods import month_of, parse_month_option
    from kadev.errors import UsageError
    from kadev.i18n import t
    from kadev.library.planning import month_plan as month_plan_data

    who = state.owner_filter(owner, False)
    if not who:
        raise UsageError(t("err.plan_owner"))
    month = parse_month_option(month, "--month") if month else month_of(state.today())
    plan = month_plan_data(state.library(), who, month)
    first, last = month_days(month)
    title = t("plan.month_title", owner=who, month=month, phase=plan["phase"]["from"],
              phase_to=plan["phase"]["to"], n=plan["phase"]["position"])
    if fmt == "json":
        from kadev.render.output import emit_json

        emit_json(plan)
        return
    sheets = month_sheets(plan)
    if fmt in ("csv", "xlsx"):
        emit_report(fmt, sheets, output, encoding, title, f"{first}..{last}")
        return
    from kadev.render.output import print_table
    from kadev.render.workbook import header

    typer.echo(title)
    from kadev.render.workbook import display_rows

    symbol = state.settings().currency_symbol
    shorts = {x["account"]: x["short"] for x in plan["accounts"]}
    for sheet in sheets:  # on a screen: the short name instead of the id and full name
        keep = [i for i, c in enumerate(sheet.columns) if c != "name"]
        rows = [[shorts.get(r[i], r[i]) if sheet.columns[i] == "account" else r[i]
                 for i in keep] for r in display_rows(sheet, symbol)]
        print_table(sheet.title, [t("h.account") if sheet.columns[i] == "account"
                                  else header(sheet.columns[i]) for i in keep], rows)


def month_sheets(plan: dict[str, Any]) -> list[Any]:
    from kadev.i18n import label, t
    from kadev.render.workbook import Sheet

    def tier_name(tier: str) -> str:
        return (t("plan.tier", tier=tier) if tier.isdigit() else label("status", tier)
                if tier == "prospect" else t("chart.class", cls=tier))

    return [
        Sheet(t("sheet.plan_tiers"), ["tier", "accounts", "interval", "contacts"],
              [[tier_name(r["tier"]), r["accounts"], r["interval"], r["contacts"]]
               for r in plan["tiers"]]),
        Sheet(t("sheet.plan_weeks"), ["week", "contacts", "accounts_to_contact", "closing"],
              [[f"{w['from']:%m-%d}..{w['to']:%m-%d}", len(w["contacts"]),
                "、".join(w["shorts"]), "、".join(w["closing"])] for w in plan["weeks"]]),
        Sheet(t("sheet.plan_accounts"), ["account", "name", "tier", "interval", "last_contact",
                                         "contact_days"],
              [[x["account"], x["name"], tier_name(x["tier"]), x["interval"],
                x["last_contact"], "、".join(f"{d:%m-%d}" for d in x["days"])]
               for x in plan["accounts"]]),
        Sheet(t("sheet.plan_deals"), ["account", "name", "deal", "stage", "next_stage",
                                      "expected_close", "grade", "value"],
              [[d["account"], d["name"], d["deal"], d["stage"], d["next_stage"],
                d["expected_close"], d["grade"], d["value"]] for d in plan["deals"]],
              {"next_stage": "stage"}),
        Sheet(t("sheet.plan_prospects"), ["account", "name", "ask"],
              [[p["account"], p["name"], "、".join(t(f"plan.man.{k}") for k in p["unknown"])
                or t("plan.qualified")] for p in plan["prospects"]]),
        Sheet(t("sheet.plan_phase"), ["month", "contacts", "deals", "value",
                                      "prospects_to_qualify"],
              [[r["month"] + (t("plan.done") if r["done"] else ""), r["contacts"],
                r["deals_closing"], r["closing_value"], r["prospects_to_qualify"]]
               for r in plan["phase_months"]]),
    ]


def register(plans_app: typer.Typer) -> None:
    plans_app.command("annual")(annual)
    plans_app.command("month")(month_plan)
