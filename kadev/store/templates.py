"""Text of the files `kadev init` writes: the commented settings and the .gitignore.

Each setting is written once with its comment in English and in Chinese, so the two
languages' files can never disagree on a key or a default.
"""

from __future__ import annotations

HEADER = ("kadev settings for this data root. Every key is optional; the value shown is the "
          "default.", "本数据目录的 kadev 设置。每一项都可省略，所示值即默认值。")

SETTINGS: list[tuple[str, str, str]] = [  # (YAML, English comment, Chinese comment)
    ("currency: CNY\ncurrency_symbol: ¥",
     "Currency of amounts in cards and the ledger, and the symbol used in reports.",
     "档案卡与销售台账中金额的币种，以及报表中使用的货币符号。"),
    ("lang: {lang}",
     "Language of reports: en or zh (the --lang option and KADEV_LANG override it).",
     "报表语言：en 或 zh（命令行 --lang 与环境变量 KADEV_LANG 优先）。"),
    ("fiscal_year_start: 1",
     "First month of the fiscal year (1 = January); financials are dated by fiscal year.",
     "财年起始月份（1 = 一月）；财务数据按财年记录。"),
    ("abc_thresholds: [55, 30]",
     "ABC classes: A = accounts within the first 55% of cumulative revenue, B = the next 30%.",
     "ABC 分类：累计销售额前 55% 以内为 A 类客户，其后 30% 为 B 类，其余为 C 类。"),
    ("grade_months: [6, 12, 18]",
     "Funnel grade by months to the expected close: A ≤ 6, B ≤ 12, C ≤ 18, D beyond.",
     "销售漏斗等级（按预计成交月数）：A ≤ 6，B ≤ 12，C ≤ 18，D 超过 18 个月。"),
    ("follow_up_days: 7",
     "Follow up within this many days after a visit (by phone or another visit).",
     "拜访后须在此天数内电话或再次拜访跟进。"),
    ("review_days: 7",
     "Review each account card at least this often (days).",
     "大客户档案卡至少每隔此天数检查一次。"),
    ("contact_interval_days:\n  A: 14\n  B: 30\n  C: 60\n  prospect: 30\n  tier1: 7\n"
     "  tier2: 14\n  tier3: 30\n  tier4: 60",
     "Longest gap between contacts (days). A prospect gets `prospect`; an account whose card\n"
     "sets a tier (1-4) gets that tier's; any other its ABC class's.",
     "最长联系间隔（天）。潜在客户按 prospect；档案卡上设定了层级（1-4）的客户按该层级；\n"
     "其余按 ABC 类别。"),
    ("change_reason_threshold: 30",
     "A month whose revenue changes more than this percentage against the same month a year\n"
     "before needs a recorded reason (change_notes in the card).",
     "某月销售额与上年同月相比变动超过此百分比时，须在档案卡 change_notes 中记录原因。"),
    ("team: []",
     "Owners (account representatives). When set, every card's owner must be one of them.",
     "大客户代表名单。设置后，每张档案卡的 owner 必须在名单中。"),
    ("auto_commit: true",
     "Commit each change kadev writes to git (when the folder is a git work tree).",
     "在 git 工作区中，kadev 写入的每项改动都自动提交。"),
    ("stage_probabilities:\n  development: 0.05\n  initiation: 0.1\n  proposal: 0.25\n"
     "  tender: 0.4\n  negotiation: 0.7\n  delivery: 0.9",
     "Probability of closing at each stage, for the weighted pipeline of `kadev funnel`.",
     "各销售阶段的成交概率，用于 `kadev funnel` 的加权销售额。"),
    ("stuck_days: 90",
     "A deal in the same stage for longer than this many days is listed as stuck.",
     "在同一阶段停留超过此天数的项目列为停滞。"),
    ("matrix:\n  profitability: margin\n  loyalty: months\n  profitability_cutoff:\n"
     "  loyalty_cutoff:\n  months: 12",
     "The value matrix: profitability by `margin` (profit / revenue) or `profit`; loyalty by\n"
     "`months` with purchases, `tenure` (years since trade.since) or `share_of_wallet`; over the\n"
     "last `months` months. A cutoff left empty is the median of the accounts.",
     "价值矩阵：盈利性按 margin（利润率）或 profit（利润额）；忠诚度按 months（近 months 个月中\n"
     "有采购的月数）、tenure（合作年限）或 share_of_wallet（采购份额）。分界值留空即取各客户的中位数。"),
    ("tier_cutoffs: [16, 12, 8]",
     "Four-factor tier: the total of four scores (1-5 each) at or above these makes tier 1, 2, 3;\n"
     "below the last is tier 4: `kadev matrix` proposes it; set `tier:` on the card to adopt it.",
     "四因素分级：四项得分（各 1-5 分）合计达到以下分数分别为 1、2、3 级，低于最后一项为 4 级。\n"
     "`kadev matrix` 据此给出建议层级；在档案卡上设定 `tier:` 即采用。"),
    ("chart_font:",
     "A font file with Chinese glyphs for charts (default: the first of Microsoft YaHei, PingFang\n"
     "SC, Noto Sans CJK, WenQuanYi … the machine has).",
     "图表使用的中文字体文件（默认：本机已有的微软雅黑、苹方、思源黑体、文泉驿等中的第一个）。"),
]

GITIGNORE = """\
# derived, rebuildable files of kadev
.kadev-cache/
"""


def _comment(text: str) -> str:
    return "\n".join(f"# {line}" for line in text.split("\n"))


def settings_text(lang: str) -> str:
    """The commented kadev.yaml that `kadev init` writes, comments in `lang` (en or zh)."""
    zh = lang == "zh"
    parts = [_comment(HEADER[1 if zh else 0])]
    for yaml_text, english, chinese in SETTINGS:
        parts.append(_comment(chinese if zh else english) + "\n" + yaml_text.format(lang=lang))
    return "\n\n".join(parts) + "\n"
