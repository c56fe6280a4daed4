"""Scheduling with a work breakdown: roll-up rules, links on summaries, undated tasks, auto vs manual.

Plans use a Mon-Fri calendar from Monday 2025-01-06 (working-day index 0); `day(i)` is index i.
"""

from __future__ import annotations

import datetime as dt

import pytest

from planner.schedule import ConflictKind, LinkState, schedule_plan
from tests.unit.schedule_plans import MONDAY, a_plan, day


def _timing(result, builder, code):
    return result.timings[builder.id(code)]


# --- roll-up ------------------------------------------------------------------------------------
def test_summary_spans_its_children_and_weighs_progress_by_duration():
    b = (a_plan().summary("S")
         .task("A", 10, parent="S", progress=0.5)
         .task("B", 30, parent="S", progress=1.0)
         .link("A", "B"))
    r = schedule_plan(b.build(), MONDAY)
    s = _timing(r, b, "S")
    assert (s.start, s.finish) == (day(0), day(39))
    assert s.duration == 40
    # progress is not a TaskTiming field: the roll-up sits in the result's summaries
    assert r.summary_progress[b.id("S")] == pytest.approx((10 * 0.5 + 30 * 1.0) / 40)


def test_nested_summaries_roll_up_level_by_level():
    b = (a_plan().summary("P").summary("S1", parent="P").summary("S2", parent="P")
         .task("A", 5, parent="S1", progress=1.0)
         .task("B", 5, parent="S2", progress=0.0)
         .task("C", 10, parent="S2", progress=0.3)
         .link("A", "B").link("B", "C"))
    r = schedule_plan(b.build(), MONDAY)
    assert (_timing(r, b, "S2").start, _timing(r, b, "S2").finish) == (day(5), day(19))
    assert (_timing(r, b, "P").start, _timing(r, b, "P").finish) == (day(0), day(19))
    progress = r.summary_progress
    assert progress[b.id("S2")] == pytest.approx(3 / 15)
    # P weighs S1 (5 working days) and S2 (15 working days, its own span)
    assert progress[b.id("P")] == pytest.approx((5 * 1.0 + 15 * (3 / 15)) / 20)


def test_manual_child_keeps_its_calendar_dates_in_the_roll_up():
    sunday = MONDAY + dt.timedelta(days=13)
    b = a_plan().summary("S").manual("A", MONDAY, sunday, parent="S").task("B", 3, parent="S")
    r = schedule_plan(b.build(), MONDAY)
    assert (_timing(r, b, "S").start, _timing(r, b, "S").finish) == (MONDAY, sunday)


def test_summary_is_critical_when_a_child_is_and_takes_the_least_float():
    b = (a_plan().summary("S")
         .task("A", 5, parent="S").task("B", 2, parent="S")
         .task("C", 5).link("A", "C"))
    r = schedule_plan(b.build(), MONDAY)
    assert _timing(r, b, "B").total_float == 8 and _timing(r, b, "A").critical
    assert _timing(r, b, "S").critical and _timing(r, b, "S").total_float == 0
    assert b.id("S") not in r.critical_path and r.critical_path == [b.id("A"), b.id("C")]


def test_summary_is_late_and_done_from_its_children():
    b = a_plan().summary("S").task("A", 5, parent="S", progress=1.0).task("B", 5, parent="S", progress=1.0)
    r = schedule_plan(b.build(), day(30))
    assert not _timing(r, b, "S").late
    b2 = a_plan().summary("S").task("A", 5, parent="S", progress=1.0).task("B", 5, parent="S", progress=0.5)
    r2 = schedule_plan(b2.build(), day(30))
    assert _timing(r2, b2, "S").late


# --- links on summaries ------------------------------------------------------------------------
def test_fork_link_to_a_summary_holds_back_every_child():
    b = (a_plan().task("P", 5)
         .summary("S").task("A", 3, parent="S").task("B", 4, parent="S")
         .link("P", "S"))
    r = schedule_plan(b.build(), MONDAY)
    assert _timing(r, b, "A").start == day(5) and _timing(r, b, "B").start == day(5)
    status = r.links[b.deps[0].id]
    assert (status.predecessor_id, status.successor_id) == (b.id("P"), b.id("S"))


