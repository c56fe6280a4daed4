"""Edits that place a task in a 10,000-task top level: the services alone, as the window calls them.

    .venv/bin/python -m benchmarks.bench_task_order [--tasks 10000] [--repeat 7]

The plan is the generated plan (`benchmarks/generate.py`: every task at the top level, one list
across modules). Each measurement is one service call through `Project.run` (one transaction,
the schedule sync included), on a fresh copy of the plan for each kind of edit: a task added
last, a task added right below one in the middle (Add task with a row selected), a task indented
under the one above, a task moved up one row. The floor in the same run is the edit every
one of them includes, a schedule sync: one task's dates moved by a day (`update_task`). CPU-time
medians: the machine is shared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.generate import generate_plan
from planner.document import Project
from planner.plan import load_plan
from planner.services import outline, tasks


def _median_ms(fn, repeat: int) -> float:
    times = []
    for i in range(repeat):
        start = time.process_time()
        fn(i)
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


def _moved(project, plan, task_id: int, i: int) -> None:
    task = plan.task_by_id[task_id]
    shift = dt.timedelta(days=1 - i % 2)  # a day later, then back
    project.run(tasks.update_task, task_id, start_date=task.start_date + shift, end_date=task.end_date + shift)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tasks", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp())
    source = generate_plan(work / "source.plan", args.tasks)

    def on_copy(name, edit):
        path = work / f"{name}.plan"
        shutil.copy(source, path)
        project = Project.open(path)
        try:
            plan = project.read(load_plan)
            ids = [t.id for t in plan.tasks]
            project.run(tasks.update_task, ids[0], name="warm")  # first transaction: caches warm
            return _median_ms(lambda i: edit(project, plan, ids, i), args.repeat)
        finally:
            project.close()

    middle = args.tasks // 2
    rows = {
        "floor: one task's dates moved a day": on_copy("floor", lambda p, plan, ids, i: _moved(p, plan, ids[middle], i)),
        "task added last": on_copy("last", lambda p, plan, ids, i: p.run(tasks.add_task, f"ZZ-{i}")),
        "task added below one in the middle": on_copy(
            "below", lambda p, plan, ids, i: p.run(tasks.add_task, f"ZY-{i}", after=ids[middle])),
        "task indented under the one above": on_copy(
            "indent", lambda p, plan, ids, i: p.run(outline.indent_tasks, [ids[middle + 2 * i]])),
        "task moved up one row": on_copy(
            "move", lambda p, plan, ids, i: p.run(tasks.move_task, ids[middle + 10 + i], middle + 9 + i)),
    }
    floor = rows["floor: one task's dates moved a day"]
    load = os.getloadavg()[0]
    print(f"{platform.machine()} · {os.cpu_count()} cores · Python {platform.python_version()} · "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} · load average {load:.1f} · "
          f"{args.tasks:,} top-level tasks · CPU medians of {args.repeat}")
    print("| edit (service, schedule sync included) | CPU | ratio to the floor |")
    print("|---|---|---|")
    for name, ms in rows.items():
        print(f"| {name} | {ms:.1f} ms | {ms / floor:.1f}x |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
