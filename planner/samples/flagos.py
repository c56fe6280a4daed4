"""The FlagOS sample: 3 stages x 6 modules, indicators, stage tasks, division of work, readings."""

from __future__ import annotations

import datetime as dt
import re

from planner import model as m
from planner.indicators.from_cell import propose
from planner.indicators.rates import default_rule
from planner.indicators.targets import parse_target
from planner.raci import division_to_raci, split_teams
from planner.samples import flagos_data as data
from planner.samples.snapshots import Report, add_reports
from planner.samples.writer import RowBook, add_months, parse_roles, week_end, week_span

START = dt.date(2025, 1, 6)  # a Monday: week 1 starts here
STATUS_DATE = dt.date(2025, 4, 18)  # Friday of week 15

STAGES = [
    ("基础建设期", "第一阶段（0-6 个月）：基础建设期", 0, 6,
     "核心组件、多芯片适配与框架兼容就绪，基金会、社区、会员体系与运营机制完成搭建"),
    ("生态规模化期", "第二阶段（6-18 个月）：生态规模化期", 6, 18,
     "芯片适配扩容与模型自动迁移，社区激励、高校合作、会员规模与品牌影响力规模化"),
    ("规则制定期", "第三阶段（18-36 个月）：规则制定期", 18, 36,
     "主导国际标准，全栈闭环与 API 平台开放，形成稳定盈利与全球品牌权威"),
]
MODULES = [("技术产品", "TP"), ("生态建设", "EC"), ("商业模式", "BM"),
           ("用户增长", "UG"), ("品牌传播", "BC"), ("运营迭代", "OI")]

# The statistics template names two stage-1 indicators its own way (阶段目标 as typed there).
TEMPLATE_NAMES = {
    (0, "技术产品", "适配 AI 芯片"): ("AI芯片适配数量", "25款（0-6月）"),
    (0, "技术产品", "昇腾算子性能提升"): ("昇腾算子性能提升", "≥10%"),
}

# Progress reported by the status date: code -> (progress, actual start, actual finish).
PROGRESS = {
    "TP-01": (1.0, START, dt.date(2025, 2, 28)),
    "EC-01": (1.0, START, dt.date(2025, 2, 14)),
    "OI-01": (1.0, START, dt.date(2025, 2, 28)),
    "EC-03": (1.0, dt.date(2025, 1, 27), dt.date(2025, 3, 21)),
    "TP-03": (0.8, dt.date(2025, 2, 10), None),
    "BC-01": (0.85, START, None),
    "TP-02": (0.35, dt.date(2025, 2, 3), None),
    "EC-02": (0.5, dt.date(2025, 1, 20), None),
    "EC-04": (0.15, dt.date(2025, 3, 3), None),
    "UG-01": (0.6, START, None),
    "BM-01": (0.3, START, None),
}

# Risk categories for the stage-1 risk responses (技术 / 进度 / 质量).
RISK_CATEGORY = {"TP-01": "技术风险", "TP-02": "进度风险", "TP-03": "技术风险", "TP-04": "进度风险",
                 "EC-01": "进度风险", "EC-02": "进度风险", "EC-03": "进度风险", "EC-04": "质量风险"}

# Dependencies as written: (successor, predecessor, threshold).
DEPENDENCIES = [("TP-02", "TP-01", 1.0), ("TP-03", "TP-01", 1.0), ("TP-04", "TP-02", 1.0),
                ("TP-04", "TP-03", 1.0), ("EC-02", "TP-01", 1.0), ("EC-03", "TP-01", 1.0),
                ("EC-04", "TP-02", 0.3)]

