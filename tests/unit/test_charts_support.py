"""A small FlagOS-like plan and a hand-made schedule, shared by the chart and report tests."""

from __future__ import annotations

import datetime as dt

from planner import model as m
from planner.document import Project
from planner.plan import Plan, load_plan
from planner.schedule.result import LinkState, LinkStatus, MilestoneForecast, ScheduleResult, TaskTiming
from planner.services import rows

START = dt.date(2025, 1, 6)
TODAY = dt.date(2025, 3, 3)  # week 9


def week(n: int, day: int = 0) -> dt.date:
    return START + dt.timedelta(weeks=n - 1, days=day)


def _add(project: Project, row) -> int:
    return project.run(rows.create_row, row).created


def build_small_project(name: str = "FlagOS 测试计划") -> Project:
    project = Project.new(name, START)
    project.run(rows.update_fields, m.Programme, 1, status_date=TODAY)
    s1 = _add(project, m.Stage(order=0, name="基础建设期", start_month=0, end_month=6))
    s2 = _add(project, m.Stage(order=1, name="生态规模化期", start_month=6, end_month=18))
    tp = _add(project, m.Module(order=0, name="技术产品", prefix="TP"))
    ec = _add(project, m.Module(order=1, name="生态建设", prefix="EC"))
    bm = _add(project, m.Module(order=2, name="商业模式", prefix="BM"))
    ids = {}
    spans = {
        "TP-01": (tp, s1, 1, 8, 1.0), "TP-02": (tp, s1, 4, 16, 0.2), "TP-03": (tp, s1, 6, 12, 0.5),
        "TP-04": (tp, s1, 17, 24, 0.0), "EC-01": (ec, s1, 1, 6, 1.0), "EC-02": (ec, s1, 3, 10, 0.6),
        "EC-04": (ec, s1, 8, 20, 0.1), "BM-01": (bm, s2, 27, 40, 0.0),
    }
    for order, (code, (mod, stage, w0, w1, progress)) in enumerate(spans.items()):
        ids[code] = _add(project, m.Task(code=code, name=f"{code} 建设内容", module_id=mod, stage_id=stage,
                                         order=order, start_date=week(w0), end_date=week(w1, 4), progress=progress))
    deps = [("TP-01", "TP-02", 1.0), ("TP-02", "TP-04", 1.0), ("TP-03", "TP-04", 1.0), ("TP-02", "EC-04", 0.3),
            ("EC-01", "EC-02", 1.0)]
    dep_ids = {}
    for pred, succ, threshold in deps:
        dep_ids[(pred, succ)] = _add(project, m.Dependency(predecessor_id=ids[pred], successor_id=ids[succ],
                                                            type="FS" if threshold == 1 else "SS", threshold=threshold))
    ms = [("内部测试完成", "TP-01", week(8, 4), week(8, 2)), ("芯片适配 25 款", "TP-02", week(16, 4), None),
          ("框架兼容通过", "TP-04", week(24, 4), None), ("社区上线", "EC-01", week(6, 4), None)]
    for order, (name, code, date, actual) in enumerate(ms):
        _add(project, m.Milestone(order=order, name=name, date=date, task_id=ids[code], actual_date=actual))
    teams = [_add(project, m.Team(order=i, name=n)) for i, n in enumerate(("技术研发部", "生态合作部", "商务部"))]
    for mod, team, role in [(tp, teams[0], "R"), (tp, teams[0], "A"), (ec, teams[1], "R"), (ec, teams[0], "A"),
                            (ec, teams[2], "C"), (bm, teams[2], "R")]:
        _add(project, m.RaciCell(module_id=mod, team_id=team, role=role))
    _add(project, m.RaciCell(task_id=ids["TP-03"], team_id=teams[1], role="R"))
    ind = [("IND-001", "AI芯片适配数量", tp, s1, 25, ">=", "款", "higher", [("2025-01", 1, 1), ("2025-02", 2, 3)]),
           ("IND-002", "昇腾算子性能提升", tp, s1, 10, ">=", "%", "higher", [("2025-01", 6, 6), ("2025-02", 11.2, 11.2)]),
           ("IND-003", "社区贡献者", ec, s1, 404, ">=", "人", "higher", [("2025-01", 150, 150), ("2025-02", 230, 380)]),
           ("IND-004", "服务响应时间", bm, s2, 4, "<=", "小时", "lower", [("2025-02", 6, 6)])]
    for order, (code, name, mod, stage, target, comp, unit, direction, readings) in enumerate(ind):
        iid = _add(project, m.Indicator(order=order, code=code, name=name, module_id=mod, stage_id=stage,
                                        target=target, comparator=comp, unit=unit, direction=direction,
                                        rule="ratio" if direction == "higher" else "inverse",
                                        target_text=f"{comp}{target}{unit}"))
        for period, value, cumulative in readings:
            note = "厂商协议延迟签署" if code == "IND-001" and period == "2025-02" else ""
            _add(project, m.Reading(indicator_id=iid, period=period, period_value=value,
                                    cumulative_value=cumulative, exception_note=note))
    for bname, taken, shift in [("第4周基线", week(4), 0), ("第8周基线", week(8), 1)]:
        bid = _add(project, m.Baseline(name=bname, taken_on=taken))
        for code, tid in ids.items():
            w0, w1 = spans[code][2], spans[code][3]
            _add(project, m.BaselineTask(baseline_id=bid, task_id=tid, start_date=week(w0 + shift),
                                         end_date=week(w1 + shift, 4)))
    return project


def small_plan() -> Plan:
    with build_small_project() as project:
        return project.read(load_plan)


def small_schedule(plan: Plan) -> ScheduleResult:
    """A schedule written by hand so each link state and each milestone status is known."""
    tasks = plan.task_by_code
    result = ScheduleResult(status_date=TODAY, project_start=START)
    critical = {"TP-01", "TP-02", "TP-04"}
    for task in plan.tasks:
        result.timings[task.id] = TaskTiming(task.id, task.start_date, task.end_date, task.start_date, task.end_date,
                                             task.start_date, task.end_date, 10, 0, 0, task.code in critical)
    states = {("TP-01", "TP-02"): LinkState.broken, ("TP-02", "TP-04"): LinkState.pending,
              ("TP-03", "TP-04"): LinkState.pending, ("TP-02", "EC-04"): LinkState.blocking,
              ("EC-01", "EC-02"): LinkState.satisfied}
    for dep in plan.dependencies:
        key = (plan.task_by_id[dep.predecessor_id].code, plan.task_by_id[dep.successor_id].code)
        result.links[dep.id] = LinkStatus(dep.id, dep.predecessor_id, dep.successor_id, states[key], dep.successor_id
                                          and tasks[key[1]].start_date, 0)
    result.critical_path = [tasks[c].id for c in ("TP-01", "TP-02", "TP-04")]
    statuses = {"内部测试完成": ("met", 0), "芯片适配 25 款": ("at_risk", 5), "框架兼容通过": ("on_track", 0),
                "社区上线": ("missed", 3)}
    for ms in plan.milestones:
        status, slip = statuses[ms.name]
        result.milestones[ms.id] = MilestoneForecast(ms.id, ms.date, ms.date + dt.timedelta(days=slip * 7 // 5),
                                                     status, slip)
    return result
