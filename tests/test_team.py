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
    assert "华光" in listed.stdout
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


def test_history_across_a_merge_in_a_chinese_folder(tmp_path: Path) -> None:
    """A data root under a Chinese folder name; both reps change the payment terms; the merge
    takes one side: history shows what the merge changed against each side."""
    import json
    import shutil

    from tests.conftest import SAMPLE

    origin = tmp_path / "大客户"
    shutil.copytree(SAMPLE, origin)
    git(origin, "init", "-q")
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "sample")
    remote = tmp_path / "remote.git"
    git(tmp_path, "clone", "-q", "--bare", str(origin), str(remote))
    one, two = tmp_path / "张" / "大客户", tmp_path / "李" / "大客户"
    for clone in (one, two):
        clone.parent.mkdir()
        git(tmp_path, "clone", "-q", str(remote), str(clone))
    for clone, terms in ((one, "月结 90 天"), (two, "月结 45 天")):
        card = clone / "huaguang" / "account.yaml"
        text = card.read_text("utf-8")
        start = text.index("  payment_terms:")
        end = text.index("\n", start)
        card.write_text(text[:start] + f"  payment_terms: {terms}" + text[end:], "utf-8")
        git(clone, "commit", "-qam", f"terms {terms}")
    git(one, "push", "-q")
    subprocess.run(["git", "pull", "-q", "--no-rebase"], cwd=two, capture_output=True)
    git(two, "checkout", "--theirs", "huaguang/account.yaml")  # the other rep's terms win
    git(two, "commit", "-qam", "merge: take zhang's terms")
    shown = json.loads(invoke(two, "history", "huaguang", "--format", "json").stdout)
    merge = shown["history"][0]
    assert merge["message"] == "merge: take zhang's terms" and len(merge["merge"]) == 2
    mine, theirs = merge["merge"]
    assert mine["changes"] == [{"field": "credit.payment_terms", "old": "月结 45 天",
                                "new": "月结 90 天"}]
    assert theirs["changes"] == []
    edits = [e for e in shown["history"] if e["message"].startswith("terms")]
    assert {e["changes"][0]["new"] for e in edits} == {"月结 90 天", "月结 45 天"}
    table = invoke(two, "history", "huaguang")
    assert "credit.payment_terms: 月结 45 天 → 月结 90 天" in table.stdout
    # an uncommitted file with a Chinese name is named as it is, not quoted
    (two / "huaguang" / "visits" / "2026-11-30-电话.yaml").write_text("x: 1\n", "utf-8")
    pending = json.loads(invoke(two, "history", "huaguang", "--format", "json").stdout)
    assert pending["uncommitted"] == ["huaguang/visits/2026-11-30-电话.yaml"]
    # git-setup writes git's commit-graph with changed-path filters for a quick history
    assert invoke(two, "git-setup").exit_code == 0
    graph = subprocess.run(["git", "commit-graph", "verify"], cwd=two, capture_output=True)
    assert graph.returncode == 0 and (two / ".git" / "objects" / "info" / "commit-graph").exists()


def test_history_hides_personal_fields_unless_asked(repo: Path) -> None:
    card = repo / "huaguang" / "account.yaml"
    text = card.read_text("utf-8")
    assert "birthday:" in text
    at = text.index("birthday:")
    end = text.index("\n", at)
    card.write_text(text[:at] + "birthday: 01-02" + text[end:], "utf-8")
    git(repo, "commit", "-qam", "an edit")
    assert "birthday:" not in invoke(repo, "history", "huaguang").stdout
    assert "birthday: " in invoke(repo, "history", "huaguang", "--personal").stdout


def test_validate_flags_a_stage_the_visits_no_longer_agree_with(clones: tuple[Path, Path]
                                                                ) -> None:
    one, two = clones
    for clone, stage, day, value in ((one, "tender", "2026-11-20", "3,400,000"),
                                     (two, "negotiation", "2026-11-19", "2,900,000")):
        result = invoke(clone, "visit", "add", "huaguang", "--method", "phone", "--points",
                        "x", "--stage", stage, "--deal", "立式加工中心", "--date", day,
                        "--value", value)
        assert result.exit_code == 0, result.stderr
    git(one, "push", "-q")
    subprocess.run(["git", "pull", "-q", "--no-rebase"], cwd=two, capture_output=True)
    git(two, "checkout", "--ours", "huaguang/account.yaml")  # li's card wins: negotiation
    git(two, "commit", "-qam", "merge: keep li's card")
    checked = invoke(two, "validate")
    assert checked.exit_code == 1
    line = next(x for x in checked.stdout.splitlines() if "stage is negotiation" in x)
    assert line.startswith("huaguang/account.yaml:")
    assert "set tender" in line and "visits/2026-11-20-" in line
    value = next(x for x in checked.stdout.splitlines() if "value is 2900000" in x)
    assert "set 3400000" in value and "kadev visit add … --value" in value


