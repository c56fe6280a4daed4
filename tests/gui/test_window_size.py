"""Every view usable at the window's minimum size, in both languages and at 125%, 150% and 200%."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize

from tests.gui.layout_check import layout_problems
from ui import i18n, placement
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["zh_CN", "en"])
def language_window(request, qtbot, qapp, controller, dialogs):
    i18n.install(qapp, request.param)
    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    i18n.install(qapp, "en")


def test_the_minimum_is_800_by_500_and_every_view_fits_it(language_window, qtbot):
    window = language_window
    assert window.minimumSize() == QSize(800, 500)  # the offscreen screen (800x800) has room for it
    assert layout_problems(window, lambda: qtbot.wait(100)) == []


def test_the_minimum_never_exceeds_a_small_screen():
    from PySide6.QtCore import QRect

    class Screen:
        def availableGeometry(self):
            return QRect(0, 0, 720, 450)  # 1440x900 at 200%

    assert placement.minimum_size(Screen()) == QSize(720, 450)
    assert placement.default_size(Screen()).width() <= 720


def test_the_float_column_shows_its_whole_chinese_title(language_window):
    view = language_window.views.show("tasks")
    float_column = next(n for n, c in enumerate(view.model.columns) if c.key == "float")
    header = view.table.horizontalHeader()
    if i18n.current_language() == "zh_CN":
        assert view.model.headerData(float_column, header.orientation()) == "浮动时间（天）"
    assert header.sectionSize(float_column) >= header.sectionSizeFromContents(float_column).width()


@pytest.mark.parametrize("scale", [pytest.param("1.25", marks=pytest.mark.slow),
                                   pytest.param("1.5", marks=pytest.mark.slow), "2"])
def test_every_view_fits_at_high_dpi_scales(scale, tmp_path):
    """Qt reads QT_SCALE_FACTOR when it starts, so each scale runs the app in its own process,
    on a 2560x1600 offscreen screen (1280x800 at 200%)."""
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 2560, "height": 1600,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**__import__("os").environ, "QT_SCALE_FACTOR": scale,
           "QT_QPA_PLATFORM": f"offscreen:configfile={screen}"}
    done = subprocess.run([sys.executable, "-m", "tests.gui.layout_check", "zh_CN"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["scale"] == pytest.approx(float(scale))
    assert result["minimum"] == [800, 500]
    assert result["problems"] == []
