"""The Gantt view: drag to move, resize, set progress and link; one undo step each; zoom; export."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from planner.document import Project
from planner.gantt import demo
from planner.gantt.workdays import working_days
from ui.controller import DocumentController
from ui.gantt import GanttView
from ui.gantt import paint


@pytest.fixture
def view(qtbot):
    project = Project.new("FlagOS 开源生态", demo.START)
    project.run(demo.fill_demo)
    controller = DocumentController(project)
    gantt = GanttView(controller)
    qtbot.addWidget(gantt)
    gantt.resize(1400, 760)
    gantt.show()
    qtbot.waitExposed(gantt)
    gantt.set_level("day")
    yield gantt
    project.close()


def task(view, code):
    return view.plan().task_by_code[code]


def bar_point(view, code, where="middle"):
    """Viewport coordinates of a point on a task's bar, scrolled into view first."""
    row = view.data.row_of_task[task(view, code).id]
    view.scroll_to_row(row)
    bar = view.layout.bar(row)
    x = {"middle": (bar.x0 + bar.x1) / 2, "start": bar.x0 + 1, "end": bar.x1 - 1,
         "left": bar.x0 + 10, "link_end": bar.x1 + 6, "progress": bar.progress_x}[where]
    y = bar.y1 + 2 if where == "progress" else bar.mid_y
    tl = view.timeline
    return QPoint(round(x - tl.x_offset()), round(y - tl.y_offset() + view.header_height))


def drag(view, start: QPoint, end: QPoint, steps: int = 6):
    vp = view.timeline.viewport()
    QTest.mousePress(vp, Qt.LeftButton, Qt.NoModifier, start)
    for i in range(1, steps + 1):
        QTest.mouseMove(vp, start + (end - start) * i / steps)
    QTest.mouseRelease(vp, Qt.LeftButton, Qt.NoModifier, end)


def test_drag_moves_a_task_by_working_days_and_undo_restores_it(view):
    before = task(view, "TP-03")
    old_start, old_end = before.start_date, before.end_date
    assert (old_start, old_end) == (dt.date(2025, 2, 10), dt.date(2025, 3, 28))
    p = bar_point(view, "TP-03")
    drag(view, p, p + QPoint(7 * 28, 0))  # one week to the right at day zoom
    after = task(view, "TP-03")
    assert after.start_date == dt.date(2025, 2, 17)
    # same number of working days; Qingming (Friday 4 April 2025) pushes the finish to Monday
    assert after.end_date == dt.date(2025, 4, 7)
    assert working_days(view.calendar, after.start_date, after.end_date) == working_days(view.calendar, old_start, old_end)
    assert view.controller.undo_stack.count() == 1  # one gesture, one undo step
    view.controller.undo_stack.undo()
    restored = task(view, "TP-03")
    assert (restored.start_date, restored.end_date) == (old_start, old_end)
    # the bar is redrawn where the task now is
    row = view.data.row_of_task[restored.id]
    assert view.layout.bar(row).x0 == view.scale.x(old_start)


def test_drag_the_finish_resizes_and_the_schedule_follows(view):
    old = task(view, "TP-04")
    p = bar_point(view, "TP-04", "end")
    drag(view, p, p + QPoint(10 * 28, 0))  # ten calendar days later: Monday 30 June
    assert task(view, "TP-04").start_date == old.start_date
    assert task(view, "TP-04").end_date == dt.date(2025, 6, 30)
    timing = view.controller.schedule().timings[old.id]
    assert timing.finish == dt.date(2025, 6, 30)  # recomputed on drop
    row = view.data.row_of_task[old.id]
    assert view.layout.bar(row).x1 == view.scale.x_end(dt.date(2025, 6, 30))


def test_drag_the_progress_handle_sets_progress(view):
    p = bar_point(view, "TP-03", "progress")
    bar = view.layout.bar(view.data.row_of_task[task(view, "TP-03").id])
    target_x = bar.x0 + 0.75 * (bar.x1 - bar.x0)
    drag(view, p, QPoint(round(target_x - view.timeline.x_offset()), p.y()))
    assert task(view, "TP-03").progress == pytest.approx(0.75)
    view.controller.undo_stack.undo()
    assert task(view, "TP-03").progress == pytest.approx(0.6)


def test_drag_from_a_bar_end_to_another_bar_links_them(view):
    view.set_level("week")
    plan = view.plan()
    ec1, oi1 = task(view, "EC-01").id, task(view, "OI-01").id
    assert not any(d.predecessor_id == ec1 and d.successor_id == oi1 for d in plan.dependencies)
    drag(view, bar_point(view, "EC-01", "link_end"), bar_point(view, "OI-01", "left"))
    deps = [d for d in view.plan().dependencies if d.predecessor_id == ec1 and d.successor_id == oi1]
    assert len(deps) == 1 and deps[0].type == "FS"
    assert any(lk.dependency_id == deps[0].id for lk in view.layout.links_of_row(view.data.row_of_task[oi1]))
    view.controller.undo_stack.undo()
    assert not any(d.predecessor_id == ec1 and d.successor_id == oi1 for d in view.plan().dependencies)


