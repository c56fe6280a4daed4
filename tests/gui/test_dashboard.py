"""Dashboard view and Report menu: charts redraw after an edit, export, reports with progress."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QProgressDialog

from planner import model as m
from planner.services import rows
from tests.unit.test_charts_support import build_small_project
from ui.controller import DocumentController
from ui.dashboard import DashboardView
from ui import report_actions


@pytest.fixture
def controller(qtbot):
    project = build_small_project()
    controller = DocumentController(project)
    yield controller
    project.close()


@pytest.fixture
def dashboard(qtbot, controller):
    view = DashboardView(controller)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitUntil(lambda: view.result("milestones") is not None)
    return view


def test_dashboard_shows_the_first_chart_on_open(dashboard):
    data = dashboard.result("milestones").data
    assert {p.name for p in data.points} == {"内部测试完成", "芯片适配 25 款", "框架兼容通过", "社区上线"}
    assert dashboard.panes["milestones"].canvas is not None


def test_dashboard_redraws_after_an_edit(qtbot, dashboard, controller):
    before = dashboard.result("milestones")
    milestone = next(ms for ms in controller.plan().milestones if ms.name == "社区上线")
    controller.run_service(rows.update_fields, m.Milestone, milestone.id, actual_date=dt.date(2025, 2, 10))
    qtbot.waitUntil(lambda: dashboard.result("milestones") is not before)
    assert dashboard.result("milestones").data.by_name()["社区上线"].status == "met"
    assert dashboard.panes["dependencies"].stale  # hidden tabs wait until shown


def test_switching_tab_draws_that_chart(qtbot, dashboard):
    dashboard.tabs.setCurrentIndex(list(dashboard.panes).index("dependencies"))
    qtbot.waitUntil(lambda: dashboard.result("dependencies") is not None)
    assert {l.state for l in dashboard.result("dependencies").data.links} <= {"satisfied", "pending", "blocking", "broken"}


def test_language_choice_redraws_in_english(qtbot, dashboard):
    dashboard.language.setCurrentIndex(dashboard.language.findData("en"))
    qtbot.waitUntil(lambda: dashboard.result("milestones").figure.get_suptitle() == "Milestone status")
    assert dashboard.tabs.tabText(0) == "Milestone status"


@pytest.mark.parametrize("suffix, magic", [("png", b"\x89PNG"), ("pdf", b"%PDF")])
def test_export_current_chart(dashboard, tmp_path, suffix, magic):
    path = dashboard.export("milestones", tmp_path / f"m.{suffix}")
    assert path.read_bytes().startswith(magic)


def test_export_error_is_shown_not_raised(dashboard, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("ui.dashboard.QMessageBox.warning", lambda *a: shown.append(a[2]))
    assert dashboard.export("milestones", tmp_path / "m.bmp") is None
    assert ".png, .svg or .pdf" in shown[0]


def test_report_menu_offers_both_reports(qtbot, controller):
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    actions = report_actions.create_actions(window, controller)
    assert len(actions) == 2 and all(a.text() for a in actions)


def test_monthly_review_writes_the_pdf_with_progress(qtbot, controller, tmp_path):
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    path = report_actions.monthly_review(window, controller, tmp_path / "r.pdf")
    assert path.read_bytes().startswith(b"%PDF")
    assert "r.pdf" in window.statusBar().currentMessage()


def test_cancelling_the_progress_dialog_writes_nothing(qtbot, controller, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    assert report_actions.monthly_review(window, controller, tmp_path / "r.pdf") is None
    assert report_actions.deviation_report(window, controller, tmp_path / "d.pdf") is None
    assert list(tmp_path.iterdir()) == []


def test_deviation_report_as_workbook(qtbot, controller, tmp_path):
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    path = report_actions.deviation_report(parent, controller, tmp_path / "d.xlsx")
    assert path.suffix == ".xlsx" and path.stat().st_size > 0


def test_an_edit_leaves_charts_that_do_not_show_it_untouched(qtbot, dashboard, controller):
    dashboard.tabs.setCurrentIndex(list(dashboard.panes).index("indicators"))
    qtbot.waitUntil(lambda: dashboard.result("indicators") is not None)
    indicators = dashboard.result("indicators")
    task = controller.plan().task_by_code["TP-03"]
    controller.run_service(rows.update_fields, m.Task, task.id, progress=0.9)
    assert not dashboard.panes["indicators"].stale and dashboard.result("indicators") is indicators
    assert dashboard.panes["heatmap"].stale and dashboard.panes["milestones"].stale
    reading = next(r for r in controller.plan().readings if r.period == "2025-02")
    controller.run_service(rows.update_fields, m.Reading, reading.id, cumulative_value=24)
    qtbot.waitUntil(lambda: dashboard.result("indicators") is not indicators)
    assert "IND-001" not in {s.code for s in dashboard.result("indicators").data.off_target}
