"""Gantt float lines: only for the hovered, selected and critical tasks, unless the setting asks for all."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtTest import QTest

from planner.document import Project
from planner.gantt import demo
from ui import settings
from ui.controller import DocumentController
from ui.gantt import GanttView, paint


@pytest.fixture
def gantt(qtbot):
    project = Project.new("FlagOS 开源生态", demo.START)
    project.run(demo.fill_demo)
    controller = DocumentController(project)
    view = GanttView(controller)
    qtbot.addWidget(view)
    view.resize(1400, 700)
    view.show()
    qtbot.waitExposed(view)
    view.set_level("week")
    yield view
    project.close()


def float_bars(view):
    """Non-critical task bars with a float tail long enough to see, scrolled into view."""
    out = []
    for row in range(len(view.data.rows)):
        bar = view.layout.bar(row)
        if bar is not None and bar.task_id is not None and not bar.critical and bar.float_x1 - bar.x1 > 700:
            out.append(bar)
    assert len(out) >= 2, "the demo plan has tasks with float"
    return out


def float_pixels(view, bar) -> int:
    """Pixels of the float colour along the last 150 px of the bar's tail (past its label), on screen."""
    view.scroll_to_row(bar.row)
    width = view.timeline.viewport().width()
    view.timeline.horizontalScrollBar().setValue(int(bar.float_x1 - view.x_min - width + 60))
    view.timeline.viewport().repaint()
    image = view.timeline.viewport().grab().toImage()
    dx, dy = view.timeline.x_offset(), view.timeline.y_offset() - view.header_height
    y = round(bar.y1 + 2.5 - dy)
    want, count = paint.C["float"], 0
    for x in range(max(0, round(bar.float_x1 - dx) - 150), min(round(bar.float_x1 - dx) - 3, image.width())):
        for yy in (y - 1, y, y + 1):
            c = QColor(image.pixel(x, yy))
            if abs(c.red() - want.red()) + abs(c.green() - want.green()) + abs(c.blue() - want.blue()) < 100:  # antialiased
                count += 1
                break
    return count


def hover(view, bar) -> None:
    tl = view.timeline
    point = QPointF(bar.x0 - tl.x_offset() + 2, bar.mid_y - tl.y_offset() + view.header_height)
    event = QMouseEvent(QEvent.Type.MouseMove, point, point, Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier)
    tl.mouseMoveEvent(event)


def test_float_lines_are_hidden_until_a_task_is_hovered_or_selected(gantt, qtbot):
    first, second = float_bars(gantt)[:2]
    assert not gantt.float_action.isChecked()
    assert float_pixels(gantt, first) == 0
    hover(gantt, first)
    assert float_pixels(gantt, first) > 20
    assert float_pixels(gantt, second) == 0  # only the task under the pointer
    gantt.timeline.leaveEvent(QEvent(QEvent.Type.Leave))
    assert float_pixels(gantt, first) == 0
    gantt.select_tasks([second.task_id])
    assert float_pixels(gantt, second) > 20


def test_critical_tasks_always_show_their_float_and_the_setting_shows_all(gantt, qtbot):
    first = float_bars(gantt)[0]
    options = gantt.paint_options()
    critical = next(gantt.layout.bar(r) for r in range(len(gantt.data.rows))
                    if gantt.layout.bar(r) is not None and gantt.layout.bar(r).critical)
    assert paint._shows_float(critical, options)
    gantt.float_action.trigger()  # "Float of all tasks"
    assert gantt.float_action.isChecked() and settings.gantt_float_for_all()
    assert float_pixels(gantt, first) > 20
    again = GanttView(gantt.controller)  # the setting is remembered
    qtbot.addWidget(again)
    assert again.float_action.isChecked()
    again.float_action.trigger()
    assert not settings.gantt_float_for_all()
