"""Chart kind "gantt": the Gantt view's geometry as a Figure (drawn by planner.charts.gantt)."""

from __future__ import annotations

from planner.charts.common import ChartContext, ChartResult


def build_gantt(ctx: ChartContext) -> ChartResult:
    from planner.charts.gantt import build_gantt_figure

    figure, data = build_gantt_figure(ctx.plan, ctx.schedule, scale=ctx.options.get("scale", "week"),
                                      lang=ctx.lang, today=ctx.today)
    return ChartResult("gantt", figure, data)
