"""The Gantt as a matplotlib Figure (PNG/SVG/PDF), drawn from the same geometry as the Gantt view."""

# `build_gantt_figure(plan, schedule, scale="week")` lays the plan out with `planner.gantt` and
# draws it 1:1 in pixel units (100 px per inch): task names on the left, stages, the time scale,
# bars with progress, baselines, float, milestones and routed dependency arrows.

from __future__ import annotations

import datetime as dt

from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure

from planner.fonts import configure_matplotlib
from planner.gantt import BY_STAGE, CALENDAR, TimeScale, gantt_for
from planner.gantt.layout import GanttLayout, stage_lanes
from planner.gantt.routing import arrow_head
from planner.gantt.rows import GROUP, MILESTONES
from planner.gantt.workdays import calendar_for

HEADER_ROW = 18
NAMES_WIDTH = 300
DPI = 100
MAX_ROWS = 120  # beyond this a figure is unreadable: groups are collapsed, then rows cut (and said so)
MAX_WIDTH = 2600  # px; a named zoom level steps out (week -> month -> quarter) until the chart fits
_COARSER = ("day", "week", "month", "quarter")

COLOURS = {"bar": "#5B8FF9", "done": "#1D4FB8", "critical": "#E8684A", "critical_done": "#B0391F",
           "summary": "#3D4652", "baseline": "#BDBDBD", "actual": "#2E9E5B", "float": "#8A96A3",
           "milestone": "#F2B705", "link": "#5A6470", "broken": "#D62728", "nonworking": "#EFF1F4",
           "stripe": "#F6F7F9", "header": "#F3F5F8", "line": "#C9CED6", "today": "#D62728", "text": "#1F2328"}
STAGE_COLOURS = ("#DCE6FD", "#DDF6EC", "#FDF1CB", "#F9DCD4")
_TITLES = {"zh": ("ID", "名称"), "en": ("ID", "Name")}


def build_gantt_figure(plan, schedule, *, scale: str | TimeScale = "week", lang: str = "zh",
                       group_by: str = BY_STAGE, mode: str = CALENDAR, baseline_id: int | None = None,
                       first: dt.date | None = None, last: dt.date | None = None,
                       today: dt.date | None = None, max_rows: int = MAX_ROWS,
                       max_width: float = MAX_WIDTH) -> tuple[Figure, dict]:
    """A Figure of the plan's Gantt and the data it drew (rows, bars, links, tick labels).

    `scale` is a zoom level name (stepped out to a coarser level while the chart is wider than
    `max_width`) or an exact `TimeScale`.
    """
    configure_matplotlib()
    lang = "en" if lang.startswith("en") else "zh"
    level = scale if isinstance(scale, str) else None
    if level is not None:
        scale = TimeScale.at_level(plan.programme.start_date, level, mode=mode, lang=lang,
                                   weeks=plan.programme.week_numbering)
    lay = gantt_for(plan, schedule, scale=scale, group_by=group_by, baseline_id=baseline_id, lang=lang)
    if level is not None:
        lay = _fit_width(lay, level, first, last, max_width - NAMES_WIDTH)
        scale = lay.scale
    collapsed = len(lay.data) > max_rows and any(r.kind == GROUP for r in lay.data.rows)
    if collapsed:  # too many tasks for one page: show the stages (or modules) as summary bars
        keys = frozenset(r.key for r in lay.data.rows if r.kind == GROUP)
        lay = gantt_for(plan, schedule, scale=scale, group_by=group_by, baseline_id=baseline_id, lang=lang,
                        collapsed=keys)
    x0, x1 = lay.x_range(margin_days=3)
    x0 = scale.x(first) if first else x0
    x1 = scale.x_end(last) if last else x1
    n_rows = min(len(lay.data), max_rows)
    body = n_rows * lay.row_height
    lanes = stage_lanes(lay.stage_bands(plan.stages))
    header = (lanes + 2) * HEADER_ROW  # stage lanes, major ticks, minor ticks
    width, height = NAMES_WIDTH + (x1 - x0), header + body
    fig = Figure(figsize=(width / DPI, height / DPI), dpi=DPI)
    ax_names = fig.add_axes((0, 0, NAMES_WIDTH / width, 1))
    ax_time = fig.add_axes((NAMES_WIDTH / width, 0, 1 - NAMES_WIDTH / width, 1))
    for ax, xs in ((ax_names, (0, NAMES_WIDTH)), (ax_time, (x0, x1))):
        ax.set_xlim(*xs)
        ax.set_ylim(body, -header)
        ax.set_axis_off()
    today = today or (schedule.status_date if schedule and schedule.status_date else None) or \
        plan.programme.status_date or dt.date.today()
    data = {"rows": [r.code or r.label for r in lay.data.rows[:n_rows]], "truncated": len(lay.data) - n_rows,
            "collapsed": collapsed, "level": scale.level,
            "bars": [], "links": [], "ticks": [], "stages": []}
    _background(ax_time, lay, plan, x0, x1, body, data)
    _header(ax_time, lay, plan, x0, x1, header, data)
    _links(ax_time, lay, body, data)
    _bars(ax_time, lay, body, data)
    _today(ax_time, lay, today, body)
    _names(ax_names, lay, n_rows, lang, header)
    if data["truncated"]:
        ax_names.text(4, body - 4, f"… +{data['truncated']}", fontsize=8, color=COLOURS["broken"])
    return fig, data


