"""Dump benchmark: `planner dump` of a 10,000-task plan, target at most 1 s.

    .venv/bin/python -m benchmarks.bench_dump [--tasks 10000] [--repeat 7]
    .venv/bin/python -m benchmarks.bench_dump --startup [--repeat 11]

`--startup` times whole `planner` processes on the bundled sample (resources/samples/flagos.plan):
`--version`, `--help`, and the read-only verbs, each beside the floors measured in the same run
(a bare interpreter, and a bare sqlite3 script that reads every task row of the same file).

Measures, on one generated plan (benchmarks/generate.py, seed 1): the dump alone (JSON text
from a loaded plan, both loaders, id and natural forms), the whole read path the CLI takes
(open read-only with the document's checks + load + dump), and the CLI itself in a fresh
interpreter. Prints a Markdown section for docs/benchmarks.md ("Dump").
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 1.0


def timed(fn, repeat: int) -> tuple[float, float, object]:
    """(median wall s, median CPU s of this process, last result) over `repeat` calls."""
    wall, cpu, result = [], [], None
    for _ in range(repeat):
        gc.collect()
        c0, t0 = time.process_time(), time.perf_counter()
        result = fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu), result


def cli_dump(path: Path, repeat: int) -> tuple[float, float]:
    """Median wall and child CPU seconds of `python -m planner dump PATH -o FILE`."""
    wall, cpu = [], []
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root)}
    for _ in range(repeat):
        before = os.times()
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "planner", "dump", str(path), "-o", str(path.with_suffix(".json"))],
                       check=True, env=env)
        wall.append(time.perf_counter() - t0)
        after = os.times()
        cpu.append((after.children_user - before.children_user) + (after.children_system - before.children_system))
    return statistics.median(wall), statistics.median(cpu)


STARTUP_TARGETS = {"--version": 0.15, "--help": 0.15, "dump": 0.35, "schedule": 0.35, "validate": 0.35, "info": 0.35}
_BARE_SQLITE = ("import sqlite3, sys; c = sqlite3.connect(f'file:{sys.argv[1]}?mode=ro', uri=True); "
                "rows = c.execute('select * from task').fetchall(); print(len(rows))")


def process_times(argv: list[str], repeat: int) -> tuple[float, float]:
    """Median wall and child CPU seconds of a whole process (spawn to exit)."""
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root)}
    wall, cpu = [], []
    for _ in range(repeat):
        before = os.times()
        t0 = time.perf_counter()
        subprocess.run(argv, check=True, env=env, stdout=subprocess.DEVNULL)
        wall.append(time.perf_counter() - t0)
        after = os.times()
        cpu.append((after.children_user - before.children_user) + (after.children_system - before.children_system))
    return statistics.median(wall), statistics.median(cpu)


def startup(repeat: int) -> None:
    sample = Path(__file__).resolve().parents[1] / "resources" / "samples" / "flagos.plan"
    load0 = os.getloadavg()[0]
    bare = process_times([sys.executable, "-c", "pass"], repeat)
    bare_sqlite = process_times([sys.executable, "-c", _BARE_SQLITE, str(sample)], repeat)
    rows = []
    for what, target in STARTUP_TARGETS.items():
        argv = [sys.executable, "-m", "planner", what] + ([] if what.startswith("-") else [str(sample)])
        rows.append((what, target, process_times(argv, repeat)))
    print(f"{platform.node() or 'machine'} · {platform.machine()} · {os.cpu_count()} cores · "
          f"Python {platform.python_version()} · {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC · "
          f"load average {load0:.1f} at the start, {os.getloadavg()[0]:.1f} at the end; medians of {repeat} processes\n")
    print(f"Floors, same run: bare interpreter (`python -c pass`) {bare[0]:.3f} s wall ({bare[1]:.3f} s CPU); "
          f"bare sqlite3 script reading every task row of the sample {bare_sqlite[0]:.3f} s ({bare_sqlite[1]:.3f} s CPU).\n")
    print("| command | wall median (s) | CPU median (s) | target (s) | wall / sqlite3 floor | CPU / sqlite3 floor |")
    print("|---|---|---|---|---|---|")
    for what, target, (w, c) in rows:
        shown = f"`planner {what}`" if what.startswith("-") else f"`planner {what} flagos.plan`"
        print(f"| {shown} | {w:.3f} | {c:.3f} | {target:.2f} | {w / bare_sqlite[0]:.1f} | {c / bare_sqlite[1]:.1f} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tasks", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--startup", action="store_true", help="time whole CLI processes on the bundled sample")
    args = ap.parse_args()
    if args.startup:
        startup(args.repeat)
        return
    folder = Path(tempfile.mkdtemp(prefix="bench-dump-"))
    os.environ.setdefault("PLANNER_DATA_DIR", str(folder / "appdata"))

    from benchmarks.generate import generate_plan
    from planner.cli.common import read_plan
    from planner.document import Project
    from planner.dump import dump_json
    from planner.plan import load_plan
    from planner.schedule.loader import fast_load_plan

    path = generate_plan(folder / "bench.plan", args.tasks)
    project = Project.open(path, read_only=True)
    orm_plan = project.read(load_plan)
    plain_plan = fast_load_plan(project)
    project.close()

    rows: list[tuple[str, float, float]] = []
    w, c, text = timed(lambda: dump_json(plain_plan), args.repeat)
    rows.append(("dump alone (plan loaded as plain rows; what the CLI does)", w, c))
    w, c, text_orm = timed(lambda: dump_json(orm_plan), args.repeat)
    rows.append(("dump alone (plan loaded as ORM rows, `load_plan`)", w, c))
    w, c, _ = timed(lambda: dump_json(plain_plan, natural=True), args.repeat)
    rows.append(("dump alone, natural keys (`--natural`)", w, c))
    w, c, _ = timed(lambda: dump_json(read_plan(path)), args.repeat)
    rows.append(("open read-only + load + dump (in process)", w, c))
    w, c = cli_dump(path, args.repeat)
    rows.append(("`python -m planner dump PLAN -o FILE` (fresh interpreter, wall / child CPU)", w, c))
    assert text == text_orm, "both loaders must give the same bytes"
    n_links = len(plain_plan.dependencies)

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{platform.node() or 'machine'} · {platform.machine()} · {os.cpu_count()} cores · "
          f"Python {platform.python_version()} · {dt.date.today().isoformat()} · load average {load:.1f}")
    print(f"plan: {len(plain_plan.tasks)} tasks, {n_links} links, {len(text.encode('utf-8')) / 1e6:.1f} MB of JSON; "
          f"medians of {args.repeat} runs\n")
    print("| measurement | wall median (s) | CPU median (s) | target (s) | CPU / target |")
    print("|---|---|---|---|---|")
    for label, wall, cpu in rows:
        print(f"| {label} | {wall:.3f} | {cpu:.3f} | {TARGET:.1f} | {cpu / TARGET:.2f} |")


if __name__ == "__main__":
    main()
