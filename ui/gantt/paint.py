"""Draws the Gantt from `planner.gantt` geometry with a QPainter: header, background, bars, links."""

# The same functions paint the on-screen viewport, PNG exports and every tile of a PDF or a
# printout, so what prints is what the user sees. Only the window asked for is drawn.

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF

from planner.gantt.layout import Bar, Diamond, GanttLayout, Link, stage_lanes
from planner.gantt.routing import arrow_head
from planner.gantt.rows import GROUP, MILESTONES

HEADER_ROW = 18


def header_height(lanes: int) -> int:
    """Stage lanes, then the major and the minor ticks."""
    return (max(1, lanes) + 2) * HEADER_ROW

C = {
    "bar": QColor("#5B8FF9"), "bar_done": QColor("#1D4FB8"),
    "critical": QColor("#E8684A"), "critical_done": QColor("#B0391F"),
    "summary": QColor("#3D4652"), "baseline": QColor(150, 150, 150, 150),
    "actual": QColor("#2E9E5B"), "float": QColor("#8A96A3"),
    "milestone": QColor("#F2B705"), "link": QColor("#5A6470"), "broken": QColor("#D62728"),
    "link_selected": QColor("#1D4FB8"),
    "nonworking": QColor("#EFF1F4"), "grid": QColor(0, 0, 0, 28), "stripe": QColor(0, 0, 0, 7),
    "today": QColor("#D62728"), "select": QColor(70, 130, 240, 45), "text": QColor("#1F2328"),
    "header": QColor("#F3F5F8"), "header_line": QColor("#C9CED6"),
    "stage": [QColor(91, 143, 249, 60), QColor(90, 216, 166, 60), QColor(246, 189, 22, 60), QColor(232, 104, 74, 55)],
    "preview": QColor(30, 30, 30, 90),
}


@dataclass
class PaintOptions:
    calendar: object | None = None  # WorkCalendar for shading non-working days
    stages: list = field(default_factory=list)
    today: dt.date | None = None
    selected: frozenset[int] = frozenset()  # task ids
    show_roles: bool = True
    font: QFont | None = None
    preview: tuple[int, float, float, str] | None = None  # (row, x0, x1, new dates) of a dragged bar
    link_preview: tuple[QPointF, QPointF, str] | None = None  # from, to, link type when over a bar
    names_cache: dict = field(default_factory=dict)  # elided name cells per (row, width); the view resets it
    float_for_all: bool = False  # else the float tail only of hovered, selected and critical tasks
    hover_row: int | None = None


def base_font(options: PaintOptions) -> QFont:
    font = QFont(options.font) if options.font is not None else QFont()
    font.setPixelSize(12)
    return font


# --- header ------------------------------------------------------------------------------
def paint_header(p: QPainter, lay: GanttLayout, x0: float, x1: float, options: PaintOptions) -> None:
    """Header in content x, y from 0: stage lanes, major and minor ticks."""
    font = base_font(options)
    p.setFont(font)
    bands = lay.stage_bands(options.stages)
    lanes = stage_lanes(bands)
    height = header_height(lanes)
    p.fillRect(QRectF(x0, 0, x1 - x0, height), C["header"])
    for i, band in enumerate(bands):
        if band.x1 < x0 or band.x0 > x1:
            continue
        rect = QRectF(band.x0, band.lane * HEADER_ROW, band.x1 - band.x0, HEADER_ROW)
        p.fillRect(rect.adjusted(0, 1, -1, -1), C["stage"][i % len(C["stage"])])
        _cell_text(p, rect.intersected(QRectF(x0, 0, x1 - x0, height)), band.label)
    ticks = lay.ticks(x0, x1)
    for row, cells in ((lanes, ticks.major), (lanes + 1, ticks.minor)):
        y = row * HEADER_ROW
        for t in cells:
            rect = QRectF(t.x, y, t.x_end - t.x, HEADER_ROW)
            p.setPen(QPen(C["header_line"], 1))
            p.drawLine(QPointF(t.x, y), QPointF(t.x, y + HEADER_ROW))
            _cell_text(p, rect.intersected(QRectF(x0, y, x1 - x0, HEADER_ROW)), t.label)
        p.setPen(QPen(C["header_line"], 1))
        p.drawLine(QPointF(x0, y), QPointF(x1, y))
    p.drawLine(QPointF(x0, height - 0.5), QPointF(x1, height - 0.5))


