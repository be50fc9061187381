"""Chinese first: the catalogue is complete in both languages, lookup by pinyin and initials,
and golden output of abc, due and brief in both languages at 80 and 120 columns."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from kadev import i18n
from kadev.analysis.lookup import Candidate, resolve
from kadev.errors import NotFoundError
from tests.conftest import REPO, SAMPLE, invoke
from tests.test_brief import check_golden


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    for key, (en, zh) in i18n.MESSAGES.items():
        assert en.strip() and zh.strip(), key
        assert _fields(en) == _fields(zh), key
    for kind, values in i18n.LABELS.items():
        for value, (en, zh) in values.items():
            assert en and zh, (kind, value)


def test_every_key_the_code_uses_is_in_the_catalogue() -> None:
    used: set[str] = set()
    families: set[str] = set()
    for path in (REPO / "kadev").rglob("*.py"):
        text = path.read_text("utf-8")
        used |= set(re.findall(r'\bt\("([a-z_.A-Z0-9 ]+)"', text))
        # (messages worded when shown: made by `lazy`, or raised with a `code`)
        used |= set(re.findall(r'\b(?:lazy\(|code=)"([a-z_.A-Z0-9 ]+)"', text))
        families |= set(re.findall(r'\bt\(f"([a-z_]+)\.\{', text))
    missing = sorted(k for k in used if k not in i18n.MESSAGES)
    assert not missing, missing
    for family in families:
        assert any(k.startswith(family + ".") for k in i18n.MESSAGES), family
    for shape in ("balanced", "prospecting only", "following only", "closing only", "uneven",
                  "empty"):
        assert f"shape.{shape}" in i18n.MESSAGES
    for grade in "ABCD":
        assert f"policy.{grade}" in i18n.MESSAGES


CANDIDATES = [Candidate("huaguang", "无锡华光汽车零部件有限公司", ("无锡华光", "华光")),
              Candidate("huaguang-mianyang", "绵阳华光自动化装备有限公司", ("绵阳华光",)),
              Candidate("hengtong", "中山恒通机床销售有限公司", ("中山恒通",))]


@pytest.mark.parametrize(("query", "found"), [
    ("华光", "huaguang"),            # an alias, exactly
    ("华光汽车", "huaguang"),        # part of the name
    ("绵阳", "huaguang-mianyang"),
    ("wuxihuaguang", "huaguang"),    # full pinyin, part
    ("mianyanghuaguang", "huaguang-mianyang"),
    ("wxhg", "huaguang"),            # initials
    ("zsht", "hengtong"),
    ("无锡华广汽车", "huaguang"),   # a homophone from the input method (广 for 光)
])
def test_lookup_by_part_pinyin_and_initials(query: str, found: str) -> None:
    assert resolve(query, CANDIDATES).id == found


def test_ambiguous_lookup_lists_ranked_candidates() -> None:
    with pytest.raises(NotFoundError) as err:
        resolve("huaguang-", CANDIDATES + [Candidate("huaguang-x", "X", ())])
    assert str(err.value).startswith("'huaguang-' matches 2 accounts: huaguang-x (X), "
                                     "huaguang-mianyang")
    with pytest.raises(NotFoundError, match="matches 2 accounts"):
        resolve("hg", CANDIDATES)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize(("name", "args"), [("abc", ("abc",)), ("due", ("due",)),
                                            ("brief", ("brief", "huaguang")),
                                            ("show", ("account", "show", "huaguang")),
                                            ("list", ("account", "list"))])
def test_golden_reports(lang: str, width: int, name: str, args: tuple[str, ...],
                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = invoke(SAMPLE, "--lang", lang, *args)
    assert result.exit_code == 0, result.stderr
    check_golden(f"{name}-{lang}-{width}.txt", result.stdout)
    from rich.cells import cell_len

    assert all(cell_len(line) <= width for line in result.stdout.splitlines())


def test_lang_from_environment_and_settings(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KADEV_LANG", "zh")
    assert "没有与「nobody」匹配的客户" in invoke(SAMPLE, "account", "show", "nobody").stderr
    monkeypatch.delenv("KADEV_LANG")
    root = tmp_path / "zh"
    assert invoke(None, "init", str(root), "--lang", "zh", "--no-git").exit_code == 0
    result = invoke(root, "validate")
    assert result.stdout.startswith("通过：")
    english = invoke(root, "--lang", "en", "validate")
    assert english.stdout.startswith("ok:")


def test_units_wan(run) -> None:  # type: ignore[no-untyped-def]
    result = run("--units", "wan", "account", "list")
    assert result.exit_code == 0 and "万" in result.stdout


def test_table_cells_print_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    """Rich markup and emoji codes in data are not interpreted: '[急]' or ':cn:' stay."""
    from kadev.render.output import print_table

    print_table("t", ["note"], [["[bold]急[/bold] 单号:cn: [急]"]])
    assert "[bold]急[/bold] 单号:cn: [急]" in capsys.readouterr().out


_SHOWN = {"echo", "secho", "prompt", "confirm", "print", "Problem", "UsageError", "DataError",
          "NotFoundError", "WriteRefused", "KadevError", "NotCommitted", "BadParameter", "Text",
          "table", "print_table", "spinner", "progress_bar"}


def test_no_user_facing_literal_bypasses_the_catalogue() -> None:
    """What is echoed, prompted, confirmed, raised to the user or put in a table is a
    catalogue message, never an English literal in the code (help texts are checked by
    test_help against their Chinese)."""
    import ast

    def text(node: ast.expr) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.JoinedStr):
            return "".join(v.value for v in node.values if isinstance(v, ast.Constant)
                           and isinstance(v.value, str))
        return None

    found = []
    for path in sorted((REPO / "kadev").rglob("*.py")):
        if path.name in ("i18n.py", "help_zh.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = (func.attr if isinstance(func, ast.Attribute)
                    else func.id if isinstance(func, ast.Name) else "")
            if name not in _SHOWN:
                continue
            for arg in node.args[:2]:
                words = text(arg)
                if words and re.search(r"[A-Za-z]{2,}", words) and words.strip() != "kadev":
                    found.append(f"{path.relative_to(REPO)}:{node.lineno}: {words!r}")
    assert not found, "\n".join(found)


def test_an_account_in_the_ledger_without_a_card_is_named_in_the_language(sample: Path
                                                                          ) -> None:
    """Sales booked to an account that has no card: its name (ABC) and its owner
    (performance) say so in the reader's language; JSON keeps the fixed text."""
    for month in sorted((sample / "_sales").glob("*.csv")):
        with month.open("a", encoding="utf-8") as ledger:
            ledger.write("ghost,900000.00,90000.00,CK6150 数控车床,1\n")
    for args in (("report", "performance"), ("abc", "--format", "csv")):
        zh = invoke(sample, "--lang", "zh", *args)
        assert zh.exit_code == 0, zh.stderr
        assert "（无档案卡）" in zh.stdout and "(no card)" not in zh.stdout, args
        en = invoke(sample, *args)
        assert "(no card)" in en.stdout, args
    data = invoke(sample, "--lang", "zh", "abc", "--format", "json").stdout
    assert '"name": "(no card)"' in data


