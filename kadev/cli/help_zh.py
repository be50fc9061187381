"""`--help` in Chinese: each English help text of a command or option (as written in the
code, the gettext way: the English text is the key) and its Chinese. `kadev.cli.helptext`
applies it when the language is Chinese; a test fails when a help text has no entry here or
an entry is no longer used."""

HELP_ZH: dict[str, str] = {
    'Key-account management: file cards, visits, complaints, ABC, funnel.':
        '大客户管理：档案卡、拜访、抱怨、ABC 分析、销售漏斗。',
    'Data root (default: KADEV_DATA, else the nearest kadev.yaml, else ./accounts).':
        '数据目录（默认：KADEV_DATA，否则最近的 kadev.yaml 所在目录，否则 ./accounts）。',
    'Pretend today is DATE (YYYY-MM-DD).':
        '假定今天是 DATE（YYYY-MM-DD）。',
    'Output language.':
        '输出语言。',
    'Amounts in tables: yuan, or wan (万).':
        '表格中的金额单位：元（yuan）或万元（wan）。',
    ('Read the data as it was at the last commit on or before DATE (from git; the work tree is n'
     'ot touched). Reports only.'):
        '读取日期 DATE 当天或之前最后一次提交时的数据（取自 git，不改动工作区）。仅用于报表。',
    'Show tracebacks.':
        '出错时显示调用栈。',
    "Print kadev's version and exit.":
        '显示 kadev 的版本并退出。',
    'Install completion for the current shell.':
        '为当前 shell 安装命令补全。',
    'Show completion for the current shell, to copy it or customize the installation.':
        '显示当前 shell 的命令补全脚本，可复制或自行安装。',
    ('Create a new data root: a commented kadev.yaml, a .gitignore for the cache, JSON\n'
     'Schema for editors (.schemas/, .vscode/settings.json), git init.\n'
     '\nExample: kadev init ~/ka-data --lang zh'):
        ('新建数据目录：带注释的 kadev.yaml、忽略缓存的 .gitignore、供编辑器使用的 JSON Schema（'
         '.schemas/、.vscode/settings.json），并执行 git init。\n'
         '\n示例：kadev init ~/ka-data --lang zh'),
    'Folder for the new data root.':
        '新数据目录的位置。',
    'Do not run git init.':
        '不执行 git init。',
    'Language of the settings comments and reports.':
        '设置文件注释和报表的语言。',
    'Also install a git pre-commit hook that refuses a commit of a broken card or record.':
        '同时安装 git pre-commit 钩子，拒绝含错误档案卡或记录的提交。',
    ('Check every file under the data root and every cross-reference; exit 1 on any problem.\n'
     '\nProblems are printed one per line as path:line:col: message, sorted.\n'
     'Example: kadev validate'):
        ('检查数据目录下的每个文件和每处交叉引用；发现任何问题即以 1 退出。\n'
         '\n问题逐行列出，格式为 路径:行:列: 说明，按顺序排列。\n'
         '示例：kadev validate'),
    'Output format.':
        '输出格式。',
    'Parse every file; neither read nor write .kadev-cache/.':
        '逐个解析所有文件；不读也不写 .kadev-cache/。',
    ("Only what the next commit holds: the staged files' account folders, as staged (the pre-com"
     "mit hook's check)."):
        ('只检查下一次提交的内容：有暂存文件的客户文件夹，按暂存的版本（pre-commit 钩子所做的检'
         '查）。'),
    ("Generate a realistic sample data root (a Chinese equipment maker's accounts).\n"
     '\nDeterministic for a seed and --today. The sample in accounts/ is made with:\n'
     'kadev --today 2026-11-20 demo accounts --no-git'):
        ('生成一套逼真的示例数据（一家中国设备制造商的客户）。\n'
         '\n同一随机种子和 --today 生成的内容完全相同。accounts/ 中的示例由以下命令生成：\n'
         'kadev --today 2026-11-20 demo accounts --no-git'),
    'Folder to create (must not exist or be empty).':
        '要创建的目录（须不存在或为空）。',
    'Number of accounts.':
        '客户数量。',
    'Average visits per account.':
        '每个客户的平均拜访次数。',
    'Average complaints per account.':
        '每个客户的平均抱怨次数。',
    'Months of ledger up to --today.':
        '截至 --today 的销售台账月数。',
    'Random seed; the same seed gives the same files.':
        '随机种子；同一种子生成相同的文件。',
    'Do not git init and commit.':
        '不执行 git init 和提交。',
    ('Write the planned visits (time, place, who) and the follow-ups owed (and with\n'
     "--personal, contacts' birthdays and trips) as an iCalendar file a phone's or Outlook's\n"
     'calendar imports; importing it again updates the same events (`kadev plan calendar` is\n'
     'the same command).\n'
     '\nExample: kadev calendar -o 拜访计划.ics'):
        ('把计划拜访（时间、地点、人员）和待跟进事项（加 --personal 时还有联系人的生日和行程）写'
         '成 iCalendar 文件，手机或 Outlook 日历可导入；再次导入会更新同一批日程（`kadev plan ca'
         'lendar` 是同一个命令）。\n'
         '\n示例：kadev calendar -o 拜访计划.ics'),
    'Where to write the calendar.':
        '日历写到哪里。',
    "Only this owner's accounts (default: you).":
        '只看该负责人的客户（默认：你自己）。',
    "The whole team's.":
        '整个团队的。',
    'Look this many days ahead.':
        '向后看多少天。',
    "Also contacts' birthdays and trips (personal data: only for your own phone).":
        '也包括联系人的生日和行程（个人信息：只用于你自己的手机）。',
    ('Record the reason for a revenue change in a month (a month noted again gets the new\n'
     'reason; git keeps the old one).\n'
     '\nExample: kadev note 华光 --month 2026-09 "二期厂房投产，集中采购加工中心"'):
        ('记录某月销售额变动的原因（同一月份再次记录时以新原因为准；git 保留旧原因）。\n'
         '\n示例：kadev note 华光 --month 2026-09 "二期厂房投产，集中采购加工中心"'),
    'Id, name, alias or an unambiguous part.':
        '编号、名称、别名或能唯一确定客户的部分名称。',
    'Why the revenue changed.':
        '销售额变动的原因。',
    'The month it explains, YYYY-MM.':
        '所说明的月份，YYYY-MM。',
    ('ABC / Pareto classification of accounts by revenue or profit over a period.\n'
     '\nCumulative share includes the account itself: A ≤ 55%, B ≤ 85%, so the account that\n'
     'crosses a boundary falls in the class below. Accounts without sales are C with 0. The\n'
     "default period is the 12 months up to the ledger's last month; months the ledger lacks\n"
     'are named.\n'
     'Example: kadev abc --from 2025-12 --to 2026-11 --compare --chart abc.png'):
        ('按销售额或利润对一段时期内的客户做 ABC（帕累托）分类。\n'
         '\n累计占比包含客户本身：A ≤ 55%，B ≤ 85%，跨过分界的客户归入下一类。没有销售的客户为 C'
         ' 类，\n'
         '金额为 0。默认期间为截至销售台账最后一个月的 12 个月；台账缺少的月份会列出。\n'
         '示例：kadev abc --from 2025-12 --to 2026-11 --compare --chart abc.png'),
    'First month (default: N months before --to).':
        '起始月份（默认：--to 之前 N 个月）。',
    "Last month (default: the ledger's last month).":
        '截止月份（默认：销售台账的最后一个月）。',
    'The N months up to --to (default 12).':
        '截至 --to 的 N 个月（默认 12）。',
    'A and B percentages, e.g. 55,30 (default from kadev.yaml).':
        'A 类和 B 类的百分比，例如 55,30（默认取自 kadev.yaml）。',
    'Also the previous period of equal length, with class movements.':
        '同时计算等长的上一期间，并列出类别变动。',
    'Save the chart as FILE.png or FILE.svg.':
        '把图表保存为 FILE.png 或 FILE.svg。',
    'Write the csv or xlsx report to FILE (xlsx needs it; csv goes to the screen without it).':
        '把 csv 或 xlsx 报表写入文件 FILE（xlsx 必须指定；csv 不指定时输出到屏幕）。',
    ('CSV encoding: utf-8 (with a byte-order mark in Chinese, which Excel reads) or gbk (for old'
     'er Excel on Chinese Windows).'):
        ('CSV 编码：utf-8（中文时带字节顺序标记，Excel 可正确识别）或 gbk（适用于中文 Windows 上'
         '的旧版 Excel）。'),
    'Show every row of a long table (default: the first 100).':
        '显示长表格的全部行（默认：前 100 行）。',
    "Show each account's folder id beside its name.":
        '在客户名称旁显示其目录编号。',
    ('What needs doing: complaints, follow-ups, planned visits, contact intervals, reviews,\n'
     'overdue receivables, unexplained revenue swings, birthdays and trips.\n'
     '\n`days` in the output is today minus the date: positive = overdue, negative = ahead.\n'
     "Contacts' birthdays and trips are personal: they appear only in one owner's list\n"
     '(--owner), and in json or csv only with --personal.\n'
     'Example: kadev due --owner zhang --days 14; kadev due --missed --since 2026-10-01'):
        ('待办事项：抱怨、拜访跟进、计划拜访、联系间隔、档案卡检查、逾期应收账款、未说明原因的销'
         '售额波动、生日和行程。\n'
         '\n输出中的“天数”为今天减去日期：正数为已逾期，负数为尚未到期。\n'
         '联系人的生日和行程属于个人信息：只出现在单个负责人的清单中（--owner），json 或 csv 中'
         '须加 --personal。\n'
         '示例：kadev due --owner zhang --days 14; kadev due --missed --since 2026-10-01'),
    "Only this owner's accounts (default: you, from KADEV_USER or git config kadev.user).":
        '只看该负责人的客户（默认：你自己，取自 KADEV_USER 或 git config kadev.user）。',
    "The whole team's list.":
        '整个团队的清单。',
    'Only these kinds (repeatable).':
        '只看这些类型（可重复）。',
    "Also contacts' birthdays and trips in json or csv.":
        'json 或 csv 中也包含联系人的生日和行程。',
    ('What was missed instead: follow-ups not made in time and plans not kept, made up late or n'
     'ever.'):
        '改为列出错过的事项：未按时跟进的拜访，以及未执行（补做或从未执行）的计划拜访。',
    'With --missed: from this day (YYYY-MM-DD; default four weeks back).':
        '与 --missed 一起用：从这一天起（YYYY-MM-DD；默认四周前）。',
    ('Who changed what and when: every commit touching the account, and for each change of\n'
     'account.yaml the fields with old → new values.\n'
     '\nExample: kadev history huaguang'):
        ('谁在何时改了什么：涉及该客户的每次提交；account.yaml 的每次改动列出字段的旧值 → 新值。'
         '\n\n示例：kadev history huaguang'),
    'The raw diffs instead.':
        '改为显示原始 diff。',
    "Also changes of contacts' personal profiles, birthdays and trips.":
        '也显示联系人个人资料、生日和行程的改动。',
    ('The card of one account, assembled and prioritised on one screen, before a visit.\n'
     '\nWarnings (complaints first), what we promised, the last visits, the people (personal not'
     'es\n'
     'for those expected), what to ask, what to say, and advice from the rules.\n'
     'Examples: kadev brief 华光 --with 袁婷 ;  kadev brief --today --owner chen'):
        ('拜访前把一个客户的档案卡整理成一屏，按轻重排序。\n'
         '\n警示（抱怨在先）、我们的承诺、最近的拜访、相关人员（预计出席者的个人备注）、要问的问'
         '题、要讲的要点，以及按规则给出的建议。\n'
         '示例：kadev brief 华光 --with 袁婷 ;  kadev brief --today --owner chen'),
    'Id, name, alias or an unambiguous part (or use --today).':
        '编号、名称、别名或能唯一确定客户的部分名称（或用 --today）。',
    'A briefing for every visit planned today (or on --date).':
        '为今天（或 --date 那天）计划拜访的每个客户生成一份简报。',
    'With --today: the day (default today).':
        '与 --today 一起用：哪一天（默认今天）。',
    'With --today: only this owner (default: you, from KADEV_USER or git config kadev.user).':
        ('与 --today 一起用：只看该负责人（默认：你自己，取自 KADEV_USER 或 git config kadev.use'
         'r）。'),
    "With --today: the whole team's visits.":
        '与 --today 一起用：整个团队的拜访。',
    'A contact expected at the visit (repeatable).':
        '预计出席拜访的联系人（可重复）。',
    'Hide personal profiles, birthdays and trips (for a shared screen).':
        '隐藏个人资料、生日和行程（用于共享屏幕）。',
    'Every section in full (the default fits one 80×40 screen).':
        '每一部分都完整显示（默认适合 80×40 的一屏）。',
    ('The sales funnel: grades and stages, weighted pipeline, conversion between states,\n'
     'days per stage and stuck deals, the funnel shape per owner, priorities, won/lost reasons.'
     '\n\nExample: kadev funnel --owner li'):
        ('销售漏斗：等级和阶段、加权销售额、状态间转化率、各阶段停留天数和停滞项目、每位负责人的'
         '漏斗形态、优先项目、赢单/丢单原因。\n'
         '\n示例：kadev funnel --owner li'),
    "Only this owner's deals.":
        '只看该负责人的项目。',
    "Last month of the period for conversion and outcomes (default: today's).":
        '计算转化率和结果的期间的截止月份（默认：本月）。',
    ('The value matrix (profitability × loyalty: true friends 知己, barnacles 藤壶, butterflies'
     '\n蝴蝶, strangers 过客) and the four-factor tiers, with the strategy for each.\n'
     '\nMeasures and cut-offs come from `matrix:` in kadev.yaml and are stated in the output; th'
     'e\n'
     "period is the `matrix.months` months up to the ledger's last month, or --from/--to/--last."
     '\nExample: kadev matrix --last 6 --format json'):
        ('价值矩阵（盈利性 × 忠诚度：知己、藤壶、蝴蝶、过客）和四因素分级，以及各自的策略。\n'
         '\n衡量指标和分界值取自 kadev.yaml 中的 `matrix:`，并在输出中注明；期间为截至销售台账最'
         '后一个月的 `matrix.months` 个月，或用 --from/--to/--last 指定。\n'
         '示例：kadev matrix --last 6 --format json'),
    ('Pull (merge, or --rebase) from the remote, push local commits, and report what came\n'
     'in by account: new visits and complaints, changed and new cards, ledger months.\n'
     '\nkadev commits each write itself, so sync commits nothing; a conflict names the account\n'
     'and says how to finish (the other accounts keep working meanwhile).\n'
     'Example: kadev sync'):
        ('从远程拉取（合并，或 --rebase）、推送本地提交，并按客户报告收到的内容：新的拜访和抱怨'
         '、改动和新增的档案卡、台账月份。\n'
         '\nkadev 每次写入都自行提交，所以 sync 不提交任何内容；发生冲突时会指出客户并说明如何完'
         '成（其他客户在此期间照常可用）。\n'
         '示例：kadev sync'),
    "Rebase local commits on the team's instead of merging.":
        '把本地提交变基到团队的提交之上，而不是合并。',
    ('Make git merge account cards field by field in this clone: adds the line to the data\n'
     "root's .gitattributes (committed) and registers the merge driver in the repository's\n"
     "config; also writes git's commit-graph so `kadev history` stays quick. Run once in each\n"
     'clone (`kadev init` and `kadev sync` do it too).\n'
     '\nExample: kadev git-setup'):
        ('让 git 在本克隆中逐字段合并档案卡：在数据目录的 .gitattributes 中加入一行（会提交），'
         '并在仓库配置中注册合并驱动；同时写入 git 的 commit-graph，使 `kadev history` 保持快速'
         '。每个克隆运行一次（`kadev init` 和 `kadev sync` 也会执行）。\n'
         '\n示例：kadev git-setup'),
    ("Git's merge driver for account cards (registered by `kadev git-setup`): merges two\n"
     "sides' changes field by field; where both changed a field differently it keeps our value,"
     '\nputs a comment block naming each such field and both values on top of the card, and\n'
     'exits 1 so git stops the merge on this file.'):
        ('档案卡的 git 合并驱动（由 `kadev git-setup` 注册）：逐字段合并双方的改动；双方把同一字'
         '段改成不同值时保留我方的值，在档案卡顶部写入注释块，列出每个这样的字段及双方的值，并以'
         ' 1 退出，让 git 在此文件上停止合并。'),
    "The common ancestor's version (%O).":
        '共同祖先的版本（%O）。',
    'Our version, replaced by the result (%A).':
        '我方的版本，将被结果替换（%A）。',
    'Their version (%B).':
        '对方的版本（%B）。',
    "The card's path (%P).":
        '档案卡的路径（%P）。',
    ('After `git pull` or `kadev sync` stopped on a card: every change of both sides is kept,\n'
     'and for each field both changed differently you choose ours or theirs (asked on a\n'
     'terminal, else --ours/--theirs FIELD). The card is validated, staged, and the merge is\n'
     'committed when no other file is in conflict.\n'
     '\nExample: kadev resolve huaguang --theirs credit.payment_terms'):
        ('在 `git pull` 或 `kadev sync` 因档案卡冲突停下后使用：双方的改动都保留，对双方改成不同'
         '值的每个字段选择我方或对方（在终端中询问，否则用 --ours/--theirs 字段）。档案卡经校验'
         '后暂存；没有其他冲突文件时提交这次合并。\n'
         '\n示例：kadev resolve huaguang --theirs credit.payment_terms'),
    "Keep our value of FIELD (repeatable; 'all' for every field).":
        '保留我方在该字段的值（可重复；all 表示所有字段）。',
    "Take their value of FIELD (repeatable; 'all' for every field).":
        '采用对方在该字段的值（可重复；all 表示所有字段）。',
    ("Write JSON Schema for every record kind into the data root's .schemas/ and point VS\n"
     "Code's YAML extension at it (.vscode/settings.json), one commit: completion, field names\n"
     'in Chinese and English on hover, and errors as you type in account.yaml and the records.\n'
     '\n`kadev init` does this for a new data root.\n'
     'Example: kadev schema; kadev schema --print account > account.schema.json'):
        ('把每种记录的 JSON Schema 写入数据目录的 .schemas/，并让 VS Code 的 YAML 扩展使用它（.v'
         'scode/settings.json），一次提交：在 account.yaml 和各记录中自动补全、悬停显示字段的中'
         '英文名称、边写边报错。\n'
         '\n新数据目录由 `kadev init` 完成这一步。\n'
         '示例：kadev schema; kadev schema --print account > account.schema.json'),
    'Write the schema files into this folder instead (no editor setup, no commit).':
        '改为把模式文件写入此目录（不设置编辑器，不提交）。',
    "Print one kind's schema instead.":
        '改为打印一种记录的模式。',
    ('Write accounts, contacts, deals, visits, complaints, plans and the revenue ledger as\n'
     "typed tables with stable column names, for DuckDB, Spark or a warehouse. Contacts'\n"
     "personal data only with --personal. Parquet and DuckDB need `pip install 'kadev[export]'`."
     '\n\nExample: kadev export --format parquet -o ka-tables'):
        ('把客户、联系人、项目、拜访、抱怨、计划拜访和销售台账写成列名稳定的类型化表格，供 DuckD'
         'B、Spark 或数据仓库使用。联系人的个人信息只在加 --personal 时写入。Parquet 和 DuckDB '
         "需要 `pip install 'kadev[export]'`。\n"
         '\n示例：kadev export --format parquet -o ka-tables'),
    'sqlite (a file), parquet (a folder of one file per table) or duckdb (a file).':
        'sqlite（一个文件）、parquet（一个目录，每个表一个文件）或 duckdb（一个文件）。',
    'The file (sqlite, duckdb) or folder (parquet) to write; replaced.':
        '要写入的文件（sqlite、duckdb）或目录（parquet）；会被替换。',
    "Include contacts' birthdays, personal notes and trips.":
        '包括联系人的生日、个人备注和行程。',
    'Account file cards: add, list, show, edit, review.':
        '客户档案卡：新建、列表、查看、编辑、检查。',
    ('Create a prospect card (name, owner, nature; more with `account edit`).\n'
     '\nExample: kadev account add 无锡华光机械有限公司 --owner zhang --nature end_user'):
        ('新建潜在客户档案卡（名称、负责人、性质；其余用 `account edit` 补充）。\n'
         '\n示例：kadev account add 无锡华光机械有限公司 --owner zhang --nature end_user'),
    "The account's name (Chinese or English).":
        '客户名称（中文或英文）。',
    'Folder id (default: from the name, pinyin for Chinese).':
        '目录编号（默认：由名称生成，中文取拼音）。',
    'Account representative (or KADEV_OWNER).':
        '大客户代表（或 KADEV_OWNER）。',
    'Customer nature.':
        '客户性质。',
    "Another name, e.g. the ERP's (repeatable).":
        '另一个名称，例如 ERP 中的名称（可重复）。',
    ('Create or update cards from a customer list (the spreadsheet a team kept before):\n'
     'columns by their Chinese or English headers (客户名称, 别名, 负责人, 区域, 行业, 客户性质 '
     '…),\n'
     'contacts from repeated columns (联系人, 职务, 手机, 联系人2 …) or a sheet named 联系人.\n'
     'A row names an existing card by id, name or alias: only what it adds is written. Any\n'
     'error is reported at its row and nothing is written; else one commit.\n'
     '\nExample: kadev account import 客户清单.xlsx --owner zhang --dry-run'):
        ('从客户清单（团队以前用的电子表格）新建或更新档案卡：按中文或英文表头识别列（客户名称、'
         '别名、负责人、区域、行业、客户性质……），联系人取自重复的列（联系人、职务、手机、联系人'
         '2……）或名为“联系人”的工作表。一行按编号、名称或别名对应已有档案卡时，只写入它新增的内'
         '容。任何错误都在所在行报告，且不写入任何内容；否则一次提交。\n'
         '\n示例：kadev account import 客户清单.xlsx --owner zhang --dry-run'),
    'The customer list: XLSX or CSV (UTF-8, GBK).':
        '客户清单：XLSX 或 CSV（UTF-8、GBK）。',
    'XLSX sheet (default: the first).':
        'XLSX 工作表（默认：第一个）。',
    ('Read a column as a field: name, short_name, aliases, owner, region, industry, nature, addr'
     'ess, phone, id (repeatable).'):
        ('把某列读作某个字段：name、short_name、aliases、owner、region、industry、nature、addres'
         's、phone、id（可重复）。'),
    'Owner of new cards whose row names none.':
        '所在行未写负责人的新档案卡的负责人。',
    'Nature of new cards whose row names none.':
        '所在行未写客户性质的新档案卡的性质。',
    'Show what would change; write nothing.':
        '显示将发生的变化；不写入任何内容。',
    ('List accounts with owner, status, ABC class and funnel grade.\n'
     '\nExample: kadev account list --owner zhang --status active'):
        ('列出客户及其负责人、状态、ABC 类别和漏斗等级。\n'
         '\n示例：kadev account list --owner zhang --status active'),
    ("Show an account's file card (personal data only with --personal).\n"
     '\nExample: kadev account show 华光 --format json'):
        ('查看客户档案卡（加 --personal 才显示个人信息）。\n'
         '\n示例：kadev account show 华光 --format json'),
    "Include contacts' personal profiles, birthdays and trips.":
        '包括联系人的个人资料、生日和行程。',
    ('Edit the card in $EDITOR; it is saved only if it validates.\n'
     '\nOn an error you may re-open the editor; if you give up, the file is left untouched.\n'
     'Example: EDITOR=nano kadev account edit huaguang'):
        ('在 $EDITOR 中编辑档案卡；只有通过校验才保存。\n'
         '\n出错时可以重新打开编辑器；放弃则文件保持原样。\n'
         '示例：EDITOR=nano kadev account edit huaguang'),
    ('Mark the card reviewed today (each card is reviewed at least weekly).\n'
     '\nExample: kadev account review huaguang'):
        ('把档案卡标记为今天已检查（每张档案卡至少每周检查一次）。\n'
         '\n示例：kadev account review huaguang'),
    'Visits: record one, list the history.':
        '拜访：记录一次拜访，查看拜访历史。',
    ('Record a visit right after the meeting; optionally move the deal on.\n'
     '\nTheir attendees must be contacts of the account (--new-contact adds one to the card).\n'
     '--stage, --expected-close, --grade and --value update the open deal in account.yaml and\n'
     'the visit records the change. One git commit holds the visit and the card change.\n'
     'Example: kadev visit add 华光 --method face-to-face --theirs 袁婷 --points "二期方案" \\\n'
     '--next-steps "周五前报价" --next-visit 2026-11-27 --stage tender'):
        ('会谈后立即记录拜访；可同时推进项目。\n'
         '\n对方出席者必须是该客户的联系人（--new-contact 会把新人加到档案卡）。\n'
         '--stage、--expected-close、--grade 和 --value 更新 account.yaml 中在谈的项目，拜访记录'
         '这次改动。拜访和档案卡改动在同一次 git 提交中。\n'
         '示例：kadev visit add 华光 --method face-to-face --theirs 袁婷 --points "二期方案" \\'
         '\n--next-steps "周五前报价" --next-visit 2026-11-27 --stage tender'),
    'Date of the visit (default: today).':
        '拜访日期（默认：今天）。',
    'The time, HH:MM or as said (下午2点半).':
        '时间，HH:MM 或口头说法（下午2点半）。',
    'How the contact was made.':
        '联系方式。',
    'Talking points.':
        '会谈要点。',
    "The customer's thoughts.":
        '客户的想法。',
    'Progress of the deal.':
        '项目进展。',
    'Next steps and suggestions.':
        '下一步行动和建议。',
    'Next planned visit, YYYY-MM-DD.':
        '下次计划拜访，YYYY-MM-DD。',
    'Time of the next visit, HH:MM.':
        '下次拜访的时间，HH:MM。',
    'A preparation meeting was held.':
        '事先开过准备会。',
    'Material taken (repeatable).':
        '携带的资料（可重复）。',
    'New stage of the open deal.':
        '在谈项目的新阶段。',
    'New expected close date.':
        '新的预计成交日期。',
    'Explicit funnel grade.':
        '明确指定的漏斗等级。',
    'New estimated value of the deal.':
        '项目新的预估金额。',
    'Which open deal (when there are several).':
        '哪个在谈项目（有多个时）。',
    ('The planned visit this one keeps (its id; by default the first open plan of its kind due b'
     'y its day is kept).'):
        '本次拜访兑现的计划拜访（其编号；默认兑现当天及之前到期的、同类型的第一个未完成计划）。',
    'Write the visit in $EDITOR from a pre-filled template.':
        '在 $EDITOR 中按预填模板填写拜访记录。',
    'Ask for what the options left out (default with a terminal).':
        '询问选项中没有给出的内容（在终端中默认如此）。',
    ('The visit history card: date, method, who, key points, next steps, contact frequency.\n'
     '\nExample: kadev visit list huaguang --last 10'):
        ('拜访历史卡：日期、方式、人员、要点、下一步、联系频率。\n'
         '\n示例：kadev visit list huaguang --last 10'),
    'Only the last N visits.':
        '只看最近 N 次拜访。',
    'Complaints: add, step, resolve, list.':
        '抱怨：记录、处理步骤、解决、列表。',
    ('Log a complaint; it stays open (and tops every due list) until resolved.\n'
     '\nExample: kadev complaint add 华光 --what "主轴异响" --product VMC850 --severity high --e'
     'scalated'):
        ('记录一次抱怨；解决之前一直保持未处理（并排在每份待办清单的最前面）。\n'
         '\n示例：kadev complaint add 华光 --what "主轴异响" --product VMC850 --severity high --'
         'escalated'),
    'What happened (usually a product fault).':
        '发生了什么（通常是产品故障）。',
    'When (default: today).':
        '何时（默认：今天）。',
    'The customer went over our heads (越级投诉).':
        '客户越级投诉。',
    'Who complained (a contact of the card).':
        '谁提出的抱怨（档案卡上的联系人）。',
    'Ask for what the options left out.':
        '询问选项中没有给出的内容。',
    ('Close a complaint with its result and date (steps taken before are logged with\n'
     '`kadev complaint step`).\n'
     '\nExample: kadev complaint resolve d4e5f6 --result "客户确认正常"'):
        ('以处理结果和日期关闭一项抱怨（此前的处理步骤用 `kadev complaint step` 记录）。\n'
         '\n示例：kadev complaint resolve d4e5f6 --result "客户确认正常"'),
    "The complaint's id as the lists show it (e.g. d4e5f6), or ACCOUNT/ID.":
        '抱怨的编号（如列表所示，例如 d4e5f6），或 客户/编号。',
    'How it ended.':
        '处理结果。',
    'A last handling step taken with it (repeatable).':
        '最后采取的处理步骤（可重复）。',
    'Date resolved (default: today).':
        '解决日期（默认：今天）。',
    ('Log a handling step of an open complaint (it stays open).\n'
     '\nExample: kadev complaint step d4e5f6 "派工程师现场检测，更换主轴轴承"'):
        ('记录一项未解决抱怨的处理步骤（抱怨仍保持未处理）。\n'
         '\n示例：kadev complaint step d4e5f6 "派工程师现场检测，更换主轴轴承"'),
    'What was done.':
        '做了什么。',
    ('Complaints with their age in days: open first, escalated first, oldest first.\n'
     '\nExample: kadev complaint list --open'):
        ('抱怨及其天数：未处理的在先，越级投诉在先，最早的在先。\n'
         '\n示例：kadev complaint list --open'),
    'Only open complaints.':
        '只看未处理的抱怨。',
    'Only this account.':
        '只看这个客户。',
    'Only accounts of this owner.':
        '只看该负责人的客户。',
    'Planned visits: add, list, move, cancel.':
        '计划拜访：新增、列表、改期、取消。',
    ('Plan a visit: it stays in `kadev due` and `kadev brief --today` until a visit of its\n'
     'kind on or after its day fulfils it (or `visit add --plan ID`), or it is moved or\n'
     'cancelled; a day passed without one is listed as missed.\n'
     '\nExample: kadev plan add 华光 --date 2026-11-24 --time 14:30 --with 袁婷 \\\n'
     '--purpose "二期方案技术交流"'):
        ('计划一次拜访：它一直出现在 `kadev due` 和 `kadev brief --today` 中，直到当天或之后有一'
         '次同类型的拜访兑现它（或 `visit add --plan 编号`），或被改期、取消；过期未拜访的列为已'
         '错过。\n'
         '\n示例：kadev plan add 华光 --date 2026-11-24 --time 14:30 --with 袁婷 \\\n'
         '--purpose "二期方案技术交流"'),
    'The day of the visit, YYYY-MM-DD.':
        '拜访日期，YYYY-MM-DD。',
    'How the contact will be made.':
        '将采用的联系方式。',
    'Whom we will meet: contacts of the card (repeatable).':
        '要见的人：档案卡上的联系人（可重复）。',
    'A name (repeatable).':
        '一个姓名（可重复）。',
    'What the visit is for.':
        '拜访的目的。',
    ('Move a planned visit to another day (it keeps its id; git keeps the old day).\n'
     '\nExample: kadev plan move 3fa2c1 --date 2026-11-26 --time 09:30'):
        ('把计划拜访改到另一天（编号不变；git 保留原日期）。\n'
         '\n示例：kadev plan move 3fa2c1 --date 2026-11-26 --time 09:30'),
    "The plan's id as the lists show it, or ACCOUNT/ID.":
        '计划的编号（如列表所示），或 客户/编号。',
    'The new day, YYYY-MM-DD.':
        '新的日期，YYYY-MM-DD。',
    'The new time, HH:MM (default: kept).':
        '新的时间，HH:MM（默认：不变）。',
    ('Cancel a planned visit (it leaves the due list; the record stays, with the reason).\n'
     '\nExample: kadev plan cancel 3fa2c1 --reason "客户出差，改电话沟通"'):
        ('取消计划拜访（它离开待办清单；记录连同原因保留）。\n'
         '\n示例：kadev plan cancel 3fa2c1 --reason "客户出差，改电话沟通"'),
    'Why.':
        '原因。',
    ("Planned visits: the missed ones not made up yet, then the coming days' (or the week's)\n"
     'in time order, each with its state.\n'
     '\nExample: kadev plan list --week'):
        ('计划拜访：先列尚未补做的错过计划，再按时间顺序列出未来几天（或本周）的计划，各注明状态'
         '。\n'
         '\n示例：kadev plan list --week'),
    "The whole team's plans.":
        '整个团队的计划。',
    'This week, Monday to Sunday, kept and cancelled plans included.':
        '本周（周一至周日），包括已拜访和已取消的计划。',
    ('The annual regional sales plan from the cards: per region and ABC class (of last\n'
     'year), the revenue of the two years before, the trend, the open weighted pipeline\n'
     'expected in the year, and a proposed target, with the rule it follows stated.\n'
     '\nExample: kadev plan annual --year 2027 --format xlsx -o 2027年度区域计划.xlsx'):
        ('根据档案卡拟定年度区域销售计划：按区域和（上年的）ABC 类别，列出前两年的销售额、趋势、'
         '预计在该年成交的在谈项目加权金额，以及建议目标，并写明所用规则。\n'
         '\n示例：kadev plan annual --year 2027 --format xlsx -o 2027年度区域计划.xlsx'),
    "The plan's (fiscal) year (default: next year).":
        '计划的（财务）年度（默认：明年）。',
    'Only this region (a part of its name).':
        '只看该区域（名称的一部分即可）。',
    ("A rep's monthly development plan: the accounts by tier with the contact cadence each\n"
     'tier asks for, the contacts that cadence needs this month week by week, the deals to\n'
     'move on and the prospects to qualify (MAN), within the three-month phase the month\n'
     'belongs to (phases start with the fiscal year).\n'
     '\nExample: kadev plan month --owner chen --month 2026-12'):
        ('销售代表的月度客户开发计划：按层级列出客户及各层级要求的联系节奏，本月按周需要的联系，'
         '要推进的项目和待确认（MAN）的潜在客户，放在该月所属的三个月阶段中（阶段从财务年度开始'
         '算）。\n'
         '\n示例：kadev plan month --owner chen --month 2026-12'),
    'The rep (default: you).':
        '销售代表（默认：你自己）。',
    'The month (default: this month).':
        '月份（默认：本月）。',
    'Deals: open one, close it won or lost.':
        '项目：新建项目，以赢单或丢单关闭。',
    ('Open a deal on the card (opened today).\n'
     '\nExample: kadev deal add 华光 "2027 年五轴加工中心" --stage proposal --value 2400000 \\\n'
     '--expected-close 2027-03-31 --product "五轴加工中心"'):
        ('在档案卡上新建一个项目（开始日期为今天）。\n'
         '\n示例：kadev deal add 华光 "2027 年五轴加工中心" --stage proposal --value 2400000 \\'
         '\n--expected-close 2027-03-31 --product "五轴加工中心"'),
    "The deal's name, unique on the card.":
        '项目名称，在档案卡上唯一。',
    'Where it stands.':
        '所处阶段。',
    'Estimated value.':
        '预估金额。',
    'Expected close, YYYY-MM-DD.':
        '预计成交日期，YYYY-MM-DD。',
    'What is being sold.':
        '销售的产品。',
    'Explicit funnel grade (default: from the expected close).':
        '明确指定的漏斗等级（默认：由预计成交日期得出）。',
    ('Close a deal won or lost. A lost deal needs at least one --reason category; `kadev\n'
     'funnel` sums the lost reasons by category.\n'
     '\nExample: kadev deal close 华光 加工中心 --lost --reason price --reason competitor \\\n'
     '--note "价格高于海天 12%"'):
        ('以赢单或丢单关闭项目。丢单至少需要一个 --reason 类别；`kadev funnel` 按类别汇总丢单原'
         '因。\n'
         '\n示例：kadev deal close 华光 加工中心 --lost --reason price --reason competitor \\\n'
         '--note "价格高于海天 12%"'),
    'Which open deal (a part of its name); needed when several are open.':
        '哪个在谈项目（名称的一部分）；有多个在谈项目时必须给出。',
    'We won it.':
        '赢单。',
    'We lost it.':
        '丢单。',
    'Why it was lost (repeatable).':
        '丢单原因（可重复）。',
    'In a sentence: what decided it.':
        '一句话说明：什么决定了结果。',
    'When it closed (default: today).':
        '关闭日期（默认：今天）。',
    'People on a card: add, edit, retire, rename.':
        '档案卡上的人员：新增、修改、离任、更名。',
    ('Add a person to the card.\n'
     '\nExample: kadev contact add 华光 周建国 --title 设备部经理 --layer management \\\n'
     '--phone 13812345678 --attitude supporter'):
        ('在档案卡上新增一个人。\n'
         '\n示例：kadev contact add 华光 周建国 --title 设备部经理 --layer management \\\n'
         '--phone 13812345678 --attitude supporter'),
    "The person's name, unique on the card.":
        '此人的姓名，在档案卡上唯一。',
    'The key person of the deal.':
        '项目的关键人物。',
    'A node: passes information to us.':
        '信息节点：向我们传递信息的人。',
    ('Change what the card says of a person (only the options given).\n'
     '\nExample: kadev contact edit 华光 袁婷 --title 总经理 --key-person'):
        ('修改档案卡上关于某人的信息（只改给出的选项）。\n'
         '\n示例：kadev contact edit 华光 袁婷 --title 总经理 --key-person'),
    "The contact's name.":
        '联系人的姓名。',
    ('Retire a person who left the customer or the role: kept for the history, gone from\n'
     'briefings, prompts, birthdays and lists.\n'
     '\nExample: kadev contact retire 华光 林春燕'):
        ('让离开客户或岗位的人离任：为历史保留，但不再出现在简报、提问、生日和各类清单中。\n'
         '\n示例：kadev contact retire 华光 林春燕'),
    'Since when (default: today).':
        '从何时起（默认：今天）。',
    ("Correct a person's name; the old one becomes an alias of the contact, so the visits\n"
     'that name it stay valid. One commit.\n'
     '\nExample: kadev contact rename 华光 袁亭 袁婷'):
        ('更正某人的姓名；旧名成为该联系人的别名，使提到旧名的拜访记录仍然有效。一次提交。\n'
         '\n示例：kadev contact rename 华光 袁亭 袁婷'),
    "The contact's name now.":
        '联系人现在的姓名。',
    'The right name.':
        '正确的姓名。',
    'The revenue ledger: import an ERP export.':
        '销售台账：导入 ERP 导出的数据。',
    ('Import sales rows into _sales/YYYY-MM.csv (transaction rows are summed per month).\n'
     "\nCustomers are matched by id, name or the card's aliases. Re-importing a month replaces t"
     'hat\n'
     "month's rows for the accounts and products in the file, so importing twice changes nothing"
     '.\n'
     'Example: kadev sales import erp-2026-10.xlsx --dry-run'):
        ('把销售行导入 _sales/YYYY-MM.csv（交易行按月汇总）。\n'
         '\n按编号、名称或档案卡上的别名匹配客户。重新导入某月会替换文件中这些客户和产品在该月的'
         '行，所以导入两次不会有任何变化。\n'
         '示例：kadev sales import erp-2026-10.xlsx --dry-run'),
    'CSV (UTF-8, UTF-8 with BOM, GBK) or XLSX.':
        'CSV（UTF-8、带 BOM 的 UTF-8、GBK）或 XLSX。',
    'YYYY-MM for a file of monthly rows without dates.':
        '没有日期的月度文件所属的月份，YYYY-MM。',
    'Create prospect cards for unknown customers.':
        '为未知客户新建潜在客户档案卡。',
    'Owner of cards made by --create-missing.':
        '--create-missing 所建档案卡的负责人。',
    'Nature of cards made by --create-missing.':
        '--create-missing 所建档案卡的客户性质。',
    'Reports: development performance, the monthly pack.':
        '报表：开发业绩、月度报告。',
    ('Development performance: the change in revenue and profit from existing accounts —\n'
     "amount, rate, share of the company total — per owner with the company's total, against\n"
     "the previous period; then the company's revenue from existing, new and lost accounts.\n"
     "The default period is the 12 months up to the ledger's last month.\n"
     '\nExample: kadev report performance --from 2026-01 --to 2026-06'):
        ('开发业绩：现有客户带来的销售额和利润变化——金额、变化率、占公司总额的比例——按负责人列出'
         '并给出公司合计，与上一期间比较；然后是公司来自老客户、新客户和流失客户的销售额。\n'
         '默认期间为截至销售台账最后一个月的 12 个月。\n'
         '\n示例：kadev report performance --from 2026-01 --to 2026-06'),
    ('The monthly pack a manager sends upward: ABC with its movements, the funnel with\n'
     'conversion, ageing and shapes, the value matrix, development performance per rep with\n'
     "the total, complaints opened, resolved and open with their ages, and each rep's visits,\n"
     'plans kept and missed and follow-ups missed. One self-contained HTML file (it opens\n'
     'offline and can be forwarded) or an xlsx workbook; no personal data.\n'
     '\nExample: kadev --lang zh report monthly --month 2026-10 -o 2026-10月报.html'):
        ('经理向上级提交的月度报告：ABC 分类及变动，销售漏斗（转化、各阶段停留天数、形态），客户'
         '价值矩阵，各销售代表的开发业绩及合计，本月新增、解决和未关闭的抱怨及其天数，各销售代表'
         '的拜访、计划拜访的完成与错过、错过的跟进。生成一个独立的 HTML 文件（离线可看，可直接转'
         '发）或 xlsx 工作簿；不含个人信息。\n'
         '\n示例：kadev --lang zh report monthly --month 2026-10 -o 2026-10月报.html'),
    'pack.html (one page, charts inside) or pack.xlsx (a sheet per table).':
        'pack.html（单个网页，图表内嵌）或 pack.xlsx（每个表一个工作表）。',
    'The month (default: the last full month before today).':
        '月份（默认：今天之前最近一个完整的月份）。',
    "Contacts' personal data encrypted in the repository: keys, members, lock.":
        '联系人的个人信息在仓库中加密保存：密钥、成员、加密。',
    ("Make this machine's private key (once per member), outside the repository, and print\n"
     'its public key for a member who has one to add (`kadev key add`).\n'
     '\nExample: kadev key new'):
        ('为本机生成私钥（每位成员一次），保存在仓库之外，并打印公钥，交给已有密钥的成员添加（`k'
         'adev key add`）。\n'
         '\n示例：kadev key new'),
    ("The members who can read contacts' personal data, and whether this machine can.\n"
     '\nExample: kadev key list'):
        ('能读取联系人个人信息的成员，以及本机能否读取。\n'
         '\n示例：kadev key list'),
    ("Let a member read contacts' personal data: adds their public key to recipients.txt and\n"
     "encrypts every account's personal data again so that their key opens it. The first member"
     '\nadded seals the folder: personal fields then move out of the cards (as `kadev key lock`)'
     '.\n'
     '\nExample: kadev key add 张伟 age1qy…'):
        ('让一位成员能读取联系人的个人信息：把其公钥加入 recipients.txt，并重新加密每个客户的个'
         '人信息，使其密钥能打开。添加第一位成员即开启加密：个人信息字段随即移出档案卡（同 `kade'
         'v key lock`）。\n'
         '\n示例：kadev key add 张伟 age1qy…'),
    "The member's name (as in the team list).":
        '成员姓名（与团队名单一致）。',
    'Their public key, age1…, printed by their `kadev key new`.':
        '其公钥 age1…，由其 `kadev key new` 打印。',
    ('Stop a member reading personal data from now on: removes their key and encrypts every\n'
     "account's personal data again without it (what they could read before stays in the\n"
     'history they already have).\n'
     '\nExample: kadev key remove 张伟'):
        ('从现在起不再让某成员读取个人信息：移除其公钥，并不含该公钥重新加密每个客户的个人信息（'
         '其此前已能读取的内容仍在其已有的历史中）。\n'
         '\n示例：kadev key remove 张伟'),
    "The member's name or public key.":
        '成员姓名或公钥。',
    ('Move personal fields written in cards (birthdays, personal notes, trips) into each\n'
     "account's encrypted personal.age; needs a sealed folder (`kadev key add`). Write a new\n"
     'birthday in the card as usual, then run this before committing.\n'
     '\nExample: kadev key lock'):
        ('把档案卡中写入的个人信息字段（生日、个人情况、行程）移入各客户加密的 personal.age；需'
         '先开启加密（`kadev key add`）。新的生日照常写在档案卡里，提交前运行本命令。\n'
         '\n示例：kadev key lock'),
    'Show this message and exit.':
        '显示此帮助并退出。',
}
