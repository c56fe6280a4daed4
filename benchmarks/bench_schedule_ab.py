"""Scheduling against its plain-CPM floor, this tree and an earlier one alternately in one run.

    .venv/bin/python -m benchmarks.bench_schedule_ab [--before DIR] [--rounds 3] [--repeat 11]

DIR is an exported copy of an earlier commit (`git archive COMMIT | tar -x -C DIR`). The seeded
10,000-task plan of `benchmarks/generate.py` (all four link types, lags, thresholds, CN holidays)
and the same plan as a 4-level work breakdown are written once; then each round runs one child
process per tree, which loads them with the fast loader and times `schedule_plan` (the outline
recomputed every time, as after an edit) and `bench_schedule.plain_cpm` on the same network
(the floor; its early and late starts are also checked against `cpm.solve`). Medians of CPU time
(`time.process_time`) and wall time; the ratio is taken within each child, so the machine's load
at that moment cancels out. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def _floor_module():
    spec = importlib.util.spec_from_file_location("floor_cpm", HERE / "benchmarks" / "bench_schedule.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def child(paths: list[str], repeat: int) -> dict:
    """Run in a process whose `planner` is the tree under test."""
    from planner.schedule import schedule_plan
    from planner.schedule.cpm import solve
    from planner.schedule.loader import SCHEDULE_TABLES, fast_load_plan
    from planner.schedule.network import build

    plain_cpm = _floor_module().plain_cpm
    # the outline rebuilt every time, as after an outline edit (trees before the outline was reused
    # between snapshots rebuild it anyway)
    import planner.outline
    forget_outline = getattr(getattr(planner.outline, "outline_of", None), "forget", lambda: None)
    try:  # and the network solved afresh (trees before it was kept between progress reports lack it)
        from planner.schedule.reuse import forget as forget_network
    except ImportError:
        forget_network = lambda: None  # noqa: E731

    def forget():
        forget_outline()
        forget_network()
    out = {}
    for path in paths:
        plan = fast_load_plan(path, SCHEDULE_TABLES)

        def fresh():
            plan.__dict__.pop("outline", None)
            forget()
            return schedule_plan(plan)

        net = build(plan).net
        es, ls = plain_cpm(net)
        res = solve(net)
        bad = sum(a != b for a, b in zip(es, res.start)) + sum(a != b for a, b in zip(ls, res.late_start))
        fresh()  # warm-up (imports, caches)
        rows = {"sched": [], "floor": [], "sched_wall": [], "floor_wall": []}
        for _ in range(repeat):  # alternate the two so both see the same load
            for key, fn in (("sched", fresh), ("floor", lambda: plain_cpm(net))):
                gc.collect()
                c0, t0 = time.process_time(), time.perf_counter()
                fn()
                rows[key + "_wall"].append(time.perf_counter() - t0)
                rows[key].append(time.process_time() - c0)
        out[Path(path).stem] = {k: statistics.median(v) for k, v in rows.items()} | {
            "ratio": statistics.median(a / b for a, b in zip(rows["sched"], rows["floor"])),
            "tasks": len(plan.tasks), "deps": len(plan.dependencies), "mismatches": bad}
    return out


def run_child(tree: Path, paths: list[str], repeat: int) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree))
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", json.dumps(paths), "--repeat", str(repeat)]
    done = subprocess.run(cmd, env=env, cwd=tree, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", type=Path, help="an exported copy of an earlier commit, measured alternately")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=11)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(json.loads(args.child), args.repeat)))
        return
    sys.path.insert(0, str(HERE))
    from benchmarks.generate import generate_plan

    folder = Path(tempfile.mkdtemp(prefix="bench-ab-"))
    try:
        paths = [str(generate_plan(folder / "mixed10k.plan", 10000, seed=1, mixed_types=True)),
                 str(generate_plan(folder / "outline10k.plan", 10000, seed=1, mixed_types=True, outline_levels=4))]
        trees = [("this tree", HERE)] + ([("before", args.before.resolve())] if args.before else [])
        load0 = os.getloadavg()[0]
        results: dict[str, list[dict]] = {name: [] for name, _ in trees}
        for _ in range(args.rounds):
            for name, tree in trees:
                results[name].append(run_child(tree, paths, args.repeat))
        load1 = os.getloadavg()[0]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{platform.machine()} · {os.cpu_count()} cores · Python {platform.python_version()} · "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} · load average {load0:.1f} at the start, "
          f"{load1:.1f} at the end; {args.rounds} child processes per tree, medians of {args.repeat} "
          "alternating runs each, the median child shown\n")
    print("| tree | plan | tasks / links | `schedule_plan` CPU (wall) | plain CPM floor CPU (wall) | "
          "ratio to floor | reference mismatches |")
    print("|---|---|---|---|---|---|---|")
    for name, runs in results.items():
        for plan in runs[0]:
            rs = sorted((r[plan] for r in runs), key=lambda e: e["ratio"])
            e = rs[len(rs) // 2]
            ratios = ", ".join(f"{r['ratio']:.2f}" for r in rs)
            print(f"| {name} | {plan} | {e['tasks']:,} / {e['deps']:,} | {e['sched'] * 1000:.1f} ms "
                  f"({e['sched_wall'] * 1000:.1f}) | {e['floor'] * 1000:.1f} ms ({e['floor_wall'] * 1000:.1f}) | "
                  f"**{e['ratio']:.2f}x** (children: {ratios}) | {max(r['mismatches'] for r in rs)} |")


if __name__ == "__main__":
    main()
