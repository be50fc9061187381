"""`kadev visit add/list`: options, prompts, the deal update, the commit, refusals."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.conftest import git, invoke, snapshot


def _new_visit(repo: Path) -> Path:
    names = git(repo, "show", "--name-only", "--format=", "HEAD").split()
    return repo / next(n for n in names if "/visits/" in n)


def test_add_with_options_updates_the_deal_in_one_commit(repo: Path) -> None:
    card = repo / "huaguang" / "account.yaml"
    before = card.read_text("utf-8")
    deal = yaml.safe_load(before)["opportunities"][0]["name"]
    result = invoke(repo, "visit", "add", "华光", "--method", "face-to-face", "--time", "14:30",
                    "--place", "客户会议室", "--ours", "chen", "--ours", "zhang",
                    "--theirs", "袁婷", "--points", "二期方案 VMC850 × 10",
                    "--thoughts", "担心交期", "--progress", "进入招标",
                    "--next-steps", "周五前报价", "--next-visit", "2026-11-27",
                    "--stage", "tender", "--expected-close", "2027-03-31", "--deal", deal)
    assert result.exit_code == 0, result.stderr
    visit_path = _new_visit(repo)
    assert visit_path.name.startswith("2026-11-20-")
    data = yaml.safe_load(visit_path.read_text("utf-8"))
    assert data["theirs"] == ["袁婷"] and data["ours"] == ["chen", "zhang"]
    assert data["changes"][0] == {"opportunity": deal, "field": "stage",
                                  "from": yaml.safe_load(before)["opportunities"][0]["stage"],
                                  "to": "tender"}
    assert [c["field"] for c in data["changes"]] == ["stage", "expected_close"]
    files = git(repo, "show", "--name-only", "--format=%s", "HEAD").splitlines()
    assert files[0].startswith("visit: 无锡华光汽车零部件有限公司 2026-11-20 face-to-face "
                               "(chen, zhang); stage ")
    plans = [f for f in files[1:] if "/plans/2026-11-27-" in f]  # from --next-visit
    assert len(plans) == 1
    assert sorted(f for f in files[1:] if f) == sorted(
        ["huaguang/account.yaml", str(visit_path.relative_to(repo)), plans[0]])
    numstat = git(repo, "show", "--numstat", "--format=", "HEAD", "--",
                  "huaguang/account.yaml").split()
    assert numstat[:2] == ["2", "2"]  # stage and expected_close: one line each
    assert invoke(repo, "validate").exit_code == 0
    assert git(repo, "status", "--porcelain") == ""


def test_chinese_note_reads_back_byte_identical_and_unescaped(repo: Path) -> None:
    note = "客户说：“明年二期要上 10 台 VMC850，预算已批”。\n第二行：注意交期。"
    result = invoke(repo, "visit", "add", "huaguang", "--method", "phone", "--points", note)
    assert result.exit_code == 0, result.stderr
    path = _new_visit(repo)
    raw = path.read_text("utf-8")
    assert "\\u" not in raw and "客户说" in raw
    assert yaml.safe_load(raw)["points"] == note
    shown = json.loads(invoke(repo, "visit", "list", "huaguang", "--format", "json").stdout)
    assert shown["visits"][-1]["points"] == note


def test_interactive_prompts_offer_contacts(repo: Path) -> None:
    card = yaml.safe_load((repo / "huaguang" / "account.yaml").read_text("utf-8"))
    second = card["contacts"][1]["name"]
    answers = "\n".join(["", "face-to-face", "10:00", "客户会议室", "", "1,2", "试机安排",
                         "满意", "等待审批", "下周电话跟进", "2026-12-01"]) + "\n"
    result = invoke(repo, "visit", "add", "huaguang", "-i", input=answers)
    assert result.exit_code == 0, result.stderr
    assert "1) 袁婷" in result.stdout
    data = yaml.safe_load(_new_visit(repo).read_text("utf-8"))
    assert data == {"date": __import__("datetime").date(2026, 11, 20), "time": "10:00",
                    "place": "客户会议室", "method": "face-to-face", "ours": ["chen"],
                    "theirs": ["袁婷", second], "points": "试机安排", "thoughts": "满意",
                    "progress": "等待审批", "next_steps": "下周电话跟进",
                    "next_visit": __import__("datetime").date(2026, 12, 1)}


def test_new_contact_is_added_to_the_card(repo: Path) -> None:
    result = invoke(repo, "visit", "add", "huaguang", "--method", "face-to-face",
                    "--points", "认识新采购", "--new-contact", "沈佳怡")
    assert result.exit_code == 0, result.stderr
    card = yaml.safe_load((repo / "huaguang" / "account.yaml").read_text("utf-8"))
    assert card["contacts"][-1] == {"name": "沈佳怡"}
    assert "new contact 沈佳怡" in git(repo, "log", "-1", "--format=%s")
    assert invoke(repo, "validate").exit_code == 0


def test_edit_opens_a_template_and_saves_what_validates(repo: Path, tmp_path: Path,
                                                        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    script = tmp_path / "ed.sh"
    script.write_text("#!/bin/sh\nsed -i 's/^method:.*/method: email/; s/^points:.*/points: "
                      "寄送资料/' \"$1\"\n")
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(script))
    result = invoke(repo, "visit", "add", "huaguang", "--edit")
    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load(_new_visit(repo).read_text("utf-8"))
    assert data["method"] == "email" and data["points"] == "寄送资料"



def test_the_edit_template_speaks_the_language(repo: Path, tmp_path: Path,
                                               monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """In Chinese, the template's comment lines are Chinese; the keys stay as the file
    spells them."""
    seen = tmp_path / "template.yaml"
    script = tmp_path / "ed.sh"
    script.write_text(f"#!/bin/sh\ncp \"$1\" {seen}\nsed -i 's/^method:.*/method: phone/; "
                      "s/^points:.*/points: 电话沟通/' \"$1\"\n")
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(script))
    result = invoke(repo, "--lang", "zh", "visit", "add", "huaguang", "--edit")
    assert result.exit_code == 0, result.stderr
    head = [line for line in seen.read_text("utf-8").splitlines() if line.startswith("#")]
    assert head[0].startswith("# 新拜访：") and head[1].startswith("# 联系人：袁婷")
    assert "face-to-face (面访)" in head[2] and "New visit" not in seen.read_text("utf-8")


BAD = [
    (("--method", "phone", "--points", "x", "--theirs", "袁亭"),
     "error: --theirs '袁亭': not a contact of huaguang (closest: 袁婷); add them with "
     "--new-contact '袁亭'"),
    (("--method", "phone", "--points", "x", "--next-visit", "2026-11-01"),
     "error: --next-visit 2026-11-01: 2026-11-01 is before the visit date 2026-11-20"),
    (("--points", "x"), "error: missing --method (no terminal to ask; or use --edit)"),
    (("--method", "fax", "--points", "x"),
     "error: --method 'fax': expected one of face-to-face, phone, email, letter, event"),
    (("--method", "phone", "--points", "x", "--date", "2026-02-30"),
     "error: --date '2026-02-30': not a date (YYYY-MM-DD, or 明天, 下周三, +7, 12-2)"),
    (("--method", "phone", "--points", "x", "--stage", "closing"),
     "error: --stage 'closing': expected one of development, initiation, proposal, tender, "
     "negotiation, delivery"),
]


def test_bad_input_is_one_line_and_writes_nothing(repo: Path) -> None:
    before = snapshot(repo)
    for args, message in BAD:
        result = invoke(repo, "visit", "add", "huaguang", *args)
        # an unknown contact is not found (1); every other case is a usage error (2)
        assert result.exit_code == (1 if "not a contact" in message else 2), args
        assert result.stderr.strip() == message, args
    unknown = invoke(repo, "visit", "add", "nosuchaccount", "--method", "phone", "--points", "x")
    assert unknown.exit_code == 1 and unknown.stderr.startswith("error: no account matches")
    assert snapshot(repo) == before
    assert git(repo, "status", "--porcelain") == ""


def test_several_open_deals_need_deal(repo: Path) -> None:
    result = invoke(repo, "visit", "add", "huaguang", "--method", "phone", "--points", "x",
                    "--stage", "tender")
    assert result.exit_code == 2
    assert "several open deals" in result.stderr and "--deal" in result.stderr


def test_visit_list_shows_frequency(run) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run("visit", "list", "huaguang", "--format", "json").stdout)
    freq = data["frequency"]
    assert freq["visits"] == len(data["visits"]) > 10
    assert freq["per_month"] > 0 and freq["days_since_last"] >= 0
    table = run("visit", "list", "huaguang", "--last", "3")
    assert "per month" in table.stdout and "last contact" in table.stdout


def test_interactive_answers_are_checked_as_they_are_given(repo: Path) -> None:
    """A future date, a Chinese method word and a misspelt attendee are handled at their own
    prompts: nothing typed before or after is lost."""
    answers = "\n".join(["2027-01-05", "", "面谈", "10:00", "客户会议室", "", "袁亭", "1",
                         "试机安排", "满意", "等待审批", "下周电话跟进", ""]) + "\n"
    result = invoke(repo, "visit", "add", "huaguang", "-i", input=answers)
    assert result.exit_code == 0, result.stderr
    assert "2027-01-05 is after today" in result.stderr
    assert "'袁亭' is not a contact of this card (closest: 袁婷)" in result.stderr
    data = yaml.safe_load(_new_visit(repo).read_text("utf-8"))
    assert data["date"].isoformat() == "2026-11-20" and data["method"] == "face-to-face"
    assert data["theirs"] == ["袁婷"] and data["points"] == "试机安排"
    assert data["next_steps"] == "下周电话跟进"


def test_the_prompts_speak_chinese(repo: Path) -> None:
    answers = "\n".join(["明天", "", "电话", "25点", "下午2点半", "", "", "1", "确认方案", "",
                         "", "", "下周三"]) + "\n"
    result = invoke(repo, "--lang", "zh", "visit", "add", "huaguang", "-i", input=answers)
    assert result.exit_code == 0, result.stderr
    for prompt in ("日期", "方式（面访/电话/邮件/信函/活动）", "时间（14:30 或 下午2点半，可留空）",
                   "地点", "我方参加人", "客户方参加人", "洽谈要点", "下次拜访"):
        assert prompt in result.stdout, prompt
    assert "晚于今天" in result.stderr  # 明天 is refused at its prompt, asked again
    data = yaml.safe_load(_new_visit(repo).read_text("utf-8"))
    assert data["method"] == "phone" and data["points"] == "确认方案"
    assert data["time"] == "14:30" and "'25点'：不是时间" in result.stderr  # asked again
    assert data["next_visit"].isoformat() == "2026-11-25"