# Monthly readings: indicator name -> [(period, this month, cumulative, note, verified)].
READINGS = {
    "AI芯片适配数量": [("2025-01", 2, 2, "", True), ("2025-02", 4, 6, "", True),
                   ("2025-03", 4, 10, "", True), ("2025-04", 5, 15, "无，按计划推进", True)],
    "昇腾算子性能提升": [("2025-02", 4.5, 4.5, "", True), ("2025-03", 8.0, 8.0, "", True),
                 ("2025-04", 11.2, 11.2, "新增3个优化算子，效果超预期", True)],
    "框架兼容通过率": [("2025-03", 72.0, 72.0, "", True), ("2025-04", 85.0, 85.0, "", True)],
    "全球贡献者": [("2025-02", 60, 60, "", True), ("2025-03", 70, 130, "", True),
              ("2025-04", 50, 180, "首次社区贡献活动延期两周，贡献者增长放缓", False)],
    "数据准确率": [("2025-03", 99.3, 99.3, "", True), ("2025-04", 99.5, 99.5, "", True)],
}
READING_SOURCE = {"AI芯片适配数量": "适配测试报告库", "昇腾算子性能提升": "FlagPerf平台"}
TESTER = {"技术产品": "适配测试组", "生态建设": "社区运营组", "运营迭代": "数据监控组"}

# Task-level RACI for the stage-1 tasks: the module's R, A and I, with the collaborators each
# task actually draws on (C). "每个任务明确唯一责任团队" (one responsible team per task).
TASK_CONSULTED = {
    "TP-01": "质量测试部", "TP-02": "芯片厂商技术团队、质量测试部", "TP-03": "质量测试部",
    "TP-04": "运维部、芯片厂商技术团队", "EC-01": "法务部", "EC-02": "核心技术部",
    "EC-03": "核心技术部、品牌公关部", "EC-04": "核心技术部",
}

# 每月末复盘: each month-end review saved the forecast as a baseline. Stage 1 drifts later from
# review to review: TP-02 started a week late and adapts slowly, EC-04 started a week late and waits
# on TP-02, TP-03 missed its week-12 exit, which with TP-02 pushes TP-04's verification; TP-01,
# EC-01 and EC-03 finish (nearly) on time. The scheduler's forecast at the status date (from
# PROGRESS) is the slip chart's next point.
REPORTS = [
    Report("2025-01 月度复盘", dt.date(2025, 1, 31),
           progress={"TP-01": 0.55, "EC-01": 0.7, "EC-02": 0.1, "EC-03": 0.05, "BM-01": 0.05,
                     "UG-01": 0.15, "BC-01": 0.25, "OI-01": 0.5}),
    Report("2025-02 月度复盘", dt.date(2025, 2, 28),
           progress={"TP-02": 0.1, "TP-03": 0.3, "EC-02": 0.25, "EC-03": 0.5, "BM-01": 0.15,
                     "UG-01": 0.35, "BC-01": 0.55},
           slip={"TP-02": 7, "EC-02": 7, "EC-04": 7}),
    Report("2025-03 月度复盘", dt.date(2025, 3, 31),
           progress={"TP-02": 0.3, "TP-03": 0.65, "EC-02": 0.4, "EC-04": 0.1, "BM-01": 0.25,
                     "UG-01": 0.5, "BC-01": 0.75},
           slip={"TP-02": 21, "TP-03": 14, "TP-04": 21, "EC-02": 14, "EC-04": 14, "UG-01": 7, "BC-01": 14}),
]

NOTES = (
    "数据校验：所有量化指标需满足“双源验证”，系统统计数据需搭配人工审核记录。\n"
    "异常处理：指标偏差＞10%时，1 周内提交《偏差分析报告》，明确原因与整改措施。\n"
    "数据上报：每周五 18:00 前提交指标数据；每月末复盘；每阶段末开展 3 天复盘会。"
)


def build() -> RowBook:
    book = RowBook()
    book.add(m.Programme(name="FlagOS", start_date=START, status_date=STATUS_DATE, notes=NOTES))
    stages = [book.add(m.Stage(order=i, name=name, label=label, goal=goal, start_month=a, end_month=b,
                               start_date=add_months(START, a),
                               end_date=add_months(START, b) - dt.timedelta(days=1)))
              for i, (name, label, a, b, goal) in enumerate(STAGES)]
    modules = {name: book.add(m.Module(order=i, name=name, prefix=prefix))
               for i, (name, prefix) in enumerate(MODULES)}
    teams = _add_division(book, modules)
    _add_cells_and_indicators(book, stages, modules, teams)
    tasks = _add_tasks(book, stages, modules)
    _add_task_raci(book, tasks, modules, teams)
    _add_dependencies(book, tasks)
    _add_milestones(book, tasks, stages)
    _add_risks(book, tasks, modules, teams)
    _add_readings(book, stages[0])
    add_reports(book, tasks, REPORTS)
    return book