def test_a_link_that_would_make_a_cycle_is_refused_with_a_message(view, qtbot):
    view.set_level("week")
    with qtbot.waitSignal(view.controller.error) as blocker:
        drag(view, bar_point(view, "TP-04", "link_end"), bar_point(view, "TP-01", "left"))
    assert "TP-04" in blocker.args[0] and "cycle" in blocker.args[0]
    assert view.controller.undo_stack.count() == 0


def test_ctrl_wheel_level_and_fit_change_the_scale(view):
    before = view.scale.px_per_day
    vp = view.timeline.viewport()
    pos = QPointF(300, 200)
    event = QWheelEvent(pos, vp.mapToGlobal(pos), QPoint(), QPoint(0, -120), Qt.NoButton, Qt.ControlModifier,
                        Qt.NoScrollPhase, False)
    QApplication.sendEvent(vp, event)
    assert view.scale.px_per_day == pytest.approx(before / 1.25)
    hbar = view.timeline.horizontalScrollBar()
    x_before = hbar.value()
    pan = QWheelEvent(pos, vp.mapToGlobal(pos), QPoint(), QPoint(0, -120), Qt.NoButton, Qt.ShiftModifier,
                      Qt.NoScrollPhase, False)
    QApplication.sendEvent(vp, pan)
    assert hbar.value() > x_before  # Shift+wheel pans in time, the scale stays
    assert view.scale.px_per_day == pytest.approx(before / 1.25)
    view.set_level("month")
    assert view.scale.px_per_day == 1.6 and view.level_box.currentData() == "month"
    view.zoom_to_fit()
    lo, hi = view.data.day_range()
    assert (hi - lo) * view.scale.px_per_day <= vp.width()
    view.select_tasks([task(view, "TP-03").id])
    view.zoom_to_selection()
    assert view.scale.level == "day"  # seven weeks fill the viewport


def test_click_selects_and_double_click_opens(view, qtbot):
    tp2 = task(view, "TP-02").id
    with qtbot.waitSignal(view.selection_changed) as blocker:
        QTest.mouseClick(view.timeline.viewport(), Qt.LeftButton, Qt.NoModifier, bar_point(view, "TP-02"))
    assert blocker.args == [[tp2]]
    with qtbot.waitSignal(view.open_task_requested) as opened:
        QTest.mouseDClick(view.timeline.viewport(), Qt.LeftButton, Qt.NoModifier, bar_point(view, "TP-02"))
    assert opened.args == [tp2]
    assert view.controller.undo_stack.count() == 0  # a click is not an edit


def test_collapsing_a_stage_hides_its_tasks(view):
    group_row = next(i for i, r in enumerate(view.data.rows) if r.label == "基础建设期")
    y = round(view.layout.row_top(group_row) + 12 + view.header_height - view.timeline.y_offset())
    QTest.mouseClick(view.names, Qt.LeftButton, Qt.NoModifier, QPoint(paint.NAME_COLUMNS[0][1] + 6, y))
    assert task(view, "TP-01").id not in view.data.row_of_task
    assert view.data.rows[group_row].collapsed


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_pdf_is_tiled_with_chinese_text_and_names_on_every_page(view, tmp_path):
    view.set_level("week")
    pdf = tmp_path / "gantt.pdf"
    pages = view.export_pdf(pdf)
    assert pages >= 2
    for page in (1, pages):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "多芯片适配" in text and "TP-02" in text  # names repeated on each page
    first = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "基础建设期" in first and "2025-02" in first  # stage band and time scale
    short = view.export_pdf(tmp_path / "q1.pdf", first=dt.date(2025, 1, 1), last=dt.date(2025, 3, 31))
    assert short == 1


def test_png_export_covers_the_whole_plan(view, tmp_path):
    view.set_level("month")
    image = view.export_png(tmp_path / "g.png") or None
    from PySide6.QtGui import QImage

    saved = QImage(str(tmp_path / "g.png"))
    lo, hi = view.data.day_range()
    assert saved.width() >= paint.names_width() + (hi - lo) * view.scale.px_per_day
    assert saved.height() == view.header_height + view.layout.height
    assert image is None


