"""The briefing as rich panels (terminal) or markdown (print, phone); no rules here."""

from __future__ import annotations

from typing import Any

from kadev.i18n import label, lang, t
from kadev.render.output import money


def _paren(text: str) -> str:
    return f"（{text}）" if lang() == "zh" else f" ({text})"


def _sep() -> str:
    return "；" if lang() == "zh" else "; "


def deal_line(deal: dict[str, Any], symbol: str) -> str:
    how = t("brief.grade_set") if deal["grade_overridden"] else t("brief.grade_computed")
    value = (("，" if lang() == "zh" else ", ") + money(deal["value"], symbol)
             if deal["value"] is not None else "")
    close = t("brief.close", date=deal["expected_close"]) if deal["expected_close"] else ""
    return t("brief.deal", name=deal["name"], stage=label("stage", deal["stage"]),
             state=label("state", deal["state"]), grade=deal["grade"], how=how, close=close,
             value=value)


def _credit_lines(b: dict[str, Any], symbol: str) -> list[str]:
    c = b.get("credit")
    if not c:
        return []
    parts = [t("brief.terms", terms=c["payment_terms"])] if c["payment_terms"] else []
    if c["limit"] is not None:
        used = f"{c['used']:.0%}" if c["used"] is not None else "?"
        parts.append(t("brief.limit", limit=money(c["limit"], symbol), used=used))
    if c["overdue"]:
        parts.append(t("brief.overdue", amount=money(c["overdue"], symbol)))
    return [" · ".join(parts)] if parts else []


def _swot_lines(b: dict[str, Any]) -> list[str]:
    swot = b.get("swot") or {}
    return [f"{label('swot', k)}: {_sep().join(v)}" for k, v in swot.items() if v]


def _reach(p: dict[str, Any]) -> str:
    """Phone, WeChat and e-mail of a person expected."""
    return " · ".join(f"{label('reach', k)} {p[k]}" for k in ("phone", "wechat", "email")
                      if p.get(k))


def compact(b: dict[str, Any], symbol: str, width: int) -> list[Any]:
    """The briefing on one screen (80×40): the header, what to act on, then the short form
    of every section; `--full` gives the rest. Header lines wrap and are never cut; list
    lines keep to one line each."""
    from rich.rule import Rule
    from rich.text import Text

    def one(text: str, style: str = "") -> Any:
        return Text(text, style=style, no_wrap=True, overflow="ellipsis")

    def rule(title: str, style: str = "") -> Any:
        return Rule(Text(title, style=style or "bold"), align="left", style=style or "dim")

    h = b["header"]
    parts: list[Any] = [Text(f"{h['name']} ({h['account']}) · {t('brief.owner')} {h['owner']}",
                             style="bold")]
    where = [label("status", h["status"]), label("nature", h["nature"]), h["region"],
             h["industry"], t("brief.tier", tier=h["tier"]) if h["tier"] else None,
             label("quadrant", h["quadrant"]) if h["quadrant"] else None]
    parts.append(Text(" · ".join(x for x in where if x)))
    change = h["change_rate"]
    trend = t("brief.trend", change=f"{change:+.0%}") if change is not None else ""
    klass = t("brief.abc", cls=h["class"]) if h["class"] else t("brief.no_abc")
    parts.append(Text(t("brief.revenue", klass=klass, amount=money(h["revenue_12m"], symbol),
                        first=h["months"][0], last=h["months"][-1], trend=trend)
                      + f"  {h['sparkline']}"))
    parts.append(Text(deal_line(h["deal"], symbol) if h["deal"] else t("brief.no_deal")))
    if b.get("last_contact"):
        parts.append(Text(b["last_contact"]["text"]))
    late = [p for p in b["promised"] if p.get("late")]
    if b["warnings"] or late:
        parts.append(rule(t("brief.act"), "red"))
        parts += [Text(f"! {w['text']}", style="red") for w in b["warnings"]]
        parts += [Text(f"! {t('brief.promise_late', date=p['date'], what=p['next_steps'])} — "
                       f"{p['status']}", style="red") for p in late]
    promised = [p for p in b["promised"] if not p.get("late")]
    if promised:
        parts.append(rule(t("brief.promised")))
        parts += [one(f"{p['date']}: {p['next_steps']} — {p['status']}") for p in promised]
    if b["visits"]:
        parts.append(rule(t("brief.visits")))
        parts += [one(f"{v['date'][5:]} {label('method', v['method'])} "
                      f"{', '.join(v['who'])}: {v['points'] or ''}") for v in b["visits"][:3]]
    expected = [p for p in b["people"] if p["expected"]]
    others = [p for p in b["people"] if not p["expected"]]
    if b["people"]:
        parts.append(rule(t("brief.people")))
        for person in expected:
            parts.append(one(person_line(person)))
            if _reach(person):
                parts.append(Text(f"    {_reach(person)}"))
            parts += [one(f"    {line}") for line in _personal_lines(person)]
        if others:
            parts.append(one(t("brief.also", names=", ".join(
                p["name"] + (_paren(p["title"]) if p["title"] else "") for p in others))))
    if b["ask"]:
        parts.append(rule(t("brief.ask"), "yellow"))
        parts += [one(f"? {q}") for q in b["ask"][:3]]
    if b["advice"]:
        parts.append(rule(t("brief.advice"), "cyan"))
        parts += [one(f"> {a}") for a in b["advice"][:3]]
    parts.append(Text(t("brief.more", ask=max(0, len(b["ask"]) - 3)), style="dim"))
    return parts


