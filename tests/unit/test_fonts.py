"""CJK font fallback: system font first, bundled font otherwise, no missing glyphs."""

import sys
import warnings
from pathlib import Path

import matplotlib
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from planner import fonts

CJK_TEXT = "阶段 技术产品 生态建设 达成率 里程碑 −10%"


def _render(text: str) -> None:
    fig = Figure(figsize=(4, 2))
    FigureCanvasAgg(fig)
    fig.text(0.1, 0.5, text)
    fig.canvas.draw()


def test_bundled_font_and_licence_are_shipped():
    bundled = fonts.bundled_font_path()
    assert bundled.is_file() and bundled.stat().st_size > 4_000_000
    notice = bundled.parent / "wqy-microhei.COPYRIGHT"
    assert "Apache-2.0" in notice.read_text() and "Font exception" in notice.read_text()


def test_system_font_preferred_when_present(monkeypatch, tmp_path):
    fake = tmp_path / "sys.ttc"
    fake.write_bytes(b"x")
    monkeypatch.delenv(fonts.FONT_ENV_VAR, raising=False)
    monkeypatch.setattr(fonts, "SYSTEM_CJK_FONT_FILES", (str(tmp_path / "absent.ttf"), str(fake)))
    assert fonts.cjk_font_path() == fake
    assert fonts.cjk_font_path(prefer_system=False) == fonts.bundled_font_path()


def test_falls_back_to_bundled_font_without_system_font(monkeypatch):
    monkeypatch.delenv(fonts.FONT_ENV_VAR, raising=False)
    monkeypatch.setattr(fonts, "SYSTEM_CJK_FONT_FILES", ())
    path = fonts.cjk_font_path()
    assert path == fonts.bundled_font_path()
    assert fonts.cjk_family_name() == "WenQuanYi Micro Hei"


def test_frozen_build_looks_under_meipass(monkeypatch, tmp_path):
    font = tmp_path / "resources" / "fonts" / fonts.BUNDLED_FONT_NAME
    font.parent.mkdir(parents=True)
    font.write_bytes(Path(fonts.bundled_font_path()).read_bytes()[:16])
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(fonts, "SYSTEM_CJK_FONT_FILES", ())
    monkeypatch.delenv(fonts.FONT_ENV_VAR, raising=False)
    assert fonts.cjk_font_path() == font


def test_broken_install_names_every_place_looked(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(fonts, "SYSTEM_CJK_FONT_FILES", ("/nowhere/a.ttc",))
    monkeypatch.delenv(fonts.FONT_ENV_VAR, raising=False)
    with pytest.raises(FileNotFoundError) as err:
        fonts.cjk_font_path()
    assert "/nowhere/a.ttc" in str(err.value) and str(tmp_path) in str(err.value)


def test_configure_is_idempotent_and_lists_only_installed_families():
    family = fonts.configure_matplotlib()
    count = len(matplotlib.font_manager.fontManager.ttflist)
    assert fonts.configure_matplotlib() == family
    assert len(matplotlib.font_manager.fontManager.ttflist) == count
    installed = {e.name for e in matplotlib.font_manager.fontManager.ttflist}
    assert matplotlib.rcParams["font.family"][0] == "DejaVu Sans"
    assert family in matplotlib.rcParams["font.family"]
    assert set(matplotlib.rcParams["font.family"]) <= installed
    assert matplotlib.rcParams["axes.unicode_minus"] is False


def test_chinese_renders_without_missing_glyph_warning():
    fonts.configure_matplotlib()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _render(CJK_TEXT)


def test_missing_glyph_warning_fails_a_test():
    """The pytest config must turn matplotlib's missing-glyph warning into an error."""
    fonts.configure_matplotlib()
    saved = matplotlib.rcParams["font.family"]
    try:
        matplotlib.rcParams["font.family"] = ["DejaVu Sans"]
        with pytest.raises(UserWarning, match="missing from font"):
            _render("阶段")
    finally:
        matplotlib.rcParams["font.family"] = saved
