"""A matplotlib chart on paper: fitted to the page width, a tall chart continued on the next pages."""

from __future__ import annotations

import io
import math

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from ui.printing.page import PrintOptions

PRINT_DPI = 200


class ChartSource:
    def __init__(self, title: str, figure):
        self.title = title
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=PRINT_DPI, facecolor="white")
        self.image = QImage.fromData(buffer.getvalue(), "PNG")
        self.slices: list[tuple[float, float]] = []
        self.scale = 1.0

    def paginate(self, width: float, height: float, options: PrintOptions) -> int:
        w, h = self.image.width(), self.image.height()
        # Fit the width; a chart that is wide rather than tall is fitted whole to one page.
        self.scale = min(width / w, height / h) if h * width / w <= height * 1.15 else width / w
        page_rows = height / self.scale  # image pixels per page
        count = max(1, math.ceil(h / page_rows - 0.02))
        self.slices = [(n * page_rows, min(h, (n + 1) * page_rows)) for n in range(count)]
        return count

    def paint_page(self, p: QPainter, number: int, width: float, height: float) -> None:
        top, bottom = self.slices[number]
        w = self.image.width()
        target = QRectF(0, 0, w * self.scale, (bottom - top) * self.scale)
        p.setRenderHint(QPainter.SmoothPixmapTransform)
        p.drawImage(target, self.image, QRectF(0, top, w, bottom - top))
