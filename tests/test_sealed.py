"""Contacts' personal data encrypted in the repository (`kadev key`), with real age keys, real
git repositories, clones, a merge of two members' changes and the pre-commit hook."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import git, invoke, plant_personal

MARK = "PMARK"


def _key(monkeypatch: pytest.MonkeyPatch, path: Path) -> str:
    """Use the key at `path` (made when missing); its public key."""
    monkeypatch.setenv("KADEV_KEY", str(path))
    made = invoke(None, "key", "new")
    assert made.exit_code == 0, made.stderr
    found = re.search(r"age1[0-9a-z]{58}", made.stdout)
    assert found, made.stdout
    return found.group(0)


def _plant(root: Path) -> None:
    """A marker in every personal field of every contact, committed in plain text."""
    plant_personal(root, "11-25", ("2026-11-21", "2026-11-23"), MARK)
    git(root, "commit", "-qam", "personal data in plain text")


def _birthdays(root: Path, account: str = "huaguang") -> dict[str, str | None]:
    shown = invoke(root, "account", "show", account, "--personal", "--format", "json")
    assert shown.exit_code == 0, shown.stderr
    return {c["name"]: c.get("birthday") for c in json.loads(shown.stdout)["contacts"]}


@pytest.fixture
def sealed(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    _plant(repo)
    alice = _key(monkeypatch, tmp_path / "alice.key")
    added = invoke(repo, "key", "add", "张伟", alice)
    assert added.exit_code == 0, added.stderr
    return repo


def test_sealing_moves_every_personal_field_out_of_the_cards(sealed: Path) -> None:
    head = git(sealed, "log", "-1", "--format=%s")
    assert head.startswith("personal data: 张伟 can read it (39 accounts sealed")
    assert git(sealed, "status", "--porcelain") == ""
    files = git(sealed, "ls-tree", "-r", "--name-only", "HEAD").split()
    assert "recipients.txt" in files and "huaguang/personal.age" in files
    # nothing in the commit a clone checks out holds a marker or a birthday
    assert subprocess.run(["git", "grep", "-q", MARK, "HEAD"], cwd=sealed).returncode == 1
    for path in sealed.glob("*/account.yaml"):
        for person in yaml.safe_load(path.read_text("utf-8")).get("contacts") or []:
            assert not {"birthday", "personal", "itinerary"} & set(person), path
    armored = (sealed / "huaguang" / "personal.age").read_text("ascii")
    assert armored.startswith("-----BEGIN AGE ENCRYPTED FILE-----\n")
    assert "personal.age merge=kadev-card" in (sealed / ".gitattributes").read_text()
    assert invoke(sealed, "validate").exit_code == 0


def test_only_a_members_key_opens_it(sealed: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # the member's machine: the briefing, the card with --personal, the morning list
    assert set(_birthdays(sealed).values()) == {"11-25"}
    brief = invoke(sealed, "brief", "huaguang")
    assert brief.exit_code == 0 and f"{MARK}family0" in brief.stdout
    due = invoke(sealed, "due", "--owner", "chen", "--days", "10", "--format", "json",
                 "--personal")
    assert any(i["kind"] == "birthday" for i in json.loads(due.stdout)["items"])
    export = invoke(sealed, "export", "--format", "sqlite", "-o", str(tmp_path / "t.db"),
                    "--personal")
    assert export.exit_code == 0
    import sqlite3

    with sqlite3.connect(tmp_path / "t.db") as db:
        assert db.execute("select count(*) from contacts where birthday = '11-25'"
                          ).fetchone()[0] > 100
    # no key, or a key that is not a member's: everything works, without the personal data
    for key in (tmp_path / "none.key", None):
        if key is None:
            _key(monkeypatch, tmp_path / "bob.key")
        else:
            monkeypatch.setenv("KADEV_KEY", str(key))
        assert set(_birthdays(sealed).values()) == {None}
        brief = invoke(sealed, "brief", "huaguang")
        assert brief.exit_code == 0 and MARK not in brief.stdout
        assert "encrypted" in brief.stderr and "no key that opens it" in brief.stderr
        zh = invoke(sealed, "--lang", "zh", "brief", "huaguang")
        assert "联系人的个人信息已加密" in zh.stderr
        due = invoke(sealed, "due", "--owner", "chen", "--days", "10", "--format", "json",
                     "--personal")
        assert due.exit_code == 0
        assert not any(i["kind"] == "birthday" for i in json.loads(due.stdout)["items"])


def test_members_are_added_and_removed(sealed: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    alice = tmp_path / "alice.key"
    bob = _key(monkeypatch, tmp_path / "bob.key")
    refused = invoke(sealed, "key", "add", "李娜", bob)  # bob cannot add himself
    assert refused.exit_code == 1 and "does not open it" in refused.stderr
    monkeypatch.setenv("KADEV_KEY", str(alice))
    assert invoke(sealed, "key", "add", "李娜", bob).exit_code == 0
    assert invoke(sealed, "key", "add", "李娜", bob).exit_code == 1  # already there
    bad = invoke(sealed, "key", "add", "王", "age1notakey")
    assert bad.exit_code == 2 and "not a public key" in bad.stderr
    listed = invoke(sealed, "key", "list")
    assert "张伟" in listed.stdout and "李娜" in listed.stdout and "this machine" in listed.stdout
    monkeypatch.setenv("KADEV_KEY", str(tmp_path / "bob.key"))
    assert set(_birthdays(sealed).values()) == {"11-25"}
    monkeypatch.setenv("KADEV_KEY", str(alice))
    removed = invoke(sealed, "key", "remove", "李娜")
    assert removed.exit_code == 0, removed.stderr
    assert git(sealed, "log", "-1", "--format=%s").startswith("personal data: 李娜 removed")
    monkeypatch.setenv("KADEV_KEY", str(tmp_path / "bob.key"))
    assert set(_birthdays(sealed).values()) == {None}
    monkeypatch.setenv("KADEV_KEY", str(alice))
    assert invoke(sealed, "key", "remove", "张伟").exit_code == 1  # the last member
    assert set(_birthdays(sealed).values()) == {"11-25"}


def _add_birthday(root: Path, person: str, day: str) -> None:
    path = root / "huaguang" / "account.yaml"
    text = path.read_text("utf-8")
    at = re.search(rf"^(\s*)- name: {person}\n", text, re.M)
    assert at, person
    pad = at.group(1) + "  "
    path.write_text(text[:at.end()] + f"{pad}birthday: {day}\n" + text[at.end():], "utf-8")


def test_a_new_birthday_is_refused_in_plain_text_and_locked(sealed: Path) -> None:
    assert invoke(sealed, "contact", "add", "huaguang", "沈明").exit_code == 0
    _add_birthday(sealed, "沈明", "'02-14'")
    found = invoke(sealed, "validate")
    assert found.exit_code == 1
    assert re.search(r"huaguang/account.yaml:\d+:\d+: personal data in plain text",
                     found.stderr + found.stdout)
    # the pre-commit hook refuses to commit it
    assert invoke(sealed, "git-setup", "--hook").exit_code == 0
    git(sealed, "add", "huaguang/account.yaml")
    commit = subprocess.run(["git", "commit", "-qm", "birthday"], cwd=sealed,
                            capture_output=True, text=True)
    assert commit.returncode != 0 and "personal data in plain text" in commit.stderr
    locked = invoke(sealed, "key", "lock")
    assert locked.exit_code == 0 and "1 personal fields moved" in locked.stdout
    assert git(sealed, "status", "--porcelain") == ""
    assert git(sealed, "show", "--stat", "--format=", "HEAD").count("|") == 1  # personal.age
    assert _birthdays(sealed)["沈明"] == "02-14"
    assert invoke(sealed, "validate").exit_code == 0
    again = invoke(sealed, "key", "lock")
    assert again.exit_code == 0 and "nothing to encrypt" in again.stdout


def test_two_members_changes_merge_field_by_field(sealed: Path, tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    git(tmp_path, "clone", "-q", "--bare", str(sealed), str(remote))
    one, two = tmp_path / "zhang", tmp_path / "li"
    for clone in (one, two):
        git(tmp_path, "clone", "-q", str(remote), str(clone))
        assert invoke(clone, "git-setup").exit_code == 0
    cards = yaml.safe_load((one / "huaguang" / "account.yaml").read_text("utf-8"))
    first, second = (c["name"] for c in cards["contacts"][:2])
    # the same field of two different people, one in each clone
    for clone, person, day in ((one, first, "01-01"), (two, second, "02-02")):
        _add_birthday(clone, person, f"'{day}'")
        assert invoke(clone, "key", "lock").exit_code == 0
    assert invoke(one, "sync").exit_code == 0
    merged = invoke(two, "sync")
    assert merged.exit_code == 0, merged.stderr
    birthdays = _birthdays(two)
    assert birthdays[first] == "01-01" and birthdays[second] == "02-02"
    assert git(two, "status", "--porcelain") == ""
    # both change the same person's birthday: git stops on the file, naming the field
    assert invoke(one, "sync").exit_code == 0
    for clone, day in ((one, "03-03"), (two, "04-04")):
        _add_birthday(clone, first, f"'{day}'")
        assert invoke(clone, "key", "lock").exit_code == 0
    git(one, "push", "-q")
    pulled = subprocess.run(["git", "pull", "--no-rebase"], cwd=two, capture_output=True,
                            text=True)
    assert pulled.returncode != 0
    assert f"{first}: birthday" in pulled.stderr + pulled.stdout
