"""Plan properties > Week numbering: the Gantt's week headings, its PDF and the charts follow it at once."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest

from planner.capacity import headcount_load
from planner.charts.gantt import build_gantt_figure
from planner.plan import load_plan
from planner.services import programme as programme_service
from ui.plan_properties import PlanPropertiesDialog


def _week_labels(view) -> list[str]:
    return [t.label for t in view.layout.ticks(0, 900).minor][:4]


def _iso_labels(start: dt.date, n: int = 4) -> list[str]:
    monday = start - dt.timedelta(days=start.weekday())
    return [f"W{(monday + dt.timedelta(weeks=k)).isocalendar()[1]:02d}" for k in range(n)]


@pytest.fixture
def gantt(window):
    view = window.views.show("gantt")
    view.set_level("week")
    view.set_time_mode("project")
    return view


def test_the_dialog_offers_week_numbering_and_keeps_it(qtbot, controller):
    dialog = PlanPropertiesDialog(controller.plan().programme)
    qtbot.addWidget(dialog)
    assert dialog.week_numbering.currentData() == "programme"  # the default: week 1 is the first week
    assert [dialog.week_numbering.itemData(i) for i in range(dialog.week_numbering.count())] == ["programme", "iso"]
    dialog.set_value("week_numbering", "iso")
    assert dialog.changes() == {"week_numbering": "iso"}


def test_choosing_iso_weeks_relabels_the_gantt_and_undo_restores(window, dialogs, controller, gantt):
    start = controller.plan().programme.start_date
    assert _week_labels(gantt)[:2] == ["第1周", "第2周"]
    dialogs.properties = {"week_numbering": "iso"}
    window.properties_action.trigger()
    assert controller.plan().programme.week_numbering == "iso"
    assert controller.undo_stack.count() == 1
    assert _week_labels(gantt) == _iso_labels(start)
    gantt.set_time_mode("calendar")  # calendar weeks show the ISO number instead of the Monday's date
    assert set(_iso_labels(start, 3)[1:]) <= set(_week_labels(gantt))
    gantt.set_time_mode("project")
    controller.undo_stack.undo()
    assert controller.plan().programme.week_numbering == "programme"
    assert _week_labels(gantt)[:2] == ["第1周", "第2周"]
    gantt.set_time_mode("calendar")
    assert all(len(label) == 5 and label[2] == "-" for label in _week_labels(gantt))  # Mondays: 01-06


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_the_gantt_pdf_prints_the_chosen_weeks(window, dialogs, controller, gantt, tmp_path):
    from ui.gantt.export import write_pdf

    def printed() -> str:
        path = tmp_path / "gantt.pdf"
        write_pdf(gantt, path)
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "第2周" in printed()
    dialogs.properties = {"week_numbering": "iso"}
    window.properties_action.trigger()
    text = printed()
    assert "第2周" not in text
    assert _iso_labels(controller.plan().programme.start_date)[1] in text


def test_report_charts_follow_the_week_numbering(tmp_path):
    """The Gantt figure of the reports and the head-count chart, on a copy of the FlagOS sample."""
    from planner.document import Project
    from planner.samples import sample_path

    path = tmp_path / "flagos.plan"
    shutil.copy(sample_path("flagos"), path)
    project = Project.open(path)
    try:
        plan = project.read(load_plan)
        assert plan.programme.week_numbering == "programme"
        _figure, data = build_gantt_figure(plan, None, scale="week", mode="project", first=plan.programme.start_date,
                                          last=plan.programme.start_date + dt.timedelta(days=90))
        assert any("第2周" in str(t) for t in data["ticks"])
        load = headcount_load(plan, None)
        first = (load.periods[0] - plan.programme.start_date).days // 7 + 1
        assert load.label(0, "zh") == f"第{first}周" and load.label(0, "en") == f"W{first}"

        project.run(programme_service.update_programme, week_numbering="iso")
        plan = project.read(load_plan)
        _figure, data = build_gantt_figure(plan, None, scale="week", mode="project", first=plan.programme.start_date,
                                          last=plan.programme.start_date + dt.timedelta(days=90))
        assert not any("第2周" in str(t) for t in data["ticks"])
        assert any(_iso_labels(plan.programme.start_date)[1] in str(t) for t in data["ticks"])
        load = headcount_load(plan, None)
        year, week, _ = load.periods[0].isocalendar()
        assert load.label(0, "zh") == f"{year}-W{week:02d}"
    finally:
        project.close()
