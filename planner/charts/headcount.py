"""Head-count load per role (or team) by week or month: one small histogram each, over capacity in red."""

from __future__ import annotations

import numpy as np

from planner.capacity import MONTH, ROLE, WEEK, HeadcountLoad, headcount_load
from planner.charts.common import ChartContext, ChartResult, empty_note, new_figure, shorten

MAX_PANELS = 9
OVER, WITHIN, CAPACITY = "#d32f2f", "#5B8FF9", "#37474f"


def collect_headcount(ctx: ChartContext) -> HeadcountLoad:
    by = ctx.options.get("by", ROLE)
    unit = ctx.options.get("unit") or MONTH
    until = ctx.options.get("until")
    return headcount_load(ctx.plan, ctx.schedule, by=by, unit=unit, capacities=ctx.options.get("capacities"),
                          last=until)


def build_headcount(ctx: ChartContext) -> ChartResult:
    data = collect_headcount(ctx)
    shown = data.series[:MAX_PANELS]
    cols = min(3, max(len(shown), 1))
    rows = max(1, -(-len(shown) // cols))
    fig = new_figure(ctx, "headcount.title", (11.0, 1.2 + 2.3 * rows))
    if not shown:
        empty_note(fig, ctx.t("headcount.none"))
        return ChartResult("headcount", fig, data)
    x = np.arange(len(data.periods))
    labels = [data.label(n, ctx.lang) for n in range(len(data.periods))]
    step = max(1, len(labels) // 6)
    for number, series in enumerate(shown):
        ax = fig.add_subplot(rows, cols, number + 1)
        over = set(series.over())
        colours = [OVER if n in over else WITHIN for n in range(len(x))]
        ax.bar(x, series.heads, width=0.85, color=colours)
        if series.capacity is not None:
            ax.axhline(series.capacity, color=CAPACITY, linestyle="--", linewidth=1)
        title = shorten(series.key or ctx.t("headcount.no_team"), 22)
        if over:
            title += "  " + ctx.t("headcount.over", n=len(over))
        ax.set_title(title, fontsize=9, color=OVER if over else "#212121")
        ax.set_xticks(x[::step], labels[::step], fontsize=7, rotation=30)
        ax.tick_params(axis="y", labelsize=7)
        ax.set_ylabel(ctx.t("headcount.heads"), fontsize=7)
        ax.grid(axis="y", alpha=0.3)
    if len(data.series) > MAX_PANELS:
        fig.text(0.01, 0.005, ctx.t("headcount.more", n=len(data.series) - MAX_PANELS), fontsize=8, color="#616161")
    return ChartResult("headcount", fig, data)


__all__ = ["build_headcount", "collect_headcount", "WEEK", "MONTH"]
