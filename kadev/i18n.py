"""The message catalogue: every label, title, reason, advice line and error kadev prints, in
English and Chinese (the trade's own words: 大客户, 档案卡, 拜访记录, 抱怨管理, 销售漏斗 …).

`t(key, **params)` formats the message in the current language (`set_lang`, chosen once per
run by the CLI from --lang, KADEV_LANG or kadev.yaml); `label(kind, value)` names an
enumeration value (stage, state, class, quadrant …). No I/O; every layer may use it. A test
checks that both languages have every key with the same placeholders.
"""

from __future__ import annotations

from typing import Any

_lang = "en"

LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "stage": {
        "development": ("development", "客户开发"), "initiation": ("initiation", "立项"),
        "proposal": ("proposal", "提案"), "tender": ("tender", "招投标"),
        "negotiation": ("negotiation", "商务谈判"), "delivery": ("delivery", "工程验收"),
    },
    "state": {
        "searching": ("searching", "搜寻"), "in_funnel": ("in funnel", "进入漏斗"),
        "best": ("best", "最佳状态"), "won": ("won", "赢单"), "lost": ("lost", "丢单"),
    },
    "quadrant": {
        "true_friend": ("true friend", "知己"), "barnacle": ("barnacle", "藤壶"),
        "butterfly": ("butterfly", "蝴蝶"), "stranger": ("stranger", "过客"),
    },
    "kind": {
        "follow_up": ("follow-up", "拜访跟进"), "planned_visit": ("planned visit", "计划拜访"),
        "contact_interval": ("contact interval", "联系间隔"), "complaint": ("complaint", "抱怨"),
        "review": ("card review", "档案卡检查"), "receivable": ("receivable", "应收逾期"),
        "revenue_swing": ("revenue swing", "营收波动"), "birthday": ("birthday", "生日"),
        "itinerary": ("itinerary", "行程"), "credit_limit": ("credit limit", "信用额度"),
        "contact": ("contact", "联系"),
    },
    "method": {
        "face-to-face": ("face-to-face", "面访"), "phone": ("phone", "电话"),
        "email": ("e-mail", "邮件"), "letter": ("letter", "信函"), "event": ("event", "活动"),
    },
    "severity": {"low": ("low", "低"), "medium": ("medium", "中"), "high": ("high", "高"),
                 "critical": ("critical", "严重")},
    "status": {"prospect": ("prospect", "潜在客户"), "active": ("active", "合作中"),
               "dormant": ("dormant", "休眠"), "closed": ("closed", "已关闭"),
               "open": ("open", "未处理"), "resolved": ("resolved", "已解决")},
    "nature": {"dealer": ("dealer", "经销商"), "distributor": ("distributor", "分销商"),
               "wholesaler": ("wholesaler", "批发商"), "agent": ("agent", "代理商"),
               "end_user": ("end user", "终端用户"), "oem": ("OEM", "主机厂"),
               "government": ("government", "政府机构"), "other": ("other", "其他")},
    "layer": {"decision": ("decision", "决策层"), "management": ("management", "管理层"),
              "operation": ("operation", "操作层")},
    "function": {"user": ("user", "使用"), "technical": ("technical", "技术"),
                 "finance": ("finance", "财务")},
    "attitude": {"champion": ("champion", "坚定支持"), "supporter": ("supporter", "支持"),
                 "neutral": ("neutral", "中立"), "skeptic": ("skeptic", "怀疑"),
                 "opponent": ("opponent", "反对")},
    "level": {"low": ("low", "低"), "medium": ("medium", "中"), "high": ("high", "高")},
    "advantage": {
        "lower_total_cost": ("lower total cost", "降低总采购成本"),
        "more_revenue": ("more revenue", "增加收入"), "less_waste": ("less waste", "减少浪费"),
        "better_efficiency": ("better efficiency", "提高效率"),
        "real_solution": ("a real solution", "真正的解决方案"),
        "intangible_value": ("intangible value", "无形价值"),
    },
    "shape": {
        "balanced": ("balanced", "均衡"), "prospecting only": ("prospecting only", "只重开发"),
        "following only": ("following only", "只重跟单"),
        "closing only": ("closing only", "只重签单"), "uneven": ("uneven", "不均衡"),
        "empty": ("empty", "空漏斗"),
    },
    "personal": {
        "family": ("family", "家庭"), "hometown": ("hometown", "籍贯"),
        "university": ("university", "毕业院校"), "sports": ("sports", "运动"),
        "food": ("food", "餐饮喜好"), "pets": ("pets", "宠物"), "books": ("books", "读书"),
        "last_holiday": ("last holiday", "上次假期"), "next_holiday": ("next holiday", "下次假期计划"),
        "role": ("role", "在组织中的角色"), "colleagues": ("colleagues", "同事关系"),
        "goals": ("goals", "今年目标"), "development_plan": ("development plan", "个人发展计划"),
        "health": ("health", "健康"), "social_circle": ("social circle", "社交圈"),
        "culture": ("culture", "文化"), "pursuits": ("pursuits", "爱好追求"),
        "personality": ("personality", "性格"), "pressures": ("pressures", "压力与挑战"),
    },
    "field": {
        "name": ("name", "名称"),
        "aliases": ("aliases", "别名"),
        "status": ("status", "状态"),
        "owner": ("owner", "负责人"),
        "team": ("team", "服务团队"),
        "nature": ("nature", "客户性质"),
        "industry": ("industry", "行业"),
        "product_category": ("product category", "产品类别"),
        "services": ("services", "采购的服务"),
        "region": ("region", "区域"),
        "tier": ("tier", "客户层级"),
        "tier_scores": ("tier scores", "四因素评分"),
        "reviewed": ("reviewed", "档案卡检查日期"),
        "profile": ("profile", "企业概况"),
        "address": ("address", "地址"),
        "phone": ("phone", "电话"),
        "legal_representative": ("legal representative", "法人代表"),
        "founded": ("founded", "成立日期"),
        "headcount": ("headcount", "员工人数"),
        "management_structure": ("management structure", "管理体制"),
        "bank": ("bank", "开户银行"),
        "website": ("website", "网站"),
        "financials": ("financials", "财务状况"),
        "year": ("year", "年度"),
        "current_ratio": ("current ratio", "流动比率"),
        "net_margin": ("net margin", "净利润率"),
        "roa": ("roa", "资产收益率"),
        "collection_days": ("collection days", "回款周期（天）"),
        "inventory_days": ("inventory days", "存货周期（天）"),
        "annual_sales": ("annual sales", "年销售额"),
        "cash_flow": ("cash flow", "现金流"),
        "market_share": ("market share", "市场占有率"),
        "costs": ("costs", "成本"),
        "profit": ("profit", "利润"),
        "interest_paid": ("interest paid", "利息支出"),
        "credit": ("credit", "信用状况"),
        "limit": ("limit", "信用额度"),
        "payment_terms": ("payment terms", "付款条件"),
        "bank_rating": ("bank rating", "银行评级"),
        "receivables": ("receivables", "应收账款"),
        "outstanding": ("outstanding", "未收款"),
        "overdue": ("overdue", "逾期款"),
        "as_of": ("as of", "截至"),
        "oldest_due": ("oldest due", "最早到期"),
        "trade": ("trade", "交易状况"),
        "since": ("since", "合作起始"),
        "main_products": ("main products", "主要采购产品"),
        "purchase_volume": ("purchase volume", "采购量"),
        "share_of_wallet": ("share of wallet", "采购份额"),
        "business": ("business", "客户经营"),
        "sells_to": ("sells to", "下游客户"),
        "customer_gender": ("customer gender", "客户性别"),
        "customer_age": ("customer age", "客户年龄"),
        "marketing_style": ("marketing style", "营销方式"),
        "logistics": ("logistics", "物流"),
        "storage": ("storage", "仓储"),
        "transport": ("transport", "运输"),
        "purchase_influences": ("purchase influences", "采购影响因素"),
        "cost": ("cost", "采购成本"),
        "technical": ("technical", "技术适用"),
        "policy": ("policy", "政策法规"),
        "competitors": ("competitors", "竞争对手"),
        "products": ("products", "产品"),
        "our_strengths": ("our strengths", "我方优势"),
        "our_weaknesses": ("our weaknesses", "我方劣势"),
        "risk": ("risk", "风险"),
        "swot": ("swot", "SWOT 分析"),
        "strengths": ("strengths", "优势"),
        "weaknesses": ("weaknesses", "劣势"),
        "opportunities": ("opportunities", "销售项目"),
        "threats": ("threats", "威胁"),
        "development_value": ("development value", "开发价值"),
        "forecast_sales": ("forecast sales", "预计销售额"),
        "forecast_profit": ("forecast profit", "预计利润"),
        "inventory_interest": ("inventory interest", "库存利息"),
        "staff": ("staff", "人员费用"),
        "travel": ("travel", "差旅费"),
        "management": ("management", "管理费用"),
        "risk_coefficient": ("risk coefficient", "风险系数"),
        "response_rate": ("response rate", "回应率"),
        "purchase_quantity": ("purchase quantity", "采购数量"),
        "cost_to_serve": ("cost to serve", "服务成本"),
        "profitability": ("profitability", "盈利能力"),
        "worth_developing": ("worth developing", "值得开发"),
        "value_proposition": ("value proposition", "价值主张"),
        "advantage": ("advantage", "优势类型"),
        "point": ("point", "要点"),
        "development": ("development", "开发方式"),
        "approach": ("approach", "开发途径"),
        "first_contact": ("first contact", "首次接触方式"),
        "first_contact_date": ("first contact date", "首次接触日期"),
        "outcome": ("outcome", "开发结果"),
        "result": ("result", "结果"),
        "reasons": ("reasons", "原因"),
        "summary": ("summary", "开发小结"),
        "qualification": ("qualification", "资格审查"),
        "need": ("need", "需求"),
        "budget": ("budget", "预算"),
        "key_person": ("key person", "关键人"),
        "decision_process": ("decision process", "决策流程"),
        "priorities": ("priorities", "优先考虑"),
        "schedule": ("schedule", "时间计划"),
        "man": ("man", "MAN 评估"),
        "money": ("money", "钱"),
        "authority": ("authority", "权"),
        "change_notes": ("change notes", "变动原因记录"),
        "month": ("month", "月份"),
        "reason": ("reason", "原因"),
        "contacts": ("contacts", "联系人"),
        "title": ("title", "职务"),
        "department": ("department", "部门"),
        "email": ("email", "邮箱"),
        "wechat": ("wechat", "微信"),
        "layer": ("layer", "所在层面"),
        "function": ("function", "职能"),
        "influence": ("influence", "影响力"),
        "attitude": ("attitude", "态度"),
        "node": ("node", "节点"),
        "birthday": ("birthday", "生日"),
        "personal": ("personal", "个人资料"),
        "itinerary": ("itinerary", "行程"),
        "product": ("product", "产品"),
        "stage": ("stage", "阶段"),
        "opened": ("opened", "立项日期"),
        "expected_close": ("expected close", "预计成交"),
        "value": ("value", "金额"),
        "grade": ("grade", "等级"),
        "closed": ("closed", "结束日期"),
        "class": ("class", "ABC"),
        "revenue_12m": ("revenue 12m", "近12月销售额"),
        "quadrant": ("quadrant", "价值象限"),
        "tier_from": ("tier from", "层级来源"),
        "assets": ("assets", "资产"),
        "contribution": ("contribution", "贡献"),
        "relationship": ("relationship", "关系"),
        "potential": ("potential", "潜力"),
    },
    "measure": {"revenue": ("revenue", "销售额"), "profit": ("profit", "利润"),
                "margin": ("margin", "利润率"), "months": ("months with purchases", "采购月数"),
                "tenure": ("tenure (years)", "合作年限"),
                "share_of_wallet": ("share of wallet", "采购份额")},
}

