"""The Gantt's legend: what each colour and shape means, on screen under the chart and on paper."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt, QT_TRANSLATE_NOOP
from PySide6.QtGui import QFontMetricsF, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from ui.gantt import paint

LEGEND_HEIGHT = 22

ITEMS = (
    ("bar", QT_TRANSLATE_NOOP("GanttLegend", "Task")),
    ("bar_done", QT_TRANSLATE_NOOP("GanttLegend", "Done part")),
    ("critical", QT_TRANSLATE_NOOP("GanttLegend", "Critical path")),
    ("summary", QT_TRANSLATE_NOOP("GanttLegend", "Summary task")),
    ("baseline", QT_TRANSLATE_NOOP("GanttLegend", "Baseline")),
    ("float", QT_TRANSLATE_NOOP("GanttLegend", "Float")),
    ("milestone", QT_TRANSLATE_NOOP("GanttLegend", "Milestone")),
    ("today", QT_TRANSLATE_NOOP("GanttLegend", "Status date")),
    ("broken", QT_TRANSLATE_NOOP("GanttLegend", "Violated link")),
)


def paint_legend(p: QPainter, width: float, options) -> float:
    """One row of swatches from (0, 0); returns the width used."""
    p.save()
    font = paint.base_font(options)
    font.setPixelSize(11)
    p.setFont(font)
    metrics = QFontMetricsF(font)
    x, mid = 4.0, LEGEND_HEIGHT / 2
    for key, label in ITEMS:
        text = QCoreApplication.translate("GanttLegend", label)
        need = 22 + metrics.horizontalAdvance(text) + 14
        if x + need > width:
            break
        colour = paint.C[key]
        p.setPen(Qt.NoPen)
        if key == "milestone":
            p.setBrush(colour)
            p.drawPolygon(QPolygonF([QPointF(x + 9, mid - 6), QPointF(x + 15, mid), QPointF(x + 9, mid + 6),
                                     QPointF(x + 3, mid)]))
        elif key in ("today", "broken"):
            p.setPen(QPen(colour, 2, Qt.DashLine if key == "today" else Qt.SolidLine))
            if key == "today":
                p.drawLine(QPointF(x + 9, mid - 7), QPointF(x + 9, mid + 7))
            else:
                p.drawLine(QPointF(x + 1, mid), QPointF(x + 17, mid))
        elif key in ("baseline", "float"):
            p.fillRect(QRectF(x, mid - 2, 18, 4), colour)
        else:
            p.fillRect(QRectF(x, mid - 5, 18, 10), colour)
        p.setPen(paint.C["text"])
        p.drawText(QRectF(x + 22, 0, need - 22, LEGEND_HEIGHT), Qt.AlignLeft | Qt.AlignVCenter, text)
        x += need
    p.restore()
    return x


class GanttLegend(QWidget):
    """The legend under the chart."""

    def __init__(self, view, parent=None):
        super().__init__(parent)
        self.view = view
        self.setObjectName("gantt_legend")
        self.setFixedHeight(LEGEND_HEIGHT)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(400, LEGEND_HEIGHT)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        paint_legend(p, self.width(), paint.PaintOptions(font=getattr(self.view, "chart_font", None)))
        p.end()
