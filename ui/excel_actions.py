"""Excel menu actions: import workbooks through the preview dialog, export templates to a file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from planner.errors import PlannerError
from ui import file_dialogs
from ui.commands import JournalCommand
from ui.import_wizard import ImportWizard
from ui.messages import user_message


def tr(text: str) -> str:
    return QCoreApplication.translate("Excel", text)


TEMPLATE_LABELS = {  # marked for lupdate here, translated where the menu is built
    "stats": QT_TRANSLATE_NOOP("Excel", "Statistics template…"),
    "tasks": QT_TRANSLATE_NOOP("Excel", "Task plan…"),
    "raci": QT_TRANSLATE_NOOP("Excel", "Division of work and RACI…"),
    "system": QT_TRANSLATE_NOOP("Excel", "Indicator system…"),
    "workbook": QT_TRANSLATE_NOOP("Excel", "Whole plan workbook…"),
    "collect": QT_TRANSLATE_NOOP("Excel", "Data collection workbook for a team…"),
}
FILE_NAMES = {"stats": "数据统计模板", "tasks": "阶段任务计划表", "raci": "分工矩阵", "system": "量化指标体系",
              "workbook": "计划", "collect": "数据收集"}


def create_actions(window, controller) -> tuple[QAction, list[QAction]]:
    """The Import action and one export action per template (the main window places them)."""
    import_action = QAction(tr("&Import from Excel…"), window)
    import_action.setStatusTip(tr("Read workbooks, preview every change and problem, then import as one undo step"))
    import_action.triggered.connect(lambda: ask_and_import(window, controller))
    exports = []
    for kind, label in TEMPLATE_LABELS.items():
        action = QAction(tr(label), window)
        action.triggered.connect(lambda _checked=False, k=kind: export_template(window, controller, k))
        exports.append(action)
    return import_action, exports


def ask_and_import(parent: QWidget, controller) -> bool:
    paths, _ = QFileDialog.getOpenFileNames(parent, tr("Import from Excel"), file_dialogs.start_folder(controller),
                                            tr("Excel workbooks (*.xlsx)"))
    file_dialogs.remember(paths[0] if paths else None)
    return import_workbooks(parent, controller, [Path(p) for p in paths]) if paths else False


def _confirm(dialog: ImportWizard) -> bool:
    """Run the dialog; tests replace this to answer it."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def import_workbooks(parent: QWidget, controller, paths: list[Path]) -> bool:
    """The import wizard over `paths` (read off the GUI thread; the sheet, its column map, every
    problem with its place, per-row decisions, conflicts) and, on Import, the preview applied as
    ONE undo step. Returns True when something was imported."""
    from planner.excel.apply import apply_import

    dialog = ImportWizard(paths, controller.plan(), parent)
    if not _confirm(dialog) or dialog.preview is None or not dialog.preview.ok:
        return False
    names = ", ".join(Path(p).name for p in paths)
    command = JournalCommand(controller, tr("Import {files}").format(files=names), apply_import, dialog.preview)
    return controller.try_push(command)


def show_saved_maps(parent: QWidget) -> None:
    """Settings › Saved column maps: list and delete the maps the wizard remembers."""
    from ui.import_wizard.maps_dialog import SavedMapsDialog

    SavedMapsDialog(parent).exec()


def _lang(controller) -> str:
    return "en" if controller.plan().programme.language == "en" else "zh"


def _collect_options(parent: QWidget, controller) -> tuple[str, str] | None:
    """Team and period, chosen and checked before the file dialog (None when cancelled)."""
    from ui.collect_dialog import CollectDialog, collecting_teams

    plan = controller.plan()
    if not collecting_teams(plan):
        QMessageBox.information(parent, tr("Data collection"), tr("No team owns an indicator in this plan yet."))
        return None
    dialog = CollectDialog(plan, parent)
    return dialog.chosen() if _confirm_collect(dialog) else None


def _confirm_collect(dialog) -> bool:
    """Run the dialog; tests replace this to answer it."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def export_template(parent: QWidget, controller, kind: str) -> Path | None:
    """Ask for a file name and write the template; notes about cleaned cells are shown."""
    from planner.excel.export import export_template as write

    team = period = None
    if kind == "collect":
        options = _collect_options(parent, controller)
        if options is None:
            return None
        team, period = options
    plan = controller.plan()
    suggested = f"{plan.programme.name}-{FILE_NAMES[kind]}{'-' + team if team else ''}.xlsx"
    path, _ = QFileDialog.getSaveFileName(parent, tr("Export to Excel"), file_dialogs.suggested_path(controller, suggested),
                                          tr("Excel workbooks (*.xlsx)"))
    file_dialogs.remember(path)
    if not path:
        return None
    path = Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx")
    try:
        notes = write(plan, kind, path, lang=_lang(controller), team=team, period=period)
    except PlannerError as exc:
        QMessageBox.critical(parent, tr("Export to Excel"), user_message(exc))
        return None
    if notes:
        QMessageBox.warning(parent, tr("Export to Excel"), "\n".join(notes))
    return path
