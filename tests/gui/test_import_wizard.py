"""The import wizard driven like a user: a column's field changed, a row skipped, a value corrected,
a map saved and applied to the next workbook with the same headers, import and undo."""

from __future__ import annotations

import datetime as dt

from planner.dump import dump_project
from planner.excel.colmap import load_maps
from ui import excel_actions
from ui.import_wizard import ImportWizard, map_store
from tests.gui.import_books import team_plan


def _open(qtbot, paths, plan=None) -> ImportWizard:
    wizard = ImportWizard(paths, plan)
    qtbot.addWidget(wizard)
    assert wizard.wait_read()
    return wizard


def _tasks(wizard):
    from planner import model as m

    return {r.values["name"]: r.values for r in wizard.preview.records.of(m.Task).values()}


def _row_of(wizard, letter: str) -> int:
    return next(r for r in range(wizard.columns.rowCount()) if wizard.columns.item(r, 0).text() == letter)


def _choose(wizard, letter: str, use: str) -> None:
    combo = wizard.columns.cellWidget(_row_of(wizard, letter), 2)
    combo.setCurrentIndex(combo.findData(use))


def _select_problem(wizard, value: str) -> int:
    row = next(r for r, p in enumerate(wizard.problem_items) if p.value == value)
    wizard.select_problem(row)
    return row


def test_the_sheet_the_guess_and_a_changed_field(qtbot, tmp_path):
    wizard = _open(qtbot, [team_plan(tmp_path / "a.xlsx")])
    # the sheet as in Excel: the title merged over A1:G1, the header (row 2) highlighted
    assert wizard.sheet.columnSpan(0, 0) == 7 and wizard.sheet.item(1, 1).text() == "工作内容"
    assert wizard.sheet.item(1, 1).background().color().name().lower() == "#bdd7ee"
    assert (wizard.header_row.value(), wizard.first_row.value()) == (2, 3)
    # each column pre-set from the guess, with the reason
    owner = _row_of(wizard, "C")
    assert wizard.columns.cellWidget(owner, 2).currentData() == "owner"
    assert "责任人" in wizard.columns.item(owner, 3).text()
    assert wizard.columns.cellWidget(_row_of(wizard, "G"), 2).currentData() == "note"
    assert wizard.counts.text().startswith("12 rows to add, 0 to change, 0 skipped")
    assert _tasks(wizard)["T工作0001"]["owner"] == "张三"
    _choose(wizard, "C", "ignore")
    assert "owner" not in _tasks(wizard)["T工作0001"]
    assert "chosen by you" in wizard.columns.item(_row_of(wizard, "C"), 3).text()
    assert wizard.rows_preview.rowCount() == 12 and "owner" not in wizard.rows_preview.text(0, 2)


def test_skip_a_row_and_correct_a_value(qtbot, tmp_path):
    wizard = _open(qtbot, [team_plan(tmp_path / "a.xlsx")])
    problem = wizard.problem_items[_select_problem(wizard, "待定")]
    assert (problem.row, problem.column) == (5, "E")
    # double-click shows the cell on the sheet
    wizard._on_problems_cellDoubleClicked(wizard.problem_items.index(problem), 0)
    assert wizard.stack.currentIndex() == 1 and (wizard.sheet.currentRow(), wizard.sheet.currentColumn()) == (4, 4)
    wizard.go(2)
    _select_problem(wizard, "待定")
    wizard.skip_button.click()
    assert "T工作0003" not in _tasks(wizard)
    assert wizard.counts.text().startswith("11 rows to add, 0 to change, 1 skipped")
    assert not any(p.value == "待定" for p in wizard.preview.problems.items)
    assert wizard.decisions.count() == 1 and "row skipped" in wizard.decisions.item(0).text()
    wizard.decisions.setCurrentRow(0)
    wizard.undo_decision.click()  # changed my mind: correct it instead
    _select_problem(wizard, "待定")
    wizard.corrected.setText("2025-03-21")
    wizard.correct_button.click()
    assert _tasks(wizard)["T工作0003"]["end_date"] == dt.date(2025, 3, 21)
    assert wizard.counts.text().startswith("12 rows to add, 0 to change, 0 skipped")
    assert "corrected to 2025-03-21" in wizard.decisions.item(0).text()
    # the workbook itself is unchanged
    from openpyxl import load_workbook

    assert load_workbook(tmp_path / "a.xlsx").active["E5"].value == "待定"


def test_import_without_the_bad_value(qtbot, tmp_path):
    wizard = _open(qtbot, [team_plan(tmp_path / "a.xlsx")])
    _select_problem(wizard, "待定")
    wizard.drop_button.click()
    assert "T工作0003" in _tasks(wizard) and not any(p.value == "待定" for p in wizard.preview.problems.items)


