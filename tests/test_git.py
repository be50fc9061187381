"""Auto-commit in a real repository: exactly the written files, nothing else swept in."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import git, invoke


def test_commit_contains_only_written_files_and_keeps_other_staged_changes(repo: Path) -> None:
    other = repo / "hengtong" / "account.yaml"
    other.write_text(other.read_text("utf-8") + "industry_note_unstaged: x\n", "utf-8")
    staged = repo / "notes-staged.txt"
    (repo / "yongsheng" / "account.yaml").write_text(
        (repo / "yongsheng" / "account.yaml").read_text("utf-8").replace("region:", "region:"),
        "utf-8")
    staged.write_text("staged but not ours\n")
    git(repo, "add", str(staged))
    result = invoke(repo, "account", "add", "Suzhou Lake Valve Co., Ltd.", "--owner", "zhang",
                    "--nature", "end_user")
    assert result.exit_code == 0, result.stderr
    files = git(repo, "show", "--name-only", "--format=", "HEAD").split()
    assert files == ["suzhou-lake-valve/account.yaml"]
    status = git(repo, "status", "--porcelain").splitlines()
    assert "A  notes-staged.txt" in status
    assert " M hengtong/account.yaml" in status


def test_init_creates_commented_settings_gitignore_and_repo(tmp_path: Path) -> None:
    target = tmp_path / "new"
    result = invoke(None, "init", str(target))
    assert result.exit_code == 0, result.stderr
    assert "# Funnel grade by months" in (target / "kadev.yaml").read_text("utf-8")
    assert (target / ".gitignore").read_text() .strip().endswith(".kadev-cache/")
    assert git(target, "log", "--format=%s") == "init: kadev data root\n"
    assert invoke(target, "validate").exit_code == 0
    again = invoke(None, "init", str(target))
    assert again.exit_code == 1 and "exists already" in again.stderr


def test_init_no_git_and_chinese_comments(tmp_path: Path) -> None:
    target = tmp_path / "zh"
    assert invoke(None, "init", str(target), "--no-git", "--lang", "zh").exit_code == 0
    assert not (target / ".git").exists()
    text = (target / "kadev.yaml").read_text("utf-8")
    assert "# 拜访后须在此天数内电话或再次拜访跟进。" in text and "lang: zh" in text


def test_no_commit_when_auto_commit_is_off(repo: Path) -> None:
    settings = repo / "kadev.yaml"
    settings.write_text(settings.read_text("utf-8").replace("auto_commit: true",
                                                            "auto_commit: false"), "utf-8")
    git(repo, "commit", "-qam", "off")
    assert invoke(repo, "account", "review", "hengtong", today="2027-01-01").exit_code == 0
    assert git(repo, "log", "-1", "--format=%s") == "off\n"
    assert git(repo, "status", "--porcelain") == " M hengtong/account.yaml\n"
