"""Screenshots of the File menu's project-file entries and of a GanttProject file's import preview.

    python scripts/interop_screenshots.py [--lang zh_CN|en]   (runs itself under Xvfb when there is no display)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import screenshots as shots  # noqa: E402 - the same isolation, Xvfb and modal-grab helpers


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="zh_CN", choices=("zh_CN", "en"))
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    shots._under_xvfb()
    shots._isolate()
    from PySide6.QtWidgets import QTabWidget

    from planner.samples import sample_path
    from ui import interop_actions, settings
    from ui.app import build_window, create_app

    settings.set_language(args.lang)
    app = create_app([])
    window = build_window([])
    window.documents.open_untitled_copy(sample_path("flagos"))
    window.resize(1440, 900)
    window.move(0, 0)
    window.show()
    shots._settle(app)
    suffix = "" if args.lang == "zh_CN" else "-en"
    bar = window.menuBar()
    file_menu = bar.actions()[0].menu()
    file_menu.popup(bar.mapToGlobal(bar.actionGeometry(bar.actions()[0]).bottomLeft()))
    written = [shots._grab_screen(app, args.out / f"interop-file-menu{suffix}.png")]
    file_menu.hide()
    gan = ROOT / "tests" / "data" / "interop" / "HouseBuildingSample.gan"
    for name, tab in (("problems", 0), ("changes", 1)):
        written.append(shots._grab_modal(
            app, args.out / f"interop-import-preview-{name}{suffix}.png",
            lambda: interop_actions.import_project_file(window, window.controller, gan),
            lambda box: box.reject(), before=lambda box, t=tab: box.findChild(QTabWidget).setCurrentIndex(t)))
    window.controller.undo_stack.setClean()
    window.close()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
