"""Screenshots of every view on the FlagOS and OTLP_RUST samples (and the OKR sample's OKRs).

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--lang zh_CN|en] [--extras]

Runs the real app under Xvfb with the xcb platform (re-executing itself through `xvfb-run`
when no display is set), at 1440x900, and saves `<sample>-<view>.png`. With --extras it also
grabs the whole screen with the Import/Export and Report menus open, the import preview of a
test workbook, and the crash-recovery and plan-in-use message boxes (`extra-*.png`).
Look at every PNG.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKBOOKS = {"errors": ROOT / "tests" / "data" / "seed_stats.xlsx",  # no period chosen: two errors
             "changes": ROOT / "tests" / "data" / "master_many_sheets.xlsx"}
CRASHING_SESSION = """
import os, sys
sys.path.insert(0, {root!r})
from planner.document import Project
from planner.plan import load_plan
from planner.services import tasks
project = Project.open({path!r})
task = project.read(load_plan).tasks[0]
project.run(tasks.update_task, task.id, progress=0.55)
os._exit(0)  # a crash: the working copy with the unsaved edit stays behind
"""
VIEWS = ("roadmap", "tasks", "raci", "indicators", "okr", "gantt", "dashboard")
OWNERS = ("张工", "李工", "王工", "赵工")  # made-up names: the seeds' people are never shown
SAMPLES = {"flagos": VIEWS, "otlp_rust": VIEWS, "okr": ("okr",)}


def _under_xvfb() -> None:
    if os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return
    if shutil.which("xvfb-run") is None:
        sys.exit("xvfb-run is missing: apt-get install xvfb xauth (or set QT_QPA_PLATFORM=offscreen)")
    env = dict(os.environ, QT_QPA_PLATFORM="xcb")
    command = ["xvfb-run", "-a", "-s", "-screen 0 1440x900x24", sys.executable, *sys.argv]
    sys.exit(subprocess.run(command, env=env).returncode)


def _isolate() -> None:
    """Fresh settings and app-data, so no recent files, recovery prompts or saved layout appear."""
    home = Path(tempfile.mkdtemp(prefix="planner-shots-"))
    os.environ["PLANNER_DATA_DIR"] = str(home / "data")
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / "settings"))


def _prepare(window, key: str) -> None:
    """Put each view in a state that shows what it is for."""
    view = window.views[key]
    if key == "tasks" and view.model.rowCount():
        view.table.setCurrentIndex(view.model.index(0, 0))
    if key == "raci" and view.model.rowCount():
        view.table.setCurrentIndex(view.model.index(1, 1))
    if key == "roadmap" and view.model.rowCount():
        view.table.setCurrentIndex(view.model.index(0, 3))


def shoot(out: Path, language: str, extras: bool = False) -> list[Path]:
    sys.path.insert(0, str(ROOT))
    _isolate()
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from planner.samples import sample_path
    from ui import settings
    from ui.app import build_window, create_app

    settings.set_language(language)
    app = create_app([])
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for sample, views in SAMPLES.items():
        window = build_window([])
        window.documents.open_untitled_copy(sample_path(sample))
        window.resize(1440, 900)
        window.move(0, 0)
        window.show()
        for key in views:
            if key not in window.views:
                continue
            window.views.show(key)
            _prepare(window, key)
            QTest.qWait(400)  # the status bar totals are computed on a short timer
            if key == "dashboard":
                _wait_for_chart(window.views[key])
            target = out / f"{sample}-{key}.png"
            window.grab().save(str(target))
            written.append(target)
        if extras and sample == "flagos":
            written += shoot_extras(app, window, out)
        window.controller.undo_stack.setClean()
        window.close()
        QApplication.processEvents()
    written += shoot_work_breakdown(out)
    return written


def make_work_breakdown(target: Path) -> Path:
    """OTLP_RUST as a work breakdown: each task group a summary over its tasks, its first two
    tasks under a sub-summary, owners, and one task not scheduled yet (an estimate)."""
    from planner.document import Project
    from planner.plan import load_plan
    from planner.samples import sample_path
    from planner import model as m
    from planner.services import dependencies, generic, outline, tasks

    shutil.copy(sample_path("otlp_rust"), target)
    project = Project.open(target)
    plan = project.read(load_plan)
    for n, module in enumerate(plan.modules):
        members = [t for t in plan.tasks if t.module_id == module.id]
        if not members:
            continue
        first = members[0]
        summary = project.run(tasks.add_task, f"{module.prefix}-00", module_id=module.id, stage_id=first.stage_id,
                              name=module.name, start=first.start_date, end=first.end_date,
                              period_style=first.period_style, scheduling=m.Scheduling.manual.value).created
        project.run(generic.reorder, m.Task, summary, 0)
        project.run(outline.indent_tasks, [t.id for t in members])
        if len(members) > 3:  # a work package over the group's first two tasks
            package = project.run(tasks.add_task, f"{module.prefix}-10", module_id=module.id,
                                  stage_id=first.stage_id, name="首批工作包", start=first.start_date,
                                  end=first.end_date, period_style=first.period_style,
                                  scheduling=m.Scheduling.manual.value).created
            project.run(outline.set_parent, package, summary, 0)
            for t in members[:2]:
                project.run(outline.set_parent, t.id, package)
        for i, t in enumerate(members):
            project.run(tasks.update_task, t.id, owner=OWNERS[(n + i) % len(OWNERS)])
        if n == 0:
            extra = project.run(tasks.add_task, f"{module.prefix}-99", module_id=module.id, stage_id=first.stage_id,
                                name="发布前安全审计", duration_days=5, estimated=True).created
            project.run(outline.set_parent, extra, summary)
            project.run(dependencies.add_dependency, members[-1].id, extra)
    project.save()
    project.close()
    return target


def shoot_work_breakdown(out: Path) -> list[Path]:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ui.app import build_window

    path = make_work_breakdown(Path(tempfile.mkdtemp(prefix="planner-shots-wbs-")) / "OTLP_RUST-WBS.plan")
    window = build_window([str(path)])
    window.resize(1440, 900)
    window.move(0, 0)
    window.show()
    written = []
    for key in ("tasks", "gantt"):
        view = window.views.show(key)
        if key == "gantt":
            view.set_level("week")
        QTest.qWait(400)
        target = out / f"wbs-{key}.png"
        window.grab().save(str(target))
        written.append(target)
    window.close()
    QApplication.processEvents()
    return written


def _wait_for_chart(view, timeout_ms: int = 20000) -> None:
    """The dashboard draws on a worker thread: wait (in an event loop that lets it run) for its image."""
    from PySide6.QtCore import QEventLoop, QTimer

    pane = view.panes[view.current_kind()]
    for _ in range(timeout_ms // 100):
        if pane.result is not None and not pane.busy:
            break
        loop = QEventLoop()
        QTimer.singleShot(100, loop.quit)
        loop.exec()


def _settle(app, rounds: int = 8) -> None:
    for _ in range(rounds):
        app.processEvents()


def _grab_screen(app, target: Path) -> Path:
    _settle(app)
    app.primaryScreen().grabWindow(0).save(str(target))
    return target


def _grab_modal(app, target: Path, trigger, close, before=None) -> Path:
    """Run `trigger` (which opens a modal box and waits in exec()), grab the screen while the box
    is up (after `before(box)`, if given), then dismiss it with `close(box)`."""
    from PySide6.QtCore import QTimer

    def shoot_and_close(attempt: int = 0) -> None:
        box = app.activeModalWidget()
        if box is None and attempt < 40:
            QTimer.singleShot(100, lambda: shoot_and_close(attempt + 1))
            return
        if box is not None and before is not None:
            before(box)
        _grab_screen(app, target)
        if box is not None:
            close(box)

    QTimer.singleShot(300, shoot_and_close)
    trigger()
    return target


def _open_menu(app, window, module_name: str, target: Path) -> Path:
    menu = window.plugin_menus[module_name]
    bar = window.menuBar()
    rect = bar.actionGeometry(menu.menuAction())
    menu.popup(bar.mapToGlobal(rect.bottomLeft()))
    _grab_screen(app, target)
    menu.hide()
    return target


def _press(kind):
    def close(box) -> None:
        button = box.button(kind) if hasattr(box, "button") else None
        button.click() if button is not None else box.reject()
    return close


def shoot_extras(app, window, out: Path) -> list[Path]:
    """Menus, the import preview and the message boxes a user meets, on the FlagOS sample."""
    from PySide6.QtWidgets import QMessageBox

    from planner.document import Project
    from planner.errors import FileLocked
    from planner.samples import sample_path

    written = [_open_menu(app, window, name, out / f"extra-menu-{short}.png")
               for name, short in (("ui.excel_actions", "import-export"), ("ui.report_actions", "report"))
               if name in window.plugin_menus]
    from ui import excel_actions

    from PySide6.QtWidgets import QTabWidget

    for name, workbook, tab in (("errors", WORKBOOKS["errors"], 0), ("problems", WORKBOOKS["changes"], 0),
                                ("changes", WORKBOOKS["changes"], 1)):
        written.append(_grab_modal(
            app, out / f"extra-import-preview-{name}.png",
            lambda w=workbook: excel_actions.import_workbooks(window, window.controller, [w]),
            lambda box: box.reject(), before=lambda box, t=tab: box.findChild(QTabWidget).setCurrentIndex(t)))
    folder = Path(tempfile.mkdtemp(prefix="planner-shots-files-"))
    crashed = folder / "FlagOS-路线图.plan"
    shutil.copy(sample_path("flagos"), crashed)
    script = CRASHING_SESSION.format(root=str(ROOT), path=str(crashed))
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)
    written.append(_grab_modal(app, out / "extra-recovery.png", window.documents.offer_recovery,
                               _press(QMessageBox.StandardButton.Discard)))
    locked = folder / "OTLP-计划.plan"
    shutil.copy(sample_path("otlp_rust"), locked)
    holder = Project.open(locked)  # another window of this computer has it open
    written.append(_grab_modal(app, out / "extra-locked.png",
                               lambda: window.documents.open_path(locked, ask_save=False),
                               _press(QMessageBox.StandardButton.Cancel)))
    elsewhere = FileLocked("", owner={"user": "pm", "host": "PM-LAPTOP-02", "pid": 4242, "since": "2025-03-14 09:30"})
    written.append(_grab_modal(app, out / "extra-locked-take-over.png",
                               lambda: window.documents._open_locked(locked, elsewhere),
                               _press(QMessageBox.StandardButton.Cancel)))
    damaged = FileLocked("", owner={"damaged": True, "age_s": 12})  # an empty or garbage lock file
    written.append(_grab_modal(app, out / "extra-locked-damaged.png",
                               lambda: window.documents._open_locked(locked, damaged),
                               _press(QMessageBox.StandardButton.Cancel)))
    holder.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", default="zh_CN", choices=("zh_CN", "en"))
    parser.add_argument("--extras", action="store_true", help="also menus, import preview and message boxes")
    args = parser.parse_args()
    _under_xvfb()
    for path in shoot(args.out, args.lang, args.extras):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
