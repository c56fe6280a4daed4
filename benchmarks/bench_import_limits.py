"""Whether the import's limits admit the product's own export of a big plan (issue 20, item 4).

    .venv/bin/python -m benchmarks.bench_import_limits [--tasks 200000] [--full]

Builds the seeded plan of `benchmarks/generate.py` (as `bench_excel`, 1,000 indicators), exports
the whole-plan workbook as the File menu does, and runs the pre-flight (the only stage that refuses
a file for its size) on it, then the reader on the checked package. Prints the workbook's size,
what it inflates to, the biggest sheet's grid and cell count beside each limit of
`planner.excel.preflight.LIMITS`, and whether the file was admitted. `--full` also reads it into a
preview (peak RSS of the process is printed; about 1 GB at 200,000 tasks).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import tempfile
import time
import zipfile
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=200_000)
    parser.add_argument("--full", action="store_true", help="also read the workbook into a preview")
    args = parser.parse_args(argv)

    from benchmarks.bench_excel import build_plan
    from planner.cli.common import read_plan
    from planner.excel.export import export_template
    from planner.excel.grid import read_grids
    from planner.excel.preflight import LIMITS, preflight

    folder = Path(tempfile.mkdtemp(prefix="bench-limits-"))
    t = time.perf_counter()
    plan = build_plan(folder / "plan.plan", args.tasks, 1000)
    built = time.perf_counter() - t
    book = folder / "book.xlsx"
    t = time.perf_counter()
    export_template(read_plan(plan), "workbook", book)
    exported = time.perf_counter() - t
    with zipfile.ZipFile(book) as zf:
        infos = zf.infolist()
        inflated = sum(i.file_size for i in infos)
        biggest = max(infos, key=lambda i: i.file_size)
    c, w = time.process_time(), time.perf_counter()
    scan = preflight(book)
    pre = (time.process_time() - c, time.perf_counter() - w)
    cells = [s.cells for s in scan.sheets]
    areas = [s.rows * s.cols for s in scan.sheets]
    rows = max(s.rows for s in scan.sheets)
    c, w = time.process_time(), time.perf_counter()
    grids = read_grids(book, scan)
    read = (time.process_time() - c, time.perf_counter() - w)
    del grids
    load = os.getloadavg()[0]
    print(f"{platform.node()} · {platform.machine()} · {os.cpu_count()} cores · Python {platform.python_version()}"
          f" · {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} · load average {load:.1f}")
    print(f"plan: {args.tasks} tasks, 1000 indicators (built in {built:.0f} s); exported in {exported:.1f} s wall")
    print()
    print("| measure | this workbook | limit |")
    print("|---|---|---|")
    print(f"| file size | {book.stat().st_size / 2**20:.1f} MiB | {LIMITS.max_file_bytes / 2**20:.0f} MiB |")
    print(f"| parts | {len(infos)} | {LIMITS.max_entries} |")
    print(f"| inflated, all parts | {inflated / 2**20:.1f} MiB | {LIMITS.max_total_bytes / 2**20:.0f} MiB |")
    print(f"| biggest part ({biggest.filename}) | {biggest.file_size / 2**20:.1f} MiB | {LIMITS.max_entry_bytes / 2**20:.0f} MiB |")
    print(f"| rows of the tallest sheet | {rows} | {LIMITS.max_rows} |")
    print(f"| grid of the biggest sheet | {max(areas)} cells | {LIMITS.max_area} |")
    print(f"| cell elements, whole workbook | {sum(cells)} | {LIMITS.max_cells} |")
    print()
    print(f"admitted: pre-flight {pre[0]:.1f} s CPU / {pre[1]:.1f} s wall, reader {read[0]:.1f} s CPU / {read[1]:.1f} s wall")
    if args.full:
        from planner import model as m
        from planner.excel.preview import read_workbooks

        c, w = time.process_time(), time.perf_counter()
        preview = read_workbooks([book])
        print(f"preview: {len(preview.records.of(m.Task))} tasks, {len(preview.problems.errors)} errors, "
              f"{time.process_time() - c:.1f} s CPU / {time.perf_counter() - w:.1f} s wall")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
