"""Scheduling benchmark: full CPM schedule at 10,000 and 100,000 tasks, plan loading, and the
same FS plan scheduled by TaskJuggler (tj3) and networkx in the same run, with ratios.

    .venv/bin/python -m benchmarks.bench_schedule [--repeat 15] [--no-tj] [--quick]

Prints a Markdown report (paste it into docs/benchmarks.md, section "Scheduling").
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
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

from benchmarks.generate import generate_plan
from planner import model as m
from planner.document import Project
from planner.plan import load_plan
from planner.schedule import plan_calendar, schedule_plan
from planner.schedule.calendar import region_exceptions
from planner.schedule.loader import SCHEDULE_TABLES, fast_load_plan

TARGETS = {"10k": 0.050, "100k": 0.600, "load": 0.500, "rss": 300.0, "outline": 0.060}


CPU: dict[str, float] = {}  # median CPU seconds of the last `timed` call, by label
BEST: dict[str, float] = {}  # fastest wall time of the last `timed` call, by label


def timed(fn, repeat: int, label: str = "") -> tuple[float, object]:
    """Median wall time of `repeat` calls (a collection between calls, none during).

    The machine is shared: CPU time of this process (recorded in CPU[label]) is quoted too,
    as it is what the code costs whatever else runs at the same time.
    """
    times, cpu, out = [], [], None
    for _ in range(repeat):
        gc.collect()
        c0, t0 = time.process_time(), time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    if label:
        CPU[label] = statistics.median(cpu)
        BEST[label] = min(times)
    return statistics.median(times), out


def open_fast(path: Path, tables=SCHEDULE_TABLES):
    """`Project.open` + the plain-row loader; by default only the tables scheduling reads."""
    project = Project.open(path, read_only=True)
    try:
        return fast_load_plan(project, tables)
    finally:
        project.close()


def open_orm(path: Path):
    project = Project.open(path, read_only=True)
    try:
        return project.read(load_plan)
    finally:
        project.close()


def materialise(result) -> int:
    """Touch every timing, link and milestone forecast, as a view that shows them all would."""
    return (sum(t.total_float for t in result.timings.values()) + len(list(result.links.values()))
            + len(list(result.milestones.values())))


# --- the floor: a plain-Python CPM of the same network ---------------------------------------
def plain_cpm(net) -> tuple[list[int], list[int]]:
    """Textbook CPM on the network `schedule_plan` builds (same durations, fixed starts, link
    weights): adjacency lists, Kahn's order, forward and backward pass, nothing else. It is
    the floor for the scheduler's own figure, and the reference for its dates."""
    n = len(net.duration)
    dur, fixed, floor = net.duration, net.fixed, net.floor
    earliest = net.earliest or [None] * n
    out: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    indeg = [0] * n
    for p, s, w in zip(net.pred, net.succ, net.weight):
        out[p].append((s, w))
        indeg[s] += 1
    allowed = [floor if e is None or e < floor else e for e in earliest]
    es = [0] * n
    order = [v for v in range(n) if indeg[v] == 0]
    for u in order:
        e = es[u] = allowed[u] if fixed[u] is None else fixed[u]
        for s, w in out[u]:
            if e + w > allowed[s]:
                allowed[s] = e + w
            indeg[s] -= 1
            if indeg[s] == 0:
                order.append(s)
    finish = max(e + d for e, d in zip(es, dur))
    ls = [finish - d for d in dur]
    for u in reversed(order):
        late = ls[u]
        for s, w in out[u]:
            if ls[s] - w < late:
                late = ls[s] - w
        ls[u] = late
    return es, ls


