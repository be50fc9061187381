"""`kadev due` on crafted data with a fixed --today, and the rules one by one."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import invoke, write_tree

TODAY = "2026-11-20"
SETTINGS = "team: [zhang, li]\n"


def card(name: str, owner: str = "zhang", extra: str = "") -> str:
    return (f"name: {name}\nstatus: active\nowner: {owner}\nnature: dealer\n"
            "reviewed: 2026-11-19\ncredit:\n  payment_terms: 月结 30 天\n"
            "contacts:\n  - name: 王建国\n" + extra)


def visit(day: str, method: str = "face-to-face", extra: str = "") -> str:
    return f"date: {day}\nmethod: {method}\nours: [zhang]\npoints: 拜访\n" + extra


def items(root: Path, *args: str) -> list[dict[str, object]]:
    result = invoke(root, "due", "--format", "json", *args, today=TODAY)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["today"] == TODAY
    return data["items"]  # type: ignore[no-any-return]


def test_follow_up_owed_after_8_days_but_not_when_followed_up(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "r", {
        "kadev.yaml": SETTINGS,
        "owed/account.yaml": card("欠跟进"),
        "owed/visits/2026-11-12-aaaaaa.yaml": visit("2026-11-12"),
        "done/account.yaml": card("已跟进"),
        "done/visits/2026-11-12-bbbbbb.yaml": visit("2026-11-12"),
        "done/visits/2026-11-15-cccccc.yaml": visit("2026-11-15", "phone"),
    })
    follow = [i for i in items(root) if i["kind"] == "follow_up"]
    assert [(i["account"], i["days"], i["date"]) for i in follow] == [("owed", 1, "2026-11-19")]
    assert follow[0]["reason"] == ("follow up the face-to-face visit of 2026-11-12 by "
                                   "2026-11-19 (1 day overdue): a phone call or a visit")
    assert set(follow[0]) == {"account", "name", "kind", "reason", "date", "days", "owner"}


def test_a_account_past_its_interval_drops_off_after_a_visit(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "r", {
        "kadev.yaml": SETTINGS,
        "big/account.yaml": card("大客户"),
        "big/visits/2026-10-30-aaaaaa.yaml": visit("2026-10-30", "phone"),
        "mid/account.yaml": card("中客户"),
        "mid/visits/2026-11-10-bbbbbb.yaml": visit("2026-11-10", "phone"),
        "small/account.yaml": card("小客户"),
        "small/visits/2026-11-10-cccccc.yaml": visit("2026-11-10", "phone"),
        # big alone is 50% of revenue: class A (interval 14 days); the others are C (60)
        "_sales/2026-10.csv": "account,revenue\nbig,500000\nmid,400000\nsmall,100000\n",
    })
    interval = [i for i in items(root) if i["kind"] == "contact_interval"]
    assert [(i["account"], i["days"]) for i in interval] == [("big", 7)]
    assert "class A: every 14 days (7 days overdue)" in str(interval[0]["reason"])
    assert invoke(root, "visit", "add", "big", "--method", "phone", "--points", "回访",
                  today=TODAY).exit_code == 0
    assert not [i for i in items(root) if i["kind"] == "contact_interval"]


def test_open_escalated_complaint_tops_the_list(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "r", {
        "kadev.yaml": SETTINGS,
        "a/account.yaml": card("甲", extra="    birthday: 11-22\n"),
        "a/visits/2026-11-01-aaaaaa.yaml": visit("2026-11-01"),
        "a/complaints/2026-10-01-aaaaaa.yaml": "date: 2026-10-01\nwhat: 漏油\n",
        "b/account.yaml": card("乙", owner="li"),
        "b/complaints/2026-11-18-bbbbbb.yaml": ("date: 2026-11-18\nwhat: 主轴异响\n"
                                               "severity: critical\nescalated: true\n"),
        "b/complaints/2026-09-01-cccccc.yaml": ("date: 2026-09-01\nwhat: 已解决\n"
                                               "resolved: 2026-09-03\n"),
    })
    listed = items(root)
    assert [(i["account"], i["kind"]) for i in listed[:2]] == [("b", "complaint"),
                                                              ("a", "complaint")]
    assert str(listed[0]["reason"]).startswith("ESCALATED over our heads: 主轴异响")
    assert listed[1]["days"] == 50
    assert not any("已解决" in str(i["reason"]) for i in listed)
    # personal items: only in one owner's list, and in json only with --personal
    assert not any(i["kind"] == "birthday" for i in listed)
    assert not any(i["kind"] == "birthday" for i in items(root, "--owner", "zhang"))
    mine = items(root, "--owner", "zhang", "--personal")
    assert any(i["kind"] == "birthday" and i["days"] == -2 for i in mine)
    only_li = items(root, "--owner", "li")
    assert {i["account"] for i in only_li} == {"b"}


def test_planned_visits_reviews_receivables_swings_trips(tmp_path: Path) -> None:
    extra = ("    itinerary:\n      - from: 2026-11-24\n        to: 2026-11-26\n"
             "        place: 上海\n        purpose: 展会\n")
    root = write_tree(tmp_path / "r", {
        "kadev.yaml": SETTINGS,
        "a/account.yaml": card("甲", extra=extra).replace("reviewed: 2026-11-19",
                                                         "reviewed: 2026-11-01")
        + "change_notes:\n  - month: 2026-09\n    reason: 新厂投产\n",
        "a/visits/2026-11-18-aaaaaa.yaml": visit("2026-11-18", "phone",
                                                 "next_visit: 2026-11-19\n"),
        "a/plans/2026-11-19-dddddd.yaml": "date: 2026-11-19\nmethod: face-to-face\n"
                                          "purpose: 送样品\nagreed_at: 2026-11-18-aaaaaa\n",
        "b/account.yaml": card("乙").replace("credit:\n  payment_terms: 月结 30 天\n",
                                             "credit:\n  payment_terms: 月结 30 天\n"
                                             "  receivables:\n    overdue: 50000\n"
                                             "    oldest_due: 2026-10-01\n"),
        "b/visits/2026-11-19-bbbbbb.yaml": visit("2026-11-19", "phone"),
        "_sales/2025-09.csv": "account,revenue\na,100\nb,100\n",
        "_sales/2026-09.csv": "account,revenue\na,300\nb,300\n",
    })
    by_kind = {(i["account"], i["kind"]): i for i in items(root)}
    assert by_kind[("a", "planned_visit")]["reason"] == (
        "missed planned visit 2026-11-19 (1 day overdue): face-to-face, 送样品; visit, or "
        "`kadev plan move dddddd` / `cancel dddddd`")
    assert by_kind[("a", "review")]["days"] == 12
    assert by_kind[("b", "receivable")]["reason"] == ("overdue receivables ¥50,000.00, oldest "
                                                      "due 2026-10-01")
    assert ("a", "revenue_swing") not in by_kind  # explained in change_notes
    assert str(by_kind[("b", "revenue_swing")]["reason"]).startswith(
        "revenue 2026-09 +200% against 2025-09")
    assert ("a", "itinerary") not in by_kind  # personal: not in the team's list
    by_kind = {(i["account"], i["kind"]): i for i in items(root, "--owner", "zhang",
                                                           "--personal")}
    assert by_kind[("a", "itinerary")]["reason"] == ("王建国 travels to 上海 "
                                                     "2026-11-24..2026-11-26 (展会)")
    assert ("a", "itinerary") in by_kind and by_kind[("a", "itinerary")]["days"] == -4
    assert ("a", "itinerary") not in {(i["account"], i["kind"]) for i in items(
        root, "--days", "2", "--owner", "zhang", "--personal")}


def test_due_on_the_sample_table_and_csv(run) -> None:  # type: ignore[no-untyped-def]
    table = run("due", "--owner", "zhang")
    assert table.exit_code == 0 and "due on 2026-11-20 for zhang" in table.stdout
    lines = run("due", "--format", "csv").stdout.splitlines()
    assert lines[0] == "account,name,kind,reason,date,days,owner"
    kinds = {line.split(",")[2] for line in lines[1:] if line.count(",") >= 6}
    assert {"complaint", "follow_up", "planned_visit", "contact_interval", "receivable",
            "revenue_swing"} <= kinds
    assert not kinds & {"itinerary", "birthday"}  # personal: never in the team's csv
    mine = run("due", "--owner", "chen", "--days", "30").stdout
    assert any(word in mine for word in ("travels", "birthday"))
    bad = run("due", "--kind", "nonsense")
    assert bad.exit_code == 2 and "--kind 'nonsense'" in bad.stderr