MESSAGES: dict[str, tuple[str, str]] = {
    # common table headers
    "h.account": ("account", "客户"), "h.name": ("name", "名称"), "h.owner": ("owner", "负责人"),
    "h.status": ("status", "状态"), "h.class": ("class", "ABC"), "h.grade": ("grade", "等级"),
    "h.tier": ("tier", "层级"), "h.revenue_12m": ("revenue 12m", "近12月销售额"),
    "h.rank": ("rank", "排名"), "h.amount": ("amount", "金额"), "h.share": ("share", "占比"),
    "h.cumulative": ("cumulative", "累计占比"), "h.accounts": ("accounts", "客户数"),
    "h.pct_accounts": ("% of accounts", "客户数占比"), "h.pct_amount": ("% of amount", "金额占比"),
    "h.kind": ("kind", "类型"), "h.why": ("why", "原因"), "h.days": ("days", "天数"),
    "h.date": ("date", "日期"), "h.method": ("method", "方式"), "h.who": ("who", "人员"),
    "h.points": ("points", "要点"), "h.next_steps": ("next steps", "下一步"),
    "h.id": ("id", "编号"), "h.opened": ("opened", "提出日期"), "h.age": ("age", "天数"),
    "h.severity": ("severity", "严重程度"), "h.state": ("state", "状态"),
    "h.what": ("what", "内容"), "h.move": ("move", "变动"), "h.previous": ("previous", "上期"),
    "h.change": ("change", "变化"), "h.rate": ("rate", "变化率"), "h.deal": ("deal", "项目"),
    "h.stage": ("stage", "阶段"), "h.close": ("close", "预计成交"), "h.value": ("value", "金额"),
    "h.weighted": ("weighted", "加权金额"), "h.deals": ("deals", "项目数"),
    "h.step": ("step", "转化"), "h.advanced": ("advanced", "推进数"),
    "h.typical": ("typical", "参考值"), "h.stays": ("stays", "次数"),
    "h.mean_days": ("mean days", "平均天数"), "h.since": ("since", "自"),
    "h.searching": ("searching", "搜寻"), "h.in_funnel": ("in funnel", "进入漏斗"),
    "h.best": ("best", "最佳状态"), "h.shape": ("shape", "形态"), "h.advice": ("advice", "建议"),
    "h.probability": ("probability", "成功率"), "h.score": ("score", "得分"),
    "h.quadrant": ("quadrant", "象限"), "h.what_to_do": ("what to do", "策略"),
    "h.assets": ("assets", "资产"), "h.contribution": ("contrib.", "贡献"),
    "h.relationship": ("relation", "关系"), "h.potential": ("potential", "潜力"),
    "h.total": ("total", "合计"), "h.strategy": ("strategy", "策略"),
    "h.before": ("before", "上期"), "h.now": ("now", "本期"),
    "h.of_company": ("of company", "占公司"), "h.month": ("month", "月份"),
    "h.rows_replaced": ("rows replaced", "替换行"), "h.rows_added": ("rows added", "新增行"),
    "h.total_before": ("total before", "原合计"), "h.total_after": ("total after", "新合计"),
    "h.not_profitable": ("not profitable", "不盈利"), "h.profitable": ("profitable", "盈利"),
    "h.loyal": ("loyal", "忠诚"), "h.not_loyal": ("not loyal", "不忠诚"),
    # account commands
    "account.list.caption": ("{count} accounts; class and revenue over the 12 months to {today}",
                             "共 {count} 个客户；ABC 分类与销售额按截至 {today} 的近 12 个月计"),
    "account.added": ("added {id}: {name}", "已新建档案卡 {id}：{name}"),
    "account.reviewed": ("{id} reviewed {today}", "{id} 已于 {today} 检查"),
    "account.already_reviewed": ("{id} already reviewed {today}", "{id} 已于 {today} 检查过"),
    "account.saved": ("saved {path}", "已保存 {path}"),
    "no_change": ("no change", "没有改动"),
    # validate
    "validate.ok": ("ok: {summary}, no problems", "通过：{summary}，没有问题"),
    "validate.summary": ("{accounts} accounts, {visits} visits, {complaints} complaints, "
                         "{files} files", "{accounts} 个客户，{visits} 条拜访记录，"
                         "{complaints} 条抱怨，{files} 个文件"),
    "validate.problems": ("{count} problem(s) in {summary}", "{summary} 中发现 {count} 个问题"),
    # ABC
    "abc.title": ("ABC by {by}, {first} to {last}: A ≤ {a}%, B ≤ {b}% of cumulative {by}",
                  "ABC 分析（按{by}），{first} 至 {last}：累计占比 ≤ {a}% 为 A 类，≤ {b}% 为 B 类"),
    "abc.classes": ("classes", "分类汇总"),
    "abc.total": ("total", "合计"),
    "abc.check": ("80/20 check: the top {top} of {count} accounts (20%) bring {share} of {by}.",
                  "二八检验：前 20% 的客户（{count} 个中的 {top} 个）贡献了 {share} 的{by}。"),
    "abc.note": ("note: {text}", "注意：{text}"),
    "abc.empty_a": ("class A is empty: the largest account, {account}, alone brings {share} of "
                    "the total, more than the A threshold of {threshold}%",
                    "A 类为空：最大客户 {account} 单独贡献 {share}，已超过 A 类界限 {threshold}%"),
    "abc.non_positive": ("{count} account(s) with zero or negative amounts are class C",
                         "{count} 个客户金额为零或负数，归为 C 类"),
    "abc.total_not_positive": ("the total amount is {total}; ABC needs a positive total "
                               "(check the period and the ledger)",
                               "合计金额为 {total}；ABC 分析需要正的合计（请检查期间与销售台账）"),
    "abc.compare": ("class movement against the previous period (accounts that left A first)",
                    "与上期相比的分类变动（先列出离开 A 类的客户）"),
    "abc.chart_legend": ("█ amount (largest = full height), ● cumulative share",
                         "█ 金额（最大者满格），● 累计占比"),
    "abc.per_column": ("{count} accounts per column, ", "每列 {count} 个客户，"),
    "abc.chart_saved": ("chart saved to {path}", "图表已保存到 {path}"),
    "abc.class_axis": ("class", "分类"),
    # due
    "due.title": ("due on {today}", "{today} 待办"),
    "due.title_owner": ("due on {today} for {owner}", "{owner} 在 {today} 的待办"),
    "due.caption": ("{count} items; days = today − date (positive: overdue)",
                    "共 {count} 项；天数 = 今天 − 日期（正数为逾期）"),
    "due.overdue": ("{days} day(s) overdue", "逾期 {days} 天"),
    "due.today": ("today", "今天"),
    "due.ahead": ("in {days} day(s)", "还有 {days} 天"),
    "due.follow_up": ("follow up the {method} visit of {date} by {due} ({when})",
                      "{date} 的{method}拜访需在 {due} 前跟进（{when}）"),
    "due.planned": ("planned visit {date}{at} ({when}), set at the visit of {visit}",
                    "计划拜访 {date}{at}（{when}），于 {visit} 拜访时约定"),
    "due.missed": ("missed visit {date}{at} ({when}), set at the visit of {visit}",
                   "错过计划拜访 {date}{at}（{when}），于 {visit} 拜访时约定"),
    "due.no_contact": ("no contact recorded yet ({basis}: every {interval} days)",
                       "尚无联系记录（{basis}：每 {interval} 天联系一次）"),
    "due.interval": ("last contact {last}; {basis}: every {interval} days ({when})",
                     "上次联系 {last}；{basis}：每 {interval} 天联系一次（{when}）"),
    "due.basis.tier": ("tier {tier}", "{tier} 级客户"),
    "due.basis.prospect": ("prospect", "潜在客户"),
    "due.basis.class": ("class {cls}", "{cls} 类客户"),
    "due.basis.default": ("default", "默认"),
    "due.complaint": ("{escalated}{what} ({severity}, open {age} days, {id})",
                      "{escalated}{what}（{severity}，已 {age} 天未解决，{id}）"),
    "due.escalated": ("ESCALATED over our heads: ", "越级投诉："),
    "due.never_reviewed": ("card never reviewed", "档案卡从未检查"),
    "due.not_reviewed": ("card not reviewed since {date} ({days} days)",
                         "档案卡自 {date} 起未检查（{days} 天）"),
    "due.receivable": ("overdue receivables {amount}", "逾期应收账款 {amount}"),
    "due.oldest_due": (", oldest due {date}", "，最早到期 {date}"),
    "due.swing": ("revenue {month} {change} against {before_month} ({now} vs {before}); "
                  "record the reason in change_notes",
                  "{month} 销售额较 {before_month} 变动 {change}（{now} 对 {before}）；"
                  "请在 change_notes 中记录原因"),
    "due.birthday": ("{name} ({title}): birthday {day} ({when})",
                     "{name}（{title}）：{day} 生日（{when}）"),
    "due.contact": ("contact", "联系人"),
    "due.trip": ("{name} travels to {place} {start}..{end}{why}",
                 "{name} 出行：{place} {start}..{end}{why}"),
    # brief
    "brief.owner": ("owner", "负责人"),
    "brief.abc": ("ABC class {cls}", "ABC {cls} 类"),
    "brief.no_abc": ("no ABC class", "无 ABC 分类"),
    "brief.revenue": ("{klass} · revenue {amount} over {first}..{last}{trend}",
                      "{klass} · {first}..{last} 销售额 {amount}{trend}"),
    "brief.trend": (" ({change} vs the 12 months before)", "（较前 12 个月 {change}）"),
    "brief.monthly": ("monthly", "月度"),
    "brief.deal": ("deal {name}: {stage} ({state}), grade {grade} ({how}){close}{value}",
                   "项目 {name}：{stage}（{state}），{grade} 级（{how}）{close}{value}"),
    "brief.grade_set": ("set on the card", "档案卡指定"),
    "brief.grade_computed": ("from the close date", "按预计成交日期"),
    "brief.close": (", close {date}", "，预计 {date} 成交"),
    "brief.policy": ("grade {grade} policy: {policy}", "{grade} 级策略：{policy}"),
    "brief.no_deal": ("no open deal", "无在谈项目"),
    "brief.tier": ("tier {tier}", "{tier} 级客户"),
    "brief.quadrant": ("value quadrant: {quadrant}", "价值象限：{quadrant}"),
    "brief.warnings": ("warnings", "警示"), "brief.promised": ("what we promised", "我方承诺"),
    "brief.visits": ("last visits", "最近拜访"), "brief.people": ("people", "关键人物"),
    "brief.ask": ("ask this visit", "本次要问"), "brief.say": ("what to say", "要讲的话"),
    "brief.advice": ("advice", "建议"), "brief.none": ("none", "无"),
    "brief.nothing": ("nothing", "无"),
    "brief.planned": ("planned {time}", "计划 {time}"), "brief.no_time": ("(no time)", "（未定时间）"),
    "brief.followed": ("followed by a contact on {date}", "已于 {date} 跟进"),
    "brief.open_for": ("open for {days} days", "已 {days} 天未跟进"),
    "brief.key_person": ("KEY PERSON", "关键人"), "brief.node": ("node", "节点"),
    "brief.attitude": ("attitude {value}", "态度：{value}"),
    "brief.influence": ("influence {value}", "影响力：{value}"),
    "brief.birthday": ("{day} (in {days} days)", "{day}（还有 {days} 天）"),
    "h.birthday": ("birthday", "生日"),
    "brief.travel": ("travelling: {place} {start}..{end}{why}", "出行：{place} {start}..{end}{why}"),
    "brief.vs": ("vs {name} (risk {risk}): strengths {strengths} / weaknesses {weaknesses}",
                 "对 {name}（风险 {risk}）：优势 {strengths} / 劣势 {weaknesses}"),
    "brief.credit": ("credit limit {used} used ({owed} of {limit})",
                     "信用额度已用 {used}（{owed} / {limit}）"),
    "brief.last_contact": ("last contact {days} days ago ({basis}: every {interval} days)",
                           "上次联系在 {days} 天前（{basis}：每 {interval} 天联系一次）"),
    "brief.none_planned": ("no visits planned on {date}", "{date} 没有计划拜访"),
    "brief.none_planned_owner": ("no visits planned on {date} for {owner}",
                                 "{owner} 在 {date} 没有计划拜访"),
    "q.need": ("Has the customer found a problem or stated a need?", "客户是否发现了问题或提出了需求？"),
    "q.budget": ("Is there a budget, a financial plan for it?", "是否有预算或资金计划？"),
    "q.key_person": ("Who is the key person, and do they see the need?", "关键人是谁？他是否认同需求？"),
    "q.decision_process": ("What is the decision process?", "决策流程是怎样的？"),
    "q.priorities": ("What does the customer rank first?", "客户最看重什么？"),
    "q.schedule": ("Is the schedule clear?", "时间计划是否明确？"),
    "q.competitors": ("Who are the competitors?", "竞争对手有哪些？"),
    "q.money": ("Money: can they pay — is the money approved?", "钱（M）：客户是否有支付能力，资金是否已批？"),
    "q.authority": ("Authority: are we talking to the person who decides?",
                    "权（A）：我们接触的是否是决策人？"),
    "q.man_need": ("Need: is the need real and pressing?", "需（N）：需求是否真实而迫切？"),
    "q.which_key": ("Which of them is the key person (关键人)?", "其中谁是关键人？"),
    "a.escalated": ("An escalated complaint is open: settle it before selling; an ignored key "
                    "account goes over our heads and lets competitors in.",
                    "有越级投诉未解决：先处理抱怨再谈销售；被忽视的大客户会越级投诉，竞争对手会乘虚而入。"),
    "a.complaints": ("Open complaints: report progress on them first.",
                     "有未解决的抱怨：先通报处理进展。"),
    "a.grade": ("Grade {grade}: {policy}.", "{grade} 级：{policy}。"),
    "a.senior": ("The deal is in {stage}: a purchase is open, so raise the seniority of our "
                 "visitors — bring a supervisor or above.",
                 "项目处于{stage}阶段：采购机会已出现，应提高拜访人员级别——请主管或以上人员同行。"),
    "a.qualify": ("Still searching: qualify first (need, budget, key person, decision process) "
                  "before spending on proposals.",
                  "仍处于搜寻状态：先确认需求、预算、关键人和决策流程，再投入做方案。"),
    "a.no_key": ("No key person on the card: find who decides and whether they see the need.",
                 "档案卡中没有关键人：找出决策人并确认其是否认同需求。"),
    "a.no_node": ("No node (节点) on the card: find the person through whom business, technical "
                  "and management lines meet.",
                  "档案卡中没有节点人物：找出商务、技术和管理线交汇的那个人。"),
    "a.widen": ("A class-A account with few contacts: widen the relationship across decision, "
                "management and operation layers.",
                "A 类客户但联系人少：在决策层、管理层和操作层拓宽关系。"),
    "a.follow": ("After the visit, follow up within {days} days by phone or another visit.",
                 "拜访后 {days} 天内电话或再次拜访跟进。"),
    "policy.A": ("within 6 months: go all-out and drive the decision",
                 "6 个月内：全力以赴，推动决策"),
    "policy.B": ("6-12 months: control the time spent, keep maintaining, move it to A; no price "
                 "concessions", "6-12 个月：控制投入时间，持续维护，推动升为 A 级；不做价格让步"),
    "policy.C": ("12-18 months: keep watching and maintain the relationship",
                 "12-18 个月：保持关注，维护关系"),
    "policy.D": ("beyond 18 months or no need: follow up when there is capacity",
                 "18 个月以上或无需求：有余力时再跟进"),
    # funnel, matrix, performance
    "funnel.open": ("open deals (weighted value = value × stage probability)",
                    "在谈项目（加权金额 = 金额 × 阶段成交概率）"),
    "funnel.set_on_card": ("* grade set on the card (overrides the close date)",
                           "* 等级由档案卡指定（优先于预计成交日期）"),
    "funnel.by": ("by {key}", "按{key}"),
    "funnel.pipeline": ("weighted pipeline: {amount}", "加权销售额：{amount}"),
    "funnel.conversion": ("conversion {first}..{last} (from stage changes recorded in visits)",
                          "转化率 {first}..{last}（依据拜访记录中的阶段变化）"),
    "funnel.aging": ("days in each stage (finished stays)", "各阶段停留天数（已完成的阶段）"),
    "funnel.stuck": ("stuck longer than {days} days in one stage", "同一阶段停留超过 {days} 天"),
    "funnel.shapes": ("funnel shape per owner", "各负责人的漏斗形态"),
    "funnel.priorities": ("priorities: success probability × attractiveness",
                          "优先顺序：成功率 × 吸引力"),
    "funnel.outcome": ("{result} in the period: {deals} deals, {amount}; reasons: {reasons}",
                       "本期{result}：{deals} 个项目，{amount}；原因：{reasons}"),
    "funnel.typical.1": ("about 20%", "约 20%"), "funnel.typical.2": ("20-80%", "20-80%"),
    "funnel.typical.3": ("about 80% close (won or lost)", "约 80% 成交（赢单或丢单）"),
    "funnel.no_reason": ("(no reason recorded)", "（未记录原因）"),
    "shape.balanced": ("Deals are spread over every layer: keep the rhythm of prospecting, "
                       "following and closing.", "项目分布均衡：保持开发、跟单与签单的节奏。"),
    "shape.prospecting only": ("Too much at the top: qualify the prospects and move the real "
                               "ones into the funnel (proposals, projects set up) instead of "
                               "adding more.", "只重开发：先甄别潜在客户，把真正的机会推进漏斗（立项、提案），而不是一味增加。"),
    "shape.following only": ("Stuck in the middle: push proposals to tenders and decisions, "
                             "and keep prospecting so the top does not run dry.",
                             "只重跟单：推动方案进入招投标和决策，同时继续开发新客户。"),
    "shape.closing only": ("Only closing: revenue now but nothing behind it; start "
                           "prospecting new accounts at once or next quarter will be empty.",
                           "只重签单：眼前有收入但后继乏力；立即开发新客户，否则下个季度将无单可签。"),
    "shape.uneven": ("One layer is thin: strengthen it, so deals keep flowing from searching "
                     "to closing.", "某一层偏少：加强该层，使项目从搜寻到成交持续流动。"),
    "shape.empty": ("No open deals: start prospecting.", "没有在谈项目：开始开发客户。"),
    "matrix.head": ("profitability = {prof} (cut-off {pcut}, {pfrom}); loyalty = {loyal} "
                    "(cut-off {lcut}, {lfrom}); over {first}..{last}",
                    "盈利性 = {prof}（分界 {pcut}，{pfrom}）；忠诚度 = {loyal}（分界 {lcut}，{lfrom}）；"
                    "期间 {first}..{last}"),
    "matrix.median": ("median", "中位数"), "matrix.settings": ("settings", "设置"),
    "matrix.grid": ("profitability × loyalty", "盈利性 × 忠诚度"),
    "matrix.strategy": ("strategy", "策略"),
    "matrix.tiers": ("four-factor tiers (scores 1-5; how each was obtained in --format json)",
                     "四因素分级（各项 1-5 分；得分依据见 --format json）"),
    "matrix.tier_set": ("* tier set on the card", "* 层级由档案卡指定"),
    "quadrant.true_friend": ("Keep them close: steady contact, reward loyalty, defend them "
                             "against competitors.", "保持亲密：稳定联系，回报忠诚，防止竞争对手挖角。"),
    "quadrant.barnacle": ("Measure their share of wallet: if small, up-sell and cross-sell; if "
                          "large, cut the cost to serve.",
                          "衡量采购份额：份额小则追加销售和交叉销售；份额大则降低服务成本。"),
    "quadrant.butterfly": ("Enjoy them while they buy: transactional offers, no loyalty "
                           "investment.", "趁其采购时做好交易：以交易型方案为主，不做忠诚度投入。"),
    "quadrant.stranger": ("Do not invest: serve at minimum cost and earn on every transaction.",
                          "不做投入：以最低成本服务，每笔交易都要赚钱。"),
    "tier.1": ("Core account: top-management contact, a dedicated team, a monthly plan with "
               "weekly targets.", "核心客户：高层对接，专属团队，月度计划与每周目标。"),
    "tier.2": ("Growth account: regular visits and a three-month development phase to move "
               "it up.", "成长客户：定期拜访，以三个月为一个开发阶段推动升级。"),
    "tier.3": ("Maintain: scheduled contact and service; watch for potential.",
               "维护客户：按计划联系与服务，关注潜力。"),
    "tier.4": ("Serve efficiently: phone and e-mail, no special investment.",
               "高效服务：以电话和邮件为主，不做特别投入。"),
    "perf.title": ("{what} from existing accounts, {first}..{last} against {pfirst}..{plast}",
                   "老客户{what}，{first}..{last} 对比 {pfirst}..{plast}"),
    # visits and complaints
    "visit.recorded": ("recorded {path}", "已记录 {path}"),
    "visit.history": ("visits to {name} ({id})", "{name}（{id}）的拜访记录"),
    "visit.frequency": ("{visits} visits since {first}: {per_month} per month, {gap}, longest "
                        "gap {longest} days; last contact {last} ({ago} days ago)",
                        "自 {first} 起共拜访 {visits} 次：每月 {per_month} 次，{gap}，最长间隔 "
                        "{longest} 天；上次联系 {last}（{ago} 天前）"),
    "visit.gap": ("every {days} days on average", "平均每 {days} 天一次"),
    "visit.one": ("one visit", "仅一次"),
    "visit.none": ("no visits recorded yet", "尚无拜访记录"),
    "complaint.title": ("complaints", "抱怨管理"),
    "complaint.caption": ("{count} complaints, {open} open; age in days to today or to "
                          "resolution", "共 {count} 条抱怨，{open} 条未解决；天数计至今天或解决日"),
    "complaint.logged": ("logged {path} (id {id})", "已记录 {path}（编号 {id}）"),
    "complaint.resolved": ("resolved {path} after {days} days", "{path} 已解决，历时 {days} 天"),
    # errors
    "err.no_account": ("no account matches '{query}'{hint}", "没有与「{query}」匹配的客户{hint}"),
    "err.closest": ("; closest: {names}", "；最接近的：{names}"),
    "err.ambiguous": ("'{query}' matches {count} accounts: {shown}{more}; give more of the name "
                      "or the id", "「{query}」匹配到 {count} 个客户：{shown}{more}；请输入更完整的名称或编号"),
    "err.more": (" and {count} more", " 等另外 {count} 个"),
    "err.no_root": ("no data root: no kadev.yaml here or above, and no ./accounts (use --data "
                    "PATH, set KADEV_DATA, or run: kadev init PATH)",
                    "找不到数据目录：当前及上级目录都没有 kadev.yaml，也没有 ./accounts（请使用 --data "
                    "PATH、设置 KADEV_DATA，或运行 kadev init PATH）"),
    "err.format": ("--format {value!r}: expected one of {allowed}",
                   "--format {value!r}：应为 {allowed} 之一"),
    "err.date": ("{option} {value!r}: not a date (expected YYYY-MM-DD)",
                 "{option} {value!r}：不是有效日期（应为 YYYY-MM-DD）"),
    "err.month": ("{option} {value!r}: expected a month as YYYY-MM",
                  "{option} {value!r}：应为 YYYY-MM 格式的月份"),
    "err.missing": ("missing {options} (no terminal to ask; or use --edit)",
                    "缺少 {options}（没有终端可供询问；或使用 --edit）"),
    "err.not_contact": ("{option} {name!r}: not a contact of {account}{hint}",
                        "{option} {name!r}：不是 {account} 的联系人{hint}"),
    "err.add_contact": ("; add them with --new-contact {name!r}", "；可用 --new-contact {name!r} 添加"),
    "err.closest_paren": (" (closest: {names})", "（最接近的：{names}）"),
    "err.not_saved": ("{what} not saved; the file is unchanged", "{what}未保存；文件没有改动"),
    "err.prefix": ("error: ", "错误："),
    "warn.prefix": ("warning: ", "警告："),
    # sales import
    "imp.no_such_column": ("--{role}-col {given!r}: no such column in {name} (columns: {shown})",
                           "--{role}-col {given!r}：{name} 中没有这一列（现有列：{shown}）"),
    "imp.no_column": ("{name}: no {role} column found (columns: {shown}); name it with --{role}-col",
                      "{name}：找不到{role}列（现有列：{shown}）；请用 --{role}-col 指定"),
    "imp.no_date": ("{name}: no date column found (columns: {shown}); name it with --date-col, or "
                    "give --period YYYY-MM for a file of monthly rows",
                    "{name}：找不到日期列（现有列：{shown}）；请用 --date-col 指定，或对月度汇总文件用 "
                    "--period YYYY-MM"),
    "imp.unknown": ("{name}: {count} unknown customer(s); nothing imported. Add the names as "
                    "aliases on the cards, or use --create-missing:",
                    "{name}：{count} 个客户无法识别，未导入任何数据。请把这些名称加到档案卡的 aliases 中，"
                    "或使用 --create-missing："),
    "imp.unknown_row": ("{name}:{row}: unknown customer '{customer}'{hint}",
                        "{name}:{row}：无法识别的客户「{customer}」{hint}"),
    "imp.ambiguous": ("{name}: customer '{customer}' matches several accounts: {ids}; give one of "
                      "them an alias only it has", "{name}：客户「{customer}」对应多个档案：{ids}；"
                      "请为其中之一设置唯一的别名"),
    "imp.dry_run": ("dry run: nothing written", "试运行：未写入任何内容"),
    "imp.up_to_date": ("ledger already up to date: nothing written", "销售台账已是最新：未写入任何内容"),
    "imp.wrote": ("wrote {months} ledger month(s){cards}", "已写入 {months} 个月的销售台账{cards}"),
    "imp.cards": (" and {count} card(s)", "和 {count} 张档案卡"),
    "imp.new_cards": ("new prospect cards: {cards}", "新建潜在客户档案卡：{cards}"),
    "imp.caption": ("{file} ({encoding}): {rows} rows, {accounts} accounts, revenue {amount}{skipped}",
                    "{file}（{encoding}）：{rows} 行，{accounts} 个客户，销售额 {amount}{skipped}"),
    "imp.skipped": ("; {count} total row(s) skipped", "；已跳过 {count} 个合计行"),
    "imp.no_file": ("{file}: no such file", "{file}：文件不存在"),
    # option and input errors
    "imp.not_xlsx": ("{name}: cannot read as xlsx ({reason})", "{name}：无法按 xlsx 读取（{reason}）"),
    "imp.unreadable": ("{name}: cannot read ({reason})", "{name}：无法读取（{reason}）"),
    "imp.no_sheet": ("--sheet {sheet!r}: not in {name} (sheets: {sheets})", "--sheet {sheet!r}：{name} 中没有此工作表（工作表：{sheets}）"),
    "imp.bad_csv": ("{name}:{line}: cannot read this CSV row ({reason})", "{name}:{line}：无法读取此 CSV 行（{reason}）"),
    "err.underway": ("a git {operation} is under way in this repository: finish it (git commit, or git {operation} --continue) or abort it, then run this again; nothing was written", "仓库中有未完成的 git {operation}：请先完成（git commit 或 git {operation} --continue）或放弃它，再重新运行；未写入任何内容"),
    "err.busy": ("another kadev command has been writing this account for {wait} s; nothing was written: try again", "另一个 kadev 命令正在写入此客户（已等待 {wait} 秒）；未写入任何内容，请重试"),
    "err.exists": ("{path} exists already; kadev never overwrites a record", "{path} 已存在；kadev 不会覆盖已有记录"),
    "err.not_committed": ("{note}; run `git status`, then commit or undo them", "{note}；请运行 `git status`，然后提交或撤销这些改动"),
    "err.option_value": ("{option} {value!r}: {reason}", "{option} {value!r}：{reason}"),
    "err.edit_rescued": ("the card changed while the editor was open and your edit no longer validates with that change; nothing was saved, your text is in {path}", "编辑期间档案卡已被修改，合并后的内容未通过校验；未保存，您的内容保存在 {path}"),
    "err.edit_conflict": ("{account}: the card changed while the editor was open and both changed the same lines; nothing was saved; the three-way result with conflict markers is in {path}", "{account}：编辑期间档案卡已被修改，且双方改动了相同的行；未保存，带冲突标记的三方合并结果保存在 {path}"),
    "account.merged": ("the card had changed while the editor was open: your edit was merged with that change", "编辑期间档案卡已被修改：您的改动已与之合并"),
    "err.cannot_create": ("cannot create a data root at {path}: {reason}", "无法在 {path} 创建数据目录：{reason}"),
    "init.created": ("created data root {path} ({files})", "已创建数据目录 {path}（{files}）"),
    "err.interrupted_done": ("interrupted: the write under way was finished and committed first", "已中断：进行中的写入已先完成并提交"),
    "p.date_range": ("date {value} is out of range (years 1900 to 2100)", "日期 {value} 超出范围（1900 至 2100 年）"),
    "p.number_range": ("number {value} is out of range (at most 10^15 in size)", "数值 {value} 超出范围（绝对值不超过 10^15）"),
    "p.amount_range": ("amount {value!r} is out of range (at most 10^15 in size)", "金额 {value!r} 超出范围（绝对值不超过 10^15）"),
    "err.date_range": ("{option} {value!r}: out of range ({first} to {last})", "{option} {value!r}：超出范围（{first} 至 {last}）"),
    "p.gave_up_at": (" (noticed at line {line})", "（在第 {line} 行发现）"),
    "p.symlink": ("{path} is a symbolic link: kadev does not follow links inside the data root (replace it with the file or folder itself)", "{path} 是符号链接：kadev 不跟随数据目录中的链接（请换成文件或文件夹本身）"),
    "err.symlink": ("{path} is a symbolic link: kadev does not write through links inside the data root; nothing was written", "{path} 是符号链接：kadev 不通过数据目录中的链接写入；未写入任何内容"),
    "err.os": ("{where}{reason}", "{where}{reason}"),
    "p.conflict": ("unresolved merge conflict: run `kadev resolve {account}` to choose per field, or edit the file (keep the right values, delete the lines from <<<<<<< to >>>>>>>), then `git add {path}`", "未解决的合并冲突：运行 `kadev resolve {account}` 逐字段选择，或编辑该文件（保留正确的值，删除从 <<<<<<< 到 >>>>>>> 的各行），然后 `git add {path}`"),
    "warn.skipped": ("left out {account}: {problem}", "已跳过 {account}：{problem}"),
    "warn.skipped_more": (" (and {count} more problem(s); `kadev validate` lists them)", "（另有 {count} 个问题；`kadev validate` 会全部列出）"),
    "err.not_member": ("{option} {value!r} is not in the team (closest: {closest})", "{option} {value!r} 不在团队名单中（最接近的：{closest}）"),
    "table.more": ("the first {shown} of {total:,} rows: --all shows every row, --format csv or json gives them all to a file", "仅显示前 {shown} 行，共 {total:,} 行：--all 显示全部，--format csv 或 json 可输出全部到文件"),
    "history.none": ("{account}: no committed history yet", "{account}：尚无已提交的历史"),
    "history.none_pending": ("; {count} uncommitted file(s)", "；{count} 个文件未提交"),
    "history.created": ("card created ({count} fields)", "建档（{count} 个字段）"),
    "history.against": ("against {parent}: {count} field(s) differ", "与 {parent} 相比：{count} 个字段不同"),
    "history.pending": ("uncommitted: {files}", "未提交：{files}"),
    "p.stage_history": ("opportunities '{deal}': {field} is {now}, but the last visit that changed it ({visit}) set {recorded}: set what the deal really has, and if it changed, record that with `kadev visit add … {option}`", "项目 '{deal}'：{field} 为 {now}，但最近一次修改它的拜访（{visit}）记录的是 {recorded}：请改为项目的实际值；如确有变化，用 `kadev visit add … {option}` 记录"),
    "sync.no_git": ("the data root is not in a git repository: nothing to sync", "数据目录不在 git 仓库中：无可同步"),
    "sync.no_remote": ("this repository has no remote to sync with: add the team's with `git remote add origin URL`", "此仓库没有远程仓库：请用 `git remote add origin URL` 添加团队的远程仓库"),
    "sync.conflict": ("the team changed the same fields of {paths} (account {accounts}): run `kadev resolve ACCOUNT` to choose per field, or edit the file (delete the lines from <<<<<<< to >>>>>>>) and `git add` it, then `git commit`; every other account keeps working meanwhile", "团队对 {paths}（客户 {accounts}）的相同字段做了不同修改：运行 `kadev resolve 客户` 逐字段选择，或编辑该文件（删除从 <<<<<<< 到 >>>>>>> 的各行）并 `git add`，然后 `git commit`；其他客户不受影响"),
    "sync.pull_failed": ("git could not pull: {said}", "git 无法拉取：{said}"),
    "sync.push_failed": ("git could not push: {said}; run `kadev sync` again", "git 无法推送：{said}；请再次运行 `kadev sync`"),
    "sync.pulled": ("{count} commit(s) came in from the team:", "从团队收到 {count} 个提交："),
    "sync.new_accounts": ("new accounts", "新客户"),
    "sync.changed_cards": ("changed cards", "档案卡有修改"),
    "sync.visits": ("new visits", "新拜访记录"),
    "sync.complaints": ("new complaints", "新抱怨"),
    "sync.ledger": ("ledger months", "台账月份"),
    "sync.nothing_in": ("nothing new from the team", "团队没有新内容"),
    "sync.pushed": ("pushed {count} commit(s)", "已推送 {count} 个提交"),
    "sync.nothing_out": ("nothing to push", "没有需要推送的内容"),
    "git.setup_done": ("cards now merge field by field in this clone (.gitattributes committed, merge driver registered)", "此克隆中的档案卡将按字段合并（.gitattributes 已提交，合并驱动已注册）"),
    "git.merge_conflicts": ("kadev: both sides changed {fields} of {path} differently; the card keeps our values and lists both on top: run `kadev resolve` for the account, or edit the file and git add it", "kadev：双方对 {path} 的 {fields} 做了不同修改；档案卡暂留我方的值，并在文件顶部列出双方的值：请对该客户运行 `kadev resolve`，或编辑文件后 git add"),
    "git.block_head": ("unresolved merge conflict: run `kadev resolve {account}` to choose per field, or set the fields below and delete these lines, then `git add` this file. The card holds our values meanwhile", "未解决的合并冲突：运行 `kadev resolve {account}` 逐字段选择，或按下列字段改好并删除这几行，然后 `git add` 本文件。在此之前档案卡保留我方的值"),
    "git.block_field": ("{field}: ours {ours} | theirs {theirs}", "{field}：我方 {ours} | 对方 {theirs}"),
    "resolve.not_conflicted": ("{account}: its card is not in conflict (no merge stopped on it)", "{account}：档案卡没有冲突（没有合并停在它上面）"),
    "resolve.by_hand": ("{path}: this conflict cannot be taken field by field (a removed item or an unreadable side): edit the file, then git add it", "{path}：此冲突无法按字段处理（有删除的条目或某一方无法读取）：请编辑文件后 git add"),
    "resolve.unknown_field": ("not a conflicting field: {fields} (the conflicting fields: {conflicts})", "不是冲突字段：{fields}（冲突字段：{conflicts}）"),
    "resolve.choose": ("{account}: choose for each conflicting field with --ours FIELD or --theirs FIELD ('all' for every field): {conflicts}", "{account}：请用 --ours 字段 或 --theirs 字段（'all' 表示全部）逐个选择冲突字段：{conflicts}"),
    "resolve.ask": ("{field}:  1) ours: {ours}   2) theirs: {theirs}", "{field}：  1) 我方：{ours}   2) 对方：{theirs}"),
    "resolve.prompt": ("keep (1 or 2)", "保留（1 或 2）"),
    "resolve.done_committed": ("resolved {path}; the merge is committed", "已解决 {path}；合并已提交"),
    "resolve.done_staged": ("resolved and staged {path}; other files are still in conflict", "已解决并暂存 {path}；其他文件仍有冲突"),
    "git.underway": ("written but not committed: a {operation} is under way", "已写入但未提交：有未完成的 {operation}"),
    "git.not_committed": ("written but not committed: git said: {reason}", "已写入但未提交：git 报告：{reason}"),
    "git.staged_not_committed": ("written and staged but not committed: git said: {reason}", "已写入并暂存但未提交：git 报告：{reason}"),
    "err.interrupted": ("interrupted", "已中断"),
    "err.choice_short": ("{value!r}: expected one of {choices}", "{value!r}：应为 {choices} 之一"),
    "err.choice": ("{option} {value!r}: expected one of {choices}", "{option} {value!r}：应为 {choices} 之一"),
    "err.missing_opt": ("missing {what}", "缺少 {what}"),
    "err.range": ("--from {first} is after --to {last}", "--from {first} 晚于 --to {last}"),
    "err.prospect_needs": ("missing {options} (a prospect needs name, owner and nature)",
                           "缺少 {options}（潜在客户至少需要名称、负责人和客户性质）"),
    "err.bad_id": ("--id {value!r}: lower-case letters, digits and '-', at most 64",
                   "--id {value!r}：只能用小写字母、数字和 '-'，最长 64 个字符"),
    "err.id_taken": ("account id '{id}' is taken{hint}", "客户编号 '{id}' 已被使用{hint}"),
    "err.id_hint": ("; choose one with --id, e.g. --id {id}-2", "；请用 --id 另选一个，例如 --id {id}-2"),
    "err.not_in_team": ("--owner {value!r} is not in the team list of kadev.yaml ({team})",
                        "--owner {value!r} 不在 kadev.yaml 的团队名单中（{team}）"),
    "err.account_or_today": ("give an ACCOUNT, or --today for the visits planned today",
                             "请给出一个客户，或用 --today 查看今天计划拜访的客户"),
    "err.no_accounts": ("no account matches '{query}': the data root has no accounts",
                        "没有与「{query}」匹配的客户：数据目录中还没有客户"),
    "err.account_id": ("{value!r}: expected ACCOUNT/ID, e.g. huaguang/2026-11-01-d4e5f6",
                       "{value!r}：应为 客户/编号，例如 huaguang/2026-11-01-d4e5f6"),
    "err.before_opened": ("--date {date}: before the complaint was opened ({opened})",
                          "--date {date}：早于抱怨提出日期（{opened}）"),
    "err.no_complaint": ("'{wanted}' is not a complaint of {account} (its complaints: {listed})",
                         "「{wanted}」不是 {account} 的抱怨记录（其抱怨记录：{listed}）"),
    "err.several_complaints": ("'{wanted}' matches several complaints of {account} ({listed})",
                               "「{wanted}」对应 {account} 的多条抱怨记录（{listed}）"),
    "err.already_resolved": ("{path}: already resolved on {date}", "{path}：已于 {date} 解决"),
    "err.no_git": ("git is not installed; kadev history reads the git log",
                   "没有安装 git；kadev history 需要读取 git 日志"),
    "err.not_git": ("{root} is not in a git work tree, so there is no history (start one with: git "
                    "init && git add -A && git commit)",
                    "{root} 不在 git 工作区中，因此没有历史记录（可运行：git init && git add -A && git commit）"),
    "err.chart": ("--chart {value}: the file must end in .png or .svg", "--chart {value}：文件名须以 .png 或 .svg 结尾"),
    "err.no_match_filters": ("no accounts match the filters", "没有符合筛选条件的客户"),
    "err.nothing_yet": ("no accounts and no ledger yet: add cards (kadev account add) and import "
                        "sales (kadev sales import)", "还没有客户和销售台账：请先建档案卡（kadev account add）"
                        "并导入销售数据（kadev sales import）"),
    "err.new_contact_exists": ("--new-contact {name!r}: already a contact of {account}",
                               "--new-contact {name!r}：已经是 {account} 的联系人"),
    "err.value": ("{option} {value!r}: not an amount", "{option} {value!r}：不是有效金额"),
    "err.deal_only": ("--deal names the deal to update; give --stage, --expected-close, --grade or "
                      "--value too", "--deal 指定要更新的项目；请同时给出 --stage、--expected-close、--grade 或 --value"),
    "err.deal": ("cannot update the deal: {reason} (open deals: {names}); {fix}",
                 "无法更新项目：{reason}（在谈项目：{names}）；{fix}"),
    "err.deal.none": ("no open deal", "没有在谈项目"),
    "err.deal.several": ("several open deals", "有多个在谈项目"),
    "err.deal.matches": ("--deal {deal!r} matches {count} open deals", "--deal {deal!r} 对应 {count} 个在谈项目"),
    "err.deal.fix_name": ("name one with --deal", "请用 --deal 指定其一"),
    "err.deal.fix_add": ("add one with `kadev account edit`", "请用 `kadev account edit` 添加"),
    "err.template": ("template left unchanged; no visit recorded", "模板未修改；未记录拜访"),
    "err.editor": ("editor {editor!r} exited with {code}; nothing saved", "编辑器 {editor!r} 以 {code} 退出；未保存"),
    "err.create_needs_owner": ("--create-missing needs --owner (or KADEV_OWNER) for the new cards",
                               "--create-missing 需要 --owner（或 KADEV_OWNER）作为新档案卡的负责人"),
    "err.thresholds": ("--thresholds {value!r}: expected two percentages for A and B that sum to at "
                       "most 100, e.g. 55,30", "--thresholds {value!r}：应为 A、B 两个百分比，合计不超过 100，例如 55,30"),
    "err.previous": ("previous period {first} to {last}: {error}", "上一期 {first} 至 {last}：{error}"),
    "p.not_amount": ("not an amount: {value!r}", "不是有效金额：{value!r}"),
    "p.not_text": ("neither UTF-8 nor GBK text (byte {byte} cannot be read)",
                   "既不是 UTF-8 也不是 GBK 文本（无法读取字节 {byte}）"),
    "p.empty_date": ("empty date", "日期为空"),
    "p.impossible_date": ("impossible date {value!r}", "不存在的日期 {value!r}"),
    "p.not_date": ("not a date: {value!r} (expected e.g. 2026-11-03, 2026/11/03, 2026年11月)",
                   "不是日期：{value!r}（应为如 2026-11-03、2026/11/03、2026年11月）"),
    "p.empty_customer": ("empty customer", "客户为空"),
    # validation problems: rules across fields, and pydantic's own errors in Chinese
    "p.field": ("{loc}: {msg} (found {found})", "{loc}：{msg}（实际为 {found}）"),
    "p.rule": ("{loc}: {msg}", "{loc}：{msg}"),
    "p.record": ("record", "记录"),
    "p.active_needs": ("an active account needs {missing} (a prospect needs only name, owner and "
                       "nature)", "合作中的客户需要 {missing}（潜在客户只需名称、负责人和客户性质）"),
    "p.and": (" and ", " 和 "),
    "p.next_before": ("{next} is before the visit date {date}", "{next} 早于拜访日期 {date}"),
    "p.resolved_before": ("{resolved} is before the complaint was opened ({date})",
                          "{resolved} 早于抱怨提出日期（{date}）"),
    "p.trip_before": ("{end} is before the trip starts ({start})", "{end} 早于行程开始日期（{start}）"),
    "pyd.int": ("Input should be a valid integer", "应为整数"),
    "pyd.number": ("Input should be a valid number", "应为数字"),
    "pyd.bool": ("Input should be a valid boolean", "应为 true 或 false"),
    "pyd.date": ("Input should be a valid date (YYYY-MM-DD)", "应为有效日期（YYYY-MM-DD）"),
    "pyd.choice": ("Input should be one of {expected}", "应为 {expected} 之一"),
    "pyd.string": ("Input should be text", "应为文本"),
    "pyd.list": ("Input should be a list", "应为列表"),
    "pyd.mapping": ("Input should be a mapping of keys to values", "应为键值映射"),
    "pyd.ge": ("Input should be at least {limit}", "应不小于 {limit}"),
    "pyd.le": ("Input should be at most {limit}", "应不大于 {limit}"),
    "pyd.gt": ("Input should be greater than {limit}", "应大于 {limit}"),
    "pyd.pattern": ("Input should match the pattern {pattern}", "格式应符合 {pattern}"),
    "pyd.empty": ("Input should not be empty", "不能为空"),
    # validation problems (file level)
    "p.duplicate_key": ("duplicate key '{key}'", "重复的键 '{key}'"),
    "p.unknown_key": ("unknown key '{key}'{hint}", "未知的键 '{key}'{hint}"),
    "p.did_you_mean": (" (did you mean '{key}'?)", "（是否应为 '{key}'？）"),
    "p.missing_key": ("missing required key '{key}'", "缺少必填的键 '{key}'"),
    "p.empty": ("empty file", "空文件"),
    "p.only_comments": ("empty file (only comments)", "空文件（只有注释）"),
    "p.not_utf8": ("file is not UTF-8 (byte 0x{byte}); save it as UTF-8",
                   "文件不是 UTF-8 编码（字节 0x{byte}）；请另存为 UTF-8"),
    "p.not_contact": ("'{name}' is not a contact of {account}{hint}",
                      "「{name}」不是 {account} 的联系人{hint}"),
    "p.name_date": ("date {date} differs from the date in the file name ({name_date})",
                    "日期 {date} 与文件名中的日期（{name_date}）不一致"),
}


