"""Excel export/import of a 10,000-task, 1,000-indicator plan; junk tails; reader and writer choices.

    python -m benchmarks.bench_excel [--repeat 3] [--tasks 10000] [--indicators 1000]

Targets (docs/benchmarks.md, "Excel"): whole-plan workbook export <= 2 s, import <= 1 s, peak
memory <= 400 MB, a 5,000-row junk tail < 0.2 s. Each measurement runs in a child process so its
peak RSS is its own. Prints a Markdown section.
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


def build_plan(path: Path, n_tasks: int, n_indicators: int) -> Path:
    """The seeded generator's plan, topped up to `n_indicators` indicators with three readings each."""
    from sqlalchemy import func, insert, select

    from benchmarks.generate import generate_plan
    from planner import model as m
    from planner.document import Project

    generate_plan(path, n_tasks)
    project = Project.open(path)
    with project.session() as s:
        have = s.execute(select(func.count()).select_from(m.Indicator)).scalar_one()
        rows, readings = [], []
        for i in range(have + 1, n_indicators + 1):
            rows.append({"id": i, "order": i, "code": f"IND-{i:04d}", "name": f"指标{i}", "target_text": "≥100",
                         "target": 100.0, "owner_team_id": i % 8 + 1})
            readings += [{"indicator_id": i, "period": f"2025-{k:02d}", "period_value": 5.0, "cumulative_value": 5.0 * k}
                         for k in (1, 2, 3)]
        if rows:
            s.execute(insert(m.Indicator), rows)
            s.execute(insert(m.Reading), readings)
    project.save()
    project.close()
    return path


# --- child measurements ----------------------------------------------------------------------
def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_export(plan_path: str, out: str, repeat: int) -> dict:
    from planner.cli.common import read_plan
    from planner.excel.export import export_template

    plan = read_plan(plan_path)
    times, cpu = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        export_template(plan, "workbook", out)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return {"times": times, "cpu": cpu, "peak_mb": _peak_mb(), "bytes": os.path.getsize(out)}


def child_import(book: str, repeat: int) -> dict:
    import datetime as dt

    from planner.document import Project
    from planner.excel import grid, preflight
    from planner.excel.apply import apply_import
    from planner.excel.preview import read_workbooks

    times, cpu, stages = [], [], {"preflight": [], "read": []}
    for _ in range(repeat):
        t = time.perf_counter()
        scan = preflight.preflight(Path(book))
        stages["preflight"].append(time.perf_counter() - t)
        t2 = time.perf_counter()
        grid.read_grids(Path(book), scan)
        stages["read"].append(time.perf_counter() - t2)
        t, c = time.perf_counter(), time.process_time()
        preview = read_workbooks([book])
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    project = Project.new("bench", dt.date(2025, 1, 6))
    t = time.perf_counter()
    project.run(apply_import, preview)
    apply_s = time.perf_counter() - t
    project.close()
    return {"times": times, "cpu": cpu, "stages": stages, "apply": apply_s, "records": preview.records.count(),
            "peak_mb": _peak_mb()}


def child_junk(folder: str, repeat: int) -> dict:
    sys.path.insert(0, str(ROOT / "tests" / "data"))
    import make_workbooks as mw
    from openpyxl import Workbook

    from planner.excel.preview import read_workbooks

    clean = Path(folder) / "clean.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "任务"
    ws.append(["任务ID", "建设内容", "起止时间"])
    ws.append(["TP-01", "核心组件开发", "第1-8周"])
    wb.save(clean)
    junk = Path(folder) / "junk.xlsx"
    mw.junk_tail(junk, 5000)

    def median(path):
        out = []
        for _ in range(repeat):
            t = time.perf_counter()
            read_workbooks([path])
            out.append(time.perf_counter() - t)
        return statistics.median(out)

    return {"clean": median(clean), "junk": median(junk)}


def child_readers(book: str, repeat: int) -> dict:
    """The task sheet read by openpyxl (read-only and normal) and by python-calamine."""
    from openpyxl import load_workbook
    from python_calamine import CalamineWorkbook

    def timed(fn):
        out = []
        for _ in range(repeat):
            t = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t)
        return statistics.median(out)

    def ro():
        wb = load_workbook(book, read_only=True, data_only=True)
        rows = list(wb["阶段任务计划表"].iter_rows(values_only=True))
        wb.close()
        return rows

    def normal():
        wb = load_workbook(book, data_only=True)
        return [list(r) for r in wb["阶段任务计划表"].iter_rows(values_only=True)], wb["阶段任务计划表"].merged_cells

    def cal():
        wb = CalamineWorkbook.from_path(book)
        return wb.get_sheet_by_name("阶段任务计划表").to_python()

    return {"openpyxl read-only": timed(ro), "openpyxl normal (merged cells)": timed(normal), "python-calamine": timed(cal)}


