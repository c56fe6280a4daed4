"""Our own MS Project XML reads back as the same plan, and MPXJ reads it as we wrote it."""

from __future__ import annotations

import re

import pytest

from planner import model as m
from planner.document import Project
from planner.dump import dump_plan
from planner.excel.apply import apply_import
from planner.interop import mspdi
from planner.interop.formats import read_preview
from planner.plan import load_plan
from tests.unit.interop import mpxj_view
from tests.unit.interop.conftest import SAMPLES

SAMPLE_FILES = sorted(SAMPLES.glob("*.plan"))


def _plan(path):
    project = Project.open(path, read_only=True)
    try:
        return project.read(load_plan)
    finally:
        project.close()


def _import_new(xml):
    preview = read_preview([xml], None)
    assert preview.ok, preview.problems.items
    cover = preview.records.get(m.Programme, ()).values
    project = Project.new(cover["name"], cover["start_date"])
    try:
        project.run(apply_import, preview)
        return project.read(load_plan), preview
    finally:
        project.close()


@pytest.fixture(scope="module", params=SAMPLE_FILES, ids=lambda p: p.stem)
def exported(request, tmp_path_factory):
    plan = _plan(request.param)
    xml = tmp_path_factory.mktemp("mspdi") / f"{request.param.stem}.xml"
    assert mspdi.write(plan, xml) == []
    return plan, xml


def test_our_export_reads_back_as_the_same_plan(exported):
    plan, xml = exported
    back, preview = _import_new(xml)
    assert not preview.problems.items
    assert dump_plan(back) == dump_plan(plan)  # ids too: the same rows in the same order


def test_reading_our_export_into_its_own_plan_changes_nothing(exported):
    plan, xml = exported
    preview = read_preview([xml], plan)
    assert preview.ok and preview.counts() == {"add": 0, "change": 0, "remove": 0, "skip": 0, "conflicts": 0,
                                               "errors": 0, "warnings": 0}


def test_mpxj_reads_our_export_as_the_plan(exported):
    plan, xml = exported
    seen, info = mpxj_view.read(xml)
    assert info["title"] == plan.programme.name
    tasks = {s.ext.get("任务ID Task ID"): s for s in seen if "任务ID Task ID" in s.ext}
    assert set(tasks) == {t.code for t in plan.tasks}
    by_id = {t.id: t for t in plan.tasks}
    uid_code = {s.uid: code for code, s in tasks.items()}
    for t in plan.tasks:
        s = tasks[t.code]
        assert s.name == (t.name or t.code)
        if t.start_date is not None:
            assert s.start.date() == t.start_date
            assert s.finish.date() == (t.start_date if t.is_milestone else t.end_date)
        depth, parent = 1, t.parent_id
        while parent is not None:
            depth, parent = depth + 1, by_id[parent].parent_id
        assert s.outline_level == depth
        module = plan.module_by_id[t.module_id].name if t.module_id else None
        assert s.ext.get("模块 Module") == module
        preds = sorted(by_id[d.predecessor_id].code for d in plan.predecessors_of.get(t.id, []))
        assert sorted(uid_code[u] for u, _k, _lag in s.links) == preds
    roadmap = [s for s in seen if s.uid > len(plan.tasks)]
    assert [s.name for s in roadmap] == [x.name for x in plan.milestones]
    assert all(s.milestone for s in roadmap)


def test_a_threshold_link_is_ms_projects_start_to_start_with_a_percent_lag(tmp_path):
    plan = _plan(SAMPLES / "flagos.plan")
    threshold = next(d for d in plan.dependencies if d.threshold < 1)
    xml = tmp_path / "f.xml"
    mspdi.write(plan, xml)
    seen, _info = mpxj_view.read(xml)
    succ = next(s for s in seen if s.ext.get("任务ID Task ID") == plan.task_by_id[threshold.successor_id].code)
    assert (succ.links[0][1], succ.links[0][2]) == ("SS", round(threshold.threshold * 100))
    assert "30%" in succ.ext["依赖项 Dependencies"]


