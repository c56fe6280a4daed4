"""Each view: edit a cell, undo, redo, save, reopen, and the value is still there."""

from __future__ import annotations

import pytest

from tests.gui.conftest import reopen
from ui.views.indicators import IndicatorModel
from ui.views.okr import OkrModel
from ui.views.raci import RaciModel
from ui.views.roadmap_model import RoadmapModel
from ui.views.task_model import TaskTableModel


def _cell(model, find, key):
    column = next(n for n, c in enumerate(model.columns) if c.key == key)
    row = model.row_of(find(model))
    assert row >= 0
    return model.index(row, column)


def task(code):
    return lambda model: (lambda t: t.code == code)


def roadmap(stage, module):
    return lambda model: (lambda r: r.stage.name == stage and r.module.name == module)


def raci_row(label):
    return lambda model: (lambda r: r.label.strip().startswith(label))


def indicator(name):
    return lambda model: (lambda i: i.name == name)


def team_column(model, name):
    team = next(t for t in model.plan.teams if t.name == name)
    return f"team:{team.id}"


CASES = [
    (TaskTableModel, task("TP-02"), "span", "第5-20周", "第5-20周"),
    (TaskTableModel, task("TP-02"), "span", "2025-03-03 至 2025-04-30", "2025-03-03 至 2025-04-30"),
    (TaskTableModel, task("TP-03"), "deps", "TP-02 30%", "TP-02 30%"),
    (TaskTableModel, task("TP-03"), "deps", "TP-01 SS+2d", "TP-01 SS+2d"),
    (TaskTableModel, task("TP-01"), "progress", "45%", "45%"),
    (TaskTableModel, task("TP-01"), "status", "in_progress", "In progress"),
    (TaskTableModel, task("TP-01"), "roles_text", "架构师×3、算子组工程师×6", "架构师×3、算子组工程师×6"),
    (TaskTableModel, task("EC-01"), "name", "开源基金会注册", "开源基金会注册"),
    (TaskTableModel, task("EC-01"), "code", "EC-09", "EC-09"),
    (RoadmapModel, roadmap("基础建设期", "技术产品"), "scope", "1. 新建设内容", "1. 新建设内容"),
    (RoadmapModel, roadmap("生态扩张期", "生态建设"), "actions", "1. 新行动", "1. 新行动"),
    (RoadmapModel, roadmap("基础建设期", "技术产品"), "span", "0-8 个月", "0-8 个月"),
    (RoadmapModel, roadmap("基础建设期", "生态建设"), "module", "生态与社区", "生态与社区"),
    (RaciModel, raci_row("生态建设"), "cadence", "每周1次同步会", "每周1次同步会"),
    (RaciModel, raci_row("TP-01"), ("team", "生态发展部"), "C", "C"),
    (IndicatorModel, indicator("AI芯片适配数量"), "cumulative_value", "20", "20"),
    (IndicatorModel, indicator("AI芯片适配数量"), "exception_note", "供应商延期", "供应商延期"),
    (IndicatorModel, indicator("昇腾算子性能提升"), "tester", "测试员乙", "测试员乙"),
]


@pytest.mark.parametrize("model_class, find, key, value, expected", CASES,
                         ids=[f"{c[0].__name__}-{c[2] if isinstance(c[2], str) else c[2][1]}-{c[3]}" for c in CASES])
def test_edit_undo_redo_save_reopen(qtbot, controller, plan_path, model_class, find, key, value, expected):
    model = model_class(controller)
    key = team_column(model, key[1]) if isinstance(key, tuple) else key
    before = _cell(model, find, key).data()
    assert before != expected
    assert model.setData(_cell(model, find, key), value), model.last_error
    locate = find  # a renamed row is found by its new name
    if key == "code":
        locate = task(expected)
    if key == "module":
        locate = roadmap("基础建设期", expected)
    assert _cell(model, locate, key).data() == expected
    controller.undo_stack.undo()
    assert _cell(model, find, key).data() == before
    controller.undo_stack.redo()
    assert _cell(model, locate, key).data() == expected
    controller.project.save()
    controller.project.close()
    controller.project = None
    again = reopen(plan_path)
    try:
        assert _cell(model_class(again), locate, key).data() == expected
    finally:
        again.project.close()


def test_okr_key_result_title_round_trip(qtbot, controller, plan_path):
    model = OkrModel(controller)
    objective = model.index(0, 0)
    kr = model.index(0, 0, objective)
    assert model.setData(kr, "适配 30 款芯片")
    assert model.index(0, 0, model.index(0, 0)).data() == "KR1 适配 30 款芯片"
    controller.undo_stack.undo()
    assert model.index(0, 0, model.index(0, 0)).data() == "KR1 适配 25 款芯片"
    controller.undo_stack.redo()
    controller.project.save()
    controller.project.close()
    controller.project = None
    again = reopen(plan_path)
    try:
        reopened = OkrModel(again)
        assert reopened.index(0, 0, reopened.index(0, 0)).data() == "KR1 适配 30 款芯片"
    finally:
        again.project.close()


@pytest.mark.parametrize("model_class", [TaskTableModel, RoadmapModel, RaciModel, IndicatorModel, OkrModel])
def test_models_pass_qtmodeltester(qtbot, qtmodeltester, controller, model_class):
    model = model_class(controller)
    qtmodeltester.check(model, force_py=True)
    if hasattr(model, "sort"):
        model.sort(0)
        qtmodeltester.check(model, force_py=True)
