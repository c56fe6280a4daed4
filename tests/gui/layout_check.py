"""What a cramped window gets wrong, measured: views wider or taller than the window's minimum,
clipped column titles, a search box too narrow for its placeholder, chart labels cut at the edge.

Used in-process by test_window_size.py, and as a script at other scales, where Qt must be
started with QT_SCALE_FACTOR set:

    QT_SCALE_FACTOR=2 QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json python -m tests.gui.layout_check zh_CN
prints a JSON list of the problems found (empty when there are none).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

VIEWS = ("roadmap", "tasks", "raci", "indicators", "okr", "gantt", "dashboard")


def layout_problems(window, settle) -> list[str]:
    """Show every view of `window` at its minimum size and list what does not fit."""
    from PySide6.QtWidgets import QTableView

    window.resize(window.minimumSize())
    settle()
    problems = []
    for key in VIEWS:
        if key not in window.views:
            continue
        view = window.views.show(key)
        settle()
        hint, minimum = window.minimumSizeHint(), window.minimumSize()
        if hint.width() > minimum.width() or hint.height() > minimum.height():
            problems.append(f"{key}: needs {hint.width()}x{hint.height()}, the minimum is "
                            f"{minimum.width()}x{minimum.height()}")
        for table in view.findChildren(QTableView):
            problems += _clipped_titles(key, table)
        if key == "tasks":
            search = view.search
            needed = search.fontMetrics().horizontalAdvance(search.placeholderText()) + 12
            if search.width() < needed:
                problems.append(f"tasks: the search box is {search.width()} px, its placeholder needs {needed}")
        if key == "dashboard":
            problems += _clipped_chart(view, settle)
    return problems


def _clipped_titles(key: str, table) -> list[str]:
    header, model = table.horizontalHeader(), table.model()
    out = []
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        needed = header.sectionSizeFromContents(section).width()
        if header.sectionSize(section) < needed:
            title = model.headerData(section, header.orientation())
            out.append(f"{key}: column “{title}” is {header.sectionSize(section)} px, its title needs {needed}")
    return out


def _clipped_chart(view, settle) -> list[str]:
    pane = view.panes[view.current_kind()]
    settle()
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from ui.dashboard import _figure_lock

    for _ in range(100):  # the worker draws the chart; the pane shows a placeholder meanwhile
        if pane.result is not None:
            break
        settle()
    if pane.result is None:
        return [f"dashboard: no chart drawn for {pane.kind}"]
    figure = pane.result.figure
    with _figure_lock:  # figures belong to the chart worker
        canvas = FigureCanvasAgg(figure)
        canvas.draw()
        box = figure.get_tightbbox(canvas.get_renderer())
    width, height = figure.get_size_inches()
    if box.x0 < -0.02 or box.x1 > width + 0.02:
        return [f"dashboard: {pane.kind} labels run {box.x0:.2f}..{box.x1:.2f} in, the figure is {width:.2f} in wide"]
    return []


def main(language: str) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    home = Path(tempfile.mkdtemp(prefix="planner-layout-"))
    os.environ["PLANNER_DATA_DIR"] = str(home / "data")
    from PySide6.QtCore import QSettings
    from PySide6.QtCore import QEventLoop, QTimer

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / "settings"))
    from ui import settings
    from ui.app import build_window, create_app

    settings.set_language(language)
    app = create_app([])
    window = build_window([])
    window.show()

    def settle():
        # An event loop that releases the GIL while it waits (QTest.qWait holds it): the chart worker runs.
        loop = QEventLoop()
        QTimer.singleShot(150, loop.quit)
        loop.exec()

    problems = layout_problems(window, settle)
    scale = app.primaryScreen().devicePixelRatio()
    print(json.dumps({"scale": scale, "minimum": [window.minimumWidth(), window.minimumHeight()],
                      "problems": problems}, ensure_ascii=False))
    window.controller.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "zh_CN"))
