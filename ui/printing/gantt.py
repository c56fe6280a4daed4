"""The Gantt on paper: blocks of rows by slices of time, the names and time scale on every page."""

from __future__ import annotations

import datetime as dt
import math

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QPainter

from ui.printing.page import PrintOptions, fit_scale, print_font


def tr(text: str) -> str:
    return QCoreApplication.translate("Printing", text)


class GanttSource:
    def __init__(self, view, *, first: dt.date | None = None, last: dt.date | None = None, title: str | None = None):
        from ui.gantt.export import x_window

        self.view = view
        self.title = title or tr("Gantt")
        self.first, self.last = first, last
        self.x0, self.x1 = x_window(view, first, last)  # refuses a reversed range at once
        self._screen: tuple | None = None  # the view's own scale and layout while a print has its own
        self.pages: list[tuple[float, float, float, float]] = []
        self.scale = 1.0
        self.names_w = 0.0
        self.legend_h = 0.0

    def paginate(self, width: float, height: float, options: PrintOptions) -> int:
        from ui.gantt import paint
        from ui.gantt.legend import LEGEND_HEIGHT

        view = self.view
        names_w = paint.names_width()
        if names_w > width * 0.45:  # a narrow page keeps IDs and names, drops the date columns
            names_w = min(paint.names_width(with_dates=False), width * 0.45)
        self.names_w = names_w
        self.legend_h = LEGEND_HEIGHT
        self.scale = 1.0
        if options.pages_wide > 0:
            # Fit by the time scale, not by shrinking the text: the days get narrower (down to the
            # quarter zoom), and only past that is the page drawn smaller.
            self._use_scale(width - names_w, options.pages_wide)
        span = self.x1 - self.x0
        self.scale = fit_scale(names_w, span, width, options.pages_wide)
        room_w, room_h = width / self.scale, height / self.scale - self.legend_h
        time_w = room_w - names_w
        row_h = view.layout.row_height
        rows_per_page = max(1, int((room_h - view.header_height) // row_h))
        columns = max(1, math.ceil(span / time_w - 1e-6))
        blocks = max(1, math.ceil(len(view.data) / rows_per_page))
        self.pages = []
        for b in range(blocks):
            y0 = b * rows_per_page * row_h
            y1 = min(view.layout.height, y0 + rows_per_page * row_h)
            for c in range(columns):
                tx0 = self.x0 + c * time_w
                self.pages.append((tx0, min(self.x1, tx0 + time_w), y0, y1))
        return len(self.pages)

    def _use_scale(self, time_w: float, pages_wide: int) -> None:
        from planner.gantt.layout import GanttLayout
        from planner.gantt.scale import LEVELS
        from ui.gantt.export import x_window

        view = self.view
        if self._screen is None:
            self._screen = (view.scale, view.layout)
        scale, _layout = self._screen
        view.scale, view.layout = scale, _layout
        x0, x1 = x_window(view, self.first, self.last)
        ppd = scale.px_per_day * pages_wide * time_w / max(1.0, x1 - x0)
        new = scale.with_px_per_day(max(LEVELS["quarter"] * 0.8, min(ppd, LEVELS["day"])))
        view.scale, view.layout = new, GanttLayout(view.data, new)
        self.x0, self.x1 = x_window(view, self.first, self.last)

    def finish(self) -> None:
        """Give the view back its own time scale."""
        if self._screen is not None:
            self.view.scale, self.view.layout = self._screen
            self._screen = None

    def paint_page(self, p: QPainter, number: int, width: float, height: float) -> None:
        from ui.gantt import paint
        from ui.gantt.export import paint_tile
        from ui.gantt.legend import paint_legend

        x0, x1, y0, y1 = self.pages[number]
        p.save()
        p.scale(self.scale, self.scale)
        paint_tile(p, self.view, x0, x1, y0, y1, self.names_w)
        bottom = height / self.scale - self.legend_h
        first, last = self.view.scale.date_at(x0), self.view.scale.date_at(x1 - 1)
        p.setFont(print_font(10))
        p.drawText(QRectF(0, bottom, width / self.scale, self.legend_h), Qt.AlignRight | Qt.AlignVCenter,
                   tr("%1 to %2").replace("%1", first.isoformat()).replace("%2", last.isoformat()))
        p.translate(0, bottom)
        paint_legend(p, width / self.scale * 0.75, paint.PaintOptions(font=self.view.chart_font))
        p.restore()
