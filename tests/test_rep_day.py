"""The rep's day: planned visits as records, follow-ups owed for every meeting, contacts and
deals changed from the command line, swing notes, and dates that make sense."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import yaml

from tests.conftest import git, invoke, snapshot


def _due(repo: Path, *args: str, today: str = "2026-11-20") -> list[dict[str, object]]:
    result = invoke(repo, "due", "--team", "--format", "json", *args, today=today)
    assert result.exit_code == 0, result.stderr
    items: list[dict[str, object]] = json.loads(result.stdout)["items"]
    return items


def _plan_id(repo: Path) -> str:
    rel = next(p for p in git(repo, "show", "--name-only", "--format=", "HEAD").split()
               if "/plans/" in p)
    return Path(rel).stem[-6:]


def test_a_plan_outlives_a_phone_note_and_is_kept_by_the_next_visit(repo: Path) -> None:
    made = invoke(repo, "plan", "add", "华光", "--date", "2026-11-24", "--time", "15:00",
                  "--with", "袁婷", "--purpose", "二期方案技术交流")
    assert made.exit_code == 0, made.stderr
    plan_id = _plan_id(repo)
    assert git(repo, "show", "--name-only", "--format=", "HEAD").split() == [
        f"huaguang/plans/2026-11-24-{plan_id}.yaml"]
    call = invoke(repo, "visit", "add", "华光", "--method", "phone", "--points", "确认时间")
    assert call.exit_code == 0, call.stderr
    planned = [i for i in _due(repo) if i["kind"] == "planned_visit"
               and i["account"] == "huaguang"]
    assert any(plan_id in str(i["reason"]) and "2026-11-24 15:00" in str(i["reason"])
               for i in planned)
    brief = invoke(repo, "brief", "--today", "--team", today="2026-11-24")
    assert brief.exit_code == 0 and "无锡华光汽车零部件有限公司" in brief.stdout
    # the day passes without a visit: missed, and still listed
    missed = [i for i in _due(repo, today="2026-11-26") if i["account"] == "huaguang"
              and plan_id in str(i["reason"])]
    assert missed and "missed" in str(missed[0]["reason"])
    listed = json.loads(invoke(repo, "plan", "list", "--team", "--format", "json",
                               today="2026-11-26").stdout)["plans"]
    assert [p["state"] for p in listed if p["id"] == plan_id] == ["missed"]
    # a visit on the 27th keeps it (late)
    kept = invoke(repo, "visit", "add", "华光", "--method", "face-to-face", "--theirs", "袁婷",
                  "--points", "二期方案", today="2026-11-27")
    assert kept.exit_code == 0, kept.stderr
    assert not [i for i in _due(repo, today="2026-11-27") if plan_id in str(i["reason"])]
    late = json.loads(invoke(repo, "due", "--team", "--missed", "--since", "2026-11-20",
                             "--format", "json", today="2026-11-28").stdout)["items"]
    assert any(plan_id in str(i["reason"]) and "made up on 2026-11-27" in str(i["reason"])
               for i in late)
    assert invoke(repo, "validate").exit_code == 0


def test_a_plan_moves_and_cancels_by_its_short_id(repo: Path) -> None:
    assert invoke(repo, "plan", "add", "华光", "--date", "2026-11-24").exit_code == 0
    plan_id = _plan_id(repo)
    moved = invoke(repo, "plan", "move", plan_id, "--date", "2026-11-26", "--time", "09:30")
    assert moved.exit_code == 0, moved.stderr
    files = git(repo, "show", "--name-status", "--format=", "HEAD").split()
    assert f"huaguang/plans/2026-11-24-{plan_id}.yaml" in files
    assert f"huaguang/plans/2026-11-26-{plan_id}.yaml" in files  # one commit: old out, new in
    data = yaml.safe_load((repo / f"huaguang/plans/2026-11-26-{plan_id}.yaml").read_text())
    assert data["date"].isoformat() == "2026-11-26" and data["time"] == "09:30"
    cancelled = invoke(repo, "plan", "cancel", plan_id, "--reason", "客户出差")
    assert cancelled.exit_code == 0, cancelled.stderr
    assert not [i for i in _due(repo, today="2026-11-27") if plan_id in str(i["reason"])]
    again = invoke(repo, "plan", "move", plan_id, "--date", "2026-12-01")
    assert again.exit_code == 1 and "cancelled" in again.stderr
    assert invoke(repo, "validate").exit_code == 0


def test_visit_add_next_visit_makes_a_plan_and_plan_keeps_one(repo: Path) -> None:
    added = invoke(repo, "visit", "add", "华光", "--method", "face-to-face", "--theirs", "袁婷",
                   "--points", "x", "--next-visit", "2026-11-30", "--next-visit-time", "10:00")
    assert added.exit_code == 0, added.stderr
    names = git(repo, "show", "--name-only", "--format=", "HEAD").split()
    visit = next(n for n in names if "/visits/" in n)
    plan = next(n for n in names if "/plans/2026-11-30-" in n)
    data = yaml.safe_load((repo / plan).read_text("utf-8"))
    assert data["agreed_at"] == Path(visit).stem and data["time"] == "10:00"
    plan_id = Path(plan).stem[-6:]
    by_phone = invoke(repo, "visit", "add", "华光", "--method", "phone", "--points", "提前沟通",
                      "--plan", plan_id, today="2026-11-25")
    assert by_phone.exit_code == 0, by_phone.stderr
    assert yaml.safe_load((repo / plan).read_text("utf-8"))["visit"].startswith("2026-11-25-")
    assert not [i for i in _due(repo, today="2026-11-25") if plan_id in str(i["reason"])]


def test_dates_and_values_that_make_no_sense_are_refused(repo: Path) -> None:
    before = snapshot(repo)
    cases = [
        (("visit", "add", "华光", "--method", "phone", "--points", "x", "--date", "2027-01-01"),
         "plan one with `kadev plan add`", 2),
        (("visit", "add", "华光", "--method", "phone", "--points", "x", "--value", "-5"),
         "cannot be negative", 2),
        (("visit", "add", "华光", "--method", "phone", "--points", "x", "--expected-close",
          "2020-01-01"), "is before today", 2),
        (("plan", "add", "华光", "--date", "2026-11-01"), "is before today", 2),
        (("plan", "add", "华光", "--date", "2026-12-01", "--with", "袁亭"),
         "closest: 袁婷", 1),
        (("deal", "close", "华光", "--lost"), "needs --reason", 2),
        (("deal", "add", "华光", "x", "--value", "-1"), "cannot be negative", 2),
    ]
    for args, message, code in cases:
        result = invoke(repo, *args)
        assert result.exit_code == code, (args, result.stderr)
        assert message in result.stderr, (args, result.stderr)
    assert snapshot(repo) == before
    card = repo / "huaguang" / "account.yaml"
    text = card.read_text("utf-8")
    start = text.index("  opened: ")
    end = text.index("\n", start)
    card.write_text(text[:start] + "  opened: 2026-11-01\n  closed: 2026-10-01"
                    + text[end:], "utf-8")
    checked = invoke(repo, "validate")
    assert checked.exit_code == 1 and "is before the deal was opened" in checked.stdout


def test_every_meeting_is_owed_a_follow_up_and_a_miss_stays_visible(repo: Path) -> None:
    for day, method in (("2026-11-02", "face-to-face"), ("2026-11-04", "email"),
                        ("2026-11-06", "event"), ("2026-11-08", "phone")):
        result = invoke(repo, "visit", "add", "changjiang", "--method", method, "--points", "x",
                        "--date", day)
        assert result.exit_code == 0, result.stderr
    # 11-02 was followed by an e-mail only (not a follow-up), then by the event on 11-06
    # (in time: 7 days); the event was followed by the phone call of 11-08
    owed = [i for i in _due(repo, today="2026-11-10") if i["account"] == "changjiang"
            and i["kind"] == "follow_up"]
    assert owed == []
    assert invoke(repo, "visit", "add", "changjiang", "--method", "face-to-face", "--points",
                  "x", "--date", "2026-11-10", today="2026-11-10").exit_code == 0
    owed = [i for i in _due(repo, today="2026-11-12") if i["account"] == "changjiang"
            and i["kind"] == "follow_up"]
    assert [i["date"] for i in owed] == ["2026-11-17"]
    assert invoke(repo, "visit", "add", "changjiang", "--method", "email", "--points", "x",
                  "--date", "2026-11-12", today="2026-11-12").exit_code == 0
    still = [i for i in _due(repo, today="2026-11-20") if i["account"] == "changjiang"
             and i["kind"] == "follow_up"]
    assert [i["date"] for i in still] == ["2026-11-17"] and still[0]["days"] == 3
    missed = json.loads(invoke(repo, "due", "--team", "--missed", "--since", "2026-11-01",
                               "--format", "json").stdout)["items"]
    mine = [i for i in missed if i["account"] == "changjiang" and i["kind"] == "follow_up"]
    assert any("2026-11-10" in str(i["reason"]) and "not made up yet" in str(i["reason"])
               for i in mine)
    assert invoke(repo, "due", "--since", "2026-11-01").exit_code == 2


def test_contacts_change_without_an_editor(repo: Path) -> None:
    added = invoke(repo, "contact", "add", "华光", "周建国", "--title", "设备部经理",
                   "--layer", "management", "--phone", "13812345678")
    assert added.exit_code == 0, added.stderr
    card = yaml.safe_load((repo / "huaguang" / "account.yaml").read_text("utf-8"))
    person = next(c for c in card["contacts"] if c["name"] == "周建国")
    assert person["title"] == "设备部经理" and person["phone"] == "13812345678"
    # a visit names 袁婷; after the rename the old name is an alias and validate stays clean
    renamed = invoke(repo, "contact", "rename", "华光", "袁婷", "袁婷婷")
    assert renamed.exit_code == 0, renamed.stderr
    assert git(repo, "show", "--name-only", "--format=", "HEAD").split() == [
        "huaguang/account.yaml"]
    assert invoke(repo, "validate").exit_code == 0
    history = invoke(repo, "history", "huaguang").stdout
    assert "contacts[袁婷婷].aliases: ∅ → 袁婷" in history
    retired = invoke(repo, "contact", "retire", "华光", "姚卫东")
    assert retired.exit_code == 0, retired.stderr
    shown = json.loads(invoke(repo, "brief", "华光", "--format", "json").stdout)
    assert "姚卫东" not in [p["name"] for p in shown["people"]]
    assert invoke(repo, "validate").exit_code == 0
    wrong = invoke(repo, "contact", "edit", "华光", "袁亭", "--title", "x")
    assert wrong.exit_code == 1 and "closest" in wrong.stderr


def test_deals_open_and_close_and_the_funnel_counts_lost_reasons(repo: Path) -> None:
    opened = invoke(repo, "deal", "add", "华光", "2027 年五轴加工中心", "--stage", "proposal",
                    "--value", "2,400,000", "--expected-close", "2027-03-31")
    assert opened.exit_code == 0, opened.stderr
    lost = invoke(repo, "deal", "close", "华光", "五轴", "--lost", "--reason", "price",
                  "--reason", "竞争对手", "--note", "价格高于海天 12%")
    assert lost.exit_code == 0, lost.stderr
    card = yaml.safe_load((repo / "huaguang" / "account.yaml").read_text("utf-8"))
    deal = next(d for d in card["opportunities"] if d["name"] == "2027 年五轴加工中心")
    assert deal["result"] == "lost" and deal["reasons"] == ["price", "competitor"]
    assert deal["closed"].isoformat() == "2026-11-20"
    funnel = json.loads(invoke(repo, "funnel", "--format", "json").stdout)
    categories = {c["category"]: c["deals"] for c in funnel["outcomes"]["lost"]["categories"]}
    assert categories["price"] >= 1 and categories["competitor"] >= 1
    assert "lost by reason:" in invoke(repo, "funnel").stdout
    assert invoke(repo, "validate").exit_code == 0


def test_a_swing_note_clears_the_due_item(repo: Path) -> None:
    swings = [i for i in _due(repo) if i["kind"] == "revenue_swing"]
    assert swings
    first = swings[0]
    month = str(first["date"])[:7]
    noted = invoke(repo, "note", str(first["account"]), "--month", month, "客户停产检修")
    assert noted.exit_code == 0, noted.stderr
    after = [i for i in _due(repo) if i["kind"] == "revenue_swing"]
    assert not [i for i in after if i["account"] == first["account"]
                and str(i["date"])[:7] == month]
    card = yaml.safe_load((repo / str(first["account"]) / "account.yaml").read_text("utf-8"))
    assert {"month": month, "reason": "客户停产检修"} in card["change_notes"]


def test_reps_type_days_as_they_say_them() -> None:
    import datetime as dt

    from kadev.analysis.periods import relative_day

    today = dt.date(2026, 11, 20)  # a Friday
    expected = {"明天": "2026-11-21", "后天": "2026-11-22", "昨天": "2026-11-19",
                "今天": "2026-11-20", "tomorrow": "2026-11-21", "+7": "2026-11-27",
                "-3": "2026-11-17", "3天后": "2026-11-23", "2天前": "2026-11-18",
                "周五": "2026-11-20", "周三": "2026-11-25", "下周三": "2026-11-25",
                "本周三": "2026-11-18", "上周一": "2026-11-09", "星期日": "2026-11-22",
                "next wed": "2026-11-25", "12-2": "2026-12-02", "12月2日": "2026-12-02",
                "１２－２": "2026-12-02"}
    for text, day in expected.items():
        assert relative_day(text, today) == dt.date.fromisoformat(day), text
    for text in ("下周八", "13-40", "明年", "2026-11-31", ""):
        assert relative_day(text, today) is None, text


def test_a_plan_for_next_wednesday(repo: Path) -> None:
    made = invoke(repo, "plan", "add", "华光", "--date", "下周三", "--time", "10:00")
    assert made.exit_code == 0, made.stderr
    assert "/plans/2026-11-25-" in git(repo, "show", "--name-only", "--format=", "HEAD")
    wrong = invoke(repo, "plan", "add", "华光", "--date", "下周八")
    assert wrong.exit_code == 2 and "not a date (YYYY-MM-DD, or 明天" in wrong.stderr


def test_plans_reach_a_phone_calendar(repo: Path, tmp_path: Path) -> None:
    import icalendar

    assert invoke(repo, "plan", "add", "华光", "--date", "2026-11-24", "--time", "15:00",
                  "--with", "袁婷", "--purpose", "二期方案").exit_code == 0
    plan_id = _plan_id(repo)
    assert invoke(repo, "visit", "add", "华光", "--method", "面访", "--theirs", "袁婷",
                  "--points", "方案", "--ours", "chen").exit_code == 0  # a follow-up owed
    path = tmp_path / "visits.ics"
    made = invoke(repo, "plan", "calendar", "-o", str(path), "--team")
    assert made.exit_code == 0, made.stderr
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    mine = events[f"plan-huaguang-{plan_id[-6:]}@kadev"]
    assert str(mine["summary"]) == "visit 无锡华光汽车零部件有限公司 (face-to-face)"
    assert mine.decoded("dtstart") == dt.datetime(2026, 11, 24, 15, 0)
    assert "二期方案" in str(mine["description"]) and "袁婷" in str(mine["description"])
    assert str(mine["location"]) == "无锡市高新区华光路93号"  # the card's address
    owed = [e for u, e in events.items() if u.startswith("followup-huaguang-")]
    assert owed and str(owed[0]["summary"]) == "follow up 华光"  # a follow-up owed
    # moved to another day: the same event (same UID) at the new day, not a second one
    assert invoke(repo, "plan", "move", plan_id[-6:], "--date", "2026-11-26").exit_code == 0
    assert invoke(repo, "calendar", "-o", str(path), "--team").exit_code == 0
    moved = {str(e["uid"]): e for e in icalendar.Calendar.from_ical(path.read_bytes())
             .walk("VEVENT")}
    assert moved.keys() == events.keys()
    assert moved[f"plan-huaguang-{plan_id[-6:]}@kadev"].decoded("dtstart") == dt.datetime(
        2026, 11, 26, 15, 0)
    assert all(uid.isascii() for uid in events)
    assert not [u for u in events if u.startswith(("birthday-", "trip-"))]  # not personal
    personal = invoke(repo, "plan", "calendar", "-o", str(path), "--team", "--personal")
    assert personal.exit_code == 0
    uids = [str(e["uid"]) for e in icalendar.Calendar.from_ical(path.read_bytes())
            .walk("VEVENT")]
    assert any(u.startswith("birthday-") for u in uids)
    assert invoke(repo, "plan", "calendar", "-o", str(tmp_path / "x.txt")).exit_code == 2
