"""Dump benchmark: `planner dump` of a 10,000-task plan, target at most 1 s.

    .venv/bin/python -m benchmarks.bench_dump [--tasks 10000] [--repeat 7]

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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tasks", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
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
