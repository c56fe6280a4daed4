"""Stage x module heatmap: completion (or on-time health) of every roadmap cell.

A plan with a work breakdown has a row per top-level summary task instead of per module
(`planner.work_groups`); only leaf tasks are weighed, summaries being their roll-up."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from matplotlib import colormaps

from planner.charts.common import ChartContext, ChartResult, empty_note, label_inches, new_figure, shorten
from planner.work_groups import leaf_tasks, work_groups

METRICS = ("completion", "health")


@dataclass
class HeatmapData:
    metric: str
    stages: list[str] = field(default_factory=list)
    modules: list[str] = field(default_factory=list)
    values: list[list[float | None]] = field(default_factory=list)  # [module][stage], 0..1
    task_counts: list[list[int]] = field(default_factory=list)

    def value(self, module: str, stage: str) -> float | None:
        return self.values[self.modules.index(module)][self.stages.index(stage)]


def _weight(ctx: ChartContext, task) -> float:
    timing = ctx.schedule.timings.get(task.id) if ctx.schedule else None
    if timing is not None:
        return max(timing.duration, 1)
    if task.start_date is None:
        return max(task.duration_days or 1, 1)
    return max((task.end_date - task.start_date).days + 1, 1)


def _is_late(ctx: ChartContext, task) -> bool:
    timing = ctx.schedule.timings.get(task.id) if ctx.schedule else None
    if timing is not None:
        return timing.late
    return task.end_date is not None and task.end_date < ctx.today and task.progress < 1


def collect_heatmap(ctx: ChartContext, metric: str = "completion") -> HeatmapData:
    plan = ctx.plan
    leaves = leaf_tasks(plan)
    stage_ids = [s.id for s in plan.stages] + ([None] if any(t.stage_id is None for t in leaves) else [])
    if plan.outline.summaries:
        groups, key_of = work_groups(plan, ctx.t("no_module"))
        module_ids = [g.key for g in groups]
        names = [g.label for g in groups]
    else:  # as it always was: every module, then tasks without one
        module_ids = [x.id for x in plan.modules] + ([None] if any(t.module_id is None for t in plan.tasks) else [])
        key_of = {t.id: t.module_id for t in plan.tasks}
        names = [plan.module_by_id[x].name if x is not None else ctx.t("no_module") for x in module_ids]
    cells: dict[tuple, list] = {}
    for task in leaves:
        cells.setdefault((key_of.get(task.id), task.stage_id), []).append(task)
    data = HeatmapData(metric)
    data.stages = [plan.stage_by_id[s].name if s is not None else ctx.t("no_stage") for s in stage_ids]
    data.modules = names
    for module_id in module_ids:
        row, counts = [], []
        for stage_id in stage_ids:
            tasks = cells.get((module_id, stage_id), [])
            counts.append(len(tasks))
            row.append(_cell_value(ctx, tasks, metric) if tasks else None)
        data.values.append(row)
        data.task_counts.append(counts)
    return data


def _cell_value(ctx: ChartContext, tasks: list, metric: str) -> float:
    if metric == "health":
        return sum(1 for t in tasks if not _is_late(ctx, t)) / len(tasks)
    weights = [_weight(ctx, t) for t in tasks]
    return sum(w * t.progress for w, t in zip(weights, tasks)) / sum(weights)


def build_heatmap(ctx: ChartContext) -> ChartResult:
    metric = ctx.options.get("metric", "completion")
    data = collect_heatmap(ctx, metric if metric in METRICS else "completion")
    title = "heatmap.health_title" if data.metric == "health" else "heatmap.title"
    width = min(max(7.0, 2.5 + 1.9 * len(data.stages)), 20)
    height = min(max(4.0, 1.8 + 0.6 * len(data.modules)), 20)
    left = 0.3 + label_inches([shorten(x, 14) for x in data.modules])
    fig = new_figure(ctx, title, (width + left - 1.2, height), margins=(left, 0.3, 0.85, 0.5))
    if not data.stages or not data.modules:
        empty_note(fig, ctx.t("nothing"))
        return ChartResult("heatmap", fig, data)
    ax = fig.add_subplot()
    grid = np.array([[np.nan if v is None else v for v in row] for row in data.values], dtype=float)
    # Completion is neutral (0% of a future stage is not bad news); health is good-to-bad.
    cmap = colormaps["RdYlGn" if data.metric == "health" else "Blues"].with_extremes(bad="#eeeeee")
    image = ax.imshow(np.ma.masked_invalid(grid), cmap=cmap, vmin=0, vmax=1, aspect="auto")
    _annotate(ax, ctx, data, grid)
    ax.set_xticks(range(len(data.stages)), [shorten(s, 16) for s in data.stages])
    ax.set_yticks(range(len(data.modules)), [shorten(x, 14) for x in data.modules])
    ax.tick_params(top=True, labeltop=True, bottom=False, labelbottom=False, length=0)
    ax.set_xticks(np.arange(-0.5, len(data.stages)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(data.modules)), minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    bar = fig.colorbar(image, ax=ax, format=lambda v, _: f"{v:.0%}", shrink=0.8)
    bar.set_label(ctx.t("heat.health" if data.metric == "health" else "heat.completion"))
    return ChartResult("heatmap", fig, data)


def _annotate(ax, ctx: ChartContext, data: HeatmapData, grid: np.ndarray) -> None:
    for y, row in enumerate(data.values):
        for x, value in enumerate(row):
            if value is None:
                ax.text(x, y, ctx.t("heat.empty"), ha="center", va="center", fontsize=8, color="#9e9e9e")
                continue
            dark = (value < 0.2 or value > 0.85) if data.metric == "health" else value > 0.55
            label = f"{value:.0%}\n{ctx.t('heat.tasks', n=data.task_counts[y][x])}"
            ax.text(x, y, label, ha="center", va="center", fontsize=9, color="white" if dark else "#212121")