def _cell_text(p: QPainter, rect: QRectF, text: str) -> None:
    if rect.width() < 14:
        return
    p.setPen(C["text"])
    elided = QFontMetricsF(p.font()).elidedText(text, Qt.ElideRight, rect.width() - 4)
    p.drawText(rect.adjusted(3, 0, -1, 0), Qt.AlignVCenter | Qt.AlignLeft, elided)


# --- body ----------------------------------------------------------------------------------
def paint_body(p: QPainter, lay: GanttLayout, window: QRectF, options: PaintOptions) -> None:
    """Everything in the content rectangle `window` (x from the programme start, y from row 0)."""
    x0, x1, y0, y1 = window.left(), window.right(), window.top(), window.bottom()
    p.setFont(base_font(options))
    _background(p, lay, x0, x1, y0, y1, options)
    rows_of = lay.data.row_of_task
    selected_rows = {rows_of[t] for t in options.selected if t in rows_of} if len(options.selected) < 500 else set()
    for link in lay.links_in(y0, y1, x0, x1):
        _link(p, link, highlighted=bool(selected_rows) and (link.pred_row in selected_rows
                                                           or link.succ_row in selected_rows))
    bars = lay.bars_in(y0, y1)
    for bar in bars:
        _bar(p, lay, bar, options)
    for dm in lay.markers_in(y0, y1):
        _diamond(p, dm, C["milestone"])
        if lay.data.rows[dm.row].kind == MILESTONES:  # on a task row the task's own label wins
            _label(p, dm.cx + dm.half + 3, dm.cy, dm.label)
    _overlays(p, lay, x0, x1, y0, y1, options)


def _background(p, lay, x0, x1, y0, y1, options) -> None:
    # Opaque, pixel-aligned fills without antialiasing: the cheapest way to cover the window.
    p.setRenderHint(QPainter.Antialiasing, False)
    h = lay.row_height
    if options.calendar is not None:
        for a, b in lay.nonworking_in(options.calendar, x0, x1):
            p.fillRect(QRectF(round(a), y0, round(b) - round(a), y1 - y0), C["nonworking"])
    for r in lay.rows_in(y0, y1):
        top = r * h
        if r in _selected_rows(lay, options.selected, r):
            p.fillRect(QRectF(x0, top, x1 - x0, h), C["select"])
        elif lay.data.rows[r].kind == GROUP:
            p.fillRect(QRectF(x0, top, x1 - x0, h), C["stripe"])
    p.setPen(QPen(C["grid"], 1))
    for t in lay.ticks(x0, x1).major:
        p.drawLine(QPointF(round(t.x) + 0.5, y0), QPointF(round(t.x) + 0.5, y1))
    p.setPen(QPen(C["header_line"], 1.5, Qt.DashLine))
    for band in lay.stage_bands(options.stages):
        p.drawLine(QPointF(band.x0, y0), QPointF(band.x0, y1))
    p.setRenderHint(QPainter.Antialiasing, True)


def _selected_rows(lay, selected, r) -> set[int]:
    tid = lay.data.task_id[r]
    return {r} if tid >= 0 and int(tid) in selected else set()


def _overlays(p, lay, x0, x1, y0, y1, options) -> None:
    if options.today is not None:
        x = lay.scale.x(options.today) + lay.scale.px_per_day / 2
        if x0 <= x <= x1:
            p.setPen(QPen(C["today"], 1.5, Qt.DashLine))
            p.drawLine(QPointF(x, y0), QPointF(x, y1))
    if options.preview is not None:
        row, a, b, text = options.preview
        top = row * lay.row_height
        p.setPen(QPen(C["preview"], 1, Qt.DashLine))
        p.setBrush(QBrush(QColor(30, 30, 30, 35)))
        p.drawRect(QRectF(a, top + 3, max(b - a, 2), lay.row_height - 6))
        _badge(p, QPointF(b + 6, top + lay.row_height / 2), text)
    if options.link_preview is not None:
        a, b, text = options.link_preview
        p.setPen(QPen(C["link"], 1.5, Qt.DashLine))
        p.drawLine(a, b)
        _badge(p, b + QPointF(10, -10), text)
    p.setBrush(Qt.NoBrush)


def _badge(p: QPainter, at: QPointF, text: str) -> None:
    """What a drag will do (new dates, progress, link type), on a pale box beside the pointer."""
    if not text:
        return
    rect = QFontMetricsF(p.font()).boundingRect(text).adjusted(-4, -2, 4, 2)
    rect.moveTo(at.x(), at.y() - rect.height() / 2)
    p.setPen(QPen(C["header_line"], 1))
    p.setBrush(QColor(255, 255, 240, 235))
    p.drawRoundedRect(rect, 3, 3)
    p.setPen(C["text"])
    p.drawText(rect, Qt.AlignCenter, text)


