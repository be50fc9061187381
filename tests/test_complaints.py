"""`kadev complaint add/resolve/list` in a real repository."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.conftest import git, invoke, snapshot


def test_add_resolve_list(repo: Path) -> None:
    added = invoke(repo, "complaint", "add", "华光", "--what", "主轴异响", "--product",
                   "VMC850", "--severity", "high", "--escalated", "--contact", "袁婷",
                   "--date", "2026-11-10")
    assert added.exit_code == 0, added.stderr
    rel = git(repo, "show", "--name-only", "--format=", "HEAD").strip()
    assert rel.startswith("huaguang/complaints/2026-11-10-")
    assert git(repo, "log", "-1", "--format=%s").strip() == (
        "complaint: 无锡华光汽车零部件有限公司 2026-11-10 high ESCALATED: 主轴异响")
    record_id = Path(rel).stem
    listed = json.loads(invoke(repo, "complaint", "list", "--open", "--format",
                               "json").stdout)
    mine = next(r for r in listed if r["id"] == record_id)
    assert mine["age_days"] == 10 and mine["escalated"] and mine["status"] == "open"
    assert all(r["escalated"] for r in listed[: listed.index(mine)])
    resolved = invoke(repo, "complaint", "resolve", f"huaguang/{record_id[-6:]}", "--step",
                      "更换主轴轴承", "--result", "客户确认正常", "--date", "2026-11-15")
    assert resolved.exit_code == 0, resolved.stderr
    data = yaml.safe_load((repo / rel).read_text("utf-8"))
    assert data["resolved"].isoformat() == "2026-11-15" and data["result"] == "客户确认正常"
    assert data["steps"] == [{"date": data["resolved"], "action": "更换主轴轴承"}]
    assert git(repo, "show", "--name-only", "--format=", "HEAD").strip() == rel
    assert invoke(repo, "validate").exit_code == 0
    after = json.loads(invoke(repo, "complaint", "list", "--account", "huaguang", "--format",
                              "json").stdout)
    mine = next(r for r in after if r["id"] == record_id)
    assert mine["status"] == "resolved" and mine["age_days"] == 5


def test_refusals_write_nothing(repo: Path) -> None:
    before = snapshot(repo)
    cases = [  # (arguments, message, exit code: 1 not found, 2 usage)
        (("complaint", "resolve", "huaguang/ffffff", "--result", "x"),
         "no complaint has the id 'huaguang/ffffff'", 1),
        (("complaint", "resolve", "ffffff", "--result", "x"), "no complaint has the id", 1),
        (("complaint", "step", "ffffff", " "), "missing ACTION", 2),
        (("complaint", "add", "huaguang"), "missing --what", 2),
        (("complaint", "add", "huaguang", "--what", "x", "--severity", "huge"),
         "--severity 'huge'", 2),
        (("complaint", "add", "huaguang", "--what", "x", "--contact", "袁亭"),
         "not a contact of huaguang (closest: 袁婷)", 1),
        (("complaint", "add", "huaguang", "--what", "x", "--date", "2099-01-01"),
         "--date 2099-01-01 is after today", 2),
    ]
    for args, message, code in cases:
        result = invoke(repo, *args)
        assert result.exit_code == code, args
        assert message in result.stderr, (args, result.stderr)
    assert snapshot(repo) == before


def test_resolve_before_opened_and_twice_are_refused(repo: Path) -> None:
    assert invoke(repo, "complaint", "add", "huaguang", "--what", "漏油",
                  "--date", "2026-11-10").exit_code == 0
    record_id = Path(git(repo, "show", "--name-only", "--format=", "HEAD").strip()).stem
    early = invoke(repo, "complaint", "resolve", f"huaguang/{record_id}", "--result", "x",
                   "--date", "2026-11-01")
    assert early.exit_code == 2 and "before the complaint was opened" in early.stderr
    assert invoke(repo, "complaint", "resolve", f"huaguang/{record_id}",
                  "--result", "ok").exit_code == 0
    again = invoke(repo, "complaint", "resolve", f"huaguang/{record_id}", "--result", "ok")
    assert again.exit_code == 1 and "already resolved" in again.stderr


def test_steps_are_logged_by_short_id_then_resolved(repo: Path) -> None:
    """The id a list shows is enough; a step keeps the complaint open with its own date."""
    assert invoke(repo, "complaint", "add", "huaguang", "--what", "漏油",
                  "--date", "2026-11-10").exit_code == 0
    rel = git(repo, "show", "--name-only", "--format=", "HEAD").strip()
    short = Path(rel).stem[-6:]
    listed = invoke(repo, "complaint", "list", "--open")
    assert short in listed.stdout
    stepped = invoke(repo, "complaint", "step", short, "派工程师到场检测", "--date", "2026-11-12")
    assert stepped.exit_code == 0, stepped.stderr
    assert git(repo, "show", "--name-only", "--format=", "HEAD").strip() == rel
    data = yaml.safe_load((repo / rel).read_text("utf-8"))
    assert data.get("resolved") is None
    assert [s["date"].isoformat() for s in data["steps"]] == ["2026-11-12"]
    assert invoke(repo, "complaint", "step", short, "明天", "--date", "2099-01-01").exit_code == 2
    done = invoke(repo, "complaint", "resolve", short, "--result", "更换油封后正常")
    assert done.exit_code == 0, done.stderr
    data = yaml.safe_load((repo / rel).read_text("utf-8"))
    assert data["result"] == "更换油封后正常" and data["resolved"].isoformat() == "2026-11-20"
    assert [s["date"].isoformat() for s in data["steps"]] == ["2026-11-12"]
    assert invoke(repo, "validate").exit_code == 0