def _fit_width(lay: GanttLayout, level: str, first, last, width: float) -> GanttLayout:
    """The layout at `level` or the first coarser level whose time range fits in `width` px."""
    lo, hi = lay.data.day_range()
    origin = lay.data.origin
    lo = (first - origin).days if first else lo - 3
    hi = (last - origin).days + 1 if last else hi + 3
    for name in _COARSER[_COARSER.index(level):]:
        scale = TimeScale.at_level(origin, name, mode=lay.scale.mode, lang=lay.scale.lang, weeks=lay.scale.weeks)
        if (hi - lo) * scale.px_per_day <= width or name == _COARSER[-1]:
            return GanttLayout(lay.data, scale)
    return lay  # pragma: no cover - the loop always returns


def _rects(spans) -> list[list[tuple[float, float]]]:
    return [[(a, t), (b, t), (b, u), (a, u)] for a, b, t, u in spans]


def _background(ax, lay: GanttLayout, plan, x0, x1, body, data) -> None:
    stripes = [(x0, x1, r * lay.row_height, (r + 1) * lay.row_height) for r in lay.rows_in(0, body)
               if lay.data.rows[r].kind == GROUP]
    shade = [(a, b, 0, body) for a, b in lay.nonworking_in(calendar_for(plan), x0, x1)]
    ax.add_collection(PolyCollection(_rects(shade), facecolors=COLOURS["nonworking"], edgecolors="none"))
    ax.add_collection(PolyCollection(_rects(stripes), facecolors=COLOURS["stripe"], edgecolors="none"))
    majors = lay.ticks(x0, x1).major
    ax.add_collection(LineCollection([[(t.x, 0), (t.x, body)] for t in majors], colors=COLOURS["line"], linewidths=0.6))


def _header(ax, lay: GanttLayout, plan, x0, x1, header, data) -> None:
    cells = []
    bands = lay.stage_bands(plan.stages)
    for i, band in enumerate(bands):
        top = -header + band.lane * HEADER_ROW
        cells.append((band.x0, band.x1, top, top + HEADER_ROW, STAGE_COLOURS[i % len(STAGE_COLOURS)], band.label))
        data["stages"].append(band.label)
    ticks = lay.ticks(x0, x1)
    lanes = stage_lanes(bands)
    for row, items in ((lanes, ticks.major), (lanes + 1, ticks.minor)):
        top = -header + row * HEADER_ROW
        cells.extend((t.x, t.x_end, top, top + HEADER_ROW, COLOURS["header"], t.label) for t in items)
        data["ticks"].extend(t.label for t in items)
    ax.add_collection(PolyCollection(_rects([c[:4] for c in cells]), facecolors=[c[4] for c in cells],
                                     edgecolors=COLOURS["line"], linewidths=0.5))
    for a, b, top, bottom, _colour, label in cells:
        left, right = max(a, x0), min(b, x1)
        if right - left > 16:
            ax.text(left + 3, (top + bottom) / 2, label, fontsize=7.5, va="center", ha="left",
                    color=COLOURS["text"], clip_on=True)