def _header_lines(b: dict[str, Any], symbol: str) -> list[str]:
    h = b["header"]
    where = " · ".join(x for x in (label("status", h["status"]), label("nature", h["nature"]),
                                   h["region"], h["industry"]) if x)
    lines = [f"{h['name']} ({h['account']}) · {t('brief.owner')} {h['owner']} · {where}"]
    change = h["change_rate"]
    trend = t("brief.trend", change=f"{change:+.0%}") if change is not None else ""
    klass = t("brief.abc", cls=h["class"]) if h["class"] else t("brief.no_abc")
    lines.append(t("brief.revenue", klass=klass, amount=money(h["revenue_12m"], symbol),
                   first=h["months"][0], last=h["months"][-1], trend=trend))
    lines.append(f"{t('brief.monthly')}  {h['sparkline']}")
    deal = h["deal"]
    if deal:
        lines.append(deal_line(deal, symbol))
        lines.append(t("brief.policy", grade=deal["grade"], policy=deal["policy"]))
    else:
        lines.append(t("brief.no_deal"))
    known = [t("brief.tier", tier=h["tier"]) if h["tier"] else "",
             t("brief.quadrant", quadrant=label("quadrant", h["quadrant"]))
             if h["quadrant"] else ""]
    if any(known):
        lines.append(" · ".join(k for k in known if k))
    if b.get("last_contact"):
        lines.append(b["last_contact"]["text"])
    return lines


def person_line(p: dict[str, Any]) -> str:
    roles = [x for x in (p["title"], label("layer", p["layer"]) if p["layer"] else None,
                         label("function", p["function"]) if p["function"] else None) if x]
    marks = [m for m, on in ((t("brief.key_person"), p["key_person"]),
                             (t("brief.node"), p["node"])) if on]
    rest = [t(f"brief.{k}", value=label("attitude" if k == "attitude" else "level", p[k]))
            for k in ("attitude", "influence") if p[k]]
    return " · ".join([p["name"], ", ".join(roles), *marks, *rest])


def _personal_lines(p: dict[str, Any]) -> list[str]:
    colon = "：" if lang() == "zh" else ": "
    notes = [f"{label('personal', k)}{colon}{v}" for k, v in p.get("personal", {}).items()]
    lines = [" · ".join(notes)] if notes else []
    if "birthday" in p:
        lines.insert(0, f"{t('h.birthday')} {p['birthday']}")
    for trip in p.get("trips", []):
        why = _paren(trip["purpose"]) if trip["purpose"] else ""
        lines.insert(0, t("brief.travel", place=trip["place"], start=trip["from"],
                          end=trip["to"], why=why))
    return lines


def visit_line(v: dict[str, Any]) -> str:
    return f"{v['date']} {label('method', v['method'])} ({', '.join(v['who'])}): {v['points']}"


