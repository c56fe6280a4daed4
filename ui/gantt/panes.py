"""The two halves of the Gantt view: task names on the left, the timeline on the right."""

# Both read their geometry from the owning `GanttView` and share the timeline's vertical
# scroll bar; both paint only the rows in view.

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QCursor, QPainter, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from planner.gantt.hit import BODY, END_EDGE, LINK_FROM_END, LINK_FROM_START, PROGRESS, START_EDGE, hit_test
from planner.gantt.rows import GROUP
from ui.gantt import paint
from ui.gantt.gestures import Gesture

_CURSORS = {BODY: Qt.SizeAllCursor, START_EDGE: Qt.SizeHorCursor, END_EDGE: Qt.SizeHorCursor,
            PROGRESS: Qt.PointingHandCursor, LINK_FROM_START: Qt.CrossCursor, LINK_FROM_END: Qt.CrossCursor}


class TimelineArea(QAbstractScrollArea):
    """Custom-painted timeline; only the visible window is laid out and drawn."""

    zoom_requested = Signal(float, float)  # factor, anchor x in the viewport

    def __init__(self, gantt, parent=None):
        super().__init__(parent)
        self.gantt = gantt
        self.gesture: Gesture | None = None
        self.viewport().setMouseTracking(True)
        self.viewport().setAttribute(Qt.WA_OpaquePaintEvent)
        self.setFocusPolicy(Qt.StrongFocus)
        self.verticalScrollBar().setSingleStep(24)
        self.horizontalScrollBar().setSingleStep(40)

    # --- coordinates -----------------------------------------------------------------
    def x_offset(self) -> float:
        return self.gantt.x_min + self.horizontalScrollBar().value()

    def y_offset(self) -> float:
        return float(self.verticalScrollBar().value())

    def to_content(self, pos: QPointF) -> tuple[float, float]:
        return pos.x() + self.x_offset(), pos.y() - self.gantt.header_height + self.y_offset()

    def visible_window(self) -> QRectF:
        vp = self.viewport()
        return QRectF(self.x_offset(), self.y_offset(), vp.width(), max(0, vp.height() - self.gantt.header_height))

    def update_scroll_ranges(self) -> None:
        lay = self.gantt.layout
        if lay is None:
            return
        vp = self.viewport()
        span = self.gantt.x_max - self.gantt.x_min
        self.horizontalScrollBar().setRange(0, max(0, int(span - vp.width())))
        self.horizontalScrollBar().setPageStep(vp.width())
        body = max(0, vp.height() - self.gantt.header_height)
        self.verticalScrollBar().setRange(0, max(0, lay.height - body))
        self.verticalScrollBar().setPageStep(body)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.update_scroll_ranges()

    def scrollContentsBy(self, dx, dy):
        self.viewport().update()

    # --- painting -------------------------------------------------------------------
    def paintEvent(self, event):
        """Paint only the damaged part: a drag repaints one row band, a scroll the whole view."""
        p = QPainter(self.viewport())
        rect = QRectF(event.rect())
        p.fillRect(rect, self.palette().base())
        if self.gantt.layout is None:  # no plan open
            p.end()
            return
        view = self.visible_window()
        top = max(rect.top(), self.gantt.header_height) - self.gantt.header_height + view.top()
        bottom = rect.bottom() + 1 - self.gantt.header_height + view.top()
        win = QRectF(view.left() + rect.left(), top, rect.width(), max(0.0, bottom - top))
        self.paint_window(p, view.topLeft(), win, self.gantt.paint_options(), header=rect.top() < self.gantt.header_height)
        p.end()

    def paint_window(self, p: QPainter, origin: QPointF, win: QRectF, options, *, header: bool = True) -> None:
        """Body content `win` and (optionally) the header, with content `origin` at device (0, HEADER)."""
        lay = self.gantt.layout
        p.setRenderHint(QPainter.Antialiasing, True)
        if win.height() > 0:
            p.save()
            p.translate(-origin.x(), self.gantt.header_height - origin.y())
            p.setClipRect(win)
            paint.paint_body(p, lay, win, options)
            p.restore()
        if header:
            p.save()
            p.translate(-origin.x(), 0)
            p.setClipRect(QRectF(win.left(), 0, win.width(), self.gantt.header_height))
            paint.paint_header(p, lay, win.left(), win.right(), options)
            p.restore()

    def update_rows(self, first: int, last: int) -> None:
        """Schedule a repaint of the viewport band holding rows first..last."""
        h = self.gantt.layout.row_height
        top = first * h - self.y_offset() + self.gantt.header_height
        bottom = (last + 1) * h - self.y_offset() + self.gantt.header_height
        top = max(top, self.gantt.header_height)
        if bottom > top:
            self.viewport().update(0, int(top), self.viewport().width(), int(bottom - top) + 1)

    # --- mouse ----------------------------------------------------------------------
    def mousePressEvent(self, event):
        if self.gantt.layout is None:
            return
        if event.button() != Qt.LeftButton or event.position().y() < self.gantt.header_height:
            return super().mousePressEvent(event)
        x, y = self.to_content(event.position())
        hit = hit_test(self.gantt.layout, x, y)
        self.gantt.select_row_at(hit.row if hit else None, toggle=bool(event.modifiers() & Qt.ControlModifier))
        self.gesture = Gesture.begin(hit, x, y)

    def mouseMoveEvent(self, event):
        if self.gantt.layout is None:
            return
        x, y = self.to_content(event.position())
        if self.gesture is None:
            hit = hit_test(self.gantt.layout, x, y)
            self.viewport().setCursor(QCursor(_CURSORS.get(hit.kind if hit else "", Qt.ArrowCursor)))
            self.gantt.set_hover_row(self.gantt.layout.row_at(y) if event.position().y() >= self.gantt.header_height else None)
            return
        self.gesture.update(x, y)
        self.gantt.show_gesture(self.gesture)

    def mouseReleaseEvent(self, event):
        gesture, self.gesture = self.gesture, None
        if gesture is not None:
            gesture.update(*self.to_content(event.position()))
            self.gantt.finish_gesture(gesture)

    def leaveEvent(self, event):
        self.gantt.set_hover_row(None)
        super().leaveEvent(event)

    def keyPressEvent(self, event):
        if event.key() == Qt.Key_Escape and self.gesture is not None:
            self.gesture = None  # Esc drops the drag: nothing is changed
            self.gantt.cancel_gesture()
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event):
        if self.gantt.layout is None:
            return
        x, y = self.to_content(event.position())
        hit = hit_test(self.gantt.layout, x, y)
        if hit is not None:
            self.gantt.activate_row(hit.row)

    def wheelEvent(self, event):
        if event.modifiers() & Qt.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_requested.emit(1.25 ** steps, event.position().x())
            event.accept()
            return
        if event.modifiers() & Qt.ShiftModifier:  # Shift+wheel pans along the time axis
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - round(event.angleDelta().y() / 120 * bar.singleStep() * 3))
            event.accept()
            return
        super().wheelEvent(event)

    def viewportEvent(self, event):
        if event.type() == event.Type.ToolTip and self.gantt.layout is not None:
            x, y = self.to_content(QPointF(event.pos()))
            text = self.gantt.tooltip_at(x, y)
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)


