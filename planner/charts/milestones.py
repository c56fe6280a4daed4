"""Milestone status on a time axis by stage, and the milestone trend (slip) chart."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from matplotlib.dates import AutoDateLocator
from matplotlib.lines import Line2D

from planner import model as m
from planner.charts.common import (
    MODULE_PALETTE,
    STATUS_COLOURS,
    TODAY_COLOUR,
    ChartContext,
    ChartResult,
    date_formatter,
    empty_note,
    legend_on_top,
    label_inches,
    new_figure,
    shorten,
    stage_name,
)

STATUS_ORDER = ("met", "on_track", "at_risk", "missed")


@dataclass(frozen=True)
class MilestonePoint:
    milestone_id: int
    name: str
    stage: str
    planned: dt.date
    forecast: dt.date  # the actual date once met
    status: str
    colour: str
    slip_days: int


@dataclass
class MilestoneStatusData:
    points: list[MilestonePoint] = field(default_factory=list)
    today: dt.date | None = None

    def by_name(self) -> dict[str, MilestonePoint]:
        return {p.name: p for p in self.points}


def milestone_status(ctx: ChartContext, milestone: m.Milestone) -> tuple[str, dt.date, int]:
    """(status, forecast-or-actual date, slip) of one milestone: user override, then schedule."""
    forecast = ctx.schedule.milestones.get(milestone.id) if ctx.schedule else None
    if milestone.actual_date is not None:
        date = milestone.actual_date
    elif forecast is not None:
        date = forecast.forecast
    else:
        task = ctx.plan.task_by_id.get(milestone.task_id) if milestone.task_id else None
        date = task.end_date if task is not None else milestone.date
    slip = forecast.slip_days if forecast is not None else (date - milestone.date).days
    if milestone.status:
        return milestone.status, date, slip
    if forecast is not None:
        return forecast.status, date, slip
    return _status_without_schedule(milestone, date, ctx.today), date, slip


def _status_without_schedule(milestone: m.Milestone, date: dt.date, today: dt.date) -> str:
    if milestone.actual_date is not None:
        return "met" if milestone.actual_date <= milestone.date else "missed"
    if milestone.date < today:
        return "missed"
    return "at_risk" if date > milestone.date else "on_track"


def collect_milestones(ctx: ChartContext) -> MilestoneStatusData:
    plan = ctx.plan
    stage_order = {s.id: i for i, s in enumerate(plan.stages)}
    points = []
    for milestone in plan.milestones:
        stage_id = milestone.stage_id
        if stage_id is None and milestone.task_id in plan.task_by_id:
            stage_id = plan.task_by_id[milestone.task_id].stage_id
        status, date, slip = milestone_status(ctx, milestone)
        points.append(
            (
                stage_order.get(stage_id, len(stage_order)),
                MilestonePoint(
                    milestone.id, milestone.name, stage_name(plan, stage_id, ctx), milestone.date,
                    date, status, STATUS_COLOURS.get(status, "#757575"), slip,
                ),
            )
        )
    points.sort(key=lambda item: (item[0], item[1].planned, item[1].milestone_id))
    return MilestoneStatusData([p for _, p in points], ctx.today)


def build_milestone_status(ctx: ChartContext) -> ChartResult:
    data = collect_milestones(ctx)
    rows = _rows_with_stage_headers(data.points)
    height = min(max(3.5, 1.6 + 0.34 * len(rows)), 40)
    labels = [row if isinstance(row, str) else shorten(row.name, 30) for row in rows]
    fig = new_figure(ctx, "milestones.title", (11, height), margins=(0.3 + label_inches(labels), 0.3, 0.8, 0.75))
    if not data.points:
        empty_note(fig, ctx.t("ms.none"))
        return ChartResult("milestones", fig, data)
    ax = fig.add_subplot()
    _draw_status_rows(ax, ctx, rows)
    _date_axis(ax, ctx.lang)
    ax.axvline(ctx.today, color=TODAY_COLOUR, linestyle="--", linewidth=1.2)
    ax.annotate(ctx.t("today"), (ctx.today, 0.0), xycoords=("data", "axes fraction"), xytext=(3, 3),
                textcoords="offset points", color=TODAY_COLOUR, fontsize=8, va="bottom")
    legend_on_top(ax, _status_legend(ctx))
    return ChartResult("milestones", fig, data)


def _rows_with_stage_headers(points: list[MilestonePoint]) -> list[str | MilestonePoint]:
    """One header row per stage (a str) followed by its milestones (points come sorted by stage)."""
    rows: list[str | MilestonePoint] = []
    stage = None
    for point in points:
        if point.stage != stage:
            stage = point.stage
            rows.append(stage)
        rows.append(point)
    return rows


def _draw_status_rows(ax, ctx: ChartContext, rows: list) -> None:
    labels = []
    band = -1
    for y, row in enumerate(rows):
        if isinstance(row, str):
            band += 1
            labels.append(row)
            continue
        if band % 2 == 0:
            ax.axhspan(y - 0.5, y + 0.5, color="#f3f5f7", zorder=0)
        labels.append(shorten(row.name, 30))
        if row.forecast != row.planned:
            ax.plot([row.planned, row.forecast], [y, y], color=row.colour, linewidth=1.5, zorder=2)
        ax.plot(row.planned, y, marker="D", markersize=8, markerfacecolor="white",
                markeredgecolor="#616161", zorder=3)
        ax.plot(row.forecast, y, marker="D", markersize=9, color=row.colour, zorder=4)
        if row.slip_days > 0:
            ax.annotate(_slip_label(ctx, row.slip_days), (max(row.forecast, row.planned), y),
                        xytext=(8, 0), textcoords="offset points", va="center", fontsize=8, color=row.colour)
    ax.set_yticks(range(len(rows)), labels)
    for tick, row in zip(ax.get_yticklabels(), rows):
        if isinstance(row, str):  # stage headers: CJK fonts have no bold, so colour sets them apart
            tick.set_fontweight("bold")
            tick.set_color("#1a237e")
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.grid(axis="x", color="#e0e0e0")
    ax.margins(x=0.08)


def _slip_label(ctx: ChartContext, days: int) -> str:
    return f"+{days}天" if ctx.lang == "zh" else f"+{days} d"


def _date_axis(ax, lang: str) -> None:
    locator = AutoDateLocator(minticks=4, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(date_formatter(locator, lang))


def _status_legend(ctx: ChartContext) -> list[Line2D]:
    handles = [
        Line2D([], [], marker="D", linestyle="", markerfacecolor="white", markeredgecolor="#616161",
               label=ctx.t("ms.planned"))
    ]
    for status in STATUS_ORDER:
        handles.append(Line2D([], [], marker="D", linestyle="", color=STATUS_COLOURS[status], label=ctx.t(status)))
    return handles


# --- trend (slip chart) ---------------------------------------------------------------------
@dataclass(frozen=True)
class TrendSeries:
    milestone_id: int
    name: str
    points: tuple[tuple[dt.date, dt.date], ...]  # (report date, forecast date)
    colour: str


@dataclass
class MilestoneTrendData:
    baseline_count: int
    series: list[TrendSeries] = field(default_factory=list)
    unlinked: int = 0  # milestones without a task cannot be traced through baselines
    message: str | None = None  # shown on the chart instead of a trend


def collect_trend(ctx: ChartContext) -> MilestoneTrendData:
    plan = ctx.plan
    until = ctx.options.get("until")  # a report's last day: no baseline taken later
    baselines = sorted((b for b in plan.baselines if until is None or b.taken_on <= until),
                       key=lambda b: (b.taken_on, b.id))
    data = MilestoneTrendData(len(baselines))
    data.unlinked = sum(1 for ms in plan.milestones if ms.task_id is None)
    if len(baselines) < 2:
        data.message = ctx.t("trend.too_few", n=len(baselines))
        return data
    ends = {(bt.baseline_id, bt.task_id): bt.end_date for bt in plan.baseline_tasks}
    for index, milestone in enumerate(ms for ms in plan.milestones if ms.task_id is not None):
        points = [(b.taken_on, ends[(b.id, milestone.task_id)]) for b in baselines if (b.id, milestone.task_id) in ends]
        _, current, _ = milestone_status(ctx, milestone)
        if not points or ctx.today > points[-1][0]:
            points.append((ctx.today, current))
        data.series.append(
            TrendSeries(milestone.id, milestone.name, tuple(points), MODULE_PALETTE[index % len(MODULE_PALETTE)])
        )
    return data


def build_milestone_trend(ctx: ChartContext) -> ChartResult:
    data = collect_trend(ctx)
    fig = new_figure(ctx, "trend.title", (11, 7))
    if data.message or not data.series:
        empty_note(fig, data.message or ctx.t("ms.none"))
        return ChartResult("milestone_trend", fig, data)
    ax = fig.add_subplot()
    for series in data.series:
        xs, ys = zip(*series.points)
        ax.plot(xs, ys, marker="o", markersize=4, color=series.colour, linewidth=1.5)
        ax.annotate(shorten(series.name, 22), (xs[-1], ys[-1]), xytext=(6, 0), textcoords="offset points",
                    fontsize=8, color=series.colour, va="center")
    _diagonal(ax, ctx, data)
    ax.set_xlabel(ctx.t("trend.report_date"))
    ax.set_ylabel(ctx.t("trend.forecast"))
    _date_axis(ax, ctx.lang)
    locator = AutoDateLocator(minticks=4, maxticks=10)
    ax.yaxis.set_major_locator(locator)
    ax.yaxis.set_major_formatter(date_formatter(locator, ctx.lang))
    ax.grid(color="#e0e0e0")
    ax.margins(x=0.15)
    # The year already heads the date axis on the left; the bottom copy would sit on the footer.
    ax.xaxis.get_offset_text().set_visible(False)
    if data.unlinked:
        ax.text(0.01, 0.01, ctx.t("trend.unlinked", n=data.unlinked), transform=ax.transAxes, fontsize=8,
                color="#616161")
    return ChartResult("milestone_trend", fig, data)


def _diagonal(ax, ctx: ChartContext, data: MilestoneTrendData) -> None:
    """The line where report date = forecast date: a milestone ends when its line meets it."""
    dates = [d for s in data.series for point in s.points for d in point]
    low, high = min(dates), max(dates)
    ax.plot([low, high], [low, high], color="#9e9e9e", linestyle=":", label=ctx.t("trend.diagonal"))
    ax.legend(loc="upper left", fontsize=8, frameon=False)
