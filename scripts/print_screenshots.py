"""Page 1 of every view's printout (the common print path), as PNG under docs/screenshots/.

Run under Xvfb so the real xcb platform (fonts, antialiasing) is used:

    xvfb-run -a -s "-screen 0 1440x900x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python scripts/print_screenshots.py [docs/screenshots] [--lang zh_CN]

Writes print-<view>.png (A4 landscape, fitted to one page wide) for the roadmap grid, task
matrix, RACI, indicators, Gantt and each dashboard chart on FlagOS, and the OKRs on the OKR sample;
each PDF is kept beside it as print-<view>.pdf in a temporary folder and rendered by pdftoppm.
The head-count tab's page (print-headcount.png, with capacities set) is written by
scripts/headcount_screenshots.py.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from planner.document import Project  # noqa: E402
from planner.samples import sample_path  # noqa: E402


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv and not argv[0].startswith("--") else ROOT / "docs" / "screenshots"
    lang = argv[argv.index("--lang") + 1] if "--lang" in argv else "zh_CN"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from ui import i18n

    i18n.install(app, lang)
    from planner.charts import CHART_KINDS
    from ui.controller import DocumentController
    from ui.main_window import MainWindow
    from ui.printing import actions
    from ui.printing.page import PrintOptions, header_of, write_pdf

    work = Path(tempfile.mkdtemp(prefix="print-shots-"))
    written = []
    for sample, keys in (("flagos", ["roadmap", "tasks", "raci", "indicators", "gantt", "dashboard"]),
                         ("okr", ["okr"])):
        copy = work / f"{sample}.plan"
        shutil.copy(sample_path(sample), copy)
        controller = DocumentController(Project.open(copy))
        window = MainWindow(controller)
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        for key in keys:
            window.views.show(key)
            app.processEvents()
            kinds = list(CHART_KINDS) if key == "dashboard" else [None]
            for kind in kinds:
                name = f"print-{key}" + (f"-{kind}" if kind else "")
                if kind:
                    view = window.views[key]
                    view.tabs.setCurrentIndex(list(view.panes).index(kind))
                source = actions.source_for(window)
                pdf = work / f"{name}.pdf"
                pages = write_pdf(pdf, source, header_of(controller.plan(), source.title), PrintOptions(pages_wide=1))
                subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                                str(out / name)], check=True)
                written.append(f"{name}.png ({pages} pages)")
        window.documents.autosave_timer.stop()
        controller.project.close()
        window.hide()
    print("\n".join(written))
    print("PDFs in", work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
