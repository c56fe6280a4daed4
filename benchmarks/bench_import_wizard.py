"""The import wizard's preview following a change of the column map, and the GUI thread while
workbooks are read.

    QT_QPA_PLATFORM=offscreen python -m benchmarks.bench_import_wizard [--rows 1000] [--repeat 15] [--read-rows 20000]

1. A generated 1,000-row team plan (title merged over the table, one bad cell, a note column) is
   opened in the wizard; one column's field is changed back and forth `repeat` times. Each change
   re-maps the grids already read (`preview_grids`) and refills the wizard's tables. The floor is
   `preview_grids` alone on the same grids (the cyclic collector off, as in
   the wizard), measured in the same run: the ratio is what the UI adds.
   Target: <= 200 ms per change.
2. A larger workbook is read by the wizard's thread while a 10 ms timer runs on the GUI thread;
   the longest gap between two ticks is how long the window could not repaint. Target: < 100 ms.
Medians of wall time; prints a Markdown table with the machine and date.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--read-rows", type=int, default=20000)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("PLANNER_DATA_DIR", tempfile.mkdtemp(prefix="bench-wizard-data-"))
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from planner.excel.preview import preview_grids
    from tests.gui.import_books import team_plan
    from ui.import_wizard import ImportWizard

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="bench-wizard-"))
    book = team_plan(folder / "plan.xlsx", rows=args.rows)
    wizard = ImportWizard([book])
    wizard.show()
    assert wizard.wait_read()
    row = next(r for r in range(wizard.columns.rowCount()) if wizard.columns.item(r, 0).text() == "C")
    floor, change, floor_cpu, change_cpu = [], [], [], []
    for i in range(args.repeat):
        gc.disable()  # as the wizard (and the core's reader) do while mapping
        started, cpu = time.perf_counter(), time.process_time()
        preview_grids(wizard.books, wizard.plan, wizard.options())
        floor.append(time.perf_counter() - started)
        floor_cpu.append(time.process_time() - cpu)
        gc.enable()
        started, cpu = time.perf_counter(), time.process_time()
        wizard.set_use(row, "ignore" if i % 2 == 0 else "owner")
        app.processEvents()
        change.append(time.perf_counter() - started)
        change_cpu.append(time.process_time() - cpu)
    from planner import model as m

    rows_read = len(wizard.preview.records.of(m.Task))
    wizard.close()

    big = team_plan(folder / "big.xlsx", rows=args.read_rows)
    wizard = ImportWizard([big], start=False)
    wizard.show()
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick():
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    started = time.perf_counter()
    wizard.reader.start()
    while wizard.reader.isRunning():
        app.processEvents()
        time.sleep(0.002)
    read_wall = time.perf_counter() - started
    timer.stop()
    tick_gap = max(gaps) if gaps else 0.0
    started = time.perf_counter()
    app.processEvents()  # the first preview is built when the read arrives (on the GUI thread)
    wizard.wait_read()
    first_preview = time.perf_counter() - started
    wizard.close()

    f, c = statistics.median(floor), statistics.median(change)
    fc, cc = statistics.median(floor_cpu), statistics.median(change_cpu)
    print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load {os.getloadavg()[0]:.1f}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n")
    print("| measurement | median wall | median CPU | ratio to floor (wall) | target |\n|---|---|---|---|---|")
    print(f"| floor: `preview_grids` on {args.rows} rows ({rows_read} tasks), grids already read | {f * 1000:.0f} ms | "
          f"{fc * 1000:.0f} ms | 1.0 | - |")
    print(f"| wizard: a column's field changed, preview and every table refilled | {c * 1000:.0f} ms | {cc * 1000:.0f} ms | "
          f"{c / f:.2f} | 200 ms |")
    print(f"| wizard: longest GUI-thread stall while its thread reads {args.read_rows} rows ({read_wall:.2f} s) | "
          f"{tick_gap:.0f} ms | - | - | 100 ms |")
    print(f"| wizard: first preview of those {args.read_rows} rows, on the GUI thread once read | {first_preview * 1000:.0f} ms "
          f"| - | - | - |")


if __name__ == "__main__":
    main()