def test_join_link_from_a_summary_waits_for_its_last_child():
    b = (a_plan().summary("S").task("A", 3, parent="S").task("B", 8, parent="S")
         .task("T", 2).link("S", "T"))
    r = schedule_plan(b.build(), MONDAY)
    assert _timing(r, b, "T").start == day(8)
    assert r.links[b.deps[0].id].predecessor_id == b.id("S")


def test_start_to_start_from_a_summary_counts_from_its_earliest_child():
    """The first leaf (A) starts late, so the summary starts with B: T follows B's start."""
    b = (a_plan().task("X", 6)
         .summary("S").task("A", 3, parent="S").task("B", 8, parent="S")
         .task("T", 2)
         .link("X", "A").link("S", "T", "SS", lag=2))
    r = schedule_plan(b.build(), MONDAY)
    assert _timing(r, b, "A").start == day(6) and _timing(r, b, "B").start == day(0)
    assert _timing(r, b, "T").start == day(2)


def test_threshold_from_a_summary_counts_on_the_summary_span():
    """"Start when the phase is 50% done": half of the summary's 10 working days."""
    b = (a_plan().summary("S").task("A", 4, parent="S").task("B", 6, parent="S").link("A", "B")
         .task("T", 2).link("S", "T", threshold=0.5))
    r = schedule_plan(b.build(), MONDAY)
    assert _timing(r, b, "T").start == day(5)


def test_a_summary_linked_to_its_own_child_is_ignored_and_reported():
    b = a_plan().summary("S").task("A", 3, parent="S").link("S", "A")
    r = schedule_plan(b.build(), MONDAY)
    kinds = [c.kind for c in r.conflicts]
    assert kinds == [ConflictKind.link_within_summary]
    assert _timing(r, b, "A").start == day(0)


def test_manual_child_before_its_summary_s_predecessor_is_a_named_conflict():
    b = (a_plan().task("P", 10)
         .summary("S").manual("A", day(2), day(4), parent="S")
         .link("P", "S"))
    r = schedule_plan(b.build(), MONDAY)
    (c,) = r.conflicts
    assert c.kind is ConflictKind.date_before_dependency and c.task_code == "A"
    assert "summary task S" in c.message and "8 working days early" in c.message
    assert r.links[b.deps[0].id].state is LinkState.broken


# --- undated and automatic tasks -----------------------------------------------------------------
def test_undated_tasks_are_placed_from_their_links():
    b = (a_plan().task("P", 5)
         .task("U", 3, undated=True).task("N", None, undated=True)
         .link("P", "U").link("U", "N"))
    r = schedule_plan(b.build(), MONDAY)
    assert (_timing(r, b, "U").start, _timing(r, b, "U").finish) == (day(5), day(7))
    assert (_timing(r, b, "N").start, _timing(r, b, "N").duration) == (day(8), 1)  # nothing known: one day
    assert r.project_finish == day(8)


def test_automatic_successor_moves_when_its_manual_predecessor_moves():
    early = a_plan().manual("P", day(0), day(4)).task("T", 3).link("P", "T")
    late = a_plan().manual("P", day(10), day(14)).task("T", 3).link("P", "T")
    assert _timing(schedule_plan(early.build(), MONDAY), early, "T").start == day(5)
    assert _timing(schedule_plan(late.build(), MONDAY), late, "T").start == day(15)


def test_manual_successor_stays_and_its_broken_link_is_a_conflict():
    b = a_plan().manual("P", day(10), day(14)).manual("T", day(5), day(7)).link("P", "T")
    r = schedule_plan(b.build(), MONDAY)
    assert _timing(r, b, "T").start == day(5)
    assert [c.kind for c in r.conflicts] == [ConflictKind.date_before_dependency]


def test_project_span_comes_from_the_leaves_not_the_summary_gates():
    b = a_plan().summary("S").manual("A", day(10), day(14), parent="S").manual("B", day(12), day(20), parent="S")
    r = schedule_plan(b.build(), MONDAY)
    assert (r.project_start, r.project_finish) == (day(10), day(20))


