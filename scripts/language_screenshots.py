"""Screenshots of one language at a time: the import preview, the collection summary and the undo menu.

    .venv/bin/python scripts/language_screenshots.py [--out docs/screenshots]

Runs itself once per language (zh_CN, en) under `xvfb-run`: returned data-collection workbooks
of two FlagOS teams are read into the import preview (problems, then the changes list with old and
new values), its collection summary is shown, then a few edits are made and the Edit menu opened
on its Undo entry. Writes `lang-<language>-import-preview.png`, `lang-<language>-import-changes.png`,
`lang-<language>-collection-summary.png` and `lang-<language>-undo-menu.png`. Look at every PNG.
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
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

PERIOD = "2025-04"  # the plan holds readings for it: the changes list shows old → new
TEAMS = ("核心技术部", "生态发展部")
# (this month, cumulative) typed into the first rows of each team's workbook; 待定 is a cell the
# import explains, "17款" a figure with its unit as people type it.
FILLS = ([(7, "17款"), ("待定", 88), (12, 12.7)], [(50, 190), (2, 3)])


def _returned_workbooks(plan, folder: Path) -> list[Path]:
    """Two teams' fill-in workbooks, filled in as a team member would (one value off target)."""
    from openpyxl import load_workbook

    from planner.excel.export import export_template

    paths = []
    for n, team in enumerate(TEAMS):
        path = folder / f"{team}-{PERIOD}.xlsx"
        export_template(plan, "collect", path, team=team, period=PERIOD)
        wb = load_workbook(path)
        ws = wb.worksheets[0]
        head = {c.value: i + 1 for i, c in enumerate(ws[1])}
        filled = FILLS[n]
        for r in range(2, min(ws.max_row, 1 + len(filled)) + 1):
            ws.cell(r, head["本月实际值"]).value, ws.cell(r, head["累计实际值"]).value = filled[r - 2]
            ws.cell(r, head["测试人员"]).value = "测试组"
        wb.save(path)
        paths.append(path)
    return paths


def shoot(out: Path, language: str) -> list[Path]:
    import screenshots as base

    base._isolate()
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from planner.excel.preview import read_workbooks
    from planner.samples import sample_path
    from ui import settings
    from ui.app import build_window, create_app
    from ui.import_dialog import ImportDialog

    settings.set_language(language)
    app = create_app([])
    folder = Path(tempfile.mkdtemp(prefix="planner-lang-shots-"))
    plan_path = folder / "FlagOS.plan"
    shutil.copy(sample_path("flagos"), plan_path)
    window = build_window([str(plan_path)])
    window.move(0, 0)
    window.resize(1200, 760)
    window.show()
    QTest.qWait(300)
    out.mkdir(parents=True, exist_ok=True)
    written = []

    def grab(widget, name: str) -> None:
        QTest.qWait(300)
        target = out / f"lang-{language}-{name}.png"
        widget.grab().save(str(target))
        written.append(target)

    plan = window.controller.plan()
    preview = read_workbooks(_returned_workbooks(plan, folder), plan)
    dialog = ImportDialog(preview, window, lang="en" if language == "en" else "zh")
    dialog.resize(1100, 520)
    dialog.show()
    dialog.tabs.setCurrentIndex(0)
    grab(dialog, "import-preview")
    dialog.tabs.setCurrentIndex(1)
    grab(dialog, "import-changes")
    dialog.collection.setStyleSheet("font-size: 15px; padding: 6px;")
    grab(dialog.collection, "collection-summary")
    dialog.close()

    # A few edits, then the Edit menu with the Undo entry naming the last one.
    tasks = window.views.show("tasks")
    for key, value in (("progress", "40%"), ("owner", "张工" if language == "zh_CN" else "Zhang")):
        column = next(n for n, c in enumerate(tasks.model.columns) if c.key == key)
        tasks.model.setData(tasks.model.index(2, column), value)
    bar = window.menuBar()
    menu = next(a.menu() for a in bar.actions() if a.menu() is not None and window.undo_action in a.menu().actions())
    menu.popup(bar.mapToGlobal(bar.actionGeometry(menu.menuAction()).bottomLeft()))
    QTest.qWait(400)
    target = out / f"lang-{language}-undo-menu.png"
    base._grab_screen(app, target)
    _crop(target, window)
    written.append(target)
    menu.close()
    window.controller.undo_stack.setClean()
    window.close()
    QApplication.processEvents()
    return written


def _crop(path: Path, window) -> None:
    """The screen grab cut to the window's top-left part, where the menu opens."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    frame = window.frameGeometry()
    image.copy(QRect(frame.x(), frame.y(), min(frame.width(), 900), min(frame.height(), 420))).save(str(path))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", choices=("zh_CN", "en"))
    args = parser.parse_args()
    if args.lang is None:
        if shutil.which("xvfb-run") is None:
            sys.exit("xvfb-run is missing: apt-get install xvfb xauth")
        env = dict(os.environ, QT_QPA_PLATFORM="xcb")
        env.pop("DISPLAY", None)
        codes = [subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", sys.executable, __file__,
                                 "--out", str(args.out), "--lang", language], env=env).returncode
                 for language in ("zh_CN", "en")]
        return max(codes)
    for path in shoot(args.out, args.lang):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
