"""Gantt geometry without Qt: bars per zoom level, link routes, ticks, project time, hit testing."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.document import Project
from planner.gantt import BY_MODULE, PROJECT, TimeScale, gantt_for
from planner.gantt import demo
from planner.gantt.layout import LINK_GAP
from planner.gantt.hit import BODY, END_EDGE, LINK_FROM_END, PROGRESS, START_EDGE, hit_test, link_type
from planner.gantt.rows import GROUP, MILESTONES, TASK
from planner.gantt.source import dates_only
from planner.plan import load_plan


@pytest.fixture(scope="module")
def plan():
    with Project.new("FlagOS", demo.START) as project:
        project.run(demo.fill_demo)
        yield project.read(load_plan)


def _row(lay, code):
    return next(i for i, r in enumerate(lay.data.rows) if r.code == code)


def _link(lay, pred, succ):
    return next(lk for lk in lay.links_in(0, lay.height)
                if lay.data.rows[lk.pred_row].code == pred and lay.data.rows[lk.succ_row].code == succ)


def test_rows_group_by_stage_then_module(plan):
    lay = gantt_for(plan)
    kinds = [r.kind for r in lay.data.rows]
    assert kinds[0] == MILESTONES  # the unlinked 第一阶段复盘 milestone has its own row
    groups = [r.label for r in lay.data.rows if r.kind == GROUP]
    assert groups == ["基础建设期", "生态规模化期", "规则制定期"]
    by_module = gantt_for(plan, group_by=BY_MODULE)
    assert [r.label for r in by_module.data.rows if r.kind == GROUP][:2] == ["技术产品", "生态建设"]
    first_group = by_module.data.rows[1]
    assert [by_module.data.rows[i].code for i in range(2, 4)] == ["TP-01", "TP-02"]
    assert first_group.children[:2] == (plan.task_by_code["TP-01"].id, plan.task_by_code["TP-02"].id)


def test_collapsed_group_hides_tasks_but_keeps_summary(plan):
    lay = gantt_for(plan, collapsed=frozenset({"stage:1"}))
    codes = [r.code for r in lay.data.rows if r.kind == TASK]
    assert "TP-01" not in codes and "TP-05" in codes
    summary = lay.bar(1)
    assert summary.kind == GROUP
    assert summary.x0 == 0  # stage 1 starts with TP-01 in week 1
    # TP-04 / EC-04 end on Friday of week 24: the summary reaches the end of that day
    assert summary.x1 == lay.scale.x_end(demo.week_span(24, 24)[1])
    # links with an end hidden in the collapsed group are not drawn
    assert all(lay.data.rows[lk.pred_row].code not in ("TP-01", "TP-02") for lk in lay.links_in(0, lay.height))


@pytest.mark.parametrize("level, ppd", [("day", 28), ("week", 6), ("month", 1.6), ("quarter", 0.55)])
def test_bar_spans_follow_the_zoom_level(plan, level, ppd):
    lay = gantt_for(plan, scale=TimeScale.at_level(demo.START, level))
    bar = lay.bar(_row(lay, "TP-02"))
    start, end = demo.week_span(4, 22)
    assert bar.x0 == pytest.approx(((start - demo.START).days) * ppd)
    assert bar.x1 == pytest.approx(((end - demo.START).days + 1) * ppd)
    assert bar.progress_x == pytest.approx(bar.x0 + 0.4 * (bar.x1 - bar.x0), rel=1e-5)
    assert lay.row_top(bar.row) < bar.y0 < bar.y1 < lay.row_top(bar.row) + lay.row_height


def test_baseline_ghost_and_actual_span(plan):
    baseline = plan.baselines[0].id
    lay = gantt_for(plan, baseline_id=baseline)
    bar = lay.bar(_row(lay, "TP-02"))
    assert bar.baseline[0] == pytest.approx(bar.x0 - 7 * 6)  # the baseline had it a week earlier
    assert bar.actual[0] == bar.x0  # started on plan
    assert gantt_for(plan).bar(bar.row).baseline is None


def test_milestone_task_is_a_diamond_and_plan_milestones_are_markers(plan):
    lay = gantt_for(plan)
    bar = lay.bar(_row(lay, "BM-01"))
    assert bar.milestone
    dm = lay.diamond(bar)
    assert bar.x0 < dm.cx < bar.x1
    markers = lay.markers_in(0, lay.height)
    names = {mk.label: mk for mk in markers}
    assert set(names) == {"内部测试完成", "第一阶段复盘"}
    assert names["第一阶段复盘"].row == 0
    assert names["内部测试完成"].row == _row(lay, "TP-01")


def test_fs_link_leaves_the_finish_and_enters_the_start(plan):
    lay = gantt_for(plan, schedule=dates_only(plan))
    lk = _link(lay, "TP-03", "TP-04")
    p, s = lay.bar(lk.pred_row), lay.bar(lk.succ_row)
    assert lk.type == "FS"
    assert lk.points[0] == (p.x1, p.mid_y)
    assert lk.points[-1] == (s.x0, s.mid_y)
    assert lk.points[-1][0] > lk.points[-2][0]  # arrow heads right, into the start
    assert not lk.broken


def test_fs_link_into_an_earlier_start_doglegs_between_rows_and_is_broken(plan):
    lay = gantt_for(plan, schedule=dates_only(plan))
    lk = _link(lay, "TP-01", "TP-02")  # TP-02 starts in week 4 though TP-01 ends in week 8
    assert lk.broken
    p, s = lay.bar(lk.pred_row), lay.bar(lk.succ_row)
    corridor = [y for _, y in lk.points[2:4]]
    assert corridor == [lay.row_top(s.row)] * 2  # the boundary above the successor's row
    assert lk.points[-2][0] < s.x0  # the last leg comes from the left, outside the bar
    assert lk.points[-1] == (s.x0, s.mid_y)
    assert lk.points[1][0] > p.x1  # first step goes right, out of the finish


@pytest.mark.parametrize("pred, succ, kind", [("TP-01", "EC-02", "SS"), ("EC-05", "EC-06", "FF")])
def test_ss_and_ff_links_use_the_named_ends(plan, pred, succ, kind):
    lay = gantt_for(plan, schedule=dates_only(plan))
    lk = _link(lay, pred, succ)
    p, s = lay.bar(lk.pred_row), lay.bar(lk.succ_row)
    assert lk.type == kind
    if kind == "SS":
        assert lk.points[0] == (p.x0, p.mid_y) and lk.points[-1] == (s.x0, s.mid_y)
        assert lk.points[1][0] < min(p.x0, s.x0)
    else:
        assert lk.points[0] == (p.x1, p.mid_y) and lk.points[-1] == (s.x1, s.mid_y)
        assert lk.points[1][0] > max(p.x1, s.x1)
        assert lk.points[-1][0] < lk.points[-2][0]  # arrow heads left, into the finish


def test_threshold_link_leaves_from_the_threshold_point_with_its_label(plan):
    lay = gantt_for(plan, schedule=dates_only(plan))
    lk = _link(lay, "TP-02", "EC-04")
    p = lay.bar(lk.pred_row)
    assert lk.label == "30%"
    assert lk.points[0][0] == pytest.approx(p.x0 + 0.3 * (p.x1 - p.x0))
    assert lk.points[0][1] == p.y1  # out of the bar's bottom, towards the successor below
    assert _link(lay, "TP-01", "TP-03").label == ""


def test_window_query_returns_only_links_crossing_it(plan):
    lay = gantt_for(plan, schedule=dates_only(plan))
    everything = lay.links_in(0, lay.height)
    assert len(everything) == len(plan.dependencies)
    stage3 = _row(lay, "TP-06")
    window = lay.links_in(lay.row_top(stage3), lay.row_top(stage3) + lay.row_height)
    assert {(lay.data.rows[lk.pred_row].code, lay.data.rows[lk.succ_row].code) for lk in window} == {
        ("TP-05", "TP-06"), ("EC-05", "EC-06")}  # EC-05 -> EC-06 passes through TP-06's row
    far_right = lay.links_in(0, lay.height, 10_000, 11_000)
    assert far_right == []


def test_calendar_ticks_per_level(plan):
    week = TimeScale.at_level(demo.START, "week").ticks(0, 400)
    assert [t.label for t in week.minor[:3]] == ["01-06", "01-13", "01-20"]
    assert week.major[0].label == "2025-01" and week.major[1].label == "2025-02"
    assert week.minor[1].x - week.minor[0].x == 42
    day = TimeScale.at_level(demo.START, "day").ticks(0, 28 * 3)
    assert [t.label for t in day.minor] == ["6", "7", "8", "9"]
    month = TimeScale.at_level(demo.START, "month").ticks(0, 300)
    assert [t.label for t in month.minor[:3]] == ["1月", "2月", "3月"]
    assert month.major[0].label == "2025 Q1"
    quarter = TimeScale.at_level(demo.START, "quarter").ticks(0, 600)
    assert [t.label for t in quarter.minor[:2]] == ["2025 Q1", "2025 Q2"]
    assert quarter.major[0].label == "2025年"


def test_project_time_labels_count_from_the_programme_start():
    start = dt.date(2025, 1, 8)  # a Wednesday: project weeks start on Wednesdays
    week = TimeScale.at_level(start, "week", mode=PROJECT).ticks(0, 6 * 7 * 10)
    assert [t.label for t in week.minor[:3]] == ["第1周", "第2周", "第3周"]
    assert week.minor[0].start == start and week.minor[1].start == dt.date(2025, 1, 15)
    assert [t.label for t in week.major[:2]] == ["M1", "M2"]
    assert week.major[1].start == dt.date(2025, 2, 8)
    month = TimeScale.at_level(start, "month", mode=PROJECT)
    ticks = month.ticks(0, month.x(dt.date(2027, 12, 31)))
    assert ticks.minor[-1].label == "M36"
    assert ticks.minor[35].start == dt.date(2027, 12, 8)
    assert [t.label for t in ticks.major[:2]] == ["Q1", "Q2"]
    en = TimeScale.at_level(start, "week", mode=PROJECT, lang="en").ticks(0, 50)
    assert en.minor[0].label == "W1"


def test_x_and_date_map_both_ways():
    scale = TimeScale.at_level(demo.START, "day")
    day = dt.date(2025, 3, 14)
    assert scale.date_at(scale.x(day)) == day
    assert scale.date_at(scale.x(day) + 27.9) == day
    assert scale.date_at(scale.x_end(day)) == day + dt.timedelta(days=1)
    assert scale.zoomed(2).px_per_day == 56 and scale.zoomed(2).level == "day"
    assert scale.zoomed(1 / 20).level == "month"


def test_stage_bands_and_nonworking_shading(plan):
    from planner.gantt.workdays import WeekCalendar

    lay = gantt_for(plan, scale=TimeScale.at_level(demo.START, "day"))
    bands = lay.stage_bands(plan.stages)
    assert [b.label for b in bands] == ["基础建设期", "生态规模化期", "规则制定期"]
    assert bands[0].x0 == 0 and bands[0].x1 == lay.scale.x(dt.date(2025, 7, 6)) == bands[1].x0
    holiday = {dt.date(2025, 1, 8): False}
    spans = lay.nonworking_in(WeekCalendar("1111100", holiday), 0, 28 * 14)
    assert spans[0] == (lay.scale.x(dt.date(2025, 1, 8)), lay.scale.x(dt.date(2025, 1, 9)))
    assert spans[1] == (lay.scale.x(dt.date(2025, 1, 11)), lay.scale.x(dt.date(2025, 1, 13)))
    month = gantt_for(plan, scale=TimeScale.at_level(demo.START, "month"))
    assert month.nonworking_in(WeekCalendar(), 0, 500) == []  # too narrow to see


def test_hit_testing_finds_edges_body_progress_and_link_handles(plan):
    lay = gantt_for(plan, scale=TimeScale.at_level(demo.START, "day"))
    bar = lay.bar(_row(lay, "TP-02"))
    y = bar.mid_y
    assert hit_test(lay, bar.x0 + 1, y).kind == START_EDGE
    assert hit_test(lay, bar.x1 - 1, y).kind == END_EDGE
    assert hit_test(lay, (bar.x0 + bar.x1) / 2, y).kind == BODY
    assert hit_test(lay, bar.progress_x, bar.y1 + 2).kind == PROGRESS
    assert hit_test(lay, bar.x1 + 6, y).kind == LINK_FROM_END
    hit = hit_test(lay, bar.x0 + 50, y)
    assert hit.task_id == plan.task_by_code["TP-02"].id
    assert hit_test(lay, 0, lay.height + 5) is None
    assert link_type("finish", "start") == "FS" and link_type("start", "finish") == "SF"


def test_vertical_segment_steps_past_bars_in_between():
    from planner.gantt import routing

    blocked = (95.0, 180.0)  # a bar in a row between the two tasks

    def clear(x, direction):
        if blocked[0] <= x <= blocked[1]:
            return blocked[1] + 8 if direction > 0 else blocked[0] - 8
        return x

    # FS with room: the column moves right of the blocking bar but stays before the successor
    pts = routing.route((90, 10), routing.OUT_RIGHT, (300, 60), routing.IN_HEADING_RIGHT, gap=8, corridor_y=48,
                        clear=clear)
    assert pts == [(90, 10), (188, 10), (188, 60), (300, 60)]
    # no room before the successor: dogleg, with the first column cleared as well
    pts = routing.route((90, 10), routing.OUT_RIGHT, (150, 60), routing.IN_HEADING_RIGHT, gap=8, corridor_y=48,
                        clear=clear)
    assert pts == [(90, 10), (188, 10), (188, 48), (142, 48), (142, 60), (150, 60)]


def test_layout_routes_avoid_a_bar_in_between(plan):
    lay = gantt_for(plan, schedule=dates_only(plan))
    lk = _link(lay, "TP-03", "TP-04")  # rows are adjacent: nothing to avoid, straight elbow
    p = lay.bar(lk.pred_row)
    assert lk.points[1][0] == p.x1 + LINK_GAP
    # between TP-02 and EC-01 lie TP-03 and TP-04; from inside TP-03 the column steps right past it
    finder = lay._column_finder(_row(lay, "TP-02"), _row(lay, "EC-01"))
    tp3 = lay.bar(_row(lay, "TP-03"))
    x = finder(tp3.x0 + 20, 1)
    assert x == tp3.x1 + 3 + LINK_GAP
    for code in ("TP-03", "TP-04"):
        b = lay.bar(_row(lay, code))
        assert not (b.x0 - 3 <= x <= b.x1 + 3), code


def test_a_plan_the_scheduler_refuses_still_draws_from_its_own_dates(plan):
    import copy

    from planner import model as m
    from planner.gantt.source import schedule_or_dates

    looped = copy.copy(plan)
    ids = plan.task_by_code
    cycle = m.Dependency(id=9999, predecessor_id=ids["TP-04"].id, successor_id=ids["TP-01"].id, type="FS")
    looped.dependencies = list(plan.dependencies) + [cycle]  # TP-01 -> TP-03 -> TP-04 -> TP-01
    from planner.errors import PlannerError
    from planner.schedule import schedule_plan

    with pytest.raises(PlannerError):
        schedule_plan(looped)
    result = schedule_or_dates(looped)
    assert result.timings[ids["TP-02"].id].start == ids["TP-02"].start_date  # the dates as entered
    assert not result.critical_path and all(t.total_float == 0 for t in result.timings.values())
    assert result.links[9999].state.value == "broken"  # TP-01 starts long before TP-04 ends
    lay = gantt_for(looped, result)
    assert any(lk.dependency_id == 9999 and lk.broken for lk in lay.links_in(0, lay.height))