def _say(b: dict[str, Any]) -> list[str]:
    lines = [f"{label('advantage', p['advantage'])}: {p['point']}"
             for p in b["talking_points"]["value_proposition"]]
    lines += [t("brief.vs", name=c["name"], risk=label("level", c["risk"]) if c["risk"] else "?",
                strengths=_sep().join(c["our_strengths"]) or "?",
                weaknesses=_sep().join(c["our_weaknesses"]) or "?")
              for c in b["talking_points"]["competitors"]]
    return lines


def markdown(b: dict[str, Any], symbol: str) -> str:
    out = [f"# {b['name']} ({b['account']})", ""]
    head = _header_lines(b, symbol)
    out += [f"- {line}" for line in [head[0].partition(" · ")[2], *head[1:]]]
    sections: list[tuple[str, list[str]]] = [
        (t("brief.warnings"), [w["text"] for w in b["warnings"]]),
        (t("brief.deals"), [deal_line(d, symbol) for d in b.get("deals", [])]),
        (t("brief.credit_title"), _credit_lines(b, symbol)),
        (t("brief.promised"), [f"{p['date']}: {p['next_steps']} — {p['status']}"
                               for p in b["promised"]]),
        (t("brief.visits"), [visit_line(v) for v in b["visits"]]),
    ]
    for title, lines in sections:
        out += ["", f"## {title}", ""] + ([f"- {x}" for x in lines] or [f"- {t('brief.none')}"])
    out += ["", f"## {t('brief.people')}", ""]
    for person in b["people"]:
        out.append(f"- {' · '.join(x for x in (person_line(person), _reach(person)) if x)}")
        out += [f"  - {line}" for line in _personal_lines(person)]
    out += ["", f"## {t('brief.ask')}", ""] + ([f"- [ ] {q}" for q in b["ask"]]
                                               or [f"- {t('brief.nothing')}"])
    out += ["", f"## {t('brief.say')}", ""] + [f"- {line}" for line in _say(b)]
    if _swot_lines(b):
        out += ["", "## SWOT", ""] + [f"- {line}" for line in _swot_lines(b)]
    out += ["", f"## {t('brief.advice')}", ""] + [f"- {a}" for a in b["advice"]]
    return "\n".join(out) + "\n"


def renderables(b: dict[str, Any], symbol: str, width: int) -> list[Any]:
    from rich import box
    from rich.panel import Panel
    from rich.text import Text

    from kadev.render.output import table

    def panel(title: str, lines: list[str], style: str = "") -> Any:
        body = Text("\n".join(lines) if lines else t("brief.none"))
        return Panel(body, title=title, title_align="left", border_style=style,
                     box=box.ROUNDED, width=width)

    head = _header_lines(b, symbol)
    # the title holds the name only: a panel's title is cut at the width, its body wraps
    title, _, rest = head[0].partition(" · ")
    parts: list[Any] = [panel(title, [rest, *head[1:]], "bold")]
    parts.append(panel(t("brief.warnings"), [f"! {w['text']}" for w in b["warnings"]], "red"))
    parts.append(panel(t("brief.deals"), [deal_line(d, symbol) for d in b.get("deals", [])]))
    if _credit_lines(b, symbol):
        parts.append(panel(t("brief.credit_title"), _credit_lines(b, symbol)))
    parts.append(panel(t("brief.promised"), [f"{p['date']}: {p['next_steps']} — {p['status']}"
                                             for p in b["promised"]]))
    parts.append(table(t("brief.visits"), [t("h.date"), t("h.method"), t("h.who"),
                                           t("h.points")],
                       [[v["date"], label("method", v["method"]), ", ".join(v["who"]),
                         v["points"]] for v in b["visits"]], width=width))
    people: list[str] = []
    for person in b["people"]:
        people.append(" · ".join(x for x in (person_line(person), _reach(person)) if x))
        people += [f"    {line}" for line in _personal_lines(person)]
    parts.append(panel(t("brief.people"), people))
    parts.append(panel(t("brief.ask"), [f"? {q}" for q in b["ask"]], "yellow"))
    parts.append(panel(t("brief.say"), [f"+ {line}" for line in _say(b)], "green"))
    if _swot_lines(b):
        parts.append(panel("SWOT", _swot_lines(b)))
    parts.append(panel(t("brief.advice"), [f"> {a}" for a in b["advice"]], "cyan"))
    return parts
