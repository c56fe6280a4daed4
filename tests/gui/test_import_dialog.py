"""The import preview dialog and the Excel actions: problems shown, one undo step, templates written."""

from __future__ import annotations

import sys
from pathlib import Path


from planner.dump import dump_project
from planner.excel.preview import read_workbooks
from ui import excel_actions
from ui.import_dialog import ImportDialog

DATA = Path(__file__).resolve().parents[1] / "data"


def test_the_dialog_lists_every_problem_and_blocks_import_on_errors(qtbot, controller):
    preview = read_workbooks([DATA / "returned_stats_wrong_value.xlsx"], controller.plan())
    dialog = ImportDialog(preview, reread=lambda period: read_workbooks(
        [DATA / "returned_stats_wrong_value.xlsx"], controller.plan(), __import__("planner.excel.preview", fromlist=["x"]).ImportOptions(period=period)))
    qtbot.addWidget(dialog)
    rows = [[dialog.problems.item(r, c).text() for c in range(6)] for r in range(dialog.problems.rowCount())]
    # the period is asked once for the sheet, not once per row
    assert [row[0] for row in rows if "period is unknown" in row[5]] == ["Error"], rows
    assert not dialog.import_button.isEnabled()
    assert dialog.period.isVisibleTo(dialog)  # the sheet has no period: the user can give one
    dialog.period.setText("2025-03")
    dialog.reread_button.click()
    assert not any("period is unknown" in p.message for p in dialog.preview.problems.items)
    bad = next(p for p in dialog.preview.problems.items if p.value == "待定")
    assert (bad.level, bad.row, bad.column, bad.message) == ("warning", 3, "C", "not a number")
    assert dialog.import_button.isEnabled()  # the bad cell no longer blocks: its row imports without it


def test_import_is_one_undo_step(qtbot, controller, tmp_path, monkeypatch):
    book = tmp_path / "tasks.xlsx"
    sys.path.insert(0, str(DATA))
    import make_workbooks as mw

    mw.tasks_grouped(book)
    before = dump_project(controller.project)
    seen = []

    def confirm(dialog):
        seen.append(dialog)
        assert dialog.wait_read()  # the wizard reads off the GUI thread
        assert dialog.import_button.isEnabled()
        return True

    monkeypatch.setattr(excel_actions, "_confirm", confirm)
    assert excel_actions.import_workbooks(None, controller, [book])
    assert controller.undo_stack.count() == 1
    codes = {t.code for t in controller.plan().tasks}
    assert {"TP-04", "EC-04"} <= codes
    controller.undo_stack.undo()
    assert dump_project(controller.project) == before
    controller.undo_stack.redo()
    assert {"TP-04", "EC-04"} <= {t.code for t in controller.plan().tasks}


def test_cancel_imports_nothing(qtbot, controller, monkeypatch):
    before = dump_project(controller.project)
    monkeypatch.setattr(excel_actions, "_confirm", lambda dialog: False)
    assert not excel_actions.import_workbooks(None, controller, [DATA / "master_many_sheets.xlsx"])
    assert dump_project(controller.project) == before and controller.undo_stack.count() == 0


def test_export_asks_for_a_name_and_writes(qtbot, controller, dialogs, tmp_path, monkeypatch):
    dialogs.save_path = str(tmp_path / "stats")
    path = excel_actions.export_template(None, controller, "stats")
    assert path == tmp_path / "stats.xlsx" and path.exists()
    plan = controller.plan()
    assert excel_actions.export_template(None, controller, "collect") is None  # nobody owns an indicator yet
    assert dialogs.shown and "No team owns an indicator" in dialogs.shown[-1][1]
    from planner import model as m
    from ui.commands import EditFields

    team = plan.teams[0].name
    controller.push(EditFields(controller, "owner", m.Indicator, plan.indicators[0].id, owner_team_id=plan.teams[0].id))
    def answer(dialog):
        dialog.team.setCurrentText(team)
        dialog.period.setText("2025-03")
        return True
    monkeypatch.setattr(excel_actions, "_confirm_collect", answer)
    dialogs.save_path = str(tmp_path / "collect.xlsx")
    assert excel_actions.export_template(None, controller, "collect") == tmp_path / "collect.xlsx"


def test_screenshot_of_the_preview(qtbot, controller, tmp_path):
    preview = read_workbooks([DATA / "returned_stats_wrong_value.xlsx"], controller.plan())
    dialog = ImportDialog(preview)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.grab().isNull()
    dialog.grab().save(str(tmp_path / "import_dialog.png"))