def test_sync_pulls_pushes_and_says_what_came_in(clones: tuple[Path, Path], tmp_path: Path
                                                 ) -> None:
    import json

    one, two = clones
    assert invoke(one, "visit", "add", "huaguang", "--method", "phone",
                  "--points", "x").exit_code == 0
    assert invoke(one, "complaint", "add", "hengtong", "--what", "漏油").exit_code == 0
    assert invoke(one, "account", "review", "yongsheng", today="2030-01-01").exit_code == 0
    first = invoke(one, "sync")
    assert first.exit_code == 0, first.stderr
    assert "pushed 3 commit(s)" in first.stdout
    (two / "notes.txt").write_text("a hand edit, not committed\n")
    second = invoke(two, "sync", "--format", "json")
    assert second.exit_code == 0, second.stderr
    came = json.loads(second.stdout)
    assert came["commits"] == 3 and came["visits"] == {"huaguang": 1}
    assert came["complaints"] == {"hengtong": 1} and came["changed_cards"] == ["yongsheng"]
    assert (two / "notes.txt").exists() and "notes.txt" in git(two, "status", "--porcelain")
    table = invoke(two, "--lang", "zh", "sync")
    assert table.exit_code == 0 and "团队没有新内容" in table.stdout
    lonely = tmp_path / "lonely"
    git(tmp_path, "clone", "-q", str(one), str(lonely))
    git(lonely, "remote", "remove", "origin")
    alone = invoke(lonely, "sync")
    assert alone.exit_code == 1 and "no remote" in alone.stderr


def test_sync_names_the_account_of_a_conflict(clones: tuple[Path, Path]) -> None:
    one, two = clones
    for clone, stage in ((one, "tender"), (two, "negotiation")):
        assert invoke(clone, "visit", "add", "huaguang", "--method", "phone", "--points", "x",
                      "--stage", stage, "--deal", "立式加工中心").exit_code == 0
    assert invoke(one, "sync").exit_code == 0
    result = invoke(two, "sync")
    assert result.exit_code == 1
    assert "huaguang/account.yaml (account huaguang)" in result.stderr
    assert invoke(two, "due", "--team").exit_code == 0  # the others keep working


def _both(one: Path, two: Path, edit_one: object, edit_two: object) -> None:
    """Each clone commits its edit, and zhang pushes his."""
    for clone, edit in ((one, edit_one), (two, edit_two)):
        edit(clone)  # type: ignore[operator]
    assert invoke(one, "sync").exit_code == 0


def test_different_fields_of_one_card_merge_cleanly(clones: tuple[Path, Path]) -> None:
    import yaml

    one, two = clones
    for clone in clones:
        assert invoke(clone, "git-setup").exit_code == 0

    def new_contact(name: str) -> object:
        def edit(clone: Path) -> None:
            assert invoke(clone, "visit", "add", "huaguang", "--method", "phone", "--points",
                          "x", "--new-contact", name).exit_code == 0
        return edit

    def by_hand(key: str, value: str) -> object:
        def edit(clone: Path) -> None:
            card = clone / "huaguang" / "account.yaml"
            text = card.read_text("utf-8")
            start = text.index(f"  {key}:")
            card.write_text(text[:start] + f"  {key}: {value}" + text[text.index("\n", start):],
                            "utf-8")
            git(clone, "commit", "-qam", f"{key} by hand")
        return edit

    _both(one, two, new_contact("张新"), new_contact("李新"))  # both append to contacts
    merged = invoke(two, "sync")
    assert merged.exit_code == 0, merged.stderr
    card = yaml.safe_load((two / "huaguang" / "account.yaml").read_text("utf-8"))
    assert {"张新", "李新"} <= {c["name"] for c in card["contacts"]}
    _both(one, two, by_hand("phone", "0510-1111"), by_hand("address", "无锡新区 1 号"))
    assert invoke(two, "sync").exit_code == 0  # adjacent lines, different fields
    text = (two / "huaguang" / "account.yaml").read_text("utf-8")
    assert "phone: 0510-1111" in text and "address: 无锡新区 1 号" in text
    assert invoke(two, "validate").exit_code == 0
    assert git(two, "status", "--porcelain") == ""


