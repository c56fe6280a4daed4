"""The samples' report snapshots (saved baselines) tell a consistent story and draw a slip chart."""

import datetime as dt

import pytest

from planner import model as m
from planner.charts import build_chart
from planner.document.project import Project
from planner.plan import load_plan
from planner.samples import sample_path
from planner.samples.snapshots import Report, task_at
from planner.schedule import schedule_plan

D = dt.date


def _load(name: str):
    with Project.open(sample_path(name), read_only=True) as project:
        return project.read(load_plan)


@pytest.fixture(scope="module", params=["flagos", "otlp_rust"])
def plan(request):
    return _load(request.param)


def _snapshot(plan, baseline) -> dict[str, m.BaselineTask]:
    return {plan.task_by_id[bt.task_id].code: bt for bt in plan.baseline_tasks if bt.baseline_id == baseline.id}


def _trend(plan):
    result = build_chart("milestone-trend", plan, schedule_plan(plan), lang="zh")
    result.figure.clear()
    return {s.name: [forecast for _day, forecast in s.points] for s in result.data.series}, result.data


def test_every_snapshot_covers_every_task_before_the_status_date(plan):
    status = plan.programme.status_date
    assert len(plan.baselines) >= 2
    days = [b.taken_on for b in plan.baselines]
    assert days == sorted(days) and days[-1] < status
    for baseline in plan.baselines:
        assert set(_snapshot(plan, baseline)) == {t.code for t in plan.tasks}, baseline.name


def test_snapshots_agree_with_what_was_actually_reported(plan):
    """Progress only grows, up to the status date's; finished tasks show their actual dates; a task
    not yet started is never forecast to have started in the past."""
    tasks = plan.task_by_code
    previous: dict[str, float] = {}
    for baseline in plan.baselines:
        day = baseline.taken_on
        for code, bt in _snapshot(plan, baseline).items():
            task = tasks[code]
            assert bt.start_date <= bt.end_date, (baseline.name, code)
            assert previous.get(code, 0.0) <= bt.progress <= task.progress, (baseline.name, code)
            started = task.actual_start is not None and task.actual_start <= day
            finished = task.actual_finish is not None and task.actual_finish <= day
            if finished:
                assert (bt.progress, bt.end_date) == (1.0, task.actual_finish), (baseline.name, code)
            elif started:
                assert 0 < bt.progress < 1 and bt.start_date == task.actual_start, (baseline.name, code)
            else:
                assert bt.progress == 0 and bt.start_date > day, (baseline.name, code)
            previous[code] = bt.progress


def test_flagos_slip_chart_shows_stage1_drifting_later():
    flagos = _load("flagos")
    assert [(b.name, b.taken_on) for b in flagos.baselines] == [
        ("2025-01 月度复盘", D(2025, 1, 31)), ("2025-02 月度复盘", D(2025, 2, 28)), ("2025-03 月度复盘", D(2025, 3, 31))]
    lines, data = _trend(flagos)
    assert data.message is None and data.baseline_count == 3 and len(data.series) == 8
    assert all(len(points) == 4 for points in lines.values())  # three reports and the status date
    for name in ("通过第三方适配测试", "Jenkins测试通过率100%", "发布2项标准", "POC完成率100%"):  # TP-02, TP-03, EC-02, EC-04
        forecasts = lines[name]
        assert forecasts == sorted(forecasts) and (forecasts[-1] - forecasts[0]).days >= 21, name
        assert len({b - a for a, b in zip(forecasts, forecasts[1:])}) > 1, f"{name}: the line should bend"
    assert lines["完成内部测试"] == [D(2025, 3, 2)] + [D(2025, 2, 28)] * 3  # TP-01 met two days early
    assert lines["基金会注册完成"] == [D(2025, 2, 16)] + [D(2025, 2, 14)] * 3  # EC-01


def test_otlp_slip_chart_has_two_reports_and_small_slips():
    otlp = _load("otlp_rust")
    assert [b.taken_on for b in otlp.baselines] == [D(2025, 2, 14), D(2025, 2, 28)]
    lines, data = _trend(otlp)
    assert data.message is None and all(len(points) == 3 for points in lines.values())
    testing = lines["完成测试体系建立"]
    assert testing[0] == D(2025, 3, 31) < testing[1] < testing[2]
    assert lines["完成核心代码架构重构"] == [D(2025, 2, 24)] * 3


def test_a_report_naming_an_unknown_task_is_refused():
    from planner.samples.snapshots import add_reports
    from planner.samples.writer import RowBook

    task = m.Task(id=1, code="A-01", start_date=D(2025, 1, 6), end_date=D(2025, 1, 31))
    with pytest.raises(KeyError, match="B-02"):
        add_reports(RowBook(), {"A-01": task}, [Report("r", D(2025, 1, 10), slip={"B-02": 7})])


def test_a_late_unstarted_task_is_forecast_to_start_on_the_next_weekday():
    task = m.Task(code="A-01", start_date=D(2025, 1, 27), end_date=D(2025, 3, 28))
    report = Report("r", D(2025, 1, 31))  # a Friday: the planned start has passed, the task has not started
    assert task_at(task, report) == (D(2025, 2, 3), D(2025, 3, 28), 0.0)
    slipped = Report("r", D(2025, 1, 31), slip={"A-01": 14})
    assert task_at(task, slipped) == (D(2025, 2, 10), D(2025, 4, 11), 0.0)
