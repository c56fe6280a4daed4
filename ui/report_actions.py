"""Report menu: monthly review and deviation analysis, written with a cancellable progress dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog, QWidget

from planner.errors import PlannerError
from ui.messages import user_message


def tr(text: str) -> str:
    return QCoreApplication.translate("Reports", text)


class ReportCancelled(Exception):
    """The user pressed Cancel in the progress dialog; nothing was written."""


def create_actions(window, controller) -> list[QAction]:
    """The Report menu's entries (the main window adds them to its menu bar)."""
    monthly = QAction(tr("&Monthly review (PDF)…"), window)
    monthly.setStatusTip(tr("Milestones, indicators off target, blocked dependencies, RACI problems and the charts"))
    monthly.triggered.connect(lambda: monthly_review(window, controller))
    deviation = QAction(tr("&Deviation analysis (PDF or Excel)…"), window)
    deviation.setStatusTip(tr("One section per indicator more than 10% off, with fields for cause and action"))
    deviation.triggered.connect(lambda: deviation_report(window, controller))
    return [monthly, deviation]


def _lang(controller) -> str:
    return controller.plan().programme.language


def _ask(parent: QWidget, title: str, name: str, filters: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, name, filters)
    return Path(path) if path else None


def _progress(parent: QWidget, title: str) -> QProgressDialog:
    dialog = QProgressDialog(title, tr("Cancel"), 0, 100, parent)
    dialog.setObjectName("report_progress")
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setValue(0)
    return dialog


def _run(parent: QWidget, title: str, write) -> Path | None:
    """Call `write(progress_callback)` under a progress dialog; report the outcome to the user."""
    dialog = _progress(parent, title)

    def step(done: int, total: int, label: str) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)
        dialog.setLabelText(f"{title}\n{label}")
        QApplication.processEvents()
        if dialog.wasCanceled():
            raise ReportCancelled

    try:
        path = write(step)
    except ReportCancelled:
        _status(parent, tr("Report cancelled; nothing was written."))
        return None
    except PlannerError as exc:
        QMessageBox.warning(parent, title, user_message(exc))
        return None
    finally:
        dialog.reset()
        dialog.deleteLater()
    _status(parent, tr("Report written: %1").replace("%1", str(path)))
    return path


def _status(parent: QWidget, message: str) -> None:
    bar = getattr(parent, "statusBar", None)
    if callable(bar):
        bar().showMessage(message, 8000)


def monthly_review(parent: QWidget, controller, path: Path | None = None, month: str | None = None) -> Path | None:
    """Write the monthly review PDF (asks for the file name unless `path` is given)."""
    from planner.reports.monthly import write_monthly_review

    plan = controller.plan()
    path = path or _ask(parent, tr("Monthly review"), f"{plan.programme.name}-月度复盘报告.pdf", tr("PDF document (*.pdf)"))
    if path is None:
        return None
    return _run(parent, tr("Writing the monthly review"), lambda step: write_monthly_review(
        plan, path, schedule=controller.schedule(), lang=_lang(controller), month=month, progress=step))


def deviation_report(parent: QWidget, controller, path: Path | None = None) -> Path | None:
    """Write the deviation analysis as PDF or as a fillable workbook, by the chosen suffix."""
    from planner.reports.deviation import write_deviation_pdf
    from planner.reports.deviation_xlsx import write_deviation_xlsx

    plan = controller.plan()
    path = path or _ask(parent, tr("Deviation analysis"), f"{plan.programme.name}-偏差分析报告.xlsx",
                        tr("Excel workbook (*.xlsx);;PDF document (*.pdf)"))
    if path is None:
        return None
    lang = _lang(controller)
    if path.suffix.lower() == ".xlsx":
        def write(step):
            step(0, 1, path.name)
            return write_deviation_xlsx(plan, path, lang=lang)
    else:
        def write(step):
            return write_deviation_pdf(plan, path, schedule=controller.schedule(), lang=lang, progress=step)
    return _run(parent, tr("Writing the deviation analysis"), write)
