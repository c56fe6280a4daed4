"""A small FlagOS-shaped plan for GUI tests: 2 stages x 2 modules, tasks, RACI, indicators, OKRs."""

from __future__ import annotations

import datetime as dt

from planner import model as m
from planner.document import Project

START = dt.date(2025, 1, 6)  # a Monday: week 1


def week(n: int, last: bool = False) -> dt.date:
    return START + dt.timedelta(days=7 * (n - 1) + (6 if last else 0))


def flagos_like(path=None) -> Project:
    """A plan with the shapes of the FlagOS seed; saved to `path` when given."""
    project = Project.new("FlagOS 测试计划", START)
    with project.session() as s:
        s1 = m.Stage(order=0, name="基础建设期", label="第一阶段（0-6 个月）：基础建设期", start_month=0, end_month=6)
        s2 = m.Stage(order=1, name="生态扩张期", label="第二阶段（6-18 个月）：生态扩张期", start_month=6, end_month=18)
        tp = m.Module(order=0, name="技术产品", prefix="TP", priority="high")
        ec = m.Module(order=1, name="生态建设", prefix="EC", priority="medium")
        s.add_all([s1, s2, tp, ec])
        s.flush()
        s.add_all([
            m.RoadmapCell(stage_id=s1.id, module_id=tp.id, scope="1. 核心组件开发 2. 多芯片适配",
                          actions="1. FlagGEMs 迭代 3 个版本", acceptance="1. 适配 AI 芯片≥25 款",
                          evaluation_method="第三方测试报告", data_source="适配测试报告存档库"),
            m.RoadmapCell(stage_id=s1.id, module_id=ec.id, scope="1. 开源基金会成立", actions="1. 提交注册材料"),
        ])
        tasks = []
        for order, (code, mod, name, a, b, roles) in enumerate([
            ("TP-01", tp, "核心组件开发", 1, 8, "算子组工程师×8、架构师×2"),
            ("TP-02", tp, "多芯片适配", 4, 22, "适配工程师×12"),
            ("TP-03", tp, "框架兼容适配", 6, 12, "框架工程师×4"),
            ("EC-01", ec, "开源基金会成立", 1, 12, "社区运营×2"),
        ]):
            task = m.Task(code=code, module_id=mod.id, stage_id=s1.id, order=order, name=name,
                          start_date=week(a), end_date=week(b, last=True), roles_text=roles,
                          milestone_text=f"第{b}周完成", risk_response="提前储备资源")
            s.add(task)
            tasks.append(task)
        s.flush()
        s.add(m.Dependency(predecessor_id=tasks[0].id, successor_id=tasks[1].id, text="TP-01核心组件开发完成"))
        s.add(m.Dependency(predecessor_id=tasks[0].id, successor_id=tasks[2].id))
        core, eco, pmo = (m.Team(order=i, name=n) for i, n in enumerate(["核心技术部", "生态发展部", "项目管理部"]))
        s.add_all([core, eco, pmo])
        s.flush()
        s.add_all([
            m.RaciCell(module_id=tp.id, team_id=core.id, role="R"),
            m.RaciCell(module_id=tp.id, team_id=pmo.id, role="A"),
            m.RaciCell(module_id=ec.id, team_id=eco.id, role="R"),  # no A: a violation
            m.DivisionOfWork(module_id=tp.id, decision_maker="CTO/技术负责人", cadence="每周2次同步会"),
        ])
        chips = m.Indicator(order=0, code="IND-001", name="AI芯片适配数量", module_id=tp.id, stage_id=s1.id,
                            target_text="25款（0-6月）", target=25, unit="款")
        perf = m.Indicator(order=1, code="IND-002", name="昇腾算子性能提升", module_id=tp.id, stage_id=s1.id,
                           target_text="≥10%", target=10, unit="%")
        s.add_all([chips, perf])
        s.flush()
        s.add_all([
            m.Reading(indicator_id=chips.id, period="2025-03", period_value=5, cumulative_value=15,
                      tester="测试员甲", source="适配测试报告库", exception_note="无，按计划推进"),
            m.Reading(indicator_id=perf.id, period="2025-03", period_value=11.2, cumulative_value=11.2),
        ])
        o1 = m.Objective(order=0, code="O1", title="完成多芯片适配", kind="delivery")
        o2 = m.Objective(order=1, code="O2", title="探索新商业模式", kind="exploration")
        s.add_all([o1, o2])
        s.flush()
        kr1 = m.KeyResult(objective_id=o1.id, order=0, code="KR1", title="适配 25 款芯片", target_text="25款")
        kr2 = m.KeyResult(objective_id=o2.id, order=0, code="KR1", title="签约 10 家会员", progress=0.5)
        s.add_all([kr1, kr2])
        s.flush()
        s.add_all([m.KeyResultLink(key_result_id=kr1.id, indicator_id=chips.id),
                   m.KeyResultLink(key_result_id=kr1.id, task_id=tasks[1].id)])
    if path is not None:
        project.save_as(path)
    return project
