"""`kadev account import`: a team's customer list (written by another xlsx library, or saved
as a GBK CSV by Excel on Chinese Windows) becomes file cards — Chinese headers, contacts from
repeated columns and from a second sheet, existing cards found by name or alias and only
added to, per-row errors at their line with nothing written, one commit."""

from __future__ import annotations

from pathlib import Path

import xlsxwriter
import yaml

from tests.conftest import git, invoke, snapshot


def _workbook(path: Path, rows: list[list[object]], contacts: list[list[object]] | None = None
              ) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("客户")
    sheet.merge_range(0, 0, 0, 5, "2026 年大客户清单")  # a title row above the header
    sheet.write_row(1, 0, ["客户名称", "简称", "别名", "负责人", "区域", "行业", "客户性质",
                           "联系人", "职务", "手机", "联系人2", "职务2", "手机2"])
    for n, row in enumerate(rows, start=2):
        sheet.write_row(n, 0, row)
    if contacts is not None:
        people = book.add_worksheet("联系人")
        people.write_row(0, 0, ["客户名称", "姓名", "职务", "手机"])
        for n, row in enumerate(contacts, start=1):
            people.write_row(n, 0, row)
    book.close()
    return path


ROWS: list[list[object]] = [
    ["苏州新锐精工有限公司", "新锐精工", "苏州新锐精工、新锐精工厂", "zhang", "华东", "机床",
     "终端用户", "王磊", "设备部经理", 13912345678, "李娜", "采购", "13800001111"],
    ["无锡华光汽车零部件有限公司", "", "华光汽车", "", "", "", "", "赵强", "技术总监",
     "13700002222"],
    ["合肥远大机械有限公司", "", "", "li", "华东", "通用机械", "经销商"],
]


def test_a_customer_list_becomes_cards_in_one_commit(repo: Path, tmp_path: Path) -> None:
    book = _workbook(tmp_path / "客户清单.xlsx", ROWS,
                     [["合肥远大机械有限公司", "陈刚", "总经理", "13600003333"]])
    before = snapshot(repo)
    dry = invoke(repo, "--lang", "zh", "account", "import", str(book), "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    assert "新建" in dry.stdout and "更新" in dry.stdout and "新锐精工" in dry.stdout
    assert snapshot(repo) == before  # the dry run wrote nothing
    head = git(repo, "rev-parse", "HEAD").strip()
    done = invoke(repo, "account", "import", str(book))
    assert done.exit_code == 0, done.stderr
    assert git(repo, "rev-list", "--count", f"{head}..HEAD").strip() == "1"
    assert invoke(repo, "validate").exit_code == 0
    new = yaml.safe_load((repo / "suzhouxinruijinggong" / "account.yaml").read_text("utf-8"))
    assert new["short_name"] == "新锐精工" and new["aliases"] == ["苏州新锐精工", "新锐精工厂"]
    assert new["nature"] == "end_user" and new["owner"] == "zhang" and new["status"] == "prospect"
    assert [c["name"] for c in new["contacts"]] == ["王磊", "李娜"]
    assert new["contacts"][0]["phone"] == "13912345678"  # a number Excel stored, as text
    hefei = yaml.safe_load((repo / "hefeiyuandajixie" / "account.yaml").read_text("utf-8"))
    assert hefei["contacts"] == [{"name": "陈刚", "title": "总经理", "phone": "13600003333"}]
    card = (repo / "huaguang" / "account.yaml").read_text("utf-8")
    old = yaml.safe_load(git(repo, "show", f"{head}:huaguang/account.yaml"))
    now = yaml.safe_load(card)
    assert now["aliases"] == [*old["aliases"], "华光汽车"]
    assert now["contacts"][-1]["name"] == "赵强" and now["owner"] == old["owner"]
    # importing the same list again changes nothing
    again = invoke(repo, "account", "import", str(book))
    assert again.exit_code == 0 and "nothing written" in again.stdout
    assert git(repo, "rev-list", "--count", f"{head}..HEAD").strip() == "1"


def test_row_errors_are_at_their_line_and_nothing_is_written(repo: Path,
                                                              tmp_path: Path) -> None:
    rows = [*ROWS, ["", "", "", "zhang", "华南"], ["深圳某公司", "", "", "", "", "", "零售商"]]
    book = _workbook(tmp_path / "bad.xlsx", rows)
    before = snapshot(repo)
    result = invoke(repo, "account", "import", str(book))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert "bad.xlsx:6: a row without the customer's name" in lines
    assert "bad.xlsx:7: customer nature '零售商' is not one kadev knows" in lines
    assert snapshot(repo) == before
    no_owner = _workbook(tmp_path / "no-owner.xlsx", [["某新客户", "", "", "", "华东"]])
    refused = invoke(repo, "account", "import", str(no_owner))
    assert refused.exit_code == 1 and "no-owner.xlsx:3: a new card needs an owner" in refused.stderr
    assert snapshot(repo) == before


def test_a_gbk_csv_with_english_headers_and_a_map(repo: Path, tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    path.write_bytes("Company,Sales Rep,Region,Contact,Title,Mobile\n"
                     "杭州启明电子有限公司,wang,华东,孙悦,总工,13500004444\n".encode("gbk"))
    result = invoke(repo, "account", "import", str(path), "--map", "Sales Rep=owner",
                    "--map", "Company=name")
    assert result.exit_code == 0, result.stderr
    card = next(p for p in repo.glob("*/account.yaml") if "杭州启明" in p.read_text("utf-8"))
    data = yaml.safe_load(card.read_text("utf-8"))
    assert data["owner"] == "wang" and data["contacts"][0]["title"] == "总工"
    bad = invoke(repo, "account", "import", str(path), "--map", "Company=colour")
    assert bad.exit_code == 2 and "--map 'Company=colour'" in bad.stderr
