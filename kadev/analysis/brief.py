"""The pre-visit briefing (shared/DOMAIN.md §1, 004 §6): the card assembled and prioritised.

`briefing` takes one account's facts and returns plain data, one key per section, most urgent
first: header, warnings, promised, visits, people, ask, talking_points, advice. Personal data
(profiles, birthdays, trips) is included only for the people expected and only when asked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from kadev.analysis.due import AccountFacts, contact_interval_days, due_items, next_birthday
from kadev.analysis.grade import GRADE_POLICY, deal_state, funnel_grade
from kadev.analysis.periods import default_period, month_range, shift
from kadev.models import Settings, Visit
from kadev.models.account import Contact
from kadev.models.enums import Stage

QUESTIONS = {
    "need": "Has the customer found a problem or stated a need?",
    "budget": "Is there a budget, a financial plan for it?",
    "key_person": "Who is the key person, and do they see the need?",
    "decision_process": "What is the decision process?",
    "priorities": "What does the customer rank first?",
    "schedule": "Is the schedule clear?",
    "competitors": "Who are the competitors?",
}
MAN_QUESTIONS = {
    "money": "Money: can they pay — is the money approved?",
    "authority": "Authority: are we talking to the person who decides?",
    "need": "Need: is the need real and pressing?",
}
PERSONAL_KEYS = ("family", "hometown", "university", "sports", "food", "pets", "books",
                 "last_holiday", "next_holiday", "role", "colleagues", "goals",
                 "development_plan", "health", "social_circle", "culture", "pursuits",
                 "personality", "pressures")
SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[int]) -> str:
    top = max(values, default=0)
    if top <= 0:
        return "▁" * len(values)
    return "".join(SPARKS[min(7, max(0, int(v / top * 7.999)))] if v > 0 else " "
                   for v in values)


def _revenue(facts: AccountFacts, today: dt.date) -> dict[str, Any]:
    first, last = default_period(today)  # the same 12 months as the ABC class
    months = month_range(first, last)
    before = month_range(shift(last, -23), shift(last, -12))
    values = [facts.monthly_revenue.get(m, 0) for m in months]
    current, previous = sum(values), sum(facts.monthly_revenue.get(m, 0) for m in before)
    return {"months": months, "monthly": [v / 100 for v in values],
            "sparkline": sparkline(values), "revenue_12m": current / 100,
            "previous_12m": previous / 100,
            "change_rate": (current - previous) / previous if previous > 0 else None}


def _deal(facts: AccountFacts, today: dt.date, settings: Settings) -> dict[str, Any] | None:
    open_deals = [d for d in facts.card.opportunities if d.is_open]
    if not open_deals:
        return None
    graded = [(funnel_grade(d, today, settings.grade_months), d) for d in open_deals]
    (grade, overridden), deal = min(graded, key=lambda g: (g[0][0], -(g[1].value or 0)))
    return {"name": deal.name, "stage": deal.stage.value, "state": deal_state(deal),
            "grade": grade.value, "grade_overridden": overridden,
            "expected_close": deal.expected_close.isoformat() if deal.expected_close else None,
            "value": float(deal.value) if deal.value is not None else None,
            "policy": GRADE_POLICY[grade.value]}


def _warnings(facts: AccountFacts, settings: Settings, today: dt.date) -> list[dict[str, Any]]:
    kinds = ("complaint", "receivable", "follow_up", "contact_interval", "revenue_swing",
             "planned_visit")
    items = [i for i in due_items([facts], settings, today, window=0) if i.kind in kinds
             and not (i.kind == "planned_visit" and i.days <= 0)]  # today's is this visit
    out = [{"kind": i.kind, "text": i.reason, "days": i.days} for i in items]
    credit = facts.card.credit
    owed = credit.receivables if credit else None
    if credit and credit.limit and owed and owed.outstanding >= credit.limit * 9 / 10:
        used = owed.outstanding / credit.limit
        out.append({"kind": "credit_limit", "text": f"credit limit {used:.0%} used "
                    f"({settings.currency_symbol}{owed.outstanding:,.0f} of "
                    f"{settings.currency_symbol}{credit.limit:,.0f})", "days": 0})
    if not any(w["kind"] == "contact_interval" for w in out) and facts.visit_dates:
        interval, basis = contact_interval_days(facts, settings)
        since = (today - max(facts.visit_dates)).days
        out.append({"kind": "contact", "text": f"last contact {since} days ago "
                    f"({basis}: every {interval} days)", "days": since - interval})
    return out


def _promised(visits: Sequence[Visit], today: dt.date) -> list[dict[str, Any]]:
    """Next steps of the last visits that set any, and whether a later contact followed."""
    out = []
    with_steps = [(i, v) for i, v in enumerate(visits) if v.next_steps][-2:]
    for index, visit in with_steps:
        later = [v.date for v in visits[index + 1:]]
        out.append({"date": visit.date.isoformat(), "next_steps": visit.next_steps,
                    "next_visit": visit.next_visit.isoformat() if visit.next_visit else None,
                    "done": bool(later),
                    "status": f"followed by a contact on {later[0]}" if later
                    else f"open for {(today - visit.date).days} days"})
    return out


def _person(contact: Contact, personal: bool, expected: bool, today: dt.date) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": contact.name, "title": contact.title,
        "layer": contact.layer.value if contact.layer else None,
        "function": contact.function.value if contact.function else None,
        "influence": contact.influence.value if contact.influence else None,
        "attitude": contact.attitude.value if contact.attitude else None,
        "key_person": contact.key_person, "node": contact.node, "expected": expected,
    }
    if not (personal and expected):
        return entry
    if contact.personal:
        entry["personal"] = {k: v for k in PERSONAL_KEYS
                             if (v := getattr(contact.personal, k)) is not None}
    if contact.birthday:
        upcoming = next_birthday(contact.birthday, today)
        if upcoming and (upcoming - today).days <= 30:
            entry["birthday"] = f"{upcoming:%m-%d} (in {(upcoming - today).days} days)"
    trips = [t for t in contact.itinerary
             if t.end >= today and t.start <= today + dt.timedelta(days=14)]
    if trips:
        entry["trips"] = [{"from": t.start.isoformat(), "to": t.end.isoformat(),
                           "place": t.place, "purpose": t.purpose} for t in trips]
    return entry


def _ask(facts: AccountFacts) -> list[str]:
    card = facts.card
    asks = []
    for key, question in QUESTIONS.items():
        answer = getattr(card.qualification, key) if card.qualification else None
        if not answer:
            asks.append(question)
    for key, question in MAN_QUESTIONS.items():
        known = getattr(card.man, key) if card.man else None
        if known is not True:
            asks.append(question)
    if not any(c.key_person for c in card.contacts):
        asks.append("Which of them is the key person (关键人)?")
    return asks


def _advice(facts: AccountFacts, deal: dict[str, Any] | None, visits: Sequence[Visit],
            settings: Settings) -> list[str]:
    card = facts.card
    advice = []
    if any(c.escalated for _, c in facts.open_complaints):
        advice.append("An escalated complaint is open: settle it before selling; an ignored "
                      "key account goes over our heads and lets competitors in (001).")
    elif facts.open_complaints:
        advice.append("Open complaints: report progress on them first.")
    if deal:
        advice.append(f"Grade {deal['grade']}: {deal['policy']}.")
        if deal["stage"] in (Stage.TENDER.value, Stage.NEGOTIATION.value):
            advice.append(f"The deal is in {deal['stage']}: a purchase is open, so raise the "
                          "seniority of our visitors — bring a supervisor or above (001).")
        if deal["state"] == "searching":
            advice.append("Still searching: qualify first (need, budget, key person, "
                          "decision process) before spending on proposals.")
    if not any(c.key_person for c in card.contacts):
        advice.append("No key person on the card: find who decides and whether they see the "
                      "need (001).")
    if not any(c.node for c in card.contacts):
        advice.append("No node (节点) on the card: find the person through whom business, "
                      "technical and management lines meet (001).")
    if facts.abc_class == "A" and len(card.contacts) < 3:
        advice.append("A class-A account with few contacts: widen the relationship across "
                      "decision, management and operation layers.")
    advice.append(f"After the visit, follow up within {settings.follow_up_days} days by "
                  "phone or another visit (000 §6.6).")
    return advice


def briefing(facts: AccountFacts, visits: Sequence[Visit], settings: Settings, today: dt.date,
             with_names: Sequence[str] = (), personal: bool = True,
             recent: int = 5) -> dict[str, Any]:
    """Every section of the briefing for one account, as plain data."""
    card = facts.card
    deal = _deal(facts, today, settings)
    expected = set(with_names) or {c.name for c in card.contacts if c.key_person or c.node}
    header = {"name": card.name, "account": facts.id, "owner": card.owner,
              "status": card.status.value, "nature": card.nature.value,
              "region": card.region, "industry": card.industry, "class": facts.abc_class,
              "tier": card.tier or facts.tier, "quadrant": facts.quadrant,
              **_revenue(facts, today), "deal": deal}
    return {
        "account": facts.id,
        "name": card.name,
        "header": header,
        "warnings": _warnings(facts, settings, today),
        "promised": _promised(visits, today),
        "visits": [{"date": v.date.isoformat(), "method": v.method.value,
                    "who": [*v.ours, *v.theirs], "points": v.points, "thoughts": v.thoughts}
                   for v in list(visits)[-recent:][::-1]],
        "people": [_person(c, personal, c.name in expected, today) for c in sorted(
            card.contacts, key=lambda c: (not c.key_person, not c.node,
                                          ["decision", "management", "operation", None].index(
                                              c.layer.value if c.layer else None)))],
        "ask": _ask(facts),
        "talking_points": {
            "value_proposition": [{"advantage": p.advantage.value, "point": p.point}
                                  for p in card.value_proposition],
            "competitors": [{"name": c.name, "products": c.products,
                             "our_strengths": c.our_strengths,
                             "our_weaknesses": c.our_weaknesses,
                             "risk": c.risk.value if c.risk else None}
                            for c in card.competitors],
        },
        "advice": _advice(facts, deal, visits, settings),
    }
