"""PNG, multi-page PDF and printing of the Gantt, painted by the same code as the screen."""

# A PDF or printout goes through ui/printing: each page shows a block of rows and a slice of the
# time range, with the time scale and the task names repeated, a page header and page numbers.

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QPageSize, QPainter
from PySide6.QtWidgets import (QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QMessageBox)

from planner.errors import PlannerError
from ui.gantt import paint
from ui.messages import user_message

MAX_IMAGE_SIDE = 32000  # px; larger charts go to PDF


def tr(text: str) -> str:
    return QCoreApplication.translate("Gantt", text)


class ExportTooLarge(PlannerError):
    """The chart does not fit in one image."""


def x_window(view, first: dt.date | None, last: dt.date | None) -> tuple[float, float]:
    if view.layout is None:
        raise PlannerError(tr("No plan is open."))
    lo, hi = view.layout.x_range(margin_days=3)
    x0 = view.scale.x(first) if first else lo
    x1 = view.scale.x_end(last) if last else hi
    if x1 <= x0:
        raise PlannerError(tr("The last day to print is before the first."), where="date range")
    return x0, x1


def paint_tile(p: QPainter, view, x0: float, x1: float, y0: float, y1: float, names_w: float) -> None:
    """Names and timeline for content window [x0, x1) x [y0, y1), drawn from device (0, 0)."""
    options = view.paint_options()
    options.preview = options.link_preview = None
    body_h = y1 - y0
    p.save()
    p.setClipRect(QRectF(0, view.header_height, names_w, body_h))
    p.translate(0, view.header_height - y0)
    paint.paint_names(p, view.layout, y0, y1, names_w, options, expanded_arrows=False)
    p.restore()
    p.save()
    p.setClipRect(QRectF(0, 0, names_w, view.header_height))
    view.paint_names_header(p, names_w)
    p.restore()
    p.save()
    p.translate(names_w, 0)
    view.timeline.paint_window(p, QPointF(x0, y0), QRectF(x0, y0, x1 - x0, body_h), options)
    p.restore()


def write_png(view, path, *, first: dt.date | None = None, last: dt.date | None = None) -> QImage:
    """The whole chart (or a date range) as one image, names on the left."""
    x0, x1 = x_window(view, first, last)
    names_w = paint.names_width()
    width, height = int(names_w + x1 - x0), int(view.header_height + view.layout.height)
    if max(width, height) > MAX_IMAGE_SIDE:
        raise ExportTooLarge(tr("The chart is too large for one image (%1 x %2 px); export a PDF or a shorter "
                                "date range instead.").replace("%1", str(width)).replace("%2", str(height)))
    image = QImage(width, height, QImage.Format_ARGB32_Premultiplied)
    image.fill(Qt.white)
    p = QPainter(image)
    paint_tile(p, view, x0, x1, 0, view.layout.height, names_w)
    p.end()
    if not image.save(str(path)):
        raise PlannerError(tr("Could not write %1.").replace("%1", str(path)), where=str(path))
    return image


def paint_pages(device, view, *, first: dt.date | None = None, last: dt.date | None = None,
                pages_wide: int = 0) -> int:
    """Tile the chart over the device's pages (QPdfWriter or QPrinter) by the common print path."""
    from ui.printing.gantt import GanttSource
    from ui.printing.page import PrintOptions, header_of, render

    source = GanttSource(view, first=first, last=last)
    return render(device, source, header_of(view.plan(), source.title), PrintOptions(pages_wide=pages_wide))


def write_pdf(view, path, *, first: dt.date | None = None, last: dt.date | None = None,
              page_size: QPageSize.PageSizeId = QPageSize.A4, pages_wide: int = 0) -> int:
    from ui.printing.gantt import GanttSource
    from ui.printing.page import PrintOptions, header_of, write_pdf as write

    source = GanttSource(view, first=first, last=last)
    return write(path, source, header_of(view.plan(), source.title),
                 PrintOptions(pages_wide=pages_wide, page_size=page_size))


# --- dialogs -------------------------------------------------------------------------------
def ask_png(view) -> None:
    path, _ = QFileDialog.getSaveFileName(view, tr("Export Gantt as PNG"), "gantt.png", "PNG (*.png)")
    if path:
        _guard(view, lambda: write_png(view, path))


def ask_pdf(view) -> None:
    span = _ask_range(view)
    if span is None:
        return
    path, _ = QFileDialog.getSaveFileName(view, tr("Export Gantt as PDF"), "gantt.pdf", "PDF (*.pdf)")
    if path:
        _guard(view, lambda: write_pdf(view, path, first=span[0], last=span[1]))


def print_dialog(view) -> None:
    """The dates to print, then the common print preview (page setup, fit to pages wide)."""
    from ui.printing.actions import preview
    from ui.printing.gantt import GanttSource

    span = _ask_range(view)
    if span is not None:
        _guard(view, lambda: preview(view, GanttSource(view, first=span[0], last=span[1]), view.plan()))


def _ask_range(view) -> tuple[dt.date, dt.date] | None:
    """Ask for the dates to print; defaults to the whole plan."""
    lo, hi = view.data.day_range()
    origin = view.data.origin
    dialog = QDialog(view)
    dialog.setWindowTitle(tr("Date range to print"))
    form = QFormLayout(dialog)
    first, last = QDateEdit(origin + dt.timedelta(days=lo), dialog), QDateEdit(origin + dt.timedelta(days=hi - 1), dialog)
    for edit in (first, last):
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
    form.addRow(tr("From"), first)
    form.addRow(tr("To"), last)
    buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if dialog.exec() != QDialog.Accepted:
        return None
    return first.date().toPython(), last.date().toPython()


def _guard(view, action) -> None:
    try:
        action()
    except PlannerError as exc:
        QMessageBox.warning(view, tr("Export"), user_message(exc))
