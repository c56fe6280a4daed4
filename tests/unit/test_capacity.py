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
    assert load.label(0) == "W1"  # programme weeks (the plan's week numbering): the start's week is W1


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
