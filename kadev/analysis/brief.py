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
from kadev.analysis.grade import deal_state, funnel_grade
from kadev.analysis.periods import month_of, month_range, shift
from kadev.i18n import Msg, lazy, lazy_label
from kadev.models import Account, Settings, Visit
from kadev.models.account import Contact
from kadev.models.enums import Stage

QUESTIONS = {key: f"q.{key}" for key in ("need", "budget", "key_person", "decision_process",
                                          "priorities", "schedule", "competitors")}
MAN_QUESTIONS = {"money": "q.money", "authority": "q.authority", "need": "q.man_need"}
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
    # the same 12 months as the ABC class: up to the ledger's last month
    now = month_of(today)
    have = facts.ledger_months
    last = max((m for m in have if m <= now), default=now) if have else now
    first = shift(last, -11)
    months = month_range(first, last)
    before = month_range(shift(last, -23), shift(last, -12))
    values = [facts.monthly_revenue.get(m, 0) for m in months]
    current, previous = sum(values), sum(facts.monthly_revenue.get(m, 0) for m in before)
    return {"months": months, "monthly": [v / 100 for v in values],
            "sparkline": sparkline(values), "revenue_12m": current / 100,
            "previous_12m": previous / 100,
            "change_rate": (current - previous) / previous if previous > 0 else None}


def _deal(card: Account, today: dt.date, settings: Settings) -> dict[str, Any] | None:
    open_deals = [d for d in card.opportunities if d.is_open]
    if not open_deals:
        return None
    graded = [(funnel_grade(d, today, settings.grade_months), d) for d in open_deals]
    (grade, overridden), deal = min(graded, key=lambda g: (g[0][0], -(g[1].value or 0)))
    return {"name": deal.name, "stage": deal.stage.value, "state": deal_state(deal),
            "grade": grade.value, "grade_overridden": overridden,
            "expected_close": deal.expected_close.isoformat() if deal.expected_close else None,
            "value": float(deal.value) if deal.value is not None else None,
            "policy": lazy(f"policy.{grade.value}")}


def _warnings(facts: AccountFacts, card: Account, settings: Settings,
              today: dt.date) -> list[dict[str, Any]]:
    kinds = ("complaint", "receivable", "follow_up", "contact_interval", "revenue_swing",
             "planned_visit")
    items = [i for i in due_items([facts], settings, today, window=0) if i.kind in kinds
             and not (i.kind == "planned_visit" and i.days <= 0)]  # today's is this visit
    out = [{"kind": i.kind, "text": i.reason, "days": i.days} for i in items]
    credit = card.credit
    owed = credit.receivables if credit else None
    if credit and credit.limit and owed and owed.outstanding >= credit.limit * 9 / 10:
        used = owed.outstanding / credit.limit
        symbol = settings.currency_symbol
        out.append({"kind": "credit_limit", "text": lazy(
            "brief.credit", used=f"{used:.0%}", owed=f"{symbol}{owed.outstanding:,.0f}",
            limit=f"{symbol}{credit.limit:,.0f}"), "days": 0})
    return out


def _last_contact(facts: AccountFacts, settings: Settings, today: dt.date
                  ) -> dict[str, Any] | None:
    """How long since the last contact against the target interval (a fact, not a warning:
    the interval rule warns once it is passed)."""
    if not facts.visit_dates:
        return None
    interval, basis = contact_interval_days(facts, settings)
    since = (today - max(facts.visit_dates)).days
    return {"days": since, "interval": interval, "basis": basis,
            "text": lazy("brief.last_contact", days=since, basis=basis, interval=interval)}


def _promised(visits: Sequence[Visit], today: dt.date, settings: Settings
              ) -> list[dict[str, Any]]:
    """Next steps of the last visits that set any, and whether a later contact followed; one
    not followed within `follow_up_days` is late."""
    out = []
    with_steps = [(i, v) for i, v in enumerate(visits) if v.next_steps][-2:]
    for index, visit in with_steps:
        later = [v.date for v in visits[index + 1:]]
        age = (today - visit.date).days
        late = not later and age > settings.follow_up_days
        out.append({"date": visit.date.isoformat(), "next_steps": visit.next_steps,
                    "next_visit": visit.next_visit.isoformat() if visit.next_visit else None,
                    "done": bool(later), "late": late,
                    "status": lazy("brief.followed", date=later[0]) if later
                    else lazy("brief.open_for", days=age) if late
                    else lazy("brief.to_do", date=visit.date + dt.timedelta(
                        days=settings.follow_up_days))})
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
    if expected:  # how to reach them: business details, not personal data
        entry |= {k: v for k in ("phone", "wechat", "email")
                  if (v := getattr(contact, k)) is not None}
    if not (personal and expected):
        return entry
    if contact.personal:
        entry["personal"] = {k: v for k in PERSONAL_KEYS
                             if (v := getattr(contact.personal, k)) is not None}
    if contact.birthday:
        upcoming = next_birthday(contact.birthday, today)
        if upcoming and (upcoming - today).days <= 30:
            entry["birthday"] = lazy("brief.birthday", day=f"{upcoming:%m-%d}",
                                  days=(upcoming - today).days)
    trips = [t for t in contact.itinerary
             if t.end >= today and t.start <= today + dt.timedelta(days=14)]
    if trips:
        entry["trips"] = [{"from": t.start.isoformat(), "to": t.end.isoformat(),
                           "place": t.place, "purpose": t.purpose} for t in trips]
    return entry


