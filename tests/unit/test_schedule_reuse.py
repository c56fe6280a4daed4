"""A progress report reuses the solved network; every other edit is scheduled afresh.

After each edit the schedule must equal the one computed from scratch (`reuse.forget()`),
in every field a view shows: dates, float, flags, link states, conflicts, the critical path,
milestone forecasts and summaries' progress. Only progress and status edits may reuse the
last passes, and they must show the new progress everywhere it is judged.
"""

from __future__ import annotations

import datetime as dt

import pytest

from planner.i18n import language, set_language
from planner.schedule import reuse, schedule_plan
from planner.schedule.result import ConflictKind
from tests.unit.schedule_plans import MONDAY, a_plan, day, everything

STATUS = day(12)
SUNDAY = day(9) + dt.timedelta(days=2)


def _builder():
    return (a_plan(status=STATUS)
            .summary("S")
            .task("A", 10, parent="S")
            .task("B", 5, parent="S")
            .task("C", 3)
            .manual("M", day(3), day(6))
            .task("D", 4)
            .task("E", 2, milestone=False)
            .task("F", 0, milestone=True)
            .link("A", "B")
            .link("S", "C", threshold=0.3)  # from the summary's start: a representative leaf
            .link("C", "M")  # M is fixed before C allows: a broken link
            .link("B", "D", "SS", lag=1, unit="w")
            .link("D", "E", "FF")
            .link("E", "F")
            .link("S", "A")  # a summary linked to its own task: ignored, reported when the network is built
            .milestone("Done", day(20), task="F"))


def _fresh(plan) -> dict:
    reuse.forget()
    return everything(schedule_plan(plan))


def _set(code, field, value):
    def edit(b):
        setattr(b.tasks[b.id(code) - 1], field, value)
    return edit


def _dep(k, field, value):
    def edit(b):
        setattr(b.deps[k], field, value)
    return edit


PROGRESS_EDITS = {
    "progress of a leaf": _set("A", "progress", 0.5),
    "a predecessor done, its link satisfied": _set("C", "progress", 1.0),
    "status cancelled": _set("D", "status", "cancelled"),
    "status done at 0%": _set("B", "status", "done"),
}

NETWORK_EDITS = {
    "start date": _set("M", "start_date", day(9)),
    "end date": _set("M", "end_date", day(11)),
    "duration": _set("A", "duration_days", 12),
    "manual to automatic": _set("M", "scheduling", "auto"),
    "milestone": _set("E", "is_milestone", True),
    "actual start": _set("D", "actual_start", day(2)),
    "actual finish": _set("C", "actual_finish", day(4)),
    "start no earlier than": _set("D", "not_before", day(15)),
    "outdent": _set("B", "parent_id", None),
    "order within the summary": _set("A", "order", 99),
    "code": _set("C", "code", "C-renamed"),
    "link type": _dep(3, "type", "FS"),
    "link lag": _dep(3, "lag", 3),
    "lag unit": _dep(3, "lag_unit", "d"),
    "threshold": _dep(1, "threshold", 0.6),
    "link target": _dep(5, "successor_id", 4),
    "a link added": lambda b: b.link("C", "D"),
    "programme start": lambda b: setattr(b.programme, "start_date", MONDAY - dt.timedelta(days=7)),
    "work week": lambda b: setattr(b.programme, "workweek", "1111110"),
    "holiday region": lambda b: setattr(b.programme, "holiday_region", "CN"),
    "a day off": lambda b: b.exception(day(1), False),
}


@pytest.mark.parametrize("name", PROGRESS_EDITS)
def test_a_progress_report_reuses_the_passes_and_is_judged_afresh(name):
    b = _builder()
    plan = b.build()
    before = everything(schedule_plan(plan))
    kept = reuse.solved(plan)[1]
    PROGRESS_EDITS[name](b)
    plan = b.build()
    assert reuse.solved(plan)[1] is kept  # the forward and backward passes were not run again
    after = everything(schedule_plan(plan))
    assert after == _fresh(plan)
    assert after != before  # and the edit shows