# --- division of work and RACI ----------------------------------------------------------
def _add_division(book: RowBook, modules: dict[str, m.Module]) -> dict[str, m.Team]:
    """Teams in order of first mention (departments, then decision makers) and module RACI."""
    departments: list[str] = []
    for _module, responsible, collaborating, *_rest in data.DIVISION:
        for team in split_teams(responsible) + split_teams(collaborating):
            if team not in departments and not team.startswith("所有"):
                departments.append(team)
    deciders = [row[3] for row in data.DIVISION]
    teams = {name: book.add(m.Team(order=i, name=name)) for i, name in enumerate(departments + deciders)}
    for module_name, responsible, collaborating, decider, roles, cadence in data.DIVISION:
        module = modules[module_name]
        book.add(m.DivisionOfWork(module_id=module.id, decision_maker=decider,
                                  executing_roles=roles, cadence=cadence))
        for a in division_to_raci(responsible, collaborating, decider, all_teams=departments):
            book.add(m.RaciCell(module_id=module.id, team_id=teams[a.team].id, role=a.role))
    return teams


def responsible_team(module_name: str) -> str:
    row = next(r for r in data.DIVISION if r[0] == module_name)
    return split_teams(row[1])[0]


# --- roadmap cells and indicators --------------------------------------------------------
def _add_cells_and_indicators(book, stages, modules, teams) -> None:
    for stage_index, module_name, scope, actions, acceptance, method, source in data.CELLS:
        stage, module = stages[stage_index], modules[module_name]
        book.add(m.RoadmapCell(stage_id=stage.id, module_id=module.id, scope=scope, actions=actions,
                               acceptance=acceptance, evaluation_method=method, data_source=source))
        owner = teams[responsible_team(module_name)]
        proposals = propose(acceptance, evaluation_method=method, data_source=source,
                            taken_codes={i.code for i in book.all(m.Indicator)},
                            extra={"module_id": module.id, "stage_id": stage.id, "owner_team_id": owner.id})
        for p in (p for p in proposals if p.addable):
            name, text = TEMPLATE_NAMES.get((stage_index, module_name, p.name), (p.name, p.target_text))
            target = parse_target(text)
            fields = {**p.fields(), "name": name, "target_text": text, "unit": target.unit,
                      "direction": target.direction, "rule": default_rule(target.direction)}
            book.add(m.Indicator(order=len(book.all(m.Indicator)), baseline=target.baseline, target=target.value,
                                 comparator=target.comparator, **fields))


