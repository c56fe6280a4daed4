"""`planner --smoke-test [--out DIR]`: the frozen app's end-to-end check, run offscreen.

Opens the bundled FlagOS sample, builds and shows the main window, exports one Excel template
and one chart into DIR (a temporary folder by default), and quits with status 0. Any failure
prints the reason and returns 1.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="planner --smoke-test")
    parser.add_argument("--out", type=Path, default=None, help="folder for the exported files")
    return parser.parse_args(argv)


def run_smoke_test(argv: list[str]) -> int:
    from ui.app import PROCESS_START

    args = _parse(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = args.out or Path(tempfile.mkdtemp(prefix="planner-smoke-"))
    out.mkdir(parents=True, exist_ok=True)
    try:
        return _run(out, PROCESS_START)
    except Exception:  # the smoke test reports every failure as a status, never a crash
        traceback.print_exc()
        print("SMOKE FAILED", file=sys.stderr)
        return 1


def _run(out: Path, process_start: float) -> int:
    from PySide6.QtCore import QTimer

    from planner.charts import build_chart
    from planner.charts.export import export_figure
    from planner.excel.export import export_template
    from planner.samples import sample_path
    from ui.app import build_window, create_app

    app = create_app([])
    window = build_window([str(sample_path("flagos"))])
    window.show()
    app.processEvents()
    shown = time.perf_counter() - process_start
    shown_at = time.time()  # wall clock, so a launcher can measure from before the process existed
    plan = window.controller.plan()
    if not plan.tasks:
        raise RuntimeError("the sample plan opened with no tasks")
    export_template(plan, "stats", out / "stats.xlsx")
    figure = build_chart("milestones", plan).figure
    export_figure(figure, out / "milestones.png")
    for name in ("stats.xlsx", "milestones.png"):
        if not (out / name).stat().st_size:
            raise RuntimeError(f"{name} is empty")
    print(f"SMOKE OK window shown {shown:.2f}s shown_at={shown_at:.3f} tasks={len(plan.tasks)} out={out}")
    QTimer.singleShot(0, app.quit)
    app.exec()
    if window.controller.project is not None:  # quitting may already have closed it
        window.controller.project.close()
    return 0
