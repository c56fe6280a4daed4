"""Dashboard latency: start-up on any last tab, first chart, longest GUI freeze while charts render.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.bench_dashboard [--repeat 5] [--sample flagos]
        [--tabs dashboard,tasks,...] [--before DIR]

Each run is a fresh process started as a user starts it (`planner PLAN`), with the settings saying
which tab was open last; times are from just before the process is spawned:
- window usable: the window is shown and its event loop answers a posted event (for every tab);
- first chart: the dashboard's current chart image is on screen (not its placeholder);
- longest freeze: the largest gap between ticks of a 5 ms GUI-thread timer from the window shown
  until every chart of the dashboard has been drawn (each tab shown in turn, as soon as the
  previous chart is there), with the cause of each gap over 50 ms that is a garbage collection;
- floor of the freeze: the largest gap of the same timer in a window left idle on the task matrix
  for 3 s (what the shared machine's scheduler alone costs).
A warm-up run of each kind is not counted (it writes the bytecode caches an installed app has).
Floors measured in the same run: the same process left on the task matrix (window usable with no
dashboard), and a process that only imports PySide6 and shows an empty window.
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
TARGETS = {"usable": 1.5, "first_chart": 1.0, "freeze": 0.1}
TABS = ["roadmap", "tasks", "raci", "indicators", "okr", "gantt", "dashboard", "headcount"]  # the window's order
IDLE = 3.0  # seconds the task-matrix run stays idle to measure the freeze floor

CHILD = r"""
import json, os, sys, tempfile, time
T0 = float(sys.argv[3])
sys.path.insert(0, {root!r})
os.environ["PLANNER_DATA_DIR"] = tempfile.mkdtemp()
from PySide6.QtCore import QSettings, QTimer
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
tab = sys.argv[2]
if tab == "bare":
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication([])
    w = QMainWindow(); w.resize(1280, 800); w.show(); app.processEvents()
    QTimer.singleShot(0, lambda: (print("RESULT " + json.dumps({{"usable": time.time() - T0}})), app.quit()))
    app.exec()
    sys.exit(0)
import gc, threading
collections, started = [], {{}}
def on_gc(phase, info):  # a collection holds the GIL: the GUI thread waits for it
    if phase == "start":
        started["t"] = time.perf_counter()
    elif time.perf_counter() - started["t"] > 0.05:
        collections.append([round(time.perf_counter() - started["t"], 3), info["generation"],
                            threading.current_thread().name])
gc.callbacks.append(on_gc)
from ui import settings
from ui.app import build_window, create_app
app = create_app([])
store = settings.settings()
store.setValue("window/tab", {tabs!r}.index(tab))
window = build_window([sys.argv[1]])
window.resize(1280, 800)
window.show()
out = {{}}
ticks = []
beat = QTimer(); beat.setInterval(5); beat.timeout.connect(lambda: ticks.append(time.perf_counter())); beat.start()

def usable():
    out["usable"] = time.time() - T0
    ticks.append(time.perf_counter())
    if tab == "tasks":
        QTimer.singleShot(int({idle} * 1000), finish)  # idle: the floor of the freeze
    elif tab != "dashboard":
        finish()
QTimer.singleShot(0, usable)
kinds, state = [], {{"index": 0}}

def poll():
    page = window.views.pages["dashboard"]
    view = page.view
    if view is None:
        return
    if not kinds:
        kinds.extend(view.panes)
    kind = view.current_kind()
    if view.panes[kind].result is not None:
        if "first_chart" not in out:
            out["first_chart"] = time.time() - T0
        state["index"] += 1
        if state["index"] >= len(kinds):
            finish()
            return
        view.tabs.setCurrentIndex(state["index"])

def finish():
    beat.stop(); watch.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    out["freeze"] = max(gaps) if gaps else 0.0
    out["charts"] = len(kinds)
    out["collections"] = collections
    window.controller.undo_stack.setClean()
    print("RESULT " + json.dumps(out))
    window.close()
    app.quit()
watch = QTimer(); watch.setInterval(10); watch.timeout.connect(poll)
if tab == "dashboard":
    watch.start()