def test_project_time_relabels_the_scale_and_grouping_by_module(view):
    view.set_level("week")
    view.set_time_mode("project")
    assert view.mode_box.currentData() == "project"
    labels = [t.label for t in view.layout.ticks(0, 600).minor]
    assert labels[:3] == ["第1周", "第2周", "第3周"]
    view.set_group_by("module")
    assert view.group_box.currentData() == "module"
    groups = [r.label for r in view.data.rows if r.kind == "group"]
    assert groups[:2] == ["技术产品", "生态建设"]


def test_tooltip_names_the_task_its_dates_roles_and_links(view):
    row = view.data.row_of_task[task(view, "TP-04").id]
    bar = view.layout.bar(row)
    text = view.tooltip_at((bar.x0 + bar.x1) / 2, bar.mid_y)
    assert "TP-04" in text and "性能优化验证" in text
    assert "2025-05-19" in text and "性能工程师×5" in text
    assert "TP-02, TP-03" in text  # its predecessors


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_printing_tiles_pages_through_qprinter(view, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from ui.gantt.export import paint_pages

    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    view.set_level("month")
    pages = paint_pages(printer, view, first=dt.date(2025, 1, 1), last=dt.date(2025, 6, 30))
    assert pages == 1
    text = subprocess.run(["pdftotext", str(tmp_path / "printed.pdf"), "-"], capture_output=True, text=True).stdout
    assert "核心伙伴联动" in text and "Page 1 of 1" in text


def test_view_without_a_plan_paints_and_ignores_gestures(qtbot):
    controller = DocumentController()
    gantt = GanttView(controller)
    qtbot.addWidget(gantt)
    gantt.resize(600, 400)
    gantt.show()
    qtbot.waitExposed(gantt)
    gantt.set_level("month")
    gantt.zoom_to_fit()
    gantt.select_tasks([1])
    QTest.mouseClick(gantt.timeline.viewport(), Qt.LeftButton, Qt.NoModifier, QPoint(100, 100))
    assert gantt.grab().width() == 600
    project = Project.new("FlagOS", demo.START)
    project.run(demo.fill_demo)
    controller.set_project(project)  # a plan opened later shows up
    assert gantt.layout is not None and len(gantt.data) > 10
    project.close()


def test_dragging_an_automatic_task_holds_it_no_earlier_than_where_it_was_dropped(view):
    from planner import model as m
    from planner.services.tasks import update_task
    from ui.commands import JournalCommand

    tp4 = task(view, "TP-04")
    view.controller.push(JournalCommand(view.controller, "auto", update_task, tp4.id, scheduling="auto"))
    auto_start = view.controller.schedule().timings[tp4.id].start
    p = bar_point(view, "TP-04")
    drag(view, p, p + QPoint(14 * 28, 0))  # two weeks later than the links need
    moved = task(view, "TP-04")
    assert moved.scheduling == m.Scheduling.auto.value  # still automatic (MS Project's "start no earlier than")
    assert moved.not_before == auto_start + dt.timedelta(days=14)
    assert view.controller.schedule().timings[tp4.id].start == auto_start + dt.timedelta(days=14)
    assert moved.start_date == auto_start + dt.timedelta(days=14)  # the file holds where it is
    view.controller.undo_stack.undo()
    assert task(view, "TP-04").not_before is None


def test_tooltip_on_a_red_link_says_why_it_is_broken(view):
    lk = next(lk for lk in view.layout.links_in(0, view.layout.height)
              if view.data.rows[lk.pred_row].code == "TP-01" and view.data.rows[lk.succ_row].code == "TP-02")
    assert lk.broken
    (ax, ay), (bx, by) = lk.points[2], lk.points[3]  # the leg along the row boundary
    text = view.tooltip_at((ax + bx) / 2, ay)
    assert text.startswith("TP-01 → TP-02  (FS)")
    assert "Broken" in text and "working days short" in text


def test_escape_cancels_a_drag_and_keyboard_zooms(view):
    old = task(view, "TP-03")
    p = bar_point(view, "TP-03")
    vp = view.timeline.viewport()
    QTest.mousePress(vp, Qt.LeftButton, Qt.NoModifier, p)
    QTest.mouseMove(vp, p + QPoint(60, 0))
    QTest.mouseMove(vp, p + QPoint(120, 0))
    assert view.preview is not None
    QTest.keyClick(view.timeline, Qt.Key_Escape)
    QTest.mouseRelease(vp, Qt.LeftButton, Qt.NoModifier, p + QPoint(120, 0))
    assert view.preview is None and view.controller.undo_stack.count() == 0
    assert task(view, "TP-03").start_date == old.start_date
    before = view.scale.px_per_day
    view.timeline.setFocus()
    QTest.keyClick(view.timeline, Qt.Key_Minus, Qt.ControlModifier)
    assert view.scale.px_per_day == pytest.approx(before / 1.5)