class NamesPane(QWidget):
    """Task IDs and names, grouped and collapsible, scrolled with the timeline."""

    def __init__(self, gantt, parent=None):
        super().__init__(parent)
        self.gantt = gantt
        self.setAttribute(Qt.WA_OpaquePaintEvent)
        self.setMinimumWidth(120)

    def sizeHint(self):
        size = super().sizeHint()
        size.setWidth(paint.names_width())
        return size

    def paintEvent(self, event):
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().base())
        if self.gantt.layout is None:
            p.end()
            return
        p.setRenderHint(QPainter.Antialiasing, True)
        y0 = self.gantt.timeline.y_offset()
        body = self.height() - self.gantt.header_height
        p.save()
        p.setClipRect(QRectF(0, self.gantt.header_height, self.width(), body))
        p.translate(0, self.gantt.header_height - y0)
        paint.paint_names(p, self.gantt.layout, y0, y0 + body, self.width(), self.gantt.paint_options())
        p.restore()
        self.gantt.paint_names_header(p, self.width())
        p.setPen(QPen(paint.C["header_line"], 1))
        p.drawLine(self.width() - 1, 0, self.width() - 1, self.height())
        p.end()

    def _row_at(self, pos: QPointF) -> int | None:
        if self.gantt.layout is None or pos.y() < self.gantt.header_height:
            return None
        return self.gantt.layout.row_at(pos.y() - self.gantt.header_height + self.gantt.timeline.y_offset())

    def mousePressEvent(self, event):
        row = self._row_at(event.position())
        if row is None:
            return
        r = self.gantt.layout.data.rows[row]
        name_x = paint.NAME_COLUMNS[0][1] + (14.0 * r.depth if r.summary else 0)
        if (r.kind == GROUP or r.summary) and name_x <= event.position().x() <= name_x + 22:
            self.gantt.toggle_group(row)
            return
        self.gantt.select_row_at(row, toggle=bool(event.modifiers() & Qt.ControlModifier))

    def mouseDoubleClickEvent(self, event):
        row = self._row_at(event.position())
        if row is not None:
            self.gantt.activate_row(row)

    def wheelEvent(self, event):
        self.gantt.timeline.wheelEvent(event)
