"""Reproduction: many main windows and plans opened, edited and closed in one process (no forced gc).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -X faulthandler scripts/repro_window_cycles.py [--cycles 200]

Each cycle does what a user does in a long session: a new main window, a plan opened in it (the
bundled samples in turn and a generated 2,000-task plan), the Gantt and dashboard tabs shown (the
charts drawn on their worker thread), a few cell edits (each reloads or patches the plan
snapshot), File > Open of another plan in the same window, then the window closed. Nothing calls
gc.collect(): the collector runs when the application's allocations trigger it, as in the app.

Prints per cycle the number of live MainWindow / DocumentController objects and the process's
RSS, and at the end whether they returned to the baseline. A crash shows as a faulthandler
traceback (the exit status is then not 0).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
import weakref
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PLANNER_DATA_DIR"] = tempfile.mkdtemp()


def rss_mb() -> float:
    status = open("/proc/self/status").read()
    return int(status.split("VmRSS:")[1].split()[0]) / 1024


ALIVE: "weakref.WeakSet" = None  # every window and controller made, until freed (gc.get_objects() misses frozen ones)


def live(cls) -> int:
    return sum(1 for o in list(ALIVE) if type(o) is cls)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=200)
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--no-freeze", action="store_true",
                        help="experiment: make gc.freeze()/gc.unfreeze() do nothing (is the freeze the cause?)")
    args = parser.parse_args()
    if args.no_freeze:
        gc.freeze = gc.unfreeze = lambda: None

    from PySide6.QtCore import QCoreApplication, QEvent, QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    from benchmarks.generate import generate_plan
    from planner.samples import sample_path
    from ui.app import create_app
    from ui.controller import DocumentController
    from ui.main_window import MainWindow

    global ALIVE
    ALIVE = weakref.WeakSet()
    app = create_app([])
    work = Path(tempfile.mkdtemp())
    big = generate_plan(work / "big.plan", args.tasks)
    samples = [Path(sample_path(name)) for name in ("flagos", "okr", "otlp_rust")]

    def spin(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.005)

    def wait_dashboard(window, timeout: float = 20.0) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            app.processEvents()
            view = window.views.pages["dashboard"].view
            if view is not None:
                panes = getattr(view, "panes", {})
                if panes and not any(getattr(p, "busy", False) for p in panes.values()):
                    return
            time.sleep(0.01)

    def edit(window, n: int) -> None:
        tasks = window.views["tasks"]
        model = tasks.model
        progress = next(i for i, c in enumerate(model.columns) if c.key == "progress")
        name = next((i for i, c in enumerate(model.columns) if c.key in ("name", "title")), None)
        for i in range(n):
            row = i % max(1, model.rowCount())
            model.setData(model.index(row, progress), f"{10 + i}%")
            app.processEvents()
        if name is not None and model.rowCount():  # a text edit too
            model.setData(model.index(0, name), f"renamed {n}")
            app.processEvents()

    baseline_windows = live(MainWindow)
    baseline_controllers = live(DocumentController)
    start_rss = rss_mb()
    t0 = time.time()
    for cycle in range(args.cycles):
        first = big if cycle % 4 == 0 else samples[cycle % 3]
        second = samples[(cycle + 1) % 3]
        controller = DocumentController()
        window = MainWindow(controller)
        ALIVE.add(window)
        ALIVE.add(controller)
        window.resize(1280, 800)
        if first == big:
            window.documents.open_path(big, ask_save=False)
        else:
            window.documents.open_untitled_copy(first)
        window.show()
        app.processEvents()
        for key in ("tasks", "gantt", "dashboard"):
            if key in window.views.keys():
                window.views.show(key)
                spin(0.05)
        wait_dashboard(window)
        window.views.show("tasks")
        edit(window, args.edits)
        window.views.show("gantt")
        spin(0.03)
        window.views.show("dashboard")
        spin(0.1)
        controller.undo_stack.setClean()
        window.documents.open_untitled_copy(second)  # File > Open Sample in the same window
        window.views.show("gantt")
        spin(0.03)
        edit(window, 1)
        controller.undo_stack.setClean()
        window.close()
        window.deleteLater()
        del window, controller
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()
        if cycle % 10 == 9 or cycle == args.cycles - 1:
            print(f"cycle {cycle + 1:4d}: windows {live(MainWindow) - baseline_windows:3d} "
                  f"controllers {live(DocumentController) - baseline_controllers:3d} "
                  f"rss {rss_mb():7.1f} MB  gc counts {gc.get_count()} frozen {gc.get_freeze_count()} "
                  f"{time.time() - t0:6.1f} s", flush=True)
    spin(0.5)
    windows = live(MainWindow) - baseline_windows
    controllers = live(DocumentController) - baseline_controllers
    print(f"done: {args.cycles} cycles, windows alive {windows}, controllers alive {controllers}, "
          f"rss {start_rss:.0f} -> {rss_mb():.0f} MB, frozen objects {gc.get_freeze_count()}")
    return 0 if windows == 0 and controllers == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
