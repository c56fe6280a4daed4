"""Orthogonal routes for dependency arrows, kept in the gaps between bars."""

# A route leaves the predecessor at the end the link type names, runs vertically in a column
# beside both bars when one exists, and otherwise doglegs along the row boundary just above (or
# below) the successor's row, where no bar is ever drawn.

from __future__ import annotations

from typing import Callable

Point = tuple[float, float]
Clear = Callable[[float, int], float]  # (x, +1 right / -1 left) -> nearest x whose column is free

OUT_RIGHT, OUT_LEFT, OUT_VERTICAL = 1, -1, 0
IN_HEADING_RIGHT, IN_HEADING_LEFT = 1, -1


def route(src: Point, src_dir: int, dst: Point, dst_dir: int, *, gap: float, corridor_y: float,
          clear: Clear | None = None) -> list[Point]:
    """Points from `src` to `dst`; the last segment points into the successor's end.

    `src_dir`: the way the line leaves the predecessor (right, left, or vertical from a
    threshold point on the bar). `dst_dir`: the heading of the arrowhead (right into a start,
    left into a finish). `corridor_y`: a row boundary next to the successor's row. `clear`
    moves a vertical segment sideways past the bars of the rows in between.
    """
    sx, sy = src
    dx, dy = dst
    clear = clear or (lambda x, _direction: x)
    lo, hi = _column_bounds(sx, src_dir, dx, dst_dir, gap)
    if lo <= hi:
        if src_dir == OUT_VERTICAL:
            return _dedupe([(sx, sy), (sx, dy), (dx, dy)])
        v = clear(lo, 1) if src_dir == OUT_RIGHT else clear(hi, -1)
        if lo <= v <= hi:
            return _dedupe([(sx, sy), (v, sy), (v, dy), (dx, dy)])
    a = sx if src_dir == OUT_VERTICAL else clear(sx + src_dir * gap, src_dir)
    b = dx - dst_dir * gap
    return _dedupe([(sx, sy), (a, sy), (a, corridor_y), (b, corridor_y), (b, dy), (dx, dy)])


def _column_bounds(sx, src_dir, dx, dst_dir, gap) -> tuple[float, float]:
    """The x range where one vertical segment can join both ends without crossing either bar."""
    lo, hi = float("-inf"), float("inf")
    if src_dir == OUT_RIGHT:
        lo = sx + gap
    elif src_dir == OUT_LEFT:
        hi = sx - gap
    else:
        lo = hi = sx
    if dst_dir == IN_HEADING_RIGHT:
        hi = min(hi, dx - gap)
    else:
        lo = max(lo, dx + gap)
    return lo, hi


def _dedupe(points: list[Point]) -> list[Point]:
    out = [points[0]]
    for p in points[1:]:
        if p != out[-1]:
            out.append(p)
    return out


def arrow_head(points: list[Point], size: float = 5.0) -> list[Point]:
    """A filled triangle at the end of a route, pointing along its last segment."""
    (x0, y0), (x1, y1) = points[-2], points[-1]
    dx, dy = x1 - x0, y1 - y0
    length = max((dx * dx + dy * dy) ** 0.5, 1e-9)
    ux, uy = dx / length, dy / length
    bx, by = x1 - ux * size, y1 - uy * size
    return [(x1, y1), (bx - uy * size * 0.6, by + ux * size * 0.6), (bx + uy * size * 0.6, by - ux * size * 0.6)]