def _ask(card: Account, deal: dict[str, Any] | None) -> list[Msg]:
    """The questions still open: qualification and MAN screening only while the deal is
    searching (a deal in the funnel or at its best has answered them), the key person while
    no contact is marked one."""
    asks = []
    if deal is not None and deal["state"] != "searching":
        return [] if any(c.key_person for c in card.active_contacts) else [lazy("q.which_key")]
    answered_elsewhere = {"key_person": any(c.key_person for c in card.active_contacts),
                          "competitors": bool(card.competitors)}
    for key, question in QUESTIONS.items():
        answer = getattr(card.qualification, key) if card.qualification else None
        if not answer and not answered_elsewhere.get(key):
            asks.append(lazy(question))
    for key, question in MAN_QUESTIONS.items():
        known = getattr(card.man, key) if card.man else None
        if known is not True:
            asks.append(lazy(question))
    if not any(c.key_person for c in card.active_contacts):
        asks.append(lazy("q.which_key"))
    return asks


def _advice(facts: AccountFacts, card: Account, deal: dict[str, Any] | None,
            visits: Sequence[Visit], settings: Settings) -> list[Msg]:
    advice = []
    if any(c.escalated for _, c in facts.open_complaints):
        advice.append(lazy("a.escalated"))
    elif facts.open_complaints:
        advice.append(lazy("a.complaints"))
    if deal:
        advice.append(lazy("a.grade", grade=deal["grade"], policy=deal["policy"]))
        if deal["stage"] in (Stage.TENDER.value, Stage.NEGOTIATION.value):
            advice.append(lazy("a.senior", stage=lazy_label("stage", deal["stage"])))
        if deal["state"] == "searching":
            advice.append(lazy("a.qualify"))
    if not any(c.key_person for c in card.active_contacts):
        advice.append(lazy("a.no_key"))
    if not any(c.node for c in card.active_contacts):
        advice.append(lazy("a.no_node"))
    if facts.abc_class == "A" and len(card.active_contacts) < 3:
        advice.append(lazy("a.widen"))
    advice.append(lazy("a.follow", days=settings.follow_up_days))
    return advice


def briefing(facts: AccountFacts, card: Account, visits: Sequence[Visit], settings: Settings,
             today: dt.date, with_names: Sequence[str] = (), personal: bool = True,
             recent: int = 5) -> dict[str, Any]:
    """Every section of the briefing for one account (its due facts and its whole card), as
    plain data."""
    deal = _deal(card, today, settings)
    expected = set(with_names) or {c.name for c in card.active_contacts
                                   if c.key_person or c.node}
    header = {"name": card.name, "account": facts.id, "owner": card.owner,
              "status": card.status.value, "nature": card.nature.value,
              "region": card.region, "industry": card.industry, "class": facts.abc_class,
              "tier": card.tier or facts.tier, "quadrant": facts.quadrant,
              **_revenue(facts, today), "deal": deal}
    return {
        "account": facts.id,
        "name": card.name,
        "header": header,
        "warnings": _warnings(facts, card, settings, today),
        "last_contact": _last_contact(facts, settings, today),
        "promised": _promised(visits, today, settings),
        "visits": [{"date": v.date.isoformat(), "method": v.method.value,
                    "who": [*v.ours, *v.theirs], "points": v.points, "thoughts": v.thoughts}
                   for v in list(visits)[-recent:][::-1]],
        "people": [_person(c, personal, c.name in expected, today) for c in sorted(
            card.active_contacts, key=lambda c: (not c.key_person, not c.node,
                                          ["decision", "management", "operation", None].index(
                                              c.layer.value if c.layer else None)))],
        "ask": _ask(card, deal),
        "talking_points": {
            "value_proposition": [{"advantage": p.advantage.value, "point": p.point}
                                  for p in card.value_proposition],
            "competitors": [{"name": c.name, "products": c.products,
                             "our_strengths": c.our_strengths,
                             "our_weaknesses": c.our_weaknesses,
                             "risk": c.risk.value if c.risk else None}
                            for c in card.competitors],
        },
        "advice": _advice(facts, card, deal, visits, settings),
        "deals": [_deal_entry(d, today, settings) for d in card.opportunities if d.is_open],
        "credit": _credit(card),
        "swot": ({k: getattr(card.swot, k) for k in ("strengths", "weaknesses",
                                                      "opportunities", "threats")}
                 if card.swot else None),
    }


def _deal_entry(deal: Any, today: dt.date, settings: Settings) -> dict[str, Any]:
    grade, overridden = funnel_grade(deal, today, settings.grade_months)
    return {"name": deal.name, "stage": deal.stage.value, "state": deal_state(deal),
            "grade": grade.value, "grade_overridden": overridden,
            "expected_close": deal.expected_close.isoformat() if deal.expected_close else None,
            "value": float(deal.value) if deal.value is not None else None}


def _credit(card: Account) -> dict[str, Any] | None:
    credit = card.credit
    if credit is None:
        return None
    owed = credit.receivables
    return {"payment_terms": credit.payment_terms,
            "limit": float(credit.limit) if credit.limit is not None else None,
            "outstanding": float(owed.outstanding) if owed else None,
            "overdue": float(owed.overdue) if owed else None,
            "used": float(owed.outstanding / credit.limit)
            if owed and credit.limit else None}
