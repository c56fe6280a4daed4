"""File > Print Preview, Print and Export PDF for the current view, and the preview dialog."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence, QPageLayout, QPageSize
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QMessageBox, QSpinBox, QToolBar

from planner.errors import PlannerError
from ui import settings
from ui.messages import user_message
from ui.printing.page import PrintOptions, header_of, page_layout, render, write_pdf


def tr(text: str) -> str:
    return QCoreApplication.translate("Printing", text)


def _options() -> PrintOptions:
    store = settings.settings()
    wide = int(store.value("print/pages_wide", 1) or 0)
    landscape = str(store.value("print/orientation", "landscape")) != "portrait"
    try:
        size = QPageSize.PageSizeId(int(store.value("print/page_size", QPageSize.PageSizeId.A4.value)))
    except (TypeError, ValueError):
        size = QPageSize.PageSizeId.A4
    return PrintOptions(pages_wide=wide, page_size=size if size != QPageSize.PageSizeId.Custom else QPageSize.A4,
                        orientation=QPageLayout.Landscape if landscape else QPageLayout.Portrait)


def _remember(options: PrintOptions, layout: QPageLayout | None = None) -> None:
    store = settings.settings()
    store.setValue("print/pages_wide", options.pages_wide)
    if layout is not None:
        store.setValue("print/orientation", "portrait" if layout.orientation() == QPageLayout.Portrait else "landscape")
        store.setValue("print/page_size", layout.pageSize().id().value)


def _printer(options: PrintOptions):
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(options))
    return printer


def preview(parent, source, plan, *, exec_dialog: bool = True):
    """The print preview: the dialog's page setup (size, orientation) and a fit-to-pages-wide box."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget

    options = _options()
    printer = _printer(options)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(tr("Print preview – %1").replace("%1", source.title))
    header = header_of(plan, source.title)
    failures: list[str] = []

    def paint(device) -> None:
        try:
            render(device, source, header, options)
        except PlannerError as exc:
            failures.append(user_message(exc))

    dialog.paintRequested.connect(paint)
    wide = QSpinBox(dialog)
    wide.setObjectName("print_pages_wide")
    wide.setRange(0, 20)
    wide.setSpecialValueText(tr("actual size"))
    wide.setValue(options.pages_wide)
    wide.setToolTip(tr("Scale down so that the width fits this many pages (0: actual size)"))
    bar = dialog.findChild(QToolBar)
    widget = dialog.findChild(QPrintPreviewWidget)
    if bar is not None:
        bar.addSeparator()
        bar.addWidget(QLabel(" " + tr("Fit to pages wide:") + " ", dialog))
        bar.addWidget(wide)

    def on_wide(value: int) -> None:
        options.pages_wide = value
        if widget is not None and dialog.isVisible():
            widget.updatePreview()

    wide.valueChanged.connect(on_wide)
    dialog.pages_wide = wide  # for tests
    dialog.printer = printer  # the dialog does not own it: keep it alive as long as the dialog
    if not exec_dialog:
        return dialog
    dialog.exec()
    _remember(options, printer.pageLayout())
    if failures:
        QMessageBox.warning(parent, tr("Print"), failures[-1])
    return None


def print_now(parent, source, plan) -> None:
    from PySide6.QtPrintSupport import QPrintDialog

    options = _options()
    printer = _printer(options)
    if QPrintDialog(printer, parent).exec() != QDialog.DialogCode.Accepted:
        return
    try:
        render(printer, source, header_of(plan, source.title), options)
    except PlannerError as exc:
        QMessageBox.warning(parent, tr("Print"), user_message(exc))


def export_pdf(parent, source, plan, path: str | None = None) -> int | None:
    if path is None:
        name = f"{plan.programme.name}-{source.title}.pdf"
        path, _ = QFileDialog.getSaveFileName(parent, tr("Export PDF"), name, tr("PDF document (*.pdf)"))
        if not path:
            return None
    try:
        return write_pdf(path, source, header_of(plan, source.title), _options())
    except (PlannerError, OSError) as exc:
        QMessageBox.warning(parent, tr("Export PDF"), user_message(exc) if isinstance(exc, PlannerError)
                            else tr("Could not write %1: %2").replace("%1", str(path)).replace("%2", exc.strerror or ""))
        return None


# --- the current view ---------------------------------------------------------------------------
def source_for(window):
    """What the window's current tab prints, or None (no plan, or nothing to print)."""
    from ui.printing.sources import view_source

    if window.controller.project is None:
        return None
    page = window.tabs.currentWidget()
    key = getattr(page, "key", None)
    if key is None:
        return None
    view = window.views[key]
    return view_source(key, view, window.tabs.tabText(window.tabs.currentIndex()).replace("&", ""))


def create_actions(window, controller) -> list[QAction]:
    def run(action) -> None:
        source = None
        try:
            source = source_for(window)
        except PlannerError as exc:
            QMessageBox.warning(window, tr("Print"), user_message(exc))
            return
        if source is None:
            QMessageBox.information(window, tr("Print"), tr("Open a plan first: there is nothing to print."))
            return
        action(window, source, controller.plan())

    items = []
    for name, text, tip, shortcut, slot in (
        ("print_preview", tr("Print Pre&view…"), tr("Preview the current view as it will print"), None, preview),
        ("print", tr("&Print…"), tr("Print the current view"), QKeySequence.StandardKey.Print, print_now),
        ("export_pdf", tr("Export P&DF…"), tr("Save the current view as a PDF file"), None, export_pdf),
    ):
        action = QAction(text, window)
        action.setObjectName(name)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _c=False, s=slot: run(s))
        items.append(action)
    return items
