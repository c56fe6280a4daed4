"""A small FlagOS-shaped plan (stage-1 tasks from the seed, with a baseline) for the Gantt tests."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from planner import model as m
from planner.changes import Area, Changes

START = dt.date(2025, 1, 6)  # a Monday: week 1 starts here

_MODULES = [("技术产品", "TP"), ("生态建设", "EC"), ("商业模式", "BM"), ("用户增长", "UG"), ("品牌传播", "BC"), ("运营迭代", "OI")]
_STAGES = [("基础建设期", 0, 6), ("生态规模化期", 6, 18), ("规则制定期", 18, 36)]
# code, module prefix, stage index, name, first week, last week, roles, progress
_TASKS = [
    ("TP-01", "TP", 0, "核心组件开发（FlagGEMs/FlagTree/FlagCX）", 1, 8, "算子组工程师×8、架构师×2", 1.0),
    ("TP-02", "TP", 0, "多芯片适配", 4, 22, "适配工程师×12、测试工程师×6", 0.4),
    ("TP-03", "TP", 0, "框架兼容适配", 6, 12, "框架工程师×4、自动化测试工程师×3", 0.6),
    ("TP-04", "TP", 0, "性能优化验证", 20, 24, "性能工程师×5、运维工程师×2", 0.0),
    ("EC-01", "EC", 0, "开源基金会成立", 1, 6, "生态负责人×1、法务专员×2", 1.0),
    ("EC-02", "EC", 0, "技术标准发布", 3, 18, "标准专员×3、技术架构师×2", 0.5),
    ("EC-03", "EC", 0, "社区初始搭建", 4, 10, "社区运营×4、技术文档工程师×2", 0.8),
    ("EC-04", "EC", 0, "核心伙伴联动", 8, 24, "合作经理×6、技术支持工程师×4", 0.2),
    ("BM-01", "BM", 0, "三级会员体系", 24, 24, "", 0.0),
    ("UG-01", "UG", 0, "“10分钟上手”教程", 12, 16, "开发者运营×3", 0.3),
    ("BC-01", "BC", 0, "品牌VI设计与社群搭建", 6, 12, "设计专员×2", 0.5),
    ("OI-01", "OI", 0, "核心指标监控面板", 2, 8, "数据监控专员×2", 0.9),
    ("TP-05", "TP", 1, "芯片适配扩容+模型迁移工具开发", 25, 60, "适配工程师×15、AI工具开发工程师×5", 0.0),
    ("EC-05", "EC", 1, "社区激励+高校合作", 25, 72, "社区运营×6、高校对接专员×3", 0.0),
    ("BM-02", "BM", 1, "会员扩张+增值服务变现", 25, 72, "销售顾问×15、认证运营×4", 0.0),
    ("UG-02", "UG", 1, "品牌赛事+开发者成长闭环", 30, 72, "活动策划×5、开发者运营×8", 0.0),
    ("TP-06", "TP", 2, "国际标准主导+全栈闭环", 73, 144, "标准工程师×4、全栈开发工程师×10", 0.0),
    ("EC-06", "EC", 2, "生态网络+产学研融合", 73, 144, "合作经理×8、科研对接专员×3", 0.0),
    ("BM-03", "BM", 2, "收入优化+盈利稳定", 73, 144, "销售总监×2、商业产品经理×3", 0.0),
]
# predecessor, successor, type, threshold, text
_LINKS = [
    ("TP-01", "TP-02", "FS", 1.0, "TP-01核心组件开发完成"),
    ("TP-01", "TP-03", "FS", 1.0, "TP-01核心组件开发完成"),
    ("TP-02", "TP-04", "FS", 1.0, "TP-02、TP-03完成"),
    ("TP-03", "TP-04", "FS", 1.0, "TP-02、TP-03完成"),
    ("TP-01", "EC-02", "SS", 1.0, "TP-01核心组件技术方案确定"),
    ("TP-01", "EC-03", "FS", 1.0, "TP-01核心组件基础版开发完成"),
    ("TP-02", "EC-04", "FS", 0.3, "TP-02芯片适配完成30%"),
    ("TP-04", "TP-05", "FS", 1.0, ""),
    ("TP-05", "TP-06", "FS", 1.0, ""),
    ("EC-05", "EC-06", "FF", 1.0, ""),
]


def week_span(first: int, last: int, origin: dt.date = START) -> tuple[dt.date, dt.date]:
    """第first-last周 as dates: Monday of the first week to Friday of the last."""
    return origin + dt.timedelta(weeks=first - 1), origin + dt.timedelta(weeks=last - 1, days=4)


def fill_demo(s: Session) -> Changes:
    """Add the demo stages, modules, tasks, links, milestones and a baseline to an empty plan."""
    stages = [m.Stage(order=i, name=n, start_month=a, end_month=b) for i, (n, a, b) in enumerate(_STAGES)]
    modules = [m.Module(order=i, name=n, prefix=p) for i, (n, p) in enumerate(_MODULES)]
    s.add_all(stages + modules)
    s.flush()
    by_prefix = {mod.prefix: mod for mod in modules}
    tasks = {}
    for order, (code, prefix, stage, name, w0, w1, roles, progress) in enumerate(_TASKS):
        start, end = week_span(w0, w1)
        tasks[code] = m.Task(code=code, name=name, module_id=by_prefix[prefix].id, stage_id=stages[stage].id,
                             order=order, start_date=start, end_date=end, roles_text=roles, progress=progress,
                             is_milestone=code == "BM-01", actual_start=start if progress > 0 else None,
                             actual_finish=end if progress >= 1 else None)
    s.add_all(tasks.values())
    s.flush()
    for pred, succ, kind, threshold, text in _LINKS:
        s.add(m.Dependency(predecessor_id=tasks[pred].id, successor_id=tasks[succ].id, type=kind,
                           threshold=threshold, text=text))
    s.add(m.Milestone(order=0, name="内部测试完成", date=week_span(8, 8)[1], task_id=tasks["TP-01"].id))
    s.add(m.Milestone(order=1, name="第一阶段复盘", date=dt.date(2025, 7, 4)))
    base = m.Baseline(name="初始基线", taken_on=START)
    s.add(base)
    s.flush()
    for code, task in tasks.items():
        shift = dt.timedelta(weeks=1 if code in ("TP-02", "EC-04", "TP-04") else 0)
        s.add(m.BaselineTask(baseline_id=base.id, task_id=task.id, start_date=task.start_date - shift,
                             end_date=task.end_date - shift))
    return Changes(Area.ALL)
