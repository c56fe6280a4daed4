"""Gantt view speed and memory on generated plans (offscreen Qt).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.bench_gantt [--tasks 10000 100000] [--repeat 60]

For each size: first paint after the plan is loaded (rows, data, layout, the schedule and the
first full paint of a 1440x900 window), scroll and zoom repaints (median of `--repeat`), drag
feedback per mouse move, and the process memory the view adds (RSS).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from benchmarks.generate import generate_plan  # noqa: E402
from planner.document import Project  # noqa: E402
from ui.controller import DocumentController  # noqa: E402
from ui.gantt import GanttView  # noqa: E402


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


CPU: list[float] = []  # process CPU time of every timed call, next to its wall time


def timed(fn) -> float:
    """Wall milliseconds of fn(); its CPU milliseconds go to CPU (the machine is shared)."""
    c, t = time.process_time(), time.perf_counter()
    fn()
    CPU.append((time.process_time() - c) * 1000)
    return (time.perf_counter() - t) * 1000


def cpu_median(count: int) -> float:
    return statistics.median(CPU[-count:])


def bench(n_tasks: int, repeat: int, folder: Path) -> dict:
    path = generate_plan(folder / f"gantt-{n_tasks}.plan", n_tasks, seed=1)
    project = Project.open(path)
    controller = DocumentController(project)
    load_ms = timed(lambda: (controller.plan(), controller.schedule()))
    n_links = len(controller.plan().dependencies)
    rss0 = rss_mb()
    holder = {}

    def first_paint():
        view = GanttView(controller)
        view.resize(1440, 900)
        view.show()
        QApplication.processEvents()
        view.timeline.viewport().repaint()
        view.names.repaint()
        holder["view"] = view

    first_ms = timed(first_paint)
    first_cpu = CPU[-1]
    view = holder["view"]
    view.set_level("week")
    vp, bar = view.timeline.viewport(), view.timeline.verticalScrollBar()
    scroll = []
    for i in range(repeat):
        bar.setValue((i * 997 * 24) % max(1, bar.maximum()))
        scroll.append(timed(lambda: (vp.repaint(), view.names.repaint())))
    scroll_cpu = cpu_median(repeat)
    zoom = [timed(lambda f=(1.25 if i % 2 else 0.8): (view.zoom_by(f), vp.repaint()))
            for i in range(repeat)]
    zoom_cpu = cpu_median(repeat)
    drag, drop_ms = drag_moves(view, repeat)
    drag_cpu = statistics.median(CPU[-(repeat + 1):-1])  # the moves, not the drop
    rss1 = rss_mb()
    result = dict(tasks=n_tasks, links=n_links, load_ms=load_ms, first_paint_ms=first_ms,
                  scroll_ms=statistics.median(scroll), scroll_max_ms=max(scroll),
                  zoom_ms=statistics.median(zoom), zoom_max_ms=max(zoom),
                  drag_ms=statistics.median(drag), drag_max_ms=max(drag), view_mb=rss1 - rss0,
                  scroll_cpu=scroll_cpu, zoom_cpu=zoom_cpu, drag_cpu=drag_cpu, first_cpu=first_cpu,
                  drop_ms=drop_ms, drop_cpu=CPU[-1])
    view.close()
    view.deleteLater()
    QApplication.processEvents()
    project.close()
    return result


def drag_moves(view, repeat: int) -> tuple[list[float], float]:
    """Press on a visible bar's body, time each mouse move plus the repaint it causes, then the drop.

    The drop is one undo command: the task moves, the schedule is recomputed, the chart rebuilt
    and repainted. Its CPU time is the last entry of CPU.
    """
    view.set_level("day")
    lay, tl = view.layout, view.timeline
    row = next(r for r in lay.rows_in(tl.y_offset(), tl.y_offset() + 400) if lay.bar(r) and lay.data.kind[r] == 0)
    view.scroll_to_row(row)
    b = lay.bar(row)
    start = QPoint(round((b.x0 + b.x1) / 2 - tl.x_offset()), round(b.mid_y - tl.y_offset() + view.header_height))
    vp = tl.viewport()
    QTest.mousePress(vp, Qt.LeftButton, Qt.NoModifier, start)
    # the move posts an update of the dragged row's band; processEvents paints it, as the app would
    out = [timed(lambda i=i: (QTest.mouseMove(vp, start + QPoint(5 * (i % 40) + 5, 0)), QApplication.processEvents()))
           for i in range(repeat)]
    end = start + QPoint(5 * ((repeat - 1) % 40) + 5, 0)
    drop = timed(lambda: (QTest.mouseRelease(vp, Qt.LeftButton, Qt.NoModifier, end), vp.repaint()))
    assert view.controller.undo_stack.count() == 1, "the drop did not move the task"
    return out, drop


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tasks", type=int, nargs="+", default=[10000, 100000])
    ap.add_argument("--repeat", type=int, default=60)
    args = ap.parse_args()
    app = QApplication.instance() or QApplication([])  # noqa: F841 - keeps Qt alive
    print(f"machine: {platform.node()} {platform.machine()} {os.cpu_count()} cpus, Python {platform.python_version()}, "
          f"Qt platform {QApplication.platformName()}, {time.strftime('%Y-%m-%d')}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.tasks:
            r = bench(n, args.repeat, Path(tmp))
            print(f"{r['tasks']:>7} tasks {r['links']:>7} links | load+schedule {r['load_ms']:6.0f} ms | "
                  f"first paint {r['first_paint_ms']:5.0f}/{r['first_cpu']:4.0f} ms | drop {r['drop_ms']:4.0f}/"
                  f"{r['drop_cpu']:4.0f} ms | median wall/cpu: scroll {r['scroll_ms']:4.1f}/"
                  f"{r['scroll_cpu']:4.1f} ms (max {r['scroll_max_ms']:.1f}) | zoom {r['zoom_ms']:4.1f}/{r['zoom_cpu']:4.1f} ms "
                  f"(max {r['zoom_max_ms']:.1f}) | drag move {r['drag_ms']:4.1f}/{r['drag_cpu']:4.1f} ms "
                  f"(max {r['drag_max_ms']:.1f}) | view memory {r['view_mb']:4.0f} MB", flush=True)
    # PySide6 6.12 can crash while tearing widgets down at interpreter exit; the numbers are out.
    os._exit(0)


if __name__ == "__main__":
    main()
