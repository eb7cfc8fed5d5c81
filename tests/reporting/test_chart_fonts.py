"""A chart labelled in Arabic and Chinese draws every glyph: matplotlib finds Debian's Noto fonts, even
when its font list was written before they were installed (what the worker log showed as "findfont:
'Noto Sans CJK SC' not found"). Any warning fails these tests."""

import logging
import warnings

import pytest
from matplotlib import font_manager

from unidir_cb.core.reporting import charts, rendering

LABELS = {"الجمهورية العربية السورية": 5, "中华人民共和国": 3, "Российская Федерация": 2, "Côte d’Ivoire": 1}


def draw_without_warnings(caplog) -> charts.Chart:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with caplog.at_level(logging.WARNING):
            chart = charts.counts_chart(
                LABELS, title="المشاركون حسب البلد 按国家分列的参与者", source="Source: a test."
            )
    font_messages = [record.getMessage() for record in caplog.records if record.name.startswith("matplotlib")]
    assert not font_messages, font_messages
    return chart


def test_a_chart_with_arabic_and_chinese_labels_draws_without_a_missing_glyph(caplog):
    chart = draw_without_warnings(caplog)

    assert chart.png.startswith(b"\x89PNG")
    assert "الجمهورية العربية السورية 5; 中华人民共和国 3" in chart.alt


@pytest.fixture
def font_list_written_before_the_noto_fonts(monkeypatch, tmp_path):
    """matplotlib's font list as a machine had it before apt-get installed fonts-noto-*."""
    monkeypatch.setattr(
        font_manager.fontManager,
        "ttflist",
        [entry for entry in font_manager.fontManager.ttflist if "Noto" not in entry.name],
    )
    font_manager.fontManager._findfont_cached.cache_clear()
    monkeypatch.setattr("matplotlib.get_cachedir", lambda: str(tmp_path))
    rendering.ensure_chart_fonts.cache_clear()
    yield tmp_path
    rendering.ensure_chart_fonts.cache_clear()
    font_manager.fontManager._findfont_cached.cache_clear()


def test_fonts_installed_after_matplotlib_listed_the_fonts_are_found_and_the_list_saved(
    font_list_written_before_the_noto_fonts, caplog
):
    assert "Noto Sans CJK SC" not in font_manager.get_font_names()

    draw_without_warnings(caplog)

    assert set(rendering.FONT_FAMILIES) <= set(font_manager.get_font_names())
    [saved] = font_list_written_before_the_noto_fonts.glob("fontlist-v*.json")
    assert "Noto Sans CJK SC" in saved.read_text()