def set_lang(lang: str) -> None:
    global _lang
    _lang = "zh" if lang == "zh" else "en"


def lang() -> str:
    return _lang


def t(key: str, /, **params: Any) -> str:
    """The message `key` in the current language, formatted with `params`."""
    text = MESSAGES[key][1 if _lang == "zh" else 0]
    return text.format(**params) if params else text


class Msg:
    """A catalogue message worded only when shown (`str()`), in the language of that moment,
    so that what is stored or cached of it (a problem found in a file) holds no language.
    `english` replaces the English wording (pydantic's own message)."""

    __slots__ = ("key", "params", "english")

    def __init__(self, key: str, params: dict[str, Any], english: str | None = None) -> None:
        self.key, self.params, self.english = key, params, english

    def __str__(self) -> str:
        if self.english is not None and _lang != "zh":
            return self.english
        params = {k: str(v) if isinstance(v, Msg)
                  else t("p.and").join(map(str, v)) if isinstance(v, list) else v
                  for k, v in self.params.items()}
        return t(self.key, **params)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __repr__(self) -> str:
        return f"Msg({self.key!r}, {self.params!r})"

    def __eq__(self, other: object) -> bool:
        return str(self) == str(other)

    def __lt__(self, other: object) -> bool:
        return str(self) < str(other)

    def __hash__(self) -> int:
        return hash(str(self))

    def __contains__(self, text: str) -> bool:
        return text in str(self)

    def __add__(self, other: object) -> str:
        return str(self) + str(other)

    def __radd__(self, other: object) -> str:
        return str(other) + str(self)


