"""File menu entries for other planners: import MS Project and MPXJ files, export MS Project XML and calendars."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

from planner.errors import PlannerError
from planner.interop.mpxj import SUFFIXES as MPXJ_SUFFIXES
from ui import file_dialogs
from ui.commands import JournalCommand


def tr(text: str) -> str:
    return QCoreApplication.translate("Interop", text)


def create_actions(window, controller) -> list[QAction]:
    """Import a project file, export MS Project XML, export a calendar (the File menu places them)."""
    actions = []
    for text, tip, slot in (
        (tr("Import &project file (MS Project, GanttProject…)…"),
         tr("Read an MS Project XML, .mpp, .gan, .planner or .xer file, preview every change, then import as one undo step"),
         lambda: ask_and_import(window, controller)),
        (tr("Export as &MS Project XML…"), tr("Write the plan as an MS Project XML file that MS Project, ProjectLibre and "
                                              "GanttProject open"), lambda: export_plan(window, controller, "mspdi")),
        (tr("Export &calendar (.ics)…"), tr("Milestones, stage dates and the division of work's meetings for a calendar app"),
         lambda: export_plan(window, controller, "ics")),
    ):
        action = QAction(text, window)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False, s=slot: s())
        actions.append(action)
    return actions


def _filter() -> str:
    patterns = " ".join(f"*{s}" for s in (".xml", *MPXJ_SUFFIXES))
    return tr("Project files ({patterns})").format(patterns=patterns) + ";;" + tr("MS Project XML (*.xml)")


def ask_and_import(parent: QWidget, controller) -> bool:
    path, _ = QFileDialog.getOpenFileName(parent, tr("Import a project file"), file_dialogs.start_folder(controller), _filter())
    file_dialogs.remember(path)
    return import_project_file(parent, controller, Path(path)) if path else False


def _confirm(dialog) -> bool:
    """Run the dialog; tests replace this to answer it."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def import_project_file(parent: QWidget, controller, path: Path) -> bool:
    """Preview the file (every problem with its task and field) and apply it as ONE undo step."""
    from planner.excel.apply import apply_import
    from planner.interop.formats import read_preview
    from ui.import_dialog import ImportDialog  # the import modules load when first used

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # MPXJ starts a Java VM the first time
    try:
        preview = read_preview([path], controller.plan())
    except (PlannerError, OSError) as exc:
        QApplication.restoreOverrideCursor()
        QMessageBox.critical(parent, tr("Import a project file"), str(exc))
        return False
    QApplication.restoreOverrideCursor()
    lang = "en" if controller.plan().programme.language == "en" else "zh"
    dialog = ImportDialog(preview, parent, lang=lang)
    dialog.setWindowTitle(tr("Import {file}").format(file=path.name))
    if not _confirm(dialog) or not preview.ok:
        return False
    return controller.try_push(JournalCommand(controller, tr("Import {file}").format(file=path.name), apply_import, preview))


def _team(parent: QWidget, controller) -> str | None | bool:
    """None for the whole plan, a team's name, or False when the user cancelled."""
    teams = [t.name for t in controller.plan().teams]
    if not teams:
        return None
    whole = tr("The whole plan")
    choice, ok = QInputDialog.getItem(parent, tr("Export calendar"), tr("Calendar of:"), [whole, *teams], 0, False)
    if not ok:
        return False
    return None if choice == whole else choice


def export_plan(parent: QWidget, controller, fmt: str) -> Path | None:
    from planner.interop.formats import EXPORT_SUFFIX, export

    team = _team(parent, controller) if fmt == "ics" else None
    if team is False:
        return None
    plan = controller.plan()
    suffix = EXPORT_SUFFIX[fmt]
    title = tr("Export as MS Project XML") if fmt == "mspdi" else tr("Export calendar")
    kinds = tr("MS Project XML (*.xml)") if fmt == "mspdi" else tr("iCalendar (*.ics)")
    suggested = f"{plan.programme.name}{'-' + team if team else ''}{suffix}"
    path, _ = QFileDialog.getSaveFileName(parent, title, file_dialogs.suggested_path(controller, suggested), kinds)
    file_dialogs.remember(path)
    if not path:
        return None
    target = Path(path) if path.lower().endswith(suffix) else Path(path + suffix)
    try:
        notes = export(plan, fmt, target, team=team)
    except (PlannerError, OSError) as exc:
        QMessageBox.critical(parent, title, str(exc))
        return None
    if notes:
        QMessageBox.warning(parent, title, "\n".join(notes))
    return target
