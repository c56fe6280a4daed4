"""What the import's safety costs: the pre-flight (every part the reader reads parsed by expat)
and the reader on the checked package, against python-calamine reading the file bare.

    python -m benchmarks.bench_import_guard [--tasks 10000] [--repeat 5] [--book FILE.xlsx]
    valgrind --tool=callgrind python -m benchmarks.bench_import_guard --book FILE.xlsx --once STAGE

Builds the seeded 10,000-task whole-plan workbook (as `bench_excel`) unless --book is given.
Medians of CPU time (process_time, the figure a loaded machine distorts least) and wall time,
each stage with its ratio to the bare read measured in the same run. Prints a Markdown table.

`--once` runs one stage (bare, preflight, whole or none: imports only) once with the cyclic
collector off, as the import runs, for an instruction count that load does not move (subtract
the count of `none`).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path


def _median(fn, repeat: int) -> tuple[float, float]:
    cpu, wall = [], []
    for _ in range(repeat):
        c, w = time.process_time(), time.perf_counter()
        fn()
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    return statistics.median(cpu), statistics.median(wall)


def measure(book: Path, repeat: int) -> dict[str, tuple[float, float]]:
    from python_calamine import CalamineWorkbook

    from planner.excel.grid import read_grids
    from planner.excel.preflight import preflight
    from planner.excel.preview import read_workbooks

    def bare():
        wb = CalamineWorkbook.from_path(str(book))
        for name in wb.sheet_names:
            wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        wb.close()

    scans = []

    def scan():
        result = preflight(book)
        scans.append(result)

    def read():
        read_grids(book, scans.pop())

    import zipfile
    from xml.parsers import expat

    with zipfile.ZipFile(book) as zf:
        parts = [zf.read(n) for n in zf.namelist() if n.startswith("xl/") and n.endswith(".xml")]

    def floor():  # what any expat-based check pays before doing anything: a call per tag
        for data in parts:
            parser = expat.ParserCreate()
            ends: list[str] = []
            parser.ordered_attributes = True
            parser.StartElementHandler = lambda name, attrs: None
            parser.EndElementHandler = ends.append
            parser.Parse(data, True)

    out = {"bare python-calamine read of the file": _median(bare, repeat)}
    out["expat floor: every part inflated, a no-op call per tag"] = _median(floor, repeat)
    out["pre-flight (expat over every part the reader reads)"] = _median(scan, repeat)
    scans[:] = [preflight(book) for _ in range(repeat)]  # a fresh scan per read: a read consumes its package
    out["reader on the checked package"] = _median(read, repeat)
    out["pre-flight + reader (stages 1-2)"] = _median(lambda: read_grids(book, preflight(book)), repeat)
    out["whole import into a preview"] = _median(lambda: read_workbooks([book]), repeat)
    return out


def once(book: Path, stage: str) -> None:
    import gc

    from python_calamine import CalamineWorkbook

    from planner.excel.preflight import preflight
    from planner.excel.preview import read_workbooks

    gc.disable()
    if stage == "bare":
        wb = CalamineWorkbook.from_path(str(book))
        for name in wb.sheet_names:
            wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        wb.close()
    elif stage == "preflight":
        preflight(book).close()
    elif stage == "whole":
        read_workbooks([book])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--book", type=Path)
    parser.add_argument("--once", choices=("none", "bare", "preflight", "whole"))
    args = parser.parse_args(argv)
    if args.once:
        if args.book is None:
            parser.error("--once needs --book")
        once(args.book, args.once)
        return
    book = args.book
    if book is None:
        from benchmarks.bench_excel import build_plan
        from planner.cli.common import read_plan
        from planner.excel.export import export_template

        folder = Path(tempfile.mkdtemp(prefix="bench-guard-"))
        plan = build_plan(folder / "plan.plan", args.tasks, 1000)
        book = folder / "book.xlsx"
        export_template(read_plan(plan), "workbook", book)
    results = measure(book, args.repeat)
    floor_cpu, floor_wall = results["bare python-calamine read of the file"]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{platform.node()} · {platform.machine()} · {os.cpu_count()} cores · Python {platform.python_version()}"
          f" · {time.strftime('%Y-%m-%d')} · load average {load:.1f} · {book.stat().st_size / 2**20:.1f} MB workbook"
          f" · medians of {args.repeat}")
    print()
    print("| stage | CPU (s) | ratio to bare read | wall (s) | ratio |")
    print("|---|---|---|---|---|")
    for name, (cpu, wall) in results.items():
        print(f"| {name} | {cpu:.3f} | {cpu / floor_cpu:.2f} | {wall:.3f} | {wall / floor_wall:.2f} |")


if __name__ == "__main__":
    main()
