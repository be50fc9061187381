"""The monthly pack as one self-contained HTML file: every style inline, every chart a PNG
inside the page, no script and no address outside the file, so that it opens offline and
can be forwarded as it is. Tables are the workbook's sheets, formatted for reading."""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from dataclasses import dataclass, field

from kadev.render.workbook import MONEY, PERCENT, Sheet, display_rows, header

STYLE = """
body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei",
       "Helvetica Neue", Arial, sans-serif; color: #222; margin: 2em auto; max-width: 1100px;
       padding: 0 1em; line-height: 1.5; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; border-bottom: 2px solid #1f5f99; padding-bottom: 0.2em;
     margin-top: 2em; }
h3 { font-size: 1.05em; margin: 1.2em 0 0.4em; }
.meta { color: #666; font-size: 0.9em; }
.note { margin: 0.3em 0; }
nav a { margin-right: 1em; color: #1f5f99; text-decoration: none; }
table { border-collapse: collapse; margin: 0.3em 0 1em; font-size: 0.9em; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.7em; text-align: left;
         vertical-align: top; }
th { background: #f1f5fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 2px solid #999; }
img { max-width: 100%; height: auto; border: 1px solid #eee; }
.more { color: #666; font-size: 0.85em; }
"""


@dataclass
class Section:
    """One part of the pack: a title, sentences, tables and at most one chart (PNG)."""

    key: str
    title: str
    notes: list[str] = field(default_factory=list)
    sheets: list[Sheet] = field(default_factory=list)
    chart: bytes | None = None
    chart_alt: str = ""


def _table(sheet: Sheet, symbol: str, limit: int | None, total_last: bool) -> str:
    from kadev.i18n import t

    rows = display_rows(sheet, symbol)
    shown = rows if limit is None else rows[:limit]
    out = [f"<h3>{html.escape(sheet.title)}</h3>", "<table>", "<tr>"]
    out += [f"<th>{html.escape(header(c))}</th>" for c in sheet.columns]
    out.append("</tr>")
    numeric = [c in MONEY or c in PERCENT for c in sheet.columns]
    for number, row in enumerate(shown):
        last = total_last and number == len(rows) - 1
        out.append('<tr class="total">' if last else "<tr>")
        for i, text in enumerate(row):
            is_number = numeric[i] or text.replace(",", "").replace(".", "", 1).lstrip(
                "-").isdigit()
            out.append(f'<td class="num">{html.escape(text)}</td>' if is_number
                       else f"<td>{html.escape(text)}</td>")
        out.append("</tr>")
    out.append("</table>")
    if len(shown) < len(rows):
        more = t("pack.more", shown=len(shown), count=len(rows))
        out.append(f'<p class="more">{html.escape(more)}</p>')
    return "\n".join(out)


def pack_html(title: str, meta: Sequence[str], sections: Sequence[Section], lang: str,
              symbol: str, limit: int = 30, totals: frozenset[str] = frozenset()) -> str:
    """The whole page. `totals`: titles of sheets whose last row is a total."""
    parts = ["<!DOCTYPE html>", f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
             "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{html.escape(title)}</title>", f"<style>{STYLE}</style>", "</head>",
             "<body>", f"<h1>{html.escape(title)}</h1>"]
    parts += [f'<p class="meta">{html.escape(line)}</p>' for line in meta]
    parts.append("<nav>" + "".join(f'<a href="#{s.key}">{html.escape(s.title)}</a>'
                                   for s in sections) + "</nav>")
    for section in sections:
        parts.append(f'<section id="{section.key}"><h2>{html.escape(section.title)}</h2>')
        parts += [f'<p class="note">{html.escape(str(n))}</p>' for n in section.notes]
        if section.chart is not None:
            data = base64.b64encode(section.chart).decode("ascii")
            parts.append(f'<img src="data:image/png;base64,{data}" '
                         f'alt="{html.escape(section.chart_alt)}">')
        for sheet in section.sheets:
            parts.append(_table(sheet, symbol, limit, sheet.title in totals))
        parts.append("</section>")
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"
