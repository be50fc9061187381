"""Auto-commit in a real repository: exactly the written files, nothing else swept in."""

from __future__ import annotations

import shutil
import subprocess
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


def _state(top: Path) -> tuple[str, str, str, str]:
    """What a commit leaves behind: its tree and message, the index and the status."""
    return (git(top, "rev-parse", "HEAD^{tree}"), git(top, "log", "-1", "--format=%B"),
            git(top, "ls-files", "-s"), git(top, "status", "--porcelain", "-uall"))


def _scene(top: Path) -> list[Path]:
    """Changes of every kind around the paths a command writes: a rewritten file, new files in
    new nested folders, an unrelated staged file, an unstaged edit, a staged edit of one of
    the written files that the commit must replace."""
    card = top / "hengtong" / "account.yaml"
    card.write_text(card.read_text("utf-8") + "# 改过\n", "utf-8")
    new = top / "suzhou-lake" / "visits" / "2026-11-20-zhang.yaml"
    new.parent.mkdir(parents=True)
    new.write_text("date: 2026-11-20\n", "utf-8")
    month = top / "_sales" / "2031-01.csv"
    month.write_text("account,revenue\nhengtong,1.00\n", "utf-8")
    (top / "notes.txt").write_text("staged, not ours\n")
    git(top, "add", "notes.txt")
    other = top / "yongsheng" / "account.yaml"
    other.write_text(other.read_text("utf-8") + "# unstaged\n", "utf-8")
    git(top, "add", str(card))
    card.write_text(card.read_text("utf-8") + "# 再改\n", "utf-8")
    return [card, new, month]


def test_commit_leaves_what_git_add_and_commit_only_leave(repo: Path, tmp_path: Path) -> None:
    from kadev.store import git as kgit

    twin = tmp_path / "twin"
    shutil.copytree(repo, twin)
    message = "visit: 恒通 2026-11-20 phone (zhang)  \n\n\n second line\n"
    paths = _scene(repo)
    assert kgit.commit_paths(repo, paths, message, created=paths[1:]) is None
    twin_paths = _scene(twin)
    git(twin, "add", *[str(p) for p in twin_paths])
    git(twin, "commit", "-q", "--only", "-m", message, "--", *[str(p) for p in twin_paths])
    assert _state(repo) == _state(twin)
    assert git(repo, "show", "--name-only", "--format=", "HEAD").split() == [
        "_sales/2031-01.csv", "hengtong/account.yaml", "suzhou-lake/visits/2026-11-20-zhang.yaml"]
    subject = "visit: 恒通 2026-11-20 phone (zhang)\n"
    # writing the same bytes again records nothing
    assert kgit.commit_paths(repo, paths[:1], "again") is None
    assert git(repo, "log", "-1", "--format=%s") == subject


def test_hooks_signing_and_a_merge_under_way(repo: Path) -> None:
    from kadev.store import git as kgit

    card = repo / "hengtong" / "account.yaml"
    hooks = repo / ".git" / "hooks"

    def edit(note: str) -> list[Path]:
        card.write_text(card.read_text("utf-8") + f"# {note}\n", "utf-8")
        return [card]

    (hooks / "pre-commit").write_text("#!/bin/sh\necho 'kadev validate failed' >&2\nexit 1\n")
    assert kgit.commit_paths(repo, edit("a"), "blocked") is None  # not executable: git skips it
    (hooks / "pre-commit").chmod(0o755)
    assert kgit.commit_paths(repo, edit("b"), "blocked") == (
        "written and staged but not committed: git said: kadev validate failed")
    (hooks / "pre-commit").unlink()
    (hooks / "post-commit").write_text("#!/bin/sh\ntouch post-commit-ran\n")
    (hooks / "post-commit").chmod(0o755)
    assert kgit.commit_paths(repo, edit("c"), "hooked") is None
    assert (repo / "post-commit-ran").exists()
    (hooks / "post-commit").unlink()
    assert git(repo, "log", "--format=%s", "-2").split("\n")[:2] == ["hooked", "blocked"]

    fake_gpg = repo.parent / "gpg"
    fake_gpg.write_text("#!/bin/sh\nexit 1\n")
    fake_gpg.chmod(0o755)
    git(repo, "config", "gpg.program", str(fake_gpg))
    git(repo, "config", "commit.gpgsign", "true")
    note = kgit.commit_paths(repo, edit("d"), "signed")
    assert note is not None and "not committed" in note and "commit object" in note
    git(repo, "config", "commit.gpgsign", "false")
    assert kgit.commit_paths(repo, edit("e"), "unsigned") is None

    git(repo, "checkout", "-q", "-b", "other", "HEAD~1")
    (repo / "hengtong" / "account.yaml").write_text("name: x\n", "utf-8")
    git(repo, "commit", "-qam", "theirs")
    git(repo, "checkout", "-q", "-")
    subprocess.run(["git", "merge", "-q", "other"], cwd=repo, capture_output=True)
    assert (repo / ".git" / "MERGE_HEAD").exists()
    visit = repo / "yongsheng" / "account.yaml"
    visit.write_text(visit.read_text("utf-8") + "# during the merge\n", "utf-8")
    note = kgit.commit_paths(repo, [visit], "mid-merge")
    assert note == "written but not committed: a merge is under way"


def test_first_commit_and_ignored_new_files_go_through_git(tmp_path: Path) -> None:
    from kadev.store import git as kgit

    top = tmp_path / "fresh"
    top.mkdir()
    git(top, "init", "-q")
    first = top / "a" / "account.yaml"
    first.parent.mkdir()
    first.write_text("name: A\n")
    assert kgit.commit_paths(top, [first], "first", created=[first]) is None
    assert git(top, "log", "--format=%s") == "first\n"
    (top / ".gitignore").write_text("_sales/\n")
    git(top, "add", ".gitignore")
    git(top, "commit", "-qm", "ignore the ledger")
    month = top / "_sales" / "2026-01.csv"
    month.parent.mkdir()
    month.write_text("account,revenue\na,1.00\n")
    note = kgit.commit_paths(top, [month], "ledger", created=[month])
    assert note == ("written but not committed: git said: The following paths are ignored "
                    "by one of your .gitignore files:")
    assert git(top, "log", "-1", "--format=%s") == "ignore the ledger\n"