def test_the_same_field_changed_twice_is_a_named_conflict(clones: tuple[Path, Path]) -> None:
    import yaml

    one, two = clones
    for clone in clones:
        assert invoke(clone, "git-setup").exit_code == 0
    for clone, terms in ((one, "月结 90 天"), (two, "月结 45 天")):
        card = clone / "huaguang" / "account.yaml"
        text = card.read_text("utf-8")
        start = text.index("  payment_terms:")
        card.write_text(text[:start] + f"  payment_terms: {terms}"
                        + text[text.index("\n", start):], "utf-8")
        if clone == two:  # and a field only this side changes
            text = card.read_text("utf-8")
            phone = text.index("  phone:")
            card.write_text(text[:phone] + "  phone: 0510-2222" + text[text.index("\n", phone):],
                            "utf-8")
        git(clone, "commit", "-qam", f"terms {terms}")
    assert invoke(one, "sync").exit_code == 0
    pulled = invoke(two, "sync")
    assert pulled.exit_code == 1 and "account huaguang" in pulled.stderr
    text = (two / "huaguang" / "account.yaml").read_text("utf-8")
    assert text.count("<<<<<<<") == 1 and "phone: 0510-2222" in text
    marked = text[text.index("<<<<<<<"):text.index(">>>>>>>")]
    assert "credit.payment_terms: ours 月结 45 天 | theirs 月结 90 天" in marked
    assert "phone" not in marked and "kadev resolve huaguang" in marked
    card = yaml.safe_load(text)  # still valid YAML: the block is comments, our value kept
    assert card["credit"]["payment_terms"] == "月结 45 天"
    assert "UU huaguang/account.yaml" in git(two, "status", "--porcelain")
    due = invoke(two, "due", "--team")
    assert due.exit_code == 0 and "left out huaguang" in due.stderr
    # resolved by hand: delete the block (keeping our value), git add, commit
    path = two / "huaguang" / "account.yaml"
    path.write_text(text[text.index(">>>>>>> kadev\n") + len(">>>>>>> kadev\n"):], "utf-8")
    git(two, "add", "huaguang/account.yaml")
    git(two, "commit", "-q", "--no-edit")
    assert invoke(two, "validate").exit_code == 0
    due = invoke(two, "due", "--team")
    assert due.exit_code == 0 and "huaguang" not in due.stderr


def test_resolve_chooses_per_field_and_commits_the_merge(clones: tuple[Path, Path]) -> None:
    import yaml

    one, two = clones
    for clone, terms, phone in ((one, "月结 90 天", None), (two, "月结 45 天", "0510-2222")):
        assert invoke(clone, "git-setup").exit_code == 0
        card = clone / "huaguang" / "account.yaml"
        text = card.read_text("utf-8")
        start = text.index("  payment_terms:")
        text = text[:start] + f"  payment_terms: {terms}" + text[text.index("\n", start):]
        if phone:
            at = text.index("  phone:")
            text = text[:at] + f"  phone: {phone}" + text[text.index("\n", at):]
        card.write_text(text, "utf-8")
        git(clone, "commit", "-qam", f"terms {terms}")
    assert invoke(one, "sync").exit_code == 0
    assert invoke(two, "sync").exit_code == 1
    asked = invoke(two, "resolve", "huaguang")
    assert asked.exit_code == 2 and "credit.payment_terms: ours '月结 45 天', theirs '月结 90 天'" \
        in asked.stderr
    done = invoke(two, "resolve", "huaguang", "--theirs", "credit.payment_terms")
    assert done.exit_code == 0, done.stderr
    assert "merge is committed" in done.stdout
    card = yaml.safe_load((two / "huaguang" / "account.yaml").read_text("utf-8"))
    assert card["credit"]["payment_terms"] == "月结 90 天"
    assert card["profile"]["phone"] == "0510-2222"
    assert git(two, "status", "--porcelain") == ""
    assert len(git(two, "log", "-1", "--format=%P").split()) == 2  # the merge commit
    assert invoke(two, "validate").exit_code == 0


def test_many_broken_cards_give_a_screen_of_warnings_and_a_count(repo: Path) -> None:
    folders = sorted(p for p in repo.iterdir() if (p / "account.yaml").exists())[:12]
    for folder in folders:
        card = folder / "account.yaml"
        card.write_text(card.read_text("utf-8").replace("nature:", "natur:", 1), "utf-8")
    due = invoke(repo, "due", "--team")
    assert due.exit_code == 0
    lines = due.stderr.splitlines()
    assert len([x for x in lines if x.startswith("warning: left out ")]) == 11
    assert lines[-1] == ("warning: left out 2 more accounts whose files cannot be read; "
                         "`kadev validate` lists them")
