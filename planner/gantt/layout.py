"""Pixel geometry of the Gantt for one time scale, computed only for the rows asked for."""

# Coordinates: x from the programme start (see `TimeScale`), y from the top of the first row
# (the header is not included). Rows have one fixed height, so the rows in a y range are an
# index range; links in a window come from a bisect on their sorted top row plus a vector test.

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np

from planner.gantt import routing
from planner.gantt.data import NONE, TYPE_NAME, GanttData, Marker
from planner.gantt.rows import GROUP, TASK
from planner.gantt.scale import TimeScale, Ticks
from planner.gantt.workdays import WorkCalendar, nonworking_spans

ROW_HEIGHT = 24
LINK_GAP = 6.0  # the label right of a bar starts beyond the first vertical leg (LABEL_GAP)
LABEL_GAP = 11.0
MAX_SHIFT = 400.0  # px a vertical leg may move sideways to clear bars before it gives up


@dataclass(frozen=True)
class Bar:
    row: int
    task_id: int | None
    kind: str  # TASK or GROUP (summary)
    x0: float
    x1: float
    y0: float
    y1: float
    progress: float
    progress_x: float
    critical: bool
    float_x1: float  # end of the float tail (== x1 when no float)
    milestone: bool
    actual: tuple[float, float] | None
    baseline: tuple[float, float] | None
    summary: bool = False  # a summary task: drawn with end caps, its dates are its sub-tasks'

    @property
    def mid_y(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(frozen=True)
class Diamond:
    row: int
    cx: float
    cy: float
    half: float
    label: str
    task_id: int | None = None
    milestone_id: int | None = None


@dataclass(frozen=True)
class Link:
    index: int  # position in the data's link arrays
    dependency_id: int
    pred_row: int
    succ_row: int
    type: str  # FS SS FF SF
    points: tuple[tuple[float, float], ...]
    label: str  # "30%" for a progress-threshold link, else ""
    label_pos: tuple[float, float]
    broken: bool


@dataclass(frozen=True)
class Band:
    x0: float
    x1: float
    label: str
    lane: int = 0  # overlapping stages (OTLP's phases) stack in lanes


class GanttLayout:
    """`data` placed on `scale`; cheap to rebuild on zoom because nothing is precomputed."""

    def __init__(self, data: GanttData, scale: TimeScale, row_height: int = ROW_HEIGHT):
        self.data, self.scale, self.row_height = data, scale, row_height
        self._links: dict[int, Link] = {}  # routes are kept while the scale stays (scrolling)

    # --- extents -------------------------------------------------------------------
    @property
    def height(self) -> int:
        return len(self.data) * self.row_height

    def x_range(self, margin_days: int = 7) -> tuple[float, float]:
        lo, hi = self.data.day_range()
        return self.scale.x_of_index(lo - margin_days), self.scale.x_of_index(hi + margin_days)

    def rows_in(self, y0: float, y1: float) -> range:
        h = self.row_height
        first = max(0, int(math.floor(y0 / h)))
        last = min(len(self.data), int(math.ceil(y1 / h)))
        return range(first, max(first, last))

    def row_at(self, y: float) -> int | None:
        r = int(math.floor(y / self.row_height))
        return r if 0 <= r < len(self.data) else None

    def row_top(self, row: int) -> float:
        return row * self.row_height

    # --- bars ----------------------------------------------------------------------
    def label_x(self, bar: Bar) -> float:
        """Where a bar's label starts: right of the bar and of any milestone diamond at its end,
        so neither hides the text (the view and the chart export place labels alike)."""
        x = bar.x1
        for mk in self.data.markers.get(bar.row, ()):
            cx = self.scale.x_of_index(mk.day) + self.scale.px_per_day / 2
            if bar.x0 <= cx <= bar.x1 + self.row_height:
                x = max(x, cx + self.row_height * 0.3)
        return x + LABEL_GAP

    def bar(self, row: int) -> Bar | None:
        d = self.data
        if d.start[row] == NONE:
            return None
        s = self.scale
        kind = GROUP if d.kind[row] == 1 else TASK
        summary = bool(d.is_summary[row])
        x0, x1 = s.x_of_index(int(d.start[row])), s.x_of_index(int(d.end[row]))
        x1 = max(x1, x0 + 1.0)
        top, h = row * self.row_height, self.row_height
        y0, y1 = (top + h * 0.3, top + h * 0.55) if kind == GROUP or summary else (top + h * 0.2, top + h * 0.68)
        progress = float(d.progress[row])
        return Bar(
            row=row, task_id=int(d.task_id[row]) if d.task_id[row] >= 0 else None, kind=kind,
            x0=x0, x1=x1, y0=y0, y1=y1, progress=progress, progress_x=x0 + (x1 - x0) * progress,
            critical=bool(d.critical[row]), float_x1=max(x1, s.x_of_index(int(d.float_end[row]))),
            milestone=bool(d.is_milestone[row]),
            actual=self._span(d.actual_start[row], d.actual_end[row]),
            baseline=self._span(d.base_start[row], d.base_end[row]),
            summary=summary,
        )

    def _span(self, a, b) -> tuple[float, float] | None:
        if a == NONE:
            return None
        return self.scale.x_of_index(int(a)), self.scale.x_of_index(int(b))

    def bars_in(self, y0: float, y1: float) -> list[Bar]:
        return [b for r in self.rows_in(y0, y1) if (b := self.bar(r)) is not None]

    def diamond(self, bar: Bar) -> Diamond:
        """A milestone task as a diamond at the middle of its (last) day."""
        half = self.row_height * 0.3
        cx = bar.x1 - self.scale.px_per_day / 2
        d = self.data
        return Diamond(bar.row, cx, bar.mid_y, half, d.rows[bar.row].code, task_id=bar.task_id)

    def markers_in(self, y0: float, y1: float) -> list[Diamond]:
        out = []
        h, half = self.row_height, self.row_height * 0.3
        for r in self.rows_in(y0, y1):
            for mk in self.data.markers.get(r, ()):
                out.append(self._marker_diamond(mk, r * h + h * 0.44, half))
        return out

    def _marker_diamond(self, mk: Marker, cy: float, half: float) -> Diamond:
        cx = self.scale.x_of_index(mk.day) + self.scale.px_per_day / 2
        return Diamond(mk.row, cx, cy, half, mk.name, milestone_id=mk.milestone_id)

    # --- links ---------------------------------------------------------------------
    def link_indices_in(self, y0: float, y1: float, x0: float | None = None, x1: float | None = None) -> np.ndarray:
        """Links whose route can cross the window: rows overlap, and (if given) x overlaps."""
        d = self.data
        rows = self.rows_in(y0, y1)
        if not len(rows) or not len(d.link_lo):
            return np.zeros(0, np.int64)
        k = int(np.searchsorted(d.link_lo, rows.stop - 1, side="right"))
        mask = d.link_hi[:k] >= rows.start
        if x0 is not None and x1 is not None:
            pad = (LINK_GAP + MAX_SHIFT) / self.scale.px_per_day + 1  # a leg may have been moved
            mask &= (d.link_day_lo[:k] - pad <= x1 / self.scale.px_per_day)
            mask &= (d.link_day_hi[:k] + pad >= x0 / self.scale.px_per_day)
        return np.nonzero(mask)[0]

    def links_in(self, y0: float, y1: float, x0: float | None = None, x1: float | None = None) -> list[Link]:
        return [self.link(int(i)) for i in self.link_indices_in(y0, y1, x0, x1)]

    def links_of_row(self, row: int) -> list[Link]:
        return [self.link(i) for i in self.data.links_of_row.get(row, ())]

    def link(self, i: int) -> Link:
        found = self._links.get(i)
        if found is None:
            found = self._links[i] = self._route(i)
        return found

    def _route(self, i: int) -> Link:
        d = self.data
        p, s = int(d.link_pred[i]), int(d.link_succ[i])
        kind = TYPE_NAME[int(d.link_type[i])]
        threshold = float(d.link_threshold[i])
        pb, sb = self.bar(p), self.bar(s)
        src, src_dir, label_pos = self._source(pb, kind, threshold, below=s > p)
        dst, dst_dir = self._target(sb, kind)
        corridor = s * self.row_height if s > p else (s + 1) * self.row_height
        points = routing.route(src, src_dir, dst, dst_dir, gap=LINK_GAP, corridor_y=corridor,
                               clear=self._column_finder(p, s))
        label = f"{round(threshold * 100)}%" if threshold < 0.999 else ""
        return Link(i, int(d.link_dep[i]), p, s, kind, tuple(points), label, label_pos, d.is_broken(i))

    def _column_finder(self, row_a: int, row_b: int, max_rows: int = 300, max_shift: float = MAX_SHIFT):
        """A `clear` function for routing: walks a vertical segment past task bars in between."""
        lo, hi = min(row_a, row_b) + 1, min(max(row_a, row_b), min(row_a, row_b) + 1 + max_rows)
        d = self.data
        keep = (d.kind[lo:hi] == 0) & (d.start[lo:hi] != NONE)
        if hi <= lo or not keep.any():
            return None
        ppd = self.scale.px_per_day
        x0 = d.start[lo:hi][keep] * ppd - 3
        x1 = np.maximum(d.end[lo:hi][keep] * ppd, x0 + 4) + 3

        def clear(x: float, direction: int) -> float:
            start = x
            for _ in range(12):
                hit = (x0 <= x) & (x <= x1)
                if not hit.any():
                    return x
                x = float(x1[hit].max()) + LINK_GAP if direction > 0 else float(x0[hit].min()) - LINK_GAP
                if abs(x - start) > max_shift:
                    break
            return start  # crowded: better to cross a bar than to wander off

        return clear

    def _ends(self, bar: Bar) -> tuple[float, float]:
        if bar.milestone:
            dm = self.diamond(bar)
            return dm.cx - dm.half, dm.cx + dm.half
        return bar.x0, bar.x1

    def _source(self, bar: Bar, kind: str, threshold: float, below: bool):
        x0, x1 = self._ends(bar)
        if kind == "FS" and threshold < 0.999 and not bar.milestone:
            # "start when 30% done": leave from the 30% point, down (or up) out of the bar
            x = x0 + (x1 - x0) * threshold
            y = bar.y1 if below else bar.y0
            return (x, y), routing.OUT_VERTICAL, (x + 2, y + (9 if below else -2))
        if kind in ("FS", "FF"):
            return (x1, bar.mid_y), routing.OUT_RIGHT, (x1 + 2, bar.mid_y - 2)
        return (x0, bar.mid_y), routing.OUT_LEFT, (x0 - 24, bar.mid_y - 2)

    def _target(self, bar: Bar, kind: str):
        x0, x1 = self._ends(bar)
        if kind in ("FS", "SS"):
            return (x0, bar.mid_y), routing.IN_HEADING_RIGHT
        return (x1, bar.mid_y), routing.IN_HEADING_LEFT

    # --- background and header -----------------------------------------------------
    def ticks(self, x0: float, x1: float) -> Ticks:
        return self.scale.ticks(x0, x1)

    def stage_bands(self, stages) -> list[Band]:
        """Stages as header bands, from their dates or their month offsets."""
        from planner.gantt.scale import add_months

        origin = self.data.origin
        out = []
        for st in stages:
            start = st.start_date or (add_months(origin, st.start_month) if st.start_month is not None else None)
            end = (st.end_date + dt.timedelta(days=1)) if st.end_date else (
                add_months(origin, st.end_month) if st.end_month is not None else None)
            if start and end and end > start:
                out.append(Band(self.scale.x(start), self.scale.x(end), st.name))
        return _in_lanes(out)

    def nonworking_in(self, cal: WorkCalendar, x0: float, x1: float) -> list[tuple[float, float]]:
        """Shaded spans for non-working days; none when days are too narrow to see."""
        if self.scale.px_per_day < 2.5:
            return []
        d0, d1 = self.scale.date_at(x0), self.scale.date_at(x1) + dt.timedelta(days=1)
        return [(self.scale.x(a), self.scale.x(b)) for a, b in nonworking_spans(cal, d0, d1)]

    def rows_of(self, kind: str) -> list[int]:
        return [i for i, row in enumerate(self.data.rows) if row.kind == kind]


def _in_lanes(bands: list[Band]) -> list[Band]:
    """Give each band the first lane free at its start, so overlapping stages never collide."""
    ends: list[float] = []
    out = []
    for band in sorted(bands, key=lambda b: (b.x0, b.x1)):
        lane = next((i for i, end in enumerate(ends) if end <= band.x0 + 0.5), len(ends))
        if lane == len(ends):
            ends.append(band.x1)
        ends[lane] = band.x1
        out.append(Band(band.x0, band.x1, band.label, lane))
    return out


def stage_lanes(bands: list[Band]) -> int:
    return max((b.lane for b in bands), default=0) + 1


def layout(data: GanttData, scale: TimeScale, row_height: int = ROW_HEIGHT) -> GanttLayout:
    return GanttLayout(data, scale, row_height)


__all__ = ["Bar", "Band", "Diamond", "GanttLayout", "Link", "layout", "stage_lanes"]
