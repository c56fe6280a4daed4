"""File menu: import an MS Project or GanttProject file as one undo step; export MS Project XML and calendars."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QInputDialog

from planner.dump import dump_project
from planner.interop import mspdi
from ui import interop_actions

DATA = Path(__file__).resolve().parents[1] / "data" / "interop"


def test_the_file_menu_has_the_entries(window):
    texts = [a.text().replace("&", "") for a in window.menuBar().actions()[0].menu().actions()]
    assert "Import project file (MS Project, GanttProject…)…" in texts
    assert "Export as MS Project XML…" in texts and "Export calendar (.ics)…" in texts


def test_importing_an_ms_project_file_is_one_undo_step(qtbot, controller, monkeypatch):
    before = dump_project(controller.project)
    shown = []
    monkeypatch.setattr(interop_actions, "_confirm", lambda dialog: shown.append(dialog) or True)
    assert interop_actions.import_project_file(None, controller, DATA / "mspdirelations.xml")
    dialog = shown[0]
    assert dialog.windowTitle() == "Import mspdirelations.xml" and dialog.import_button.isEnabled()
    codes = {t.code for t in controller.plan().tasks}
    assert {"1", "2", "3", "4", "5"} <= codes
    controller.undo_stack.undo()
    assert dump_project(controller.project) == before
    controller.undo_stack.redo()
    assert {"1", "2", "3", "4", "5"} <= {t.code for t in controller.plan().tasks}


def test_a_refused_file_is_a_message_not_a_crash(controller, dialogs, tmp_path):
    evil = tmp_path / "evil.xml"
    evil.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><Project/>', encoding="utf-8")
    assert not interop_actions.import_project_file(None, controller, evil)
    assert dialogs.shown and dialogs.shown[0][0] == "critical" and "evil.xml" in dialogs.shown[0][1]


def test_export_ms_project_xml_and_a_team_calendar(controller, dialogs, tmp_path, monkeypatch):
    dialogs.save_path = str(tmp_path / "plan")  # the suffix is added
    written = interop_actions.export_plan(None, controller, "mspdi")
    assert written == tmp_path / "plan.xml"
    reading = mspdi.read(written, controller.plan())
    assert reading.ours and not reading.problems.items
    team = controller.plan().teams[0].name
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: (team, True)))
    dialogs.save_path = str(tmp_path / "team.ics")
    assert interop_actions.export_plan(None, controller, "ics") == tmp_path / "team.ics"
    assert (tmp_path / "team.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
