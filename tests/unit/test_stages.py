"""Stage spans in every notation tasks accept, and tasks that run outside their stage."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from planner import i18n
from planner import model as m
from planner.document import Project
from planner.errors import ParseError
from planner.plan import load_plan
from planner.services.stage_span import set_stage_span
from planner.stages import parse_stage_span, stage_dates, stage_span_text, tasks_outside_stage

START = dt.date(2025, 1, 6)  # a Monday: week 1


def _stage(**fields) -> m.Stage:
    return m.Stage(name="基础建设期", **fields)


@pytest.mark.parametrize("typed, fields, shown", [
    ("第1-8周", dict(start_date=dt.date(2025, 1, 6), end_date=dt.date(2025, 3, 2)), "第1-8周"),
    ("W1-W8", dict(start_date=dt.date(2025, 1, 6), end_date=dt.date(2025, 3, 2)), "第1-8周"),
    ("weeks 3-4", dict(start_date=dt.date(2025, 1, 20), end_date=dt.date(2025, 2, 2)), "第3-4周"),
    ("第8周", dict(start_date=dt.date(2025, 2, 24), end_date=dt.date(2025, 3, 2)), "第8周"),
    ("0-6 个月", dict(start_month=0, end_month=6), "0-6 个月"),
    ("6-18个月", dict(start_month=6, end_month=18), "6-18 个月"),
    ("M1-M6", dict(start_month=0, end_month=6), "0-6 个月"),
    ("0-2 months", dict(start_month=0, end_month=2), "0-2 个月"),
    ("2025-01-27 至 2025-03-10", dict(start_date=dt.date(2025, 1, 27), end_date=dt.date(2025, 3, 10)),
     "2025-01-27 至 2025-03-10"),
    ("2025年1月27日 至 2025年3月10日", dict(start_date=dt.date(2025, 1, 27), end_date=dt.date(2025, 3, 10)),
     "2025-01-27 至 2025-03-10"),
    ("2025/01/27 to 2025/03/10", dict(start_date=dt.date(2025, 1, 27), end_date=dt.date(2025, 3, 10)),
     "2025-01-27 至 2025-03-10"),
])
def test_a_stage_span_is_read_in_every_task_notation_and_shown_back_as_written(typed, fields, shown):
    parsed = parse_stage_span(typed, START)
    expected = {**dict(start_month=None, end_month=None, start_date=None, end_date=None), **fields}
    assert parsed == expected
    assert stage_span_text(_stage(**parsed), START) == shown


def test_an_empty_span_clears_the_stage():
    assert parse_stage_span("  ", START) == dict(start_month=None, end_month=None, start_date=None, end_date=None)


@pytest.mark.parametrize("typed, key", [
    ("第8-1周", "stage_span_order"),
    ("第0-4周", "stage_span_order"),
    ("6-2 个月", "stage_span_order"),
    ("2025-02-30 至 2025-03-10", "stage_span_date"),
    ("2025-03-10 至 2025-01-27", "stage_span_date"),
    ("下个季度", "stage_span_unreadable"),
    ("0-6", "stage_span_unreadable"),  # months or weeks? refused rather than guessed
    ("第1-99999999周", "stage_span_range"),
])
def test_a_refused_span_names_the_text_and_says_why(typed, key):
    with pytest.raises(ParseError) as caught:
        parse_stage_span(typed, START)
    assert caught.value.key == key
    assert caught.value.where == typed
    assert f"“{typed}”" in caught.value.message


def test_the_refusal_is_in_chinese_when_the_core_speaks_chinese():
    i18n.set_language("zh_CN")
    try:
        with pytest.raises(ParseError) as caught:
            parse_stage_span("下个季度", START)
    finally:
        i18n.set_language("en")
    assert caught.value.message.startswith("无法识别阶段时间跨度“下个季度”")


def test_dates_that_are_not_whole_weeks_stay_dates():
    stage = _stage(start_date=dt.date(2025, 1, 6), end_date=dt.date(2025, 2, 28))  # Monday to Friday
    assert stage_span_text(stage, START) == "2025-01-06 至 2025-02-28"


def test_month_stages_cover_calendar_months():
    assert stage_dates(_stage(start_month=0, end_month=2), START) == (dt.date(2025, 1, 6), dt.date(2025, 3, 5))


def _plan_with(tmp_path, stage_fields: dict, tasks: list[tuple[str, int, int]]):
    project = Project.create(tmp_path / "p.plan", "P", START)
    with project.session() as s:
        stage = m.Stage(order=0, name="基础建设期", **stage_fields)
        s.add(stage)
        s.flush()
        for code, first, last in tasks:
            s.add(m.Task(code=code, stage_id=stage.id, start_date=START + dt.timedelta(days=7 * (first - 1)),
                         end_date=START + dt.timedelta(days=7 * last - 1)))
    return project


def test_a_task_outside_its_stage_is_found_with_a_message_naming_both(tmp_path):
    project = _plan_with(tmp_path, dict(start_month=0, end_month=2), [("TP-01", 1, 8), ("TP-02", 13, 16)])
    found = tasks_outside_stage(project.read(load_plan))
    project.close()
    assert [(f.task_code, f.code) for f in found] == [("TP-02", "outside_stage")]
    assert found[0].message == ("Task TP-02 (第13-16周) runs outside its stage 基础建设期 "
                                "(0-2 个月, 2025-01-06 至 2025-03-05).")


def test_four_week_months_fit_month_stages(tmp_path):
    """FlagOS writes 6-18 个月 for tasks 第25-72周 (a month read as four weeks)."""
    project = _plan_with(tmp_path, dict(start_month=6, end_month=18), [("TP-05", 25, 72), ("TP-09", 20, 30)])
    found = [f.task_code for f in tasks_outside_stage(project.read(load_plan))]
    project.close()
    assert found == ["TP-09"]


def test_the_service_stores_a_typed_span_and_undo_restores_the_old_one(tmp_path):
    project = _plan_with(tmp_path, dict(start_month=0, end_month=6), [])
    stage_id = project.read(load_plan).stages[0].id
    changes = project.run(set_stage_span, stage_id, "第1-8周")
    stage = project.read(load_plan).stages[0]
    assert (stage.start_month, stage.start_date, stage.end_date) == (None, dt.date(2025, 1, 6), dt.date(2025, 3, 2))
    from planner.services.generic import undo
    project.run(undo, changes.undo)
    stage = project.read(load_plan).stages[0]
    project.close()
    assert (stage.start_month, stage.end_month, stage.start_date) == (0, 6, None)


def test_planner_validate_warns_about_tasks_outside_their_stage(tmp_path):
    project = _plan_with(tmp_path, dict(start_month=0, end_month=2), [("TP-02", 13, 16)])
    project.save()
    project.close()
    done = subprocess.run([sys.executable, "-m", "planner", "validate", str(tmp_path / "p.plan"), "--json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr  # a warning, not an error
    findings = json.loads(done.stdout)
    assert [(f["level"], f["kind"], f["where"]) for f in findings] == [("warning", "outside_stage", "Task TP-02")]
