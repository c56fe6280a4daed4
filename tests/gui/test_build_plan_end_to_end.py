"""Issue 14, "Done when": the FlagOS stage-1 plan built from an empty window with window actions only.

File > New and its properties, stages and modules in the roadmap, four tasks typed into the task
matrix with their links (TP-02 after TP-01, EC-04 when TP-02 is 30% done), two teams and their
RACI letters, a role put in a team, two indicators (one added, one taken from the roadmap cell)
with readings, a baseline, File > Save, and the monthly review. Every step goes through the
widgets a user touches: buttons and menu actions clicked, cells edited with F2/typing/Enter,
modal dialogs filled through their own widgets from a QTimer. Then `planner dump` of the saved
file, the schedule of the linked tasks and the report are checked.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QInputDialog, QLineEdit, QPlainTextEdit,
    QPushButton, QWidget,
)

from planner.samples import flagos_data as data

ROOT = Path(__file__).resolve().parents[2]
START = dt.date(2025, 1, 6)
STATUS = dt.date(2025, 4, 18)
TECH_ACCEPTANCE = data.CELLS[0][4]


# --- driving modal dialogs and cells through their widgets ---------------------------------------
def when_shown(kind, answer, *, timeout_ms: int = 5000):
    """Answer the next modal dialog of `kind` once it is on screen (call just before what opens it)."""
    waited = {"ms": 0}

    def poll():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            try:
                answer(dialog)
            except BaseException as exc:  # a failed step closes its dialog, so the test ends with the error
                FAILURES.append(exc)
                if dialog.isVisible():
                    dialog.reject()
            return
        waited["ms"] += 20
        if waited["ms"] > timeout_ms:
            FAILURES.append(AssertionError(f"no {kind.__name__} was shown"))
            return
        QTimer.singleShot(20, poll)
    QTimer.singleShot(0, poll)


FAILURES: list[BaseException] = []


def no_failure() -> None:
    if FAILURES:
        raise FAILURES.pop(0)


def keys(widget, text: str) -> None:
    """Type as a user does: Latin text key by key, Chinese through the input method (its commit string)."""
    for run in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if run.isascii():
            QTest.keyClicks(widget, run)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


def type_into(line: QLineEdit, text: str) -> None:
    line.setFocus()
    line.selectAll()
    QTest.keyClick(line, Qt.Key.Key_Delete)
    keys(line, text)


def click_ok(dialog) -> None:
    QTest.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)


def input_answer(text: str):
    def answer(dialog: QInputDialog):
        type_into(dialog.findChild(QLineEdit), text)
        click_ok(dialog)
    return answer


def file_answer(path: Path):
    def answer(dialog: QFileDialog):
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        name.setText(str(path))  # pasted: typed key by key, the dialog's completer picks folders on the way
        name.textEdited.emit(str(path))
        box = dialog.findChild(QDialogButtonBox)
        save = next(b for b in box.buttons() if box.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole)
        QTest.mouseClick(save, Qt.MouseButton.LeftButton)
    return answer


def button(widget, text: str) -> QPushButton:
    return next(b for b in widget.findChildren(QPushButton) if b.text() == text)


def column(model, key: str) -> int:
    return next(n for n, c in enumerate(model.columns) if c.key == key)


def edit_cell(table, row: int, key: str, text: str) -> None:
    """Select the cell, F2, type, commit (Enter for a line, Tab for a multi-line text, a choice by its label)."""
    model = table.model()
    index = model.index(row, column(model, key))
    table.scrollTo(index)
    table.setCurrentIndex(index)
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_F2)
    editors = [w for w in table.viewport().findChildren(QWidget) if w.isVisible() and isinstance(
        w, (QLineEdit, QPlainTextEdit, QComboBox)) and w.parent() is table.viewport()]
    editor = editors[0] if editors else QApplication.focusWidget()
    if isinstance(editor, QComboBox):
        editor.setCurrentIndex(editor.findText(text))
        QTest.keyClick(editor, Qt.Key.Key_Return)
    elif isinstance(editor, QPlainTextEdit):
        editor.selectAll()
        QTest.keyClick(editor, Qt.Key.Key_Delete)
        keys(editor, text)
        QTest.keyClick(editor, Qt.Key.Key_Tab)
    else:
        assert isinstance(editor, QLineEdit), f"no editor opened on {key}: {editor!r}"
        editor.selectAll()
        keys(editor, text)
        QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()


def click_cell(table, row: int, key: str) -> None:
    index = table.model().index(row, column(table.model(), key))
    table.scrollTo(index)
    rect = table.visualRect(index)
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def menu_action(window, menu_title: str, text: str):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == menu_title)
    menu.aboutToShow.emit()  # a menu filled when it opens (Report) is filled
    return next(a for a in menu.actions() if a.text().replace("&", "").rstrip("…").startswith(text)
                and (len(a.text().replace("&", "").rstrip("…")) == len(text) or text.endswith(" ")))


def task_row(view, code: str) -> int:
    row = view.model.row_of(lambda t: t.code == code)
    assert row >= 0, code
    return row


# --- the test ---------------------------------------------------------------------------------------
@pytest.fixture
def empty_window(qtbot):
    from ui.controller import DocumentController
    from ui.main_window import MainWindow

    controller = DocumentController()
    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    yield window
    controller.undo_stack.setClean()  # a failed test leaves no "save changes?" box behind
    if controller.project is not None:
        controller.project.close()


def test_build_the_flagos_stage_1_plan_in_the_window(empty_window, qtbot, tmp_path):
    window = empty_window
    controller = window.controller
    assert controller.project is None

    # File > New: the plan's properties are asked at once
    def properties(dialog):
        type_into(dialog.name, "FlagOS 开源生态")
        dialog.start.setDate(QDate(2025, 1, 6))
        QTest.mouseClick(dialog.follow_today, Qt.MouseButton.LeftButton)  # untick "Always today"
        dialog.status.setDate(QDate(2025, 4, 18))
        dialog.holidays.setCurrentIndex(dialog.holidays.findData("CN"))
        click_ok(dialog)
    when_shown(QDialog, properties)
    menu_action(window, "File", "New").trigger()
    no_failure()
    programme = controller.plan().programme
    assert (programme.name, programme.start_date, programme.status_date) == ("FlagOS 开源生态", START, STATUS)

    # Roadmap: a stage, two modules, their names, spans and task-ID prefixes, the technology cell's texts
    roadmap = window.views.show("roadmap")
    QTest.mouseClick(button(roadmap, "Add stage"), Qt.MouseButton.LeftButton)
    QTest.mouseClick(button(roadmap, "Add module"), Qt.MouseButton.LeftButton)
    QTest.mouseClick(button(roadmap, "Add module"), Qt.MouseButton.LeftButton)
    assert roadmap.model.rowCount() == 2
    edit_cell(roadmap.table, 0, "stage", "基础建设期")
    edit_cell(roadmap.table, 0, "span", "0-6 个月")
    for row, (name, prefix) in enumerate((("技术产品", "TP"), ("生态建设", "EC"))):
        edit_cell(roadmap.table, row, "module", name)
        edit_cell(roadmap.table, row, "prefix", prefix)
    plan = controller.plan()
    assert [(s.name, s.start_month, s.end_month) for s in plan.stages] == [("基础建设期", 0, 6)]
    assert [(x.name, x.prefix) for x in plan.modules] == [("技术产品", "TP"), ("生态建设", "EC")]
    roadmap.table.setCurrentIndex(roadmap.model.index(0, column(roadmap.model, "scope")))
    panel = roadmap.panel
    panel.editors["scope"].setFocus()
    keys(panel.editors["scope"], "1. 核心组件开发 2. 多芯片适配 3. 框架兼容适配 4. 性能优化验证")
    panel.editors["acceptance"].setFocus()
    keys(panel.editors["acceptance"], TECH_ACCEPTANCE)
    QTest.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    assert controller.plan().cell(plan.stages[0].id, plan.modules[0].id).acceptance == TECH_ACCEPTANCE

    # Task matrix: TP-01..TP-03 by Edit > Add task, then EC-04 in the ecosystem module
    tasks = window.views.show("tasks")
    rows = [("TP-01", "核心组件开发", "第1-8周", "算子组工程师×8、架构师×2", ""),
            ("TP-02", "多芯片适配", "第4-22周", "适配工程师×12、测试工程师×6", "TP-01"),
            ("TP-03", "框架兼容适配", "第6-12周", "框架工程师×4、自动化测试工程师×3", "TP-01")]
    for code, name, span, roles, deps in rows:
        menu_action(window, "Edit", "Add task").trigger()
        row = task_row(tasks, code)  # the module's prefix numbers it
        edit_cell(tasks.table, row, "name", name)
        edit_cell(tasks.table, task_row(tasks, code), "span", span)
        edit_cell(tasks.table, task_row(tasks, code), "roles_text", roles)
        if deps:
            edit_cell(tasks.table, task_row(tasks, code), "deps", deps)
    menu_action(window, "Edit", "Add task").trigger()  # TP-04, moved to the ecosystem module as EC-04
    edit_cell(tasks.table, task_row(tasks, "TP-04"), "module", "生态建设")
    edit_cell(tasks.table, task_row(tasks, "TP-04"), "code", "EC-04")
    edit_cell(tasks.table, task_row(tasks, "EC-04"), "name", "核心伙伴联动")
    edit_cell(tasks.table, task_row(tasks, "EC-04"), "span", "第8-24周")
    edit_cell(tasks.table, task_row(tasks, "EC-04"), "roles_text", "合作经理×6、技术支持工程师×4")
    edit_cell(tasks.table, task_row(tasks, "EC-04"), "deps", "TP-02 30%")
    assert tasks.problem_label.text() == ""
    plan = controller.plan()
    assert sorted(t.code for t in plan.tasks) == ["EC-04", "TP-01", "TP-02", "TP-03"]
    by_code = plan.task_by_code
    assert by_code["EC-04"].module_id == plan.modules[1].id

    # RACI: two teams by Add team…, letters by a click and a key
    raci = window.views.show("raci")
    for team in ("核心技术部", "生态发展部"):
        when_shown(QInputDialog, input_answer(team))
        QTest.mouseClick(raci.add_team_button, Qt.MouseButton.LeftButton)
        no_failure()
    assert [t.name for t in controller.plan().teams] == ["核心技术部", "生态发展部"]
    core, eco = (f"team:{t.id}" for t in controller.plan().teams)

    def raci_row(kind, name_or_code):
        return raci.model.row_of(lambda r: r.kind == kind and (
            getattr(r.obj, "name", None) == name_or_code if kind == "module" else r.obj.code == name_or_code))
    letters = [("module", "技术产品", core, "R"), ("module", "技术产品", eco, "C"),
               ("module", "生态建设", eco, "R"), ("module", "生态建设", core, "C"),
               ("task", "EC-04", eco, "A"), ("task", "EC-04", core, "C")]
    for kind, subject, team_key, letter in letters:
        row = raci_row(kind, subject)
        click_cell(raci.table, row, team_key)  # one click gives R ...
        QTest.keyClick(raci.table, letter)  # ... the key sets the letter wanted
    # the roles typed on the tasks are put in the teams (Teams… > the role's team box)
    def teams_dialog(dialog):
        for role, team in (("算子组工程师", "核心技术部"), ("合作经理", "生态发展部")):
            box = dialog.role_box(role)
            box.setCurrentIndex(box.findText(team))
        QTest.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close),
                         Qt.MouseButton.LeftButton)
    when_shown(QDialog, teams_dialog)
    QTest.mouseClick(raci.teams_button, Qt.MouseButton.LeftButton)
    no_failure()

    # Indicators: one added by hand, one taken from the technology cell's 量化验收指标
    indicators = window.views.show("indicators")

    def add_indicator(dialog):
        type_into(dialog.name, "AI芯片适配数量")
        type_into(dialog.target, "25款（0-6月）")
        dialog.module.setCurrentIndex(dialog.module.findText("技术产品"))
        dialog.stage.setCurrentIndex(dialog.stage.findText("基础建设期"))
        dialog.team.setCurrentIndex(dialog.team.findText("核心技术部"))
        click_ok(dialog)
    when_shown(QDialog, add_indicator)
    QTest.mouseClick(indicators.add_button, Qt.MouseButton.LeftButton)
    no_failure()

    def from_cell(dialog):
        assert (dialog.stage.currentText(), dialog.module.currentText()) == ("基础建设期", "技术产品")
        names = [dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())]
        for r, name in enumerate(names):  # keep only 昇腾算子性能提升
            if name != "昇腾算子性能提升":
                dialog.set_checked(r, False)
        click_ok(dialog)
    when_shown(QDialog, from_cell)
    QTest.mouseClick(indicators.from_cell_button, Qt.MouseButton.LeftButton)
    no_failure()
    assert [(i.code, i.name, i.target) for i in controller.plan().indicators] == [
        ("IND-001", "AI芯片适配数量", 25), ("IND-002", "昇腾算子性能提升", 10)]

    # readings for March and April: the period typed in the period box, the values in the cells
    def indicator_row(code):
        return indicators.model.row_of(lambda i: i.code == code)
    for period, values in (("2025-03", {"IND-001": ("10", "10")}),
                           ("2025-04", {"IND-001": ("5", "15"), "IND-002": ("11.2", "11.2")})):
        line = indicators.period.lineEdit()
        type_into(line, period)
        QTest.keyClick(line, Qt.Key.Key_Return)
        for code, (this_period, cumulative) in values.items():
            edit_cell(indicators.table, indicator_row(code), "test_date", f"{period}-15")  # judged at that date
            edit_cell(indicators.table, indicator_row(code), "period_value", this_period)
            edit_cell(indicators.table, indicator_row(code), "cumulative_value", cumulative)
            if code == "IND-002":  # 112% of its target: more than 10% off, so an exception note is written
                edit_cell(indicators.table, indicator_row(code), "exception_note", "新增3个优化算子，效果超预期")

    # File > Set baseline…, then File > Save
    def baseline(dialog):
        type_into(dialog.name, "立项基线")
        dialog.day.setDate(QDate(2025, 1, 6))
        click_ok(dialog)
    when_shown(QDialog, baseline)
    menu_action(window, "File", "Set baseline").trigger()
    no_failure()
    path = tmp_path / "flagos-stage1.plan"
    when_shown(QFileDialog, file_answer(path))
    menu_action(window, "File", "Save").trigger()
    no_failure()
    assert path.exists() and controller.undo_stack.isClean()

    # --- what was built: the dump of the saved file ---------------------------------------------
    out = subprocess.run([sys.executable, "-m", "planner", "dump", str(path)], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    check_dump(json.loads(out))

    # --- the schedule of the linked tasks --------------------------------------------------------
    check_schedule(controller)

    # --- a report: Report > Monthly review (PDF) names the plan -----------------------------------
    pdf = tmp_path / "复盘.pdf"
    when_shown(QFileDialog, file_answer(pdf))
    menu_action(window, "Report", "Monthly review (PDF)").trigger()
    no_failure()
    qtbot.waitUntil(pdf.exists, timeout=60_000)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "FlagOS 开源生态" in text and "2025-04" in text


def _rows(dump, table):
    value = dump[table]
    return value if isinstance(value, list) else list(value.values())


def check_dump(dump) -> None:
    t = dump["tables"]
    (programme,) = t["programme"]
    assert (programme["name"], programme["start_date"], programme["status_date"], programme["holiday_region"]) == (
        "FlagOS 开源生态", "2025-01-06", "2025-04-18", "CN")
    assert [(s["name"], s["start_month"], s["end_month"]) for s in t["stage"]] == [("基础建设期", 0, 6)]
    assert [(x["name"], x["prefix"]) for x in t["module"]] == [("技术产品", "TP"), ("生态建设", "EC")]
    code = {x["id"]: x["code"] for x in t["task"]}
    assert sorted(code.values()) == ["EC-04", "TP-01", "TP-02", "TP-03"]
    links = {(code[d["predecessor_id"]], code[d["successor_id"]]): (d["type"], d["threshold"], d["text"])
             for d in t["dependency"]}
    assert links == {("TP-01", "TP-02"): ("FS", 1.0, "TP-01"), ("TP-01", "TP-03"): ("FS", 1.0, "TP-01"),
                     ("TP-02", "EC-04"): ("FS", 0.3, "TP-02 30%")}
    team = {x["id"]: x["name"] for x in t["team"]}
    assert sorted(team.values()) == ["核心技术部", "生态发展部"]
    module = {x["id"]: x["name"] for x in t["module"]}
    letters = {(module.get(c["module_id"]) or code[c["task_id"]], team[c["team_id"]], c["role"]) for c in t["racicell"]}
    assert letters == {("技术产品", "核心技术部", "R"), ("技术产品", "生态发展部", "C"), ("生态建设", "生态发展部", "R"),
                       ("生态建设", "核心技术部", "C"), ("EC-04", "生态发展部", "A"), ("EC-04", "核心技术部", "C")}
    roles = {r["name"]: team.get(r["team_id"]) for r in t["role"]}
    assert roles["算子组工程师"] == "核心技术部" and roles["合作经理"] == "生态发展部" and roles["架构师"] is None
    indicators = {i["id"]: i for i in t["indicator"]}
    assert [(i["code"], i["name"], i["target_text"], i["target"], i["unit"], i["direction"], team[i["owner_team_id"]])
            for i in t["indicator"]] == [
        ("IND-001", "AI芯片适配数量", "25款（0-6月）", 25.0, "款", "higher", "核心技术部"),
        ("IND-002", "昇腾算子性能提升", "≥10%（对比 CUDA 12.0 版本）", 10.0, "%", "higher", "核心技术部")]
    assert {(indicators[r["indicator_id"]]["code"], r["period"], r["period_value"], r["cumulative_value"],
             r["test_date"], r["exception_note"]) for r in t["reading"]} == {
        ("IND-001", "2025-03", 10.0, 10.0, "2025-03-15", ""), ("IND-001", "2025-04", 5.0, 15.0, "2025-04-15", ""),
        ("IND-002", "2025-04", 11.2, 11.2, "2025-04-15", "新增3个优化算子，效果超预期")}
    (baseline,) = t["baseline"]
    assert (baseline["name"], baseline["taken_on"]) == ("立项基线", "2025-01-06")
    assert len(t["baselinetask"]) == 4


def check_schedule(controller) -> None:
    """TP-02 and TP-03 start the workday after TP-01 ends; EC-04 when TP-02 is 30% done."""
    plan, schedule = controller.plan(), controller.schedule()
    timing = {code: schedule.timings[task.id] for code, task in plan.task_by_code.items()}
    span = {code: (timing[code].start, timing[code].finish) for code in timing}
    assert span["TP-01"] == (dt.date(2025, 1, 6), dt.date(2025, 2, 28)), span  # weeks 1-8, to its last workday
    assert span["TP-02"][0] == dt.date(2025, 3, 3) == span["TP-03"][0]  # Monday after TP-01
    assert span["EC-04"][0] == dt.date(2025, 4, 9)
    assert span["TP-02"][0] < span["EC-04"][0] < span["TP-02"][1]  # inside TP-02, at its 30%