app.exec()
"""


def run_once(plan: Path, tab: str, root: Path = ROOT) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its bytecode cached
    script = CHILD.format(root=str(root), tabs=TABS, idle=IDLE)
    start = time.time()
    done = subprocess.run([sys.executable, "-c", script, str(plan), tab, repr(start)], capture_output=True,
                          text=True, env=env, timeout=600)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("RESULT ")), None)
    if line is None:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(line[len("RESULT "):])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sample", default="flagos")
    parser.add_argument("--tabs", default=",".join(TABS), help="last tabs to start on (comma-separated)")
    parser.add_argument("--before", type=Path, help="a checkout of the previous version (e.g. git archive of "
                        "the merge base) to measure in the same run, interleaved")
    args = parser.parse_args()
    import shutil

    sys.path.insert(0, str(ROOT))
    from planner.samples import sample_path

    plan = Path(tempfile.mkdtemp()) / f"{args.sample}.plan"
    shutil.copy(sample_path(args.sample), plan)
    tabs = [t for t in args.tabs.split(",") if t]
    for needed in ("dashboard", "tasks"):
        if needed not in tabs:
            tabs.append(needed)
    runs = {tab: [] for tab in tabs + ["bare"]}
    if args.before:
        runs["before"] = []
    root_of = {"before": args.before}
    load_before = os.getloadavg()[0]
    for tab in runs:  # warm-up, not counted: writes the bytecode caches, fills the OS file cache
        run_once(plan, "dashboard" if tab == "before" else tab, root_of.get(tab) or ROOT)
    for _ in range(args.repeat):  # interleaved, so load on the shared machine hits all alike
        for tab in runs:
            runs[tab].append(run_once(plan, "dashboard" if tab == "before" else tab, root_of.get(tab) or ROOT))
    med = lambda tab, key: statistics.median(r[key] for r in runs[tab])  # noqa: E731
    worst = lambda tab, key: max(r[key] for r in runs[tab])  # noqa: E731
    load = os.getloadavg()
    print(f"{platform.node()} · {platform.machine()} · {os.cpu_count()} cores · Python {platform.python_version()} · "
          f"{time.strftime('%Y-%m-%d %H:%M')} UTC · load average {load_before:.1f} at the start, {load[0]:.1f} at the end")
    print(f"plan: {args.sample} sample, {runs['dashboard'][0]['charts']} charts; medians of {args.repeat} fresh "
          f"processes per row, interleaved\n")
    print("| measurement | median (s) | max (s) | target (s) | median / target | ratio to floor |")
    print("|---|---|---|---|---|---|")
    floor_usable = med("tasks", "usable")
    bare = med("bare", "usable")
    rows = [(f"window usable, last tab {tab}", med(tab, "usable"), worst(tab, "usable"), TARGETS["usable"],
             med(tab, "usable") / floor_usable) for tab in tabs if tab != "tasks"]
    rows += [
        ("first chart on screen, from launch", med("dashboard", "first_chart"), worst("dashboard", "first_chart"),
         None, None),
        ("first chart after the window is usable", med("dashboard", "first_chart") - med("dashboard", "usable"),
         None, TARGETS["first_chart"], None),
        ("longest GUI freeze while all charts render", med("dashboard", "freeze"), worst("dashboard", "freeze"),
         TARGETS["freeze"], med("dashboard", "freeze") / med("tasks", "freeze")),
        (f"floor: longest GUI gap of a window idle {IDLE:.0f} s on the task matrix", med("tasks", "freeze"),
         worst("tasks", "freeze"), None, 1.0),
        ("floor: window usable, last tab tasks", floor_usable, worst("tasks", "usable"), None, 1.0),
        ("floor: empty PySide6 window usable", bare, worst("bare", "usable"), None, bare / floor_usable),
    ]
    if args.before:
        for key, name in (("usable", "window usable, last tab dashboard"),
                          ("first_chart", "first chart on screen, from launch"),
                          ("freeze", "longest GUI freeze while all charts render")):
            value = med("before", key)
            rows.append((f"before ({args.before.name}): {name}", value, worst("before", key), None,
                         value / floor_usable if key == "usable" else None))
    for name, median, high, target, ratio in rows:
        print(f"| {name} | {median:.3f} | {'' if high is None else f'{high:.3f}'} | {target or ''} | "
              f"{'' if not target else f'{median / target:.2f}'} | {'' if ratio is None else f'{ratio:.2f}'} |")
    pauses = [c for r in runs["dashboard"] for c in r.get("collections", [])]
    print(f"\ngarbage collections over 50 ms in the dashboard runs: {len(pauses)}"
          + (f", longest {max(p[0] for p in pauses):.3f} s (generation {max(pauses)[1]}, thread {max(pauses)[2]})"
             if pauses else ""))
    if args.before:
        pauses = [c for r in runs["before"] for c in r.get("collections", [])]
        print(f"before: {len(pauses)}" + (f", longest {max(p[0] for p in pauses):.3f} s" if pauses else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
