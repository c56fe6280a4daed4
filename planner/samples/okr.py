"""The OKR sample: delivery and exploration objectives, key results with targets, linked indicators and tasks."""

from __future__ import annotations

import datetime as dt

from planner import model as m
from planner.indicators.targets import parse_target
from planner.samples import okr_data
from planner.samples.writer import RowBook, add_months

D = dt.date
START = D(2025, 1, 6)
STATUS_DATE = D(2025, 2, 21)
DELIVERY, EXPLORATION = m.ObjectiveKind.delivery, m.ObjectiveKind.exploration

QUARTERS = [("第一季度", "2025Q1（0-3 个月）", 0, 3), ("第二季度", "2025Q2（3-6 个月）", 3, 6),
            ("第三季度", "2025Q3（6-9 个月）", 6, 9), ("第四季度", "2025Q4（9-12 个月）", 9, 12)]
MODULES = [("产品体验", "UX"), ("技术基座", "ARC"), ("创新探索", "INN"), ("团队能力", "TEAM")]

# The research centre's quarterly cases: (title, kind, [(KR title, 执行, 可衡量性, target as written)]).
CENTRE_OKRS = [
    ("通过核心技术突破，显著提升旗舰产品的用户体验与市场竞争力", DELIVERY, [
        ("性能体验", "将产品核心页面的关键交互响应时间（如列表加载、提交）从当前2秒降低至800毫秒以下",
         "确保95%的用户感知达标", "从当前2秒降低至800毫秒以下"),
        ("质量提升", "将影响核心用户流程的P0/P1级线上缺陷数量减少50%，并将平均故障恢复时间（MTTR）缩短至30分钟以内",
         "P0/P1级线上缺陷数量、MTTR", "减少50%"),
        ("技术赋能", "上线智能推荐引擎V2.0，驱动核心业务场景（如内容发现/商品推荐）的用户点击率提升15%",
         "核心业务场景的用户点击率", "提升15%"),
        ("用户价值验证", "通过A/B测试，验证至少2项由技术驱动的创新交互方案，并推动其中1项达到显著正向指标后全量发布",
         "验证通过的创新交互方案数量", "≥2项"),
    ]),
    ("打造高效、可靠且面向未来的技术基座，为业务未来两年的高速发展扫清障碍", DELIVERY, [
        ("研发效能", "通过推行容器化与改进CI/CD流水线，将新功能从代码提交到生产环境部署的平均周期从1周缩短至2天",
         "代码提交到生产部署的平均周期", "从1周缩短至2天"),
        ("系统可靠性", "实现核心微服务链路的关键监控与告警100%覆盖，并将系统整体可用性（SLA）从99.5%提升至99.9%",
         "系统整体可用性（SLA）", "99.5% → 99.9%"),
        ("债务治理", "完成对“核心交易模块”的历史技术债清理，使其代码复杂度降低20%，并建立可持续的技术债管理机制",
         "核心交易模块的代码复杂度", "降低20%"),
        ("能力沉淀", "建设并推广内部组件库/工具平台，使三个以上核心业务团队的新功能前端开发效率提升30%",
         "核心业务团队的前端开发效率", "提升30%"),
    ]),
    ("在战略性技术方向上取得关键进展，为公司开辟新的可能性", EXPLORATION, [
        ("技术预研", "完成“AI在垂直场景A中的应用”可行性研究，产出技术原型和详细的实施路径评估报告，获得技术委员会认可",
         "技术原型与评估报告获得技术委员会认可", ""),
        ("效率工具", "开发并内部推广一款能自动化解决“Y类重复性运维问题”的智能工具，将相关人工处理成本降低70%",
         "相关人工处理成本", "降低70%"),
        ("知识储备", "针对“Z新兴技术框架”，组织深度培训并完成一个概念验证项目，培养出至少2名该领域的内部专家",
         "培养出的内部专家人数", "≥2名"),
        ("创新文化", "成功举办本季度“黑客马拉松”，产出至少3个有潜在业务价值的创新原型，并推动其中1个进入产品化评估流程",
         "有潜在业务价值的创新原型数量", "≥3个"),
    ]),
]
# A second indicator on 质量提升: the MTTR part of the same key result.
EXTRA_INDICATORS = {("O1", "KR2"): ("平均故障恢复时间（MTTR）", "缩短至30分钟以内")}

