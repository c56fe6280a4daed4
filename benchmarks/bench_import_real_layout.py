"""Import of a 10,000-row real-layout plan (WBS, owners, predecessors, a 52-week timeline) and of
the same plan with a 5,000-row formatted junk tail; re-mapping a 1,000-row sheet from read grids.

    .venv/bin/python benchmarks/bench_import_real_layout.py
"""

from __future__ import annotations

import datetime as dt
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import PatternFill


def build(path: Path, rows: int, junk: int = 0) -> Path:
    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = "项目进度计划"
    start = dt.date(2025, 1, 6)
    ws.append(["WBS", "任务名称", "负责人", "开始时间", "完成时间", "工期", "前置任务", "完成%", *[f"第{w}周" for w in range(1, 53)]])
    fill = PatternFill("solid", fgColor="4472C4")
    n = 0
    for phase in range(1, rows // 100 + 1):
        ws.append([str(phase), f"阶段{phase}"])
        n += 1
        for i in range(1, 100):
            day = start + dt.timedelta(days=(phase * 3 + i) % 300)
            ws.append([f"{phase}.{i}", f"任务{phase}-{i}", f"负责人{i % 17}", day, day + dt.timedelta(days=4), "5天",
                       f"{phase}.{i - 1}" if i > 1 else "", 0.5])
            n += 1
    for r in range(junk):
        ws.cell(row=n + 3 + r, column=1).fill = fill  # formatted, empty
    wb.save(path)
    return path


def timed(fn, repeat=5):
    """(median wall seconds, median CPU seconds of this process): the machine is shared and noisy."""
    wall, cpu = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    from planner.excel.preview import ImportOptions, preview_grids, read_workbooks
    from planner.excel.sheets import open_workbooks
    from python_calamine import CalamineWorkbook

    tmp = Path(tempfile.mkdtemp())
    plan = build(tmp / "plan.xlsx", 10_000)
    junk = build(tmp / "junk.xlsx", 10_000, junk=5_000)
    small = build(tmp / "small.xlsx", 1_000)
    floor = timed(lambda: CalamineWorkbook.from_path(str(plan)).get_sheet_by_index(0).to_python())
    full = timed(lambda: read_workbooks([plan]))
    tail = timed(lambda: read_workbooks([junk]))
    books = open_workbooks([small])
    first = preview_grids(books)
    remap = timed(lambda: preview_grids(books, None, ImportOptions(maps=first.maps())), repeat=7)
    preview = read_workbooks([plan])
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    from planner import model as m

    print(f"tasks read: {len(preview.records.of(m.Task))}, dependencies: {len(preview.records.of(m.Dependency))}")
    print("medians, wall / CPU of this process")
    print(f"calamine read alone (floor): {floor[0]:.3f} s / {floor[1]:.3f} s")
    print(f"import 10,000 rows + 52-week timeline: {full[0]:.3f} s / {full[1]:.3f} s (x{full[1] / floor[1]:.1f} the floor, CPU)")
    print(f"same + 5,000-row formatted junk tail: {tail[0]:.3f} s / {tail[1]:.3f} s (adds {tail[1] - full[1]:+.3f} s CPU)")
    print(f"re-map a 1,000-row sheet from read grids: {remap[0] * 1000:.0f} ms / {remap[1] * 1000:.0f} ms")
    print(f"peak RSS: {rss:.0f} MB")


if __name__ == "__main__":
    sys.exit(main())
