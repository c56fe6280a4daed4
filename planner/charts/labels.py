"""Chinese and English wording of chart titles, axes and legends (charts are documents)."""

from __future__ import annotations

LANGS = ("zh", "en")

_TEXT: dict[str, tuple[str, str]] = {
    # titles
    "milestones.title": ("里程碑状态", "Milestone status"),
    "trend.title": ("里程碑趋势（滑移图）", "Milestone trend (slip chart)"),
    "network.title": ("依赖状态网络", "Dependency status"),
    "indicators.title": ("指标达成率", "Indicator achievement"),
    "indicator_trend.title": ("指标累计值趋势", "Indicator cumulative trend"),
    "heatmap.title": ("阶段 × 模块 完成度", "Stage × module completion"),
    "heatmap.health_title": ("阶段 × 模块 健康度", "Stage × module health"),
    "raci.title": ("团队 RACI 负荷（R / A 数量）", "RACI load per team (R and A held)"),
    "headcount.title": ("人力负荷（按角色，每月人数）", "Head-count load per role (heads per month)"),
    "owner.title": ("负责人负荷（负责的任务数）", "Load per owner (tasks owned)"),
    "owner.none": ("未指定负责人", "No owner"),
    "owner.tasks": ("{n} 项", "{n} tasks"),
    "gantt.title": ("甘特图", "Gantt chart"),
    # common
    "today": ("今天", "Today"),
    "status_date": ("统计日期", "Status date"),
    "date": ("日期", "Date"),
    "no_stage": ("未分阶段", "No stage"),
    "no_module": ("未分模块", "No module"),
    "nothing": ("无数据", "No data"),
    # milestones
    "ms.planned": ("计划日期", "Planned"),
    "ms.forecast": ("预测 / 实际日期", "Forecast / actual"),
    "met": ("已达成", "Met"),
    "on_track": ("正常", "On track"),
    "at_risk": ("有风险", "At risk"),
    "missed": ("已延误", "Missed"),
    "ms.none": ("此计划没有里程碑", "This plan has no milestones"),
    "trend.report_date": ("报告日期（基线）", "Report date (baseline)"),
    "trend.forecast": ("预测完成日期", "Forecast date"),
    "trend.diagonal": ("报告日 = 预测日", "Report date = forecast"),
    "trend.too_few": (
        "已保存基线 {n} 个：至少需要 2 个基线才能画出趋势。\n请在每次周报 / 月度复盘时保存一个基线。",
        "{n} baseline(s) saved: the trend needs at least two.\nSave a baseline at each weekly or monthly review.",
    ),
    "trend.unlinked": (
        "{n} 个里程碑未关联任务，无法从基线追踪",
        "{n} milestone(s) are not linked to a task and cannot be traced in baselines",
    ),
    # network
    "satisfied": ("已满足", "Satisfied"),
    "pending": ("待满足", "Pending"),
    "blocking": ("阻塞", "Blocking"),
    "broken": ("冲突（计划早于前置允许）", "Broken (planned before allowed)"),
    "critical": ("关键路径", "Critical path"),
    "network.problems_only": (
        "共 {total} 个任务：仅显示阻塞 / 冲突相关的 {shown} 个任务",
        "{total} tasks: only the {shown} tasks in blocking or broken links are shown",
    ),
    "network.no_problems": (
        "共 {total} 个任务：没有阻塞或冲突的依赖", "{total} tasks: no blocking or broken dependencies",
    ),
    "network.none": ("此计划没有任务", "This plan has no tasks"),
    # indicators
    "ind.rate": ("达成率", "Achievement"),
    "ind.band": ("目标 ±10%", "Target ±10%"),
    "ind.no_rate": ("无达成率", "no rate"),
    "ind.off": ("偏差", "off"),
    "ind.none": ("此计划没有指标", "This plan has no indicators"),
    "ind.unrated": ("另有 {n} 个指标尚无达成率（无目标值或尚无填报）", "{n} more indicators have no rate yet (no target or no reading)"),
    "ind.omitted": ("另有 {n} 个指标未画出（每图最多 12 个，偏差超标的优先）",
                    "{n} more indicators not drawn (12 per chart, off-target first)"),
    "ind.without_readings": ("{n} 个指标尚无填报数据", "{n} indicators have no readings yet"),
    "ind.expected": ("应达", "due"),
    "ind.expected_mark": ("按阶段进度应达", "Due by now (pro-rated)"),
    "ind.target": ("目标", "Target"),
    "ind.cumulative": ("累计值", "Cumulative"),
    "ind.period": ("统计周期", "Period"),
    "ind.no_readings": ("尚无填报数据", "No readings yet"),
    # heatmap
    "heat.stage": ("阶段", "Stage"),
    "heat.module": ("模块", "Module"),
    "heat.completion": ("完成度", "Completion"),
    "heat.health": ("按期任务占比", "Share of tasks on time"),
    "heat.tasks": ("{n} 项任务", "{n} tasks"),
    "heat.empty": ("无任务", "no tasks"),
    # raci
    "raci.team": ("团队", "Team"),
    "raci.count": ("R + A 数量", "R + A held"),
    "raci.none": ("此计划没有 RACI 分配", "This plan has no RACI assignments"),
    "raci.total": ("合计", "Total"),
    "raci.more": ("……另有 {n} 项 RACI 问题", "… and {n} more RACI problems"),
    "raci.all_stages": ("不分阶段", "Not by stage"),
    # head-count load
    "headcount.heads": ("人数", "Heads"),
    "headcount.none": ("此计划的任务没有带人数的角色", "No task of this plan has roles with head-counts"),
    "headcount.no_team": ("未分团队", "No team"),
    "headcount.over": ("超出容量 {n} 期", "over capacity in {n} periods"),
    "headcount.more": ("……另有 {n} 个角色 / 团队", "… and {n} more roles or teams"),
}


def text(key: str, lang: str = "zh", **values: object) -> str:
    """The wording of `key` in `lang` ("zh" or "en"), with `{name}` fields filled in."""
    zh, en = _TEXT[key]
    chosen = en if lang == "en" else zh
    return chosen.format(**values) if values else chosen


def normalise_lang(lang: str | None) -> str:
    """Accept "zh", "zh_CN", "en", "en_US" ...; anything Chinese maps to "zh"."""
    if not lang:
        return "zh"
    return "en" if lang.lower().startswith("en") else "zh"
