"""Start the desktop app: settings, translations, CJK font, crash handling, then the main window."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

PROCESS_START = time.perf_counter()  # the benchmark measures "window shown" from here

log = logging.getLogger(__name__)


def _register_cjk_font() -> None:
    """Chinese must render even where the system has no CJK font (the bundled one is used)."""
    from PySide6.QtGui import QFontDatabase

    try:
        from planner.fonts import cjk_font_path

        path = cjk_font_path()
    except (ImportError, FileNotFoundError) as exc:
        log.warning("no CJK font registered: %s", exc)
        return
    if QFontDatabase.addApplicationFont(str(path)) < 0:
        log.warning("Qt could not load the CJK font %s", path)


def create_app(argv: list[str]):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from ui import i18n, settings

    QCoreApplication.setOrganizationName(settings.ORGANISATION)
    QCoreApplication.setApplicationName(settings.APPLICATION)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "planner", *argv])
    _register_cjk_font()
    i18n.install(app)
    return app


def open_initial(window, argv: list[str]) -> None:
    """A file named on the command line, else a recovered plan, else the FlagOS sample (untitled)."""
    documents = window.documents
    paths = [a for a in argv if not a.startswith("-")]
    if paths:
        if documents.open_path(Path(paths[0]), ask_save=False):
            return
    elif documents.offer_recovery():
        return
    try:
        from planner.samples import sample_path

        if documents.open_untitled_copy(Path(sample_path("flagos"))):
            return
    except (ImportError, FileNotFoundError, KeyError) as exc:
        log.warning("sample plan unavailable: %s", exc)
    documents.new_plan()


def build_window(argv: list[str]):
    from ui.controller import DocumentController
    from ui.main_window import MainWindow

    # Views are built when first shown, so the plan is open before any of them reads it.
    controller = DocumentController()
    window = MainWindow(controller)
    open_initial(window, argv)
    _read_plan_before_showing(controller)
    return window


def _read_plan_before_showing(controller) -> None:
    """Every view and the status bar read the plan: read it before the window shows, not just after.

    A view that builds itself on show (the task matrix) reads it then anyway; a tab that builds
    later (the dashboard, imported off the GUI thread) would otherwise leave the first read to the
    status bar, a freeze of the window already on screen, slowed by the import running beside it.
    """
    from planner.errors import PlannerError

    if controller.project is None:
        return
    try:
        controller.plan()
        controller.schedule()
    except PlannerError:  # the view that shows the plan reports it
        pass


def run_app(argv: list[str]) -> int:
    app = create_app(argv)
    from ui import crash

    crash.setup_logging()
    crash.install()
    window = build_window(argv)
    window.show()
    log.info("window shown %.2f s after start", time.perf_counter() - PROCESS_START)
    try:
        return app.exec()
    finally:
        from ui.placement import release_instance_slot

        release_instance_slot()
