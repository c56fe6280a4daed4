"""File > Open from server…, Save a local copy… and RACI acknowledgements…, and the link between an open server plan
and the window: the others' edits refresh the views (polled every 200 ms), a lost server makes
the plan read-only (retried every 2 s) and, once back, everything is read again."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

from planner.changes import Area, Changes
from planner.errors import PlannerError
from ui.messages import user_message

log = logging.getLogger(__name__)
POLL_MS = 200
RETRY_MS = 2000


def tr(text: str) -> str:
    return QCoreApplication.translate("Server", text)


def is_server(project) -> bool:
    return getattr(project, "is_server", False)


class ServerLink(QObject):
    def __init__(self, window, controller):
        super().__init__(window)  # owned by the window (no Python reference back to it: no cycle to collect)
        self.controller = controller
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.retry = QTimer(self)
        self.retry.setInterval(RETRY_MS)
        self.retry.timeout.connect(self.try_reconnect)
        controller.document_replaced.connect(self._on_document)
        # Edits are on the server as soon as they are made: nothing to save, nothing to ask.
        controller.undo_stack.indexChanged.connect(self._mark_saved)
        self._on_document()  # the window may be made on a server plan already open

    @property
    def project(self):
        return self.controller.project

    def _on_document(self) -> None:
        self.retry.stop()
        if is_server(self.project):
            self.timer.start(POLL_MS)
        else:
            self.timer.stop()

    def _mark_saved(self, _index: int) -> None:
        if is_server(self.project) and not self.controller.undo_stack.isClean():
            self.controller.undo_stack.setClean()

    def tick(self) -> None:
        project = self.project
        if not is_server(project):
            self.timer.stop()
            return
        if project.offline:
            self._went_offline()
            return
        changes = project.poll()
        if project.offline:
            self._went_offline()
        elif changes is not None:
            self.controller.notify(changes)

    def _went_offline(self) -> None:
        if not self.retry.isActive():
            self.parent().documents.title_changed.emit()
            self.parent().statusBar().showMessage(
                tr("The plan server is not reachable: the plan is read-only until it is back (retrying)."))
            self.retry.start()

    def try_reconnect(self) -> None:
        project = self.project
        if not is_server(project) or not project.offline:
            self.retry.stop()
            return
        try:
            changes = project.reconnect()
        except PlannerError:
            return
        self.retry.stop()
        self.parent().statusBar().showMessage(tr("Connected to the plan server again; the plan was read again."), 8000)
        self.parent().documents.title_changed.emit()
        self.controller.notify(changes if changes is not None else Changes(Area.ALL))


def ensure_link(window, controller) -> None:
    """The window's ServerLink, made the first time a server plan is shown in it."""
    if window.findChild(ServerLink) is None:
        ServerLink(window, controller)


def open_from_server(window, controller) -> bool:
    from ui.server.portfolio import PortfolioDialog

    dialog = PortfolioDialog(window)
    if dialog.exec() != PortfolioDialog.DialogCode.Accepted or not dialog.chosen_url:
        return False
    return open_url(window, controller, dialog.chosen_url)


def open_url(window, controller, url: str) -> bool:
    from planner.server.project import ServerProject

    documents = window.documents
    if not documents.maybe_save():
        return False
    try:
        project = ServerProject.open(url)
    except PlannerError as exc:
        documents.show_error(user_message(exc))
        return False
    ensure_link(window, controller)
    controller.set_project(project)
    if project.upgraded_from is not None:
        window.statusBar().showMessage(
            tr("The plan on the server was upgraded from format %1.").replace("%1", str(project.upgraded_from)), 8000)
    if project.role in ("viewer", None):
        window.statusBar().showMessage(tr("You may read this plan; the server refuses changes from viewers."), 8000)
    return True


def save_local_copy(window, controller) -> bool:
    project = controller.project
    if project is None:
        return False
    if not is_server(project):
        return window.documents.save_as()
    path, _ = QFileDialog.getSaveFileName(window, tr("Save a local copy"), f"{project.title}.plan",
                                          tr("Roadmap plans (*.plan)"))
    if not path:
        return False
    try:
        if project.offline:
            # The server is away: what the window shows is the plan as last read; keep that.
            target = _copy_from_window(controller, path)
        else:
            target = project.save_local_copy(path)
    except PlannerError as exc:
        try:  # the server went away during the copy: the window's copy still works
            target = _copy_from_window(controller, path)
        except PlannerError:
            window.documents.show_error(user_message(exc))
            return False
    window.statusBar().showMessage(tr("Saved a local copy: %1").replace("%1", str(target)), 8000)
    return True


def _copy_from_window(controller, path: str):
    """Write the plan the window holds (its last read from the server) to a `.plan` file."""
    from planner.server.copy import plan_to_file

    return plan_to_file(controller.plan(), path)


def create_actions(window, controller) -> list[QAction]:
    """The File menu's server entries (ui/main_window.py adds them when this module is present)."""
    if is_server(controller.project):  # made on a server plan already open; else made when one is opened
        ensure_link(window, controller)
    open_action = QAction(tr("Open from &server…"), window)
    open_action.setToolTip(tr("List the plans on a PostgreSQL server and open one"))
    open_action.triggered.connect(lambda _checked=False: open_from_server(window, controller))
    copy_action = QAction(tr("Save a &local copy…"), window)
    copy_action.setToolTip(tr("Write the plan to a .plan file on this computer"))
    copy_action.triggered.connect(lambda _checked=False: save_local_copy(window, controller))
    ack_action = QAction(tr("RACI &acknowledgements…"), window)
    ack_action.setToolTip(tr("The teams' R/A letters of this server plan, who acknowledged them and when"))
    ack_action.triggered.connect(lambda _checked=False: show_acknowledgements(window, controller))
    return [open_action, copy_action, ack_action]


def show_acknowledgements(window, controller):
    """The RACI acknowledgements of the server plan shown (a message for a plan in a file)."""
    from ui.server.raci_ack import RaciAckDialog

    project = controller.project
    if not is_server(project):
        window.statusBar().showMessage(
            tr("RACI acknowledgements are kept for plans on a server (File > Open from server…)."), 8000)
        return None
    dialog = RaciAckDialog(project, window, on_change=controller.notify)
    dialog.show()
    return dialog
