"""`--format text` for brief, due and plan list: what a rep pastes into a WeChat message —
【】 headings, one line per item, no markdown, no contact's personal data, one message long."""

from __future__ import annotations

import re

import pytest

from tests.conftest import Run

MARKUP = re.compile(r"^\s*(#|- |\* |> |```)|\*\*|__")


@pytest.mark.parametrize("args", [("due", "--owner", "chen"), ("due", "--team"),
                                  ("plan", "list", "--team", "--week"),
                                  ("brief", "huaguang"), ("brief", "--today", "--team")])
def test_text_pastes_cleanly(run: Run, args: tuple[str, ...]) -> None:
    result = run("--lang", "zh", *args, "--format", "text")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.startswith("【") and "】" in text.splitlines()[0]
    assert not [line for line in text.splitlines() if MARKUP.search(line)]
    for message in text.split("\n——————\n\n"):  # one message per briefing
        assert len(message) < 2000 and len(message.splitlines()) <= 45, message
    assert "\x1b" not in text  # no terminal colours


def test_text_leaves_personal_data_out(run: Run, sample) -> None:  # type: ignore[no-untyped-def]
    card = sample / "huaguang" / "account.yaml"
    text = card.read_text("utf-8")
    assert "birthday:" in text and "personal:" in text  # the sample has personal data here
    import yaml

    data = yaml.safe_load(text)
    personal = [str(v) for c in data["contacts"] for v in
                [*(c.get("personal") or {}).values(), c.get("birthday")] if v and len(str(v)) > 3]
    assert personal
    brief = run("--lang", "zh", "brief", "huaguang", "--format", "text").stdout
    due = run("--lang", "zh", "due", "--owner", "chen", "--days", "366", "--format",
              "text").stdout
    for value in personal:
        assert value not in brief and value not in due, value


def test_due_text_numbers_items_and_counts_the_rest(run: Run) -> None:
    text = run("--lang", "zh", "due", "--team", "--days", "60", "--format", "text").stdout
    lines = text.splitlines()
    assert lines[1].startswith("1. ") and "｜" in lines[1]
    if len(lines) > 31:
        assert re.fullmatch(r"……另有 \d+ 项", lines[-1])
    english = run("due", "--owner", "chen", "--format", "text").stdout
    assert english.splitlines()[1].startswith("1. ") and " | " in english
