"""Indicator achievement against 100% with the ±10% band, and cumulative trends by period."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from planner.charts.common import (
    ChartContext,
    ChartResult,
    empty_note,
    label_inches,
    legend_on_top,
    mark_reusable,
    new_figure,
    reused_figure,
    shorten,
)
from planner.indicators.status import period_end
from planner.charts.rates import BAND, IndicatorStatus, indicator_statuses

COLOURS = {"below": "#d32f2f", "above_off": "#d32f2f", "within": "#43a047", "above": "#1e88e5", "none": "#bdbdbd"}
EXPECTED_COLOUR = "#212121"
MAX_TREND_PANELS = 12


@dataclass
class AchievementData:
    group_by: str
    unrated: int = 0  # indicators with no rate yet (no target or no reading)
    groups: list[tuple[str, list[IndicatorStatus]]] = field(default_factory=list)

    @property
    def statuses(self) -> list[IndicatorStatus]:
        return [s for _, items in self.groups for s in items]

    def by_code(self, code: str) -> IndicatorStatus:
        return next(s for s in self.statuses if s.code == code)

    @property
    def off_target(self) -> list[IndicatorStatus]:
        return [s for s in self.statuses if s.off_target]


def collect_achievement(ctx: ChartContext, group_by: str = "module", include_unrated: bool = False) -> AchievementData:
    """Indicators grouped by module or stage; those without a rate yet are only counted."""
    plan = ctx.plan
    statuses = indicator_statuses(plan, ctx.today)
    unrated = [s for s in statuses if s.rate is None]
    if not include_unrated:
        statuses = [s for s in statuses if s.rate is not None]
    if group_by == "stage":
        order = [(s.id, s.name) for s in plan.stages]
        key = lambda ind: ind.stage_id  # noqa: E731
    else:
        group_by = "module"
        order = [(x.id, x.name) for x in plan.modules]
        key = lambda ind: ind.module_id  # noqa: E731
    data = AchievementData(group_by, unrated=len(unrated))
    known = {gid for gid, _ in order}
    for gid, name in order + [(None, ctx.t("no_stage" if group_by == "stage" else "no_module"))]:
        items = [s for s in statuses if (key(s.indicator) if key(s.indicator) in known else None) == gid]
        if items:
            data.groups.append((name, items))
    return data


def build_indicator_achievement(ctx: ChartContext) -> ChartResult:
    data = collect_achievement(ctx, ctx.options.get("group_by", "module"), ctx.options.get("include_unrated", False))
    rows = len(data.statuses) + len(data.groups)
    labels = [g for g, _ in data.groups] + [shorten(st.name, 26) for st in data.statuses]
    fig = new_figure(ctx, "indicators.title", (11, min(max(4.0, 1.8 + 0.32 * rows), 40)),
                     margins=(0.3 + label_inches(labels), 0.3, 0.8, 0.8))
    if not data.statuses:
        empty_note(fig, ctx.t("ind.unrated", n=data.unrated) if data.unrated else ctx.t("ind.none"))
        return ChartResult("indicators", fig, data)
    ax = fig.add_subplot()
    labels, y = [], 0
    top = max([1.5] + [s.rate for s in data.statuses if s.rate is not None])
    for group, items in data.groups:
        labels.append(group)
        y += 1
        for status in items:
            _bar(ax, ctx, status, y, top)
            labels.append(shorten(status.name, 26))
            y += 1
    ax.set_yticks(range(len(labels)), labels)
    for tick, label in zip(ax.get_yticklabels(), _group_flags(data)):
        if label:
            tick.set_fontweight("bold")
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.axvspan(1 - BAND, 1 + BAND, color="#c8e6c9", alpha=0.6, zorder=0)
    ax.axvline(1.0, color="#2e7d32", linewidth=1.5, zorder=1)
    ax.set_xlim(0, top * 1.18)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.set_xlabel(ctx.t("ind.rate"))
    ax.grid(axis="x", color="#e0e0e0")
    handles = [Patch(color="#c8e6c9", label=ctx.t("ind.band"))] + [
        Patch(color=COLOURS[k], label=text) for k, text in _legend_text(ctx).items()
    ] + [Line2D([], [], color=EXPECTED_COLOUR, linewidth=2, label=ctx.t("ind.expected_mark"))]
    legend_on_top(ax, handles)
    if data.unrated:
        ax.set_xlabel(f"{ctx.t('ind.rate')}    ({ctx.t('ind.unrated', n=data.unrated)})")
    return ChartResult("indicators", fig, data)


def _group_flags(data: AchievementData) -> list[bool]:
    flags = []
    for _, items in data.groups:
        flags += [True] + [False] * len(items)
    return flags


def _legend_text(ctx: ChartContext) -> dict[str, str]:
    if ctx.lang == "en":
        return {"below": "More than 10% short", "within": "Within ±10%", "above": "Ahead", "none": "No rate"}
    return {"below": "落后 10% 以上", "within": "±10% 以内", "above": "超前", "none": "无达成率"}


def _bar(ax, ctx: ChartContext, status: IndicatorStatus, y: int, top: float) -> None:
    if status.rate is None:
        ax.text(0.01, y, ctx.t("ind.no_rate"), va="center", fontsize=8, color="#757575")
        return
    colour = COLOURS[status.band]
    ax.barh(y, status.rate, height=0.6, color=colour, zorder=2)
    label = f"{status.rate:.0%}"
    if status.expected < 0.995:  # a cumulative target part-way through its stage: show what is due by now
        ax.plot([status.expected] * 2, [y - 0.38, y + 0.38], color=EXPECTED_COLOUR, linewidth=2, zorder=3)
        label += f" ({ctx.t('ind.expected')} {status.expected:.0%})"
    if status.off_target:
        label += f"  {ctx.t('ind.off')} {status.deviation:+.0%}"
    ax.text(status.rate + top * 0.01, y, label, va="center", fontsize=8, zorder=3,
            color=colour if status.off_target else "#212121", fontweight="bold" if status.off_target else "normal")


# --- cumulative trend by period -------------------------------------------------------------
@dataclass
class TrendPanel:
    code: str
    name: str
    periods: list[str]
    cumulative: list[float | None]
    target: float | None
    unit: str
    off_target: bool


@dataclass
class IndicatorTrendData:
    panels: list[TrendPanel] = field(default_factory=list)
    omitted: int = 0  # indicators left out beyond MAX_TREND_PANELS (off-target ones come first)
    without_readings: int = 0  # indicators with no reading yet (no panel)


def collect_indicator_trend(ctx: ChartContext, codes: list[str] | None = None) -> IndicatorTrendData:
    all_statuses = indicator_statuses(ctx.plan, ctx.today)
    statuses = list(all_statuses)
    if codes is not None:
        statuses = [s for s in statuses if s.code in codes]
    with_readings = [s for s in statuses if ctx.plan.readings_of.get(s.indicator.id)]
    statuses = with_readings if codes is None else statuses
    statuses.sort(key=lambda s: (not s.off_target, s.rate is None, s.indicator.order))
    data = IndicatorTrendData(omitted=max(len(statuses) - MAX_TREND_PANELS, 0),
                              without_readings=len(all_statuses) - len(with_readings) if codes is None else 0)
    until = ctx.options.get("until")  # a report's last day: no point of a later period
    for status in statuses[:MAX_TREND_PANELS]:
        readings = ctx.plan.readings_of.get(status.indicator.id, [])
        if until is not None:
            readings = [r for r in readings if (period_end(r.period) or until) <= until]
        data.panels.append(
            TrendPanel(status.code, status.name, [r.period for r in readings], [r.cumulative_value for r in readings],
                       status.indicator.target, status.indicator.unit, status.off_target)
        )
    return data


def build_indicator_trend(ctx: ChartContext) -> ChartResult:
    """Small multiples; redrawn into `options["figure"]` when it has the same panels (dashboard)."""
    data = collect_indicator_trend(ctx, ctx.options.get("codes"))
    cols = min(3, max(len(data.panels), 1))
    rows = max(1, -(-len(data.panels) // cols))
    height = 3.0 * rows + 1.4
    layout = ("indicator_trend.title", rows, cols, len(data.panels))
    fig = reused_figure(ctx, layout) if data.panels else None
    if fig is None:
        fig = new_figure(ctx, "indicator_trend.title", (4.2 * cols + 1, height), margins=(0.6, 0.3, 1.0, 0.55))
        if not data.panels:
            empty_note(fig, ctx.t("ind.none"))
            return ChartResult("indicator-trend", fig, data)
        fig.subplots(rows, cols, squeeze=False, gridspec_kw={"wspace": 0.22, "hspace": 0.5})
    axes = fig.axes
    for ax, panel in zip(axes, data.panels):
        draw_trend_panel(ax, ctx, panel, legend=False)
    for ax in axes[len(data.panels):]:
        ax.set_axis_off()
    handles = [Line2D([], [], color="#1565c0", marker="o", label=ctx.t("ind.cumulative")),
               Line2D([], [], color="#2e7d32", linestyle="--", label=ctx.t("ind.target")),
               Patch(color="#c8e6c9", label=ctx.t("ind.band"))]
    extras = [fig.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 1 - 0.36 / height), ncol=3,
                         fontsize=8, frameon=False)]
    notes = []
    if data.omitted:
        notes.append(ctx.t("ind.omitted", n=data.omitted))
    if data.without_readings:
        notes.append(ctx.t("ind.without_readings", n=data.without_readings))
    if notes:
        extras.append(fig.text(0.01, 0.005, "；".join(notes) if ctx.lang == "zh" else "; ".join(notes), fontsize=8,
                               color="#616161"))
    mark_reusable(fig, layout, extras)
    return ChartResult("indicator-trend", fig, data)


def draw_trend_panel(ax, ctx: ChartContext, panel: TrendPanel, legend: bool = True) -> None:
    """One indicator: cumulative value per period against its target and the ±10% band."""
    # y=1.0 fixes the title just above the axes: nothing is drawn on top, so there is no need for
    # matplotlib to measure every tick label to find room for it (a third of a 12-panel redraw)
    ax.set_title(shorten(panel.name, 24), fontsize=10, color="#c62828" if panel.off_target else "#212121", y=1.0)
    if not panel.periods:
        ax.text(0.5, 0.5, ctx.t("ind.no_readings"), ha="center", va="center", transform=ax.transAxes, color="#757575")
        ax.set_xticks([])
        ax.set_yticks([])
        return
    x = np.arange(len(panel.periods))
    values = [np.nan if v is None else v for v in panel.cumulative]
    if panel.target is not None:
        ax.axhspan(panel.target * (1 - BAND), panel.target * (1 + BAND), color="#c8e6c9", alpha=0.6)
        ax.axhline(panel.target, color="#2e7d32", linestyle="--", linewidth=1.2,
                   label=f"{ctx.t('ind.target')} {panel.target:g}{panel.unit}")
    ax.plot(x, values, marker="o", color="#1565c0", label=ctx.t("ind.cumulative"))
    ax.set_xticks(x, panel.periods, fontsize=8, rotation=30 if len(x) > 4 else 0)
    ax.tick_params(axis="y", labelsize=8)
    ax.grid(color="#eeeeee")
    if legend:  # "best" placement measures every point; small multiples share one legend instead
        ax.legend(fontsize=7, loc="best", frameon=False)
    elif panel.target is not None:
        ax.text(0.99, 0.02, f"{ctx.t('ind.target')} {panel.target:g}{panel.unit}", transform=ax.transAxes,
                ha="right", va="bottom", fontsize=7, color="#2e7d32")
    ax.set_ylim(bottom=min(0, np.nanmin(values) if not np.all(np.isnan(values)) else 0))
