"""The main window: actions, menus, the view tabs and the status bar. Views live in ui/views/."""

from __future__ import annotations

import importlib
import importlib.util
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QTabWidget

from planner.resources import resource_path
from ui import i18n, outline_actions, settings
from ui.document_actions import DocumentManager
from ui.lazy_tabs import LazyViews
from ui.notices import StatusNotice
from ui.placement import WindowPlacement
from ui.selection_sync import SelectionSync
from ui.status_totals import StatusTotals
from ui.views.headcount import HeadcountView
from ui.views.indicators import IndicatorView
from ui.views.okr import OkrView
from ui.views.raci import RaciView
from ui.views.roadmap import RoadmapView
from ui.views.task_matrix import TaskMatrixView

log = logging.getLogger(__name__)


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class MainWindow(QMainWindow):
    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.documents = DocumentManager(self, controller)
        self.setWindowIcon(_app_icon())
        self.setAcceptDrops(True)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self.views = LazyViews(self.tabs)
        self.selection = SelectionSync(self.views, controller, self)
        self.views.built_callbacks.append(self.selection.view_built)
        self._add_views()
        self.totals = StatusTotals(controller, self)
        self.statusBar().addPermanentWidget(self.totals)
        self.read_only_label = QLabel(self)
        self.statusBar().addWidget(self.read_only_label)
        self.notice = StatusNotice(self)
        self.statusBar().addWidget(self.notice, 1)
        self._build_actions()
        self._build_menus()
        self.documents.title_changed.connect(self._update_title)
        self.documents.recent_changed.connect(self._fill_recent)
        controller.error.connect(self.notice.show_message)
        controller.problem_resolved.connect(self.notice.resolve)
        # A refused action's message lasts until the user moves on: an edit, an undo, another view or plan.
        controller.changed.connect(self.notice.clear_message)
        controller.document_replaced.connect(self.notice.clear_message)
        controller.document_replaced.connect(self.statusBar().clearMessage)  # the last plan's banner
        controller.undo_stack.indexChanged.connect(self.notice.clear_message)
        self.tabs.currentChanged.connect(self.notice.clear_message)
        controller.document_replaced.connect(self._on_controller_document_replaced)
        self._update_title()
        self.placement = WindowPlacement(self)
        self.placement.apply_minimum()
        self.placement.plan_path = controller.project.path if controller.project is not None else None
        self._restore_layout()

    # --- views ---------------------------------------------------------------------------
    def _add_views(self) -> None:
        for key, label, view_class in (
            ("roadmap", tr("Roadmap"), RoadmapView),
            ("tasks", tr("Task matrix"), TaskMatrixView),
            ("raci", tr("RACI matrix"), RaciView),
            ("indicators", tr("Indicators"), IndicatorView),
            ("okr", tr("OKRs"), OkrView),
        ):
            self._add_view(key, label, view_class)
        for key, label, module, name in (("gantt", tr("Gantt"), "ui.gantt", "GanttView"),
                                         ("dashboard", tr("Dashboard"), "ui.dashboard", "DashboardView")):
            if _available(module):  # imported off the GUI thread when the tab is first shown (matplotlib)
                self._add_view(key, label, lambda controller, m=module, n=name: _optional(m, n)(controller),
                               preload=(module,))
        self._add_view("headcount", tr("Head-count"), HeadcountView)  # after the dashboard: saved tab numbers keep

    def _add_view(self, key: str, label: str, view_class, preload: tuple[str, ...] = ()) -> None:
        self.views.add(key, label, lambda: view_class(self.controller), preload=preload)

    # --- actions and menus -------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, tip: str = "", icon: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip or text.replace("&", ""))
        action.setStatusTip(tip or text.replace("&", ""))
        if icon:
            action.setIcon(QIcon.fromTheme(icon))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        d, K = self.documents, QKeySequence.StandardKey
        self.new_action = self._action(tr("&New"), d.new_plan_with_properties, K.New, tr("Start an empty plan"), "document-new")
        self.open_action = self._action(tr("&Open…"), d.open_dialog, K.Open, tr("Open a .plan file"), "document-open")
        self.save_action = self._action(tr("&Save"), d.save, K.Save, tr("Save the plan"), "document-save")
        self.save_as_action = self._action(tr("Save &As…"), d.save_as, K.SaveAs, tr("Save the plan under another name"),
                                           "document-save-as")
        self.close_action = self._action(tr("&Close"), d.close_document, K.Close, tr("Close the plan"))
        self.properties_action = self._action(tr("Plan &properties…"), self._edit_properties, None,
                                              tr("Name, start date, status date, holidays, week numbering and template language"))
        self.baseline_action = self._action(tr("Set &baseline…"), self._set_baseline, None,
                                            tr("Keep every task's planned dates under a name, to compare with later"))
        self.quit_action = self._action(tr("&Quit"), self.close, K.Quit, tr("Quit Roadmap Planner"))
        stack = self.controller.undo_stack
        self.undo_action = stack.createUndoAction(self, tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence(K.Undo))
        self.redo_action = stack.createRedoAction(self, tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence(K.Redo))
        self.add_task_action = self._action(tr("Add &task"), lambda: self.views.show("tasks").add_task(),
                                            "Ctrl+Shift+N", tr("Add a task to the task matrix"))
        self.delete_task_action = self._action(tr("&Delete tasks"), lambda: self.views.show("tasks").delete_selected(),
                                               None, tr("Delete the selected tasks"))
        self.find_action = self._action(tr("&Find task…"), self._focus_search, K.Find, tr("Search the task matrix"))
        self.outline_actions = outline_actions.create_actions(self, self.controller, lambda: list(self.selection.ids))
        for action in self.outline_actions:
            self.addAction(action)  # the shortcuts work in every view

    def _build_menus(self) -> None:
        bar, K = self.menuBar(), QKeySequence.StandardKey
        file_menu = bar.addMenu(tr("&File"))
        for action in (self.new_action, self.open_action):
            file_menu.addAction(action)
        server = _optional("ui.server.actions", "create_actions")  # plans on a PostgreSQL server
        self.server_actions = server(self, self.controller) if server is not None else []
        file_menu.addActions(self.server_actions)
        self.recent_menu = file_menu.addMenu(tr("Open &Recent"))
        self._fill_recent()
        self.sample_menu = file_menu.addMenu(tr("Open Sa&mple"))
        self._fill_samples()
        file_menu.addSeparator()
        for action in (self.save_action, self.save_as_action, self.close_action):
            file_menu.addAction(action)
        printing = _optional("ui.printing.actions", "create_actions")  # the current view, previewed
        if printing is not None:
            file_menu.addSeparator()
            self.print_actions = printing(self, self.controller)
            file_menu.addActions(self.print_actions)
        file_menu.addSeparator()
        file_menu.addAction(self.properties_action)
        file_menu.addAction(self.baseline_action)
        interop = _optional("ui.interop_actions", "create_actions")  # MS Project, GanttProject, calendars
        if interop is not None:
            file_menu.addSeparator()
            file_menu.addActions(interop(self, self.controller))
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu(tr("&Edit"))
        for action in (self.undo_action, self.redo_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        for action in (self.add_task_action, self.delete_task_action, self.find_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        for action in self.outline_actions:
            edit_menu.addAction(action)

        view_menu = bar.addMenu(tr("&View"))
        for number in range(self.tabs.count()):
            action = self._action(self.tabs.tabText(number), lambda n=number: self.tabs.setCurrentIndex(n),
                                  f"Ctrl+{number + 1}", tr("Show the %1 view").replace("%1", self.tabs.tabText(number)))
            view_menu.addAction(action)
        self.plugin_menus = {}
        self._add_plugin_menu(bar, tr("&Import/Export"), "ui.excel_actions")
        self._add_plugin_menu(bar, tr("&Report"), "ui.report_actions")

        settings_menu = bar.addMenu(tr("&Settings"))
        language_menu = settings_menu.addMenu(tr("&Language"))
        group = QActionGroup(self)
        current = settings.language()
        for code, label in [("", tr("Follow the system"))] + list(i18n.LANGUAGES.items()):
            action = QAction(label, self, checkable=True)
            action.setChecked(code == current)
            action.triggered.connect(lambda _c=False, c=code: self._set_language(c))
            group.addAction(action)
            language_menu.addAction(action)
        if _available("ui.excel_actions"):  # the maps the import wizard remembers, listed and deletable
            settings_menu.addAction(self._action(tr("Saved column &maps…"), lambda: _optional(
                "ui.excel_actions", "show_saved_maps")(self), None, tr("Column maps saved in the import wizard")))

        help_menu = bar.addMenu(tr("&Help"))
        help_menu.addAction(self._action(tr("&User guide"), self._open_guide, K.HelpContents, tr("Open the user guide")))
        help_menu.addAction(self._action(tr("&About Roadmap Planner"), self._about, None, tr("Version and licence")))

    def _add_plugin_menu(self, bar, title: str, module_name: str) -> None:
        """Menus the Excel and report modules provide through `create_actions(window, controller)`.

        The module is imported when the menu first opens: openpyxl and matplotlib are slow to load.
        """
        if not _available(module_name):
            return
        menu = bar.addMenu(title)
        menu.aboutToShow.connect(lambda m=menu, n=module_name: self._fill_plugin_menu(m, n))
        self.plugin_menus[module_name] = menu

    def _fill_plugin_menu(self, menu, module_name: str) -> None:
        if menu.actions():
            return
        factory = _optional(module_name, "create_actions")
        if factory is None:
            return
        try:
            for item in factory(self, self.controller):
                group = item if isinstance(item, (list, tuple)) else [item]
                if group is item and menu.actions():
                    menu.addSeparator()  # a list of actions is a section of its own
                for action in group:
                    if action.toolTip() == action.text().replace("&", "") and action.statusTip():
                        action.setToolTip(action.statusTip())
                    menu.addAction(action)
        except Exception:  # a broken plug-in menu must not stop the window from opening
            log.exception("menu %s failed", module_name)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = settings.recent_files()
        for number, path in enumerate(files, 1):
            action = self.recent_menu.addAction(f"&{number} {Path(path).name}")
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _c=False, p=path: self.documents.open_path(p))
        self.recent_menu.setEnabled(bool(files))

    def _fill_samples(self) -> None:
        """File > Open Sample: each bundled sample, opened as an untitled copy (Save asks for a name)."""
        from planner.samples import SAMPLES

        tips = {"flagos": tr("A staged roadmap with tasks, links, RACI, indicators and readings"),
                "otlp_rust": tr("A software project in task groups, with links and milestones"),
                "okr": tr("Objectives and key results linked to tasks and indicators")}
        labels = {"flagos": "FlagOS", "otlp_rust": "OTLP_RUST", "okr": "OKR"}
        for name in SAMPLES:
            action = self.sample_menu.addAction(labels.get(name, name))
            action.setStatusTip(tips.get(name, ""))
            action.setToolTip(tips.get(name, ""))
            action.setData(name)
            action.triggered.connect(lambda _c=False, n=name: self.documents.open_sample(n))

    # --- slots ---------------------------------------------------------------------------
    def _update_title(self) -> None:
        name = self.documents.display_name()
        project = self.controller.project
        read_only = project is not None and project.read_only
        suffix = " [" + tr("read-only") + "]" if read_only else ""
        self.setWindowTitle(f"{name}[*]{suffix} — " + tr("Roadmap Planner"))
        self.setWindowModified(self.documents.is_modified())
        self.read_only_label.setText(tr("Read-only: use Save As to keep changes") if read_only else "")

    def _edit_properties(self) -> None:
        from ui.plan_properties import edit_properties
        edit_properties(self, self.controller)

    def _set_baseline(self) -> None:
        from ui.plan_properties import set_baseline
        set_baseline(self, self.controller)

    def _focus_search(self) -> None:
        self.views.show("tasks").search.setFocus()

    def _set_language(self, code: str) -> None:
        """Switch the UI language now: a new window over the same document and undo history."""
        settings.set_language(code)
        i18n.install(QApplication.instance(), code or None)
        replacement = MainWindow(self.controller)
        replacement.setGeometry(self.geometry())
        replacement.tabs.setCurrentIndex(self.tabs.currentIndex())
        replacement.show()
        _open_windows.add(replacement)
        self._replaced = True
        self.close()
        return replacement

    def _open_guide(self) -> None:
        from ui.user_guide import show_guide
        return show_guide(self)

    def _about(self) -> None:
        from planner import __version__
        QMessageBox.about(self, tr("About Roadmap Planner"),
                          tr("Roadmap Planner %1\nStaged roadmaps, task matrices, RACI, OKRs and indicators.")
                          .replace("%1", __version__))

    # --- drag and drop -------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if any(_droppable(url.toLocalFile()) for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls()]
        self.open_dropped(paths)
        event.acceptProposedAction()

    def open_dropped(self, paths: list[str]) -> None:
        plans = [p for p in paths if p.lower().endswith(".plan")]
        workbooks = [p for p in paths if p.lower().endswith(".xlsx")]
        if plans:
            self.documents.open_path(plans[0])
        if workbooks:
            importer = _optional("ui.excel_actions", "import_workbooks")
            if importer is None:
                self.documents.show_error(tr("Excel import is not available in this build."))
            else:
                importer(self, self.controller, [Path(p) for p in workbooks])

    # --- layout and closing ----------------------------------------------------------------
    def _restore_layout(self) -> None:
        store = settings.settings()
        self.placement.restore(self.placement.plan_path)
        state = store.value("window/state")
        if state is not None:
            self.restoreState(state)
        self.tabs.setCurrentIndex(int(store.value("window/tab", 0) or 0))

    def save_layout(self) -> None:
        store = settings.settings()
        self.placement.save()  # for this plan, and as the place of the next window
        store.setValue("window/state", self.saveState())
        store.setValue("window/tab", self.tabs.currentIndex())

    def _on_controller_document_replaced(self) -> None:
        project = self.controller.project
        self.placement.plan_opened(project.path if project is not None else None)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.placement.publish()  # other instances open their windows beside this one

    def moveEvent(self, event) -> None:
        super().moveEvent(event)
        if hasattr(self, "placement"):
            self.placement.moved()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if hasattr(self, "placement"):
            self.placement.moved()

    def closeEvent(self, event) -> None:
        if getattr(self, "_replaced", False):  # the document lives on in the new window
            self.documents.autosave_timer.stop()
            _open_windows.discard(self)
            self.deleteLater()
            event.accept()
            return
        if not self.documents.maybe_save():
            event.ignore()
            return
        self.save_layout()
        self.documents.shutdown()
        event.accept()


_open_windows: set = set()  # windows made by a language switch (Python must keep them alive)


def _optional(module_name: str, attribute: str):
    """An object another part of the app provides, or None while it is not there."""
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    return getattr(module, attribute, None)


def _available(module_name: str) -> bool:
    """Whether an optional module is present, without importing it."""
    try:
        return importlib.util.find_spec(module_name) is not None
    except (ImportError, ValueError):
        return False


def _droppable(path: str) -> bool:
    return path.lower().endswith((".plan", ".xlsx"))



def _app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        path = resource_path("icons", f"app-{size}.png")
        if path.is_file():
            icon.addFile(str(path))
    return icon
