"""Reports a manager sends: xlsx workbooks opened with openpyxl, CSV read back with pandas in
the declared encoding, the funnel and matrix charts' drawn labels, and `--as-of` against a
checkout of the commit it names."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import matplotlib
import openpyxl
import pandas as pd
import pytest

from kadev import i18n
from kadev.render.charts import chinese_font, funnel_figure, matrix_figure
from tests.conftest import Run, git, invoke

CJK = re.compile(r"[\u4e00-\u9fff]")
FONT = chinese_font(None)
MONEY = '"¥"#,##0.00;-"¥"#,##0.00'

REPORTS = {  # command → (first sheet's header in English, in Chinese; a money column; a pct)
    "abc --compare": ("account", "客户编号", "amount", "share"),
    "funnel": ("deal", "项目", "value", "probability"),
    "matrix": ("quadrant", "象限", None, None),
    "report performance": ("owner", "负责人", "now", "rate"),
    "due --team": ("reason", "原因", None, None),
    "account list": ("revenue 12m", "近12月销售额", "revenue 12m", None),
    "complaint list": ("severity", "严重程度", None, None),
    "plan list --team --days 60": ("purpose", "目的", None, None),
    "visit list huaguang": ("points", "要点", None, None),
}


@pytest.mark.parametrize("command", list(REPORTS))
def test_every_report_is_a_workbook_in_either_language(run: Run, tmp_path: Path,
                                                       command: str) -> None:
    english, chinese, money, pct = REPORTS[command]
    for lang, head in (("en", english), ("zh", chinese)):
        path = tmp_path / f"{lang}.xlsx"
        result = run("--lang", lang, *command.split(), "--format", "xlsx", "-o", str(path))
        assert result.exit_code == 0, result.stderr
        book = openpyxl.load_workbook(path)
        first, about = book.worksheets[0], book.worksheets[-1]
        headers = [c.value for c in first[1]]
        assert head in headers, headers
        if lang == "zh":
            assert all(CJK.search(str(h)) for h in headers), headers
        assert first.freeze_panes == "A2"
        assert first.max_row > 1
        assert about.title == ("说明" if lang == "zh" else "About")
        assert about["A1"].value == ("报表" if lang == "zh" else "report")
        if money:
            column = headers.index(money.replace("_", " ") if lang == "en" else
                                   {"amount": "金额", "value": "金额", "now": "本期",
                                    "revenue 12m": "近12月销售额"}[money]) + 1
            cells = [r[0] for r in first.iter_rows(min_row=2, min_col=column, max_col=column)
                     if r[0].value is not None]
            assert cells and all(isinstance(c.value, int | float) for c in cells)
            assert all(c.number_format == MONEY for c in cells)
        if pct:
            column = [i for i, h in enumerate(headers, 1)
                      if h in (pct, {"share": "占比", "probability": "成交概率",
                                     "rate": "变化率"}[pct])][0]
            cells = [r[0] for r in first.iter_rows(min_row=2, min_col=column, max_col=column)
                     if r[0].value is not None]
            assert cells and all(c.number_format == "0.00%" for c in cells)
            assert all(isinstance(c.value, int | float) and -10 < c.value < 10 for c in cells)
        widths = [first.column_dimensions[c].width for c in "ABC"]
        assert all(w and w >= 6 for w in widths)


def test_a_workbook_names_enumerations_and_has_every_table(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "funnel.xlsx"
    assert run("--lang", "zh", "--units", "wan", "funnel", "--format", "xlsx", "-o",
               str(path)).exit_code == 0
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["项目", "按等级", "按阶段", "转化", "负责人", "停滞项目", "优先级",
                               "说明"]
    deals = book["项目"]
    headers = [c.value for c in deals[1]]
    stages = {r[headers.index("阶段")].value for r in deals.iter_rows(min_row=2)}
    assert stages <= {"客户开发", "立项", "提案", "招投标", "商务谈判", "工程验收"}
    value = deals.cell(2, headers.index("金额") + 1)
    assert "万" in value.number_format and isinstance(value.value, int | float)
    expected = deals.cell(2, headers.index("预计成交") + 1).value
    assert isinstance(expected, dt.datetime)
    # the account's id and its name both
    assert "客户编号" in headers and "名称" in headers


def test_xlsx_needs_a_file(run: Run) -> None:
    result = run("abc", "--format", "xlsx")
    assert result.exit_code == 2 and "--output" in result.stderr


def test_csv_opens_in_excel_and_reads_back_as_numbers(run: Run, tmp_path: Path) -> None:
    tables = []
    for encoding, reader in (("utf-8", "utf-8-sig"), ("gbk", "gb18030")):
        path = tmp_path / f"abc-{encoding}.csv"
        result = run("--lang", "zh", "abc", "--format", "csv", "--encoding", encoding, "-o",
                     str(path))
        assert result.exit_code == 0, result.stderr
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8")
        table = pd.read_csv(path, encoding=reader)
        assert list(table.columns)[:3] == ["排名", "客户编号", "名称"]
        assert table["金额"].dtype.kind == "f" and table["占比"].dtype.kind == "f"
        assert table["名称"].str.contains(CJK).sum() >= 35  # (one dealer has an English name)
        tables.append(table)
    pd.testing.assert_frame_equal(*tables)  # the same table in either encoding
    english = run("abc", "--format", "csv")
    assert english.stdout.startswith("rank,account,name,amount")


def _texts(fig: matplotlib.figure.Figure) -> list[matplotlib.text.Text]:
    return [t for t in fig.findobj(matplotlib.text.Text) if t.get_text().strip()]


def _json(run: Run, *args: str) -> dict[str, object]:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


@pytest.mark.skipif(FONT is None, reason="no font with Chinese glyphs on this machine "
                    "(e.g. apt install fonts-wqy-microhei)")
def test_funnel_and_matrix_charts_in_chinese(run: Run, tmp_path: Path) -> None:
    funnel, matrix = _json(run, "funnel"), _json(run, "matrix")
    i18n.set_lang("zh")
    try:
        figures = [funnel_figure(funnel, "¥", FONT), matrix_figure(matrix, {"huaguang": "华光"},
                                                                   FONT)]
    finally:
        i18n.set_lang("en")
    words = [t.get_text() for fig in figures for t in _texts(fig)]
    assert any(w.startswith("销售漏斗") for w in words)
    assert {"客户开发", "商务谈判"} <= set(words)  # stages
    assert {"搜寻", "进入漏斗", "最佳状态"} <= set(words)  # the states per owner
    assert any("万" in w for w in words)
    assert {"知己", "藤壶", "蝴蝶", "过客"} <= set(words)  # the quadrants named
    assert "华光" in words
    for fig in figures:
        for text in _texts(fig):
            if CJK.search(text.get_text()):
                assert text.get_fontname() == FONT, text.get_text()
    for command in ("funnel", "matrix"):
        for suffix in ("png", "svg"):
            path = tmp_path / f"{command}.{suffix}"
            result = run("--lang", "zh", command, "--chart", str(path))
            assert result.exit_code == 0 and path.stat().st_size > 1000, result.stderr


def test_charts_refuse_without_a_chinese_font_and_take_only_images(run: Run, sample: Path,
                                                                   tmp_path: Path) -> None:
    words = [t.get_text() for t in _texts(funnel_figure(_json(run, "funnel")))]
    assert any(w.startswith("Sales funnel") for w in words)
    with (sample / "kadev.yaml").open("a", encoding="utf-8") as out:
        out.write("\nchart_font: /nonexistent/font.ttf\n")
    refused = run("--lang", "zh", "matrix", "--chart", str(tmp_path / "m.png"))
    assert refused.exit_code == 1 and len(refused.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "m.png").exists()
    wrong = run("funnel", "--chart", str(tmp_path / "f.pdf"))
    assert wrong.exit_code == 2 and ".png or .svg" in wrong.stderr


def _commit_on(root: Path, day: str, message: str) -> None:
    env = {**os.environ, "GIT_COMMITTER_DATE": f"{day}T12:00:00", "GIT_AUTHOR_DATE":
           f"{day}T12:00:00"}
    import subprocess

    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(["git", "commit", "-qm", message], cwd=root, check=True, env=env)


def test_as_of_reproduces_the_figures_of_a_checkout_of_that_commit(sample: Path,
                                                                    tmp_path: Path) -> None:
    git(sample, "init", "-q")
    _commit_on(sample, "2026-06-30", "the quarter's data")
    old = git(sample, "rev-parse", "HEAD").strip()
    # later: a big order booked, a deal won, a card's owner changed
    with (sample / "_sales" / "2026-05.csv").open("a", encoding="utf-8") as out:
        out.write("xinrui,9000000,900000,,\n")
    card = sample / "huaguang" / "account.yaml"
    card.write_text(card.read_text("utf-8").replace("owner: chen", "owner: li", 1), "utf-8")
    _commit_on(sample, "2026-09-15", "later changes")
    head = git(sample, "rev-parse", "HEAD").strip()
    checkout = tmp_path / "checkout"
    git(tmp_path, "clone", "-q", str(sample), str(checkout))
    git(checkout, "checkout", "-q", old)
    for command in (["abc"], ["funnel"], ["matrix"], ["report", "performance"],
                    ["account", "list"], ["due", "--team"]):
        past = invoke(sample, *command, "--format", "json", "--as-of", "2026-07-01",
                      today="2026-07-01")
        assert past.exit_code == 0, past.stderr
        assert "as of 2026-07-01: the data of commit" in past.stderr
        then = invoke(checkout, *command, "--format", "json", today="2026-07-01")
        shown = json.loads(past.stdout)
        if isinstance(shown, dict):  # (a list, such as the account list's, is left as it is)
            assert shown.pop("as_of") == {"date": "2026-07-01", "commit": old,
                                          "commit_date": "2026-06-30"}
        assert shown == json.loads(then.stdout), command
        now = invoke(sample, *command, "--format", "json", today="2026-07-01")
        if command in (["abc"], ["account", "list"]):  # the later order and owner changed them
            assert json.loads(now.stdout) != shown
    # the work tree, the index and HEAD are as they were
    assert git(sample, "rev-parse", "HEAD").strip() == head
    assert git(sample, "status", "--porcelain") == ""
    # the option after the command, in Chinese, in a workbook
    zh = invoke(sample, "--lang", "zh", "abc", "--as-of", "2026-07-01", "--format", "xlsx",
                "-o", str(tmp_path / "q2.xlsx"))
    assert zh.exit_code == 0 and "截至 2026-07-01" in zh.stderr
    about = openpyxl.load_workbook(tmp_path / "q2.xlsx")["说明"]
    assert any("截至 2026-07-01" in str(r[1].value) for r in about.iter_rows())
    assert invoke(sample, "abc", "--as-of", "2020-01-01").exit_code == 2
    refused = invoke(sample, "--as-of", "2026-07-01", "visit", "add", "huaguang", "--method",
                     "phone", "--points", "x")
    assert refused.exit_code == 2 and "cannot be used with a command that writes" in \
        refused.stderr
    assert git(sample, "status", "--porcelain") == ""
