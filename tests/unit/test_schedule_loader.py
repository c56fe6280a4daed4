"""The fast plain-row loader gives the same plan as the ORM loader, and the generator's plans schedule."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from benchmarks.generate import generate_plan
from planner.document import Project
from planner.errors import FileDamaged
from planner.plan import load_plan
from planner.schedule import schedule_plan
from planner.schedule.loader import fast_load_plan


def _columns(row) -> dict:
    if hasattr(row, "_asdict"):
        return dict(row._asdict())
    return {k: v for k, v in vars(row).items() if not k.startswith("_")}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return generate_plan(tmp_path_factory.mktemp("gen") / "g.plan", 300, seed=3)


def test_fast_loader_matches_the_orm_loader(generated):
    with Project.open(generated) as project:
        slow = project.read(load_plan)
        fast = fast_load_plan(project)
    for f in dataclasses.fields(slow):
        a, b = getattr(slow, f.name), getattr(fast, f.name)
        if f.name == "programme":
            assert _columns(a) == _columns(b)
            continue
        assert [_columns(x) for x in a] == [_columns(y) for y in b], f.name
    assert isinstance(fast.tasks[0].start_date, dt.date) and isinstance(fast.tasks[0].is_milestone, bool)
    assert schedule_plan(slow, dt.date(2025, 3, 1)).timings == schedule_plan(fast, dt.date(2025, 3, 1)).timings


def test_fast_loader_reads_a_saved_file_directly(generated):
    plan = fast_load_plan(generated)
    assert len(plan.tasks) == 300 and plan.programme.name == "Benchmark 300"


def test_fast_loader_refuses_a_damaged_file(tmp_path):
    bad = tmp_path / "bad.plan"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(FileDamaged):
        fast_load_plan(bad)


def test_generated_plan_is_acyclic_with_the_requested_density(generated):
    plan = fast_load_plan(generated)
    assert 1.3 * 300 <= len(plan.dependencies) <= 1.6 * 300
    assert all(d.predecessor_id < d.successor_id for d in plan.dependencies)
    assert {d.type for d in plan.dependencies} == {"FS", "SS", "FF", "SF"}
    assert all(1 <= t.duration_days <= 20 for t in plan.tasks)
    assert plan.teams and plan.raci and plan.indicators and plan.readings and plan.milestones
    result = schedule_plan(plan)
    assert result.critical_path and len(result.timings) == 300


def test_loading_only_what_scheduling_reads_gives_the_same_schedule(generated):
    from planner.schedule.loader import SCHEDULE_TABLES

    full = fast_load_plan(generated)
    lean = fast_load_plan(generated, tables=SCHEDULE_TABLES)
    assert lean.teams == [] and lean.readings == [] and len(lean.tasks) == 300
    day = dt.date(2025, 3, 1)
    a, b = schedule_plan(full, day), schedule_plan(lean, day)
    assert a.timings == b.timings and a.links == b.links and a.milestones == b.milestones