# The architecture role's annual objectives (seed 000): kind and each KR's target as written.
ARCHITECT_KINDS = {"O1": DELIVERY, "O2": EXPLORATION, "O3": DELIVERY, "O4": EXPLORATION, "O5": DELIVERY,
                   "O6": DELIVERY}
ARCHITECT_TARGETS = {
    ("O1", "KR1"): "≥80%", ("O1", "KR2"): "≥80%", ("O2", "KR1"): "≥1项/季度", ("O2", "KR2"): "≥90%",
    ("O3", "KR1"): "≥2轮", ("O3", "KR2"): "≥1项", ("O3", "KR3"): "提升≥20%", ("O4", "KR1"): "≥1项",
    ("O4", "KR2"): "提升≥15%", ("O5", "KR1"): "提升≥20%", ("O5", "KR2"): "提高≥30%",
    ("O6", "KR1"): "提高≥25%", ("O6", "KR2"): "提升≥20%", ("O6", "KR3"): "≥1个",
}

# Tasks carrying the quarterly key results: (code, name, months from-to, (objective, KR), progress)
TASKS = [
    ("UX-01", "核心页面响应时间优化", (0, 3), ("O1", "KR1"), 0.5),
    ("UX-02", "P0/P1缺陷治理与MTTR缩短", (0, 3), ("O1", "KR2"), 0.4),
    ("UX-03", "智能推荐引擎V2.0上线", (0, 2), ("O1", "KR3"), 0.6),
    ("UX-04", "创新交互方案A/B测试", (1, 3), ("O1", "KR4"), 0.1),
    ("ARC-01", "容器化与CI/CD流水线改进", (0, 3), ("O2", "KR1"), 0.5),
    ("ARC-02", "核心链路监控告警全覆盖", (0, 1), ("O2", "KR2"), 0.9),
    ("ARC-03", "核心交易模块技术债清理", (1, 3), ("O2", "KR3"), 0.0),
    ("ARC-04", "内部组件库建设与推广", (0, 3), ("O2", "KR4"), 0.3),
    ("INN-01", "垂直场景AI应用可行性研究", (0, 2), ("O3", "KR1"), 0.3),
    ("INN-02", "重复性运维问题智能工具", (1, 3), ("O3", "KR2"), 0.1),
    ("INN-03", "新兴技术框架培训与概念验证", (0, 3), ("O3", "KR3"), 0.25),
    ("INN-04", "季度黑客马拉松", (2, 3), ("O3", "KR4"), 0.0),
]
DEPENDENCIES = [("UX-03", "UX-04", "SS", 2), ("ARC-02", "ARC-03", "FS", 0), ("INN-01", "INN-02", "SS", 2)]

# Monthly readings: (objective, KR or extra indicator name) -> [(period, value)]
READINGS = {
    ("O1", "性能体验"): [("2025-01", 1800.0), ("2025-02", 1300.0)],
    ("O1", "平均故障恢复时间（MTTR）"): [("2025-01", 55.0), ("2025-02", 45.0)],
    ("O1", "技术赋能"): [("2025-02", 6.0)],
    ("O2", "研发效能"): [("2025-01", 6.0), ("2025-02", 4.0)],
    ("O2", "系统可靠性"): [("2025-01", 99.6), ("2025-02", 99.7)],
    ("O2", "债务治理"): [("2025-02", 5.0)],
}


def build() -> RowBook:
    book = RowBook()
    book.add(m.Programme(name="研发中心 2025 OKR", start_date=START, status_date=STATUS_DATE,
                         notes="交付型与探索型目标建议按约 7:3 配置；双周对齐会、月度技术评审、季度深度复盘。"))
    quarters = []
    for i, (name, label, a, b) in enumerate(QUARTERS):
        quarters.append(book.add(m.Stage(order=i, name=name, label=label, start_month=a, end_month=b,
                         start_date=add_months(START, a), end_date=add_months(START, b) - dt.timedelta(days=1))))
    modules = {prefix: book.add(m.Module(order=i, name=name, prefix=prefix)) for i, (name, prefix) in enumerate(MODULES)}
    teams = {name: book.add(m.Team(order=i, name=name))
             for i, name in enumerate(["研发中心", "架构组", "产品管理部", "技术委员会"])}
    key_results = _add_objectives(book, teams)
    _add_tasks(book, modules, key_results, quarters[0])
    return book


