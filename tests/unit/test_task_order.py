"""The order a user sees: a sheet's rows keep their order in the task matrix, and outline edits,
moves and new tasks change only the rows they are about (top-level tasks are one list across
modules, as the task matrix shows them)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

from planner import model as m
from planner.document import Project
from planner.excel.apply import apply_import
from planner.excel.preview import read_workbooks
from planner.plan import load_plan
from planner.services import generic, outline, structure, tasks

DATA = Path(__file__).resolve().parents[1] / "data"
ROOT = Path(__file__).resolve().parents[2]
START = dt.date(2025, 1, 6)


def _shown(p) -> list[str]:
    plan = p.read(load_plan)
    return [plan.task_by_id[t].code for t in plan.outline.order]


def _imported(paths) -> tuple[list, Project]:
    preview = read_workbooks(paths)
    assert preview.ok, [str(e) for e in preview.problems.errors]
    p = Project.new("imported", preview.earliest or START)
    p.run(apply_import, preview)
    return list(preview.records.of(m.Task).values()), p


def _siblings_in(codes: list[str], parent_of: dict) -> dict:
    out: dict = {}
    for code in codes:
        out.setdefault(parent_of[code], []).append(code)
    return out


WITH_TASKS = ["tasks_grouped_by_module.xlsx", "master_many_sheets.xlsx", "english_headers.xlsx",
              *(f"real/{p.name}" for p in sorted((DATA / "real").glob("*.xlsx"))
                if p.name in {"进度计划表_chennxL.xlsx", "vertex42_google_sheets_gantt.xlsx", "kingsrf_wbs.xlsx",
                              "wbs_larryho.xlsx", "开发计划_alphonso64.xlsx", "raci_alifchow.xlsx",
                              "任务分配表_taoqi.xlsx", "甘特图_zhongkunyu.xlsx", "项目进度计划_305team.xlsx"})]


@pytest.mark.parametrize("name", WITH_TASKS)
def test_an_imported_sheet_keeps_its_rows_order_in_the_task_matrix(name):
    """Under each summary, and at the top level across modules, tasks come in the sheet's order
    (a plan sheet grouped by module used to come in as TP-01, EC-01, TP-02 ...)."""
    records, p = _imported([DATA / name])
    try:
        sheet = [r.values["code"] for r in records]
        parent_of = {r.values["code"]: (r.values.get("parent_id") or (None,))[0] for r in records}
        assert _siblings_in(_shown(p), parent_of) == _siblings_in(sheet, parent_of)
    finally:
        p.close()


def test_a_number_column_that_starts_again_in_each_section_keeps_the_sheet_order(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "任务"
    sheet.append(["序号", "模块", "任务ID", "建设内容", "开始日期", "结束日期"])
    rows = [(1, "技术产品", "TP-01"), (2, "技术产品", "TP-02"), (3, "技术产品", "TP-03"),
            (1, "生态建设", "EC-01"), (2, "生态建设", "EC-02")]
    for n, module, code in rows:
        sheet.append([n, module, code, f"任务 {code}", dt.date(2025, 1, 6), dt.date(2025, 1, 10)])
    path = tmp_path / "numbered.xlsx"
    book.save(path)
    _, p = _imported([path])
    try:
        assert _shown(p) == ["TP-01", "TP-02", "TP-03", "EC-01", "EC-02"]
    finally:
        p.close()


def test_a_number_column_numbering_the_whole_list_is_the_order(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "任务ID", "建设内容", "开始日期", "结束日期"])
    for n, code in ((2, "A-1"), (1, "A-2"), (3, "A-3")):
        sheet.append([n, code, f"任务 {code}", dt.date(2025, 1, 6), dt.date(2025, 1, 10)])
    path = tmp_path / "ordered.xlsx"
    book.save(path)
    _, p = _imported([path])
    try:
        assert _shown(p) == ["A-2", "A-1", "A-3"]
    finally:
        p.close()


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "flagos.plan"
    shutil.copy(ROOT / "resources" / "samples" / "flagos.plan", path)
    p = Project.open(path)
    yield p
    p.close()


def _id(p, code):
    return p.read(load_plan).task_by_code[code].id


def test_indent_and_outdent_leave_every_other_row_where_it_was(sample):
    before = _shown(sample)
    sample.run(outline.indent_tasks, [_id(sample, "TP-02")])
    assert _shown(sample) == before  # TP-02 went under TP-01; no row moved
    assert sample.read(load_plan).task_by_code["TP-02"].parent_id == _id(sample, "TP-01")
    sample.run(outline.outdent_tasks, [_id(sample, "TP-02")])
    assert _shown(sample) == before


def test_undoing_an_indent_restores_the_orders(sample):
    orders = {t.code: (t.parent_id, t.order) for t in sample.read(load_plan).tasks}
    changes = sample.run(outline.indent_tasks, [_id(sample, "EC-02")])
    sample.run(generic.undo, changes.undo)
    assert {t.code: (t.parent_id, t.order) for t in sample.read(load_plan).tasks} == orders


def test_a_task_added_after_the_selected_one_goes_right_below_it_at_its_level(sample):
    before = _shown(sample)
    new = sample.run(tasks.add_task, "TP-07", start=START, end=START + dt.timedelta(days=4),
                     module_id=sample.read(load_plan).task_by_code["TP-04"].module_id, after=_id(sample, "TP-04"))
    at = before.index("TP-04") + 1
    assert _shown(sample) == before[:at] + ["TP-07"] + before[at:]
    sample.run(generic.undo, new.undo)
    assert _shown(sample) == before


def test_a_task_added_after_a_sub_task_goes_under_the_same_summary(sample):
    sample.run(outline.indent_tasks, [_id(sample, "TP-02"), _id(sample, "TP-03")])
    before = _shown(sample)
    sample.run(tasks.add_task, "TP-08", after=_id(sample, "TP-02"))
    plan = sample.read(load_plan)
    assert plan.task_by_code["TP-08"].parent_id == _id(sample, "TP-01")
    assert _shown(sample) == before[:2] + ["TP-08"] + before[2:]  # TP-01, TP-02, TP-08, TP-03 ...


def test_moving_a_top_level_task_up_passes_the_row_above_whatever_its_module(sample):
    before = _shown(sample)
    at = before.index("EC-01")
    sample.run(tasks.move_task, _id(sample, "EC-01"), at - 1)
    assert _shown(sample) == before[:at - 1] + ["EC-01", before[at - 1]] + before[at + 1:]


def test_a_task_given_another_module_keeps_its_row(sample):
    before = _shown(sample)
    ec = sample.read(load_plan).task_by_code["EC-01"].module_id
    at = before.index("TP-02")
    sample.run(tasks.move_task, _id(sample, "TP-02"), at, module_id=ec)
    assert _shown(sample) == before
    assert sample.read(load_plan).task_by_code["TP-02"].module_id == ec


def test_new_tasks_without_a_place_go_last_in_a_new_plan(tmp_path):
    p = Project.new("order", START)
    try:
        tp = p.run(structure.add_module, "技术产品", "TP").created
        ec = p.run(structure.add_module, "生态建设", "EC").created
        for code, module in (("TP-01", tp), ("EC-01", ec), ("TP-02", tp)):
            p.run(tasks.add_task, code, module_id=module)
        assert _shown(p) == ["TP-01", "EC-01", "TP-02"]  # in the order they were made
    finally:
        p.close()


def test_inserting_into_a_long_list_rewrites_only_the_rows_that_must_move():
    """A task added or moved in the middle of a 300-task top level writes itself (and the few rows
    whose order had to go up), not the 150 rows below it: an edit's cost does not grow with the plan."""
    p = Project.new("long", START)
    try:
        ids = [p.run(tasks.add_task, f"T-{n:03}").created for n in range(300)]
        before = _shown(p)
        made = []
        for n in range(4):  # four times right below the same task: each goes right below it
            changes = p.run(tasks.add_task, f"N-{n}", after=ids[150])
            assert len(changes.undo.entries) <= 1 + 2 * n
            made.insert(0, f"N-{n}")
        assert _shown(p) == before[:151] + made + before[151:]
        moved = p.run(tasks.move_task, ids[280], 10)
        assert len(moved.undo.entries) <= 2
        assert _shown(p).index("T-280") == 10
    finally:
        p.close()


def test_a_task_moved_to_the_top_goes_first_without_a_negative_order(sample):
    before = _shown(sample)
    for code in ("EC-02", "BM-01"):
        sample.run(tasks.move_task, _id(sample, code), 0)
    assert _shown(sample) == ["BM-01", "EC-02"] + [c for c in before if c not in ("EC-02", "BM-01")]
    assert min(t.order for t in sample.read(load_plan).tasks) >= 0
