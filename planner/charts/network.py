"""Dependency status network: tasks by time and module, links coloured by state."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.colors import to_rgba
from matplotlib.dates import AutoDateLocator, date2num
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch

from planner.work_groups import work_groups
from planner.charts.common import (
    CRITICAL_COLOUR,
    LINK_COLOURS,
    TODAY_COLOUR,
    ChartContext,
    ChartResult,
    date_formatter,
    empty_note,
    legend_on_top,
    module_colour,
    module_name,
    new_figure,
    shorten,
)
from planner.charts.label_layer import LabelLayer

LINK_ORDER = ("satisfied", "pending", "blocking", "broken")
PROBLEM_STATES = frozenset({"blocking", "broken"})
LABEL_ALL_UP_TO = 150  # beyond this many tasks, only blocking/broken work is labelled and linked


@dataclass(frozen=True)
class NetworkNode:
    task_id: int
    code: str
    module: str
    row: int
    start: dt.date
    finish: dt.date
    critical: bool
    labelled: bool


@dataclass(frozen=True)
class NetworkLink:
    dependency_id: int
    predecessor: str
    successor: str
    state: str
    colour: str
    threshold_label: str | None  # "30%" for progress-threshold links
    critical: bool
    drawn: bool


@dataclass
class NetworkData:
    mode: str  # "all" or "problems" (then only tasks in blocking or broken links are placed)
    total_tasks: int = 0
    nodes: list[NetworkNode] = field(default_factory=list)
    links: list[NetworkLink] = field(default_factory=list)
    lanes: list[tuple[str, int, int]] = field(default_factory=list)  # module, first row, row count

    def links_in(self, state: str) -> list[NetworkLink]:
        return [link for link in self.links if link.state == state]

    def node(self, code: str) -> NetworkNode:
        return next(n for n in self.nodes if n.code == code)


def _span(ctx: ChartContext, task) -> tuple[dt.date, dt.date]:
    timing = ctx.schedule.timings.get(task.id) if ctx.schedule else None
    return (timing.start, timing.finish) if timing else (task.start_date, task.end_date)


def _link_state(ctx: ChartContext, dep) -> str:
    status = ctx.schedule.links.get(dep.id) if ctx.schedule else None
    if status is None:
        return "pending"
    return getattr(status.state, "value", status.state)


def collect_network(ctx: ChartContext, mode: str = "auto") -> NetworkData:
    plan = ctx.plan
    if mode == "auto":
        mode = "all" if len(plan.tasks) <= LABEL_ALL_UP_TO else "problems"
    critical = {t for t, timing in (ctx.schedule.timings.items() if ctx.schedule else ()) if timing.critical}
    critical |= set(ctx.schedule.critical_path if ctx.schedule else ())
    links, problem_tasks = [], set()
    for dep in plan.dependencies:
        pred, succ = plan.task_by_id.get(dep.predecessor_id), plan.task_by_id.get(dep.successor_id)
        if pred is None or succ is None:
            continue
        state = _link_state(ctx, dep)
        if state in PROBLEM_STATES:
            problem_tasks |= {pred.id, succ.id}
        label = f"{round(dep.threshold * 100)}%" if dep.threshold < 1 else None
        is_critical = pred.id in critical and succ.id in critical
        drawn = mode == "all" or state in PROBLEM_STATES
        links.append(NetworkLink(dep.id, pred.code, succ.code, state, LINK_COLOURS.get(state, "#757575"),
                                 label, is_critical, drawn))
    data = NetworkData(mode, len(plan.tasks), links=links)
    _place_nodes(ctx, data, critical, problem_tasks)
    return data


def _place_nodes(ctx: ChartContext, data: NetworkData, critical: set[int], problem_tasks: set[int]) -> None:
    """Module lanes in plan order (top-level summary tasks for a work breakdown); inside a lane,
    tasks packed into rows so bars never overlap."""
    plan = ctx.plan
    summaries = plan.outline.summaries
    if summaries:
        groups, key_of = work_groups(plan, ctx.t("no_module"))
        lane_ids, lane_name = [g.key for g in groups], {g.key: g.label for g in groups}
    else:
        lane_ids = [mod.id for mod in plan.modules] + [None]
        key_of = {t.id: t.module_id if t.module_id in plan.module_by_id else None for t in plan.tasks}
        lane_name = {lane: module_name(plan, lane, ctx) for lane in lane_ids}
    by_lane: dict = {lane: [] for lane in lane_ids}
    for task in plan.tasks:
        if task.id in summaries:
            continue  # a summary is its sub-tasks' span: the lane shows them
        if data.mode == "problems" and task.id not in problem_tasks:
            continue  # a big plan shows only what blocks; the subtitle says how many are left out
        by_lane[key_of.get(task.id) if key_of.get(task.id) in by_lane else lane_ids[-1]].append(task)
    row = 0
    for lane in lane_ids:
        tasks = sorted(by_lane[lane], key=lambda t: (_span(ctx, t)[0], t.code))
        if not tasks:
            continue
        row_ends: list[dt.date] = []
        for task in tasks:
            start, finish = _span(ctx, task)
            slot = next((i for i, end in enumerate(row_ends) if end < start), len(row_ends))
            if slot == len(row_ends):
                row_ends.append(finish)
            row_ends[slot] = finish
            labelled = data.mode == "all" or task.id in problem_tasks
            data.nodes.append(NetworkNode(task.id, task.code, lane_name[lane], row + slot, start,
                                          finish, task.id in critical, labelled))
        data.lanes.append((lane_name[lane], row, len(row_ends)))
        row += len(row_ends)


def build_network(ctx: ChartContext) -> ChartResult:
    data = collect_network(ctx, ctx.options.get("mode", "auto"))
    rows = sum(count for _, _, count in data.lanes)
    height = min(max(4.5, 2.0 + (0.3 if data.mode == "all" else 0.2) * rows), 20)
    lane_label = max([len(name) for name, _, _ in data.lanes] + [4])
    top = 1.35 if data.mode == "problems" else 0.85
    fig = new_figure(ctx, "network.title", (14, height), margins=(0.3 + 0.13 * min(lane_label, 10), 0.2, top, 0.7))
    if not data.nodes:
        empty_note(fig, ctx.t("network.none") if not data.total_tasks else ctx.t("network.no_problems", total=data.total_tasks))
        return ChartResult("network", fig, data)
    ax = fig.add_subplot()
    by_code = {node.code: node for node in data.nodes}
    _draw_lanes(ax, data)
    _draw_bars(ax, ctx, data)
    _draw_links(ax, ctx, data, by_code)
    _finish_axes(ax, ctx, data, rows)
    return ChartResult("network", fig, data)


def _draw_lanes(ax, data: NetworkData) -> None:
    ticks, labels = [], []
    for index, (name, first, count) in enumerate(data.lanes):
        if index % 2 == 0:
            ax.axhspan(first - 0.5, first + count - 0.5, color="#f3f5f7", zorder=0)
        ticks.append(first + (count - 1) / 2)
        labels.append(name)
    ax.set_yticks(ticks, [shorten(label, 20) for label in labels], fontsize=9)


def _draw_bars(ax, ctx: ChartContext, data: NetworkData) -> None:
    """One PolyCollection for all bars: a 1,000-task plan must draw in well under a second."""
    module_ids = {module_name(ctx.plan, m.id, ctx): m.id for m in ctx.plan.modules}
    faint = data.mode == "problems"
    polys, colours, edges, widths = [], [], [], []
    for node in data.nodes:
        x0, x1 = date2num(node.start), date2num(node.finish) + 1
        y0, y1 = node.row - 0.275, node.row + 0.275
        polys.append(((x0, y0), (x1, y0), (x1, y1), (x0, y1)))
        alpha = 1.0 if node.labelled or not faint else 0.35
        colours.append(to_rgba(module_colour(ctx.plan, module_ids.get(node.module)), alpha))
        edges.append(CRITICAL_COLOUR if node.critical else "none")
        widths.append(2 if node.critical else 0)
    ax.add_collection(PolyCollection(polys, facecolors=colours, edgecolors=edges, linewidths=widths, zorder=2))
    starts = [date2num(n.start) for n in data.nodes]
    ax.set_xlim(min(starts) - 2, max(date2num(n.finish) for n in data.nodes) + 3)
    codes = LabelLayer(zorder=5)  # hundreds of task codes: one artist, each code rasterised once
    for node, left in zip(data.nodes, starts):
        if node.labelled:
            codes.add(left, node.row - 0.32, node.code, fontsize=7, va="bottom", ha="left",
                      fontweight="bold" if node.critical else "normal")
    ax.add_artist(codes)


def _anchor(node: NetworkNode, at_finish: bool) -> float:
    return date2num(node.finish) + 1 if at_finish else date2num(node.start)


ARROWS_UP_TO = 150  # beyond this many drawn links, straight segments in one collection per state


def _draw_links(ax, ctx: ChartContext, data: NetworkData, by_code: dict[str, NetworkNode]) -> None:
    deps = {d.id: d for d in ctx.plan.dependencies}
    # a link on a summary task has no node of its own to join (its sub-tasks carry the lane)
    drawn = [link for link in data.links if link.drawn and link.predecessor in by_code and link.successor in by_code]
    segments: dict[str, list] = {}
    thresholds = LabelLayer(zorder=6)
    for link in drawn:
        dep = deps[link.dependency_id]
        pred, succ = by_code[link.predecessor], by_code[link.successor]
        x0 = _anchor(pred, dep.type in ("FS", "FF"))
        if link.threshold_label:  # the point where the predecessor is X% done
            x0 = date2num(pred.start) + dep.threshold * (date2num(pred.finish) + 1 - date2num(pred.start))
        x1 = _anchor(succ, dep.type in ("FF", "SF"))
        if len(drawn) <= ARROWS_UP_TO:
            _arrow(ax, link, (x0, pred.row), (x1, succ.row))
        else:
            segments.setdefault(link.state, []).append(((x0, pred.row), (x1, succ.row)))
        if link.threshold_label:
            thresholds.add(x0, pred.row + 0.3, link.threshold_label, fontsize=7, color=link.colour, ha="center",
                           va="top", bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none"})
    ax.add_artist(thresholds)
    for state, lines in segments.items():
        quiet = state not in PROBLEM_STATES  # many links: satisfied and pending recede, problems stand out
        ax.add_collection(LineCollection(lines, colors=LINK_COLOURS.get(state, "#757575"),
                                         linewidths=0.8 if quiet else 1.4, alpha=0.45 if quiet else 1.0,
                                         linestyles="--" if state == "broken" else "-", zorder=3 if quiet else 4))
        ax.scatter([b[0] for _, b in lines], [b[1] for _, b in lines], s=10, color=LINK_COLOURS.get(state), zorder=4)


def _arrow(ax, link: NetworkLink, start: tuple[float, float], end: tuple[float, float]) -> None:
    width = 2.4 if link.critical or link.state in PROBLEM_STATES else 1.2
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=9, color=link.colour, linewidth=width,
                                 zorder=4 if link.state in PROBLEM_STATES else 3, connectionstyle="arc3,rad=0.15",
                                 linestyle="--" if link.state == "broken" else "-"))


def _finish_axes(ax, ctx: ChartContext, data: NetworkData, rows: int) -> None:
    ax.set_ylim(rows - 0.5, -0.8)
    ax.xaxis_date()
    locator = AutoDateLocator(minticks=5, maxticks=12)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(date_formatter(locator, ctx.lang))
    ax.axvline(date2num(ctx.today), color=TODAY_COLOUR, linestyle="--", linewidth=1)
    ax.grid(axis="x", color="#e0e0e0")
    handles = [Line2D([], [], color=LINK_COLOURS[s], linewidth=2, linestyle="--" if s == "broken" else "-",
                      label=f"{ctx.t(s)} ({len(data.links_in(s))})") for s in LINK_ORDER]
    handles.append(Patch(facecolor="white", edgecolor=CRITICAL_COLOUR, linewidth=2, label=ctx.t("critical")))
    handles.append(Line2D([], [], color=TODAY_COLOUR, linestyle="--", label=ctx.t("today")))
    legend_on_top(ax, handles)
    if data.mode == "problems":
        ax.set_title(ctx.t("network.problems_only", total=data.total_tasks, shown=len(data.nodes)), fontsize=9,
                     color="#555555", pad=24, y=1.0)  # fixed: no tick labels to measure on top
