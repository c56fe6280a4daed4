"""GUI test fixtures: isolated settings and app-data, a saved FlagOS-shaped plan, auto-answered dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from tests.gui.builders import flagos_like
from ui.controller import DocumentController
from ui.document_actions import DocumentManager


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory, monkeypatch):
    """Settings, working copies and logs go to a temporary folder, never the user's (nor tmp_path)."""
    home = tmp_path_factory.mktemp("app-home")
    monkeypatch.setenv("PLANNER_DATA_DIR", str(home / "appdata"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / "settings"))
    # Qt's own settings (QtProject.conf: the file dialog's last folder and history) are native
    # format: without this, tests wrote them to the real user's config and read them back later.
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(home / "settings"))
    yield


class Dialogs:
    """Records every message box and answers it as the test says."""

    def __init__(self):
        self.shown: list[tuple[str, str]] = []
        self.answer = QMessageBox.StandardButton.Discard
        self.recovery = "discard"  # the crash-recovery box: "recover", "discard" or "later"
        self.save_path = ""
        self.open_path = ""
        self.properties = None  # answers of the plan-properties dialog: {"name": ..., "status_date": ...}

    def box(self, kind):
        def show(_parent, title, text, *args, **kwargs):
            self.shown.append((kind, text))
            return self.answer
        return show


@pytest.fixture
def dialogs(monkeypatch):
    d = Dialogs()
    for kind in ("warning", "question", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(d.box(kind)))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (d.save_path, "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (d.open_path, "")))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("", False)))

    from ui.plan_properties import PlanPropertiesDialog

    def properties(dialog):  # File > New asks the plan's properties: a test sets `d.properties` to answer
        d.shown.append(("properties", dialog.windowTitle()))
        if d.properties is None:
            return PlanPropertiesDialog.Rejected
        for key, value in d.properties.items():
            dialog.set_value(key, value)
        return PlanPropertiesDialog.Accepted
    monkeypatch.setattr(PlanPropertiesDialog, "exec", properties)

    def ask_recovery(_manager, text):
        d.shown.append(("recovery", text))
        return d.recovery
    monkeypatch.setattr(DocumentManager, "ask_recovery", ask_recovery)
    return d


@pytest.fixture
def plan_path(tmp_path):
    path = tmp_path / "flagos.plan"
    flagos_like(path).close()
    return path


@pytest.fixture
def controller(plan_path):
    from planner.document import Project

    ctl = DocumentController(Project.open(plan_path))
    yield ctl
    if ctl.project is not None:
        ctl.project.close()


def reopen(path):
    """A fresh controller on the saved file (the first must be closed: the file is locked)."""
    from planner.document import Project

    return DocumentController(Project.open(path))


@pytest.fixture
def window(qtbot, controller, dialogs):
    """The main window on the saved plan, shown, with dialogs auto-answered."""
    from ui.main_window import MainWindow

    win = MainWindow(controller)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture(autouse=True)
def collect_windows_between_tests(qapp):
    """Windows a test closed are deleted and their Python side collected before the next test."""
    yield
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    gc.collect()
