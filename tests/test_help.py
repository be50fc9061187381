"""`--help` and usage errors in the user's language: every help text has its Chinese, the
language is known before the options are parsed, examples are printed as written."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import Any

import pytest
import typer

from kadev.cli import app
from kadev.cli.help_zh import HELP_ZH
from tests.conftest import SAMPLE, invoke


def _help_texts(command: Any) -> set[str]:
    found = {inspect.cleandoc(command.help)} if command.help else set()
    found |= {p.help for p in command.params if getattr(p, "help", None)}
    for sub in getattr(command, "commands", {}).values():
        found |= _help_texts(sub)
    return found


def test_every_help_text_has_its_chinese_and_no_entry_is_stale() -> None:
    texts = _help_texts(typer.main.get_command(app)) | {"Show this message and exit."}
    missing = sorted(t for t in texts if t not in HELP_ZH)
    assert not missing, missing
    stale = sorted(k for k in HELP_ZH if k not in texts)
    assert not stale, stale
    for english, chinese in HELP_ZH.items():
        assert re.search(r"[\u4e00-\u9fff]", chinese), english
        for example in re.findall(r"^(?:Examples?: (kadev .*)|(kadev --.*))$", english, re.M):
            example = example[0] or example[1]
            assert example in chinese, example  # examples are kept as written


@pytest.mark.parametrize("args", [(), ("due",), ("visit", "add"), ("plan",), ("abc",),
                                  ("sales", "import"), ("account",)])
def test_help_in_chinese(args: tuple[str, ...]) -> None:
    result = invoke(None, "--lang", "zh", *args, "--help")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("用法：") and "选项：" in out
    assert "Usage" not in out and "Options" not in out and "Show this message" not in out
    for english in HELP_ZH:  # no help text is left in English
        assert len(english) < 12 or english[:30] not in out, english


def test_chinese_help_from_environment_and_settings(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KADEV_LANG", "zh")
    assert invoke(None, "due", "-h").stdout.startswith("用法：")
    monkeypatch.delenv("KADEV_LANG")
    root = tmp_path / "zh"
    assert invoke(None, "init", str(root), "--lang", "zh", "--no-git").exit_code == 0
    assert invoke(root, "--help").stdout.startswith("用法：")   # kadev.yaml's language
    assert invoke(root, "plan").stdout.startswith("用法：")     # a group without its command
    assert invoke(root, "--lang", "en", "--help").stdout.startswith("Usage:")


def test_examples_are_printed_as_written() -> None:
    out = invoke(None, "visit", "add", "--help").stdout
    assert ('Example: kadev visit add 华光 --method face-to-face --theirs 袁婷 '
            '--points "二期方案" \\\n  --next-steps "周五前报价" --next-visit 2026-11-27 '
            '--stage tender') in out
    zh = invoke(None, "--lang", "zh", "due", "--help").stdout
    assert ("  示例：kadev due --owner zhang --days 14; "
            "kadev due --missed --since 2026-10-01\n") in zh
    assert "<str>" not in out and "<int range>" not in invoke(None, "due", "-h").stdout


def test_chinese_help_wraps_by_width_and_never_starts_a_line_with_closing_marks() -> None:
    import os
    import subprocess
    import sys

    from rich.cells import cell_len

    for width in (60, 80, 100):  # a real process: click's test runner forces 80 columns
        out = subprocess.run([sys.executable, "-m", "kadev", "--lang", "zh", "brief", "--help"],
                             capture_output=True, text=True, check=True,
                             env={**os.environ, "COLUMNS": str(width)}).stdout
        for line in out.splitlines():
            assert cell_len(line) <= width or line.lstrip().startswith(("示例", "kadev", "-")), \
                line
            assert not line.strip() or line.strip()[0] not in "。，、；：？！）」』】》", line


@pytest.mark.parametrize(("args", "zh", "en"), [
    (("due", "--days", "x"), "错误：--days 'x' 不是有效的整数", "error: --days 'x' is not a valid"),
    (("due", "--days", "-3"), "错误：--days -3 不在范围 x>=0 内", "not in the range"),
    (("due", "--owne", "x"), "错误：没有这个选项：--owne（是否要用 --owner",
     "No such option: --owne"),
    (("abc", "--from"), "错误：选项 --from 需要一个值", "requires an argument"),
    (("duee",), "错误：没有这个命令：「duee」（是否要用 'due'？）", "No such command 'duee'"),
    (("visit", "add"), "错误：缺少 客户", "Missing argument 'ACCOUNT'"),
    (("due", "extra"), "错误：多余的参数：extra", "unexpected extra argument"),
    (("due", "--format", "xml"), "错误：--format 'xml'：应为 table, json, csv, xlsx, text 之一",
     "xml"),
])
def test_usage_errors_in_the_language_exit_2(args: tuple[str, ...], zh: str, en: str) -> None:
    chinese = invoke(SAMPLE, "--lang", "zh", *args)
    assert chinese.exit_code == 2 and chinese.stderr.startswith(zh), chinese.stderr
    assert len(chinese.stderr.strip().splitlines()) == 1
    english = invoke(SAMPLE, "--lang", "en", *args)
    assert english.exit_code == 2 and en in english.stderr, english.stderr