def _add_objectives(book, teams) -> dict[tuple[str, str], m.KeyResult]:
    key_results: dict[tuple[str, str], m.KeyResult] = {}
    rows = []  # (code, title, kind, owner, period, [(kr code, title, plan, execution, measurability, steps, target)])
    for n, (title, kind, krs) in enumerate(CENTRE_OKRS, start=1):
        rows.append((f"O{n}", title, kind, "研发中心", "2025Q1",
                     [(f"KR{k}", t, "", execution, measure, "", target)
                      for k, (t, execution, measure, target) in enumerate(krs, start=1)]))
    for code, title, krs in okr_data.ARCHITECT_OKRS:
        new_code = f"O{len(rows) + 1}"
        rows.append((new_code, title, ARCHITECT_KINDS[code], "架构组", "2025",
                     [(*kr, ARCHITECT_TARGETS[(code, kr[0])]) for kr in krs]))
    for order, (code, title, kind, owner, period, krs) in enumerate(rows):
        objective = book.add(m.Objective(order=order, code=code, title=title, kind=kind.value, owner=owner,
                                         period=period))
        for k, (kr_code, kr_title, plan, execution, measure, steps, target_text) in enumerate(krs):
            kr = book.add(m.KeyResult(objective_id=objective.id, order=k, code=kr_code, title=kr_title, plan=plan,
                                      execution=execution, measurability=measure, steps=steps,
                                      target_text=target_text))
            key_results[(code, kr_code)] = kr
            owner_team = teams[owner]
            if target_text:
                _link_indicator(book, kr, code, kr_title, target_text, owner_team)
            else:
                kr.progress = 0.3  # no figure: progress is judged and entered by hand
            extra = EXTRA_INDICATORS.get((code, kr_code))
            if extra:
                _link_indicator(book, kr, code, extra[0], extra[1], owner_team)
    return key_results


def _link_indicator(book, kr, objective_code, name, text, team) -> None:
    target = parse_target(text)
    kr.baseline = kr.baseline if kr.baseline is not None else target.baseline
    kr.target = kr.target if kr.target is not None else target.value
    kr.unit = kr.unit or target.unit
    if target.baseline is not None:
        rule = m.AchievementRule.progress
    elif target.direction == m.Direction.lower.value:
        rule = m.AchievementRule.inverse
    else:
        rule = m.AchievementRule.ratio
    count = len(book.all(m.Indicator))
    indicator = book.add(m.Indicator(
        order=count, code=f"{objective_code}-{kr.code}" + ("" if name == kr.title else "-B"), name=name,
        target_text=text, baseline=target.baseline, target=target.value, comparator=target.comparator,
        unit=target.unit, direction=target.direction, rule=rule.value, owner_team_id=team.id,
        evaluation_method=kr.measurability, data_source="OKR 进度看板"))
    book.add(m.KeyResultLink(key_result_id=kr.id, indicator_id=indicator.id))
    for period, value in READINGS.get((objective_code, name), []):
        year, month = map(int, period.split("-"))
        book.add(m.Reading(indicator_id=indicator.id, period=period, period_value=value, cumulative_value=value,
                           test_date=min(STATUS_DATE, D(year, month, 28)), tester=team.name,
                           source="OKR 进度看板", verified=True))


def _add_tasks(book, modules, key_results, quarter: m.Stage) -> None:
    tasks = {}
    for order, (code, name, (a, b), kr_key, progress) in enumerate(TASKS):
        start, end = add_months(START, a), add_months(START, b) - dt.timedelta(days=1)
        status = m.TaskStatus.in_progress if progress > 0 else m.TaskStatus.not_started
        task = book.add(m.Task(
            code=code, module_id=modules[code.split("-")[0]].id, stage_id=quarter.id, order=order, name=name,
            actions=key_results[kr_key].execution, start_date=start, end_date=end,
            period_style=m.PeriodStyle.month.value, progress=progress,
            actual_start=start if progress > 0 else None, status=status.value,
            scheduling=m.Scheduling.manual.value))
        tasks[code] = task
        book.add(m.KeyResultLink(key_result_id=key_results[kr_key].id, task_id=task.id))
    for pred, succ, kind, lag_weeks in DEPENDENCIES:
        book.add(m.Dependency(predecessor_id=tasks[pred].id, successor_id=tasks[succ].id, type=kind,
                              lag=lag_weeks, lag_unit=m.LagUnit.week.value))
