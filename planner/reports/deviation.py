"""Deviation analysis (偏差分析报告): one section per indicator more than 10% off, PDF and Excel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.patches import FancyBboxPatch

from planner.i18n import _
from planner.charts.common import ChartContext
from planner.charts.indicators import TrendPanel, draw_trend_panel
from planner.charts.rates import IndicatorStatus, indicator_statuses
from planner.document.atomic import atomic_write
from planner.errors import ExportFailed
from planner.plan import Plan
from planner.reports.pages import MARGIN_X, PageSet, Progress, wrap
from planner.schedule.result import ScheduleResult

FILL_IN = ("cause", "action", "owner", "deadline")


def _t(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


def off_target(plan: Plan, today: dt.date | None = None) -> list[IndicatorStatus]:
    """Indicators more than 10% off what was due by `today` (default: the status date), worst first."""
    found = [s for s in indicator_statuses(plan, today) if s.off_target]
    return sorted(found, key=lambda s: (s.deviation, s.indicator.order))


def figures_of(plan: Plan, status: IndicatorStatus, lang: str) -> list[tuple[str, str]]:
    """The indicator's figures as (label, value) pairs, shared by the PDF and the workbook."""
    ind, latest = status.indicator, status.latest
    module, stage = plan.module_by_id.get(ind.module_id), plan.stage_by_id.get(ind.stage_id)
    team = plan.team_by_id.get(ind.owner_team_id)
    return [
        (_t(lang, "指标编码", "Code"), ind.code),
        (_t(lang, "模块", "Module"), module.name if module else ""),
        (_t(lang, "阶段", "Stage"), stage.name if stage else ""),
        (_t(lang, "阶段目标", "Target"), ind.target_text or f"{ind.comparator}{ind.target:g}{ind.unit}"),
        (_t(lang, "基线", "Baseline"), "" if ind.baseline is None else f"{ind.baseline:g}{ind.unit}"),
        (_t(lang, "累计实际值", "Cumulative actual"), f"{status.status.actual:g}{ind.unit}"),
        (_t(lang, "达成率", "Achievement"), f"{status.rate:.1%}"),
        (_t(lang, "按阶段进度应达", "Due by now (pro-rated)"), f"{status.expected:.1%}"),
        (_t(lang, "偏差", "Deviation"), f"{status.deviation:+.1%}"),
        (_t(lang, "统计周期", "Period"), latest.period),
        (_t(lang, "测试时间", "Test date"), latest.test_date.isoformat() if latest.test_date else ""),
        (_t(lang, "测试人员", "Tester"), latest.tester),
        (_t(lang, "数据来源", "Source"), latest.source or ind.data_source),
        (_t(lang, "双源验证", "Dual-source verified"), _t(lang, "是", "yes") if latest.verified else _t(lang, "否", "no")),
        (_t(lang, "责任团队", "Owner team"), team.name if team else ""),
    ]


def write_deviation_pdf(
    plan: Plan,
    path: Path | str,
    *,
    schedule: ScheduleResult | None = None,
    lang: str = "zh",
    today: dt.date | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> Path:
    target = _checked(path, ".pdf")
    ctx = ChartContext(plan, schedule, lang, today)
    statuses = off_target(plan, ctx.today)
    steps = Progress(len(statuses) + 1, progress)
    pages = PageSet(_t(ctx.lang, "偏差分析报告", "Deviation analysis"),
                    f"{plan.programme.name}  ·  {_t(ctx.lang, '统计日期', 'Status date')} {ctx.today}",
                    _t(ctx.lang, "偏差超过 10% 的指标须在 1 周内提交原因分析与整改措施",
                       "Indicators more than 10% off need a cause and corrective action within one week"))
    if not statuses:
        fig = pages.new_page(_t(ctx.lang, "没有偏差超过 10% 的指标", "No indicator is more than 10% off"))
        fig.text(MARGIN_X, 0.8, _t(ctx.lang, "所有有数据的指标都在目标 ±10% 以内。",
                                   "Every indicator with data is within 10% of its target."), fontsize=11)
    for status in statuses:
        _section(pages, ctx, status)
        steps.step(status.name)
    figures = pages.finish()
    try:
        with atomic_write(target) as tmp, PdfPages(tmp, metadata={"Title": pages.title, "Creator": "Roadmap Planner"}) as pdf:
            for fig in figures:
                pdf.savefig(fig)
    except OSError as exc:
        raise ExportFailed(_("Could not write {name}: {value}", name=target.name, value=exc.strerror or exc), where=str(target)) from exc
    steps.step(target.name)
    return target


def _checked(path: Path | str, suffix: str) -> Path:
    target = Path(path)
    if target.suffix.lower() != suffix:
        raise ExportFailed(_("'{name}' should end in {suffix}.", name=target.name, suffix=suffix), where=str(target))
    if not target.parent.is_dir():
        raise ExportFailed(_("The folder {parent} does not exist.", parent=target.parent), where=str(target))
    return target


def _section(pages: PageSet, ctx: ChartContext, status: IndicatorStatus) -> None:
    lang, ind = ctx.lang, status.indicator
    fig = pages.new_page(f"{ind.code}  {ind.name}")
    y = 0.845
    for label, value in figures_of(ctx.plan, status, lang):
        lines = wrap(value, 40, 2)
        fig.text(MARGIN_X, y, label, fontsize=9, color="#616161", va="top")
        fig.text(MARGIN_X + 0.13, y, "\n".join(lines), fontsize=9, va="top",
                 color="#c62828" if label in (_t(lang, "达成率", "Achievement"), _t(lang, "偏差", "Deviation")) else "#212121")
        y -= 0.026 + 0.017 * (len(lines) - 1)
    readings = ctx.plan.readings_of.get(ind.id, [])
    panel = TrendPanel(ind.code, _t(lang, "累计值趋势", "Cumulative trend"), [r.period for r in readings],
                       [r.cumulative_value for r in readings], ind.target, ind.unit, True)
    ax = fig.add_axes((0.47, 0.47, 0.48, 0.37))
    draw_trend_panel(ax, ctx, panel)
    boxes = [(_t(lang, "异常说明（填报时）", "Exception note (as reported)"), status.exception_note or _t(lang, "（未填写）", "(none given)")),
             (_t(lang, "原因分析（如技术瓶颈、市场变化）", "Cause (e.g. technical bottleneck, market change)"), ""),
             (_t(lang, "纠正措施与下一阶段指标调整", "Corrective action and next-stage adjustment"), ""),
             (_t(lang, "责任人 / 完成期限", "Owner / deadline"), "")]
    top = 0.435
    for index, (label, value) in enumerate(boxes):
        height = 0.06 if index in (0, 3) else 0.1
        _box(fig, label, value, top, height)
        top -= height + 0.012


def _box(fig, label: str, value: str, top: float, height: float) -> None:
    fig.patches.append(FancyBboxPatch((MARGIN_X, top - height), 1 - 2 * MARGIN_X, height, boxstyle="round,pad=0.003",
                                      transform=fig.transFigure, facecolor="white", edgecolor="#9e9e9e", figure=fig))
    fig.text(MARGIN_X + 0.006, top - 0.008, label, fontsize=8.5, color="#1a237e", fontweight="bold", va="top")
    if value:
        fig.text(MARGIN_X + 0.006, top - 0.03, "\n".join(wrap(value, 160, 2)), fontsize=9, va="top")
