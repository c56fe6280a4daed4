"""Screenshots of every view at the window's minimum size, at 100% and at 200% (QT_SCALE_FACTOR=2).

    .venv/bin/python scripts/small_screenshots.py [--out docs/screenshots] [--lang zh_CN|en] [--scale 1|2]

With no --scale it runs itself twice under `xvfb-run` (xcb): at 100% on a 1400x900 screen and at
200% on a 2000x1400 one (1000x700 logical). Writes `min-<view>.png` and `min200-<view>.png` on
the FlagOS sample, and the details a new user meets first: a refused stage span with its
reason at the cell, a task flagged outside its stage, the Gantt float line of the hovered task,
the collection dialog and the crash-recovery box (`min[200]-first-*.png`). Look at every PNG.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

import screenshots as base  # noqa: E402  (scripts/screenshots.py: isolation, views, modal grabs)

SCREENS = {"1": "1400x900x24", "2": "2000x1400x24"}


def _rerun(scale: str, argv: list[str]) -> int:
    if shutil.which("xvfb-run") is None:
        sys.exit("xvfb-run is missing: apt-get install xvfb xauth")
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", QT_SCALE_FACTOR=scale)
    env.pop("DISPLAY", None)
    command = ["xvfb-run", "-a", "-s", f"-screen 0 {SCREENS[scale]}", sys.executable, __file__, *argv,
               "--scale", scale]
    return subprocess.run(command, env=env).returncode


def shoot(out: Path, language: str, scale: str) -> list[Path]:
    base._isolate()
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit

    from planner.samples import sample_path
    from ui import settings
    from ui.app import build_window, create_app

    settings.set_language(language)
    app = create_app([])
    prefix = "min" if scale == "1" else f"min{int(float(scale) * 100)}"
    out.mkdir(parents=True, exist_ok=True)
    window = build_window([])
    window.documents.open_untitled_copy(sample_path("flagos"))
    window.move(0, 0)
    window.show()
    window.resize(window.minimumSize())
    written = []

    def save(name: str) -> None:
        QTest.qWait(400)  # status totals and charts are drawn on short timers
        target = out / f"{prefix}-{name}.png"
        window.grab().save(str(target))
        written.append(target)

    for key in base.VIEWS:
        window.views.show(key)
        base._prepare(window, key)
        save(key)

    # A stage span the parser refuses: the typed text stays, the reason is at the cell.
    roadmap = window.views.show("roadmap")
    index = roadmap.model.index(0, 1)
    roadmap.table.setCurrentIndex(index)
    roadmap.table.edit(index)
    QTest.qWait(100)
    editor = next(e for e in roadmap.table.findChildren(QLineEdit) if e.isVisible())
    editor.selectAll()
    editor.insert("下个季度" if language == "zh_CN" else "next quarter")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    save("first-span-refused")
    QTest.keyClick(next(e for e in roadmap.table.findChildren(QLineEdit) if e.isVisible()), Qt.Key.Key_Escape)

    # Narrow the first stage to 0-2 个月: its later tasks are flagged in the task matrix.
    roadmap.model.setData(index, "0-2 个月")
    tasks = window.views.show("tasks")
    span = next(n for n, c in enumerate(tasks.model.columns) if c.key == "span")
    tasks.table.setCurrentIndex(tasks.model.index(tasks.model.row_of(lambda t: t.code == "TP-04"), span))
    save("first-outside-stage")
    window.controller.undo_stack.undo()

    # The Gantt at month zoom: only the task under the pointer shows its float line.
    gantt = window.views.show("gantt")
    gantt.select_tasks([])
    gantt.set_level("month")
    QTest.qWait(100)
    row = gantt.data.row_of_task[window.controller.plan().task_by_code["TP-03"].id]
    bar = gantt.layout.bar(row)
    gantt.scroll_to_row(row)
    gantt.timeline.horizontalScrollBar().setValue(0)
    QTest.mouseMove(gantt.timeline.viewport(), gantt.timeline.viewport().rect().topLeft()
                    + _viewport_point(gantt, bar))
    gantt.set_hover_row(row)
    save("first-gantt-float-hover")

    for target in (base._grab_modal(app, out / f"{prefix}-first-collect-dialog.png", lambda: _collect(window),
                                    lambda box: box.reject()),
                   *_recovery(app, window, out / f"{prefix}-first-recovery.png")):
        _crop_to(target, window)
        written.append(target)
    window.controller.undo_stack.setClean()
    window.close()
    QApplication.processEvents()
    return written


def _crop_to(path: Path, window) -> None:
    """A screen grab cut down to the window (its dialog sits on top of it)."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    ratio = image.width() / window.screen().geometry().width()
    frame = window.frameGeometry()
    image.copy(QRect(round(frame.x() * ratio), round(frame.y() * ratio), round(frame.width() * ratio),
                     round(frame.height() * ratio))).save(str(path))


def _viewport_point(gantt, bar):
    from PySide6.QtCore import QPoint

    tl = gantt.timeline
    return QPoint(round(bar.x0 - tl.x_offset() + 4), round(bar.mid_y - tl.y_offset() + gantt.header_height))


def _collect(window) -> None:
    from ui.collect_dialog import CollectDialog  # what Import/Export > Data collection workbook opens first

    CollectDialog(window.controller.plan(), window).exec()


def _recovery(app, window, target: Path) -> list[Path]:
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="planner-shots-files-"))
    crashed = folder / "FlagOS-路线图.plan"
    from planner.samples import sample_path

    shutil.copy(sample_path("flagos"), crashed)
    script = base.CRASHING_SESSION.format(root=str(ROOT), path=str(crashed))
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)
    return [base._grab_modal(app, target, window.documents.offer_recovery, lambda box: box.reject())]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", default="zh_CN", choices=("zh_CN", "en"))
    parser.add_argument("--scale", choices=tuple(SCREENS))
    args = parser.parse_args()
    if args.scale is None:
        argv = ["--out", str(args.out), "--lang", args.lang]
        return max(_rerun(scale, argv) for scale in SCREENS)
    for path in shoot(args.out, args.lang, args.scale):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
