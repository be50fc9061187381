"""`kadev account add/list/show/edit/review` through the real CLI on a copy of the sample."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import yaml

from tests.conftest import Result, git, invoke, snapshot


def test_add_suggests_pinyin_id_and_writes_a_prospect(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run("account", "add", "杭州天目山精密机械有限公司", "--owner", "zhang",
                 "--nature", "end_user", "--region", "华东", "--alias", "天目山精机")
    assert result.exit_code == 0, result.stderr
    assert "added hangzhoutianmushanjingmijixie" in result.stdout
    text = (sample / "hangzhoutianmushanjingmijixie" / "account.yaml").read_text("utf-8")
    assert "name: 杭州天目山精密机械有限公司\n" in text  # Chinese readable, not \u escapes
    data = yaml.safe_load(text)
    assert data == {"name": "杭州天目山精密机械有限公司", "aliases": ["天目山精机"],
                    "status": "prospect", "owner": "zhang", "nature": "end_user",
                    "region": "华东", "reviewed": __import__("datetime").date(2026, 11, 20)}
    assert run("validate").exit_code == 0


def test_add_refuses_a_taken_id_and_writes_nothing(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(sample)
    result = run("account", "add", "Another Huaguang", "--id", "huaguang", "--owner", "zhang",
                 "--nature", "dealer")
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: account id 'huaguang' is taken"
    assert snapshot(sample) == before


def test_add_refuses_owner_outside_team_and_missing_nature(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(sample)
    bad_owner = run("account", "add", "X", "--owner", "nobody", "--nature", "dealer")
    assert bad_owner.exit_code == 2 and "--owner 'nobody' is not in the team" in bad_owner.stderr
    no_nature = run("account", "add", "X", "--owner", "zhang")
    assert no_nature.exit_code == 2 and "missing --nature" in no_nature.stderr
    assert snapshot(sample) == before


def test_list_json_and_filters(run) -> None:  # type: ignore[no-untyped-def]
    result = run("account", "list", "--format", "json")
    rows = json.loads(result.stdout)
    assert len(rows) == 40
    assert set(rows[0]) >= {"account", "name", "owner", "status", "class", "grade"}
    owned = json.loads(run("account", "list", "--owner", "li", "--format", "json").stdout)
    assert owned and all(r["owner"] == "li" for r in owned)
    prospects = json.loads(run("account", "list", "--status", "prospect", "--format",
                               "json").stdout)
    assert prospects and all(r["status"] == "prospect" for r in prospects)


def test_list_csv_has_header(run) -> None:  # type: ignore[no-untyped-def]
    lines = run("account", "list", "--format", "csv").stdout.splitlines()
    assert lines[0] == ("account,name,owner,status,nature,region,industry,class,revenue_12m,"
                        "grade,quadrant,tier,reviewed")
    assert len(lines) == 41


def test_show_resolves_by_part_pinyin_and_initials(run) -> None:  # type: ignore[no-untyped-def]
    for query in ("huaguang", "无锡华光", "华光汽车", "wuxihuaguang", "wxhg"):
        result = run("account", "show", query, "--format", "json")
        assert result.exit_code == 0, (query, result.stderr)
        assert json.loads(result.stdout)["account"] == "huaguang"


def test_show_hides_personal_data_unless_asked(run) -> None:  # type: ignore[no-untyped-def]
    hidden = json.loads(run("account", "show", "huaguang", "--format", "json").stdout)
    assert all("personal" not in c and "birthday" not in c for c in hidden["contacts"])
    shown = json.loads(run("account", "show", "huaguang", "--format", "json",
                           "--personal").stdout)
    assert any("personal" in c for c in shown["contacts"])
    table = run("account", "show", "huaguang")
    assert table.exit_code == 0 and "无锡华光" in table.stdout


def test_unknown_and_ambiguous_accounts_list_candidates(run) -> None:  # type: ignore[no-untyped-def]
    unknown = run("account", "show", "huagaung")
    assert unknown.exit_code == 1
    assert unknown.stderr.startswith("error: no account matches 'huagaung'; closest: ")
    assert "huaguang" in unknown.stderr
    ambiguous = run("account", "show", "有限公司")
    assert ambiguous.exit_code == 1 and "matches" in ambiguous.stderr
    assert "give more of the name" in ambiguous.stderr


def _editor(tmp_path: Path, script: str) -> str:
    path = tmp_path / "editor.sh"
    path.write_text("#!/bin/sh\n" + script + "\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


def test_edit_saves_a_valid_change_and_commits_it(repo: Path, tmp_path: Path,
                                                  monkeypatch) -> None:  # type: ignore[no-untyped-def]
    script = "sed -i 's/^region: 华东$/region: 华中/' \"$1\""
    monkeypatch.setenv("EDITOR", _editor(tmp_path, script))
    result = invoke(repo, "account", "edit", "huaguang")
    assert result.exit_code == 0, result.stderr
    diff = git(repo, "show", "--format=%s", "--unified=0", "HEAD")
    assert diff.startswith("account: edit 无锡华光汽车零部件有限公司 (huaguang)")
    assert "-region: 华东\n+region: 华中\n" in diff


def test_edit_refuses_an_invalid_card_and_leaves_it_untouched(repo: Path, tmp_path: Path,
                                                              monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("EDITOR", _editor(tmp_path, "sed -i 's/^nature: /natur: /' \"$1\""))
    before = snapshot(repo)
    result = invoke(repo, "account", "edit", "huaguang")
    assert result.exit_code == 1
    assert "unknown key 'natur' (did you mean 'nature'?)" in result.stderr
    assert "card not saved; what you typed is kept in" in result.stderr
    assert snapshot(repo) == before
    assert git(repo, "status", "--porcelain") == ""


def test_edit_without_change_says_so(repo: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("EDITOR", _editor(tmp_path, "true"))
    result = invoke(repo, "account", "edit", "huaguang")
    assert result.exit_code == 0 and result.stdout.strip() == "no change"


def test_review_is_a_one_line_diff_and_one_commit(repo: Path) -> None:
    card = repo / "huaguang" / "account.yaml"
    card.write_text(card.read_text("utf-8").replace("reviewed:", "# checked weekly\nreviewed:"),
                    "utf-8")
    git(repo, "commit", "-qam", "comment")
    result = invoke(repo, "account", "review", "huaguang", today="2026-11-25")
    assert result.exit_code == 0, result.stderr
    stat_line = git(repo, "show", "--numstat", "--format=%s", "HEAD").splitlines()
    assert stat_line[0] == "account: review 无锡华光汽车零部件有限公司 (huaguang) 2026-11-25"
    assert stat_line[-1].split() == ["1", "1", "huaguang/account.yaml"]
    assert "# checked weekly\nreviewed: 2026-11-25\n" in card.read_text("utf-8")


def test_no_traceback_for_missing_root(tmp_path: Path) -> None:
    os.chdir(tmp_path)
    result = invoke(None, "account", "list")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no data root")


def _unused(result: Result) -> None:  # keeps the import used for type hints
    del result
