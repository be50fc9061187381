"""With --lang zh a rep reads Chinese everywhere: every command and the error paths the tests
know are run in Chinese, and no run of Latin letters may appear in what they print unless it
is an id, a file path, a number, an option or command a user types, or a word from the data
itself (owners' names, product models, e-mail addresses …)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tests.conftest import git, invoke

COMMANDS = """
validate
due
due --team
due --missed
due --owner li --days 14
due --owner chen --ids
abc
abc --compare
abc --from 2025-06 --to 2026-05 --compare
abc --format csv
funnel
matrix
report performance
report performance --format csv
account list
account list --format csv
account show 华光
brief 华光
brief 华光 --full
brief 华光 --format markdown
brief --today --owner chen
history huaguang
visit list huaguang
complaint list
plan list --week --owner chen
plan list --team
note 华光 --month 2026-09 二期投产
visit add 华光 --method 面谈 --theirs 袁婷 --points 方案 --next-visit 下周三 --time 下午2点半
complaint add 华光 --what 主轴异响 --severity 高
contact add 华光 周建国 --title 设备部经理 --layer 管理层
deal add 华光 五轴项目 --stage 提案 --value 100 --expected-close 2027-03-31
deal close 华光 五轴 --lost --reason 价格 --note 价格高
plan add 华光 --date 明天 --time 14:30 --with 袁婷 --purpose 交流
account review huaguang
account add 测试客户 --owner chen --nature 终端用户
resolve huaguang
sync
"""

ERRORS = """
brief 华广
brief nobody
brief
account show nobody
visit add 华光 --method 面谈 --theirs 袁亭 --points 方案
visit add 华光 --method 飞鸽 --points 方案
visit add 华光 --method 面谈 --points 方案 --date 2027-01-05
visit add 华光 --method 面谈 --points 方案 --time 25点
plan add 华光 --date 后天 --with 无名氏
complaint resolve zzzzzz --result 好了
deal close 华光 不存在 --won
sales import /nonexistent.csv
due --format xml
due --days x
due --owne x
duee
abc --from 2026-13
abc --thresholds 90,20
account add 测试 --owner nobody --nature 终端用户
"""


def _data_words(root: Path) -> set[str]:
    """Every Latin word written in the data files: names and models the output may repeat."""
    words: set[str] = set()
    for path in root.rglob("*"):
        if path.is_file() and ".git" not in path.parts and path.suffix in (".yaml", ".csv"):
            words |= set(re.findall(r"[A-Za-z][A-Za-z0-9_-]*", path.read_text("utf-8")))
    return words


_SKIP = re.compile(
    r"`[^`]*`"                                   # a command or value in backquotes
    r"|kadev(?: [-\w.:@/]+| …)+"                 # a command line to type
    r"|[\w.+-]+@[\w.-]+|www\.[\w.-]+"            # e-mail addresses, web sites
    r"|[\w.\-~]*/[\w./\-~]*"                     # file paths
    r"|--[\w-]+(?:[ =][\w.,'-]+)?"               # options (and what was typed with them)
    r"|'[^']*'|「[^」]*」"                         # a value quoted back to the user
    r"|\b[YMDH]+(?:-[YMD]+)*\b"                    # a date's format: YYYY-MM-DD
    r"|\b[\w-]*\d[\w-]*\b"                       # ids, hex ids, models, numbers
    r"|\b[0-9a-f]{6}\b")                         # a record's id made only of a-f (dadbbd)


def _latin(text: str, allowed: set[str]) -> list[str]:
    found = []
    for line in text.splitlines():
        if line.count("`") % 2:  # a command in backquotes that a table cell wrapped
            line = re.sub(r"^[^`]*`|`[^`]*$", " ", line)
        for word in re.findall(r"[A-Za-z][A-Za-z_-]*", _SKIP.sub(" ", line)):
            if word not in allowed and not re.fullmatch(r"[A-D]+|ABC|SWOT|MAN|ERP|UTF|GBK|CSV"
                                                        r"|HEAD|yaml|json|csv|xlsx|table|markdown|text",
                                                        word):
                found.append(f"{word!r} in {line.strip()!r}")
    return found


@pytest.mark.parametrize("kind", ["commands", "errors"])
def test_no_english_in_chinese_output(repo: Path, kind: str,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KADEV_USER", "chen")
    monkeypatch.setenv("COLUMNS", "100")
    git(repo, "add", "-A")
    allowed = _data_words(repo) | {p.name for p in repo.iterdir() if p.is_dir()} | {
        "ceshikehu", "Test", "Rep", "sample"}  # the id of the account added; git's author
    leaks = []
    for line in (COMMANDS if kind == "commands" else ERRORS).strip().splitlines():
        result = invoke(repo, "--lang", "zh", *shlex.split(line))
        if kind == "errors":
            assert result.exit_code in (1, 2), (line, result.stdout, result.stderr)
        leaks += [f"kadev {line}: {leak}" for leak in
                  _latin(result.stdout + result.stderr, allowed)]
    assert not leaks, "\n".join(leaks)


def test_commit_messages_are_in_the_data_roots_language(repo: Path) -> None:
    """The team shares one history: a root whose kadev.yaml says zh gets Chinese commit
    messages, whatever language one member's run uses."""
    settings = repo / "kadev.yaml"
    settings.write_text(settings.read_text("utf-8").replace("lang: en", "lang: zh"), "utf-8")
    git(repo, "commit", "-qam", "中文")
    for lang in ("en", "zh"):
        result = invoke(repo, "--lang", lang, "complaint", "add", "华光", "--what", "主轴异响",
                        "--severity", "high", "--escalated")
        assert result.exit_code == 0, result.stderr
        subject = git(repo, "log", "-1", "--format=%s").strip()
        assert subject == ("抱怨：无锡华光汽车零部件有限公司 2026-11-20 高，越级投诉："
                           "主轴异响"), subject
    assert invoke(repo, "plan", "add", "华光", "--date", "明天", "--with", "袁婷").exit_code == 0
    subject = git(repo, "log", "-1", "--format=%s")
    assert subject.startswith("计划拜访：无锡华光汽车零部件有限公司 2026-11-21 面访"), subject
