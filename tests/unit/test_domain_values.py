"""H4: inconsistent values (start after finish, negative duration, progress over 100%, dates out of
range) are refused with a validation error naming the task and field; nothing reaches the file."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import select

from planner import model as m

from planner.document import Project
from planner.dump import dump_project
from planner.errors import ValidationError
from planner.services import bulk, tasks
from planner.services.fields import DATE_MAX, DATE_MIN

START = dt.date(2025, 1, 6)
END = dt.date(2025, 2, 28)

inside = st.dates(DATE_MIN, DATE_MAX)
outside = st.one_of(st.dates(dt.date(1, 1, 1), DATE_MIN - dt.timedelta(days=1)),
                    st.dates(DATE_MAX + dt.timedelta(days=1), dt.date(9999, 12, 31)))


@st.composite
def bad_edit(draw):
    """(fields, the field a message must name) for one inconsistent edit of TP-01 (START..END)."""
    kind = draw(st.sampled_from(["start_after_end", "negative_duration", "progress", "out_of_range",
                                 "actual_order", "not_a_number"]))
    if kind == "start_after_end":
        start = draw(inside.filter(lambda d: d > END))
        return {"start_date": start}, "start"
    if kind == "negative_duration":
        return {"duration_days": draw(st.integers(max_value=-1))}, "duration_days"
    if kind == "progress":
        value = draw(st.one_of(st.floats(min_value=1.0, exclude_min=True, allow_infinity=False),
                               st.floats(max_value=0.0, exclude_max=True, allow_infinity=False)))
        return {"progress": value}, "progress"
    if kind == "out_of_range":
        field = draw(st.sampled_from(["start_date", "end_date", "actual_start", "actual_finish"]))
        return {field: draw(outside)}, field
    if kind == "actual_order":
        finish = draw(st.dates(DATE_MIN, DATE_MAX - dt.timedelta(days=1)))
        return {"actual_start": finish + dt.timedelta(days=draw(st.integers(1, 30))),
                "actual_finish": finish}, "actual_start"
    return {"progress": draw(st.sampled_from([float("nan"), float("inf"), "50%", None]))}, "progress"


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    path = tmp_path_factory.mktemp("h4") / "h4.plan"
    project = Project.create(path, "H4", START)
    project.run(tasks.add_task, "TP-01", start=START, end=END, progress=0.4)
    project.save()
    project.close()
    return path


@settings(max_examples=20, deadline=None)
@given(bad_edit())
def test_h4_inconsistent_values_are_refused_and_nothing_is_saved(saved, case):
    check_refused_and_not_saved(saved, case)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(bad_edit())
def test_h4_inconsistent_values_long_run(saved, case):
    check_refused_and_not_saved(saved, case)


def check_refused_and_not_saved(saved, case) -> None:
    fields, place = case
    project = Project.open(saved)
    try:
        before = dump_project(project)
        task_id = project.read(lambda s: s.exec(select(m.Task.id)).one())
        with pytest.raises(ValidationError) as err:
            project.run(tasks.update_task, task_id, **fields)
        assert "TP-01" in str(err.value) and place in str(err.value)
        assert dump_project(project) == before
        project.save()  # saving after the refusal writes the plan as it was
        assert dump_project(project) == before
    finally:
        project.close()
    reopened = Project.open(saved)
    try:
        assert dump_project(reopened) == before
    finally:
        reopened.close()


@settings(max_examples=15, deadline=None)
@given(start=inside, days=st.integers(1, 400))
def test_h4_a_bulk_row_ending_before_it_starts_rejects_the_whole_batch(start, days):
    project = Project.new("H4", START)
    try:
        before = dump_project(project)
        rows = [bulk.TaskRow("TP-01", START, END),
                bulk.TaskRow("TP-02", start, start - dt.timedelta(days=days), predecessors="TP-01")]
        with pytest.raises(ValidationError, match="TP-02"):
            project.run(bulk.apply_tasks, rows)
        assert dump_project(project) == before
    finally:
        project.close()


@settings(max_examples=15, deadline=None)
@given(start=inside, length=st.integers(0, 2000), progress=st.floats(0, 1))
def test_h4_consistent_values_are_accepted_as_given(start, length, progress):
    end = min(start + dt.timedelta(days=length), DATE_MAX)
    project = Project.new("H4", START)
    try:
        # manual: its dates are kept as given (an automatic one would start no earlier than the programme)
        project.run(tasks.add_task, "TP-01", start=start, end=end, progress=progress, scheduling="manual")
        row = dump_project(project)["tables"]["task"][0]
        assert (row["start_date"], row["end_date"]) == (start.isoformat(), end.isoformat())
        assert row["progress"] == pytest.approx(progress)
    finally:
        project.close()