def floor_entry(plan, repeat: int, label: str) -> dict:
    """The plain CPM timed on `plan`'s network, and its dates checked against `cpm.solve`'s."""
    from planner.schedule.cpm import solve
    from planner.schedule.network import build

    net = build(plan).net
    floor_s, (es, ls) = timed(lambda: plain_cpm(net), repeat, label)
    res = solve(net)
    mismatches = sum(a != b for a, b in zip(es, res.start)) + sum(a != b for a, b in zip(ls, res.late_start))
    return {"floor_s": floor_s, "floor_cpu_s": CPU[label], "floor_mismatches": mismatches}


# --- peak memory in a fresh process ----------------------------------------------------------
def peak_rss_mb() -> float:
    """This process's peak resident set (VmHWM). Not ru_maxrss: on Linux a child started by
    a big parent inherits the parent's high-water mark there."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def memory_child(path: str) -> None:
    import tracemalloc

    plan = open_fast(Path(path))
    loaded = peak_rss_mb()
    result = schedule_plan(plan)
    scheduled = peak_rss_mb()
    materialise(result)  # worst case: every timing, link and forecast object built
    rss = peak_rss_mb()
    del result
    gc.collect()
    tracemalloc.start()  # a second run, traced (tracing itself costs memory, so not for RSS)
    from_scratch(plan)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(json.dumps({"rss_mb": rss, "rss_after_load_mb": loaded, "rss_scheduled_mb": scheduled,
                      "schedule_peak_mb": peak / 2**20,
                      "tasks": len(plan.tasks)}))


def memory(path: Path) -> dict:
    out = subprocess.run([sys.executable, "-m", "benchmarks.bench_schedule", "--memory-child", str(path)],
                         capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parent.parent)
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- peers: networkx and TaskJuggler on the same FS-only plan ---------------------------------
def networkx_makespan(plan, cal) -> dt.date:
    import networkx as nx

    dur = {t.id: t.duration_days for t in plan.tasks}
    g = nx.DiGraph()
    g.add_node("start")
    for t in plan.tasks:
        g.add_edge("start", t.id, weight=0)
        g.add_edge(t.id, "end", weight=dur[t.id])
    for d in plan.dependencies:
        g.add_edge(d.predecessor_id, d.successor_id, weight=dur[d.predecessor_id] + d.lag)
    length = nx.dag_longest_path_length(g)  # working days from the programme start
    return cal.date(cal.index(plan.programme.start_date) + length - 1)


def write_tjp(plan, path: Path, holidays: list[dt.date], until: dt.date) -> None:
    start = plan.programme.start_date
    lines = [
        f'project p "bench" {start.isoformat()} - {until.isoformat()} {{',
        '  timezone "UTC"',
        "  workinghours mon - fri 9:00 - 17:00",
        "  workinghours sat, sun off",
        "  dailyworkinghours 8",
        "}",
    ]
    lines += [f'leaves holiday "h" {d.isoformat()}' for d in holidays]
    deps: dict[int, list] = {}
    for d in plan.dependencies:
        deps.setdefault(d.successor_id, []).append(d)
    for t in plan.tasks:
        body = f"length {t.duration_days}d"
        links = deps.get(t.id)
        if links:
            parts = [f"t{d.predecessor_id}" + (f" {{ gaplength {d.lag}d }}" if d.lag else "") for d in links]
            body += " depends " + ", ".join(parts)
        lines.append(f'task t{t.id} "{t.code}" {{ {body} }}')
    lines += ['taskreport "tjout" {', "  formats csv", "  columns id, end", '  timeformat "%Y-%m-%d"', "}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def taskjuggler(plan, folder: Path, holidays: list[dt.date], until: dt.date) -> tuple[float, dict[int, dt.date]]:
    tjp = folder / "bench.tjp"
    write_tjp(plan, tjp, holidays, until)
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(["tj3", "--no-color", "--silent", str(tjp)], cwd=folder, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU["tj3"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    ends = {}
    with open(folder / "tjout.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            ends[int(row["Id"][1:])] = dt.date.fromisoformat(row["End"])
    return elapsed, ends


def comparison(folder: Path, n: int, repeat: int, with_tj: bool) -> dict:
    """FS-only plan on Mon-Fri minus China's statutory weekday holidays, in all three tools.

    TaskJuggler cannot make a single weekend day a working day, so this plan's calendar
    has no region table: the holidays are the user's own exceptions (and TaskJuggler's
    global leaves), the 调休 make-up Saturdays/Sundays are left out on both sides.
    """
    path = generate_plan(folder / f"fs{n}.plan", n, seed=2, mixed_types=False)
    project = Project.open(path)
    holidays_by_ordinal, _ = region_exceptions("CN")
    horizon = dt.date(2025, 1, 6) + dt.timedelta(days=365 * 12)
    holidays = sorted(d for d in (dt.date.fromordinal(o) for o in holidays_by_ordinal)
                      if dt.date(2025, 1, 6) <= d <= horizon and d.weekday() < 5)

    def setup(s):
        prog = s.get(m.Programme, 1)
        prog.holiday_region = ""
        s.add_all(m.CalendarException(day=d, working=False, name="statutory") for d in holidays)

    project.run(setup)
    plan = fast_load_plan(project)
    project.close()
    cal = plan_calendar(plan)
    ours_s, result = timed(lambda: from_scratch(plan), repeat, "ours")
    nx_s, nx_finish = timed(lambda: networkx_makespan(plan, cal), max(3, repeat // 3), "nx")
    out = {"tasks": len(plan.tasks), "deps": len(plan.dependencies), "ours_s": ours_s,
           "ours_finish": result.project_finish.isoformat(), "networkx_s": nx_s,
           "networkx_finish": nx_finish.isoformat(), "ours_cpu_s": CPU["ours"], "networkx_cpu_s": CPU["nx"]}
    if with_tj and shutil.which("tj3"):
        until = result.project_finish + dt.timedelta(days=366)  # TaskJuggler needs an end
        tj_s, ends = taskjuggler(plan, folder, [d for d in holidays if d <= until], until)
        same = sum(1 for tid, end in ends.items() if result.timings[tid].finish == end)
        out.update(tj3_s=tj_s, tj3_cpu_s=CPU["tj3"], tj3_finish=max(ends.values()).isoformat(), tj3_same_finish=same,
                   tj3_tasks=len(ends))
    return out


# --- main --------------------------------------------------------------------------------------
def machine() -> dict:
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    model = next((ln.split(":", 1)[1].strip() for ln in lscpu.splitlines() if ln.startswith("Model name")), "?")
    return {"cpu": model, "cpus": os.cpu_count(), "uname": " ".join(platform.uname()),
            "python": platform.python_version(), "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "load": os.getloadavg()[0]}


def run(args) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="bench-schedule-"))
    report: dict = {"machine": machine()}
    try:
        sizes = args.sizes or ((1000, 10000) if args.quick else (10000, 100000))
        for n in sizes:
            t0 = time.perf_counter()
            path = generate_plan(folder / f"mixed{n}.plan", n, seed=1, mixed_types=True)
            gen_s = time.perf_counter() - t0
            plan = open_fast(path)
            rep = args.repeat if n <= 10000 else max(5, args.repeat // 3)
            sched_s, result = timed(lambda: from_scratch(plan), rep, f"s{n}")
            full_s, _ = timed(lambda: materialise(from_scratch(plan)), rep, f"f{n}")
            progress_s, _ = timed(progress_reported(plan), rep, f"p{n}")
            floor = floor_entry(plan, rep, f"c{n}")
            entry = {"tasks": len(plan.tasks), "deps": len(plan.dependencies), "generate_s": gen_s,
                     "schedule_s": sched_s, "schedule_and_touch_all_s": full_s,
                     "schedule_cpu_s": CPU[f"s{n}"], "schedule_and_touch_all_cpu_s": CPU[f"f{n}"],
                     "schedule_best_s": BEST[f"s{n}"],
                     "progress_s": progress_s, "progress_cpu_s": CPU[f"p{n}"],
                     "critical_path": len(result.critical_path), "conflicts": len(result.conflicts),
                     "finish": result.project_finish.isoformat(), **floor}
            if n == sizes[0] or n == 10000:
                entry["load_orm_s"], _ = timed(lambda: open_orm(path), 5, "lo")
                entry["load_fast_s"], _ = timed(lambda: open_fast(path, None), 5, "lf")
                entry["load_sched_s"], _ = timed(lambda: open_fast(path), 5, "ls")
                entry["load_direct_s"], _ = timed(lambda: fast_load_plan(path, SCHEDULE_TABLES), 5, "ld")
                entry["load_direct_cpu_s"] = CPU["ld"]
                entry["load_orm_cpu_s"], entry["load_fast_cpu_s"] = CPU["lo"], CPU["lf"]
                entry["load_sched_cpu_s"] = CPU["ls"]
            if n == sizes[-1]:
                entry["memory"] = memory(path)
            report[f"mixed_{n}"] = entry
            del plan, result
        if not args.no_outline:
            report["outline"] = outline_entry(folder, args.repeat)
        if not args.no_compare:
            report["compare"] = comparison(folder, 10000 if not args.quick else 1000, args.repeat, not args.no_tj)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return report


def forget_outline() -> None:
    """Make the next schedule build the outline again, as after an outline edit (an earlier tree,
    with no reuse of the outline between snapshots, always does)."""
    import planner.outline

    reuse = getattr(planner.outline, "outline_of", None)
    if reuse is not None:
        reuse.forget()


def forget_network() -> None:
    """Make the next schedule build and solve its network again, as after an edit of dates or links
    (the network is kept between schedules only while nothing but progress changed)."""
    try:
        from planner.schedule.reuse import forget
    except ImportError:  # an earlier tree: never kept
        return
    forget()


def from_scratch(plan):
    """`schedule_plan` with the network built and solved afresh (the outline may be kept)."""
    forget_network()
    return schedule_plan(plan)


def progress_reported(plan):
    """A function that reports a new progress on one task of `plan` (a plain-row plan) and schedules
    it, as the app does after a progress edit: the network is kept, status judged afresh."""
    rows = plan.tasks
    leaves = [k for k, row in enumerate(rows) if not plan.outline.is_summary(row.id)] if any(
        row.parent_id is not None for row in rows) else list(range(len(rows)))
    turn = iter(range(10 ** 9))

    def report():
        k = leaves[next(turn) % len(leaves)]
        rows[k] = rows[k]._replace(progress=round((rows[k].progress + 0.1) % 1.0, 2))
        plan.__dict__.pop("outline", None)
        return schedule_plan(plan)

    schedule_plan(plan)  # the network of the plan as it is
    return report


def outline_entry(folder: Path, repeat: int, n: int = 10000, levels: int = 4) -> dict:
    """The mixed plan as a work breakdown `levels` deep: summaries rolled up, links on summaries."""
    path = generate_plan(folder / f"outline{n}.plan", n, seed=1, mixed_types=True, outline_levels=levels)
    plan = open_fast(path)

    def kept():  # a new snapshot, as after an edit of dates or links: the outline is reused
        plan.__dict__.pop("outline", None)
        return from_scratch(plan)

    def rebuilt():  # as after an outline edit (indent, outdent, a new task): the outline is built again
        forget_outline()
        return kept()

    rebuilt_s, _ = timed(rebuilt, repeat, "or")
    sched_s, result = timed(kept, repeat, "o")
    progress_s, _ = timed(progress_reported(plan), repeat, "op")
    summaries = len(plan.outline.summaries)
    return {"tasks": len(plan.tasks), "deps": len(plan.dependencies), "levels": levels, "summaries": summaries,
            "schedule_s": sched_s, "schedule_cpu_s": CPU["o"], "schedule_best_s": BEST["o"],
            "rebuilt_s": rebuilt_s, "rebuilt_cpu_s": CPU["or"], "rebuilt_best_s": BEST["or"],
            "progress_s": progress_s, "progress_cpu_s": CPU["op"],
            "finish": result.project_finish.isoformat(), **floor_entry(plan, repeat, "oc")}


def _ms(sec: float) -> str:
    return f"{sec * 1000:.1f} ms" if sec < 10 else f"{sec:.1f} s"


def markdown(r: dict) -> str:
    mc = r["machine"]
    out = [f"Measured {mc['date']} on {mc['cpu']} ({mc['cpus']} CPUs), Python {mc['python']}; "
           f"`{mc['uname']}`; load average {mc.get('load', 0):.1f} when it started (the machine is shared). "
           "Medians; wall time, and in brackets CPU time of the process.", "",
           "| Plan | Tasks / links | `schedule_plan` | plain-Python CPM, same network (floor) | ratio wall (CPU) "
           "| fastest run | + build every timing and link object | Target |",
           "|---|---|---|---|---|---|---|---|"]
    for key in sorted((k for k in r if k.startswith("mixed_")), key=lambda k: int(k.split("_")[1])):
        e = r[key]
        target = {"mixed_10000": TARGETS["10k"], "mixed_100000": TARGETS["100k"]}.get(key)
        if e:
            tgt = f"≤ {target * 1000:.0f} ms" if target else ""
            out.append(f"| all four link types, lags, CN holidays | {e['tasks']:,} / {e['deps']:,} | "
                       f"{_ms(e['schedule_s'])} ({_ms(e['schedule_cpu_s'])}) | {_ms(e['floor_s'])} "
                       f"({_ms(e['floor_cpu_s'])}) | {e['schedule_s'] / e['floor_s']:.2f}x "
                       f"({e['schedule_cpu_s'] / e['floor_cpu_s']:.2f}x) | {_ms(e['schedule_best_s'])} | "
                       f"{_ms(e['schedule_and_touch_all_s'])} ({_ms(e['schedule_and_touch_all_cpu_s'])}) | {tgt} |")
            out.append(f"| the same, after a progress report (network kept, status judged afresh) | "
                       f"{e['tasks']:,} / {e['deps']:,} | {_ms(e['progress_s'])} ({_ms(e['progress_cpu_s'])}) | "
                       f"{_ms(e['floor_s'])} ({_ms(e['floor_cpu_s'])}) | {e['progress_s'] / e['floor_s']:.2f}x "
                       f"({e['progress_cpu_s'] / e['floor_cpu_s']:.2f}x) | | | |")
    o = r.get("outline")
    if o:
        out.append(f"| the same as a {o['levels']}-level work breakdown ({o['summaries']:,} summaries rolled up, "
                   f"FS and SS links on summaries) | {o['tasks']:,} / {o['deps']:,} | {_ms(o['schedule_s'])} "
                   f"({_ms(o['schedule_cpu_s'])}) | {_ms(o['floor_s'])} ({_ms(o['floor_cpu_s'])}) | "
                   f"{o['schedule_s'] / o['floor_s']:.2f}x ({o['schedule_cpu_s'] / o['floor_cpu_s']:.2f}x) | "
                   f"{_ms(o['schedule_best_s'])} | | ≤ {TARGETS['outline'] * 1000:.0f} ms |")
        out.append(f"| the same, after an outline edit (the outline built again) | {o['tasks']:,} / {o['deps']:,} | "
                   f"{_ms(o['rebuilt_s'])} ({_ms(o['rebuilt_cpu_s'])}) | {_ms(o['floor_s'])} ({_ms(o['floor_cpu_s'])}) | "
                   f"{o['rebuilt_s'] / o['floor_s']:.2f}x ({o['rebuilt_cpu_s'] / o['floor_cpu_s']:.2f}x) | "
                   f"{_ms(o['rebuilt_best_s'])} | | |")
        out.append(f"| the same, after a progress report (network kept, status judged afresh) | {o['tasks']:,} / "
                   f"{o['deps']:,} | {_ms(o['progress_s'])} ({_ms(o['progress_cpu_s'])}) | {_ms(o['floor_s'])} "
                   f"({_ms(o['floor_cpu_s'])}) | {o['progress_s'] / o['floor_s']:.2f}x "
                   f"({o['progress_cpu_s'] / o['floor_cpu_s']:.2f}x) | | | |")
    for key, e in r.items():
        if key.startswith("mixed_") and "load_orm_s" in e:
            out += ["", f"Opening the {e['tasks']:,}-task plan file ready to schedule (`Project.open` + loader, "
                    f"median of 5): with `load_plan` (ORM rows) {_ms(e['load_orm_s'])} ({_ms(e['load_orm_cpu_s'])}); "
                    f"with `fast_load_plan` (plain rows, every table) {_ms(e['load_fast_s'])} "
                    f"({_ms(e['load_fast_cpu_s'])}); with `fast_load_plan(..., tables=SCHEDULE_TABLES)` "
                    f"{_ms(e['load_sched_s'])} ({_ms(e['load_sched_cpu_s'])}). Without `Project.open` (which copies "
                    f"the file to a working copy and checks it), `fast_load_plan(path, SCHEDULE_TABLES)` read-only "
                    f"from the file: {_ms(e['load_direct_s'])} ({_ms(e['load_direct_cpu_s'])}). Target ≤ 500 ms."]
        if key.startswith("mixed_") and "memory" in e:
            mem = e["memory"]
            out += ["", f"Memory at {e['tasks']:,} tasks, fresh process, peak RSS: {mem['rss_after_load_mb']:.0f} MB "
                    "after `Project.open` + `fast_load_plan` of the scheduling tables (interpreter and libraries "
                    f"included); {mem['rss_scheduled_mb']:.0f} MB after `schedule_plan`; {mem['rss_mb']:.0f} MB "
                    "once every timing, link and forecast object is built. tracemalloc peak during "
                    f"`schedule_plan` alone: {mem['schedule_peak_mb']:.0f} MB. Target < 300 MB."]
    checks = [(e["tasks"], e["floor_mismatches"]) for k, e in r.items() if k.startswith("mixed_") or k == "outline"]
    out += ["", "Reference check, same run: early and late starts of `cpm.solve` against the plain CPM, "
            + "; ".join(f"{n:,} tasks: {bad} mismatches" for n, bad in checks) + "."]
    c = r.get("compare")
    if c:
        out += ["", f"Same FS-only plan ({c['tasks']:,} tasks / {c['deps']:,} links), same run:", "",
                "| Tool | Wall (CPU) | Ratio to ours (CPU) | Project finish |", "|---|---|---|---|",
                f"| planner `schedule_plan` (everything) | {_ms(c['ours_s'])} ({_ms(c['ours_cpu_s'])}) | 1 | "
                f"{c['ours_finish']} |",
                f"| networkx `dag_longest_path_length` (makespan only) | {_ms(c['networkx_s'])} "
                f"({_ms(c['networkx_cpu_s'])}) | {c['networkx_cpu_s'] / c['ours_cpu_s']:.1f}x | {c['networkx_finish']} |"]
        if "tj3_s" in c:
            out.append(f"| TaskJuggler `tj3` 3.7 (one run, parse + schedule + CSV) | {_ms(c['tj3_s'])} "
                       f"({_ms(c['tj3_cpu_s'])}) | {c['tj3_cpu_s'] / c['ours_cpu_s']:.0f}x | {c['tj3_finish']} |")
            out += ["", f"TaskJuggler's finish date equals ours for {c['tj3_same_finish']:,} of "
                    f"{c['tj3_tasks']:,} tasks."]
    return "\n".join(out)


def phases(n: int, repeat: int, levels: int = 0) -> str:
    """CPU time per phase of `schedule_plan` (minimum of `repeat` runs, collector off), for profiling.

    The seeded mixed plan; with `levels` >= 2 the same as a work breakdown that deep, its outline
    recomputed in every run (as after an edit). Uses only functions an earlier tree has as well,
    so `PYTHONPATH=OLD_TREE python benchmarks/bench_schedule.py --phases N` profiles it the same way."""
    from planner.schedule import _span
    from planner.schedule import network as net_mod
    from planner.schedule.calendar import calendar_for
    from planner.schedule.cpm import critical_chain
    from planner.schedule.status import link_conflicts, link_states, task_flags
    from planner.schedule.views import link_map, timing_map
    from planner.schedule.wbs import add_flags, solve_outline, status_view, summary_timings

    folder = Path(tempfile.mkdtemp(prefix="bench-phases-"))
    try:
        plan = fast_load_plan(generate_plan(folder / "p.plan", n, seed=1, mixed_types=True, outline_levels=levels),
                              SCHEDULE_TABLES)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    day = plan.programme.status_date
    best: dict[str, float] = {}
    forget = forget_outline
    gc.disable()
    for _ in range(repeat):
        clock = time.process_time()

        def mark(name):
            nonlocal clock
            now = time.process_time()
            best[name] = min(best.get(name, 1e9), now - clock)
            clock = now

        plan.__dict__.pop("outline", None)
        forget()  # as after an outline edit: the outline is built again
        if levels:
            plan.outline
            mark("plan.outline (work breakdown)")
        cols = net_mod.columns(plan.tasks, net_mod._TASK_COLUMNS)
        cal = calendar_for(plan.programme, plan.calendar_exceptions, span=net_mod.plan_span(plan, cols))
        mark("task columns + calendar")
        b = net_mod.build(plan, cal); mark("network.build (rest)")
        res = solve_outline(b); mark("cpm.solve (solve_outline)")
        si = cal.index_before(day)
        rolled = summary_timings(b, res)
        judged = status_view(b, rolled); mark("roll-up of summaries")
        states, slacks = link_states(judged, res, si); mark("status.link_states")
        late, risk = task_flags(judged, res, si, states)
        add_flags(b, rolled, late, risk, day); mark("status.task_flags")
        link_conflicts(judged, res, states, slacks); mark("status.link_conflicts")
        timing_map(b, res, late, risk, rolled), link_map(b, res, states, slacks), _span(b, res)
        mark("views + span")
        critical_chain(b.net, res); mark("cpm.critical_chain")
        gc.collect()
        clock = time.process_time()
        plan.__dict__.pop("outline", None)
        forget()
        forget_network()
        schedule_plan(plan); mark("whole schedule_plan")
        gc.collect()
    gc.enable()
    return "\n".join(f"{name:45s} {sec * 1000:8.1f} ms" for name, sec in best.items())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--quick", action="store_true", help="1,000 and 10,000 tasks instead of 10,000 and 100,000")
    ap.add_argument("--sizes", type=int, nargs="+", help="plan sizes to schedule (default 10000 100000)")
    ap.add_argument("--no-compare", action="store_true", help="skip the networkx/TaskJuggler comparison")
    ap.add_argument("--no-tj", action="store_true", help="skip TaskJuggler")
    ap.add_argument("--no-outline", action="store_true", help="skip the 10,000-task, 4-level work breakdown")
    ap.add_argument("--json", help="also write the raw figures here")
    ap.add_argument("--phases", type=int, metavar="N", help="print CPU time per phase at N tasks and stop")
    ap.add_argument("--levels", type=int, default=0, help="with --phases: a work breakdown this deep")
    ap.add_argument("--memory-child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.phases:
        print(phases(args.phases, args.repeat, args.levels))
        return
    if args.memory_child:
        memory_child(args.memory_child)
        return
    report = run(args)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(markdown(report))


if __name__ == "__main__":
    main()
