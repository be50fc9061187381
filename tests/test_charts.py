"""Charts speak the run's language: the labels matplotlib draws are Chinese with --lang zh
(in a font with Chinese glyphs), English otherwise; without such a font a Chinese chart is
refused with one line saying what to install, never drawn with boxes."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib
import pytest

from kadev import i18n
from kadev.analysis.abc import abc_classes
from kadev.render.charts import abc_figure, chinese_font
from tests.conftest import Run

CJK = re.compile(r"[\u4e00-\u9fff]")
FONT = chinese_font(None)
needs_font = pytest.mark.skipif(FONT is None, reason="no font with Chinese glyphs on this "
                                "machine (e.g. apt install fonts-wqy-microhei)")


def _texts(fig: matplotlib.figure.Figure) -> list[matplotlib.text.Text]:
    return [t for t in fig.findobj(matplotlib.text.Text) if t.get_text().strip()]


def _result() -> object:
    amounts = {f"acct{i:02d}": (40 - i) * 1_000_000 for i in range(40)}
    return abc_classes(amounts, (55, 30))


@needs_font
def test_a_chinese_chart_draws_chinese_labels_in_a_chinese_font() -> None:
    shorts = {f"acct{i:02d}": f"客户{i}" for i in range(40)}
    i18n.set_lang("zh")
    try:
        fig = abc_figure(_result(), "revenue", ("2025-11", "2026-10"), shorts,  # type: ignore[arg-type]
                         "¥", FONT)
    finally:
        i18n.set_lang("en")
    texts = _texts(fig)
    words = [t.get_text() for t in texts]
    assert any(w.startswith("ABC 分析") for w in words)
    assert "客户0" in words and "其余 10 家" in words  # the top 30 by name, the rest in one bar
    assert {"A 类客户", "B 类客户", "C 类客户"} <= set(words)  # the legend
    assert any(w.endswith("万") for w in words)  # amounts in 万 on the axis
    assert any(w.startswith("前 20%") for w in words)  # the 80/20 mark
    for text in texts:
        if CJK.search(text.get_text()):
            assert text.get_fontname() == FONT, text.get_text()
    english = [w for w in words if re.fullmatch(r"[A-Za-z ]{4,}", w)]
    assert not english, english


def test_an_english_chart_is_english() -> None:
    fig = abc_figure(_result(), "revenue", ("2025-11", "2026-10"), {}, "¥",  # type: ignore[arg-type]
                     None)
    words = [t.get_text() for t in _texts(fig)]
    assert "ABC / Pareto by revenue, 2025-11 to 2026-10" in words
    assert "class A" in words and "10 others" in words
    assert not any(CJK.search(w) for w in words)


@needs_font
def test_the_cli_writes_a_chinese_chart(run: Run, tmp_path: Path) -> None:
    png = tmp_path / "帕累托.png"
    result = run("--lang", "zh", "abc", "--chart", str(png))
    assert result.exit_code == 0, result.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"图表已保存到 {png}" in result.stdout


def test_a_font_without_chinese_glyphs_is_refused(sample: Path, run: Run,
                                                  tmp_path: Path) -> None:
    plain = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    settings = sample / "kadev.yaml"
    text = settings.read_text("utf-8")
    assert "\nchart_font:\n" in text
    settings.write_text(text.replace("\nchart_font:\n", f"\nchart_font: {plain}\n"), "utf-8")
    png = tmp_path / "abc.png"
    for lang in ("zh", "en"):
        result = run("--lang", lang, "abc", "--chart", str(png))
        assert result.exit_code == 1 and not png.exists()
        assert len(result.stderr.strip().splitlines()) == 1
    assert "不是含中文字形的字体文件" in run("--lang", "zh", "abc", "--chart", str(png)).stderr