def test_an_edit_made_in_ms_project_wins_over_what_we_wrote(tmp_path):
    """The PMO moved TP-02 by a week and set it 50% done: the preview shows exactly that."""
    plan = _plan(SAMPLES / "flagos.plan")
    xml = tmp_path / "f.xml"
    mspdi.write(plan, xml)
    text = xml.read_text(encoding="utf-8")
    tp02 = plan.task_by_code["TP-02"]
    block = re.search(r"<Task>\s*<UID>2</UID>.*?</Task>", text, re.S).group(0)
    edited = block.replace(f"<PercentComplete>{round(tp02.progress * 100)}</PercentComplete>",
                           "<PercentComplete>50</PercentComplete>")
    assert edited != block
    xml.write_text(text.replace(block, edited), encoding="utf-8")
    preview = read_preview([xml], plan)
    assert [(c.key, sorted(c.fields)) for c in preview.changes] == [(("TP-02",), ["progress"])]  # still in progress
    change = preview.changes[0].fields
    assert change["progress"] == (tp02.progress, 0.5)


def test_notes_names_and_odd_characters_survive(tmp_path):
    plan = _plan(SAMPLES / "flagos.plan")
    task = plan.tasks[0]
    task.name = "  名称 <a & b> \"q\" ’ "
    task.notes = "line 1\r\nline 2\n\tindented \x0b"  # a vertical tab has no place in XML: dropped
    xml = tmp_path / "f.xml"
    mspdi.write(plan, xml)
    reading = mspdi.read(xml)
    record = reading.records.get(m.Task, (task.code,))
    assert record.values["name"] == task.name
    assert record.values["notes"] == "line 1\r\nline 2\n\tindented "


def test_a_generated_plan_with_every_link_kind_reads_back_the_same(tmp_path):
    """Links of all four types with leads and lags in days and weeks, head-counts, RACI, milestones."""
    from benchmarks.generate import generate_plan

    plan = _plan(generate_plan(tmp_path / "g.plan", 400, seed=7))
    xml = tmp_path / "g.xml"
    mspdi.write(plan, xml)
    back, preview = _import_new(xml)
    assert not preview.problems.items
    assert dump_plan(back, natural=True) == dump_plan(plan, natural=True)
    assert {d.type for d in plan.dependencies} == {"FS", "SS", "FF", "SF"}


def test_chinese_holidays_and_make_up_workdays_are_calendar_exceptions_mpxj_schedules_with(tmp_path):
    """The Spring Festival 2025 (01-28 .. 02-04) is off; Sunday 01-26 and Saturday 02-08 are worked (调休)."""
    import datetime as dt

    import jpype

    plan = _plan(SAMPLES / "flagos.plan")
    xml = tmp_path / "f.xml"
    mspdi.write(plan, xml)
    assert "<Name>春节</Name>" in xml.read_text(encoding="utf-8")
    mpxj_view.read(xml)  # the Java VM is up
    project = jpype.JClass("org.mpxj.reader.UniversalProjectReader")().read(str(xml))
    calendar = project.getDefaultCalendar()
    day = jpype.JClass("java.time.LocalDate")
    working = {d: bool(calendar.isWorkingDate(day.of(d.year, d.month, d.day)))
               for d in (dt.date(2025, 1, 27), dt.date(2025, 1, 29), dt.date(2025, 2, 4), dt.date(2025, 1, 26),
                         dt.date(2025, 2, 8), dt.date(2025, 2, 9))}
    assert working == {dt.date(2025, 1, 27): True, dt.date(2025, 1, 29): False, dt.date(2025, 2, 4): False,
                       dt.date(2025, 1, 26): True, dt.date(2025, 2, 8): True, dt.date(2025, 2, 9): False}
