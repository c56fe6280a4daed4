"""The outline is reused between snapshots while the hierarchy is unchanged, and never when it changed.

The app takes a new snapshot after every edit; an edit of dates, progress or links keeps the
outline (and the scheduler's shape of it), an indent, outdent, move or new task must not.
"""

from __future__ import annotations

import datetime as dt

from planner.schedule import schedule_plan
from tests.unit.schedule_plans import MONDAY, a_plan, day


def _phase():
    return (a_plan().summary("S")
            .task("A", 10, parent="S")
            .task("B", 5, parent="S")
            .task("C", 3)
            .link("A", "B"))


def test_a_snapshot_after_an_edit_of_dates_shares_the_outline():
    b = _phase()
    first = b.build()
    r1 = schedule_plan(first, MONDAY)
    b.tasks[1].duration_days = 20  # A takes longer: dates change, the hierarchy does not
    second = b.build()
    assert second.outline is first.outline
    r2 = schedule_plan(second, MONDAY)
    assert r1.timings[b.id("S")].finish == day(14)
    assert r2.timings[b.id("S")].finish == day(24)  # rolled up from the new dates all the same


def test_an_outdent_is_seen_by_the_next_snapshot():
    b = _phase()
    first = b.build()
    assert schedule_plan(first, MONDAY).timings[b.id("S")].finish == day(14)
    b.tasks[2].parent_id = None  # B outdented: S now spans A only
    second = b.build()
    assert second.outline is not first.outline
    assert second.outline.children[b.id("S")] == [b.id("A")]
    r = schedule_plan(second, MONDAY)
    assert r.timings[b.id("S")].finish == day(9)
    assert r.timings[b.id("B")].start == day(10)  # still after A, its predecessor


def test_a_change_of_order_or_a_new_task_rebuilds_it():
    b = _phase()
    first = b.build()
    first.outline
    b.tasks[1].order, b.tasks[2].order = b.tasks[2].order, b.tasks[1].order  # B moved above A
    second = b.build()
    assert second.outline.children[b.id("S")] == [b.id("B"), b.id("A")]
    b.task("D", 2, parent="S")
    third = b.build()
    assert third.outline.children[b.id("S")] == [b.id("B"), b.id("A"), b.id("D")]
    assert schedule_plan(third, MONDAY).timings[b.id("S")].start == dt.date(2025, 1, 6)
