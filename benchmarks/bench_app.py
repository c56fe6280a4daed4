"""Desktop app speed and memory on a generated 10,000-task plan (offscreen Qt).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.bench_app [--tasks 10000] [--repeat 3] [--tree DIR]

Each run is a fresh process (`planner PLAN` as a user starts it), measured from just before the
process is spawned: the window shown with the task matrix filled; then, in that process, sort
and filter of the task matrix, one edit reflected in every view (all tabs built, the visible
one repainted; views on hidden tabs catch up when shown), a Gantt bar dragged by a week with the
Gantt in front, the floors (the visible view repainted with nothing changed), then with the task
matrix in front again a predecessor typed into a dependencies cell, a task indented and a task
deleted (each one undo step), and the process's peak memory. `--tree DIR` runs the app of
another checkout (with its own `.venv` link or not) on the same plan, for A/B runs. Wall and CPU times are reported, because the
machine is shared: CPU time is what an idle machine would take.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"window shown with the task matrix filled": 2.5, "sort (median)": 0.3, "filter (median)": 0.3,
           "search (median)": 0.3, "cell edit reflected in all views (median)": 0.05,
           "RACI letter reflected in all views (median)": 0.1, "task added, shown in all views (median)": 0.05,
           "Gantt bar dragged, shown in all views (median)": 0.05,
           "predecessor typed in the dependencies cell (median)": 0.05, "task indented (median)": 0.05,
           "task deleted (median)": 0.05}
MEMORY_TARGET_MB = 500

CHILD = r"""
import json, os, resource, statistics, sys, tempfile, time
T0 = float(sys.argv[2])
sys.path.insert(0, {root!r})
os.environ["PLANNER_DATA_DIR"] = tempfile.mkdtemp()
from PySide6.QtCore import QSettings
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
from ui.app import build_window, create_app
app = create_app([])
window = build_window([sys.argv[1]])
window.resize(1440, 900)
tasks = window.views.show("tasks")
window.show()
app.processEvents()
out = {{"shown": time.time() - T0, "rows": tasks.model.rowCount()}}
cpu = lambda: sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
out["shown_cpu"] = cpu()

def timed(fn, n):
    walls, cpus = [], []
    for i in range(n):
        c, t = cpu(), time.perf_counter()
        fn(i)
        app.processEvents()
        walls.append(time.perf_counter() - t); cpus.append(cpu() - c)
    return statistics.median(walls), statistics.median(cpus)

