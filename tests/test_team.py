"""A team sharing the folder through git: two clones of one bare remote. A conflicted or
broken card stops only its own account; everything else keeps working."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import git, invoke


@pytest.fixture
def clones(repo: Path, tmp_path: Path) -> tuple[Path, Path]:
    remote = tmp_path / "remote.git"
    git(tmp_path, "clone", "-q", "--bare", str(repo), str(remote))
    one, two = tmp_path / "zhang", tmp_path / "li"
    for clone in (one, two):
        git(tmp_path, "clone", "-q", str(remote), str(clone))
    return one, two


def _conflict(one: Path, two: Path) -> None:
    """Both reps move the same deal to different stages; li pulls: a conflict in the card."""
    for clone, stage in ((one, "tender"), (two, "negotiation")):
        result = invoke(clone, "visit", "add", "huaguang", "--method", "phone", "--points",
                        "x", "--stage", stage, "--deal", "立式加工中心")
        assert result.exit_code == 0, result.stderr
    git(one, "push", "-q")
    pulled = subprocess.run(["git", "pull", "-q", "--no-rebase"], cwd=two, capture_output=True,
                            text=True)
    assert pulled.returncode != 0 and (two / ".git" / "MERGE_HEAD").exists()


def test_a_conflicted_card_stops_only_its_account(clones: tuple[Path, Path]) -> None:
    one, two = clones
    _conflict(one, two)
    due = invoke(two, "due")
    assert due.exit_code == 0, due.stderr
    assert "left out huaguang" in due.stderr and "unresolved merge conflict" in due.stderr
    assert len([line for line in due.stderr.splitlines() if "huaguang" in line]) == 1
    assert "hengtong" in due.stdout
    for args in (("due", "--owner", "zhang"), ("account", "list"), ("funnel",), ("abc",),
                 ("brief", "hengtong")):
        result = invoke(two, *args)
        assert result.exit_code == 0, (args, result.stderr)
    shown = invoke(two, "brief", "huaguang")
    assert shown.exit_code == 1 and "unresolved merge conflict" in shown.stderr
    checked = invoke(two, "validate")
    assert checked.exit_code == 1
    assert "huaguang/account.yaml:" in checked.stdout and "merge conflict" in checked.stdout
    status = git(two, "status", "--porcelain")
    write = invoke(two, "complaint", "add", "hengtong", "--what", "漏油")
    assert write.exit_code == 1 and "merge is under way" in write.stderr
    assert git(two, "status", "--porcelain") == status  # nothing written


def test_a_broken_hand_edit_in_one_card_leaves_the_others_working(repo: Path) -> None:
    card = repo / "hengtong" / "account.yaml"
    card.write_text(card.read_text("utf-8") + "owner: [unclosed\n", "utf-8")
    due = invoke(repo, "due", "--owner", "chen")
    assert due.exit_code == 0 and due.stdout.strip()
    listed = invoke(repo, "account", "list")
    assert listed.exit_code == 0 and "left out hengtong" in listed.stderr
    assert "huaguang" in listed.stdout
    assert invoke(repo, "validate").exit_code == 1
    refused = invoke(repo, "account", "review", "hengtong", today="2030-01-01")
    assert refused.exit_code == 1 and "hengtong/account.yaml:" in refused.stderr


def test_who_i_am_sets_my_list_my_briefings_and_my_visits(repo: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    import json

    import yaml

    whole = json.loads(invoke(repo, "due", "--format", "json").stdout)["items"]
    assert {i["owner"] for i in whole} >= {"chen", "zhang"}
    git(repo, "config", "kadev.user", "zhang")
    mine = json.loads(invoke(repo, "due", "--format", "json").stdout)["items"]
    assert mine and {i["owner"] for i in mine} == {"zhang"}
    everyone = json.loads(invoke(repo, "due", "--team", "--format", "json").stdout)["items"]
    assert len(everyone) == len(whole)
    monkeypatch.setenv("KADEV_USER", "chen")  # the environment wins over git config
    assert {i["owner"] for i in json.loads(invoke(repo, "due", "--format",
                                                  "json").stdout)["items"]} == {"chen"}
    assert invoke(repo, "visit", "add", "hengtong", "--method", "phone",
                  "--points", "x").exit_code == 0
    visit = git(repo, "show", "--name-only", "--format=", "HEAD").split()[0]
    assert yaml.safe_load((repo / visit).read_text("utf-8"))["ours"] == ["chen"]
    assert git(repo, "log", "-1", "--format=%s").strip().endswith("(chen)")
    typo = invoke(repo, "due", "--owner", "chenn")
    assert typo.exit_code == 2 and "'chenn' is not in the team (closest: chen" in typo.stderr
    monkeypatch.setenv("KADEV_USER", "nobody")
    wrong = invoke(repo, "due")
    assert wrong.exit_code == 2 and "KADEV_USER 'nobody'" in wrong.stderr
