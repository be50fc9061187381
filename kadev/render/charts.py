"""Charts as image files (PNG or SVG), labelled in the run's language: the ABC Pareto chart,
the funnel (value and deals per stage, the funnel states per owner) and the value matrix
(profitability × loyalty, the quadrants named).

Chinese labels need a font with Chinese glyphs. One is looked for among the fonts the machine
has (Microsoft YaHei, PingFang SC, Noto Sans CJK, Source Han Sans, WenQuanYi, SimHei …) or
taken from `chart_font` in kadev.yaml; without one a chart with Chinese text is refused
(`NoChartFont`), never drawn with empty boxes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from kadev.analysis.abc import AbcResult
from kadev.errors import KadevError
from kadev.i18n import label, lang, t

CJK_FONTS = ("Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC",
             "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei",
             "WenQuanYi Zen Hei", "Hiragino Sans GB", "SimHei", "Noto Sans CJK JP",
             "Droid Sans Fallback", "AR PL UMing CN")
_FILES = re.compile(r"(?i)msyh|pingfang|notosans.*(cjk|sc)|sourcehansans|wqy|simhei"
                    r"|droidsansfallback|uming|hiragino")
LABELLED = 30  # the top accounts drawn one by one; the rest as one bar
COLOURS = {"A": "#1f5f99", "B": "#6fa8dc", "C": "#c9daf8", "rest": "#bbbbbb"}


class NoChartFont(KadevError):
    """No font with Chinese glyphs: the chart would show boxes."""

    def __init__(self, configured: str | None) -> None:
        if configured:
            super().__init__(code="err.chart_font_bad", path=configured)
        else:
            super().__init__(code="err.chart_font")


def _has_chinese(path: str) -> bool:
    from matplotlib.ft2font import FT2Font

    try:
        return ord("中") in FT2Font(path).get_charmap()
    except (OSError, RuntimeError):
        return False


def chinese_font(configured: str | None) -> str | None:
    """The family name of a font with Chinese glyphs: `configured` (a font file) if given,
    else the first of `CJK_FONTS` the machine has; None when there is none."""
    from matplotlib import font_manager

    if configured:
        path = str(Path(configured).expanduser())
        if not Path(path).is_file() or not _has_chinese(path):
            raise NoChartFont(configured)
        font_manager.fontManager.addfont(path)
        name: str = font_manager.FontProperties(fname=path).get_name()
        return name
    found = {f.name: f.fname for f in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in found and _has_chinese(found[name]):
            return name
    # installed after matplotlib made its font list: look at the font files themselves
    for path in sorted(font_manager.findSystemFonts()):
        if _FILES.search(Path(path).name) and _has_chinese(path):
            font_manager.fontManager.addfont(path)
            name = font_manager.FontProperties(fname=path).get_name()
            return name
    return None


def _amount_axis(zh: bool, symbol: str) -> Any:
    from matplotlib.ticker import FuncFormatter

    if zh:
        return FuncFormatter(lambda v, _: f"{symbol}{v / 10000:,.0f}万")
    return FuncFormatter(lambda v, _: f"{symbol}{v / 1e6:,.1f}M" if abs(v) >= 1e6
                         else f"{symbol}{v:,.0f}")


def _setup(font: str | None) -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if font:
        plt.rcParams["font.sans-serif"] = [font, "DejaVu Sans"]
    plt.rcParams["axes.unicode_minus"] = False
    return plt


def abc_figure(result: AbcResult, by: str, period: tuple[str, str], shorts: dict[str, str],
               symbol: str = "¥", font: str | None = None) -> Any:
    """The Pareto chart as a matplotlib figure: bars by class with a legend, the cumulative
    curve, the class lines, the 80/20 mark; the top accounts named by short name, the rest
    summarised in one bar."""
    from matplotlib.patches import Patch

    plt = _setup(font)
    zh = lang() == "zh"
    rows = result.rows
    top, rest = rows[:LABELLED], rows[LABELLED:]
    names = [shorts.get(r.account, r.account) if font else r.account for r in top]
    heights = [r.amount / 100 for r in top]
    colours = [COLOURS[r.abc_class] for r in top]
    cumulative = [float(r.cumulative_share) * 100 for r in top]
    if rest:
        names.append(t("chart.rest", count=len(rest)))
        heights.append(sum(r.amount for r in rest) / 100)
        colours.append(COLOURS["rest"])
        cumulative.append(float(rest[-1].cumulative_share) * 100)
    fig, ax = plt.subplots(figsize=(max(7.0, min(16.0, len(names) * 0.4)), 5.0), dpi=120)
    xs = list(range(len(names)))
    ax.bar(xs, heights, color=colours, width=0.8)
    ax.yaxis.set_major_formatter(_amount_axis(zh, symbol))
    ax.set_ylabel(label("measure", by))
    ax.set_xticks(xs, names, rotation=60, ha="right", fontsize=8)
    ax.set_xlim(-0.6, len(names) - 0.4)
    curve = ax.twinx()
    curve.plot(xs, cumulative, color="#cc4125", marker=".", linewidth=1.5)
    curve.set_ylim(0, 105)
    curve.set_ylabel(t("chart.cumulative"))
    a, b = (float(x) for x in result.thresholds)
    for level, text in ((a, f"A|B {a:g}%"), (a + b, f"B|C {a + b:g}%")):
        curve.axhline(level, color="#999999", linestyle="--", linewidth=0.8)
        curve.text(len(names) - 0.5, level + 1, text, ha="right", fontsize=8, color="#555555")
    if result.top20_accounts and result.top20_accounts <= len(top):
        x = result.top20_accounts - 0.5
        curve.axvline(x, color="#cc4125", linestyle=":", linewidth=1)
        curve.text(x + 0.2, 40, t("chart.top20", count=result.top20_accounts,
                                  share=f"{float(result.top20_share) * 100:.1f}%"),
                   fontsize=8, color="#cc4125")
    legend = [Patch(color=COLOURS[c], label=t("chart.class", cls=c)) for c in "ABC"]
    if rest:
        legend.append(Patch(color=COLOURS["rest"], label=t("chart.rest_legend")))
    ax.legend(handles=legend, loc="center", fontsize=8)
    ax.set_title(t("chart.abc_title", by=label("measure", by), first=period[0],
                   last=period[1]))
    fig.tight_layout()
    return fig


def funnel_figure(data: dict[str, Any], symbol: str = "¥", font: str | None = None) -> Any:
    """Left: open deals' value per stage as a funnel (bars centred, widest at the top), each
    with its deals and amount; right: each owner's deals by funnel state."""
    plt = _setup(font)
    zh = lang() == "zh"
    stages = list(data["by_stage"].items())
    fig, (left, right) = plt.subplots(1, 2, figsize=(12.0, 5.0), dpi=120,
                                      gridspec_kw={"width_ratios": [3, 2]})
    values = [float(v["value"]) for _, v in stages]
    widest = max(values, default=0) or 1.0
    ys = list(range(len(stages)))[::-1]
    left.barh(ys, values, left=[(widest - v) / 2 for v in values], color="#1f5f99",
              height=0.8)
    money = _amount_axis(zh, symbol)
    for y, (_, v) in zip(ys, stages, strict=True):
        left.text(widest / 2, y, t("chart.stage_bar", deals=v["deals"],
                                    amount=money(float(v["value"]), 0)),
                  ha="center", va="center", fontsize=8, color="white"
                  if float(v["value"]) > widest * 0.3 else "#222222")
    left.set_yticks(ys, [label("stage", s) for s, _ in stages])
    left.set_xticks([])
    left.set_xlim(0, widest)
    for side in ("top", "right", "bottom"):
        left.spines[side].set_visible(False)
    left.set_title(t("chart.funnel_stages", amount=money(float(data["weighted_pipeline"]),
                                                             0)), fontsize=10)
    owners = data["owners"]
    names = [o["owner"] for o in owners]
    states = ("searching", "in_funnel", "best")
    colours = ("#c9daf8", "#6fa8dc", "#1f5f99")
    bottom = [0] * len(owners)
    for state, colour in zip(states, colours, strict=True):
        counts = [o[state] for o in owners]
        right.bar(names, counts, bottom=bottom, color=colour, label=label("state", state))
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    right.set_ylabel(t("chart.deals"))
    right.legend(fontsize=8)
    right.set_title(t("chart.funnel_owners"), fontsize=10)
    right.tick_params(axis="x", labelrotation=30, labelsize=8)
    fig.suptitle(t("chart.funnel_title", first=data["period"]["from"],
                   last=data["period"]["to"]))
    fig.tight_layout()
    return fig