def child_writers(folder: str, repeat: int) -> dict:
    """10,000 rows x 10 columns of text and numbers: openpyxl normal, write-only, and our XML rows."""
    from openpyxl import Workbook

    from planner.excel import fastrows
    from planner.excel.cellsafe import ExportNotes
    from planner.excel.schema import C, TableSpec

    rows = [[f"TP-{i:05d}", f"任务{i}", i, i * 0.5, "第1-8周", "算子组工程师×8", "无", "备注", i % 7, "x"] for i in range(10000)]
    spec = TableSpec("t", "t", "t", None, tuple(C(f"c{j}", f"c{j}", f"c{j}") for j in range(10)))

    def normal():
        wb = Workbook()
        for r in rows:
            wb.active.append(r)
        wb.save(Path(folder) / "n.xlsx")

    def write_only():
        wb = Workbook(write_only=True)
        ws = wb.create_sheet()
        for r in rows:
            ws.append(r)
        wb.save(Path(folder) / "w.xlsx")

    def ours():
        wb = Workbook()
        sheet = fastrows.FastSheet(wb.active, list(spec.columns), 0)
        sheet.add_rows([{f"c{j}": v for j, v in enumerate(r)} for r in rows], "zh", ExportNotes(), {})
        fastrows.register(wb.active, sheet)
        fastrows.save(wb, Path(folder) / "f.xlsx")

    def timed(fn):
        out = []
        for _ in range(repeat):
            t = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t)
        return statistics.median(out)

    return {"openpyxl normal": timed(normal), "openpyxl write-only": timed(write_only),
            "fast XML rows (this app)": timed(ours)}


def _child(name: str, *args: str) -> dict:
    proc = subprocess.run([sys.executable, "-m", "benchmarks.bench_excel", "--child", name, *args],
                          capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--tasks", type=int, default=10_000)
    ap.add_argument("--indicators", type=int, default=1_000)
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        name, *rest = a.child
        fn = {"export": child_export, "import": child_import, "junk": child_junk, "readers": child_readers,
              "writers": child_writers}[name]
        print(json.dumps(fn(*rest[:-1], int(rest[-1]))))
        return
    with tempfile.TemporaryDirectory() as folder:
        plan = build_plan(Path(folder) / "bench.plan", a.tasks, a.indicators)
        book = str(Path(folder) / "bench.xlsx")
        exp = _child("export", str(plan), book, str(a.repeat))
        imp = _child("import", book, str(a.repeat))
        junk = _child("junk", folder, str(max(5, a.repeat)))
        readers = _child("readers", book, str(a.repeat))
        writers = _child("writers", folder, str(a.repeat))
    report(a, exp, imp, junk, readers, writers)


def report(a, exp, imp, junk, readers, writers) -> None:
    med = statistics.median
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{platform.node() or 'machine'} · {platform.machine()} · {os.cpu_count()} cores · Python "
          f"{platform.python_version()} · {time.strftime('%Y-%m-%d')} · load average {load:.1f}")
    print(f"plan: {a.tasks} tasks, {a.indicators} indicators; whole-plan workbook {exp['bytes'] / 2**20:.1f} MB, "
          f"{imp['records']} records; medians of {a.repeat} runs\n")
    print("| measurement | median (s) | target | ratio to target |\n|---|---|---|---|")
    rows = [
        ("export whole-plan workbook (wall)", med(exp["times"]), 2.0),
        ("export whole-plan workbook (CPU time of the process)", med(exp["cpu"]), 2.0),
        ("import (pre-flight + read + map + check) into a preview (wall)", med(imp["times"]), 1.0),
        ("import into a preview (CPU time of the process)", med(imp["cpu"]), 1.0),
        ("  of which security pre-flight", med(imp["stages"]["preflight"]), None),
        ("  of which python-calamine read of all sheets", med(imp["stages"]["read"]), None),
        ("apply the preview into an empty plan (one transaction)", imp["apply"], None),
        ("5,000-row junk tail (extra time over the clean table)", junk["junk"] - junk["clean"], 0.2),
    ]
    for name, value, target in rows:
        ratio = f"{value / target:.2f}" if target else ""
        print(f"| {name} | {value:.3f} | {f'{target:g} s' if target else ''} | {ratio} |")
    print(f"| peak RSS, export process | {exp['peak_mb']:.0f} MB | 400 MB | {exp['peak_mb'] / 400:.2f} |")
    print(f"| peak RSS, import + apply process | {imp['peak_mb']:.0f} MB | 400 MB | {imp['peak_mb'] / 400:.2f} |")
    base = readers["python-calamine"]
    print("\nReading the task sheet (same run):\n\n| reader | median (s) | ratio to calamine |\n|---|---|---|")
    for name, value in readers.items():
        print(f"| {name} | {value:.3f} | {value / base:.1f} |")
    base = writers["fast XML rows (this app)"]
    print("\nWriting 10,000 rows x 10 columns (same run):\n\n| writer | median (s) | ratio to ours |\n|---|---|---|")
    for name, value in writers.items():
        print(f"| {name} | {value:.3f} | {value / base:.1f} |")


if __name__ == "__main__":
    main()
