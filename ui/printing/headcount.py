"""The head-count view on paper: one histogram per role (or team), several to a page, text as text."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter

from ui.printing.page import PrintOptions, print_font

BAND = 155.0  # logical px per histogram with its caption: four to an A4 landscape page
CAPTION = 20.0


class HeadcountSource:
    def __init__(self, view, title: str):
        from ui.views.headcount import display_name

        self.title = title
        self.load = view.load
        model = view.model
        names = [model.row_at(n).name for n in range(model.rowCount())]  # the table's order
        by_key = {s.key: s for s in self.load.series}
        self.series = [by_key[name] for name in names if name in by_key]
        self.names = [display_name(s.key) for s in self.series]
        self.summary = view.summary.text()
        self.per_page = 1
        self.font = print_font(11)

    def paginate(self, width: float, height: float, options: PrintOptions) -> int:
        self.per_page = max(1, int((height - CAPTION) // BAND))
        return max(1, -(-len(self.series) // self.per_page))

    def paint_page(self, p: QPainter, number: int, width: float, height: float) -> None:
        from ui.views.histogram import caption, paint_histogram

        p.setPen(QColor("#1f2328"))
        p.setFont(print_font(11))
        p.drawText(QRectF(0, 0, width, CAPTION), int(Qt.AlignLeft | Qt.AlignVCenter), self.summary)
        first = number * self.per_page
        for slot, n in enumerate(range(first, min(first + self.per_page, len(self.series)))):
            series = self.series[n]
            top = CAPTION + slot * BAND
            p.setPen(QColor("#1f2328"))
            p.setFont(print_font(12, bold=True))
            p.drawText(QRectF(0, top + 4, width, CAPTION), int(Qt.AlignLeft | Qt.AlignVCenter),
                       caption(series, self.names[n]))
            paint_histogram(p, QRectF(0, top + CAPTION + 4, width, BAND - CAPTION - 10), self.load, series,
                            print_font(11))
