"""The user guide's screenshots (resources/guide/<lang>/images/) and shots of the guide and File > Open Sample.

    .venv/bin/python scripts/guide_screenshots.py [--language zh_CN|en] [--images-only]

Runs the real app under Xvfb (xcb, re-executing itself through `xvfb-run` unless a display or
QT_QPA_PLATFORM=offscreen is set) on the bundled FlagOS sample at 1024x660, one language per
process. The guide's PNGs are reduced to 256 colours (no dithering) to keep the package small.
Then it shoots the guide dialog (docs/screenshots/guide-<zh|en>*.png) and the Open Sample menu
and an opened sample (docs/screenshots/open-sample-<zh|en>-*.png), and the Gantt with programme and
ISO week numbering (docs/screenshots/gantt-weeks-*.png). Look at every PNG.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

import screenshots as base  # noqa: E402  (isolation, the xvfb re-run, waiting for charts, menus)

SIZE = (1024, 660)


def optimise(path: Path) -> Path:
    """256 colours, no dithering: UI screenshots stay sharp at about a third of the bytes."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)
    return path


def _settle(app, ms: int = 400) -> None:
    from PySide6.QtTest import QTest

    QTest.qWait(ms)
    base._settle(app)


def _grab_region(app, widget, target: Path, extra: tuple[int, int] = (0, 0)) -> Path:
    """The screen under `widget` (so open menus show), `extra` pixels wider and taller."""
    _settle(app, 300)
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    app.primaryScreen().grabWindow(0, top_left.x(), top_left.y(), widget.width() + extra[0],
                                   widget.height() + extra[1]).save(str(target))
    return target


def guide_images(app, window, folder: Path, language: str) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from planner.excel.export import export_template
    from ui.import_wizard import ImportWizard
    from ui.plan_properties import PlanPropertiesDialog
    from ui.printing.actions import preview, source_for

    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def save(widget, name: str) -> None:
        _settle(app)
        target = folder / f"{name}.png"
        widget.grab().save(str(target))
        written.append(optimise(target))

    props = PlanPropertiesDialog(window.controller.plan().programme, window, new_plan=True)
    props.set_value("name", "FlagOS")
    props.set_value("start_date", dt.date(2025, 1, 6))
    props.set_value("status_date", dt.date(2025, 4, 18))
    props.show()
    save(props, "new-plan")
    props.close()
    for key in ("roadmap", "tasks", "gantt", "raci", "indicators", "dashboard"):
        view = window.views.show(key)
        base._prepare(window, key)
        if key == "gantt":
            view.set_level("week")
        if key == "dashboard":
            base._wait_for_chart(view)
        save(window, key)
    window.views.show("tasks")
    menu = window.plugin_menus.get("ui.excel_actions")
    if menu is not None:
        bar = window.menuBar()
        menu.aboutToShow.emit()
        menu.popup(bar.mapToGlobal(bar.actionGeometry(menu.menuAction()).bottomLeft()))
        written.append(optimise(_grab_region(app, window, folder / "menu-import-export.png")))
        menu.hide()
    workbook = Path(tempfile.mkdtemp(prefix="guide-book-")) / "FlagOS-阶段任务计划表.xlsx"
    lang = "zh" if language == "zh_CN" else "en"
    export_template(window.controller.plan(), "tasks", workbook, lang=lang)
    wizard = ImportWizard([workbook], window.controller.plan(), window)
    wizard.resize(*SIZE)
    wizard.show()
    wizard.wait_read()
    wizard.go(1)
    save(wizard, "import-wizard")
    wizard.close()
    window.views.show("tasks")
    dialog = preview(window, source_for(window), window.controller.plan(), exec_dialog=False)
    dialog.resize(*SIZE)
    dialog.show()
    _settle(app, 800)
    save(dialog, "print-preview")
    dialog.close()
    QApplication.processEvents()
    return written


def open_sample_shots(app, window, out: Path, suffix: str) -> list[Path]:
    file_menu = window.menuBar().actions()[0].menu()
    bar = window.menuBar()
    file_menu.popup(bar.mapToGlobal(bar.actionGeometry(file_menu.menuAction()).bottomLeft()))
    _settle(app, 300)
    window.sample_menu.popup(file_menu.mapToGlobal(file_menu.actionGeometry(window.sample_menu.menuAction()).topRight()))
    target = _grab_region(app, window, out / f"open-sample-{suffix}-menu.png")
    window.sample_menu.hide()
    file_menu.hide()
    written = [target]
    for name in ("okr", "otlp_rust"):
        window.documents.open_sample(name)
        window.views.show("okr" if name == "okr" else "tasks")
        _settle(app)
        target = out / f"open-sample-{suffix}-{name}.png"
        window.grab().save(str(target))
        written.append(target)
    return written


def week_shots(app, window, out: Path, suffix: str) -> list[Path]:
    """The Gantt in project time with programme weeks and with ISO weeks (Plan properties > Week numbering)."""
    from ui.plan_properties import apply_properties

    written = []
    view = window.views.show("gantt")
    view.set_level("week")
    view.set_time_mode("project")
    for weeks in ("programme", "iso"):
        apply_properties(window.controller, {"week_numbering": weeks})
        _settle(app)
        target = out / f"gantt-weeks-{weeks}-{suffix}.png"
        window.grab().save(str(target))
        written.append(target)
    view.set_time_mode("calendar")
    return written


def guide_shots(app, window, out: Path, suffix: str) -> list[Path]:
    from ui.user_guide import show_guide

    dialog = show_guide(window)
    dialog.resize(1100, 800)
    _settle(app, 600)
    written = []
    target = out / f"guide-{suffix}.png"
    dialog.grab().save(str(target))
    written.append(target)
    dialog.browser.scrollToAnchor("tasks")
    _settle(app)
    target = out / f"guide-{suffix}-tasks.png"
    dialog.grab().save(str(target))
    written.append(target)
    dialog.close()
    return written


def shoot(language: str, images_only: bool) -> list[Path]:
    from planner.samples import sample_path
    from ui import settings
    from ui.app import build_window, create_app

    settings.set_language(language)
    app = create_app([])
    window = build_window([])
    window.documents.open_untitled_copy(sample_path("flagos"))
    window.resize(*SIZE)
    window.move(0, 0)
    window.show()
    suffix = "zh" if language == "zh_CN" else "en"
    written = guide_images(app, window, ROOT / "resources" / "guide" / language / "images", language)
    if not images_only:
        out = ROOT / "docs" / "screenshots"
        out.mkdir(parents=True, exist_ok=True)
        written += guide_shots(app, window, out, suffix)
        written += week_shots(app, window, out, suffix)
        written += open_sample_shots(app, window, out, suffix)
    window.controller.undo_stack.setClean()
    window.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", default="")
    parser.add_argument("--images-only", action="store_true", help="only the guide's own images")
    args = parser.parse_args()
    base._under_xvfb()
    if not args.language:
        extra = ["--images-only"] if args.images_only else []
        for language in ("zh_CN", "en"):
            subprocess.run([sys.executable, __file__, "--language", language, *extra], check=True)
        return 0
    base._isolate()
    for path in shoot(args.language, args.images_only):
        print(path.relative_to(ROOT), path.stat().st_size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
