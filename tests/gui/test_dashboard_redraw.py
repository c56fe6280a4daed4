"""Dashboard redraws after an edit: the indicator trend is redrawn into the canvas on screen."""

from __future__ import annotations

from planner import model as m
from planner.services import rows
from tests.unit.test_charts_support import build_small_project
from ui.controller import DocumentController
from ui.dashboard import DashboardView


def test_trend_redraw_after_a_reading_keeps_the_canvas_and_shows_the_new_value(qtbot):
    project = build_small_project()
    try:
        controller = DocumentController(project)
        view = DashboardView(controller)
        qtbot.addWidget(view)
        view.resize(1200, 800)
        view.show()
        view.tabs.setCurrentIndex(list(view.panes).index("indicator-trend"))
        qtbot.waitUntil(lambda: view.result("indicator-trend") is not None)
        pane = view.panes["indicator-trend"]
        canvas, before = pane.canvas, pane.result
        size = canvas.minimumSize()
        reading = next(r for r in controller.plan().readings if r.period == "2025-02")
        controller.run_service(rows.update_fields, m.Reading, reading.id, cumulative_value=24, patch_table=m.Reading)
        qtbot.waitUntil(lambda: view.result("indicator-trend") is not before)
        assert pane.canvas is canvas and pane.result.figure is before.figure
        assert canvas.minimumSize() == size  # the redraw in place does not shrink the scrolled canvas
        assert 24 in [v for p in pane.result.data.panels for v in p.cumulative]
        view.language.setCurrentIndex(view.language.findData("en"))
        qtbot.waitUntil(lambda: pane.result.figure.get_suptitle() == "Indicator cumulative trend")
    finally:
        project.close()