def _bar(p: QPainter, lay: GanttLayout, bar: Bar, options: PaintOptions) -> None:
    row = lay.data.rows[bar.row]
    if bar.kind == GROUP:
        _summary(p, bar)
        _label(p, bar.x1 + 6, bar.mid_y, row.label)
        return
    if bar.summary:  # a summary task: end caps, its rolled-up progress darker, its code and name
        _summary(p, bar, progress=True, critical=bar.critical)
        _label(p, lay.label_x(bar) + (bar.y1 - bar.y0) * 0.9, bar.mid_y, f"{row.code} {row.label}")
        return
    if bar.baseline is not None:  # a ghost behind the bar, showing below it and where it differs
        p.fillRect(QRectF(bar.baseline[0], bar.y0 + 4, bar.baseline[1] - bar.baseline[0], bar.y1 - bar.y0),
                   C["baseline"])
    if bar.float_x1 > bar.x1 + 0.5 and _shows_float(bar, options):  # under the bar, so the label fits beside it
        y = bar.y1 + 2.5
        p.setPen(QPen(C["float"], 1.2))
        p.drawLine(QPointF(bar.x1, y), QPointF(bar.float_x1, y))
        p.drawLine(QPointF(bar.float_x1, y - 2.5), QPointF(bar.float_x1, y + 2.5))
    if bar.milestone:
        dm = lay.diamond(bar)
        _diamond(p, dm, C["critical"] if bar.critical else C["milestone"])
        _label(p, dm.cx + dm.half + 4, dm.cy, f"{row.code} {row.label}")
        return
    base, done = (C["critical"], C["critical_done"]) if bar.critical else (C["bar"], C["bar_done"])
    rect = QRectF(bar.x0, bar.y0, bar.x1 - bar.x0, bar.y1 - bar.y0)
    p.setPen(Qt.NoPen)
    p.setBrush(base)
    p.drawRoundedRect(rect, 2, 2)
    if bar.progress > 0:
        p.setBrush(done)
        p.drawRoundedRect(QRectF(bar.x0, bar.y0 + 2, bar.progress_x - bar.x0, bar.y1 - bar.y0 - 4), 1.5, 1.5)
    if bar.actual is not None:
        p.fillRect(QRectF(bar.actual[0], bar.y0 - 3, bar.actual[1] - bar.actual[0], 2.5), C["actual"])
    p.setBrush(Qt.NoBrush)
    roles = f"  {lay.data.roles[bar.row]}" if options.show_roles and lay.data.roles[bar.row] else ""
    _label(p, lay.label_x(bar), bar.mid_y, f"{row.code} {row.label}{roles}")


def _shows_float(bar: Bar, options: PaintOptions) -> bool:
    """Float tails of every task read as noise at month zoom: by default only the ones asked about."""
    return (options.float_for_all or bar.critical or bar.row == options.hover_row
            or (bar.task_id is not None and bar.task_id in options.selected))


def _summary(p: QPainter, bar: Bar, *, progress: bool = False, critical: bool = False) -> None:
    p.setPen(QPen(C["critical"], 1.2) if critical else Qt.NoPen)
    p.setBrush(C["summary"])
    p.drawRect(QRectF(bar.x0, bar.y0, bar.x1 - bar.x0, bar.y1 - bar.y0))
    p.setPen(Qt.NoPen)
    tip = (bar.y1 - bar.y0) * 0.9
    for x, sign in ((bar.x0, 1), (bar.x1, -1)):
        p.drawPolygon(QPolygonF([QPointF(x, bar.y1), QPointF(x + sign * tip, bar.y1), QPointF(x, bar.y1 + tip)]))
    if progress and bar.progress > 0:
        p.setBrush(C["summary"].darker(170))
        h = (bar.y1 - bar.y0) / 3
        p.drawRect(QRectF(bar.x0, bar.y0 + h, bar.progress_x - bar.x0, h))
    p.setBrush(Qt.NoBrush)


def _diamond(p: QPainter, dm: Diamond, colour: QColor) -> None:
    h = dm.half
    poly = QPolygonF([QPointF(dm.cx, dm.cy - h), QPointF(dm.cx + h, dm.cy), QPointF(dm.cx, dm.cy + h), QPointF(dm.cx - h, dm.cy)])
    p.setPen(QPen(colour.darker(160), 1))
    p.setBrush(colour)
    p.drawPolygon(poly)
    p.setBrush(Qt.NoBrush)


