"""Document benchmark: open a 10,000-task plan and load it ready to schedule; save it; each step apart.

    .venv/bin/python -m benchmarks.bench_document [--tasks 10000] [--repeat 9]

Prints a Markdown report (paste it into docs/benchmarks.md, section "Document").
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import os
import platform
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.generate import generate_plan
from planner.document import Project
from planner.document.faultcli import add_chained_task
from planner.document.identity import sha256_of
from planner.document.sqlitefile import check_contents, check_header, connect_read_only
from planner.plan import load_plan
from planner.schedule.loader import fast_load_plan

TARGET_OPEN_AND_LOAD = 0.5


def timed(fn, repeat: int) -> tuple[float, float]:
    """(median wall seconds, median CPU seconds of this process) over `repeat` calls."""
    wall, cpu = [], []
    for _ in range(repeat):
        gc.collect()
        c0, t0 = time.process_time(), time.perf_counter()
        fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu)


def open_and_load(path: Path, loader) -> None:
    project = Project.open(path)
    try:
        loader(project)
    finally:
        project.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tasks", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=9)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["PLANNER_DATA_DIR"] = str(Path(tmp) / "appdata")
        path = generate_plan(Path(tmp) / "bench.plan", a.tasks, seed=1)
        size_mb = path.stat().st_size / 1e6
        rows = []

        def step(label, fn, target=None):
            wall, cpu = timed(fn, a.repeat)
            rows.append((label, wall, cpu, target))

        header = check_header(path)
        step("header checks (size, magic, app id, version, pages)", lambda: check_header(path))

        def allowlist_and_quick_check():
            with contextlib.closing(connect_read_only(path)) as con:
                check_contents(con, path, header.user_version)

        step("schema allowlist + quick_check", allowlist_and_quick_check)
        step("sha256 of the file (identity)", lambda: sha256_of(path))
        step("Project.open (all checks + copy to working copy) + close", lambda: Project.open(path).close())
        step("open + fast_load_plan (ready to schedule)", lambda: open_and_load(path, fast_load_plan),
             TARGET_OPEN_AND_LOAD)
        step("open + load_plan (ORM snapshot)", lambda: open_and_load(path, lambda p: p.read(load_plan)))

        project = Project.open(path)
        counter = iter(range(10**6))

        def edit_and_save():
            project.run(add_chained_task, f"BENCH-{next(counter)}")
            project.save()

        step("edit one task + Save (snapshot, fsync, verify, replace, backup)", edit_and_save)
        step("autosave (WAL checkpoint)", project.autosave)
        project.close()
        tasks = sqlite3.connect(path).execute("SELECT count(*) FROM task").fetchone()[0]

    print(f"{platform.node() or 'machine'} · {platform.machine()} · {os.cpu_count()} cores · "
          f"Python {platform.python_version()} · SQLite {sqlite3.sqlite_version} · {dt.date.today()}")
    print(f"plan: {tasks} tasks, {size_mb:.1f} MB; medians of {a.repeat} runs\n")
    print("| step | median wall (s) | median CPU (s) | target (s) | ratio to target |")
    print("|---|---|---|---|---|")
    for label, wall, cpu, target in rows:
        ratio = f"{wall / target:.2f}" if target else ""
        print(f"| {label} | {wall:.3f} | {cpu:.3f} | {target or ''} | {ratio} |")


if __name__ == "__main__":
    main()
