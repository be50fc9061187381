"""ABC report output: the ranked table, class summary, 80/20 line, Pareto chart, json and csv."""

from __future__ import annotations

import math
from typing import Any

from kadev.analysis.abc import AbcResult
from kadev.i18n import label, t
from kadev.render.output import account_cells, account_headers, money, percent


def _num(cents: int) -> int | float:
    return cents // 100 if cents % 100 == 0 else cents / 100


def abc_json(result: AbcResult, names: dict[str, str], period: tuple[str, str], by: str,
             compare: list[dict[str, Any]] | None = None,
             previous_period: tuple[str, str] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "period": {"from": period[0], "to": period[1]},
        "by": by,
        "thresholds": [_plain_pct(t) for t in result.thresholds],
        "total": _num(result.total),
        "accounts": [{"rank": r.rank, "account": r.account, "name": names.get(r.account, ""),
                      "amount": _num(r.amount), "share": float(r.share),
                      "cumulative_share": float(r.cumulative_share), "class": r.abc_class}
                     for r in result.rows],
        "classes": {c: {"accounts": s.accounts, "amount": _num(s.amount),
                        "share": float(s.share), "account_share": float(s.account_share)}
                    for c, s in result.classes.items()},
        "top20_accounts": result.top20_accounts,
        "top20_share": float(result.top20_share),
        "notes": result.notes,
    }
    if compare is not None and previous_period is not None:
        data["compare"] = {
            "period": {"from": previous_period[0], "to": previous_period[1]},
            "accounts": [{**{k: v for k, v in m.items() if k not in ("amount", "previous_amount",
                                                                     "change", "change_rate")},
                          "name": names.get(str(m["account"]), ""),
                          "amount": _num(int(m["amount"])),
                          "previous_amount": _num(int(m["previous_amount"])),
                          "change": _num(int(m["change"])),
                          "change_rate": None if m["change_rate"] is None
                          else float(m["change_rate"])} for m in compare],
        }
    return data


def _plain_pct(value: Any) -> int | float:
    return int(value) if value == int(value) else float(value)


CSV_COLUMNS = ["rank", "account", "name", "amount", "share", "cumulative_share", "class"]


def abc_csv_rows(result: AbcResult, names: dict[str, str]) -> list[list[Any]]:
    from kadev.render.output import no_card

    return [[r.rank, r.account, no_card(names.get(r.account, "")), f"{r.amount / 100:.2f}",
             f"{float(r.share):.6f}", f"{float(r.cumulative_share):.6f}", r.abc_class]
            for r in result.rows]


def abc_title(result: AbcResult, by: str, period: tuple[str, str]) -> str:
    a, b = result.thresholds
    return t("abc.title", by=label("measure", by), first=period[0], last=period[1],
             a=_plain_pct(a), b=_plain_pct(a + b))


def abc_renderables(result: AbcResult, shorts: dict[str, str], period: tuple[str, str],
                    by: str, symbol: str, width: int,
                    compare: list[dict[str, Any]] | None = None,
                    limit: int | None = None) -> list[Any]:
    from rich.text import Text

    from kadev.render.output import table

    title = abc_title(result, by, period)
    h = {k: t(f"h.{k}") for k in ("rank", "account", "name", "amount", "share", "cumulative",
                                  "class", "accounts", "pct_accounts", "pct_amount", "move",
                                  "previous", "change", "rate")}
    ranked = table(title, [h["rank"], *account_headers(), h["amount"], h["share"],
                           h["cumulative"], h["class"]],
                   [[r.rank, *account_cells(r.account, shorts.get(r.account, r.account)),
                     money(r.amount / 100, symbol),
                     percent(r.share), percent(r.cumulative_share), r.abc_class]
                    for r in result.rows],
                   right=[h["rank"], h["amount"], h["share"], h["cumulative"]], width=width,
                   limit=limit)
    summary = table(t("abc.classes"), [h["class"], h["accounts"], h["pct_accounts"],
                                       h["amount"], h["pct_amount"]],
                    [[c, s.accounts, percent(s.account_share), money(s.amount / 100, symbol),
                      percent(s.share)] for c, s in result.classes.items()]
                    + [[t("abc.total"), len(result.rows), "100.00%",
                        money(result.total / 100, symbol), "100.00%"]],
                    right=[h["accounts"], h["pct_accounts"], h["amount"], h["pct_amount"]],
                    width=width)
    out: list[Any] = [ranked, summary]
    part = result.top20_accounts / len(result.rows) if result.rows else 0
    out.append(Text(t("abc.check", top=result.top20_accounts, count=len(result.rows),
                      part=percent(part), share=percent(result.top20_share),
                      by=label("measure", by))))
    for note in result.notes:
        out.append(Text(t("abc.note", text=note)))
    out.append(Text(pareto_chart(result, max(20, width - 12))))
    if compare is not None:
        out.append(table(t("abc.compare"), [*account_headers(), h["move"], h["amount"],
                                            h["previous"], h["change"], h["rate"]],
                         [[*account_cells(str(m["account"]), shorts.get(str(m["account"]),
                                                                        str(m["account"]))),
                           m["movement"],
                           money(int(m["amount"]) / 100, symbol),
                           money(int(m["previous_amount"]) / 100, symbol),
                           money(int(m["change"]) / 100, symbol),
                           "" if m["change_rate"] is None else percent(m["change_rate"], 1)]
                          for m in compare],
                         right=[h["amount"], h["previous"], h["change"], h["rate"]],
                         width=width, limit=limit))
    return out


def pareto_chart(result: AbcResult, width: int = 60, height: int = 12) -> str:
    """A text Pareto chart: bars (█) in descending order, the cumulative curve (●) on a
    0–100% scale, and the class boundaries as dotted lines; class letters under the bars."""
    rows = result.rows
    per_col = max(1, math.ceil(len(rows) / width))
    buckets = [rows[i:i + per_col] for i in range(0, len(rows), per_col)]
    heights = [sum(max(r.amount, 0) for r in bucket) for bucket in buckets]
    top = max(heights) or 1
    a_limit = float(result.thresholds[0]) / 100
    b_limit = float(result.thresholds[0] + result.thresholds[1]) / 100
    lines = []
    for level in range(height, 0, -1):
        low, high = (level - 1) / height, level / height
        label = f"{high * 100:4.0f}% "
        mark = ""
        if low < a_limit <= high:
            mark = f" A|B {float(result.thresholds[0]):g}%"
        elif low < b_limit <= high:
            mark = f" B|C {float(result.thresholds[0] + result.thresholds[1]):g}%"
        cells = []
        for bucket, amount in zip(buckets, heights, strict=True):
            cum = float(bucket[-1].cumulative_share)
            if low < cum <= high or (level == height and cum > 1):
                cells.append("●")
            elif amount / top > low:
                cells.append("█")
            elif mark:
                cells.append("┄")
            else:
                cells.append(" ")
        lines.append(label + "│" + "".join(cells) + mark)
    lines.append("      └" + "─" * len(buckets))
    lines.append("       " + "".join(b[-1].abc_class for b in buckets) + "  "
                 + t("abc.class_axis"))
    unit = t("abc.per_column", count=per_col) if per_col > 1 else ""
    lines.append(f"      {unit}{t('abc.chart_legend')}")
    return "\n".join(lines)