def test_a_saved_map_is_applied_to_the_next_workbook_with_the_same_headers(qtbot, tmp_path):
    wizard = _open(qtbot, [team_plan(tmp_path / "march.xlsx")])
    _choose(wizard, "G", "ignore")
    wizard.save_map.click()
    saved = map_store.saved_maps()
    assert len(saved) == 1 and saved[0].path == wizard.last_saved
    assert {c.header: c.use for c in load_maps(saved[0].path)[0].columns}["协同单位"] == "ignore"  # --map reads it
    wizard.close()
    april = _open(qtbot, [team_plan(tmp_path / "april.xlsx", title="2025年4月工作计划", first="A", rows=5)])
    assert ("april.xlsx", "计划") in april.from_saved
    assert not april.saved_notice.isHidden() and "saved map" in april.saved_notice.text()
    assert april.columns.cellWidget(_row_of(april, "G"), 2).currentData() == "ignore"
    assert "notes" not in _tasks(april)["A工作0001"]
    april.use_guess.click()  # back to the core's guess for this workbook
    assert _tasks(april)["A工作0001"]["notes"] == "协同单位: 研发部"
    # listed and deletable in settings
    from ui.import_wizard.maps_dialog import SavedMapsDialog

    dialog = SavedMapsDialog()
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == "计划"
    dialog.table.selectRow(0)
    dialog.delete_button.click()
    assert dialog.table.rowCount() == 0 and map_store.saved_maps() == []


def test_header_row_and_first_data_row_adjustable(qtbot, tmp_path):
    wizard = _open(qtbot, [team_plan(tmp_path / "a.xlsx")])
    wizard.first_row.setValue(6)
    assert len(_tasks(wizard)) == 9
    wizard.header_row.setValue(1)  # the title row as header: one column, read as a note
    assert wizard.first_row.value() == 6 and [c.header for c in wizard.maps[("a.xlsx", "计划")].columns] == ["2025年第一季度工作计划"]


def test_many_files_with_status_and_cancel(qtbot, tmp_path):
    books = [team_plan(tmp_path / f"team{i}.xlsx", first=f"K{i}") for i in range(3)]
    missing = tmp_path / "gone.xlsx"
    wizard = _open(qtbot, books + [missing])
    statuses = {wizard.files.item(r, 0).text(): wizard.files.item(r, 1).text() for r in range(wizard.files.rowCount())}
    assert statuses == {"team0.xlsx": "read", "team1.xlsx": "read", "team2.xlsx": "read", "gone.xlsx": "not read"}
    assert wizard.progress.value() == wizard.progress.maximum()
    cancelled = ImportWizard(books, start=False)
    qtbot.addWidget(cancelled)
    cancelled.cancel_read.click()
    cancelled.reader.start()
    cancelled.reader.wait()
    assert cancelled.preview is None and not cancelled.import_button.isEnabled()


def test_apply_and_undo(qtbot, controller, tmp_path, monkeypatch):
    book = team_plan(tmp_path / "a.xlsx")
    before = dump_project(controller.project)

    def confirm(wizard):
        assert wizard.wait_read()
        _select_problem(wizard, "待定")
        wizard.skip_button.click()
        assert wizard.import_button.isEnabled()
        return True

    monkeypatch.setattr(excel_actions, "_confirm", confirm)
    assert excel_actions.import_workbooks(None, controller, [book])
    assert controller.undo_stack.count() == 1
    names = {t.name for t in controller.plan().tasks}
    assert "T工作0001" in names and "T工作0003" not in names
    controller.undo_stack.undo()
    assert dump_project(controller.project) == before
    controller.undo_stack.redo()
    assert "T工作0012" in {t.name for t in controller.plan().tasks}


def test_dropping_workbooks_on_the_window_opens_the_wizard(qtbot, controller, tmp_path, monkeypatch):
    from ui.main_window import MainWindow

    window = MainWindow(controller)
    qtbot.addWidget(window)
    seen = []
    monkeypatch.setattr(excel_actions, "_confirm", lambda wizard: seen.append(wizard) or False)
    window.open_dropped([str(team_plan(tmp_path / "a.xlsx")), str(team_plan(tmp_path / "b.xlsx", first="B"))])
    assert len(seen) == 1 and isinstance(seen[0], ImportWizard)
    assert [p.name for p in seen[0].paths] == ["a.xlsx", "b.xlsx"]
    assert controller.undo_stack.count() == 0


def test_a_conflict_with_newer_plan_data_needs_an_explicit_choice(qtbot, tmp_path):
    from planner import model as m
    from planner.plan import load_plan
    from tests.gui.import_books import older_stats, project_with_newer_reading

    project = project_with_newer_reading()
    try:
        wizard = _open(qtbot, [older_stats(tmp_path / "stats.xlsx")], project.read(load_plan))
        assert wizard.conflicts.rowCount() == 1 and not wizard.import_button.isEnabled()
        assert "12 (2025-04-28)" == wizard.conflicts.item(0, 1).text() and "10 (2025-04-10)" == wizard.conflicts.item(0, 2).text()
        assert "1 conflict(s) with newer plan data, 1 undecided" in wizard.counts.text()
        statuses = [wizard.files.item(r, 1).text() for r in range(wizard.files.rowCount())]
        assert statuses == ["conflicting"]
        combo = wizard.conflicts.cellWidget(0, 3)
        combo.setCurrentIndex(combo.findData("keep"))
        assert wizard.import_button.isEnabled() and not any(c.table is m.Reading for c in wizard.preview.changes)
        combo = wizard.conflicts.cellWidget(0, 3)
        combo.setCurrentIndex(combo.findData("overwrite"))
        assert wizard.import_button.isEnabled() and any(c.table is m.Reading for c in wizard.preview.changes)
        assert "0 undecided" in wizard.counts.text()
    finally:
        project.close()