# --- tasks ---------------------------------------------------------------------------------
def _add_tasks(book, stages, modules) -> dict[str, m.Task]:
    by_prefix = {x.prefix: x for x in modules.values()}
    rows = []  # (code, stage, name, actions, span, roles, milestone, risk, acceptance)
    for code, name, actions, span, roles, _deps, milestone, risk in data.STAGE1_TASKS:
        rows.append((code, stages[0], name, actions, span, roles, milestone, risk, ""))
    for _module, code, actions, deadline, acceptance in data.OTHER_STAGE1:
        name = re.split(r"[，,]", actions)[0]
        rows.append((code, stages[0], name, actions, f"第1-{deadline.strip('第周')}周", "", "", "", acceptance))
    for stage_index, _module, code, name, actions, span, acceptance, roles in data.LATER_TASKS:
        rows.append((code, stages[stage_index], name, actions, span, roles, "", "", acceptance))
    tasks: dict[str, m.Task] = {}
    roles_by_name: dict[str, m.Role] = {}
    for order, (code, stage, name, actions, span, roles, milestone, risk, acceptance) in enumerate(rows):
        start, end = week_span(START, span)
        progress, actual_start, actual_finish = PROGRESS.get(code, (0.0, None, None))
        status = (m.TaskStatus.done if progress >= 1 else
                  m.TaskStatus.in_progress if progress > 0 else m.TaskStatus.not_started)
        task = book.add(m.Task(
            code=code, module_id=by_prefix[code.split("-")[0]].id, stage_id=stage.id, order=order,
            name=name, actions=actions, start_date=start, end_date=end,
            period_style=m.PeriodStyle.week.value, progress=progress, actual_start=actual_start,
            actual_finish=actual_finish, roles_text=roles, milestone_text=milestone,
            acceptance=acceptance, risk_response=risk, status=status.value,
            scheduling=m.Scheduling.manual.value))
        tasks[code] = task
        for index, (role_name, headcount) in enumerate(parse_roles(roles)):
            if role_name not in roles_by_name:
                roles_by_name[role_name] = book.add(m.Role(name=role_name))
            role = roles_by_name[role_name]
            book.add(m.TaskRole(task_id=task.id, role_id=role.id, headcount=headcount, order=index))
    return tasks


def _add_task_raci(book, tasks, modules, teams) -> None:
    name_of = {x.id: x.name for x in modules.values()}
    for code, consulted in TASK_CONSULTED.items():
        task = tasks[code]
        row = next(r for r in data.DIVISION if r[0] == name_of[task.module_id])
        for a in division_to_raci(split_teams(row[1])[0], consulted, row[3]):
            book.add(m.RaciCell(task_id=task.id, team_id=teams[a.team].id, role=a.role))


def _add_dependencies(book, tasks) -> None:
    written = {row[0]: row[5] for row in data.STAGE1_TASKS}
    for successor, predecessor, threshold in DEPENDENCIES:
        book.add(m.Dependency(predecessor_id=tasks[predecessor].id, successor_id=tasks[successor].id,
                              type=m.DepType.FS.value, threshold=threshold, text=written[successor]))


def _add_milestones(book, tasks, stages) -> None:
    for code, *_rest, milestone, _risk in data.STAGE1_TASKS:
        match = re.match(r"第(\d+)周(.*)", milestone)
        week, rest = int(match.group(1)), match.group(2)
        task = tasks[code]
        done = task.actual_finish if task.progress >= 1 else None
        book.add(m.Milestone(order=len(book.all(m.Milestone)), name=re.split(r"[，,]", rest)[0],
                             date=week_end(START, week), criterion=milestone, task_id=task.id,
                             stage_id=stages[0].id, actual_date=done))


def _add_risks(book, tasks, modules, teams) -> None:
    for code, *_rest, risk in data.STAGE1_TASKS:
        description, _, response = risk.partition("：")
        task = tasks[code]
        module = next(x for x in modules.values() if x.id == task.module_id)
        book.add(m.Risk(order=len(book.all(m.Risk)), category=RISK_CATEGORY[code],
                        description=description, response=response,
                        owner=responsible_team(module.name), task_id=task.id, module_id=module.id))


def _add_readings(book, running_stage: m.Stage) -> None:
    by_name = {}
    for indicator in book.all(m.Indicator):
        if indicator.stage_id == running_stage.id:  # readings are for the running stage
            by_name.setdefault(indicator.name, indicator)
    module_name = {x.id: x.name for x in book.all(m.Module)}
    for name, rows in READINGS.items():
        indicator = by_name[name]
        for period, value, cumulative, note, verified in rows:
            year, month = map(int, period.split("-"))
            test_date = min(STATUS_DATE, add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1))
            book.add(m.Reading(
                indicator_id=indicator.id, period=period, period_value=float(value),
                cumulative_value=float(cumulative), test_date=test_date,
                tester=TESTER.get(module_name[indicator.module_id], ""),
                source=READING_SOURCE.get(name, indicator.data_source.split("、")[0]),
                exception_note=note, verified=verified,
                # 双源验证: the department head's check before figures go to 项目管理部
                verified_by="项目管理部" if verified else ""))
