"""Indicators proposed from a roadmap cell's 量化验收指标: one per figure, targets as written, existing ones unticked."""

from __future__ import annotations

from planner.indicators.from_cell import next_codes, propose, renumber
from planner.samples import flagos_data as data


def test_the_flagos_technology_cell_gives_five_indicators_with_methods_and_sources():
    _stage, _module, _scope, _actions, acceptance, method, source = data.CELLS[0]
    got = propose(acceptance, evaluation_method=method, data_source=source, taken_codes={"IND-007"},
                  extra={"module_id": 1, "stage_id": 2})
    assert [(p.number, p.code, p.name) for p in got] == [
        (1, "IND-008", "适配 AI 芯片"), (2, "IND-009", "框架兼容通过率"), (3, "IND-010", "昇腾算子性能提升"),
        (3, "IND-011", "Qwen2.5-7B 推理提速"), (4, "IND-012", "超节点适配效率")]
    first = got[0]
    assert first.target_text == "≥25 款（国产主流≥15 款，海外≥10 款）"
    assert (first.target.value, first.target.unit, first.target.direction) == (25, "款", "higher")
    assert first.evaluation_method.startswith("第三方测试机构") and first.data_source.startswith("适配测试报告存档库")
    assert first.fields()["module_id"] == 1 and first.fields()["rule"] == "ratio"


def test_lines_without_a_figure_and_indicators_already_there_are_shown_unticked():
    got = propose("1. 通过评审\n2. 响应时间≤4 小时\n3. 满意度≥85%", existing={"满意度": "IND-001"},
                  taken_codes={"IND-001"})
    assert [(p.name, p.checked, p.addable, p.code) for p in got] == [
        ("通过评审", False, False, ""), ("响应时间", True, True, "IND-002"), ("满意度", False, True, "")]
    assert got[1].target.direction == "lower" and got[1].target.unit == "小时"
    assert got[0].problem and got[2].problem
    got[2].checked = True
    got[1].checked = False
    renumber(got, {"IND-001"})
    assert [p.code for p in got] == ["", "", "IND-002"]


def test_next_codes_follow_the_highest_number():
    assert next_codes({"IND-003", "KPI-9", "IND-010"}, 2) == ["IND-011", "IND-012"]
    assert next_codes(set(), 1) == ["IND-001"]
