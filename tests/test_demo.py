"""The sample generator is deterministic and the committed sample is its output."""

from __future__ import annotations

import filecmp
from pathlib import Path

from tests.conftest import SAMPLE, invoke


def _same_tree(a: Path, b: Path) -> list[str]:
    cmp = filecmp.dircmp(a, b, ignore=[".kadev-cache", ".git"])
    diffs = cmp.left_only + cmp.right_only + cmp.diff_files
    for sub in cmp.common_dirs:
        diffs += [f"{sub}/{d}" for d in _same_tree(a / sub, b / sub)]
    return diffs


def test_committed_sample_is_the_generators_output(tmp_path: Path) -> None:
    out = tmp_path / "fresh"
    result = invoke(None, "demo", str(out), "--no-git", today="2026-11-20")
    assert result.exit_code == 0, result.stderr
    assert _same_tree(SAMPLE, out) == [], "regenerate accounts/ (see README) and commit it"


def test_demo_is_deterministic_and_valid_at_another_size(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        assert invoke(None, "demo", str(out), "--accounts", "60", "--seed", "3",
                      "--no-git").exit_code == 0
    assert _same_tree(a, b) == []
    assert invoke(a, "validate").exit_code == 0


def test_a_large_network_has_about_one_rep_per_35_accounts(tmp_path: Path) -> None:
    import collections

    import yaml

    out = tmp_path / "big"
    assert invoke(None, "demo", str(out), "--accounts", "420", "--visits-per-account", "1",
                  "--months", "2", "--seed", "5", "--no-git").exit_code == 0
    team = yaml.safe_load((out / "kadev.yaml").read_text(encoding="utf-8"))["team"]
    assert team[:5] == ["zhang", "li", "wang", "chen", "zhao"] and len(team) == 12
    owners = collections.Counter(
        yaml.safe_load(card.read_text(encoding="utf-8"))["owner"]
        for card in out.glob("*/account.yaml"))
    assert set(owners) <= set(team) and len(owners) >= 10
    assert max(owners.values()) < 100  # no rep left with a whole region
    assert invoke(out, "validate").exit_code == 0


def test_demo_commits_in_a_new_repository(tmp_path: Path) -> None:
    out = tmp_path / "g"
    assert invoke(None, "demo", str(out), "--accounts", "5").exit_code == 0
    from tests.conftest import git

    assert git(out, "log", "--format=%s").startswith("demo: sample data (seed 7)")
    assert git(out, "status", "--porcelain") == ""


def test_demo_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "keep.txt").write_text("mine")
    result = invoke(None, "demo", str(tmp_path / "x"))
    assert result.exit_code == 1 and "not empty" in result.stderr
    assert (tmp_path / "x" / "keep.txt").read_text() == "mine"