def _label(p: QPainter, x: float, mid_y: float, text: str) -> None:
    p.setPen(C["text"])
    p.drawText(QPointF(x, mid_y + 4), text)


def _link(p: QPainter, link: Link, *, highlighted: bool = False) -> None:
    """A routed arrow; red when broken, drawn heavier when it touches a selected task."""
    colour = C["broken"] if link.broken else (C["link_selected"] if highlighted else C["link"])
    p.setPen(QPen(colour, 2.2 if highlighted else 1.6 if link.broken else 1.1))
    pts = [QPointF(x, y) for x, y in link.points]
    p.drawPolyline(QPolygonF(pts))
    p.setBrush(colour)
    p.setPen(Qt.NoPen)
    p.drawPolygon(QPolygonF([QPointF(x, y) for x, y in arrow_head(list(link.points))]))
    p.setBrush(Qt.NoBrush)
    if link.label:
        font = QFont(p.font())
        font.setPixelSize(10)
        font.setBold(True)
        p.setFont(font)
        p.setPen(colour)
        p.drawText(QPointF(*link.label_pos), link.label)
        font.setPixelSize(12)
        font.setBold(False)
        p.setFont(font)


# --- task names (the left pane; also repeated on every printed page) ------------------------
NAME_COLUMNS = (("ID", 64), ("name", 220), ("start", 88), ("end", 88))


_LEFT = Qt.AlignVCenter | Qt.AlignLeft


def paint_names(p: QPainter, lay: GanttLayout, y0: float, y1: float, width: float, options: PaintOptions,
                *, expanded_arrows: bool = True) -> None:
    """Task rows (ID, indented name, start, end) for content y in [y0, y1), from x = 0."""
    normal = base_font(options)
    bold = QFont(normal)
    bold.setBold(True)
    h = lay.row_height
    metrics = {False: QFontMetricsF(normal), True: QFontMetricsF(bold)}
    p.setRenderHint(QPainter.Antialiasing, False)
    rows = lay.rows_in(y0, y1)
    for r in rows:
        row, top = lay.data.rows[r], r * h
        if r in _selected_rows(lay, options.selected, r):
            p.fillRect(QRectF(0, top, width, h), C["select"])
        elif row.kind == GROUP:
            p.fillRect(QRectF(0, top, width, h), C["stripe"])
        strong = row.kind != "task" or row.summary
        p.setFont(bold if strong else normal)
        p.setPen(C["text"])
        key = (r, width, expanded_arrows)
        cells = options.names_cache.get(key)
        if cells is None:
            cells = options.names_cache[key] = _name_row(lay, r, width, metrics[strong], expanded_arrows)
        for x, w, align, text in cells:
            p.drawText(QRectF(x, top, w, h), align, text)
    p.setPen(QPen(C["grid"], 1))
    p.drawLines([QPointF(v, (r + 1) * h - 0.5) for r in rows for v in (0, width)])
    p.setRenderHint(QPainter.Antialiasing, True)


def _name_row(lay: GanttLayout, r: int, width: float, metrics: QFontMetricsF, arrows: bool) -> list:
    """(x, width, alignment, text) of each cell of row r, elided to fit (cached by the caller)."""
    row = lay.data.rows[r]
    out, x = [], 4.0
    for (key, w), text in zip(NAME_COLUMNS, _name_cells(row, lay.data.task_span(r), lay.data.origin)):
        if x >= width:
            break
        # the name shows the outline level; the other cells stay in their columns (a group's tasks
        # are indented one step there, as before)
        level = row.depth if key == "name" else min(row.depth, 1)
        indent = 14.0 * level + (14 if key == "name" and row.kind != MILESTONES else 0)
        if key == "name" and (row.kind == GROUP or row.summary) and arrows:
            at = x + (14.0 * row.depth if row.summary else 0)  # a summary's arrow sits at its own level
            out.append((at, 14, Qt.AlignCenter, "▸" if row.collapsed else "▾"))
        cell_w = min(w, width - x) - indent - 4
        if text and cell_w > 8:
            out.append((x + indent, cell_w, _LEFT, metrics.elidedText(text, Qt.ElideRight, cell_w)))
        x += w
    return out


def _name_cells(row, span, origin) -> tuple[str, str, str, str]:
    if span is None:
        return row.code, row.label, "", ""
    start = origin + dt.timedelta(days=span[0])
    end = origin + dt.timedelta(days=span[1] - 1)
    return row.code, row.label, start.isoformat(), end.isoformat()


def names_width(with_dates: bool = True) -> int:
    return sum(w for key, w in NAME_COLUMNS if with_dates or key in ("ID", "name"))
