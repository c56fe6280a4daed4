"""Unexpected exceptions: logged to a file and shown with a way to keep working (sys.excepthook)."""

from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QApplication, QMessageBox

from planner.errors import PlannerError

log = logging.getLogger("roadmap_planner")


def tr(text: str) -> str:
    return QCoreApplication.translate("Crash", text)


def log_dir() -> Path:
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)) / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def setup_logging() -> Path:
    path = log_dir() / "planner.log"
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def excepthook(exc_type, exc, tb) -> None:
    """User errors get their message; anything else is logged and reported without quitting."""
    if issubclass(exc_type, KeyboardInterrupt):
        QApplication.quit()
        return
    if isinstance(exc, PlannerError):
        from ui.messages import user_message

        _box(QMessageBox.Icon.Warning, user_message(exc), "")
        return
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    log.error("unexpected error\n%s", details)
    _box(QMessageBox.Icon.Critical,
         tr("Something went wrong: %1\n\nYour plan is still open; save it under a new name if in doubt. "
            "The details were written to the log.").replace("%1", str(exc) or exc_type.__name__),
         details)


def _box(icon, text: str, details: str) -> None:
    if QApplication.instance() is None:
        print(text, file=sys.stderr)
        return
    box = QMessageBox(icon, tr("Roadmap Planner"), text, QMessageBox.StandardButton.Ok,
                      QApplication.activeWindow())
    if details:
        box.setDetailedText(details)
    box.exec()


def install() -> None:
    sys.excepthook = excepthook
