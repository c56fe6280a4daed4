"""The page frame shared by every printed view: header, page numbers, fit to N pages wide."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

LOGICAL_DPI = 96  # sources lay out in screen pixels; the painter scales to the device
HEADER = 30
FOOTER = 20


def tr(text: str) -> str:
    return QCoreApplication.translate("Printing", text)


@dataclass
class PrintOptions:
    pages_wide: int = 0  # 0: natural size; N: scaled down so the width fits N pages
    page_size: QPageSize.PageSizeId = QPageSize.PageSizeId.A4
    orientation: QPageLayout.Orientation = QPageLayout.Orientation.Landscape
    extra: dict = field(default_factory=dict)


@dataclass
class PageHeader:
    plan: str
    view: str
    status_date: dt.date | None


class Source(Protocol):
    """What a view gives the print path."""

    title: str  # the view's name in the page header

    def paginate(self, width: float, height: float, options: PrintOptions) -> int:
        """Cut the content for pages of width x height (logical px); the number of pages."""

    def paint_page(self, p: QPainter, number: int, width: float, height: float) -> None:
        """Paint page `number` (0-based) from (0, 0)."""


def print_font(pixels: int = 11, bold: bool = False) -> QFont:
    from ui.gantt.fonts import cjk_family  # the app's CJK font, embedded in the PDF

    font = QFont(cjk_family())
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


def header_of(plan, view_title: str) -> PageHeader:
    return PageHeader(plan.programme.name, view_title, plan.programme.status_date)


def render(device, source: Source, header: PageHeader, options: PrintOptions | None = None) -> int:
    """Paint every page of `source` on a QPrinter or QPdfWriter; returns the page count."""
    options = options or PrintOptions()
    factor = device.resolution() / LOGICAL_DPI
    page = device.pageLayout().paintRectPixels(device.resolution())
    width, height = page.width() / factor, page.height() / factor
    body_h = height - HEADER - FOOTER
    p = QPainter(device)
    if not p.isActive():
        from planner.errors import PlannerError
        raise PlannerError(tr("The printer or PDF file could not be opened for writing."))
    try:
        total = max(1, source.paginate(width, body_h, options))
        p.scale(factor, factor)
        for number in range(total):
            if number:
                device.newPage()
            _paint_header(p, header, width)
            p.save()
            p.translate(0, HEADER)
            p.setClipRect(QRectF(0, 0, width, body_h))
            source.paint_page(p, number, width, body_h)
            p.restore()
            _paint_footer(p, header, width, height, number + 1, total)
    finally:
        p.end()
        finish = getattr(source, "finish", None)
        if finish is not None:
            finish()
    return total


def _paint_header(p: QPainter, header: PageHeader, width: float) -> None:
    p.save()
    p.setPen(QColor("#1f2328"))
    p.setFont(print_font(13, bold=True))
    p.drawText(QRectF(0, 0, width * 0.6, HEADER - 8), Qt.AlignLeft | Qt.AlignVCenter,
               f"{header.plan} · {header.view}")
    p.setFont(print_font(11))
    status = header.status_date.isoformat() if header.status_date else dt.date.today().isoformat()
    p.drawText(QRectF(width * 0.6, 0, width * 0.4, HEADER - 8), Qt.AlignRight | Qt.AlignVCenter,
               tr("Status date %1").replace("%1", status))
    p.setPen(QPen(QColor("#8c959f"), 0.8))
    p.drawLine(0, HEADER - 5, width, HEADER - 5)
    p.restore()


def _paint_footer(p: QPainter, header: PageHeader, width: float, height: float, number: int, total: int) -> None:
    p.save()
    p.setPen(QColor("#57606a"))
    p.setFont(print_font(10))
    p.drawText(QRectF(0, height - FOOTER + 4, width, FOOTER - 4), Qt.AlignRight | Qt.AlignVCenter,
               tr("Page %1 of %2").replace("%1", str(number)).replace("%2", str(total)))
    p.drawText(QRectF(0, height - FOOTER + 4, width, FOOTER - 4), Qt.AlignLeft | Qt.AlignVCenter,
               tr("Printed %1").replace("%1", dt.date.today().isoformat()))
    p.restore()


def page_layout(options: PrintOptions) -> QPageLayout:
    return QPageLayout(QPageSize(options.page_size), options.orientation, QMarginsF(10, 10, 10, 10),
                       QPageLayout.Unit.Millimeter)


def write_pdf(path, source: Source, header: PageHeader, options: PrintOptions | None = None) -> int:
    """The view as a PDF file at `path`; returns the page count."""
    options = options or PrintOptions()
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setPageLayout(page_layout(options))
    writer.setTitle(f"{header.plan} · {header.view}")
    writer.setCreator("Roadmap Planner")
    return render(writer, source, header, options)


def fit_scale(fixed: float, flowing: float, width: float, pages_wide: int) -> float:
    """The scale (<= 1) at which `flowing` content fits `pages_wide` pages that each repeat `fixed`."""
    if pages_wide <= 0 or flowing <= 0:
        return 1.0
    return min(1.0, pages_wide * width / (flowing + pages_wide * fixed))
