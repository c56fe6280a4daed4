"""Forward/backward pass, float and critical path on small named graph shapes."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.errors import CycleError
from planner.schedule import ConflictKind, LinkState, schedule_plan

from tests.unit.schedule_plans import MONDAY, a_plan, day

STATUS = dt.date(2024, 12, 2)  # before everything: no task is late


def run(builder, status=STATUS):
    plan = builder.build()
    return plan, schedule_plan(plan, status)


def timing(builder, result, code):
    return result.timings[builder.id(code)]


def codes(builder, ids):
    by_id = {v: k for k, v in builder._ids.items()}
    return [by_id[i] for i in ids]


# --- shapes -------------------------------------------------------------------------------
def test_chain_runs_back_to_back_and_is_all_critical():
    b = a_plan().task("A", 5).task("B", 3).task("C", 2).link("A", "B").link("B", "C")
    _, r = run(b)
    assert timing(b, r, "A").start == day(0) and timing(b, r, "A").finish == day(4)
    assert timing(b, r, "B").start == day(5) and timing(b, r, "B").finish == day(7)
    assert timing(b, r, "C").start == day(8) and timing(b, r, "C").finish == day(9)
    assert [timing(b, r, c).total_float for c in "ABC"] == [0, 0, 0]
    assert codes(b, r.critical_path) == ["A", "B", "C"]
    assert r.project_finish == day(9)


def test_fork_gives_float_to_the_short_branch():
    b = a_plan().task("A", 5).task("B", 3).task("C", 10).link("A", "B").link("A", "C")
    _, r = run(b)
    assert timing(b, r, "B").total_float == 7
    assert timing(b, r, "B").free_float == 7
    assert timing(b, r, "B").late_start == day(12)
    assert not timing(b, r, "B").critical
    assert codes(b, r.critical_path) == ["A", "C"]


def test_rhombus_joins_on_the_longer_side():
    b = (a_plan().task("A", 2).task("B", 3).task("C", 6).task("D", 1)
         .link("A", "B").link("A", "C").link("B", "D").link("C", "D"))
    _, r = run(b)
    assert timing(b, r, "D").start == day(8)
    assert timing(b, r, "B").total_float == 3
    assert timing(b, r, "B").free_float == 3
    assert codes(b, r.critical_path) == ["A", "C", "D"]


def test_free_float_is_less_than_total_when_a_successor_has_float():
    # A -> B -> D, C -> D with C long: A and B share float, only B has free float
    b = (a_plan().task("A", 2).task("B", 2).task("C", 10).task("D", 1)
         .link("A", "B").link("B", "D").link("C", "D"))
    _, r = run(b)
    assert timing(b, r, "A").total_float == 6 and timing(b, r, "A").free_float == 0
    assert timing(b, r, "B").total_float == 6 and timing(b, r, "B").free_float == 6


# --- dependency types and lags ---------------------------------------------------------------
# X (5 days) puts A (5 days) on working days 5..9; B (3 days) depends on A.
@pytest.mark.parametrize(
    "kind, lag, unit, b_start",
    [
        ("FS", 0, "d", 10), ("FS", 2, "d", 12), ("FS", -2, "d", 8), ("FS", 1, "w", 15),
        ("SS", 0, "d", 5), ("SS", 2, "d", 7), ("SS", -2, "d", 3), ("SS", -1, "w", 0),
        ("FF", 0, "d", 7), ("FF", 2, "d", 9), ("FF", -2, "d", 5),
        ("SF", 0, "d", 2), ("SF", 2, "d", 4), ("SF", -2, "d", 0),
    ],
)
def test_each_dependency_type_with_lag(kind, lag, unit, b_start):
    b = (a_plan().task("X", 5).task("A", 5).task("B", 3)
         .link("X", "A").link("A", "B", kind, lag, unit))
    _, r = run(b)
    assert timing(b, r, "A").start == day(5)
    assert timing(b, r, "B").start == day(b_start)
    assert timing(b, r, "B").finish == day(b_start + 2)


def test_lag_in_weeks_follows_the_workweek():
    # a six-day week (Mon-Sat): 1 week of lag is 6 working days
    b = a_plan(workweek="1111110").task("A", 6).task("B", 1).link("A", "B", "FS", 1, "w")
    _, r = run(b)
    assert timing(b, r, "B").start == MONDAY + dt.timedelta(days=14)


def test_negative_lag_cannot_pull_a_task_before_the_programme_start():
    b = a_plan().task("A", 2).task("B", 3).link("A", "B", "FS", -10)
    _, r = run(b)
    assert timing(b, r, "B").start == MONDAY


def test_milestone_takes_no_time():
    b = a_plan().task("A", 5).task("M", 0, milestone=True).task("B", 2).link("A", "M").link("M", "B")
    _, r = run(b)
    assert timing(b, r, "M").start == timing(b, r, "M").finish == day(5)
    assert timing(b, r, "B").start == day(5)


# --- progress thresholds -----------------------------------------------------------------
def test_threshold_30_percent_lets_the_successor_start_early():
    b = a_plan().task("A", 10).task("B", 4).link("A", "B", threshold=0.3)
    _, r = run(b)
    assert timing(b, r, "B").start == day(3)  # 30% of 10 days planned done after day 2


def test_threshold_rounds_up_to_whole_days():
    b = a_plan().task("A", 7).task("B", 1).link("A", "B", threshold=0.3)
    _, r = run(b)
    assert timing(b, r, "B").start == day(3)  # 2.1 days -> 3


@pytest.mark.parametrize(
    "progress, status, state",
    [
        (0.0, day(1), LinkState.pending),  # B (due on day 3) is not due yet
        (0.2, day(4), LinkState.blocking),  # B is due, A reported only 20%
        (0.3, day(4), LinkState.satisfied),  # A reported 30%
    ],
)
def test_threshold_link_state_follows_reported_progress(progress, status, state):
    b = a_plan().task("A", 10, progress=progress).task("B", 4).link("A", "B", threshold=0.3)
    _, r = run(b, status)
    assert r.links[1].state is state
    assert r.links[1].earliest_successor_start == day(3)


def test_started_before_the_threshold_is_a_conflict():
    b = (a_plan().task("A", 10, progress=0.1)
         .task("B", 4, progress=0.5, actual_start=day(3)).link("A", "B", threshold=0.3))
    _, r = run(b, day(5))
    kinds = [c.kind for c in r.conflicts]
    assert kinds == [ConflictKind.threshold_not_reached]
    assert "B" in r.conflicts[0].message and "A" in r.conflicts[0].message and "30%" in r.conflicts[0].message


def test_finished_predecessor_satisfies_its_links():
    b = a_plan().task("A", 5, progress=1.0).task("B", 2).link("A", "B")
    _, r = run(b, day(7))
    assert r.links[1].state is LinkState.satisfied


# --- manual dates and conflicts ---------------------------------------------------------------
def test_manual_dates_are_kept_and_a_broken_link_is_a_warning():
    # the FlagOS case: TP-02 planned from week 4 though TP-01 finishes in week 8
    start = MONDAY
    b = (a_plan()
         .manual("TP-01", start, start + dt.timedelta(days=55))  # 第1-8周
         .manual("TP-02", start + dt.timedelta(days=21), start + dt.timedelta(days=153))  # 第4-22周
         .link("TP-01", "TP-02"))
    _, r = run(b)
    tp2 = timing(b, r, "TP-02")
    assert tp2.start == dt.date(2025, 1, 27) and tp2.finish == start + dt.timedelta(days=153)
    assert r.links[1].state is LinkState.broken
    assert r.links[1].earliest_successor_start == dt.date(2025, 3, 3)
    [c] = r.conflicts
    assert c.kind is ConflictKind.date_before_dependency and c.task_code == "TP-02"
    assert c.days == 25 and "TP-01" in c.message and "2025-03-03" in c.message


def test_automatic_successor_of_a_manual_task_follows_its_fixed_dates():
    b = a_plan().manual("M", day(10), day(14)).task("B", 2).link("M", "B")
    _, r = run(b)
    assert timing(b, r, "B").start == day(15)
    assert r.conflicts == []


def test_started_task_keeps_its_actual_start():
    b = a_plan().task("A", 5).task("B", 3, actual_start=day(2), progress=0.3).link("A", "B")
    _, r = run(b, day(3))
    assert timing(b, r, "B").start == day(2)
    assert [c.kind for c in r.conflicts] == [ConflictKind.date_before_dependency]


# --- bad networks ------------------------------------------------------------------------------
def test_cycle_is_refused_naming_the_tasks_around_it():
    b = (a_plan().task("D", 1).task("B", 1).task("C", 1).task("A", 1)
         .link("D", "A").link("A", "B").link("B", "C").link("C", "A"))
    with pytest.raises(CycleError) as err:
        run(b)
    assert err.value.cycle == ["A", "B", "C", "A"]
    assert "A → B → C → A" in str(err.value)


def test_two_task_cycle():
    b = a_plan().task("TP-01", 1).task("TP-02", 1).link("TP-01", "TP-02").link("TP-02", "TP-01")
    with pytest.raises(CycleError) as err:
        run(b)
    assert err.value.cycle == ["TP-01", "TP-02", "TP-01"]


def test_unknown_predecessor_is_reported_with_task_and_missing_id():
    b = a_plan().task("A", 2).task("B", 2).link("NOPE-1", "B", text="TP-09")
    _, r = run(b)
    [c] = r.conflicts
    assert c.kind is ConflictKind.unknown_predecessor
    assert c.task_code == "B" and "TP-09" in c.message
    assert timing(b, r, "B").start == MONDAY  # the rest of the plan is still scheduled


# --- status date ------------------------------------------------------------------------------
def test_late_and_at_risk_tasks_for_a_given_today():
    b = (a_plan().task("DONE", 3, progress=1.0).task("LATE", 3, progress=0.5)
         .task("BEHIND", 10, progress=0.1).task("FINE", 10, progress=0.5).task("FUTURE", 2)
         .link("FINE", "FUTURE"))
    _, r = run(b, day(4))
    flags = {c: (timing(b, r, c).late, timing(b, r, c).at_risk) for c in ("DONE", "LATE", "BEHIND", "FINE", "FUTURE")}
    assert flags == {"DONE": (False, False), "LATE": (True, False), "BEHIND": (False, True),
                     "FINE": (False, False), "FUTURE": (False, False)}


def test_status_date_defaults_to_the_programme_status_date():
    b = a_plan(status=day(7)).task("A", 3)
    plan = b.build()
    r = schedule_plan(plan)
    assert r.status_date == day(7) and r.timings[1].late


def test_milestone_forecast_against_plan():
    b = (a_plan().task("A", 10, progress=0.2, actual_start=day(0)).task("B", 5).link("A", "B")
         .milestone("on time", day(20), "B").milestone("tight", day(12), "B")
         .milestone("done", day(1), "A", actual_date=day(2)).milestone("past", day(3)))
    _, r = run(b, day(5))
    by_name = {ms.name: r.milestones[ms.id] for ms in b.milestones}
    # A has 8 days left after day 5 -> finishes day 13, B days 14..18
    assert by_name["on time"].forecast == day(18) and by_name["on time"].status == "on_track"
    assert by_name["tight"].status == "at_risk" and by_name["tight"].slip_days == 6
    assert by_name["done"].status == "met" and by_name["done"].forecast == day(2)
    assert by_name["past"].status == "missed"


def test_empty_plan_schedules_to_nothing():
    _, r = run(a_plan())
    assert r.timings == {} and r.critical_path == [] and r.project_finish is None


def test_weights_match_the_reference_formula_for_every_type():
    from planner.schedule.cpm import link_weight
    from planner.schedule.network import build

    b = a_plan().task("A", 7).task("B", 3)
    for kind in ("FS", "SS", "FF", "SF"):
        for lag, unit, thr in ((2, "d", 1.0), (-1, "w", 1.0), (0, "d", 0.3)):
            b.deps = []
            b.link("A", "B", kind, lag, unit, thr)
            built = build(b.build())
            lag_days = lag * 5 if unit == "w" else lag
            assert built.net.weight == [link_weight(kind, lag_days, thr, 7, 3)], (kind, lag, unit, thr)


def test_unknown_dependency_type_is_a_clear_error():
    from planner.errors import ValidationError

    b = a_plan().task("A", 2).task("B", 2).link("A", "B", "XX")
    with pytest.raises(ValidationError, match="XX"):
        run(b)


def test_cancelled_task_is_never_late_and_does_not_block():
    b = a_plan().task("A", 3).task("B", 2).link("A", "B")
    b.tasks[0].status = "cancelled"
    _, r = run(b, day(10))
    assert not timing(b, r, "A").late
    assert r.links[1].state is LinkState.satisfied
