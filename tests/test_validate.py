"""`kadev validate`: the bad-input corpus (one case per kind of problem), exact path:line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import invoke, snapshot

SETTINGS = "team: [zhang, li]\n"
CARD = """\
name: 无锡华光机械有限公司
status: active
owner: zhang
nature: end_user
credit:
  payment_terms: 月结 60 天
contacts:
  - name: 王建国
    title: 总经理
  - name: 李丽华
opportunities:
  - name: 二期加工中心
    stage: proposal
"""
VISIT = """\
date: 2026-11-10
method: face-to-face
ours: [zhang]
theirs:
  - 王建国
points: 介绍 VMC850
"""
COMPLAINT = """\
date: 2026-11-01
what: 主轴异响
"""


def make_root(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    root = tmp_path / "root"
    base = {"kadev.yaml": SETTINGS, "huaguang/account.yaml": CARD,
            "huaguang/visits/2026-11-10-a1b2c3.yaml": VISIT,
            "huaguang/complaints/2026-11-01-d4e5f6.yaml": COMPLAINT}
    base.update(files)
    for rel, text in base.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


def problems_of(root: Path) -> tuple[int, list[str]]:
    before = snapshot(root)
    result = invoke(root, "validate")
    assert snapshot(root) == before, "validate must not write"
    return result.exit_code, result.stdout.splitlines()


def test_clean_root_passes(tmp_path: Path) -> None:
    root = make_root(tmp_path, {})
    result = invoke(root, "validate")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.startswith("ok: 1 accounts, 1 visits, 1 complaints")


def test_sample_data_is_clean() -> None:
    from tests.conftest import SAMPLE

    result = invoke(SAMPLE, "validate")
    assert result.exit_code == 0, result.stdout
    assert "no problems" in result.stdout


CASES = [
    # the unclosed bracket is on line 3, where the mistake is; the parser notices it on line 4
    ("yaml syntax", {"huaguang/account.yaml": CARD.replace("owner: zhang", "owner: [zhang")},
     "huaguang/account.yaml:3:8:"),
    ("duplicate key", {"huaguang/account.yaml": CARD + "owner: li\n"},
     "huaguang/account.yaml:14:1: duplicate key 'owner'"),
    ("misspelt key", {"huaguang/account.yaml": CARD.replace("    title:", "    titel:")},
     "huaguang/account.yaml:9:5: unknown key 'contacts[0].titel' (did you mean 'title'?)"),
    ("wrong type", {"huaguang/account.yaml": CARD + "tier: first\n"},
     "huaguang/account.yaml:14:1: tier: Input should be a valid integer"),
    ("impossible date", {"huaguang/visits/2026-11-10-a1b2c3.yaml":
                         VISIT.replace("2026-11-10", "2026-02-30")},
     "huaguang/visits/2026-11-10-a1b2c3.yaml:1:1: date: Input should be a valid date"),
    ("name date differs", {"huaguang/visits/2026-11-10-a1b2c3.yaml":
                           VISIT.replace("2026-11-10", "2026-11-11")},
     "huaguang/visits/2026-11-10-a1b2c3.yaml:1:1: date 2026-11-11 differs from the date in "
     "the file name (2026-11-10)"),
    ("unknown contact", {"huaguang/visits/2026-11-10-a1b2c3.yaml":
                         VISIT.replace("  - 王建国", "  - 王建华")},
     "huaguang/visits/2026-11-10-a1b2c3.yaml:5:5: '王建华' is not a contact of huaguang "
     "(closest: 王建国"),
    ("resolved before opened", {"huaguang/complaints/2026-11-01-d4e5f6.yaml":
                                COMPLAINT + "resolved: 2026-10-30\n"},
     "huaguang/complaints/2026-11-01-d4e5f6.yaml:3:1: resolved: 2026-10-30 is before the "
     "complaint was opened (2026-11-01)"),
    ("unknown stage", {"huaguang/account.yaml": CARD.replace("stage: proposal",
                                                              "stage: closing")},
     "huaguang/account.yaml:13:5: opportunities[0].stage: Input should be 'development'"),
    ("unknown grade", {"huaguang/account.yaml": CARD + "    grade: E\n"},
     "huaguang/account.yaml:14:5: opportunities[0].grade: Input should be 'A', 'B', 'C' or 'D'"),
    ("owner not in team", {"huaguang/account.yaml": CARD.replace("owner: zhang", "owner: zhao")},
     "huaguang/account.yaml:3:1: owner 'zhao' is not in the team list of kadev.yaml"),
    ("invalid id", {"Hua Guang/account.yaml": CARD},
     "Hua Guang/: account folder name is not a valid id"),
    ("empty file", {"huaguang/complaints/2026-11-01-d4e5f6.yaml": ""},
     "huaguang/complaints/2026-11-01-d4e5f6.yaml:1:1: empty file"),
    ("not utf-8", {"huaguang/account.yaml": CARD.encode("gbk")},
     "huaguang/account.yaml:1:7: file is not UTF-8"),
    ("python tag", {"huaguang/account.yaml": CARD + "industry: !!python/object/apply:os.system "
                    "['true']\n"},
     "huaguang/account.yaml:14:11: YAML tag tag:yaml.org,2002:python/object/apply:os.system "
     "is not allowed"),
    ("alias bomb", {"huaguang/account.yaml": CARD + "services: &a [x, x, x, x, x, x, x, x, x]\n"
                    "aliases: [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"},
     "huaguang/account.yaml:15:11: YAML aliases (*name) are not allowed"),
    ("merge key", {"huaguang/account.yaml": CARD + "profile:\n  <<: {phone: '1'}\n"},
     "huaguang/account.yaml:15:3: YAML merge keys (<<) are not allowed"),
    ("active without credit terms", {"huaguang/account.yaml":
                                     CARD.replace("credit:\n  payment_terms: 月结 60 天\n", "")},
     "huaguang/account.yaml:2:1: status: an active account needs credit.payment_terms"),
    ("missing required key", {"huaguang/account.yaml": CARD.replace("nature: end_user\n", "")},
     "huaguang/account.yaml:1:1: missing required key 'nature'"),
    ("next visit before visit", {"huaguang/visits/2026-11-10-a1b2c3.yaml":
                                 VISIT + "next_visit: 2026-11-01\n"},
     "huaguang/visits/2026-11-10-a1b2c3.yaml:7:1: next_visit: 2026-11-01 is before the visit "
     "date 2026-11-10"),
    ("bad record name", {"huaguang/visits/visit1.yaml": VISIT},
     "huaguang/visits/visit1.yaml: file name is not YYYY-MM-DD-<suffix>.yaml"),
    ("not a mapping", {"huaguang/visits/2026-11-10-a1b2c3.yaml": "- just\n- a list\n"},
     "huaguang/visits/2026-11-10-a1b2c3.yaml:1:1: expected a mapping"),
    ("bad settings", {"kadev.yaml": "abc_thresholds: [55]\n"},
     "kadev.yaml:1:1: abc_thresholds: abc_thresholds is two percentages"),
]


@pytest.mark.parametrize(("what", "files", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_reported_at_its_line(tmp_path: Path, what: str,
                                           files: dict[str, str | bytes],
                                           expected: str) -> None:
    root = make_root(tmp_path, files)
    code, lines = problems_of(root)
    assert code == 1
    assert any(line.startswith(expected) for line in lines), (expected, lines)


def test_every_problem_is_reported_sorted(tmp_path: Path) -> None:
    root = make_root(tmp_path, {
        "huaguang/account.yaml": CARD.replace("    title:", "    titel:") + "tier: 9\n",
        "huaguang/complaints/2026-11-01-d4e5f6.yaml": COMPLAINT + "severity: huge\n",
    })
    code, lines = problems_of(root)
    assert code == 1
    assert len(lines) == 3
    assert lines == sorted(lines, key=lambda x: (x.split(":")[0], int(x.split(":")[1])))


def test_json_format_lists_problems(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"huaguang/account.yaml": CARD + "owner: li\n"})
    result = invoke(root, "validate", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert data["problems"] == [{"path": "huaguang/account.yaml", "line": 14, "column": 1,
                                 "message": "duplicate key 'owner'"}]


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdefghij"):
        prev = "abcdefghij"[i]
        lines.append(f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]")
    root = make_root(tmp_path, {"huaguang/account.yaml": "\n".join(lines) + "\n"})
    code, out = problems_of(root)
    assert code == 1
    assert any("aliases" in line for line in out)


@pytest.mark.parametrize(("what", "expected"), [
    ("python tag", "huaguang/account.yaml:14:11: kadev 文件中不允许使用 YAML 标签"),
    ("alias bomb", "huaguang/account.yaml:15:11: kadev 文件中不允许使用 YAML 别名（*name）"),
    ("merge key", "huaguang/account.yaml:15:3: kadev 文件中不允许使用 YAML 合并键（<<）"),
    ("not a mapping", "huaguang/visits/2026-11-10-a1b2c3.yaml:1:1: 应为“键: 值”的映射"),
])
def test_refused_yaml_is_said_in_chinese(tmp_path: Path, what: str, expected: str) -> None:
    files = next(c[1] for c in CASES if c[0] == what)
    root = make_root(tmp_path, files)
    result = invoke(root, "--lang", "zh", "validate")
    assert result.exit_code == 1
    assert any(line.startswith(expected) for line in result.stdout.splitlines()), \
        result.stdout