def test_a_ledger_row_that_cannot_be_read_is_named_in_the_language(sample: Path) -> None:
    """What is wrong with a ledger row is said in the reader's language, whichever language
    read it first (the problems are kept in the index as messages, not words)."""
    month = sorted((sample / "_sales").glob("*.csv"))[-1]
    month.write_text(month.read_text("utf-8") + ",1,,P1,\nyongsheng,12x,,P9,\n"
                     "yongsheng,1,,P9,2x\nyongsheng,1\n", encoding="utf-8")
    en = invoke(sample, "validate")
    assert en.exit_code == 1
    for said in ("empty account", "revenue: not an amount: '12x'",
                 "quantity: not a number: '2x'", "expected 5 columns, found 2"):
        assert said in en.stdout, (said, en.stdout)
    zh = invoke(sample, "--lang", "zh", "validate")
    assert zh.exit_code == 1
    for said in ("客户编号为空", "revenue：不是有效金额：'12x'", "quantity：不是数字：'2x'",
                 "应有 5 列，实际为 2 列"):
        assert said in zh.stdout, (said, zh.stdout)


@pytest.mark.parametrize(("content", "said"), [
    (b"account,revenue\n\xff\xfe,1\n", "file is not UTF-8"),
    (b"", "empty"),
    (b"customer,amount\nx,1\n", "header must be account,revenue,profit,product,quantity"),
])
def test_a_ledger_month_that_cannot_be_read_is_one_line(sample: Path, content: bytes,
                                                        said: str) -> None:
    (sample / "_sales" / "2026-12.csv").write_bytes(content)
    result = invoke(sample, "validate")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert f"_sales/2026-12.csv:1:1: {said}" in result.stdout, result.stdout


@pytest.mark.parametrize(("path", "change", "english", "chinese"), [
    ("huaguang/account.yaml", ("  birthday: ", "  birthday: 02-30\n  x_was: "),
     "no such day: 02-30", "没有这一天：02-30"),
    ("kadev.yaml", ("abc_thresholds:", "abc_thresholds: [55]\nx_was:"),
     "abc_thresholds is two percentages", "abc_thresholds 须为两个百分比"),
    ("kadev.yaml", ("grade_months:", "grade_months: [3, 2, 1]\nx_was:"),
     "grade_months is three increasing month counts", "grade_months 须为三个递增的月数"),
])
def test_rules_of_fields_are_said_in_the_language(sample: Path, path: str,
                                                  change: tuple[str, str], english: str,
                                                  chinese: str) -> None:
    file = sample / path
    text = file.read_text("utf-8")
    assert change[0] in text
    file.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    en, zh = invoke(sample, "validate"), invoke(sample, "--lang", "zh", "validate")
    assert en.exit_code == 1 and english in en.stdout + en.stderr, en.stdout + en.stderr
    assert zh.exit_code == 1 and chinese in zh.stdout + zh.stderr, zh.stdout + zh.stderr
    assert english not in zh.stdout + zh.stderr


def test_a_ledger_row_of_an_account_without_a_folder_is_said_in_the_language(
        sample: Path) -> None:
    month = sorted((sample / "_sales").glob("*.csv"))[-1]
    month.write_text(month.read_text("utf-8") + "ghost,5,,P1,\n", encoding="utf-8")
    assert "unknown account 'ghost'" in invoke(sample, "validate").stdout
    assert "未知客户 'ghost'" in invoke(sample, "--lang", "zh", "validate").stdout


def test_how_each_tier_factor_was_got_is_said_in_the_language(sample: Path) -> None:
    """The matrix's JSON says how each of the four factors was scored (annual sales, the
    revenue rank, the relationship's depth …), in the reader's language."""
    import json

    zh = json.loads(invoke(sample, "--lang", "zh", "matrix", "--format", "json").stdout)
    said = " ".join(str(f["from"]) for row in zh["tiers"] for f in row["factors"].values())
    assert "销售额排名第" in said and "revenue rank" not in said
    en = json.loads(invoke(sample, "matrix", "--format", "json").stdout)
    said = " ".join(str(f["from"]) for row in en["tiers"] for f in row["factors"].values())
    assert "revenue rank" in said and ", " in said