def test_a_done_predecessor_satisfies_its_link_and_lifts_the_summary():
    b = _builder()
    schedule_plan(b.build())
    b.tasks[b.id("A") - 1].progress = 1.0
    b.tasks[b.id("B") - 1].progress = 1.0
    r = schedule_plan(b.build())
    assert r.summary_progress[b.id("S")] == 1.0
    link = r.links[1]  # A -> B
    assert link.state.value == "satisfied"


@pytest.mark.parametrize("name", NETWORK_EDITS)
def test_any_other_edit_is_scheduled_afresh(name):
    b = _builder()
    plan = b.build()
    schedule_plan(plan)
    kept = reuse.solved(plan)[1]
    NETWORK_EDITS[name](b)
    plan = b.build()
    after = everything(schedule_plan(plan))
    assert reuse.solved(plan)[1] is not kept
    assert after == _fresh(plan)


def test_messages_follow_a_change_of_language():
    b = _builder()
    plan = b.build()
    was = language()
    try:
        set_language("en")
        english = _within_summary(schedule_plan(plan))
        set_language("zh_CN")
        chinese = _within_summary(schedule_plan(plan))
    finally:
        set_language(was)
    assert len(english) == len(chinese) == 1
    assert "S" in chinese[0] and chinese != english  # the message made with the network, translated


def _within_summary(result) -> list[str]:
    return [c.message for c in result.conflicts if c.kind is ConflictKind.link_within_summary]


def test_a_manual_task_started_by_a_progress_report_moves_its_summary():
    b = (a_plan(status=STATUS).summary("S")
         .manual("M", day(5), SUNDAY, parent="S")
         .task("A", 3, parent="S")
         .task("P", 8)
         .link("P", "M"))
    plan = b.build()
    first = schedule_plan(plan)
    assert first.timings[b.id("S")].finish == SUNDAY  # M not started: it keeps its own dates, to a day off
    b.tasks[b.id("M") - 1].progress = 0.2  # started: M is where it actually is, its summary too
    b.tasks[b.id("M") - 1].actual_start = None
    plan = b.build()
    after = everything(schedule_plan(plan))
    assert after == _fresh(plan)
    assert after["timings"][b.id("S")].finish == day(9)  # started: where the schedule has it, the Friday


def _columns_as_timings(result) -> dict:
    cols = result.timing_columns()
    return {tid: (cols.start[i], cols.finish[i], cols.late_finish[i], cols.total_float[i], cols.late[i],
                  cols.at_risk[i]) for tid, i in cols.index_of.items()}


def test_the_timing_columns_are_the_timings():
    b = _builder()
    b.manual("K", day(2), SUNDAY, parent="S")  # a manual task inside a summary, to a day off
    for progress in (0.0, 0.4):  # not started, then started: its shown dates change
        b.tasks[b.id("K") - 1].progress = progress
        result = schedule_plan(b.build())
        want = {tid: (t.start, t.finish, t.late_finish, t.total_float, t.late, t.at_risk)
                for tid, t in result.timings.items()}
        assert _columns_as_timings(result) == want


@pytest.mark.parametrize("name", PROGRESS_EDITS)
def test_a_caller_that_knows_only_progress_changed_gets_what_a_fresh_schedule_gives(name):
    """`schedule_plan(progress_since=)`: the passes taken as they are and only the links at the tasks
    whose progress changed judged again, as the window does after a progress edit."""
    b = _builder()
    first = schedule_plan(b.build())
    PROGRESS_EDITS[name](b)
    b.tasks[b.id("C") - 1].progress = 0.5  # and a second task, whose links to and from it change state
    plan = b.build()
    after = schedule_plan(plan, progress_since=first)
    assert after.solved[1] is first.solved[1]
    assert everything(after) == _fresh(plan)
    again = schedule_plan(plan, progress_since=after)  # nothing changed since: every state kept
    assert everything(again) == everything(after)
