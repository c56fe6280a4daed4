"""Screenshots of every view on the FlagOS and OTLP_RUST samples (and the OKR sample's OKRs).

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--lang zh_CN|en]

Runs the real app under Xvfb with the xcb platform (re-executing itself through `xvfb-run`
when no display is set), at 1440x900, and saves `<sample>-<view>.png`. Look at every PNG.
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
VIEWS = ("roadmap", "tasks", "raci", "indicators", "okr", "gantt", "dashboard")
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


def shoot(out: Path, language: str) -> list[Path]:
    sys.path.insert(0, str(ROOT))
    _isolate()
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
            for _ in range(5):
                app.processEvents()
            target = out / f"{sample}-{key}.png"
            window.grab().save(str(target))
            written.append(target)
        window.controller.undo_stack.setClean()
        window.close()
        QApplication.processEvents()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", default="zh_CN", choices=("zh_CN", "en"))
    args = parser.parse_args()
    _under_xvfb()
    for path in shoot(args.out, args.lang):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
