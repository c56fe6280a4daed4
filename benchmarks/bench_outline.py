"""Work breakdown in the task matrix: fold and unfold a summary of 1,000 sub-tasks in a 10,000-task plan.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.bench_outline [--repeat 15] [--children 1000]

The plan is the generated 10,000-task plan (`benchmarks/generate.py`) with the first task made
the summary of the next `--children` tasks. The task matrix is shown at 1440 x 900 in the main
window; each measurement is one fold (or unfold) through the controller, as the arrow or
Alt+Shift+- does, then the event loop run until the table has repainted. The bare floor in the
same run is a repaint of the table alone (viewport update + events), so the ratio says what the
fold itself costs. Wall and CPU time are medians.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

TARGET = 0.100  # s, fold or unfold of a 1,000-child summary


def _cpu() -> float:
    return sum(resource.getrusage(resource.RUSAGE_SELF)[:2])


def make_plan(folder: Path, tasks: int, children: int) -> Path:
    from benchmarks.generate import generate_plan

    path = generate_plan(folder / "outline.plan", tasks, seed=1)
    con = sqlite3.connect(path)
    # links from the summary's own sub-tasks to it would be links within the summary: drop them
    con.execute("DELETE FROM dependency WHERE predecessor_id = 1 AND successor_id BETWEEN 2 AND ?", (children + 1,))
    con.execute("UPDATE task SET parent_id = 1 WHERE id BETWEEN 2 AND ?", (children + 1,))
    con.commit()
    con.close()
    return path


def run(repeat: int, tasks: int, children: int) -> dict:
    os.environ["PLANNER_DATA_DIR"] = tempfile.mkdtemp()
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    from ui.app import build_window, create_app

    folder = Path(tempfile.mkdtemp(prefix="bench-outline-"))
    path = make_plan(folder, tasks, children)
    app = create_app([])
    window = build_window([str(path)])
    window.resize(1440, 900)
    view = window.views.show("tasks")
    window.show()
    app.processEvents()
    controller = window.controller
    rows_open = view.model.rowCount()

    def timed(fn) -> tuple[float, float]:
        walls, cpus = [], []
        for i in range(repeat):
            c, t = _cpu(), time.perf_counter()
            fn(i)
            app.processEvents()
            walls.append(time.perf_counter() - t)
            cpus.append(_cpu() - c)
        return statistics.median(walls), statistics.median(cpus)

    floor = timed(lambda i: view.table.viewport().update())
    folds = {"fold": [], "unfold": []}
    for i in range(repeat):
        for name, state in (("fold", True), ("unfold", False)):
            c, t = _cpu(), time.perf_counter()
            controller.set_collapsed({1}, state)
            app.processEvents()
            folds[name].append((time.perf_counter() - t, _cpu() - c))
    rows_folded = rows_open - children
    window.close()
    return {
        "machine": f"{platform.machine()} · {os.cpu_count()} cores · Python {platform.python_version()}",
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "load": os.getloadavg()[0],
        "tasks": tasks, "children": children, "rows_open": rows_open, "rows_folded": rows_folded,
        "floor": floor,
        "fold": (statistics.median(w for w, _ in folds["fold"]), statistics.median(c for _, c in folds["fold"])),
        "unfold": (statistics.median(w for w, _ in folds["unfold"]), statistics.median(c for _, c in folds["unfold"])),
    }


def markdown(r: dict) -> str:
    ms = lambda s: f"{s * 1000:.1f} ms"  # noqa: E731
    lines = [f"{r['machine']} · {r['date']} · load average {r['load']:.1f} when it started. "
             f"{r['tasks']:,}-task plan, one summary of {r['children']:,} sub-tasks; the matrix shows "
             f"{r['rows_open']:,} rows unfolded, {r['rows_folded']:,} folded. Medians.", "",
             "| measurement | wall | CPU | floor (repaint alone) CPU | ratio to floor | target |",
             "|---|---|---|---|---|---|"]
    for key in ("fold", "unfold"):
        wall, cpu = r[key]
        lines.append(f"| {key} the summary | {ms(wall)} | {ms(cpu)} | {ms(r['floor'][1])} | "
                     f"{cpu / max(r['floor'][1], 1e-6):.1f}x | ≤ {TARGET * 1000:.0f} ms |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--tasks", type=int, default=10000)
    ap.add_argument("--children", type=int, default=1000)
    a = ap.parse_args()
    print(markdown(run(a.repeat, a.tasks, a.children)))


if __name__ == "__main__":
    main()
