"""Dashboard latency: start-up on the dashboard tab, first chart, longest GUI freeze while charts render.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.bench_dashboard [--repeat 5] [--sample flagos]

Each run is a fresh process started as a user starts it (`planner PLAN`), with the settings saying
the last tab open was the dashboard; times are from just before the process is spawned:
- window usable: the window is shown and its event loop answers a posted event;
- first chart: the dashboard's current chart image is on screen (not its placeholder);
- longest freeze: the largest gap between ticks of a 5 ms GUI-thread timer from the window shown
  until every chart of the dashboard has been drawn (each tab shown in turn, as soon as the
  previous chart is there).
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
from ui import settings
from ui.app import build_window, create_app
app = create_app([])
store = settings.settings()
store.setValue("window/tab", 6 if tab == "dashboard" else 1)
window = build_window([sys.argv[1]])
window.resize(1280, 800)
window.show()
out = {{}}
ticks = []
beat = QTimer(); beat.setInterval(5); beat.timeout.connect(lambda: ticks.append(time.perf_counter())); beat.start()

def usable():
    out["usable"] = time.time() - T0
    ticks.append(time.perf_counter())
    if tab != "dashboard":
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
    script = CHILD.format(root=str(root))
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
    parser.add_argument("--before", type=Path, help="a checkout of the previous version (e.g. git archive of "
                        "the merge base) to measure in the same run, interleaved")
    args = parser.parse_args()
    import shutil

    sys.path.insert(0, str(ROOT))
    from planner.samples import sample_path

    plan = Path(tempfile.mkdtemp()) / f"{args.sample}.plan"
    shutil.copy(sample_path(args.sample), plan)
    runs = {tab: [] for tab in ("dashboard", "tasks", "bare")}
    if args.before:
        runs["before"] = []
    root_of = {"before": args.before}
    for tab in runs:  # warm-up, not counted: writes the bytecode caches, fills the OS file cache
        run_once(plan, "dashboard" if tab == "before" else tab, root_of.get(tab) or ROOT)
    for _ in range(args.repeat):  # interleaved, so load on the shared machine hits all alike
        for tab in runs:
            runs[tab].append(run_once(plan, "dashboard" if tab == "before" else tab, root_of.get(tab) or ROOT))
    med = lambda tab, key: statistics.median(r[key] for r in runs[tab])  # noqa: E731
    load = os.getloadavg()
    print(f"{platform.node()} · {platform.machine()} · {os.cpu_count()} cores · Python {platform.python_version()} · "
          f"{time.strftime('%Y-%m-%d %H:%M')} UTC · load average {load[0]:.1f}")
    print(f"plan: {args.sample} sample, {runs['dashboard'][0]['charts']} charts; medians of {args.repeat} fresh "
          f"processes per row, interleaved\n")
    print("| measurement | median (s) | max (s) | target (s) | median / target | ratio to floor |")
    print("|---|---|---|---|---|---|")
    floor_usable = med("tasks", "usable")
    bare = med("bare", "usable")
    rows = [
        ("window usable, last tab the dashboard", med("dashboard", "usable"),
         max(r["usable"] for r in runs["dashboard"]), TARGETS["usable"], med("dashboard", "usable") / floor_usable),
        ("first chart on screen, from launch", med("dashboard", "first_chart"),
         max(r["first_chart"] for r in runs["dashboard"]), None, None),
        ("first chart after the window is usable", med("dashboard", "first_chart") - med("dashboard", "usable"),
         None, TARGETS["first_chart"], None),
        ("longest GUI freeze while all charts render", med("dashboard", "freeze"),
         max(r["freeze"] for r in runs["dashboard"]), TARGETS["freeze"], None),
        ("floor: window usable, last tab the task matrix", floor_usable,
         max(r["usable"] for r in runs["tasks"]), None, 1.0),
        ("floor: empty PySide6 window usable", bare, max(r["usable"] for r in runs["bare"]), None, bare / floor_usable),
    ]
    if args.before:
        before = runs["before"]
        for key, name in (("usable", "window usable, last tab the dashboard"),
                          ("first_chart", "first chart on screen, from launch"),
                          ("freeze", "longest GUI freeze while all charts render")):
            value = med("before", key)
            rows.append((f"before ({args.before.name}): {name}", value, max(r[key] for r in before), None,
                         value / floor_usable if key == "usable" else None))
    for name, median, worst, target, ratio in rows:
        print(f"| {name} | {median:.3f} | {'' if worst is None else f'{worst:.3f}'} | {target or ''} | "
              f"{'' if not target else f'{median / target:.2f}'} | {'' if ratio is None else f'{ratio:.2f}'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
