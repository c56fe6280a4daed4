"""Roadmap > Indicators from cell…: the cell's 量化验收指标 previewed as indicators, ticked lines added in one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt

from planner.samples import flagos_data as data
from ui.indicators_from_cell import CODE, NAME, NOTE, TARGET, UNIT, IndicatorsFromCellDialog

ACCEPTANCE = data.CELLS[0][4]


def _select_cell(view, module_name):
    row = next(r for r in range(view.model.rowCount()) if view.model.row_at(r).module.name == module_name)
    view.table.setCurrentIndex(view.model.index(row, 2))
    return view.model.row_at(row)


def test_preview_untick_correct_then_one_undo_step(window, controller, monkeypatch, qtbot):
    view = window.views.show("roadmap")
    row = _select_cell(view, "技术产品")
    view.panel.editors["acceptance"].setPlainText(ACCEPTANCE)  # typed in the side panel, not applied yet
    before = {i.code for i in controller.plan().indicators}
    seen = {}

    def answer(dialog):
        seen["stage"], seen["module"] = dialog.stage.currentText(), dialog.module.currentText()
        t = dialog.table
        seen["rows"] = [(t.item(r, NAME).text(), t.item(r, TARGET).text(), t.item(r, UNIT).text())
                        for r in range(t.rowCount())]
        seen["note"] = t.item(2, NOTE).text()  # 昇腾算子性能提升 is already an indicator of this cell
        dialog.set_checked(3, False)  # untick Qwen2.5-7B 推理提速
        t.item(1, TARGET).setText("≥98%")  # corrected before adding
        seen["unit"] = t.item(1, UNIT).text()
        seen["codes"] = [t.item(r, CODE).text() for r in range(t.rowCount())]
        dialog._accept_if_valid()
        return dialog.result()
    monkeypatch.setattr(IndicatorsFromCellDialog, "exec", answer)
    view.indicators_from_cell()
    assert (seen["stage"], seen["module"]) == (row.stage.name, "技术产品")
    assert seen["rows"][0] == ("适配 AI 芯片", "≥25 款（国产主流≥15 款，海外≥10 款）", "款")
    assert [n for n, _t, _u in seen["rows"]] == ["适配 AI 芯片", "框架兼容通过率", "昇腾算子性能提升",
                                                  "Qwen2.5-7B 推理提速", "超节点适配效率"]
    assert seen["note"].startswith("Already indicator") and seen["unit"] == "%"
    assert seen["codes"] == ["IND-003", "IND-004", "", "", "IND-005"]
    plan = controller.plan()
    added = [i for i in plan.indicators if i.code not in before]
    assert [(i.code, i.name, i.target_text, i.target, i.unit) for i in added] == [
        ("IND-003", "适配 AI 芯片", "≥25 款（国产主流≥15 款，海外≥10 款）", 25, "款"), ("IND-004", "框架兼容通过率", "≥98%", 98, "%"),
        ("IND-005", "超节点适配效率", "≥99.8%（适配耗时≤48 小时 / 节点）", 99.8, "%")]
    assert added[0].evaluation_method == "第三方测试报告" and added[0].rule == "ratio"
    assert all(i.stage_id == row.stage.id and i.module_id == row.module.id for i in added)
    assert plan.cell(row.stage.id, row.module.id).acceptance == ACCEPTANCE.strip()  # the panel's text was kept
    controller.undo_stack.undo()  # the three indicators go in one step; the cell text stays
    assert {i.code for i in controller.plan().indicators} == before
    assert controller.plan().cell(row.stage.id, row.module.id).acceptance == ACCEPTANCE.strip()


def test_the_indicators_tab_opens_it_with_the_cell_chosen_in_the_dialog(window, controller, monkeypatch, qtbot):
    view = window.views.show("indicators")

    def answer(dialog):
        dialog.module.setCurrentIndex(dialog.module.findText("生态建设"))
        assert dialog.table.rowCount() == 0 and "no acceptance indicators" in dialog.source.text()
        dialog._accept_if_valid()
        assert dialog.problem.text() == "Tick at least one line to add."
        return IndicatorsFromCellDialog.Rejected
    monkeypatch.setattr(IndicatorsFromCellDialog, "exec", answer)
    count = controller.undo_stack.count()
    view.from_cell_button.click()
    assert controller.undo_stack.count() == count


def test_a_target_it_cannot_read_and_a_code_taken_are_refused(qtbot, controller):
    plan = controller.plan()
    tp = next(x for x in plan.modules if x.name == "技术产品")
    dialog = IndicatorsFromCellDialog(plan, plan.stages[0].id, tp.id)
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 0).checkState() == Qt.CheckState.Checked
    dialog.table.item(0, TARGET).setText("很多")
    assert "很多" in dialog.problem.text() and dialog.table.item(0, UNIT).text() == ""
    dialog._accept_if_valid()
    assert "cannot be read" in dialog.problem.text() and dialog.result() != IndicatorsFromCellDialog.Accepted
    dialog.table.item(0, TARGET).setText("≥25款")
    dialog.table.item(0, CODE).setText(plan.indicators[0].code)
    dialog._accept_if_valid()
    assert dialog.problem.text() == f"There is already an indicator {plan.indicators[0].code}."
    assert dialog.table.item(0, 0).checkState() == Qt.CheckState.Checked