LABELLED_POINTS = 40  # above this, the matrix names only the quadrants' counts


def matrix_figure(data: dict[str, Any], shorts: dict[str, str], font: str | None = None
                  ) -> Any:
    """The value matrix: each account at (loyalty, profitability), the cut-off lines, each
    quadrant named with its strategy's word and its count; accounts named by short name
    when there are few enough to read."""
    plt = _setup(font)
    q = data["quadrants"]
    accounts = q["accounts"]
    colours = {"true_friend": "#38761d", "barnacle": "#b45f06", "butterfly": "#1f5f99",
               "stranger": "#999999"}
    fig, ax = plt.subplots(figsize=(8.0, 6.0), dpi=120)
    for quadrant, colour in colours.items():
        chosen = [a for a in accounts if a["quadrant"] == quadrant]
        ax.scatter([float(a["loyalty"]) for a in chosen],
                   [float(a["profitability"]) for a in chosen], color=colour, s=24,
                   label=f"{label('quadrant', quadrant)} ({len(chosen)})")
    if len(accounts) <= LABELLED_POINTS:
        for a in accounts:
            ax.annotate(shorts.get(a["account"], a["account"]) if font else a["account"],
                        (float(a["loyalty"]), float(a["profitability"])), fontsize=7,
                        xytext=(3, 3), textcoords="offset points")
    if q["profitability"]["measure"] == "margin":
        from matplotlib.ticker import PercentFormatter

        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.margins(x=0.12, y=0.1)
    x_cut, y_cut = float(q["loyalty"]["cutoff"]), float(q["profitability"]["cutoff"])
    ax.axvline(x_cut, color="#666666", linestyle="--", linewidth=0.8)
    ax.axhline(y_cut, color="#666666", linestyle="--", linewidth=0.8)
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    corners = {"true_friend": (x1, y1, "right", "top"), "butterfly": (x0, y1, "left", "top"),
               "barnacle": (x1, y0, "right", "bottom"), "stranger": (x0, y0, "left", "bottom")}
    for quadrant, (x, y, ha, va) in corners.items():
        ax.text(x, y, label("quadrant", quadrant), ha=ha, va=va, fontsize=12,
                color=colours[quadrant], alpha=0.8)
    ax.set_xlabel(t("chart.loyalty", measure=label("measure", q["loyalty"]["measure"])))
    ax.set_ylabel(t("chart.profitability",
                    measure=label("measure", q["profitability"]["measure"])))
    ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.0, 0.5))
    ax.set_title(t("chart.matrix_title", first=data["period"]["from"],
                   last=data["period"]["to"]))
    fig.tight_layout()
    return fig


def _save(fig: Any, path: str) -> None:
    import matplotlib.pyplot as plt

    fig.savefig(path)
    plt.close(fig)


def chart_font(configured_font: str | None) -> str | None:
    """The Chinese font for a chart; refused (NoChartFont) in Chinese without one."""
    font = chinese_font(configured_font)
    if font is None and lang() == "zh":
        raise NoChartFont(None)
    return font


def save_funnel_chart(data: dict[str, Any], path: str, symbol: str,
                      configured_font: str | None) -> None:
    _save(funnel_figure(data, symbol, chart_font(configured_font)), path)


def save_matrix_chart(data: dict[str, Any], path: str, shorts: dict[str, str],
                      configured_font: str | None) -> None:
    _save(matrix_figure(data, shorts, chart_font(configured_font)), path)


def save_abc_chart(result: AbcResult, path: str, by: str, period: tuple[str, str],
                   shorts: dict[str, str], symbol: str, configured_font: str | None) -> None:
    """Write the Pareto chart to `path` (PNG or SVG by its suffix). Chinese text needs a
    Chinese font: refused without one in Chinese; in English the accounts are then named
    by id."""
    _save(abc_figure(result, by, period, shorts, symbol, chart_font(configured_font)), path)
