"""Funnel and matrix output: tables, the funnel chart, the quadrant grid."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kadev.i18n import label, t
from kadev.render.output import account_cells, account_headers, money, percent


def funnel_chart(by_state: dict[str, tuple[int, Decimal]], width: int, symbol: str) -> str:
    """A centred funnel: one bar per state, width by number of deals."""
    widest = max((n for n, _ in by_state.values()), default=0) or 1
    room = max(10, width - 40)
    lines = []
    for state, (count, value) in by_state.items():
        bar = "█" * max(1 if count else 0, round(count / widest * room))
        name = label("state", state)
        pad = 10 - (len(name.encode("gbk", "replace")) - len(name))  # CJK is two cells wide
        lines.append(f"{name:>{pad}} {bar.center(room)} {count:>4}  {money(value, symbol, 0)}")
    return "\n".join(lines)


def _who(shorts: dict[str, str]) -> Any:
    """The cells naming an account by its id: short name (and id with `--ids`)."""
    def cells(account_id: str) -> list[str]:
        return account_cells(account_id, shorts.get(account_id, account_id))
    return cells


def funnel_renderables(data: dict[str, Any], symbol: str, width: int,
                       limit: int | None = None, shorts: dict[str, str] | None = None
                       ) -> list[Any]:
    from rich.text import Text

    from kadev.render.output import table

    who = _who(shorts or {})
    parts: list[Any] = []
    h = {k: t(f"h.{k}") for k in ("account", "deal", "stage", "grade", "close", "value",
                                  "weighted", "deals", "step", "advanced", "rate", "typical",
                                  "stays", "mean_days", "since", "days", "owner", "searching",
                                  "in_funnel", "best", "shape", "advice", "probability",
                                  "score")}
    opp = data["opportunities"]
    open_rows = [o for o in opp if o["state"] not in ("won", "lost")]
    parts.append(table(t("funnel.open"),
                       [*account_headers(), h["deal"], h["stage"], h["grade"], h["close"],
                        h["value"], h["weighted"]],
                       [[*who(o["account"]), o["deal"], label("stage", o["stage"]),
                         o["grade"] + ("*" if o["grade_overridden"] else ""),
                         o["expected_close"] or "", money(o["value"], symbol, 0),
                         money(o["weighted_value"], symbol, 0)] for o in open_rows],
                       right=[h["value"], h["weighted"]], width=width,
                       caption=t("funnel.set_on_card"), limit=limit))
    for key in ("grade", "stage"):
        parts.append(table(t("funnel.by", key=h[key]), [h[key], h["deals"], h["value"],
                                                        h["weighted"]],
                           [[label("stage", name) if key == "stage" else name, v["deals"],
                             money(v["value"], symbol, 0), money(v["weighted_value"], symbol, 0)]
                            for name, v in data[f"by_{key}"].items()],
                           right=[h["deals"], h["value"], h["weighted"]], width=width, limit=limit))
    parts.append(Text(t("funnel.pipeline", amount=money(data["weighted_pipeline"], symbol))))
    states = data["chart"]
    parts.append(Text(funnel_chart({k: (v["deals"], v["value"]) for k, v in states.items()},
                                   width, symbol)))
    period = data["period"]
    typical = {c["step"]: t(f"funnel.typical.{i}") for i, c in enumerate(data["conversion"], 1)}
    parts.append(table(t("funnel.conversion", first=period["from"], last=period["to"]),
                       [h["step"], h["deals"], h["advanced"], h["rate"], h["typical"]],
                       [["→".join(label("state", s) for s in c["step"].split("→")),
                         c["deals"], c["advanced"],
                         percent(c["rate"], 0) if c["rate"] is not None else "-",
                         typical[c["step"]]] for c in data["conversion"]],
                       right=[h["deals"], h["advanced"], h["rate"]], width=width, limit=limit))
    parts.append(table(t("funnel.aging"), [h["stage"], h["stays"], h["mean_days"]],
                       [[label("stage", s), a["stays"],
                         f"{a['mean_days']:.1f}" if a["mean_days"] is not None else "-"]
                        for s, a in data["aging"].items()], right=[h["stays"], h["mean_days"]],
                       width=width, limit=limit))
    if data["stuck"]:
        parts.append(table(t("funnel.stuck", days=data["stuck_days"]),
                           [*account_headers(), h["deal"], h["stage"], h["since"], h["days"],
                            h["owner"]],
                           [[*who(s["account"]), s["deal"], label("stage", s["stage"]), s["since"],
                             s["days"], s["owner"]] for s in data["stuck"]], right=[h["days"]],
                           width=width, limit=limit))
    parts.append(table(t("funnel.shapes"), [h["owner"], h["searching"], h["in_funnel"],
                                            h["best"], h["shape"], h["advice"]],
                       [[o["owner"], o["searching"], o["in_funnel"], o["best"],
                         label("shape", o["shape"]), o["advice"]]
                        for o in data["owners"]], width=width, limit=limit))
    if data.get("warnings"):
        parts.append(table(t("funnel.warnings"), [*account_headers(), h["deal"], t("h.why"),
                                                  h["owner"]],
                           [[*who(w["account"]), w["deal"], w["text"], w["owner"]]
                            for w in data["warnings"]], width=width, limit=limit))
    parts.append(table(t("funnel.priorities"), [*account_headers(), h["deal"], h["stage"],
                                                h["probability"], h["score"]],
                       [[*who(p["account"]), p["deal"], label("stage", p["stage"]),
                         percent(p["probability"], 0), money(p["score"], symbol, 0)]
                        for p in data["priorities"]], right=[h["probability"], h["score"]],
                       width=width, limit=limit))
    sep = "；" if "；" in t("brief.vs", name="", risk="", strengths="", weaknesses="") else "; "
    for result in ("won", "lost"):
        o = data["outcomes"][result]
        reasons = sep.join(f"{r['reason']} ({r['deals']})" for r in o["reasons"]) or "-"
        parts.append(Text(t("funnel.outcome", result=label("state", result), deals=o["deals"],
                            amount=money(o["value"], symbol), reasons=reasons)))
        if o.get("categories"):
            parts.append(Text(t("funnel.lost_by", categories=sep.join(
                f"{label('reason', c['category'])} ({c['deals']})" for c in o["categories"]))))
    return parts


GRID_NAMES = 24  # accounts named in a quadrant's cell, unless every row is asked for (--all)


def matrix_renderables(data: dict[str, Any], width: int, limit: int | None = None,
                       shorts: dict[str, str] | None = None) -> list[Any]:
    from rich.text import Text

    from kadev.analysis.matrix import QUADRANTS
    from kadev.render.output import table

    shorts = shorts or {}
    who = _who(shorts)
    q = data["quadrants"]
    prof, loyal = q["profitability"], q["loyalty"]

    def fmt(measure: str, value: float | None) -> str:
        if value is None:
            return "-"
        if measure == "margin" or measure == "share_of_wallet":
            return percent(value, 1)
        return f"{value:,.1f}"

    head = Text(t("matrix.head", prof=label("measure", prof["measure"]),
                  pcut=fmt(prof["measure"], prof["cutoff"]),
                  pfrom=t(f"matrix.{prof['cutoff_from']}"),
                  loyal=label("measure", loyal["measure"]),
                  lcut=fmt(loyal["measure"], loyal["cutoff"]),
                  lfrom=t(f"matrix.{loyal['cutoff_from']}"),
                  first=data["period"]["from"], last=data["period"]["to"]))
    groups: dict[str, list[str]] = {k: [] for k in QUADRANTS}
    for row in q["accounts"]:
        if row["quadrant"]:
            groups[row["quadrant"]].append(shorts.get(row["account"], row["account"]))

    def cell(quadrant: str) -> str:
        names = groups[quadrant]
        shown = names if limit is None else names[:GRID_NAMES]
        more = t("err.more", count=f"{len(names) - len(shown):,}") if len(shown) < len(names) \
            else ""
        return f"{label('quadrant', quadrant)}: {len(names):,}\n" + ", ".join(shown) + more

    grid = table(t("matrix.grid"), ["", t("h.not_profitable"), t("h.profitable")],
                 [[t("h.loyal"), cell("barnacle"), cell("true_friend")],
                  [t("h.not_loyal"), cell("stranger"), cell("butterfly")]], width=width)
    strategy = table(t("matrix.strategy"), [t("h.quadrant"), t("h.what_to_do")],
                     [[label("quadrant", k), t(f"quadrant.{k}")] for k in QUADRANTS],
                     width=width, limit=limit)
    factors = ("assets", "contribution", "relationship", "potential")
    headers = [*account_headers(), *(t(f"h.{f}") for f in factors), t("h.total"), t("h.tier"),
               t("h.strategy")]
    tiers = table(t("matrix.tiers"), headers,
                  [[*who(row["account"]), *(row["factors"][f]["score"] for f in factors),
                    row["total"], f"{row['tier']}" + ("*" if row["tier_from"] == "card" else ""),
                    t(f"tier.{row['tier']}")] for row in data["tiers"]],
                  right=headers[-8:-3], width=width, caption=t("matrix.tier_set"), limit=limit)
    return [head, grid, strategy, tiers]
