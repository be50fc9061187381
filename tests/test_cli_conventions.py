"""CLI conventions: usage errors exit 2 on one line, choices listed in --help and accepted in
Chinese, no source-document citations in anything a user reads."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer

from kadev import i18n
from kadev.analysis.due import KINDS
from kadev.cli import app
from kadev.cli.due import DUE_KINDS
from tests.conftest import invoke, snapshot

CITATION = re.compile(r"§|\b00[0-4]\b|DOMAIN")


def _commands(group: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for name, command in getattr(group, "commands", {}).items():
        found += _commands(command, (*path, name))
    return found


def test_no_citations_in_help_or_catalogue() -> None:
    for path in _commands(typer.main.get_command(app)):
        shown = invoke(None, *path, "--help")
        assert shown.exit_code == 0, path
        assert not CITATION.search(shown.stdout), (path, CITATION.search(shown.stdout))
    for key, pair in i18n.MESSAGES.items():
        for text in pair:
            assert not CITATION.search(text), key


@pytest.mark.parametrize("args, option", [
    (("due", "--format", "xml"), "--format 'xml'"),
    (("due", "--days", "x"), "--days"),
    (("due", "--kind", "nonsense"), "--kind 'nonsense'"),
    (("abc", "--by", "margin"), "--by 'margin'"),
    (("--lang", "fr", "due"), "--lang 'fr'"),
    (("due", "--no-such-option"), "--no-such-option"),
])
def test_usage_errors_exit_2_on_one_line(sample: Path, args: tuple[str, ...],
                                         option: str) -> None:
    result = invoke(sample, *args)
    assert result.exit_code == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and option in result.stderr
    assert result.stderr.startswith("error: ")


def test_choices_are_listed_in_help() -> None:
    shown = invoke(None, "visit", "add", "--help").stdout
    assert "[face-to-face|phone|email|letter|event]" in shown
    assert "[table|json|csv|xlsx|text]" in invoke(None, "due", "--help").stdout


def test_due_kinds_match_the_analysis() -> None:
    assert DUE_KINDS == KINDS


def test_chinese_words_for_enumerations_are_accepted(sample: Path) -> None:
    before = snapshot(sample)
    for word, value in (("面谈", "face-to-face"), ("电话", "phone"), ("邮件", "email"),
                        ("Face-To-Face", "face-to-face")):
        result = invoke(sample, "visit", "add", "huaguang", "--method", word, "--points", "x",
                        "--theirs", "袁婷")
        assert result.exit_code == 0, result.stderr
        written = [p for p in (sample / "huaguang" / "visits").iterdir()
                   if p.name not in before and f"huaguang/visits/{p.name}" not in before]
        assert any(f"method: {value}" in p.read_text("utf-8") for p in written), word
    added = invoke(sample, "account", "add", "某终端客户", "--owner", "zhang", "--nature",
                   "终端用户")
    assert added.exit_code == 0, added.stderr
    assert "nature: end_user" in next(
        p for p in sample.glob("*/account.yaml") if "某终端客户" in p.read_text("utf-8")
    ).read_text("utf-8")


def test_version_short_help_and_completion() -> None:
    from kadev import __version__
    from tests.conftest import SAMPLE, invoke

    assert invoke(None, "--version").stdout.strip() == f"kadev {__version__}"
    short = invoke(None, "-h")
    assert short.exit_code == 0 and "Usage: " in short.stdout and "<str>" not in short.stdout
    assert invoke(None, "due", "-h").stdout.startswith("Usage: ")
    assert "--install-completion" in invoke(None, "--help").stdout
    homophone = invoke(SAMPLE, "brief", "华广")
    assert homophone.exit_code == 1 and "huaguang (无锡华光汽车零部件有限公司)" in homophone.stderr


def test_shell_completion_offers_account_ids_and_short_names(sample: Path) -> None:
    import os
    import subprocess
    import sys

    def complete(env: dict[str, str]) -> str:
        return subprocess.run([sys.executable, "-m", "kadev"], capture_output=True, text=True,
                              cwd=sample, env={**os.environ, "_KADEV_COMPLETE": "", **env},
                              check=True).stdout

    bash = complete({"_KADEV_COMPLETE": "complete_bash", "COMP_WORDS": "kadev visit add hua",
                     "COMP_CWORD": "3"})
    assert bash.split() == ["huaguang", "huaguang-mianyang", "huasheng"]
    zsh = complete({"_KADEV_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "kadev brief 华"})
    assert '"华光"' in zsh and '"华盛"' in zsh


def test_an_ambiguous_name_at_a_terminal_is_a_numbered_choice(sample: Path) -> None:
    """On a terminal `brief 华` lists the three matches by number and asks (again after a
    wrong number); without one it is the one-line error listing them."""
    import os
    import pty
    import select
    import subprocess
    import sys
    import time

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "kadev", "--lang", "zh", "--today", "2026-11-20", "brief", "华"],
        stdin=follower, stdout=follower, stderr=follower, cwd=sample,
        env={**os.environ, "COLUMNS": "100"})
    os.close(follower)
    seen = b""

    def read_until(marker: bytes, seconds: float = 20) -> None:
        nonlocal seen
        end = time.time() + seconds
        while marker not in seen and time.time() < end:
            if select.select([leader], [], [], 0.2)[0]:
                try:
                    chunk = os.read(leader, 4096)
                except OSError:
                    return
                if not chunk:
                    return
                seen += chunk

    read_until("序号（1-3）: ".encode())
    os.write(leader, b"9\n")
    read_until("序号（1-3）: 9".encode() + b"\r\n" + "序号".encode())
    os.write(leader, b"2\n")
    read_until("我方承诺".encode())
    assert process.wait(20) == 0
    os.close(leader)
    text = seen.decode()
    assert "有 3 个客户符合，是哪一个？" in text
    assert "2. 无锡华光汽车零部件有限公司 (huaguang)" in text and "我方承诺" in text
    piped = invoke(sample, "brief", "华")
    assert piped.exit_code == 1 and "matches 3 accounts" in piped.stderr
