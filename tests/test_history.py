"""`kadev history` in a real repository: field-level changes over successive edits."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import git, invoke


def _edit(repo: Path, old: str, new: str, message: str) -> None:
    card = repo / "huaguang" / "account.yaml"
    card.write_text(card.read_text("utf-8").replace(old, new, 1), "utf-8")
    git(repo, "commit", "-qam", message)


def test_three_edits_show_field_changes(repo: Path) -> None:
    _edit(repo, "payment_terms: ", "payment_terms: 月结 90 天 #", "payment terms changed")
    _edit(repo, "  title: 总经理\n", "  title: 董事长\n", "promotion")
    assert invoke(repo, "account", "review", "huaguang", today="2026-11-30").exit_code == 0
    data = json.loads(invoke(repo, "history", "huaguang", "--format", "json").stdout)
    entries = data["history"]
    assert [e["message"] for e in entries[:3]] == [
        "account: review 无锡华光汽车零部件有限公司 (huaguang) 2026-11-30", "promotion",
        "payment terms changed"]
    assert entries[0]["changes"] == [{"field": "reviewed", "old": entries[0]["changes"][0]["old"],
                                      "new": "2026-11-30"}]
    assert entries[1]["changes"] == [{"field": "contacts[袁婷].title", "old": "总经理",
                                      "new": "董事长"}]
    assert entries[2]["changes"][0]["field"] == "credit.payment_terms"
    assert entries[2]["changes"][0]["new"].startswith("月结 90 天")
    assert entries[-1]["message"] == "sample"
    table = invoke(repo, "history", "huaguang")
    assert "contacts[袁婷].title: 总经理 → 董事长" in table.stdout
    assert "card created" in table.stdout
    patch = invoke(repo, "history", "huaguang", "--patch")
    assert "-    title: 总经理" in patch.stdout or "-  title: 总经理" in patch.stdout


def test_not_yet_committed_and_no_git(sample: Path) -> None:
    outside = invoke(sample, "history", "huaguang")
    assert outside.exit_code == 1 and "not in a git work tree" in outside.stderr
    git(sample, "init", "-q")
    fresh = invoke(sample, "history", "huaguang")
    assert fresh.exit_code == 0
    assert fresh.stdout.startswith("huaguang: no committed history yet;")
    assert "uncommitted file(s)" in fresh.stdout


def test_section_parsing_gives_what_a_whole_parse_gives() -> None:
    """`history` parses a card's versions section by section with a memo; for every sample
    card, after random line edits, the result is the whole text's (or both fail)."""
    import random

    import yaml

    from kadev.analysis.history import Versions, flatten

    def parse(text: str) -> object:
        return yaml.load(text, Loader=yaml.CSafeLoader)  # noqa: S506

    sample = Path(__file__).resolve().parent.parent / "accounts"
    cards = [p.read_text("utf-8") for p in sorted(sample.glob("*/account.yaml"))]
    cards += ["---\nname: x\n", "name: x\n? y\n: z\n", "a: {b: 1,\nc: 2}\n", "# only\n",
              "name: x\nlist:\n- 1\n- 2\nother: [1,\n  2]\n", "a: 1\na: 2\n", "'q': 1\n",
              "a: |\n  text\n\n  more\nb: 2\n"]
    versions = Versions(parse)
    chance = random.Random(7)
    for text in cards:
        for _ in range(12):
            lines = text.splitlines(keepends=True)
            at = chance.randrange(len(lines))
            what = chance.choice(["drop", "dent", "value", "dash", "copy"])
            if what == "drop":
                del lines[at]
            elif what == "dent":
                lines[at] = lines[at].lstrip()
            elif what == "value":
                lines[at] = lines[at].rstrip("\n") + " 改\n"
            elif what == "dash":
                lines[at] = "- " + lines[at]
            else:
                lines.insert(at, lines[chance.randrange(len(lines))])
            edited = "".join(lines)
            try:
                whole: object = flatten(parse(edited) or {})
            except yaml.YAMLError:
                whole = "error"
            try:
                parts: object = versions.flat(edited)
            except yaml.YAMLError:
                parts = "error"
            if whole != "error":
                assert parts == whole, edited
                assert list(parts) == list(whole)  # type: ignore[call-overload]
