"""Task matrix: paste a block copied from Excel (rows x 3 cells: progress, status, owner) into a
generated plan, as one undo step; the floor is the same cells typed one by one (one `setData`
each, the path of a user typing), in the same run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.bench_paste [--tasks 1000] [--rows 100] [--repeat 5]

Wall and CPU time are medians; the undo of the whole paste is timed too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import statistics
import tempfile
import time
from pathlib import Path


def _cpu() -> float:
    return sum(resource.getrusage(resource.RUSAGE_SELF)[:2])


def run(tasks: int, rows: int, repeat: int) -> dict:
    os.environ["PLANNER_DATA_DIR"] = tempfile.mkdtemp()
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    from benchmarks.generate import generate_plan
    from ui.app import build_window, create_app

    path = generate_plan(Path(tempfile.mkdtemp(prefix="bench-paste-")) / "paste.plan", tasks, seed=1)
    app = create_app([])
    window = build_window([str(path)])
    window.resize(1440, 900)
    view = window.views.show("tasks")
    window.show()
    app.processEvents()
    model, controller = view.model, window.controller
    column = {k: next(n for n, c in enumerate(model.columns) if c.key == k) for k in ("progress", "status", "owner")}
    header = view.table.horizontalHeader()
    for n, key in enumerate(("progress", "status", "owner")):  # the three columns side by side, as copied
        header.moveSection(header.visualIndex(column[key]), header.visualIndex(column["progress"]) + n)
    results = {"paste": [], "typed": [], "undo": []}
    for i in range(repeat):
        words = ("进行中", "已完成")[i % 2], ("In progress", "Done")[i % 2]
        block = "".join(f"{(i * 7 + r) % 100}%\t{words[0]}\t负责人{i}-{r}\r\n" for r in range(rows))
        view.table.setCurrentIndex(model.index(0, column["progress"]))
        c, t = _cpu(), time.perf_counter()
        view.paste_text(block)
        app.processEvents()
        results["paste"].append((time.perf_counter() - t, _cpu() - c))
        c, t = _cpu(), time.perf_counter()
        controller.undo_stack.undo()
        app.processEvents()
        results["undo"].append((time.perf_counter() - t, _cpu() - c))
        c, t = _cpu(), time.perf_counter()
        for r in range(rows):
            model.setData(model.index(r, column["progress"]), f"{(i * 7 + r) % 100}%")
            model.setData(model.index(r, column["status"]), ("in_progress", "done")[i % 2])
            model.setData(model.index(r, column["owner"]), f"负责人{i}-{r}")
        app.processEvents()
        results["typed"].append((time.perf_counter() - t, _cpu() - c))
        controller.undo_stack.clear()
    window.controller.undo_stack.clear()
    window.close()
    return {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in results.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    found = run(args.tasks, args.rows, args.repeat)
    print(f"{platform.machine()} · {os.cpu_count()} cores · Python {platform.python_version()} · "
          f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC · load {os.getloadavg()[0]:.1f}")
    print(f"{args.tasks} tasks, {args.rows} rows x 3 cells, medians of {args.repeat}")
    floor = found["typed"][1]
    for name in ("paste", "undo", "typed"):
        wall, cpu = found[name]
        print(f"| {name} | {wall * 1000:.0f} ms | {cpu * 1000:.0f} ms | {cpu / floor:.2f}x |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
