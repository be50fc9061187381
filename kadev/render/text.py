"""Plain text to paste into a WeChat message: 【】 headings, one line per item, no markup
(WeChat shows markdown's # and - as they are), short enough for one message, and no
contact's personal data (a message is forwarded)."""

from __future__ import annotations

from typing import Any

from kadev.i18n import label, t
from kadev.render.brief import deal_line, person_line, visit_line
from kadev.render.output import money

LINES = 30  # items of a list in one message; the rest are counted


def _bar() -> str:
    from kadev.i18n import lang

    return "｜" if lang() == "zh" else " | "


def _heading(title: str) -> str:
    return f"【{title}】"


def _capped(lines: list[str], more_key: str) -> list[str]:
    if len(lines) <= LINES:
        return lines
    return [*lines[:LINES], t(more_key, count=len(lines) - LINES)]


def due_text(title: str, items: list[Any]) -> str:
    """The due list: a numbered line per item, most urgent first."""
    bar = _bar()
    lines = [f"{n}. {i.short or i.name}{bar}{label('kind', i.kind)}{bar}{i.reason}"
             for n, i in enumerate(items, 1)]
    body = _capped(lines, "text.more_items") or [t("text.nothing_due")]
    return "\n".join([_heading(title), *body]) + "\n"


def plans_text(title: str, rows: list[dict[str, Any]], shorts: dict[str, str]) -> str:
    """Planned visits in time order: day, time, account, whom, what for, and the state when
    it is not simply planned."""
    import datetime as dt

    lines, bar = [], _bar()
    for row in rows:
        day = dt.date.fromisoformat(row["date"])
        when = f"{row['date'][5:]} {t(f'text.weekday.{day.weekday()}')}" + (
            f" {row['time']}" if row["time"] else "")
        what = row["purpose"] or label("method", row["method"])
        state = "" if row["state"] == "planned" else f"（{label('plan_state', row['state'])}）"
        who = f"{bar}{row['with']}" if row["with"] else ""
        lines.append(f"{when}{bar}{shorts.get(row['account'], row['account'])}{who}{bar}{what}"
                     f"{state}")
    body = _capped(lines, "text.more_items") or [t("text.no_plans")]
    return "\n".join([_heading(title), *body]) + "\n"


def brief_text(b: dict[str, Any], symbol: str) -> str:
    """The briefing's essentials: who and where we stand, what to act on, what we promised,
    the last visits, the people (without personal notes), what to ask, the advice."""
    h = b["header"]
    out = [f"【{h['name']}】{t('brief.owner')} {h['owner']}"]
    klass = t("brief.abc", cls=h["class"]) if h["class"] else t("brief.no_abc")
    change = h["change_rate"]
    trend = t("brief.trend", change=f"{change:+.0%}") if change is not None else ""
    out.append(t("brief.revenue", klass=klass, amount=money(h["revenue_12m"], symbol),
                 first=h["months"][0], last=h["months"][-1], trend=trend))
    out.append(deal_line(h["deal"], symbol) if h["deal"] else t("brief.no_deal"))
    if b.get("last_contact"):
        out.append(b["last_contact"]["text"])
    sections: list[tuple[str, list[str]]] = [
        (t("brief.act"), [w["text"] for w in b["warnings"]]
         + [t("brief.promise_late", date=p["date"], what=p["next_steps"])
            for p in b["promised"] if p.get("late")]),
        (t("brief.promised"), [f"{p['date']}：{p['next_steps']}（{p['status']}）"
                               for p in b["promised"] if not p.get("late")]),
        (t("brief.visits"), [visit_line(v) for v in b["visits"][:3]]),
        (t("brief.people"), [person_line(p) for p in b["people"] if p["expected"]]
         + ([t("brief.also", names="、".join(p["name"] for p in b["people"]
                                             if not p["expected"]))]
            if any(not p["expected"] for p in b["people"]) else [])),
        (t("brief.ask"), [f"{n}. {q}" for n, q in enumerate(b["ask"][:5], 1)]),
        (t("brief.advice"), b["advice"][:3]),
    ]
    for title, lines in sections:
        if lines:
            out += ["", _heading(title), *lines]
    return "\n".join(out) + "\n"
