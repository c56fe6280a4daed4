"""Screenshots of the head-count tab on a copy of FlagOS with capacities set, in Chinese and English.

Run under Xvfb so the real xcb platform (fonts, antialiasing) is used:

    xvfb-run -a -s "-screen 0 1440x900x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python scripts/headcount_screenshots.py [docs/screenshots]

Writes headcount-zh.png and headcount-en.png (per role, by month, 适配工程师 at capacity 12 with its
peak bar selected and the tasks behind it listed), headcount-week-zh.png (by week) and
headcount-team-en.png (per team, after two roles were put in a team with a capacity), and
print-headcount.png: page 1 of its printout (File > Export PDF, rendered by pdftoppm), in Chinese.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PLANNER_DATA_DIR", tempfile.mkdtemp(prefix="headcount-shots-"))

from PySide6.QtCore import QSettings  # noqa: E402

QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())

from planner.capacity import MONTH, ROLE, TEAM, WEEK  # noqa: E402
from planner.document import Project  # noqa: E402
from planner.samples import sample_path  # noqa: E402

ADAPTER = "适配工程师"


def capacity_cell(view, key: str):
    row = view.model.row_of(lambda r: r.name == key)
    column = next(n for n, c in enumerate(view.model.columns) if c.key == "capacity")
    return view.model.index(row, column)


def print_page(window, out: Path, work: Path) -> str:
    from ui.printing import actions
    from ui.printing.page import PrintOptions, header_of, write_pdf

    source = actions.source_for(window)
    pdf = work / "print-headcount.pdf"
    pages = write_pdf(pdf, source, header_of(window.controller.plan(), source.title), PrintOptions(pages_wide=1))
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(out / "print-headcount")], check=True)
    return f"print-headcount.png ({pages} pages)"


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    from ui.app import create_app

    app = create_app([])
    from ui import i18n
    from ui.controller import DocumentController
    from ui.main_window import MainWindow

    work = Path(tempfile.mkdtemp(prefix="headcount-"))
    written = []
    for lang, shots in (("zh_CN", [("headcount-zh", ROLE, MONTH), ("headcount-week-zh", ROLE, WEEK)]),
                        ("en", [("headcount-en", ROLE, MONTH), ("headcount-team-en", TEAM, MONTH)])):
        i18n.install(app, lang)
        copy = work / f"flagos-{lang}.plan"
        shutil.copy(sample_path("flagos"), copy)
        controller = DocumentController(Project.open(copy))
        window = MainWindow(controller)
        window.resize(1440, 860)
        window.show()
        app.processEvents()
        view = window.views.show("headcount")
        view.set_mode(ROLE, MONTH)
        for key, heads in ((ADAPTER, "12"), ("销售顾问", "15"), ("全栈开发工程师", "8")):
            view.model.setData(capacity_cell(view, key), heads)
        team = controller.plan().teams[0]
        column = next(n for n, c in enumerate(view.model.columns) if c.key == "team")
        for key in (ADAPTER, "测试工程师"):
            view.model.setData(view.model.index(view.model.row_of(lambda r, k=key: r.name == k), column), team.id)
        for name, by, unit in shots:
            view.set_mode(by, unit)
            if by == TEAM:
                view.model.setData(capacity_cell(view, team.name), "14")
                view.select_key(team.name)
            else:
                view.select_key(ADAPTER)
            series = view.current_series()
            view.histogram.select(series.heads.index(series.peak))
            view.tasks.selectRow(0)
            for _ in range(5):
                app.processEvents()
            window.grab().save(str(out / f"{name}.png"))
            written.append(f"{name}.png")
            if name == "headcount-zh":
                written.append(print_page(window, out, work))
        controller.undo_stack.setClean()
        window.documents.autosave_timer.stop()
        controller.project.close()
        window.hide()
    print("\n".join(written))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
