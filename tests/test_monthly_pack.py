"""The monthly pack: one self-contained HTML page (parsed: its sections, tables, inline
charts, nothing from outside, no personal data), the same as a workbook, and the page
rendered by a real headless Chromium when the machine has one."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from kadev.render.charts import chinese_font
from tests.conftest import Run, plant_personal

MARK = "PMARK"
SECTIONS = ["abc", "funnel", "matrix", "performance", "complaints", "activity"]
BROWSER = next((shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome")
                if shutil.which(b)), None)


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _pack(run: Run, path: Path, lang: str) -> Page:
    result = run("--lang", lang, "report", "monthly", "--month", "2026-10", "-o", str(path))
    assert result.exit_code == 0, result.stderr
    text = path.read_text("utf-8")
    assert MARK not in text and "02-29" not in text  # no personal data at all
    page = Page()
    page.feed(text)
    return page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_pack_is_one_page_with_every_section(run: Run, sample: Path, tmp_path: Path,
                                                 lang: str) -> None:
    plant_personal(sample, "02-29", ("2026-10-20", "2026-10-22"), MARK)
    page = _pack(run, tmp_path / "pack.html", lang)
    tags = page.tags
    assert ("html", {"lang": "zh-CN" if lang == "zh" else "en"}) in tags
    ids = [a.get("id") for t, a in tags if t == "section"]
    assert ids == SECTIONS
    assert sum(1 for t, _ in tags if t == "table") >= 12
    # nothing is fetched from anywhere: no script, stylesheet link, frame or outside address
    assert not {t for t, _ in tags} & {"script", "link", "iframe", "object", "embed"}
    for _, attrs in tags:
        for name in ("src", "href"):
            value = attrs.get(name)
            assert value is None or value.startswith(("data:image/png;base64,", "#")), value
    images = [a["src"] for t, a in tags if t == "img"]
    if chinese_font(None) is not None or lang == "en":
        assert len(images) == 3  # the ABC, funnel and matrix charts, inside the page
    words = " ".join(page.text)
    if lang == "zh":
        assert "大客户月度报告 2026-10" in words and "各销售代表的本月工作" in words
        assert "知己" in words and "客户开发" in words and "合计" in words
    else:
        assert "Key accounts: monthly report 2026-10" in words and "Each rep's month" in words
    assert "无锡华光汽车零部件有限公司" in words


def test_the_pack_as_a_workbook(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "pack.xlsx"
    result = run("--lang", "zh", "report", "monthly", "--month", "2026-10", "-o", str(path))
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(path)
    assert {"分类汇总", "类别变动", "按阶段", "转化", "象限", "未关闭的抱怨", "销售代表的工作",
            "说明"} <= set(book.sheetnames)
    activity = book["销售代表的工作"]
    headers = [c.value for c in activity[1]]
    assert headers[:3] == ["负责人", "拜访次数", "面谈次数"]
    total = [c.value for c in activity[activity.max_row]]
    assert total[0] == "合计" and total[1] == sum(
        r[1].value for r in activity.iter_rows(min_row=2, max_row=activity.max_row - 1))


def test_the_pack_refuses_other_files(run: Run, tmp_path: Path) -> None:
    result = run("report", "monthly", "-o", str(tmp_path / "pack.pdf"))
    assert result.exit_code == 2 and "FILE.html or FILE.xlsx" in result.stderr
    assert not (tmp_path / "pack.pdf").exists()


@pytest.mark.skipif(BROWSER is None, reason="no Chromium on this machine (apt-get install "
                    "chromium): the page is checked by the structural test only")
def test_a_real_browser_renders_the_pack(run: Run, tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "pack.html"
    _pack(run, path, "zh")
    shot = tmp_path / "pack.png"
    assert BROWSER is not None
    done = subprocess.run([BROWSER, "--headless", "--no-sandbox", "--disable-gpu",
                           "--hide-scrollbars", "--window-size=1200,3000",
                           f"--screenshot={shot}", path.as_uri()],
                          capture_output=True, text=True, timeout=120)
    assert shot.exists(), done.stderr[-2000:]
    image = Image.open(shot).convert("L")
    assert image.size == (1200, 3000)
    # a page, not a blank: dark text and the charts' colours on a light background
    colours = image.getcolors(maxcolors=256 * 256) or []
    assert len(colours) > 50
    dark = sum(count for count, value in colours if value < 100)
    assert dark > 5000
    assert re.search(r"\d+ bytes written", done.stdout + done.stderr) or shot.stat().st_size
