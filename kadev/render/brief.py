"""The briefing as rich panels (terminal) or markdown (print, phone); no rules here."""

from __future__ import annotations

from typing import Any

from kadev.render.output import money

QUADRANTS = {"true_friend": "true friend 知己", "barnacle": "barnacle 藤壶",
             "butterfly": "butterfly 蝴蝶", "stranger": "stranger 过客"}
ADVANTAGES = {"lower_total_cost": "lower total cost", "more_revenue": "more revenue",
              "less_waste": "less waste", "better_efficiency": "better efficiency",
              "real_solution": "a real solution", "intangible_value": "intangible value"}


def _header_lines(b: dict[str, Any], symbol: str) -> list[str]:
    h = b["header"]
    where = " · ".join(x for x in (h["status"], h["nature"], h["region"], h["industry"]) if x)
    lines = [f"{h['name']} ({h['account']}) · owner {h['owner']} · {where}"]
    change = h["change_rate"]
    trend = f" ({change:+.0%} vs the 12 months before)" if change is not None else ""
    klass = f"ABC class {h['class']}" if h["class"] else "no ABC class"
    lines.append(f"{klass} · revenue {money(h['revenue_12m'], symbol)} over "
                 f"{h['months'][0]}..{h['months'][-1]}{trend}")
    lines.append(f"monthly  {h['sparkline']}")
    deal = h["deal"]
    if deal:
        how = "set on the card" if deal["grade_overridden"] else "from the close date"
        value = f", {money(deal['value'], symbol)}" if deal["value"] is not None else ""
        close = f", close {deal['expected_close']}" if deal["expected_close"] else ""
        lines.append(f"deal {deal['name']}: {deal['stage']} ({deal['state']}), grade "
                     f"{deal['grade']} ({how}){close}{value}")
        lines.append(f"grade {deal['grade']} policy: {deal['policy']}")
    else:
        lines.append("no open deal")
    known = [f"tier {h['tier']}" if h["tier"] else "",
             f"value quadrant: {QUADRANTS[h['quadrant']]}" if h["quadrant"] else ""]
    if any(known):
        lines.append(" · ".join(k for k in known if k))
    return lines


def _person_line(p: dict[str, Any]) -> str:
    roles = [x for x in (p["title"], p["layer"], p["function"]) if x]
    marks = [m for m, on in (("KEY PERSON", p["key_person"]), ("node", p["node"])) if on]
    rest = [f"{k} {p[k]}" for k in ("attitude", "influence") if p[k]]
    return " · ".join([p["name"], ", ".join(roles), *marks, *rest])


def _personal_lines(p: dict[str, Any]) -> list[str]:
    notes = [f"{k.replace('_', ' ')}: {v}" for k, v in p.get("personal", {}).items()]
    lines = [" · ".join(notes)] if notes else []
    if "birthday" in p:
        lines.insert(0, f"birthday {p['birthday']}")
    for trip in p.get("trips", []):
        why = f" ({trip['purpose']})" if trip["purpose"] else ""
        lines.insert(0, f"travelling: {trip['place']} {trip['from']}..{trip['to']}{why}")
    return lines


def markdown(b: dict[str, Any], symbol: str) -> str:
    out = [f"# {b['name']} ({b['account']})", ""]
    out += [f"- {line}" for line in _header_lines(b, symbol)[1:]]
    sections: list[tuple[str, list[str]]] = [
        ("Warnings", [w["text"] for w in b["warnings"]]),
        ("What we promised", [f"{p['date']}: {p['next_steps']} — {p['status']}"
                              for p in b["promised"]]),
        ("Last visits", [f"{v['date']} {v['method']} ({', '.join(v['who'])}): {v['points']}"
                         for v in b["visits"]]),
    ]
    for title, lines in sections:
        out += ["", f"## {title}", ""] + ([f"- {x}" for x in lines] or ["- none"])
    out += ["", "## People", ""]
    for person in b["people"]:
        out.append(f"- {_person_line(person)}")
        out += [f"  - {line}" for line in _personal_lines(person)]
    out += ["", "## Ask this visit", ""] + ([f"- [ ] {q}" for q in b["ask"]] or ["- nothing"])
    out += ["", "## What to say", ""]
    for point in b["talking_points"]["value_proposition"]:
        out.append(f"- {ADVANTAGES.get(point['advantage'], point['advantage'])}: "
                   f"{point['point']}")
    for c in b["talking_points"]["competitors"]:
        out.append(f"- against {c['name']} (risk {c['risk'] or '?'}): our strengths "
                   f"{'; '.join(c['our_strengths']) or '?'}; our weaknesses "
                   f"{'; '.join(c['our_weaknesses']) or '?'}")
    out += ["", "## Advice", ""] + [f"- {a}" for a in b["advice"]]
    return "\n".join(out) + "\n"


def renderables(b: dict[str, Any], symbol: str, width: int) -> list[Any]:
    from rich import box
    from rich.panel import Panel
    from rich.text import Text

    from kadev.render.output import table

    def panel(title: str, lines: list[str], style: str = "") -> Any:
        body = Text("\n".join(lines) if lines else "none")
        return Panel(body, title=title, title_align="left", border_style=style,
                     box=box.ROUNDED, width=width)

    head = _header_lines(b, symbol)
    parts: list[Any] = [panel(head[0], head[1:], "bold")]
    parts.append(panel("warnings", [f"! {w['text']}" for w in b["warnings"]], "red"))
    parts.append(panel("what we promised", [f"{p['date']}: {p['next_steps']} — {p['status']}"
                                            for p in b["promised"]]))
    parts.append(table("last visits", ["date", "method", "who", "points"],
                       [[v["date"], v["method"], ", ".join(v["who"]), v["points"]]
                        for v in b["visits"]], width=width))
    people: list[str] = []
    for person in b["people"]:
        people.append(_person_line(person))
        people += [f"    {line}" for line in _personal_lines(person)]
    parts.append(panel("people", people))
    parts.append(panel("ask this visit", [f"? {q}" for q in b["ask"]], "yellow"))
    say = [f"+ {ADVANTAGES.get(p['advantage'], p['advantage'])}: {p['point']}"
           for p in b["talking_points"]["value_proposition"]]
    say += [f"vs {c['name']} (risk {c['risk'] or '?'}): strengths "
            f"{'; '.join(c['our_strengths']) or '?'} / weaknesses "
            f"{'; '.join(c['our_weaknesses']) or '?'}"
            for c in b["talking_points"]["competitors"]]
    parts.append(panel("what to say", say, "green"))
    parts.append(panel("advice", [f"> {a}" for a in b["advice"]], "cyan"))
    return parts
