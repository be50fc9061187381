"""The pre-commit check: `kadev init --hook` (or `git-setup --hook`) installs a plain git hook
that runs `kadev validate --staged`, which checks exactly what the commit holds (the staged
versions of the touched account folders), refuses a broken card in a real repository, lets a
good one through, and stays out of kadev's own commits."""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from tests.conftest import REPO, git, invoke


def _commit(repo: Path, message: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo,
                          capture_output=True, text=True)


def test_the_hook_refuses_a_broken_card_and_lets_a_good_one_through(repo: Path) -> None:
    result = invoke(repo, "git-setup", "--hook")
    assert result.exit_code == 0 and "pre-commit" in result.stdout, result.stderr
    hook = repo / ".git" / "hooks" / "pre-commit"
    assert hook.stat().st_mode & 0o111
    card = repo / "huaguang" / "account.yaml"
    good = card.read_text("utf-8")
    card.write_text(good.replace("owner: chen", "owner: [chen"), "utf-8")
    git(repo, "add", "huaguang/account.yaml")
    refused = _commit(repo, "broken")
    assert refused.returncode == 1
    assert "huaguang/account.yaml:" in refused.stdout + refused.stderr
    before = git(repo, "rev-parse", "HEAD")
    # good in the index but broken on disk: the commit holds the staged version
    fixed = good.replace("tier: 1", "tier: 2")
    card.write_text(fixed, "utf-8")
    git(repo, "add", "huaguang/account.yaml")
    card.write_text(fixed + "owner: [broken\n", "utf-8")  # unstaged: not the commit's
    assert _commit(repo, "tier 2").returncode == 0
    assert git(repo, "rev-parse", "HEAD") != before
    card.write_text(fixed, "utf-8")
    # kadev's own commits skip it (kadev checked what it wrote)
    assert invoke(repo, "account", "review", "baichuan").exit_code == 0
    assert git(repo, "log", "-1", "--format=%s").startswith("account: review")


def test_staged_checks_what_is_staged_and_the_ledger_against_every_card(repo: Path) -> None:
    assert invoke(repo, "validate", "--staged").stdout.startswith("nothing staged")
    month = sorted((repo / "_sales").glob("*.csv"))[-1]
    lines = month.read_text("utf-8").splitlines()
    first = lines[1].split(",")
    month.write_text("\n".join([lines[0], ",".join(["nobody", *first[1:]]), *lines[2:]]) + "\n",
                     "utf-8")
    git(repo, "add", "_sales")
    bad = invoke(repo, "validate", "--staged")
    assert bad.exit_code == 1
    assert [p for p in bad.stdout.splitlines()] == [
        f"_sales/{month.name}:2:1: unknown account 'nobody' (no folder nobody/ with an "
        "account.yaml)"]
    git(repo, "checkout", "HEAD", "--", "_sales")
    plan = repo / "huaguang" / "plans" / "2026-11-30-abcdef.yaml"
    plan.parent.mkdir(exist_ok=True)
    plan.write_text(yaml.safe_dump({"date": "2026-11-30", "method": "pigeon", "ours": ["chen"]}),
                    "utf-8")
    git(repo, "add", str(plan))
    wrong = invoke(repo, "validate", "--staged")
    assert wrong.exit_code == 1 and "huaguang/plans/2026-11-30-abcdef.yaml" in wrong.stdout


def test_init_hook_and_another_programs_hook(tmp_path: Path) -> None:
    root = tmp_path / "ka"
    made = invoke(None, "init", str(root), "--hook")
    assert made.exit_code == 0 and (root / ".git" / "hooks" / "pre-commit").is_file()
    other = tmp_path / "other"
    other.mkdir()
    git(other, "init", "-q")
    (other / ".git" / "hooks" / "pre-commit").write_text("#!/bin/sh\nexit 0\n", "utf-8")
    assert invoke(None, "init", str(other / "data"), "--no-git").exit_code == 0
    refused = invoke(other / "data", "git-setup", "--hook")
    assert refused.exit_code == 1 and "another program" in refused.stderr
    assert (other / ".git" / "hooks" / "pre-commit").read_text("utf-8") == "#!/bin/sh\nexit 0\n"


def test_the_pre_commit_framework_definition() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = next(h for h in hooks if h["id"] == "kadev-validate")
    assert [hook["entry"], *hook["args"]] == ["kadev", "validate", "--staged"]
    assert hook["pass_filenames"] is False and hook["language"] == "python"
