"""The briefing as rich panels (terminal) or markdown (print, phone); no rules here."""

from __future__ import annotations

from typing import Any

from kadev.i18n import label, lang, t
from kadev.render.output import money


def _paren(text: str) -> str:
    return f"（{text}）" if lang() == "zh" else f" ({text})"


def _sep() -> str:
    return "；" if lang() == "zh" else "; "


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
        how = t("brief.grade_set") if deal["grade_overridden"] else t("brief.grade_computed")
        value = (("，" if lang() == "zh" else ", ") + money(deal["value"], symbol)
                 if deal["value"] is not None else "")
        close = t("brief.close", date=deal["expected_close"]) if deal["expected_close"] else ""
        lines.append(t("brief.deal", name=deal["name"], stage=label("stage", deal["stage"]),
                       state=label("state", deal["state"]), grade=deal["grade"], how=how,
                       close=close, value=value))
        lines.append(t("brief.policy", grade=deal["grade"], policy=deal["policy"]))
    else:
        lines.append(t("brief.no_deal"))
    known = [t("brief.tier", tier=h["tier"]) if h["tier"] else "",
             t("brief.quadrant", quadrant=label("quadrant", h["quadrant"]))
             if h["quadrant"] else ""]
    if any(known):
        lines.append(" · ".join(k for k in known if k))
    return lines


def _person_line(p: dict[str, Any]) -> str:
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


def _visit_line(v: dict[str, Any]) -> str:
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
    out += [f"- {line}" for line in _header_lines(b, symbol)[1:]]
    sections: list[tuple[str, list[str]]] = [
        (t("brief.warnings"), [w["text"] for w in b["warnings"]]),
        (t("brief.promised"), [f"{p['date']}: {p['next_steps']} — {p['status']}"
                               for p in b["promised"]]),
        (t("brief.visits"), [_visit_line(v) for v in b["visits"]]),
    ]
    for title, lines in sections:
        out += ["", f"## {title}", ""] + ([f"- {x}" for x in lines] or [f"- {t('brief.none')}"])
    out += ["", f"## {t('brief.people')}", ""]
    for person in b["people"]:
        out.append(f"- {_person_line(person)}")
        out += [f"  - {line}" for line in _personal_lines(person)]
    out += ["", f"## {t('brief.ask')}", ""] + ([f"- [ ] {q}" for q in b["ask"]]
                                               or [f"- {t('brief.nothing')}"])
    out += ["", f"## {t('brief.say')}", ""] + [f"- {line}" for line in _say(b)]
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
    parts: list[Any] = [panel(head[0], head[1:], "bold")]
    parts.append(panel(t("brief.warnings"), [f"! {w['text']}" for w in b["warnings"]], "red"))
    parts.append(panel(t("brief.promised"), [f"{p['date']}: {p['next_steps']} — {p['status']}"
                                             for p in b["promised"]]))
    parts.append(table(t("brief.visits"), [t("h.date"), t("h.method"), t("h.who"),
                                           t("h.points")],
                       [[v["date"], label("method", v["method"]), ", ".join(v["who"]),
                         v["points"]] for v in b["visits"]], width=width))
    people: list[str] = []
    for person in b["people"]:
        people.append(_person_line(person))
        people += [f"    {line}" for line in _personal_lines(person)]
    parts.append(panel(t("brief.people"), people))
    parts.append(panel(t("brief.ask"), [f"? {q}" for q in b["ask"]], "yellow"))
    parts.append(panel(t("brief.say"), [f"+ {line}" for line in _say(b)], "green"))
    parts.append(panel(t("brief.advice"), [f"> {a}" for a in b["advice"]], "cyan"))
    return parts