def lazy(key: str, /, **params: Any) -> Msg:
    """The message `key` with `params`, worded when it is shown (see `Msg`)."""
    return Msg(key, params)


def label(kind: str, value: object) -> str:
    """The name of an enumeration value (stage, state, quadrant, kind …) in the language."""
    text = str(getattr(value, "value", value))
    pair = LABELS.get(kind, {}).get(text)
    return pair[1 if _lang == "zh" else 0] if pair else text


SYNONYMS: dict[str, dict[str, str]] = {
    # words reps type for an enumeration value, beyond the labels shown: the key is the value
    # as files spell it
    "method": {"面谈": "face-to-face", "拜访": "face-to-face", "当面": "face-to-face",
               "上门": "face-to-face", "f2f": "face-to-face", "visit": "face-to-face",
               "打电话": "phone", "电话沟通": "phone", "call": "phone", "电邮": "email",
               "e-mail": "email", "mail": "email", "信": "letter", "会议": "event",
               "展会": "event"},
    "nature": {"end-user": "end_user", "终端": "end_user", "最终用户": "end_user",
               "经销": "dealer", "代理": "agent", "政府": "government", "分销": "distributor",
               "批发": "wholesaler"},
    "stage": {"开发": "development", "谈判": "negotiation", "验收": "delivery",
              "交付": "delivery", "投标": "tender", "招标": "tender", "方案": "proposal"},
    "severity": {"紧急": "critical", "一般": "medium"},
    "format": {"表格": "table", "文本": "text"},
}


def input_words(kind: str | None, values: list[str]) -> dict[str, str]:
    """{typed word (lower case): value} for an option whose choices are `values`: each value,
    its labels in both languages, and the synonyms of `kind`."""
    words = {v.lower(): v for v in values}
    for value in values:
        for text in LABELS.get(kind or "", {}).get(value, ()):
            words.setdefault(text.lower(), value)
    for word, value in SYNONYMS.get(kind or "", {}).items():
        if value in values:
            words.setdefault(word.lower(), value)
    return words
