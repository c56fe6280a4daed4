"""Screenshots of each step of the import wizard, in Chinese and English, under Xvfb.

    .venv/bin/python scripts/import_wizard_screenshots.py [--out docs/screenshots]

Runs itself under `xvfb-run` (xcb). Generated team workbooks (a title merged over the table, a
"待定" end date), a statistics sheet older than the plan's reading (a conflict) and a file that
is not there: `import-wizard-<step>-<zh|en>.png` for reading, files, columns, problems,
conflicts, the saved-maps list and the next month's workbook with the saved map applied.
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
sys.path.insert(0, str(ROOT))


def shoot(out: Path) -> list[Path]:
    home = Path(tempfile.mkdtemp(prefix="wizard-shots-"))
    os.environ["PLANNER_DATA_DIR"] = str(home / "data")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / "settings"))
    from planner.plan import load_plan
    from tests.gui.import_books import older_stats, project_with_newer_reading, team_plan
    from ui import i18n
    from ui.import_wizard import ImportWizard
    from ui.import_wizard.maps_dialog import SavedMapsDialog

    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    books = home / "books"
    books.mkdir()
    project = project_with_newer_reading()
    plan = project.read(load_plan)
    for lang, suffix in (("en", "en"), ("zh_CN", "zh")):
        i18n.install(app, lang)
        for old in (home / "data" / "column-maps").glob("*.json"):
            old.unlink()

        def grab(widget, step):
            app.processEvents()
            path = out / f"import-wizard-{step}-{suffix}.png"
            widget.grab().save(str(path))
            written.append(path)

        big = team_plan(books / "big.xlsx", rows=20000)
        reading = ImportWizard([big], plan)
        reading.show()
        while reading.reader.isRunning() and "big.xlsx" not in reading.progress_label.text():
            app.processEvents()
        grab(reading, "0-reading")
        reading.wait_read(120_000)
        reading.close()

        files = [team_plan(books / "研发部-3月.xlsx"), team_plan(books / "测试部-3月.xlsx", first="Q", bad_row=4),
                 older_stats(books / "指标-4月.xlsx"), books / "运维部-3月.xlsx"]
        wizard = ImportWizard(files, plan)
        wizard.show()
        wizard.wait_read()
        grab(wizard, "1-files")
        wizard.go(1)
        row = next(r for r in range(wizard.columns.rowCount()) if wizard.columns.item(r, 0).text() == "G")
        combo = wizard.columns.cellWidget(row, 2)
        combo.setCurrentIndex(combo.findData("ignore"))
        wizard.save_map.click()
        grab(wizard, "2-columns")
        wizard.go(2)
        first = next(r for r, p in enumerate(wizard.problem_items) if p.value == "待定" and p.sheet.startswith("测试部"))
        wizard.select_problem(first)
        wizard.skip_button.click()
        first = next(r for r, p in enumerate(wizard.problem_items) if p.value == "待定")
        wizard.show_problem(wizard.problem_items[first])  # what a double-click does
        grab(wizard, "3c-problem-cell")
        wizard.go(2)
        wizard.select_problem(first)
        wizard.corrected.setText("2025-03-21")
        grab(wizard, "3-problems")
        wizard.correct_button.click()
        grab(wizard, "3b-decisions")
        wizard.go(3)
        grab(wizard, "4-conflicts")
        combo = wizard.conflicts.cellWidget(0, 3)
        combo.setCurrentIndex(combo.findData("keep"))
        grab(wizard, "4b-conflict-decided")
        wizard.close()
        dialog = SavedMapsDialog()
        dialog.show()
        grab(dialog, "5-saved-maps")
        dialog.close()
        april = ImportWizard([team_plan(books / "研发部-4月.xlsx", title="2025年4月工作计划", first="A")], plan)
        april.show()
        april.wait_read()
        april.go(1)
        grab(april, "6-map-applied")
        april.close()
    project.close()
    return written


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--inner", action="store_true")
    args = ap.parse_args(argv)
    if not args.inner:
        if shutil.which("xvfb-run") is None:
            sys.exit("xvfb-run is missing: apt-get install xvfb xauth")
        env = dict(os.environ, QT_QPA_PLATFORM="xcb")
        env.pop("DISPLAY", None)
        return subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", sys.executable, __file__,
                               "--out", args.out, "--inner"], env=env).returncode
    for path in shoot(Path(args.out)):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
