"""Screenshots of the Gantt view on the bundled samples, and one page of its PDF export.

Run under Xvfb so the real xcb platform (fonts, antialiasing) is used:

    xvfb-run -a -s "-screen 0 1440x900x24" env QT_QPA_PLATFORM=xcb \
        .venv/bin/python scripts/gantt_screenshots.py [docs/screenshots]

Writes gantt-<sample>-<level>.png for FlagOS and OTLP_RUST at week and month zoom, a project-time
view, gantt-flagos-baseline.png (a copy of FlagOS with a baseline taken and two tasks slipped since),
and gantt-pdf-page1.png (page 1 of the tiled PDF, rendered by pdftoppm).
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
from ui.controller import DocumentController  # noqa: E402
from ui.gantt import GanttView  # noqa: E402

SIZE = (1440, 860)


def shoot(app: QApplication, sample: str, out: Path) -> list[Path]:
    project = Project.open(sample_path(sample), read_only=True)
    controller = DocumentController(project)
    view = GanttView(controller)
    view.resize(*SIZE)
    view.show()
    app.processEvents()
    if view.plan().baselines:
        view.set_baseline(view.plan().baselines[0].id)
    written = []
    name = "flagos" if sample == "flagos" else "otlp"
    for level in ("week", "month"):
        view.set_level(level)
        view.timeline.horizontalScrollBar().setValue(0)
        app.processEvents()
        written.append(_save(view, out / f"gantt-{name}-{level}.png"))
    if sample == "flagos":
        view.set_time_mode("project")
        view.set_level("week")
        view.timeline.horizontalScrollBar().setValue(0)
        app.processEvents()
        written.append(_save(view, out / "gantt-flagos-project-weeks.png"))
        view.set_time_mode("calendar")
        written.append(_pdf_page(view, out / "gantt-pdf-page1.png"))
    view.close()
    view.deleteLater()  # widgets must go before the QApplication does
    app.processEvents()
    project.close()
    return written


def shoot_baseline(app: QApplication, out: Path) -> Path:
    """FlagOS after a baseline was taken and TP-02 and EC-04 slipped two weeks: ghosts show the slip."""
    import datetime as dt

    from planner.services.programme import take_baseline
    from planner.services.tasks import update_task

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "flagos.plan"
        shutil.copy(sample_path("flagos"), copy)
        project = Project.open(copy)
        project.run(take_baseline, "立项基线")
        controller = DocumentController(project)
        for code in ("TP-02", "EC-04"):
            t = controller.plan().task_by_code[code]
            shift = dt.timedelta(weeks=2)
            project.run(update_task, t.id, start_date=t.start_date + shift, end_date=t.end_date + shift)
        controller.set_project(project)  # reload after the direct edits
        view = GanttView(controller)
        view.resize(*SIZE)
        view.show()
        app.processEvents()
        # the samples hold report snapshots of their own: show the one just taken
        view.set_baseline(next(b.id for b in view.plan().baselines if b.name == "立项基线"))
        view.set_level("week")
        view.timeline.horizontalScrollBar().setValue(0)
        app.processEvents()
        path = _save(view, out / "gantt-flagos-baseline.png")
        view.close()
        view.deleteLater()
        app.processEvents()
        project.close()
    return path


def _save(view, path: Path) -> Path:
    if not view.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    return path


def _pdf_page(view, path: Path) -> Path:
    """Export the tiled PDF at week zoom and render its first page with pdftoppm."""
    if not shutil.which("pdftoppm"):
        raise SystemExit("pdftoppm (poppler-utils) is needed for the PDF page")
    view.set_level("week")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "gantt.pdf"
        pages = view.export_pdf(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(path.with_suffix(""))], check=True)
    print(f"PDF export: {pages} pages")
    return path


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    from ui import i18n

    i18n.install(app, "zh_CN")  # the users' language
    paths = [p for sample in ("flagos", "otlp_rust") for p in shoot(app, sample, out)]
    paths.append(shoot_baseline(app, out))
    for path in paths:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
