"""One head-count histogram painted with QPainter: the view and its printout draw it the same way.

Bars are the heads of one role (or team) per week or month; a bar above the capacity is red and
the capacity is a dashed line. No matplotlib: the view opens at once and Chinese is the app's font.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from planner.capacity import MONTH, HeadcountLoad, LoadSeries

OVER, WITHIN, CAPACITY, SELECTED = QColor("#d32f2f"), QColor("#5B8FF9"), QColor("#37474f"), QColor("#1f2328")
AXIS_LEFT, AXIS_BOTTOM, TOP = 38.0, 30.0, 14.0


def tr(text: str) -> str:
    return QCoreApplication.translate("Headcount", text)


def short_label(load: HeadcountLoad, index: int) -> str:
    """The period under a bar: 2025-03 by month; W06 (ISO, the year in a row below) or W6 (programme) by week."""
    label = load.label(index)
    if load.unit == MONTH:
        return label
    return label.split("-")[-1]


def _step(top: float) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if top / step <= 6:
            return step
    return int(10 ** math.ceil(math.log10(top)))


def plot_area(rect: QRectF) -> QRectF:
    """Where the bars go inside a histogram's rectangle (room left for the axes)."""
    return QRectF(rect.left() + AXIS_LEFT, rect.top() + TOP, max(10.0, rect.width() - AXIS_LEFT - 8),
                  max(10.0, rect.height() - TOP - AXIS_BOTTOM))


def period_columns(rect: QRectF, periods: int) -> list[QRectF]:
    """The column of each period, left to right: a bar is drawn in it, a click in it selects it."""
    plot = plot_area(rect)
    width = plot.width() / max(periods, 1)
    return [QRectF(plot.left() + i * width, plot.top(), width, plot.height()) for i in range(periods)]


def paint_histogram(p: QPainter, rect: QRectF, load: HeadcountLoad, series: LoadSeries, font: QFont,
                    selected: int = -1) -> list[QRectF]:
    """Paint `series` in `rect`; returns each period's column (for clicks), left to right."""
    n = len(load.periods)
    plot = plot_area(rect)
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    small = QFont(font)
    small.setPixelSize(max(8, font.pixelSize() - 2) if font.pixelSize() > 0 else 9)
    p.setFont(small)
    metrics = QFontMetricsF(small)
    top = max(series.peak, series.capacity or 0, 1) * 1.12
    step = _step(top)
    top = max(top, step)

    def y_of(value: float) -> float:
        return plot.bottom() - plot.height() * value / top

    grid = QPen(QColor("#e1e4e8"), 0.6)
    for tick in range(0, int(top) + 1, step):
        y = y_of(tick)
        p.setPen(grid)
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        p.setPen(QColor("#57606a"))
        p.drawText(QRectF(rect.left(), y - 8, AXIS_LEFT - 5, 16), int(Qt.AlignRight | Qt.AlignVCenter), str(tick))
    columns = period_columns(rect, n)
    width = plot.width() / max(n, 1)
    label_w = max((metrics.horizontalAdvance(short_label(load, i)) for i in range(n)), default=20) + 6
    every = max(1, math.ceil(label_w / max(width, 1)))
    over = set(series.over())
    for i in range(n):
        column = columns[i]
        heads = series.heads[i]
        if i == selected:
            p.fillRect(column, QColor(31, 35, 40, 22))
        if heads:
            bar = QRectF(column.left() + width * 0.12, y_of(heads), max(1.0, width * 0.76), plot.bottom() - y_of(heads))
            p.fillRect(bar, OVER if i in over else WITHIN)
            if i == selected:
                p.setPen(QPen(SELECTED, 1.6))
                p.drawRect(bar)
            if width >= metrics.horizontalAdvance(str(heads)) + 4:
                p.setPen(OVER.darker(130) if i in over else QColor("#1f2328"))
                p.drawText(QRectF(column.left(), bar.top() - 15, width, 14), int(Qt.AlignHCenter | Qt.AlignBottom),
                           str(heads))
        if i % every == 0:
            p.setPen(QColor("#57606a"))
            p.drawLine(QPointF(column.left(), plot.bottom()), QPointF(column.left(), plot.bottom() + 3))
            p.drawText(QRectF(column.left(), plot.bottom() + 3, label_w, 14), int(Qt.AlignLeft | Qt.AlignTop),
                       short_label(load, i))
    if load.unit != MONTH and n:  # the years of a week axis, under its labels
        p.setPen(QColor("#57606a"))
        year = None
        for i in range(0, n, every):
            shown = load.periods[i].isocalendar()[0] if load.week_one is None else load.periods[i].year
            if shown != year:
                year = shown
                p.drawText(QRectF(plot.left() + i * width, plot.bottom() + 15, 60, 14),
                           int(Qt.AlignLeft | Qt.AlignTop), str(year))
    p.setPen(QPen(QColor("#8c959f"), 1))
    p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
    if series.capacity is not None:
        y = y_of(series.capacity)
        pen = QPen(CAPACITY, 1.3, Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        text = tr("capacity %1").replace("%1", str(series.capacity))
        p.setPen(CAPACITY)
        p.drawText(QRectF(plot.right() - 160, y - 16, 158, 14), int(Qt.AlignRight | Qt.AlignBottom), text)
    p.restore()
    return columns


def caption(series: LoadSeries, name: str) -> str:
    """Role or team, capacity, peak and the periods over capacity, in one line."""
    parts = [name]
    parts.append(tr("capacity %1").replace("%1", str(series.capacity)) if series.capacity is not None
                 else tr("no capacity set"))
    parts.append(tr("peak %1").replace("%1", str(series.peak)))
    over = len(series.over())
    if over:
        parts.append(tr("over capacity in %1 periods").replace("%1", str(over)))
    return " · ".join(parts)
