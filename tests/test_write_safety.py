"""Writes under faults, with real git and real processes: a held index.lock, concurrent
writers on one account and on many, kill -9 in the middle of an import, Ctrl-C, a merge under
way, an edit racing a visit, and file modes."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from tests.conftest import TODAY, git, invoke

KADEV = [sys.executable, "-m", "kadev"]


def kadev(root: Path, *args: str, env: dict[str, str] | None = None,
          **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KADEV, "--data", str(root), "--today", TODAY, *args],
                          capture_output=True, text=True, env={**os.environ, **(env or {})},
                          stdin=subprocess.DEVNULL, **kwargs)  # type: ignore[call-overload]


def clean(root: Path) -> None:
    """HEAD, the index and the files agree, the repository is sound, the data is valid."""
    assert git(root, "status", "--porcelain") == ""
    subprocess.run(["git", "fsck", "--no-dangling"], cwd=root, check=True,
                   capture_output=True)
    checked = invoke(root, "validate")
    assert checked.exit_code == 0, checked.stdout + checked.stderr


def test_a_held_index_lock_is_waited_out(repo: Path) -> None:
    lock = repo / ".git" / "index.lock"
    lock.write_text("")
    proc = subprocess.Popen([*KADEV, "--data", str(repo), "--today", TODAY, "visit", "add",
                             "huaguang", "--method", "phone", "--points", "报价跟进"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            stdin=subprocess.DEVNULL)
    time.sleep(1.5)
    assert proc.poll() is None  # still waiting for git's lock
    lock.unlink()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert git(repo, "log", "-1", "--format=%s").startswith("visit: ")
    clean(repo)


def test_a_lock_held_too_long_fails_with_exit_1_and_no_later_commit_loses_the_visit(
        repo: Path) -> None:
    head = git(repo, "rev-parse", "HEAD")
    lock = repo / ".git" / "index.lock"
    lock.write_text("")
    result = kadev(repo, "visit", "add", "huaguang", "--method", "phone", "--points", "x",
                   env={"KADEV_GIT_WAIT": "1"})
    assert result.returncode == 1
    assert "not committed" in result.stderr and "index.lock" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert git(repo, "rev-parse", "HEAD") == head  # HEAD did not move
    lock.unlink()
    visit = next((repo / "huaguang" / "visits").glob("*.yaml"), None)
    written = [p for p in (repo / "huaguang" / "visits").iterdir()
               if git(repo, "ls-files", str(p)) == ""]
    assert visit is not None and len(written) == 1  # written, left for the user to commit
    other = repo / "notes.txt"
    other.write_text("x\n")
    git(repo, "add", "notes.txt")
    git(repo, "commit", "-qm", "unrelated")
    assert written[0].exists()
    assert git(repo, "ls-tree", "-r", "--name-only", "HEAD", "huaguang/visits") == git(
        repo, "ls-tree", "-r", "--name-only", head.strip(), "huaguang/visits")


def test_twenty_concurrent_card_changes_on_one_account_all_land(repo: Path) -> None:
    def one(n: int) -> subprocess.CompletedProcess[str]:
        return kadev(repo, "visit", "add", "huaguang", "--method", "phone", "--points",
                     f"第{n}次", "--new-contact", f"新联系人{n:02d}")

    with ThreadPoolExecutor(20) as pool:
        results = list(pool.map(one, range(20)))
    assert [r.returncode for r in results] == [0] * 20, [r.stderr for r in results]
    card = yaml.safe_load((repo / "huaguang" / "account.yaml").read_text("utf-8"))
    names = {c["name"] for c in card["contacts"]}
    assert {f"新联系人{n:02d}" for n in range(20)} <= names
    assert len(git(repo, "log", "--format=%H").split()) == 21
    clean(repo)


def test_concurrent_stage_changes_agree_with_the_visits(repo: Path) -> None:
    stages = ["proposal", "tender", "negotiation", "tender", "proposal", "negotiation"] * 2
    deal = "立式加工中心"

    def one(stage: str) -> subprocess.CompletedProcess[str]:
        return kadev(repo, "visit", "add", "huaguang", "--method", "phone", "--points", "x",
                     "--stage", stage, "--deal", deal)

    with ThreadPoolExecutor(len(stages)) as pool:
        results = list(pool.map(one, stages))
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results]
    visits = [yaml.safe_load(p.read_text("utf-8"))
              for p in sorted((repo / "huaguang" / "visits").glob("*.yaml"))]
    # the commit order is the order of the changes: each visit's "from" is the last "to"
    order = git(repo, "log", "--reverse", "--format=%H", "--", "huaguang/visits").split()
    chain = []
    for sha in order:
        for rel in git(repo, "show", "--name-only", "--format=", sha).split():
            if rel.startswith("huaguang/visits/"):
                data = yaml.safe_load(git(repo, "show", f"{sha}:{rel}"))
                chain += [c for c in data.get("changes", []) if c["field"] == "stage"]
    assert len(chain) >= 2 and visits  # (a visit naming the stage the deal has changes nothing)
    for before, after in zip(chain, chain[1:], strict=False):
        assert after["from"] == before["to"]
    card = yaml.safe_load((repo / "huaguang" / "account.yaml").read_text("utf-8"))
    stage = next(o["stage"] for o in card["opportunities"] if deal in o["name"])
    assert stage == chain[-1]["to"]
    clean(repo)


def test_twenty_concurrent_writers_on_different_accounts(repo: Path) -> None:
    accounts = sorted(p.name for p in repo.iterdir() if (p / "account.yaml").is_file())[:20]

    def one(account: str) -> subprocess.CompletedProcess[str]:
        return kadev(repo, "complaint", "add", account, "--what", "漏油")

    with ThreadPoolExecutor(20) as pool:
        results = list(pool.map(one, accounts))
    assert all(r.returncode == 0 for r in results), [(r.returncode, r.stdout, r.stderr)
                                                      for r in results if r.returncode]
    assert len(git(repo, "log", "--format=%H").split()) == 1 + len(accounts)
    clean(repo)


def _import_file(tmp_path: Path) -> Path:
    rows = ["客户,日期,金额"]
    for month in range(1, 13):
        for account in ("huaguang", "hengtong", "yongsheng"):
            rows.append(f"{account},2027-{month:02d}-15,{1000 + month}.00")
    path = tmp_path / "erp.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_kill_9_during_an_import_leaves_old_or_new_and_the_next_run_completes(
        repo: Path, tmp_path: Path) -> None:
    source = _import_file(tmp_path)
    months = [f"_sales/2027-{m:02d}.csv" for m in range(1, 13)]
    rng = random.Random(7)
    for _ in range(6):
        proc = subprocess.Popen([*KADEV, "--data", str(repo), "--today", TODAY, "sales",
                                 "import", str(source)], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        present = [m for m in months if (repo / m).exists()]
        # any half-done state is finished by the next command that writes
        invoke(repo, "account", "review", "hengtong", today="2030-01-01")
        present = [m for m in months if (repo / m).exists()]
        assert present in ([], months), present
        stray = [p for p in repo.rglob("*.tmp") if ".git" not in p.parts]
        assert stray == []
        if present:
            break
    assert kadev(repo, "sales", "import", str(source)).returncode == 0
    assert all((repo / m).exists() for m in months)
    assert git(repo, "status", "--porcelain") == ""


def test_ctrl_c_never_leaves_a_traceback_or_half_a_write(repo: Path) -> None:
    rng = random.Random(3)
    for _ in range(6):
        before = git(repo, "rev-parse", "HEAD")
        proc = subprocess.Popen([*KADEV, "--data", str(repo), "--today", TODAY, "visit", "add",
                                 "huaguang", "--method", "phone", "--points", "x", "--stage",
                                 "tender", "--deal", "立式加工中心"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                stdin=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 0.9))
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        assert "Traceback" not in err
        # (-2: the signal came as Python was exiting, after the command's work was done)
        assert proc.returncode in (0, 130, -2), err
        moved = git(repo, "rev-parse", "HEAD") != before
        # either the whole visit was committed, or nothing at all was written
        assert git(repo, "status", "--porcelain") == ""
        if proc.returncode == 130 and not moved:
            assert "interrupted" in err


def test_a_write_during_a_merge_is_refused_before_anything_is_written(repo: Path) -> None:
    card = repo / "hengtong" / "account.yaml"
    git(repo, "checkout", "-q", "-b", "other")
    card.write_text(card.read_text("utf-8").replace("reviewed:", "reviewed: 2026-11-01\n#",
                                                    1), "utf-8")
    git(repo, "commit", "-qam", "theirs")
    git(repo, "checkout", "-q", "-")
    card.write_text(card.read_text("utf-8").replace("reviewed:", "reviewed: 2026-11-02\n#",
                                                    1), "utf-8")
    git(repo, "commit", "-qam", "ours")
    subprocess.run(["git", "merge", "-q", "other"], cwd=repo, capture_output=True)
    assert (repo / ".git" / "MERGE_HEAD").exists()
    status = git(repo, "status", "--porcelain")
    result = invoke(repo, "complaint", "add", "huaguang", "--what", "漏油")
    assert result.exit_code == 1 and "merge is under way" in result.stderr
    assert git(repo, "status", "--porcelain") == status


def test_edit_merges_a_change_made_while_the_editor_was_open(repo: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    # the "editor" records a visit that moves the deal (another command, meanwhile), then
    # changes an unrelated line of the card
    script = tmp_path / "ed.sh"
    script.write_text(f"#!/bin/sh\n{' '.join(KADEV)} --data {repo} --today {TODAY} visit add "
                      "huaguang --method phone --points x --stage negotiation --deal 立式加工中心 "
                      ">/dev/null 2>&1\nsed -i 's/^region: .*/region: 华东区/' \"$1\"\n")
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(script))
    result = invoke(repo, "account", "edit", "huaguang")
    assert result.exit_code == 0, result.stderr
    assert "merged" in result.stdout
    card = yaml.safe_load((repo / "huaguang" / "account.yaml").read_text("utf-8"))
    assert card["region"] == "华东区"
    assert any(o["stage"] == "negotiation" for o in card["opportunities"]
               if "立式加工中心" in o["name"])
    clean(repo)


def test_modes_follow_the_umask_and_a_rewrite_keeps_the_mode(repo: Path) -> None:
    card = repo / "hengtong" / "account.yaml"
    card.chmod(0o664)
    git(repo, "commit", "-qam", "mode", "--allow-empty")
    old = os.umask(0o002)
    try:
        assert invoke(repo, "account", "review", "hengtong", today="2030-01-01").exit_code == 0
        assert invoke(repo, "complaint", "add", "hengtong", "--what", "x").exit_code == 0
    finally:
        os.umask(old)
    assert card.stat().st_mode & 0o777 == 0o664
    new = repo / git(repo, "show", "--name-only", "--format=", "HEAD").strip()
    assert new.stat().st_mode & 0o777 == 0o664


@pytest.mark.parametrize("command", [
    ("visit", "add", "huaguang", "--method", "phone", "--points", "x", "--stage", "tender",
     "--deal", "立式加工中心", "--new-contact", "新人"),
    ("account", "review", "hengtong"),
])
def test_kill_9_at_random_points_of_a_card_write(repo: Path, command: tuple[str, ...]) -> None:
    rng = random.Random(11)
    for _ in range(8):
        head = git(repo, "rev-parse", "HEAD")
        proc = subprocess.Popen([*KADEV, "--data", str(repo), "--today", "2030-01-01",
                                 *command], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.1, 0.7))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        invoke(repo, "complaint", "add", "yongsheng", "--what", "x")  # the next write
        # the killed write is either in a commit or gone; nothing is left half-done
        assert git(repo, "status", "--porcelain") == ""
        assert invoke(repo, "validate").exit_code == 0
        if git(repo, "rev-list", "--count", f"{head.strip()}..HEAD").strip() == "2":
            break