# --- a generated work breakdown -----------------------------------------------------------------
def _three_level_plan(seed: int, manual_share: float):
    """3 phases x 3 groups of 1-5 leaves (some milestones), random links of all four types between
    leaves and a few on summaries, on the CN calendar; `manual_share` of the leaves manual, some of
    them on days off, some started."""
    import random

    rnd = random.Random(seed)
    b = a_plan(region="CN")
    leaves: list[str] = []
    for p in range(3):
        b.summary(f"P{p}")
        for g in range(3):
            b.summary(f"G{p}{g}", parent=f"P{p}")
            for k in range(rnd.randint(1, 5)):
                code = f"T{p}{g}{k}"
                if rnd.random() < manual_share:
                    first = MONDAY + dt.timedelta(days=rnd.randint(0, 60))  # weekends and holidays too
                    last = first + dt.timedelta(days=rnd.randint(0, 12))
                    started = rnd.random() < 0.3
                    b.manual(code, first, last, parent=f"G{p}{g}", progress=0.5 if started else 0.0,
                             actual_start=first if started else None)
                else:
                    days = rnd.choice((0, 1, 3, 5, 8))
                    b.task(code, days or None, parent=f"G{p}{g}", milestone=not days)
                leaves.append(code)
    for n, code in enumerate(leaves[1:], start=1):
        for pred in rnd.sample(leaves[max(0, n - 6):n], min(n, rnd.randint(0, 2))):
            b.link(pred, code, rnd.choice(("FS", "SS", "FF", "SF")), rnd.choice((0, 0, 2, -1)))
    b.link("P0", "P1").link("G10", "G11", "SS", 2).link("P1", "P2", "FS", 0, threshold=0.5)
    return b


@pytest.mark.parametrize("manual_share", [0.0, 0.3])
@pytest.mark.parametrize("seed", range(8))
def test_every_summary_spans_the_shown_dates_of_the_leaves_under_it(seed, manual_share):
    from planner.schedule import plan_calendar

    b = _three_level_plan(seed, manual_share)
    plan = b.build()
    r = schedule_plan(plan, MONDAY + dt.timedelta(days=30))
    cal = plan_calendar(plan)
    under: dict[str, list[str]] = {}
    for t in plan.tasks:
        if t.code.startswith("T"):
            under.setdefault(f"G{t.code[1:3]}", []).append(t.code)
            under.setdefault(f"P{t.code[1]}", []).append(t.code)
    for summary, codes in under.items():
        s = _timing(r, b, summary)
        leaves = [_timing(r, b, c) for c in codes]
        assert s.start == min(t.start for t in leaves), summary
        assert s.finish == max(t.finish for t in leaves), summary
        assert s.duration == max(cal.count_working_days(s.start, s.finish), 0), summary
        assert s.late_start == min(t.late_start for t in leaves), summary
        assert s.late_finish == max(t.late_finish for t in leaves), summary
        assert s.total_float == min(t.total_float for t in leaves), summary
    every_leaf = [_timing(r, b, c) for c in under["P0"] + under["P1"] + under["P2"]]
    assert (r.project_start, r.project_finish) == (min(t.start for t in every_leaf), max(t.finish for t in every_leaf))


@pytest.mark.parametrize("seed", range(6))
def test_a_summary_gate_is_done_when_every_leaf_under_it_is(seed):
    import random

    from planner.schedule.network import _gates_progress, build

    shape = build(_three_level_plan(seed, 0.0).build()).shape
    rnd = random.Random(seed)
    n = len(shape.parent)
    for share in (0.0, 0.7, 0.95, 1.0):
        done = [rnd.random() < share for _ in range(n)]
        progress, started = [0.5] * n, [False] * n
        _gates_progress(shape, progress, started, done)
        for sm, leaves in shape.leaves.items():
            assert done[sm] == started[sm] == all(done[leaf] for leaf in leaves)
            assert progress[sm] == (1.0 if done[sm] else 0.0)
