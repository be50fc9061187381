"""Contacts' personal data (birthdays, personal notes, trips) never appears in a default
output: a marker is planted in every personal field of every contact, every command runs
as a user types it (and in every format), and none of what they print or write holds a
marker. Only the briefing and a rep's own morning list show it on screen, and `--personal`."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
import yaml

from tests.conftest import git, invoke

BIRTHDAY = "1933-03-03"


def _plant(root: Path) -> int:
    planted = 0
    for path in sorted(root.glob("*/account.yaml")):
        card = yaml.safe_load(path.read_text("utf-8"))
        for n, person in enumerate(card.get("contacts") or []):
            person["birthday"] = BIRTHDAY
            person["personal"] = {k: f"PMARK{k}{n}" for k in
                                  (person.get("personal") or {"family": ""})}
            person["itinerary"] = [{"place": f"PMARKplace{n}", "start": "2026-11-21",
                                    "end": "2026-11-23", "purpose": f"PMARKwhy{n}"}]
            planted += 1
        path.write_text(yaml.safe_dump(card, allow_unicode=True, sort_keys=False), "utf-8")
    return planted


COMMANDS = [
    "due --team", "due --owner chen --format json", "due --owner chen --format csv",
    "due --owner chen --format text", "due --missed --team", "abc", "abc --format json",
    "funnel", "funnel --format json", "matrix --format json", "report performance",
    "account list", "account list --format json", "account list --format csv",
    "account show huaguang", "account show huaguang --format json", "history huaguang",
    "history huaguang --patch", "visit list huaguang --format json", "complaint list",
    "plan list --team --format json", "brief huaguang --format text",
    "brief huaguang --no-personal", "brief huaguang --no-personal --format markdown",
    "validate", "validate --format json",
]


def test_no_default_output_holds_personal_data(repo: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KADEV_USER", "chen")
    assert _plant(repo) > 50
    git(repo, "commit", "-qam", "personal data everywhere")
    marker = re.compile(r"PMARK|" + BIRTHDAY + "|03-03")
    leaks = []
    for line in COMMANDS:
        result = invoke(repo, *line.split())
        assert result.exit_code in (0, 1), (line, result.stderr)
        for stream in (result.stdout, result.stderr):
            leaks += [f"{line}: {m.group()}" for m in marker.finditer(stream)]
    calendar = tmp_path / "c.ics"
    assert invoke(repo, "calendar", "--team", "-o", str(calendar)).exit_code == 0
    leaks += ["calendar"] if marker.search(calendar.read_text("utf-8")) else []
    export = tmp_path / "t.sqlite"
    assert invoke(repo, "export", "--format", "sqlite", "-o", str(export)).exit_code == 0
    db = sqlite3.connect(export)
    dump = "\n".join(db.iterdump())
    db.close()
    leaks += ["export"] if marker.search(dump) else []
    # asked for, it is there
    assert "PMARK" in invoke(repo, "account", "show", "huaguang", "--personal").stdout
    assert "PMARK" in invoke(repo, "history", "huaguang", "--patch", "--personal").stdout
    assert "(personal data: --personal)" in invoke(repo, "history", "huaguang", "--patch").stdout
    # a wrong value in a personal field: the error names the field, not the value
    card = repo / "huaguang" / "account.yaml"
    card.write_text(card.read_text("utf-8").replace("PMARKfamily0", "[PMARKfamily0, 1]"), "utf-8")
    broken = invoke(repo, "validate")
    assert broken.exit_code == 1 and "contacts[0].personal" in broken.stdout
    leaks += [f"validate error: {broken.stdout}"] if marker.search(broken.stdout) else []
    assert not leaks, "\n".join(leaks)
