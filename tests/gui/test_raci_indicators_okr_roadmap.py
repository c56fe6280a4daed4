"""RACI clicks and keys with rule checks, indicator deviation notes, OKR roll-up, roadmap tools."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.views.indicators import IndicatorView
from ui.views.okr import OkrView
from ui.views.raci import RaciView
from ui.views.roadmap import RoadmapView


def show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1300, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def raci_index(view, label, team):
    model = view.model
    row = model.row_of(lambda r: r.label.strip().startswith(label))
    col = next(n for n, c in enumerate(model.columns) if c.title() == team)
    return model.index(row, col)


def test_raci_click_selects_double_click_cycles_and_keys_set_letters(qtbot, controller):
    view = show(qtbot, RaciView(controller))
    index = raci_index(view, "TP-01", "生态发展部")
    rect = view.table.visualRect(index)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.table.currentIndex() == index  # a single click only selects the cell
    assert raci_index(view, "TP-01", "生态发展部").data() == "" and controller.undo_stack.count() == 0
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert raci_index(view, "TP-01", "生态发展部").data() == "R"
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert raci_index(view, "TP-01", "生态发展部").data() == "A"
    view.table.setCurrentIndex(raci_index(view, "TP-01", "生态发展部"))
    qtbot.keyClick(view.table, Qt.Key.Key_I)
    assert raci_index(view, "TP-01", "生态发展部").data() == "I"
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert raci_index(view, "TP-01", "生态发展部").data() == ""
    assert controller.undo_stack.count() == 4
    assert "生态发展部" in controller.undo_stack.undoText()
    controller.undo_stack.undo()
    assert raci_index(view, "TP-01", "生态发展部").data() == "I"


def test_raci_letter_from_the_right_click_menu(qtbot, controller):
    view = show(qtbot, RaciView(controller))
    index = raci_index(view, "TP-01", "生态发展部")
    menu = view.table.letter_menu(index)
    qtbot.addWidget(menu)
    texts = [a.text() for a in menu.actions()]
    assert [t[0] for t in texts[:4]] == ["R", "A", "C", "I"] and texts[4] == "Clear"
    menu.actions()[2].trigger()  # C
    assert raci_index(view, "TP-01", "生态发展部").data() == "C"
    menu = view.table.letter_menu(raci_index(view, "TP-01", "生态发展部"))
    qtbot.addWidget(menu)
    assert menu.actions()[2].isChecked()
    menu.actions()[4].trigger()
    assert raci_index(view, "TP-01", "生态发展部").data() == ""
    assert view.table.letter_menu(view.model.index(index.row(), 0)) is None  # the item column takes no letter


def test_raci_violation_is_highlighted_with_its_reason(qtbot, controller):
    view = show(qtbot, RaciView(controller))
    problems = raci_index(view, "生态建设", "生态发展部").siblingAtColumn(len(view.model.columns) - 1)
    assert "No A" in problems.data()
    assert problems.data(Qt.ItemDataRole.BackgroundRole) is not None
    fix = raci_index(view, "生态建设", "项目管理部")
    assert view.model.setData(fix, "A")
    problems = raci_index(view, "生态建设", "生态发展部").siblingAtColumn(len(view.model.columns) - 1)
    assert problems.data() == ""
    assert "生态发展部</b>: R 1" in view.load_label.text()


def test_raci_second_a_is_reported(qtbot, controller):
    view = show(qtbot, RaciView(controller))
    assert view.model.setData(raci_index(view, "技术产品", "生态发展部"), "A")
    problems = raci_index(view, "技术产品", "核心技术部").siblingAtColumn(len(view.model.columns) - 1)
    assert "Two or more A" in problems.data()


def test_indicator_deviation_asks_for_an_exception_note(qtbot, controller):
    view = show(qtbot, IndicatorView(controller))
    assert view.period.currentText() == "2025-03"
    model = view.model
    row = model.row_of(lambda i: i.name == "昇腾算子性能提升")
    cumulative = next(n for n, c in enumerate(model.columns) if c.key == "cumulative_value")
    note = next(n for n, c in enumerate(model.columns) if c.key == "exception_note")
    rate = next(n for n, c in enumerate(model.columns) if c.key == "achievement")
    assert model.index(row, rate).data() == "112%"
    # By the end of March about half of the 6-month stage has passed: 50% is on plan ...
    assert model.setData(model.index(row, cumulative), "5")
    assert model.index(row, rate).data() == "50%"
    assert model.index(row, note).data(Qt.ItemDataRole.BackgroundRole) is None
    # ... while 20% falls more than 10% short of what was expected by then.
    assert model.setData(model.index(row, cumulative), "2")
    assert model.index(row, rate).data() == "20%"
    assert model.index(row, note).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "exception note" in view.message.text()
    assert view.table.currentIndex().column() == note
    # the note's cell opens for typing by itself (the user was not typing elsewhere)
    from PySide6.QtWidgets import QAbstractItemView

    qtbot.waitUntil(lambda: view.table.state() == QAbstractItemView.State.EditingState)
    assert model.setData(model.index(row, note), "样本机故障，重测中")
    assert model.index(row, note).data(Qt.ItemDataRole.BackgroundRole) is None


def test_indicator_period_switch_and_new_period(qtbot, controller):
    view = show(qtbot, IndicatorView(controller))
    model = view.model
    view.period.setCurrentText("2025-04")
    row = model.row_of(lambda i: i.name == "AI芯片适配数量")
    cumulative = next(n for n, c in enumerate(model.columns) if c.key == "cumulative_value")
    assert model.index(row, cumulative).data() == ""
    assert model.setData(model.index(row, cumulative), "22")
    periods = sorted(r.period for r in controller.plan().readings if r.indicator_id == model.row_at(row).id)
    assert periods == ["2025-03", "2025-04"]
    view.period.setCurrentText("2025-03")
    assert model.index(row, cumulative).data() == "15"


def test_okr_progress_rolls_up_and_mix_is_shown(qtbot, controller):
    view = show(qtbot, OkrView(controller))
    model = view.model
    objective = model.index(0, 2)
    kr = model.index(0, 2, model.index(0, 0))
    # KR1 links "AI芯片适配数量" (15 of 25 = 60%) and TP-02 (0%): mean 30%
    assert kr.data() == "30%" and objective.data() == "30%"
    tp02 = controller.plan().task_by_code["TP-02"]
    from planner.services import tasks
    from ui.commands import JournalCommand
    controller.push(JournalCommand(controller, "progress", tasks.update_task, tp02.id, progress=1.0))
    assert model.index(0, 2, model.index(0, 0)).data() == "80%"
    assert "1 delivery : 1 exploration" in view.mix.text()
    view.add_objective()  # a delivery objective: 2 : 1, shares that add up to 100%
    assert "2 delivery : 1 exploration (67% : 33%)" in view.mix.text()
    view.tree.setCurrentIndex(model.index(1, 0))
    view.toggle_kind()
    assert "3 delivery : 0 exploration (100% : 0%)" in view.mix.text()


def test_roadmap_side_panel_and_stage_tools(qtbot, controller):
    view = show(qtbot, RoadmapView(controller))
    model = view.model
    row = model.row_of(lambda r: r.stage.name == "基础建设期" and r.module.name == "生态建设")
    view.table.setCurrentIndex(model.index(row, 3))
    assert view.panel.editors["scope"].toPlainText() == "1. 开源基金会成立"
    view.panel.editors["scope"].setPlainText("1. 开源基金会成立\n2. 技术标准发布")
    view.panel.editors["data_source"].setPlainText("基金会行政档案")
    view.panel.apply()
    assert controller.undo_stack.count() == 1  # both fields, one step
    assert model.index(row, 3).data() == "1. 开源基金会成立\n2. 技术标准发布"
    view.add_stage("规则制定期")
    assert [s.name for s in controller.plan().stages][-1] == "规则制定期"
    stage_row = model.row_of(lambda r: r.stage.name == "规则制定期")
    view.table.setCurrentIndex(model.index(stage_row, 0))
    view.move_current(-1)
    assert [s.name for s in controller.plan().stages] == ["基础建设期", "规则制定期", "生态扩张期"]
    assert view.table.columnSpan(0, 0) == 1 and view.table.rowSpan(0, 0) == 2  # stage cell spans its modules
    controller.undo_stack.undo()
    assert [s.name for s in controller.plan().stages] == ["基础建设期", "生态扩张期", "规则制定期"]


def test_read_only_plan_refuses_edits(qtbot, plan_path):
    from planner.document import Project
    from ui.controller import DocumentController
    from ui.views.task_model import TaskTableModel
    ctl = DocumentController(Project.open(plan_path, read_only=True))
    try:
        model = TaskTableModel(ctl)
        assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    finally:
        ctl.project.close()


def test_okr_link_and_unlink_a_task(qtbot, controller):
    view = show(qtbot, OkrView(controller))
    model = view.model
    o2 = model.index(1, 0)
    view.tree.setCurrentIndex(model.index(0, 0, o2))  # O2 / KR1, progress typed by hand (50%)
    assert model.index(0, 2, model.index(1, 0)).data() == "50%"
    kr = view.current_key_result()
    choice = next(target for label, target in view.link_choices() if "EC-01" in label)
    view.link(kr, choice)
    kr_index = model.index(0, 0, model.index(1, 0))
    assert model.rowCount(kr_index) == 1
    assert model.index(0, 0, kr_index).data() == "Task: EC-01 开源基金会成立"
    assert model.index(0, 2, model.index(1, 0)).data() == "0%"  # now rolled up from EC-01
    view.tree.setCurrentIndex(model.index(0, 0, kr_index))
    view.unlink_current()
    assert model.rowCount(model.index(0, 0, model.index(1, 0))) == 0
    controller.undo_stack.undo()
    assert model.rowCount(model.index(0, 0, model.index(1, 0))) == 1


def test_roadmap_cell_edited_in_place_keeps_its_numbered_lines(qtbot, controller):
    from PySide6.QtWidgets import QPlainTextEdit
    view = show(qtbot, RoadmapView(controller))
    model = view.model
    row = model.row_of(lambda r: r.stage.name == "基础建设期" and r.module.name == "技术产品")
    index = model.index(row, 4)  # actions
    view.table.setCurrentIndex(index)
    view.table.edit(index)
    editor = view.table.findChild(QPlainTextEdit)
    assert editor is not None and editor.toPlainText() == "1. FlagGEMs 迭代 3 个版本"
    editor.setPlainText("1. FlagGEMs 迭代 3 个版本\n2. FlagTree 编译优化")
    view.table.itemDelegate().commitData.emit(editor)
    assert model.index(row, 4).data() == "1. FlagGEMs 迭代 3 个版本\n2. FlagTree 编译优化"


def test_indicator_period_must_be_a_month_or_a_week(qtbot, controller):
    view = show(qtbot, IndicatorView(controller))
    view.period.setCurrentText("2025-3月")
    assert view.model.period == "2025-03" and "2025-W12" in view.message.text()
    view.period.setCurrentText("2025-W12")
    assert view.model.period == "2025-W12" and view.message.text() == ""
