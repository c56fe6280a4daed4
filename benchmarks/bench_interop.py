"""MS Project XML benchmark: export and import of a 10,000-task plan, each target at most 2 s.

    .venv/bin/python -m benchmarks.bench_interop [--tasks 10000] [--repeat 5] [--mpxj]

On one generated plan (benchmarks/generate.py, seed 1: tasks, links of all four types with lags,
roles with head-counts, RACI, milestones, indicators): the export (`mspdi.write`, file written
atomically), the import into a preview (guarded parse + MSPDI as data + records + checks + diff,
what `planner import plan.xml` and the File menu do before asking), and applying it into a new
plan. The bare floors are measured in the same run: the plain standard-library ElementTree parse
of the same file, and writing its bytes. With --mpxj, MPXJ reading the same file (Java VM already
started) for comparison. Prints a Markdown section for docs/benchmarks.md ("MS Project XML").
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

TARGET = 2.0


def timed(fn, repeat: int) -> tuple[float, float, object]:
    wall, cpu, result = [], [], None
    for _ in range(repeat):
        gc.collect()
        c0, t0 = time.process_time(), time.perf_counter()
        result = fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu), result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tasks", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--mpxj", action="store_true", help="also time MPXJ reading the same file")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-interop-"))
    os.environ.setdefault("PLANNER_DATA_DIR", str(folder / "appdata"))

    from xml.etree import ElementTree

    from benchmarks.generate import generate_plan
    from planner import model as m
    from planner.cli.common import read_plan
    from planner.document import Project
    from planner.excel.apply import apply_import
    from planner.interop import mspdi
    from planner.interop.formats import read_preview
    from planner.plan import load_plan

    path = generate_plan(folder / "bench.plan", args.tasks)
    project = Project.open(path, read_only=True)
    plan = project.read(load_plan)
    project.close()
    xml = folder / "bench.xml"

    rows: list[tuple[str, float, float, str]] = []
    plain = read_plan(path)
    w, c, _ = timed(lambda: mspdi.write(plain, xml), args.repeat)
    rows.append(("export: `planner export --format mspdi` (plan as plain rows, XML written atomically)", w, c,
                 f"{TARGET:.1f}"))
    w, c, _ = timed(lambda: mspdi.write(plan, xml), args.repeat)
    rows.append(("export: from the window (the ORM snapshot the app holds)", w, c, f"{TARGET:.1f}"))
    data = xml.read_bytes()
    w, c, _ = timed(lambda: (folder / "copy.xml").write_bytes(data), args.repeat)
    rows.append(("floor: write the same bytes", w, c, "-"))
    w, c, preview = timed(lambda: read_preview([xml], None), args.repeat)
    rows.append(("import: `planner import plan.xml` into a preview (parse, map, check, diff)", w, c, f"{TARGET:.1f}"))
    w, c, _ = timed(lambda: ElementTree.parse(xml), args.repeat)
    rows.append(("floor: plain ElementTree parse of the same file", w, c, "-"))
    assert preview.ok and len(preview.records.of(m.Task)) == len(plan.tasks)

    def apply_new():
        target = Project.new("copy", plan.programme.start_date)
        try:
            target.run(apply_import, preview)
        finally:
            target.close()

    w, c, _ = timed(apply_new, max(1, args.repeat // 2))
    rows.append(("apply the preview into a new plan (one transaction)", w, c, "-"))
    if args.mpxj:
        from tests.unit.interop import mpxj_view

        mpxj_view.read(xml)  # starts the Java VM
        w, c, _ = timed(lambda: mpxj_view.read(xml), args.repeat)
        rows.append(("MPXJ reading the same file (VM started; for comparison)", w, c, "-"))

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{platform.node() or 'machine'} · {platform.machine()} · {os.cpu_count()} cores · "
          f"Python {platform.python_version()} · {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC · "
          f"load average {load:.1f}")
    print(f"plan: {len(plan.tasks)} tasks, {len(plan.dependencies)} links, {len(plan.task_roles)} role assignments; "
          f"file {len(data) / 1e6:.1f} MB; medians of {args.repeat} runs\n")
    floors = {"export": rows[2][1], "import": rows[4][1]}
    print("| measurement | wall median (s) | CPU median (s) | target (s) | wall / floor |")
    print("|---|---|---|---|---|")
    for label, wall, cpu, target in rows:
        kind = label.split(":")[0]
        ratio = f"{wall / floors[kind]:.1f}" if kind in floors else "-"
        print(f"| {label} | {wall:.3f} | {cpu:.3f} | {target} | {ratio} |")


if __name__ == "__main__":
    main()