from PySide6.QtCore import Qt
span = next(n for n, c in enumerate(tasks.model.columns) if c.key == "span")
code = next(n for n, c in enumerate(tasks.model.columns) if c.key == "code")
orders = (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder)
out["sort"] = timed(lambda i: tasks.table.sortByColumn((span, code)[i // 2 % 2], orders[i % 2]), 8)
modules = tasks.module_filter
out["filter"] = timed(lambda i: modules.setCurrentIndex(1 + i % (modules.count() - 1) if i % 2 == 0 else 0), 8)
out["search"] = timed(lambda i: tasks.search.setText(("TP-01", "")[i % 2]), 8)
for key in window.views.keys():  # every view listens to the edit
    window.views[key]
window.views.show("tasks")
app.processEvents()
progress = next(n for n, c in enumerate(tasks.model.columns) if c.key == "progress")
out["edit"] = timed(lambda i: tasks.model.setData(tasks.model.index(i, progress), f"{{10 + i}}%"), 8)
raci = window.views.show("raci")  # a letter is set in the RACI view, in front
app.processEvents()
letter = next(n for n, c in enumerate(raci.model.columns) if c.kind == "letter")
out["raci"] = timed(lambda i: raci.model.setData(raci.model.index(1 + i, letter), "CI"[i % 2]), 8)
window.views.show("tasks")  # the RACI view left out of date behind its tab from here on
app.processEvents()
tasks.table.setCurrentIndex(tasks.model.index(0, 0))
out["add"] = timed(lambda i: tasks.add_task(), 8)
# the floor: the task matrix repainted with nothing changed (what any edit costs at the least)
everything = lambda: (tasks.model.index(0, 0), tasks.model.index(tasks.model.rowCount() - 1, tasks.model.columnCount() - 1))
out["floor"] = timed(lambda i: tasks.model.dataChanged.emit(*everything()), 8)
from planner.gantt.hit import BODY
from ui.gantt.gestures import Gesture
gantt = window.views.show("gantt")
app.processEvents()
plan = window.controller.plan()
pushing = {{d.predecessor_id for d in plan.dependencies}}  # bars whose move pushes no other task
bars = [t.id for t in plan.tasks if t.id not in pushing and not plan.outline.is_summary(t.id)
        and t.id in gantt.data.row_of_task][:8]

def drag(i):  # a bar dragged by a week and released, as the mouse would (one undo step)
    row = gantt.data.row_of_task[bars[i]]
    bar = gantt.layout.bar(row)
    x, y = (bar.x0 + bar.x1) / 2, bar.mid_y
    gesture = Gesture(BODY, row, bars[i], x, y, x, y)
    gesture.update(x + 7 * gantt.scale.px_per_day, y)
    gantt.finish_gesture(gesture)
out["drag"] = timed(drag, 8)
out["gantt_floor"] = timed(lambda i: gantt.timeline.viewport().repaint() or gantt.names.repaint(), 8)
# edits of the outline and the links, the task matrix in front again
tasks = window.views.show("tasks")
app.processEvents()
plan = window.controller.plan()
pushing = {{d.predecessor_id for d in plan.dependencies}}
rows = tasks.model.visible_rows()
# tasks nothing depends on (a predecessor added to one closes no loop; one deleted asks nothing),
# far apart, each with the task above it in the matrix a plain task too
free = [n for n in range(100, len(rows)) if rows[n].id not in pushing and rows[n].parent_id is None
        and not plan.outline.is_summary(rows[n].id)]
free = free[::len(free) // 30]
deps = next(n for n, c in enumerate(tasks.model.columns) if c.key == "deps")
steps = window.controller.undo_stack.count()

def typed(i):  # a predecessor added at the end of the cell's text, as typed and committed
    n = free[i]
    text = tasks.model.data(tasks.model.index(n, deps))
    code = next(rows[k].code for k in range(n - 50, 0, -1) if rows[k].code not in (text or ""))
    assert tasks.model.setData(tasks.model.index(n, deps), (text + "、" if text else "") + code), tasks.model.last_error
out["deps"] = timed(typed, 8)

def indented(i):  # made a sub-task of the task above it (Alt+Shift+Right)
    tasks.select_task_ids([rows[free[8 + i]].id])
    tasks.indent()
out["indent"] = timed(indented, 8)

def deleted(i):
    tasks.select_task_ids([rows[free[16 + i]].id])
    tasks.delete_selected()
out["delete"] = timed(deleted, 8)
assert window.controller.undo_stack.count() == steps + 24, "each edit one undo step"
status = open("/proc/self/status").read()
out["peak_mb"] = int(status.split("VmHWM:")[1].split()[0]) / 1024
out["rss_mb"] = int(status.split("VmRSS:")[1].split()[0]) / 1024
window.controller.undo_stack.setClean()
window.close()
print("RESULT " + json.dumps(out))
"""


def run_once(plan: Path, tree: Path = ROOT) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    script = CHILD.format(root=str(tree))
    start = time.time()
    done = subprocess.run([sys.executable, "-c", script, str(plan), repr(start)], capture_output=True, text=True,
                          env=env, timeout=600)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("RESULT ")), None)
    if line is None:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(line[len("RESULT "):])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tree", type=Path, default=ROOT,
                        help="run the app of another checkout (A/B against a tree before a change)")
    args = parser.parse_args()
    from benchmarks.generate import generate_plan

    plan = generate_plan(Path(tempfile.mkdtemp()) / "bench.plan", args.tasks)
    runs = [run_once(plan, args.tree.resolve()) for _ in range(args.repeat)]
    med = lambda f: statistics.median(f(r) for r in runs)  # noqa: E731
    rows = [
        ("window shown with the task matrix filled", med(lambda r: r["shown"]), med(lambda r: r["shown_cpu"])),
        ("sort (median)", med(lambda r: r["sort"][0]), med(lambda r: r["sort"][1])),
        ("filter (median)", med(lambda r: r["filter"][0]), med(lambda r: r["filter"][1])),
        ("search (median)", med(lambda r: r["search"][0]), med(lambda r: r["search"][1])),
        ("cell edit reflected in all views (median)", med(lambda r: r["edit"][0]), med(lambda r: r["edit"][1])),
        ("RACI letter reflected in all views (median)", med(lambda r: r["raci"][0]), med(lambda r: r["raci"][1])),
        ("task added, shown in all views (median)", med(lambda r: r["add"][0]), med(lambda r: r["add"][1])),
        ("Gantt bar dragged, shown in all views (median)", med(lambda r: r["drag"][0]), med(lambda r: r["drag"][1])),
        ("predecessor typed in the dependencies cell (median)", med(lambda r: r["deps"][0]),
         med(lambda r: r["deps"][1])),
        ("task indented (median)", med(lambda r: r["indent"][0]), med(lambda r: r["indent"][1])),
        ("task deleted (median)", med(lambda r: r["delete"][0]), med(lambda r: r["delete"][1])),
    ]
    floors = {"matrix": (med(lambda r: r["floor"][0]), med(lambda r: r["floor"][1])),
              "gantt": (med(lambda r: r["gantt_floor"][0]), med(lambda r: r["gantt_floor"][1]))}
    load = os.getloadavg()
    print(f"{platform.node()} · {platform.machine()} · {os.cpu_count()} cores · Python {platform.python_version()} · "
          f"{time.strftime('%Y-%m-%d')} · load average {load[0]:.1f}")
    print(f"tree: {args.tree.resolve()}")
    print(f"plan: {args.tasks} tasks ({runs[0]['rows']} rows in the matrix); medians of {args.repeat} fresh processes\n")
    print("| measurement | wall (s) | CPU (s) | target (s) | wall / target | CPU / target |")
    print("|---|---|---|---|---|---|")
    for name, wall, cpu in rows:
        target = TARGETS[name]
        print(f"| {name} | {wall:.3f} | {cpu:.3f} | {target} | {wall / target:.2f} | {cpu / target:.2f} |")
    for name, (wall, cpu) in (("floor: task matrix repainted, nothing changed", floors["matrix"]),
                              ("floor: Gantt repainted, nothing changed", floors["gantt"])):
        print(f"| {name} | {wall:.3f} | {cpu:.3f} | | | |")
    peak = med(lambda r: r["peak_mb"])
    print(f"| peak memory (MB, VmHWM) | {peak:.0f} | | {MEMORY_TARGET_MB} | {peak / MEMORY_TARGET_MB:.2f} | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
