"""Head-count load per role and team, by week and month, with over-allocation and the tasks behind a bar."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.capacity import MONTH, ROLE, TEAM, WEEK, headcount_load
from planner.charts import build_chart
from planner.cli.common import read_plan
from planner.samples import sample_path


@pytest.fixture(scope="module")
def flagos():
    return read_plan(sample_path("flagos"))


def test_a_task_role_counts_its_heads_in_every_month_it_overlaps(flagos):
    load = headcount_load(flagos, by=ROLE, unit=MONTH)
    tp02 = next(t for t in flagos.tasks if t.code == "TP-02")  # 适配工程师×12
    adapters = next(s for s in load.series if s.key == "适配工程师")
    months = [load.label(n) for n, entries in enumerate(adapters.tasks) if any(e.task_id == tp02.id for e in entries)]
    first, last = tp02.start_date, tp02.end_date
    expected = sorted({f"{first + dt.timedelta(days=d):%Y-%m}" for d in range((last - first).days + 1)})
    assert months == expected and len(months) >= 4
    assert all(adapters.heads[load.periods.index(dt.date.fromisoformat(m + "-01"))] >= 12 for m in months)


def test_the_tasks_behind_a_bar_add_up_to_it(flagos):
    load = headcount_load(flagos, by=ROLE, unit=WEEK)
    for series in load.series:
        for n, heads in enumerate(series.heads):
            assert sum(e.headcount for e in load.tasks_behind(series.key, n)) == heads
    # FlagOS numbers weeks from its start (the default): week 1 is the programme's first week
    first = flagos.programme.start_date
    assert load.label(load.periods.index(first - dt.timedelta(days=first.weekday()))) == "W1"
    assert load.period_text(0).endswith(f"({load.periods[0].isoformat()})")


def test_iso_week_numbers_when_the_plan_says_so(flagos):
    import copy

    plan = copy.copy(flagos)
    plan.programme = flagos.programme._replace(week_numbering="iso")
    load = headcount_load(plan, by=ROLE, unit=WEEK)
    year, week, _ = load.periods[0].isocalendar()
    assert load.label(0) == f"{year}-W{week:02d}"


def test_over_allocation_is_a_load_above_the_capacity(flagos):
    load = headcount_load(flagos, by=ROLE, unit=MONTH, capacities={"适配工程师": 12})
    over = [(key, heads, cap) for key, _n, heads, cap in load.over_allocations()]
    assert over and all(key == "适配工程师" and heads > cap == 12 for key, heads, cap in over)
    behind = load.tasks_behind("适配工程师", load.over_allocations()[0][1])
    assert len({e.task_id for e in behind}) >= 2  # two tasks overlap there


def test_by_team_groups_roles_and_a_window_cuts_the_periods(flagos):
    load = headcount_load(flagos, by=TEAM, unit=MONTH, last=dt.date(2025, 4, 30))
    assert load.periods[-1] == dt.date(2025, 4, 1)
    by_role = headcount_load(flagos, by=ROLE, unit=MONTH, last=dt.date(2025, 4, 30))
    assert sum(s.heads[0] for s in load.series) == sum(s.heads[0] for s in by_role.series)


def test_the_headcount_chart_marks_over_capacity(flagos):
    result = build_chart("headcount", flagos, lang="en", capacities={"适配工程师": 12})
    assert result.data.over_allocations()
    titles = [ax.get_title() for ax in result.figure.axes]
    assert any("over capacity" in t for t in titles)


def test_capacity_set_on_a_role_and_a_team_feeds_the_load_and_undoes_in_one_step(tmp_path):
    import shutil

    from planner.document import Project
    from planner.errors import ValidationError
    from planner.plan import load_plan
    from planner.services import journal
    from planner.services.teams import set_capacity, set_role_team

    copy = tmp_path / "flagos.plan"
    shutil.copy(sample_path("flagos"), copy)
    project = Project.open(copy)
    try:
        plan = project.read(load_plan)
        role = next(r for r in plan.roles if r.name == "适配工程师")
        team = plan.teams[0]
        changes = project.run(set_capacity, "role", role.id, 12)
        plan = project.read(load_plan)
        assert headcount_load(plan, by=ROLE, unit=MONTH).over_allocations()  # read from the role
        project.run(set_role_team, role.id, team.id)
        project.run(set_capacity, "team", team.id, 30)
        plan = project.read(load_plan)
        by_team = {s.key: s for s in headcount_load(plan, by=TEAM, unit=MONTH).series}
        assert by_team[team.name].capacity == 30 and not by_team[team.name].over()
        for bad in (-1, 2.5, "12", True):
            with pytest.raises(ValidationError) as refused:
                project.run(set_capacity, "role", role.id, bad)
            assert "适配工程师" in str(refused.value)
        with pytest.raises(ValidationError):
            project.run(set_capacity, "module", role.id, 3)
        project.run(journal.undo, changes.undo)  # the role's capacity only
        plan = project.read(load_plan)
        assert next(r for r in plan.roles if r.id == role.id).capacity is None
    finally:
        project.close()