def test_a_map_that_cannot_be_saved_says_where_and_why(qtbot, tmp_path, monkeypatch):
    wizard = _open(qtbot, [team_plan(tmp_path / "a.xlsx")])
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setattr(map_store, "maps_dir", lambda: blocker / "column-maps")
    wizard.save_map.click()
    assert "could not be saved" in wizard.saved_notice.text() and str(blocker) in wizard.saved_notice.text()


def test_the_chinese_wizard_speaks_chinese(qtbot, tmp_path):
    from PySide6.QtWidgets import QApplication

    from ui import i18n

    i18n.install(QApplication.instance(), "zh_CN")
    try:
        wizard = _open(qtbot, [team_plan(tmp_path / "a.xlsx")])
        assert wizard.counts.text().startswith("新增 12 行，修改 0 行，跳过 0 行")
        assert [wizard.steps.item(i).text() for i in range(4)] == ["1 文件", "2 工作表与列", "3 问题", "4 冲突与导入"]
        owner = _row_of(wizard, "C")
        assert wizard.columns.cellWidget(owner, 2).currentText() == "负责人"
        assert wizard.columns.item(owner, 3).text() == "同义词“责任人”"
        assert wizard.rows_preview.text(0, 1).startswith("任务") and "建设内容" in wizard.rows_preview.text(0, 2)
        assert wizard.problem_items[0].message == "占位符，还不是值" or not wizard.problem_items[0].message.isascii()
    finally:
        i18n.install(QApplication.instance(), "en")


def test_a_months_returned_collection_workbooks_with_status_per_file(qtbot, tmp_path):
    import os
    import shutil
    import time

    from openpyxl import load_workbook

    from planner.document import Project
    from planner.excel.export import export_template
    from planner.plan import load_plan
    from planner.samples import sample_path

    copy = tmp_path / "flagos.plan"
    shutil.copyfile(sample_path("flagos"), copy)
    project = Project.open(copy)
    try:
        plan = project.read(load_plan)
        core, eco = tmp_path / "core.xlsx", tmp_path / "eco.xlsx"
        export_template(plan, "collect", core, team="核心技术部", period="2025-03")
        export_template(plan, "collect", eco, team="生态发展部", period="2025-03")
        wb = load_workbook(core)
        ws = wb.worksheets[0]
        col = {c.value: i + 1 for i, c in enumerate(ws[1])}
        ws.cell(2, col["累计实际值"]).value = 10
        wb.save(core)
        late = time.mktime((2025, 4, 3, 9, 0, 0, 0, 0, -1))  # after the due date (2025-03-31)
        os.utime(eco, (late, late))
        on_time = time.mktime((2025, 3, 28, 9, 0, 0, 0, 0, -1))
        os.utime(core, (on_time, on_time))
        wizard = _open(qtbot, [core, eco], plan)
        rows = {wizard.files.item(r, 0).text(): wizard.files.item(r, 1).text() for r in range(wizard.files.rowCount())}
        assert rows["core.xlsx"] == "returned" and rows["eco.xlsx"] == "late"
        assert rows["品牌公关部"] == "missing"  # a team that owns indicators and sent nothing back
        assert "Period 2025-03: 2 team(s) returned" in wizard.collection.text()
    finally:
        project.close()


def test_a_wizard_deleted_while_it_reads_does_not_take_the_app_down(qtbot, tmp_path, monkeypatch):
    """Qt aborts the whole process when a running QThread is destroyed: a wizard window deleted
    (or collected) before its read ended used to do that; now the read ends on its own, unseen."""
    import gc
    import threading

    from PySide6.QtCore import QCoreApplication, QEvent

    from ui.import_wizard import reader

    book = team_plan(tmp_path / "a.xlsx")
    release = threading.Event()
    real_open = reader.open_workbooks

    def slow_open(paths):
        release.wait(10)  # the user closes the window while the file is being read
        return real_open(paths)

    monkeypatch.setattr(reader, "open_workbooks", slow_open)
    wizard = ImportWizard([book])
    thread = wizard.reader
    assert thread.isRunning()
    wizard.deleteLater()
    del wizard
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    release.set()
    assert thread.wait(10_000) and thread.cancelled  # deleting the window cancelled the read
    qtbot.waitUntil(lambda: thread not in reader.ReadThread._running)
