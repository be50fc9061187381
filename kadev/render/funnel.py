"""Funnel and matrix output: tables, the funnel chart, the quadrant grid."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kadev.render.output import money, percent


def funnel_chart(by_state: dict[str, tuple[int, Decimal]], width: int, symbol: str) -> str:
    """A centred funnel: one bar per state, width by number of deals."""
    widest = max((n for n, _ in by_state.values()), default=0) or 1
    room = max(10, width - 40)
    lines = []
    for state, (count, value) in by_state.items():
        bar = "█" * max(1 if count else 0, round(count / widest * room))
        lines.append(f"{state:>10} {bar.center(room)} {count:>4}  {money(value, symbol, 0)}")
    return "\n".join(lines)


def funnel_renderables(data: dict[str, Any], symbol: str, width: int) -> list[Any]:
    from rich.text import Text

    from kadev.render.output import table

    parts: list[Any] = []
    opp = data["opportunities"]
    open_rows = [o for o in opp if o["state"] not in ("won", "lost")]
    parts.append(table("open deals (weighted value = value × stage probability)",
                       ["account", "deal", "stage", "grade", "close", "value", "weighted"],
                       [[o["account"], o["deal"], o["stage"],
                         o["grade"] + ("*" if o["grade_overridden"] else ""),
                         o["expected_close"] or "", money(o["value"], symbol, 0),
                         money(o["weighted_value"], symbol, 0)] for o in open_rows],
                       right=["value", "weighted"], width=width,
                       caption="* grade set on the card (overrides the close date)"))
    for key in ("grade", "stage"):
        parts.append(table(f"by {key}", [key, "deals", "value", "weighted"],
                           [[name, v["deals"], money(v["value"], symbol, 0),
                             money(v["weighted_value"], symbol, 0)]
                            for name, v in data[f"by_{key}"].items()],
                           right=["deals", "value", "weighted"], width=width))
    parts.append(Text(f"weighted pipeline: {money(data['weighted_pipeline'], symbol)}"))
    states = data["chart"]
    parts.append(Text(funnel_chart({k: (v["deals"], v["value"]) for k, v in states.items()},
                                   width, symbol)))
    period = data["period"]
    parts.append(table(f"conversion {period['from']}..{period['to']} (from stage changes "
                       "recorded in visits)", ["step", "deals", "advanced", "rate", "typical"],
                       [[c["step"], c["deals"], c["advanced"],
                         percent(c["rate"], 0) if c["rate"] is not None else "-", c["typical"]]
                        for c in data["conversion"]], right=["deals", "advanced", "rate"],
                       width=width))
    parts.append(table("days in each stage (finished stays)", ["stage", "stays", "mean days"],
                       [[s, a["stays"], a["mean_days"] if a["mean_days"] is not None else "-"]
                        for s, a in data["aging"].items()], right=["stays", "mean days"],
                       width=width))
    if data["stuck"]:
        parts.append(table(f"stuck longer than {data['stuck_days']} days in one stage",
                           ["account", "deal", "stage", "since", "days", "owner"],
                           [[s["account"], s["deal"], s["stage"], s["since"], s["days"],
                             s["owner"]] for s in data["stuck"]], right=["days"], width=width))
    parts.append(table("funnel shape per owner", ["owner", "searching", "in funnel", "best",
                                                  "shape", "advice"],
                       [[o["owner"], o["searching"], o["in_funnel"], o["best"], o["shape"],
                         o["advice"]] for o in data["owners"]], width=width))
    parts.append(table("priorities: success probability × attractiveness",
                       ["account", "deal", "stage", "probability", "score"],
                       [[p["account"], p["deal"], p["stage"], percent(p["probability"], 0),
                         money(p["score"], symbol, 0)] for p in data["priorities"]],
                       right=["probability", "score"], width=width))
    for result in ("won", "lost"):
        o = data["outcomes"][result]
        reasons = "; ".join(f"{r['reason']} ({r['deals']})" for r in o["reasons"]) or "-"
        parts.append(Text(f"{result} in the period: {o['deals']} deals, "
                          f"{money(o['value'], symbol)}; reasons: {reasons}"))
    return parts


NAMES = {"true_friend": "true friends 知己", "barnacle": "barnacles 藤壶",
         "butterfly": "butterflies 蝴蝶", "stranger": "strangers 过客"}


def matrix_renderables(data: dict[str, Any], width: int) -> list[Any]:
    from rich.text import Text

    from kadev.analysis.matrix import QUADRANT_STRATEGY
    from kadev.render.output import table

    q = data["quadrants"]
    prof, loyal = q["profitability"], q["loyalty"]

    def fmt(measure: str, value: float | None) -> str:
        if value is None:
            return "-"
        if measure == "margin" or measure == "share_of_wallet":
            return percent(value, 1)
        return f"{value:,.1f}"

    head = Text(f"profitability = {prof['measure']} (cut-off {fmt(prof['measure'], prof['cutoff'])}"
                f", {prof['cutoff_from']}); loyalty = {loyal['measure']} (cut-off "
                f"{fmt(loyal['measure'], loyal['cutoff'])}, {loyal['cutoff_from']}); over "
                f"{data['period']['from']}..{data['period']['to']}")
    groups: dict[str, list[str]] = {k: [] for k in NAMES}
    for row in q["accounts"]:
        if row["quadrant"]:
            groups[row["quadrant"]].append(row["account"])
    grid = table("profitability × loyalty", ["", "not profitable", "profitable"],
                 [["loyal", f"{NAMES['barnacle']}: {len(groups['barnacle'])}\n"
                   + ", ".join(groups["barnacle"]),
                   f"{NAMES['true_friend']}: {len(groups['true_friend'])}\n"
                   + ", ".join(groups["true_friend"])],
                  ["not loyal", f"{NAMES['stranger']}: {len(groups['stranger'])}\n"
                   + ", ".join(groups["stranger"]),
                   f"{NAMES['butterfly']}: {len(groups['butterfly'])}\n"
                   + ", ".join(groups["butterfly"])]], width=width)
    strategy = table("strategy", ["quadrant", "what to do"],
                     [[NAMES[k], v] for k, v in QUADRANT_STRATEGY.items()], width=width)
    tiers = table("four-factor tiers (scores 1-5; how each was obtained in --format json)",
                  ["account", "assets", "contrib.", "relation", "potential", "total", "tier",
                   "strategy"],
                  [[t["account"], *(t["factors"][f]["score"] for f in
                                    ("assets", "contribution", "relationship", "potential")),
                    t["total"], f"{t['tier']}" + ("*" if t["tier_from"] == "card" else ""),
                    t["strategy"]] for t in data["tiers"]],
                  right=["assets", "contrib.", "relation", "potential", "total"], width=width,
                  caption="* tier set on the card")
    return [head, grid, strategy, tiers]