def _bars(ax, lay: GanttLayout, body, data) -> None:
    plain, done, ghosts, actual, summary, floats = [], [], [], [], [], []
    diamonds = []
    for bar in lay.bars_in(0, body):
        row = lay.data.rows[bar.row]
        if bar.kind == GROUP:
            summary.append((bar.x0, bar.x1, bar.y0, bar.y1))
            ax.text(bar.x1 + 6, bar.mid_y, row.label, fontsize=7.5, va="center", color=COLOURS["text"], clip_on=True)
            continue
        data["bars"].append({"code": row.code, "x0": bar.x0, "x1": bar.x1, "critical": bar.critical,
                             "progress": bar.progress, "milestone": bar.milestone})
        if bar.baseline:
            ghosts.append((bar.baseline[0], bar.baseline[1], bar.y0 + 4, bar.y1 + 4))
        if bar.float_x1 > bar.x1 + 0.5:
            floats.append([(bar.x1, bar.y1 + 2.5), (bar.float_x1, bar.y1 + 2.5)])
        if bar.milestone:
            dm = lay.diamond(bar)
            diamonds.append((dm, COLOURS["critical"] if bar.critical else COLOURS["milestone"]))
            label_x = dm.cx + dm.half + 4
        else:
            plain.append(((bar.x0, bar.x1, bar.y0, bar.y1), COLOURS["critical" if bar.critical else "bar"]))
            if bar.progress > 0:
                done.append(((bar.x0, bar.progress_x, bar.y0 + 2, bar.y1 - 2),
                             COLOURS["critical_done" if bar.critical else "done"]))
            if bar.actual:
                actual.append((bar.actual[0], bar.actual[1], bar.y0 - 3, bar.y0 - 0.5))
            label_x = lay.label_x(bar)
        roles = f"  {lay.data.roles[bar.row]}" if lay.data.roles[bar.row] else ""
        ax.text(label_x, bar.mid_y, f"{row.code} {row.label}{roles}", fontsize=7.5, va="center",
                color=COLOURS["text"], clip_on=True)
    ax.add_collection(PolyCollection(_rects(ghosts), facecolors=COLOURS["baseline"], edgecolors="none"))
    ax.add_collection(LineCollection(floats, colors=COLOURS["float"], linewidths=1))
    for items in (plain, done):
        ax.add_collection(PolyCollection(_rects([s for s, _ in items]), facecolors=[c for _, c in items],
                                         edgecolors="none"))
    ax.add_collection(PolyCollection(_rects(actual), facecolors=COLOURS["actual"], edgecolors="none"))
    ax.add_collection(PolyCollection(_summary_shapes(summary), facecolors=COLOURS["summary"], edgecolors="none"))
    markers = [(dm, COLOURS["milestone"]) for dm in lay.markers_in(0, body)]
    for dm, colour in diamonds + markers:
        poly = [(dm.cx, dm.cy - dm.half), (dm.cx + dm.half, dm.cy), (dm.cx, dm.cy + dm.half), (dm.cx - dm.half, dm.cy)]
        ax.add_collection(PolyCollection([poly], facecolors=colour, edgecolors="#8A6A00", linewidths=0.6))
    for dm in lay.markers_in(0, body):
        if lay.data.rows[dm.row].kind == MILESTONES:
            ax.text(dm.cx + dm.half + 3, dm.cy, dm.label, fontsize=7.5, va="center", color=COLOURS["text"], clip_on=True)


def _summary_shapes(spans) -> list[list[tuple[float, float]]]:
    """Summary bars with the downward end caps of a project-plan summary."""
    out = []
    for a, b, top, bottom in spans:
        tip = (bottom - top) * 0.9
        out.append([(a, top), (b, top), (b, bottom + tip), (b - tip, bottom), (a + tip, bottom), (a, bottom + tip)])
    return out


def _links(ax, lay: GanttLayout, body, data) -> None:
    lines, heads, colours = [], [], []
    for link in lay.links_in(0, body):
        colour = COLOURS["broken"] if link.broken else COLOURS["link"]
        lines.append(list(link.points))
        heads.append(arrow_head(list(link.points)))
        colours.append(colour)
        if link.label:
            ax.text(*link.label_pos, link.label, fontsize=6.5, fontweight="bold", color=colour, va="bottom", clip_on=True)
        data["links"].append({"pred": lay.data.rows[link.pred_row].code, "succ": lay.data.rows[link.succ_row].code,
                              "type": link.type, "broken": link.broken, "label": link.label, "points": link.points})
    ax.add_collection(LineCollection(lines, colors=colours, linewidths=0.9))
    ax.add_collection(PolyCollection(heads, facecolors=colours, edgecolors="none"))


def _today(ax, lay: GanttLayout, today: dt.date, body) -> None:
    x = lay.scale.x(today) + lay.scale.px_per_day / 2
    ax.plot([x, x], [0, body], color=COLOURS["today"], linewidth=1, linestyle="--")


def _names(ax, lay: GanttLayout, n_rows: int, lang: str, header: float) -> None:
    h = lay.row_height
    ax.add_collection(PolyCollection(_rects([(0, NAMES_WIDTH, -header, 0)]), facecolors=COLOURS["header"],
                                     edgecolors=COLOURS["line"], linewidths=0.5))
    titles = _TITLES[lang]
    ax.text(4, -HEADER_ROW / 2, titles[0], fontsize=8, va="center", fontweight="bold")
    ax.text(70, -HEADER_ROW / 2, titles[1], fontsize=8, va="center", fontweight="bold")
    stripes = [(0, NAMES_WIDTH, r * h, (r + 1) * h) for r in range(n_rows) if lay.data.rows[r].kind == GROUP]
    ax.add_collection(PolyCollection(_rects(stripes), facecolors=COLOURS["stripe"], edgecolors="none"))
    ax.add_collection(LineCollection([[(0, (r + 1) * h), (NAMES_WIDTH, (r + 1) * h)] for r in range(n_rows)],
                                     colors="#E4E7EB", linewidths=0.5))
    for r in range(n_rows):
        row = lay.data.rows[r]
        bold = "bold" if row.kind != "task" else "normal"
        y = r * h + h / 2
        if row.code:
            ax.text(4, y, row.code, fontsize=7.5, va="center", fontweight=bold)
        indent = 70 + 12 * row.depth
        label = row.label if len(row.label) <= 18 else row.label[:17] + "…"
        ax.text(indent, y, label, fontsize=7.5, va="center", fontweight=bold, clip_on=True)


__all__ = ["build_gantt_figure"]
