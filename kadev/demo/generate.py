"""Build a sample data root from a seed: cards, visits, complaints and the monthly ledger.

The story: 江南精机 (an equipment maker: CNC lathes, machining centres, injection moulding
machines, compressors, service) sells through dealers and distributors and directly to
factories and a vocational college. A few accounts are large, most are small; deals sit at
every stage; some complaints are open, one escalated over our heads; some follow-ups are owed.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from kadev.analysis.grade import add_months
from kadev.demo import content as C
from kadev.store import git, writer
from kadev.store.templates import GITIGNORE, settings_text

STAGES = ["development", "initiation", "proposal", "tender", "negotiation", "delivery"]


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """The C emitter for speed at scale; never aliases (kadev refuses them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True



def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=10_000)


class _Gen:
    def __init__(self, root: Path, today: dt.date, seed: int, months: int,
                 visits_per_account: int, complaints_per_account: float) -> None:
        self.root, self.today, self.months = root, today, months
        self.rng = random.Random(seed)
        self.visits_per_account = visits_per_account
        self.complaints_per_account = complaints_per_account
        self.ledger: dict[str, list[list[str]]] = defaultdict(list)
        self.counts = {"accounts": 0, "visits": 0, "plans": 0, "complaints": 0}
        self.used_ids: set[str] = set()
        self.used_suffixes: set[str] = set()
        self.today_visits: dict[str, str] = {}  # account → time of a visit planned for today
        self.used_aliases: set[str] = set()  # an alias names one account only
        self.region_of_owner = dict(C.REGION_OF_OWNER)

    # --- helpers -------------------------------------------------------------------------
    def day(self, back_from: int, back_to: int) -> dt.date:
        return self.today - dt.timedelta(days=self.rng.randint(back_to, back_from))

    def suffix(self, rng: random.Random | None = None) -> str:
        while True:
            value = f"{(rng or self.rng).getrandbits(24):06x}"
            if value not in self.used_suffixes:
                self.used_suffixes.add(value)
                return value

    def person(self) -> str:
        return self.rng.choice(C.SURNAMES) + self.rng.choice(C.GIVEN)

    def write(self, rel: str, data: Any) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_dump(data), encoding="utf-8")

    # --- one account ---------------------------------------------------------------------
    def account(self, index: int, size: float) -> None:
        rng = self.rng
        region = rng.choice(list(C.PLACES))
        if index == 0:
            region = "华东"
        place, place_py = rng.choice(C.PLACES[region])
        if index == 0:
            place, place_py = "无锡", "wuxi"
        elif index == 1:
            region, (place, place_py) = "华南", ("中山", "zhongshan")
        brand, brand_py = C.BRANDS[index % len(C.BRANDS)]
        nature = ("end_user" if index in (0, 4) else "dealer" if index in (1, 5) else
                  rng.choice(["dealer", "dealer", "distributor", "end_user", "end_user",
                              "wholesaler", "agent", "oem", "government"]))
        english = index % 23 == 11  # a foreign-invested manufacturer, named in English
        if english:
            nature = "end_user"
        kind, industry = rng.choice(C.KINDS[nature])
        if index == 0:
            kind, industry = C.KINDS["end_user"][0]
        elif index == 1:
            kind, industry = C.KINDS["dealer"][1]
        name = (f"Nordic {brand_py.title()} Pumps (Suzhou) Co., Ltd." if english
                else f"{place}{brand}{kind}")
        account_id = brand_py if index < len(C.BRANDS) else f"{brand_py}-{place_py}"
        base_id, n = account_id, 2
        while account_id in self.used_ids:
            account_id, n = f"{base_id}-{n}", n + 1
        self.used_ids.add(account_id)
        owners = [o for o, r in self.region_of_owner.items() if r == region] or ["chen"]
        owner = "chen" if index == 0 else rng.choice(owners)
        status = ("prospect" if index % 9 == 8 else "dormant" if index % 17 == 16 else "active")
        full = index < 8 or rng.random() < 0.35
        card: dict[str, Any] = {"name": name}
        if status == "prospect" and f"{place}{brand}" not in self.used_aliases:
            card["short_name"] = f"{place}{brand}"  # what tables show (else the shortest alias)
            self.used_aliases.add(card["short_name"])
        if status != "prospect":
            wanted = [f"{place}{brand}",
                      brand if index < len(C.BRANDS) else f"{brand}{industry[:2]}",
                      f"{place}{brand}{industry[:2]}"]
            aliases = [a for a in wanted if a not in self.used_aliases and a != name][:2]
            self.used_aliases.update(aliases)
            if aliases:
                card["aliases"] = aliases
        card |= {"status": status, "owner": owner}
        if full and status != "prospect":
            card["team"] = sorted({owner, C.SUPERVISOR})
        card |= {"nature": nature, "industry": industry, "region": region}
        if status == "prospect":
            card["reviewed"] = self.day(12, 0)
            contacts = self.contacts(1) if rng.random() < 0.5 else []
            if contacts:
                card["contacts"] = contacts
            card["qualification"] = {"need": "有扩产意向，需求待确认"}
            card["man"] = {"need": True}
            card["development"] = {"approach": rng.choice(["product_event", "mailing", "visits"]),
                                   "first_contact": rng.choice(["letter", "phone", "email"]),
                                   "first_contact_date": self.day(90, 10)}
            card["opportunities"] = [self.deal(0, size, early=True)]
            if index == 8:  # a target we have not won yet, and why
                card["outcome"] = {"result": "not_won", "reasons": ["price", "competitor"],
                                   "summary": "首轮报价高于海天 12%，客户暂选海天；保持联系，等二期扩产"}
            self.write(f"{account_id}/account.yaml", card)
            self.counts["accounts"] += 1
            self.visits(account_id, card, size, few=True)
            return
        card["product_category"] = "数控机床 / 注塑机"
        card["services"] = ["设备销售", "安装调试", "备件与维修"]
        if full:
            card["tier"] = 1 if size > 0.3 else 2 if size > 0.1 else 3
        if index == 2:  # the team scored this account's four factors by hand
            card["tier_scores"] = {"assets": 4, "contribution": 4, "relationship": 3,
                                   "potential": 5}
        card["reviewed"] = self.day(20 if index % 5 == 3 else 6, 0)
        card["profile"] = {
            "address": f"{place}市高新区{brand}路{rng.randint(1, 300)}号",
            "phone": f"0{rng.randint(10, 999)}-{rng.randint(2000000, 89999999)}",
            "legal_representative": self.person(),
            "founded": dt.date(rng.randint(1992, 2016), rng.randint(1, 12), rng.randint(1, 28)),
            "headcount": int(20 + size * 3000 * rng.random()),
        }
        if full:
            card["profile"] |= {"management_structure": "董事会领导下的总经理负责制，下设采购、生产、技术、财务四部",
                                "bank": f"中国工商银行{place}分行", "website": f"www.{brand_py}.com.cn"}
            card["financials"] = [self.financials(year, size) for year in
                                  (self.today.year - 2, self.today.year - 1)]
        limit = int(max(200_000, size * 8_000_000) // 10_000 * 10_000)
        overdue = int(limit * 0.15) if index % 6 == 2 else 0
        card["credit"] = {"limit": limit, "payment_terms": rng.choice(
            ["月结 30 天", "月结 60 天", "款到发货", "30% 预付，70% 验收后 90 天"]),
            "bank_rating": rng.choice(["AAA", "AA", "A", "BBB"]),
            "receivables": {"outstanding": int(limit * rng.uniform(0.2, 0.95)),
                            "overdue": overdue, "as_of": self.today - dt.timedelta(days=3)}}
        if overdue:
            card["credit"]["receivables"]["oldest_due"] = self.day(75, 35)
        card["trade"] = {"since": dt.date(rng.randint(2012, 2023), rng.randint(1, 12), 1),
                         "main_products": [p for p, _ in rng.sample(C.PRODUCTS[:4], 2)],
                         "purchase_volume": f"年采购约 {int(size * 60) + 2} 台",
                         "share_of_wallet": round(rng.uniform(0.15, 0.8), 2)}
        if full:
            card |= self.full_sections(size, nature)
        card["contacts"] = self.contacts(rng.randint(2, 5))
        deals = []
        for d in range(rng.choice([0, 1, 1, 2]) if index >= 8 else 2):
            deals.append(self.deal(d + index, size))
        if deals:
            card["opportunities"] = deals
        if index % 7 == 3:
            month = add_months(self.today, -2).strftime("%Y-%m")
            card["change_notes"] = [{"month": month, "reason": "客户新厂投产，集中采购一批设备，营收大幅上升"}]
        self.write(f"{account_id}/account.yaml", card)
        self.counts["accounts"] += 1
        self.visits(account_id, card, size)
        self.complaints(account_id, card, index)
        self.people_changes(account_id, card)
        self.sales(account_id, size, dormant=(status == "dormant"), swing=(index % 7 in (3, 5)))

    def people_changes(self, account_id: str, card: dict[str, Any]) -> None:
        """At hengtong a contact's misspelt name was corrected (the old one is an alias, which
        old visits still use); at huaguang a workshop head left (retired, kept for history)."""
        people = card.get("contacts", [])
        if account_id == "hengtong" and len(people) > 1:
            old = people[1]["name"]
            new = old[0] + ("晓" if old[1] != "晓" else "小") + old[2:]
            people[1] = {"name": new, "aliases": [old],
                         **{k: v for k, v in people[1].items() if k != "name"}}
        elif account_id == "huaguang" and len(people) > 2:
            people[-1] = {"name": people[-1]["name"],
                          "retired": self.today - dt.timedelta(days=30),
                          **{k: v for k, v in people[-1].items() if k != "name"}}
        else:
            return
        self.write(f"{account_id}/account.yaml", card)

    def full_sections(self, size: float, nature: str) -> dict[str, Any]:
        rng = self.rng
        competitors = [{"name": n, "products": p, "our_strengths": ["本地服务 4 小时响应", "交期稳定"],
                        "our_weaknesses": ["品牌知名度不如对手"], "risk": rng.choice(["low", "medium", "high"])}
                       for n, p in rng.sample(C.COMPETITORS, 2)]
        return {
            "business": {"sells_to": "长三角整车厂和一级供应商" if nature == "end_user" else "周边中小机加工厂",
                         "customer_gender": "以男性采购负责人为主", "customer_age": "35-50 岁",
                         "marketing_style": "关系营销为主，重视售后口碑",
                         "logistics": {"storage": "自有仓库 2000 平方米", "transport": "合作物流，省内次日达"}},
            "purchase_influences": {"cost": "总拥有成本优先，关注能耗", "technical": "要求精度保持性和 FANUC 系统兼容",
                                    "policy": "享受技改补贴，需符合能效二级标准"},
            "competitors": competitors,
            "swot": {"strengths": ["行业口碑好", "现金流稳定"], "weaknesses": ["设备老化"],
                     "opportunities": ["新能源汽车零部件订单增长"], "threats": ["原材料涨价", "同行压价"]},
            "development_value": {"forecast_sales": int(size * 20_000_000) + 500_000,
                                  "forecast_profit": int(size * 4_000_000) + 80_000,
                                  "costs": {"inventory_interest": 30_000, "staff": 120_000,
                                            "travel": 40_000, "management": 25_000},
                                  "risk_coefficient": 0.2, "response_rate": 0.6,
                                  "purchase_quantity": "每年 5-20 台", "cost_to_serve": 60_000,
                                  "profitability": "毛利率约 25%", "worth_developing": True},
            "value_proposition": [{"advantage": "lower_total_cost", "point": "节能伺服系统，每台年省电费约 3 万元"},
                                  {"advantage": "better_efficiency", "point": "换模时间缩短 30%"},
                                  {"advantage": "intangible_value", "point": "本地备件库，停机损失最小"}],
            "development": {"approach": "visits", "first_contact": "phone",
                            "first_contact_date": dt.date(2019, 3, 12)},
            "outcome": {"result": "won", "summary": "2019 年首单 2 台 VMC850，之后成为稳定客户"},
            "qualification": {"need": "二期扩产需要 10 台加工中心", "budget": None if rng.random() < 0.5 else "已列入明年资本预算",
                              "key_person": "总经理", "decision_process": "设备部提需求，总经理办公会决策",
                              "priorities": "交期和售后", "schedule": None, "competitors": "海天、德玛吉"},
            "man": {"money": True, "authority": rng.random() < 0.7, "need": True},
        }

    def financials(self, year: int, size: float) -> dict[str, Any]:
        rng = self.rng
        sales = int(size * 400_000_000 + rng.randint(5, 50) * 1_000_000)
        return {"year": year, "current_ratio": round(rng.uniform(0.9, 2.2), 2),
                "net_margin": round(rng.uniform(0.02, 0.12), 3), "roa": round(rng.uniform(0.01, 0.09), 3),
                "collection_days": rng.randint(30, 120), "inventory_days": rng.randint(20, 90),
                "annual_sales": sales, "cash_flow": int(sales * 0.08), "market_share": round(rng.uniform(0.01, 0.15), 3),
                "costs": int(sales * 0.85), "profit": int(sales * 0.06), "interest_paid": int(sales * 0.01)}

    def contacts(self, count: int) -> list[dict[str, Any]]:
        """`count` contacts with distinct names (contacts are referred to by name)."""
        people: list[dict[str, Any]] = []
        for i in range(count):
            person = self.contact(i, key=(i == 0))
            while any(p["name"] == person["name"] for p in people):
                person["name"] = self.person()
            people.append(person)
        return people

    def contact(self, i: int, key: bool) -> dict[str, Any]:
        rng = self.rng
        title, dept, layer, function = C.TITLES[0 if key else rng.randint(2, len(C.TITLES) - 1)]
        person: dict[str, Any] = {"name": self.person(), "title": title, "department": dept,
                                  "phone": f"13{rng.randint(100000000, 999999999)}",
                                  "layer": layer, "function": function,
                                  "influence": "high" if layer == "decision" else rng.choice(["medium", "low"]),
                                  "attitude": rng.choice(["champion", "supporter", "neutral", "neutral", "skeptic"]),
                                  "key_person": key, "node": title in ("设备部部长", "车间主任")}
        if key or rng.random() < 0.4:
            person["email"] = f"{rng.choice(['wang', 'li', 'zhang', 'liu'])}{rng.randint(1, 99)}@example.cn"
            person["wechat"] = f"wx_{rng.getrandbits(32):08x}"
            birthday = self.today + dt.timedelta(days=rng.randint(-180, 185))
            person["birthday"] = f"{birthday.month:02d}-{birthday.day:02d}"
            person["personal"] = {
                "family": rng.choice(["已婚，女儿读初二", "已婚，儿子在德国留学", "单身"]),
                "hometown": rng.choice(C.HOMETOWNS), "university": rng.choice(C.UNIVERSITIES),
                "sports": rng.choice(C.HOBBIES), "food": rng.choice(C.FOODS),
                "pets": rng.choice(["养了一只金毛", "无", "养猫"]), "books": rng.choice(C.BOOKS),
                "last_holiday": "国庆去了云南", "next_holiday": "春节计划去海南",
                "role": "实际拍板人" if key else "技术把关", "colleagues": "与财务总监关系一般",
                "goals": "今年完成新厂设备招标", "development_plan": "希望两年内升任集团副总",
                "health": "腰椎不好，不宜久坐", "social_circle": "当地商会理事",
                "culture": "重视面子和长期关系", "pursuits": "收藏紫砂壶",
                "personality": "果断，讨厌拐弯抹角", "pressures": "集团要求降本 8%"}
            if rng.random() < 0.5:
                start = self.today + dt.timedelta(days=rng.randint(-3, 20))
                person["itinerary"] = [{"from": start, "to": start + dt.timedelta(days=rng.randint(0, 4)),
                                        "place": rng.choice(C.CITIES), "purpose": "参加行业展会"}]
        return person

    def deal(self, n: int, size: float, early: bool = False) -> dict[str, Any]:
        rng = self.rng
        product, price = C.PRODUCTS[n % 4]
        stage = rng.choice(STAGES[:2]) if early else STAGES[n % 6]
        deal: dict[str, Any] = {"name": f"{self.today.year + (n % 2)} 年{product.split()[-1]}采购",
                                "product": product, "stage": stage,
                                "opened": self.day(400, 60),
                                "expected_close": self.today + dt.timedelta(days=rng.choice(
                                    [-20, 45, 120, 170, 200, 300, 400, 480, 600, 700])),
                                "value": price * rng.randint(1, 4 + int(size * 30))}
        if n % 11 == 5:
            deal["grade"] = "A"  # overridden: a signed customer with new needs
        if not early and n % 8 == 7:
            deal["stage"] = "delivery"
            deal["result"] = "won"
            deal["closed"] = max(self.day(120, 20), deal["opened"] + dt.timedelta(days=30))
            deal["reason"] = "节能方案和本地服务打动客户"
        elif not early and n % 8 == 6:
            deal["stage"] = rng.choice(["tender", "negotiation"])
            deal["result"] = "lost"
            deal["closed"] = max(self.day(200, 30), deal["opened"] + dt.timedelta(days=30))
            deal["reasons"] = ["price", "competitor"]
            deal["reason"] = "价格高于海天 12%，客户选择了低价方案"
        return deal

    def visits(self, account_id: str, card: dict[str, Any], size: float, few: bool = False) -> None:
        rng = self.rng
        # about visits_per_account on average; large accounts are visited more often
        count = max(1, int(self.visits_per_account * (rng.uniform(0.5, 1.3) + 3 * size)))
        if few:
            count = min(count, 3)
        names = [c["name"] for c in card.get("contacts", [])]
        span = self.months * 30
        dates = sorted(self.day(span, 1) for _ in range(count))
        if account_id in ("huaguang", "hengtong"):
            self.today_visits[account_id] = "14:30" if account_id == "huaguang" else "10:00"
            dates[-1] = self.today - dt.timedelta(days=rng.randint(3, 9))
            dates.sort()
        elif not few and rng.random() < 0.7:  # most accounts were contacted recently
            dates[-1] = self.day(int(20 / (0.3 + size)), 1)
            dates.sort()
        deals = [d for d in card.get("opportunities", []) if "result" not in d]
        # stage history: walk each open deal from development to its current stage
        slot_changes: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for deal in deals:
            target = STAGES.index(deal["stage"])
            steps = [{"opportunity": deal["name"], "field": "stage", "from": STAGES[s],
                      "to": STAGES[s + 1]} for s in range(target)]
            # the stage moved on at visits after the deal opened, the last moves most recent
            after = [i for i, d in enumerate(dates) if d >= deal["opened"]]
            slots = sorted(rng.sample(after, min(len(steps), len(after)))) if after else []
            for slot, change in zip(slots, steps[len(steps) - len(slots):], strict=True):
                slot_changes[slot].append(change)
        written: list[tuple[str, dict[str, Any]]] = []
        for i, day in enumerate(dates):
            method = rng.choice(["face-to-face", "face-to-face", "phone", "phone", "email", "event", "letter"])
            visit: dict[str, Any] = {"date": day}
            if method in ("face-to-face", "event"):
                visit |= {"time": f"{rng.choice([9, 10, 14, 15, 16]):02d}:{rng.choice([0, 30]):02d}",
                          "place": "客户会议室" if method == "face-to-face" else "上海国际机床展"}
            visit["method"] = method
            ours = [card["owner"]] + ([C.SUPERVISOR] if size > 0.2 and card["owner"] != C.SUPERVISOR else [])
            visit["ours"] = ours
            if names:
                visit["theirs"] = rng.sample(names, min(len(names), rng.randint(1, 2)))
            if method == "face-to-face" and rng.random() < 0.5:
                visit["preparation"] = {"meeting": True, "materials": ["公司介绍", "VMC850 样本", "同行业案例"]}
            visit["points"] = rng.choice(C.POINTS)
            visit["thoughts"] = rng.choice(C.THOUGHTS)
            visit["progress"] = rng.choice(C.PROGRESS)
            visit["next_steps"] = rng.choice(C.NEXT_STEPS)
            if i == len(dates) - 1 and account_id in self.today_visits:
                visit["next_visit"] = self.today
                visit["next_visit_time"] = self.today_visits[account_id]
            elif i == len(dates) - 1 and rng.random() < 0.6:
                planned = day + dt.timedelta(days=rng.randint(5, 21))
                if planned >= self.today - dt.timedelta(days=5):
                    visit["next_visit"] = planned
            if slot_changes.get(i):
                visit["changes"] = slot_changes[i]
            rel = f"{account_id}/visits/{day.isoformat()}-{self.suffix()}.yaml"
            self.write(rel, visit)
            written.append((rel, visit))
            self.counts["visits"] += 1
        self.plans(account_id, card, written)

    def plans(self, account_id: str, card: dict[str, Any],
              visits: list[tuple[str, dict[str, Any]]]) -> None:
        """Plans agreed at visits: the last visit's plan (kept ahead, or missed when its day
        passed with no visit), an earlier plan kept by the next meeting, one cancelled; at
        huaguang a phone call after the plan was made, which leaves the plan standing."""
        rng = random.Random(f"plans-{account_id}")  # its own stream: the rest stays as it was

        def plan(agreed: tuple[str, dict[str, Any]], day: dt.date, time: str | None,
                 extra: dict[str, Any] | None = None) -> None:
            rel, visit = agreed
            record: dict[str, Any] = {"date": day}
            if time:
                record["time"] = time
            record |= {"method": "face-to-face", "ours": visit["ours"]}
            if visit.get("theirs"):
                record["theirs"] = visit["theirs"]
            record["purpose"] = visit["next_steps"]
            record["agreed_at"] = rel.rsplit("/", 1)[-1].removesuffix(".yaml")
            record |= extra or {}
            self.write(f"{account_id}/plans/{day.isoformat()}-{self.suffix(rng)}.yaml", record)
            self.counts["plans"] += 1

        for index, (rel, visit) in enumerate(visits[:-1]):
            after = visits[index + 1][1]
            if (visit["method"] == "face-to-face" and after["method"] in ("face-to-face", "event")
                    and after["date"] > visit["date"] and rng.random() < 0.3):
                visit["next_visit"] = after["date"]  # kept by that meeting
                self.write(rel, visit)
                named = ({"visit": visits[index + 1][0].rsplit("/", 1)[-1].removesuffix(".yaml")}
                         if rng.random() < 0.5 else None)  # recorded with --plan
                plan((rel, visit), after["date"], after.get("time"), named)
        last_rel, last = visits[-1]
        if last.get("next_visit"):
            day = last["next_visit"]
            if rng.random() < 0.12 and day > self.today and account_id not in self.today_visits:
                plan((last_rel, last), day, last.get("next_visit_time"),
                     {"cancelled": self.today - dt.timedelta(days=1),
                      "reason": "客户临时出差，改为电话沟通"})
            else:
                plan((last_rel, last), day, last.get("next_visit_time"))
        if account_id == "huaguang":  # a phone note after the plan: the plan stays
            day = last["date"] + dt.timedelta(days=1)
            call = {"date": day, "method": "phone", "ours": last["ours"][:1],
                    "theirs": last.get("theirs", [])[:1], "points": "电话确认到访时间和参会人员",
                    "next_steps": "按计划上门，带二期方案"}
            self.write(f"{account_id}/visits/{day.isoformat()}-{self.suffix(rng)}.yaml", call)
            self.counts["visits"] += 1

    def complaints(self, account_id: str, card: dict[str, Any], index: int) -> None:
        rng = self.rng
        mean = self.complaints_per_account
        for c in range(rng.choice([0, 1, 1, 2]) if index < 3 else
                       int(mean) + (rng.random() < mean - int(mean))):
            what, product = rng.choice(C.COMPLAINTS)
            still_open = index in (1, 2) or rng.random() < 0.2
            opened = self.day(45, 2) if still_open and index != 2 else self.day(300, 2)
            complaint: dict[str, Any] = {"date": opened, "what": what, "product": product,
                                         "severity": "critical" if index == 1 and c == 0 else rng.choice(["low", "medium", "high", "critical"]),
                                         "escalated": index == 1 and c == 0,
                                         "contact": card["contacts"][0]["name"]}
            steps_done = rng.randint(1, 3)
            complaint["steps"] = [{"date": min(self.today, opened + dt.timedelta(days=s + 1)),
                                   "action": C.STEPS[s]} for s in range(steps_done)]
            if not still_open:
                complaint["result"] = "故障排除，客户确认满意"
                complaint["resolved"] = min(self.today, opened + dt.timedelta(days=rng.randint(3, 30)))
            self.write(f"{account_id}/complaints/{opened.isoformat()}-{self.suffix()}.yaml", complaint)
            self.counts["complaints"] += 1

    def sales(self, account_id: str, size: float, dormant: bool, swing: bool) -> None:
        rng = self.rng
        monthly = Decimal(int(size * 2_400_000) + rng.randint(8_000, 60_000))
        margin = Decimal(str(round(rng.uniform(0.14, 0.32), 3)))
        steady = account_id == "huaguang"  # the anchor account: profitable and loyal
        for back in range(self.months, 0, -1):
            month = add_months(self.today.replace(day=1), -back)
            if dormant and back < 8:
                continue
            factor = Decimal(str(round(rng.uniform(0.88, 1.12), 3)))
            if swing and back <= 2:
                factor *= Decimal("2.2") if account_id < "m" else Decimal("0.3")
            if rng.random() < (0.02 if size > 0.05 else 0.08) and not steady:
                continue  # no order this month
            products = rng.sample(C.PRODUCTS, rng.randint(1, 2))
            if steady:
                margin = Decimal("0.31")
            for product, price in products:
                revenue = (monthly * factor / len(products)).quantize(Decimal("0.01"))
                quantity = max(1, int(revenue / price))
                self.ledger[month.strftime("%Y-%m")].append(
                    [account_id, str(revenue), str((revenue * margin).quantize(Decimal("0.01"))),
                     product, str(quantity)])
            if rng.random() < 0.04:  # a return or credit note
                self.ledger[month.strftime("%Y-%m")].append(
                    [account_id, "-" + str((monthly * Decimal("0.1")).quantize(Decimal("0.01"))),
                     "-" + str((monthly * Decimal("0.1") * margin).quantize(Decimal("0.01"))),
                     products[0][0], "-1"])

    def write_ledger(self) -> None:
        import csv
        import io

        for month in sorted(self.ledger):
            buffer = io.StringIO()
            out = csv.writer(buffer, lineterminator="\n")
            out.writerow(["account", "revenue", "profit", "product", "quantity"])
            out.writerows(sorted(self.ledger[month]))
            path = self.root / "_sales" / f"{month}.csv"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(buffer.getvalue(), encoding="utf-8")


ACCOUNTS_PER_REP = 35


def _more_reps(accounts: int, seed: int) -> dict[str, str]:
    """{rep id: region} of the reps beyond the five of the sample's story, so that a large
    network has about one account manager per 35 accounts, as the seeds' largest case (300
    account managers for over 1,000 dealers). None for up to 175 accounts."""
    from pypinyin import lazy_pinyin

    rng = random.Random(seed * 7919 + 1)  # apart from the data's own sequence
    wanted = -(-accounts // ACCOUNTS_PER_REP) - len(C.TEAM)
    regions = list(C.PLACES)
    reps: dict[str, str] = {}
    while len(reps) < wanted:
        base = "".join(lazy_pinyin(rng.choice(C.SURNAMES) + rng.choice(C.GIVEN)))
        rep, n = base, 2
        while rep in reps or rep in C.TEAM:
            rep, n = f"{base}{n}", n + 1
        reps[rep] = regions[len(reps) % len(regions)]
    return reps


def _sizes(n: int, rng: random.Random) -> list[float]:
    """Account sizes with a Pareto shape: a few large, many small; the largest is 1.0."""
    raw = [1.0 / (rank + 1) ** 1.1 * rng.uniform(0.8, 1.2) for rank in range(n)]
    top = max(raw)
    return [r / top for r in raw]


def generate(root: Path, today: dt.date, *, accounts: int = 40, visits_per_account: int = 10,
             months: int = 24, seed: int = 7, git: bool = True,
             complaints_per_account: float = 0.7, progress: Any = None) -> dict[str, int]:
    """Write a sample data root at `root`; returns how many of each kind it made.

    `progress(done, total)` is called as accounts are written, if given.
    """
    root.mkdir(parents=True, exist_ok=True)
    gen = _Gen(root, today, seed, months, visits_per_account, complaints_per_account)
    gen.region_of_owner |= _more_reps(accounts, seed)
    settings = settings_text("en").replace("team: []", "team: [" + ", ".join(
        gen.region_of_owner) + "]")
    writer.write_new(root / "kadev.yaml", settings)
    writer.write_new(root / ".gitignore", GITIGNORE)
    from kadev.models.schema import KINDS, SCHEMA_DIR, editor_settings, schema_text

    for kind in KINDS:  # as `kadev init` sets editors up
        writer.write_new(root / SCHEMA_DIR / f"{kind}.schema.json", schema_text(kind))
    writer.write_new(root / ".vscode" / "settings.json", editor_settings(None))
    for index, size in enumerate(_sizes(accounts, gen.rng)):
        gen.account(index, size)
        if progress is not None and index % 100 == 99:
            progress(index + 1, accounts)
    gen.write_ledger()
    summary = (f"{gen.counts['accounts']} accounts, {gen.counts['visits']} visits, "
               f"{gen.counts['plans']} plans, "
               f"{gen.counts['complaints']} complaints, {len(gen.ledger)} months of ledger")
    if git:
        _commit_all(root, summary, seed)
    return {**gen.counts, "months": len(gen.ledger)}


def _commit_all(root: Path, summary: str, seed: int) -> None:
    if not git.available() or git.work_tree(root) is not None:
        return  # inside another repository (e.g. the kadev source): leave committing to its owner
    git.init(root)
    git.commit_all(root, f"demo: sample data (seed {seed}): {summary}")
