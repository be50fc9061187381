"""Text of the files `kadev init` writes: the commented settings and the .gitignore."""

from __future__ import annotations

SETTINGS_EN = """\
# kadev settings for this data root. Every key is optional; the value shown is the default.

# Currency of amounts in cards and the ledger, and the symbol used in reports.
currency: CNY
currency_symbol: ¥

# Language of reports: en or zh (the --lang option and KADEV_LANG override it).
lang: {lang}

# First month of the fiscal year (1 = January); financials are dated by fiscal year.
fiscal_year_start: 1

# ABC classes: A = accounts within the first 55% of cumulative revenue, B = the next 30%.
abc_thresholds: [55, 30]

# Funnel grade by months to the expected close: A ≤ 6, B ≤ 12, C ≤ 18, D beyond.
grade_months: [6, 12, 18]

# Follow up within this many days after a visit (by phone or another visit).
follow_up_days: 7

# Review each account card at least this often (days).
review_days: 7

# Longest gap between contacts (days), by ABC class; `prospect` for prospects.
contact_interval_days:
  A: 14
  B: 30
  C: 60
  prospect: 30

# A month whose revenue changes more than this percentage against the same month a year
# before needs a recorded reason (change_notes in the card).
change_reason_threshold: 30

# Owners (account representatives). When set, every card's owner must be one of them.
team: []

# Commit each change kadev writes to git (when the folder is a git work tree).
auto_commit: true

# Probability of closing at each stage, for the weighted pipeline of `kadev funnel`.
stage_probabilities:
  development: 0.05
  initiation: 0.1
  proposal: 0.25
  tender: 0.4
  negotiation: 0.7
  delivery: 0.9

# A deal in the same stage for longer than this many days is listed as stuck.
stuck_days: 90

# The value matrix: profitability by `margin` (profit / revenue) or `profit`; loyalty by
# `months` with purchases, `tenure` (years since trade.since) or `share_of_wallet`; over the
# last `months` months. A cutoff left empty is the median of the accounts.
matrix:
  profitability: margin
  loyalty: months
  profitability_cutoff:
  loyalty_cutoff:
  months: 12

# Four-factor tier: the total of four scores (1-5 each) at or above these makes tier 1, 2, 3;
# below the last is tier 4. Add tier1 ... tier4 to contact_interval_days to use tiers there.
tier_cutoffs: [16, 12, 8]
"""

SETTINGS_ZH = """\
# 本数据目录的 kadev 设置。每一项都可省略，所示值即默认值。

# 档案卡与销售台账中金额的币种，以及报表中使用的货币符号。
currency: CNY
currency_symbol: ¥

# 报表语言：en 或 zh（命令行 --lang 与环境变量 KADEV_LANG 优先）。
lang: {lang}

# 财年起始月份（1 = 一月）；财务数据按财年记录。
fiscal_year_start: 1

# ABC 分类：累计销售额前 55% 以内为 A 类客户，其后 30% 为 B 类，其余为 C 类。
abc_thresholds: [55, 30]

# 销售漏斗等级（按预计成交月数）：A ≤ 6，B ≤ 12，C ≤ 18，D 超过 18 个月。
grade_months: [6, 12, 18]

# 拜访后须在此天数内电话或再次拜访跟进。
follow_up_days: 7

# 大客户档案卡至少每隔此天数检查一次。
review_days: 7

# 按 ABC 类别的最长联系间隔（天）；prospect 为潜在客户。
contact_interval_days:
  A: 14
  B: 30
  C: 60
  prospect: 30

# 某月销售额与上年同月相比变动超过此百分比时，须在档案卡 change_notes 中记录原因。
change_reason_threshold: 30

# 大客户代表名单。设置后，每张档案卡的 owner 必须在名单中。
team: []

# 在 git 工作区中，kadev 写入的每项改动都自动提交。
auto_commit: true

# 各销售阶段的成交概率，用于 `kadev funnel` 的加权销售额。
stage_probabilities:
  development: 0.05
  initiation: 0.1
  proposal: 0.25
  tender: 0.4
  negotiation: 0.7
  delivery: 0.9

# 在同一阶段停留超过此天数的项目列为停滞。
stuck_days: 90

# 价值矩阵：盈利性按 margin（利润率）或 profit（利润额）；忠诚度按 months（近 months 个月中
# 有采购的月数）、tenure（合作年限）或 share_of_wallet（采购份额）。分界值留空即取各客户的中位数。
matrix:
  profitability: margin
  loyalty: months
  profitability_cutoff:
  loyalty_cutoff:
  months: 12

# 四因素分级：四项得分（各 1-5 分）合计达到以下分数分别为 1、2、3 级，低于最后一项为 4 级。
# 在 contact_interval_days 中加入 tier1 … tier4 即按等级设定联系间隔。
tier_cutoffs: [16, 12, 8]
"""

GITIGNORE = """\
# derived, rebuildable files of kadev
.kadev-cache/
"""


def settings_text(lang: str) -> str:
    return (SETTINGS_ZH if lang == "zh" else SETTINGS_EN).format(lang=lang)
