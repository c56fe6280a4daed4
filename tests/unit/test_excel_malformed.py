"""Malformed data (RELIABILITY-MATRIX F1-F8): one report listing every bad cell; nothing imported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from planner import model as m
from planner.document import Project
from planner.dump import dump_project
from planner.errors import ImportRejected
from planner.excel import values as cv
from planner.excel.apply import apply_import
from planner.excel.export import export_template
from planner.excel.preview import ImportOptions, read_workbooks
from planner.plan import load_plan

START = dt.date(2025, 1, 6)


def _book(tmp_path: Path, rows: list[list], name: str = "t.xlsx", title: str = "任务", epoch_1904: bool = False) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    if epoch_1904:
        from openpyxl.utils.datetime import CALENDAR_MAC_1904

        wb.epoch = CALENDAR_MAC_1904
    for row in rows:
        ws.append(row)
    path = tmp_path / name
    wb.save(path)
    return path


HEADER = ["任务ID", "建设内容", "开始日期", "结束日期", "进度", "工期(工作日)"]


def test_every_bad_cell_is_listed_and_nothing_is_imported(tmp_path):
    """F1: text in number/date columns, European numbers, booleans, NaN, negative durations, a blank ID.

    A blank 建设内容 is allowed (a task not yet described); a blank task ID is not."""
    path = _book(tmp_path, [
        HEADER,
        ["TP-01", "ok", "2025-01-06", "2025-01-31", "50%", "1,234"],
        ["TP-02", "bad date", "待定", "2025-01-31", 0.5, 3],
        ["TP-03", "bad progress", "2025-01-06", "2025-01-31", "很多", 3],
        ["TP-04", "euro number", "2025-01-06", "2025-01-31", 0.1, "1.234,5"],
        ["TP-05", "bool", "2025-01-06", "2025-01-31", True, 3],
        ["TP-06", "nan", "2025-01-06", "2025-01-31", 0.1, "nan"],
        ["TP-07", "over 100%", "2025-01-06", "2025-01-31", "150%", 2],
        [None, "no task ID", "2025-01-06", "2025-01-31", 0.1, 2],
        ["TP-09", "ends before it starts", "2025-02-06", "2025-01-31", 0.1, 2],
    ])
    project = Project.new("p", START)
    before = dump_project(project)
    preview = read_workbooks([path], project.read(load_plan), ImportOptions(strict=True))
    bad = {(p.row, p.column) for p in preview.problems.errors}
    assert bad == {(3, "C"), (4, "E"), (5, "F"), (6, "E"), (7, "F"), (8, "E"), (9, "A"), (10, "D")}
    for problem in preview.problems.errors:
        assert problem.sheet.endswith("任务") and problem.message
    assert next(p for p in preview.problems.errors if p.row == 3).value == "待定"
    with pytest.raises(ImportRejected):
        project.run(apply_import, preview)
    assert dump_project(project) == before  # O4
    # Without --strict a cell never refuses the workbook: each bad cell is a located warning
    # and its row imports without that field; the row without an ID gets one.
    preview = read_workbooks([path], project.read(load_plan))
    assert preview.ok, [str(p) for p in preview.problems.errors]
    places = {(p.row, p.column) for p in preview.problems.items if p.code in ("cell_unreadable", "end_before_start", "id_made")}
    assert places == bad
    tasks = {k[0]: r.values for k, r in preview.records.of(m.Task).items()}
    assert len(tasks) == 9 and tasks["TP-02"]["start_date"] == tasks["TP-02"]["end_date"] == dt.date(2025, 1, 31)
    assert tasks["TP-03"].get("progress", 0) == 0 and tasks["TP-09"]["start_date"] is None
    assert any(t["name"] == "no task ID" for t in tasks.values())
    project.run(apply_import, preview)
    assert len(project.read(load_plan).tasks) == 9
    project.close()


def test_ids_with_nbsp_and_full_width_dashes_are_normalised(tmp_path):
    path = _book(tmp_path, [HEADER, ["TP\u201101\u00a0", "x", "2025-01-06", "2025-01-31", 0, None]])
    preview = read_workbooks([path])
    assert preview.ok
    assert [c.key for c in preview.changes if c.action == "add" and c.table.__name__ == "Task"] == [("TP-01",)]


def test_merged_group_cells_fill_their_rows_and_data_merges_are_reported(tmp_path):
    """F2: a merged stage applies to each row; a merged cell in a data column is reported with its range."""
    wb = Workbook()
    ws = wb.active
    ws.append(["阶段", "模块", "建设内容", "具体行动", "量化验收指标", "评估方法"])
    ws.append(["基础建设期", "技术产品", "a", "x", "≥1", "m"])
    ws.append([None, "生态建设", "b", None, "≥2", "m"])
    ws.merge_cells("A2:A3")
    ws.merge_cells("D2:D3")
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    preview = read_workbooks([path])
    cells = {k: r.values for k, r in preview.records.by_table[__import__("planner.model").model.RoadmapCell].items()}
    assert set(cells) == {(("基础建设期",), ("技术产品",)), (("基础建设期",), ("生态建设",))}
    merged = [p for p in preview.problems.items if "merged cells in a data column" in p.message]
    assert merged and merged[0].value == "D2:D3"


def test_header_problems_are_reported_and_tolerated(tmp_path):
    """F3: header on row 3, reordered and renamed columns, an extra column, a missing required column."""
    path = _book(tmp_path, [
        ["任务清单"], [],
        ["起止时间", "备注说明X", "Task ID", "任务名称"],
        ["第1-2周", "extra", "TP-01", "a"],
    ])
    preview = read_workbooks([path])
    assert preview.ok
    assert any(p.message == "column not recognised; ignored" and p.value == "备注说明X" for p in preview.problems.items)
    missing = _book(tmp_path, [["任务ID", "起止时间", "进度"], ["TP-01", "第1-2周", 0]], name="m.xlsx")
    preview = read_workbooks([missing])
    assert not preview.ok  # nothing to import: the sheet says why, at its best header row
    why = next(p for p in preview.problems.items if p.code == "no_table")
    assert why.row == 1 and "A 任务ID→Task ID" in why.message and "(任务名称 / Task)" in why.message


def test_dates_in_every_form_and_the_edge_cases(tmp_path):
    """F4: 1904 workbooks, text dates in several forms, serial 60 and ambiguous day/month refused."""
    path = _book(tmp_path, [HEADER, ["TP-01", "x", dt.date(2025, 3, 28), dt.date(2025, 4, 11), 0, None]], epoch_1904=True)
    preview = read_workbooks([path])
    task = preview.records.by_table[__import__("planner.model").model.Task][("TP-01",)].values
    assert (task["start_date"], task["end_date"]) == (dt.date(2025, 3, 28), dt.date(2025, 4, 11))
    for text in ("2025-03-28", "2025/03/28", "2025.03.28", "2025年3月28日", "28/03/2025", 45744):
        assert cv.read_date(text) == dt.date(2025, 3, 28), text
    assert cv.read_date("1899-12-01") == dt.date(1899, 12, 1)
    for bad in (60, "04/05/2025", "2025-02-30", "soon"):
        with pytest.raises(cv.CellError):
            cv.read_date(bad)


def test_duplicate_and_dangling_ids_are_reported(tmp_path):
    """F5 duplicate IDs, F6 unknown predecessors, H1 cycles: all listed, nothing imported."""
    path = _book(tmp_path, [
        ["任务ID", "建设内容", "起止时间", "依赖项"],
        ["TP-01", "a", "第1-2周", "TP-03"],
        ["TP-01", "again", "第1-2周", "无"],
        ["TP-02", "b", "第3-4周", "TP-09完成"],
        ["TP-03", "c", "第3-4周", "TP-01"],
    ])
    preview = read_workbooks([path])
    messages = [str(p) for p in preview.problems.errors]
    assert any("duplicate" in m and "TP-01" in m for m in messages)
    assert any("unknown predecessor TP-09" in m and "D4" in m for m in messages)
    assert any("cycle" in m and "TP-01" in m and "TP-03" in m for m in messages)


def test_control_characters_and_over_long_text_are_normalised_with_a_report(tmp_path):
    """F7: XML-escaped control characters are removed; text over 32,767 characters is cut and reported."""
    from tests.data.make_workbooks import _base_xlsx, _sheet_xml, rewrite, _ROW1

    long_text = "长" * 40_000
    body = _ROW1 + (f'<row r="2"><c r="A2" t="inlineStr"><is><t>TP-01</t></is></c><c r="B2" t="inlineStr"><is><t>a_x0007_b</t></is></c>'
                    f'<c r="C2" t="inlineStr"><is><t>第1-2周</t></is></c></row>'
                    f'<row r="3"><c r="A3" t="inlineStr"><is><t>TP-02</t></is></c><c r="B3" t="inlineStr"><is><t>{long_text}</t></is></c>'
                    f'<c r="C3" t="inlineStr"><is><t>第1-2周</t></is></c></row>')
    path = tmp_path / "f7.xlsx"
    path.write_bytes(rewrite(_base_xlsx(), {"xl/worksheets/sheet1.xml": _sheet_xml(body)}))
    preview = read_workbooks([path])
    tasks = preview.records.by_table[__import__("planner.model").model.Task]
    assert "\x07" not in tasks[("TP-01",)].values["name"]
    assert len(tasks[("TP-02",)].values["name"]) == cv.MAX_TEXT
    assert any("longer than 32767" in p.message and p.row == 3 for p in preview.problems.items)
    assert any("control characters were removed" in p.message and p.row == 2 and p.column == "B"
               for p in preview.problems.items)


def test_computed_columns_without_cached_values_are_recomputed_not_read_as_zero(tmp_path):
    """F8: the app's own template, never opened in Excel, has no cached 达成率: the rate is ignored."""
    from planner.samples import sample_path

    source = Project.open(sample_path("flagos"), read_only=True)
    plan = source.read(load_plan)
    source.close()
    path = tmp_path / "stats.xlsx"
    export_template(plan, "stats", path)
    preview = read_workbooks([path], plan)
    assert preview.ok and preview.changes == []
    blank = [r for r in plan.readings if r.cumulative_value is None]
    for reading in blank:  # a blank stays blank: never 0
        key = ((plan.indicator_by_id[reading.indicator_id].code,), reading.period)
        assert preview.records.by_table[type(reading)][key].values["cumulative_value"] is None


_CELL = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12), st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(), st.dates(dt.date(1901, 1, 1), dt.date(2200, 1, 1)), st.none(),
    st.sampled_from(["1,234", "1.234,5", "50%", "第1-8周", "W3-W5", "无", "TP-01", "🔴高", "2025/03/28", " TP-02 "]),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(_CELL, min_size=6, max_size=6), min_size=1, max_size=6))
def test_any_cell_values_give_a_preview_never_an_exception(tmp_path, rows):
    """F1 property: whatever the cells hold, the importer returns a preview with placed problems."""
    path = _book(tmp_path, [["任务ID", "建设内容", "起止时间", "依赖项", "进度", "优先级"], *rows], name="h.xlsx")
    preview = read_workbooks([path], None, ImportOptions(programme_start=START))
    for problem in preview.problems.errors:
        assert problem.message
