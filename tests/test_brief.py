"""`kadev brief`: golden output on the sample, section contents on a crafted account."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, invoke, write_tree

GOLDEN = Path(__file__).parent / "golden"


def check_golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME; KADEV_UPDATE_GOLDEN=1 rewrites the file instead."""
    path = GOLDEN / name
    if os.environ.get("KADEV_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs (see the diff above)"


@pytest.mark.parametrize(("account", "fmt", "suffix"), [
    ("huaguang", "table", "txt"), ("huaguang", "markdown", "md"),
    ("xinrui", "table", "txt"), ("xinrui", "markdown", "md")])
def test_golden_briefings(account: str, fmt: str, suffix: str,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    result = invoke(SAMPLE, "brief", account, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    check_golden(f"brief-{account}.{suffix}", result.stdout)


def test_table_columns_line_up_with_chinese_text(monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", "100")
    lines = invoke(SAMPLE, "brief", "huaguang", "--full").stdout.splitlines()
    boxed = [line for line in lines if line.startswith(("│", "╭", "╰"))]
    assert boxed and all(cell_len(line) == 100 for line in boxed)


CARD = """\
name: 测试客户
status: active
owner: zhang
nature: end_user
credit:
  payment_terms: 月结 30 天
  limit: 100000
  receivables:
    outstanding: 95000
    overdue: 0
qualification:
  need: 扩产
  key_person: 总经理
man:
  need: true
value_proposition:
  - advantage: lower_total_cost
    point: 每年省电 3 万
competitors:
  - name: 海天
    our_strengths: [服务快]
    our_weaknesses: [价格高]
    risk: high
contacts:
  - name: 王总
    title: 总经理
    layer: decision
    key_person: true
    birthday: 11-25
    personal:
      family: 女儿读初二
      hometown: 温州
    itinerary:
      - from: 2026-11-24
        to: 2026-11-26
        place: 上海
        purpose: 展会
  - name: 李工
    title: 设备部部长
    node: true
opportunities:
  - name: 二期
    stage: negotiation
    expected_close: 2027-01-31
    value: 800000
"""


@pytest.fixture
def crafted(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "r", {
        "kadev.yaml": "team: [zhang]\n",
        "ceshi/account.yaml": CARD,
        "ceshi/visits/2026-11-10-aaaaaa.yaml": ("date: 2026-11-10\nmethod: face-to-face\n"
                                               "ours: [zhang]\ntheirs: [王总]\npoints: 谈价格\n"
                                               "next_steps: 周五前发报价单\n"),
        "ceshi/complaints/2026-11-01-aaaaaa.yaml": "date: 2026-11-01\nwhat: 漏油\n",
    })


def brief_json(root: Path, *args: str) -> dict[str, object]:
    result = invoke(root, "brief", "ceshi", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_sections_of_a_crafted_account(crafted: Path) -> None:
    data = brief_json(crafted, "--with", "王总")
    assert set(data) >= {"account", "name", "header", "warnings", "promised", "visits",
                         "people", "ask", "talking_points", "advice"}
    warnings = data["warnings"]
    assert warnings[0]["kind"] == "complaint" and "漏油" in warnings[0]["text"]
    assert any(w["kind"] == "credit_limit" and "95%" in w["text"] for w in warnings)
    assert any(w["kind"] == "follow_up" for w in warnings)
    assert data["ask"] == []  # a deal in negotiation has answered the searching questions
    card = crafted / "ceshi" / "account.yaml"
    card.write_text(card.read_text("utf-8").replace("stage: negotiation", "stage: development")
                    .replace("expected_close: 2027-01-31", "expected_close: 2027-03-31"),
                    "utf-8")
    searching = brief_json(crafted, "--with", "王总")["ask"]
    assert "Is there a budget, a financial plan for it?" in searching
    assert "Has the customer found a problem or stated a need?" not in searching  # answered
    assert "Money: can they pay — is the money approved?" in searching
    assert not any("key person" in q for q in searching)  # 王总 is marked key person
    assert data["promised"][0]["next_steps"] == "周五前发报价单"
    assert data["promised"][0]["done"] is False
    boss = data["people"][0]
    assert boss["name"] == "王总" and boss["trips"] == [
        {"from": "2026-11-24", "to": "2026-11-26", "place": "上海", "purpose": "展会"}]
    assert boss["birthday"] == "11-25 (in 5 days)"
    assert boss["personal"] == {"family": "女儿读初二", "hometown": "温州"}
    assert data["header"]["deal"]["grade"] == "A"
    assert any("raise the seniority" in a for a in data["advice"])
    assert data["talking_points"]["competitors"][0]["our_weaknesses"] == ["价格高"]


def test_no_personal_removes_every_personal_field(crafted: Path) -> None:
    data = brief_json(crafted, "--with", "王总", "--no-personal")
    text = json.dumps(data, ensure_ascii=False)
    for secret in ("女儿读初二", "温州", "11-25", "上海", "trips", "personal", "birthday"):
        assert secret not in text, secret
    for fmt in ("markdown", "table"):
        shown = invoke(crafted, "brief", "ceshi", "--with", "王总", "--no-personal",
                       "--format", fmt).stdout
        assert "女儿读初二" not in shown and "温州" not in shown


def test_unknown_contact_and_account(crafted: Path) -> None:
    bad = invoke(crafted, "brief", "ceshi", "--with", "王总经理")
    assert bad.exit_code == 1 and "--with '王总经理': not a contact of ceshi" in bad.stderr
    unknown = invoke(crafted, "brief", "nobody")
    assert unknown.exit_code == 1 and unknown.stderr.startswith("error: no account matches")


def test_brief_today_in_time_order(run) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run("brief", "--today", "--format", "json").stdout)
    assert [(b["account"], b["planned"]) for b in data] == [("hengtong", "10:00"),
                                                             ("huaguang", "14:30")]
    none = run("brief", "--today", "--date", "2030-01-01")
    assert none.exit_code == 0 and none.stdout.strip() == "no visits planned on 2030-01-01"
    both = run("brief", "huaguang", "--today")
    assert both.exit_code == 2 and "give an ACCOUNT, or --today" in both.stderr


def test_every_sample_briefing_fits_one_80_by_40_screen(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The default briefing fits a terminal of 80×40; --full has every section."""
    import re

    from rich.cells import cell_len

    from tests.conftest import SAMPLE, invoke

    monkeypatch.setenv("COLUMNS", "80")
    for folder in sorted(p for p in SAMPLE.iterdir() if (p / "account.yaml").exists()):
        shown = invoke(SAMPLE, "brief", folder.name)
        assert shown.exit_code == 0, (folder.name, shown.stderr)
        lines = shown.stdout.splitlines()
        assert len(lines) <= 40, (folder.name, len(lines))
        assert all(cell_len(line) <= 80 for line in lines)
    head = invoke(SAMPLE, "brief", "huaguang").stdout.splitlines()
    # the header keeps every field: status, nature, region, industry, tier, quadrant
    assert head[1] == "active · end user · 华东 · 汽车零部件 · tier 1 · true friend"
    text = "\n".join(head)
    assert "phone 13514240403 · WeChat wx_5affb229" in text  # how to reach the key person
    assert "! last contact" not in text and "last contact 2 days ago" in text
    assert "Who is the key person" not in text  # the card marks one
    full = invoke(SAMPLE, "brief", "huaguang", "--full").stdout
    for section in ("open deals", "payment terms 款到发货", "credit limit ¥8,000,000.00",
                    "SWOT", "opportunities: 新能源汽车零部件订单增长", "what to say"):
        assert section in full, section
    assert "2027 年立式加工中心采购" in full  # every open deal, not only the best
    assert re.search(r"^│ owner chen · active · end user · 华东 · 汽车零部件", full, re.M)


def test_a_late_promise_is_something_to_act_on(repo) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import invoke

    late = invoke(repo, "brief", "huaguang", today="2026-12-05").stdout
    assert "act on" in late and "! promised 2026-11-18: 按计划上门" in late
