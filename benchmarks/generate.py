"""Seeded random plans for the benchmarks: `generate_plan(path, n_tasks, ...) -> Path`.

Writes a real `.plan` file through `Project.new` + bulk inserts + `save_as`: modules, stages,
tasks of 1-20 working days, acyclic dependencies (FS only, or all four types with lags and
some progress thresholds), milestones, teams, roles, RACI cells, indicators and readings.

    python -m benchmarks.generate out.plan 10000 [--seed 1] [--fs-only]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from pathlib import Path

from sqlalchemy import insert

from planner import model as m
from planner.document import Project

START = dt.date(2025, 1, 6)  # a Monday
PREFIXES = ("TP", "EC", "BM", "UG", "BC", "OI", "QA", "OP", "DX", "RS", "SE", "DC")
STAGES = (("基础建设期", 0, 6), ("规模扩张期", 6, 18), ("生态成熟期", 18, 36))
WINDOW = 300  # predecessors come from the previous WINDOW tasks, as in real plans (local chains)


def _months(months: int) -> dt.date:
    y, mo = divmod(START.month - 1 + months, 12)
    return dt.date(START.year + y, mo + 1, min(START.day, 28))


def _rows(n_tasks: int, rnd: random.Random, deps_per_task: float, mixed: bool,
          outline_levels: int = 0) -> dict[type, list[dict]]:
    n_modules = max(3, min(len(PREFIXES), n_tasks // 500 + 3))
    modules = [
        {"id": i + 1, "order": i, "name": f"模块{i + 1}", "prefix": PREFIXES[i],
         "priority": ("high", "medium", "low")[i % 3]}
        for i in range(n_modules)
    ]
    stages = [
        {"id": i + 1, "order": i, "name": name, "label": f"第{i + 1}阶段（{a}-{b} 个月）：{name}",
         "start_month": a, "end_month": b, "start_date": _months(a), "end_date": _months(b) - dt.timedelta(days=1)}
        for i, (name, a, b) in enumerate(STAGES)
    ]
    cells = [
        {"stage_id": s["id"], "module_id": mo["id"], "scope": f"{mo['name']}建设", "actions": "1. 行动；2. 行动",
         "acceptance": "≥10%", "evaluation_method": "月度复盘", "data_source": "系统"}
        for s in stages for mo in modules
    ]
    tasks, deps = [], []
    span_days = max(30, n_tasks // 10)  # planned starts spread over the programme
    parents = _outline_parents(n_tasks, outline_levels)
    summaries = {p for p in parents if p is not None}
    leaves = [i for i in range(n_tasks) if i not in summaries]
    for i in range(n_tasks):
        mod = modules[i % n_modules]
        dur = rnd.randint(1, 20)
        offset = (i * span_days) // n_tasks
        start = START + dt.timedelta(days=offset - offset % 7)
        end = start + dt.timedelta(days=(dur - 1) // 5 * 7 + (dur - 1) % 5)
        tasks.append({
            "id": i + 1, "code": f"{mod['prefix']}-{i + 1:05d}", "module_id": mod["id"],
            "stage_id": stages[min(2, i * 3 // n_tasks)]["id"], "order": i, "name": f"任务{i + 1}",
            "start_date": start, "end_date": end, "duration_days": dur,
            "scheduling": "auto", "progress": 0.0, "status": "not_started",
            "parent_id": None if parents[i] is None else parents[i] + 1,
        })
    seen: set[tuple[int, int]] = set()
    base, frac = int(deps_per_task), deps_per_task - int(deps_per_task)
    for n, i in enumerate(leaves[1:], start=1):  # links between leaf tasks, to one of the previous WINDOW
        k = min(n, base + (rnd.random() < frac))
        for _ in range(k):
            p = leaves[rnd.randint(max(0, n - WINDOW), n - 1)]
            if (p, i) in seen:
                continue
            seen.add((p, i))
            dep = {"id": len(deps) + 1, "predecessor_id": p + 1, "successor_id": i + 1,
                   "type": "FS", "lag": 0, "lag_unit": "d", "threshold": 1.0}
            if mixed:
                r = rnd.random()
                dep["type"] = "FS" if r < 0.55 else "SS" if r < 0.75 else "FF" if r < 0.92 else "SF"
                dep["lag"] = rnd.choice((0, 0, 0, 1, 2, 3, 5, -1, -2))
                dep["lag_unit"] = "w" if rnd.random() < 0.1 else "d"
                if dep["type"] == "FS" and rnd.random() < 0.1:
                    dep["threshold"] = 0.3
            deps.append(dep)
    deps += _summary_links(parents, summaries, len(deps))
    teams = [{"id": i + 1, "order": i, "name": f"团队{i + 1}"} for i in range(8)]
    roles = [{"id": i + 1, "name": f"角色{i + 1}", "team_id": i % 8 + 1} for i in range(12)]
    task_roles = []
    for t in tasks:
        for j, r in enumerate(rnd.sample(range(1, 13), 2)):
            task_roles.append({"task_id": t["id"], "role_id": r, "headcount": rnd.randint(1, 8), "order": j})
    raci = []
    for mo in modules:
        chosen = rnd.sample(range(1, 9), 4)
        for letter, team in zip("ARCI", chosen):
            raci.append({"module_id": mo["id"], "team_id": team, "role": letter})
    for t in tasks[:: max(1, n_tasks // 200)]:
        a, r = rnd.sample(range(1, 9), 2)
        raci.append({"task_id": t["id"], "team_id": a, "role": "A"})
        raci.append({"task_id": t["id"], "team_id": r, "role": "R"})
    milestones = [
        {"id": j + 1, "order": j, "name": f"里程碑{j + 1}", "date": tasks[i]["end_date"], "criterion": "验收通过",
         "task_id": tasks[i]["id"], "stage_id": tasks[i]["stage_id"]}
        for j, i in enumerate(range(49, n_tasks, 50))
    ]
    indicators, readings = [], []
    for s in stages:
        for mo in modules:
            iid = len(indicators) + 1
            indicators.append({
                "id": iid, "order": iid, "code": f"IND-{iid:03d}", "name": f"{mo['name']}指标{s['id']}",
                "module_id": mo["id"], "stage_id": s["id"], "target_text": "≥100", "target": 100.0,
                "comparator": ">=", "unit": "", "owner_team_id": rnd.randint(1, 8),
            })
            total = 0.0
            for month in range(6):
                v = round(rnd.uniform(0, 25), 1)
                total += v
                readings.append({"indicator_id": iid, "period": f"2025-{month + 1:02d}",
                                 "period_value": v, "cumulative_value": round(total, 1)})
    return {
        m.Module: modules, m.Stage: stages, m.RoadmapCell: cells, m.Task: tasks, m.Dependency: deps,
        m.Team: teams, m.Role: roles, m.TaskRole: task_roles, m.RaciCell: raci, m.Milestone: milestones,
        m.Indicator: indicators, m.Reading: readings,
    }


def _outline_parents(n_tasks: int, levels: int) -> list[int | None]:
    """Parent index per task for an outline `levels` deep (0 or 1: flat), in outline order.

    Summary levels fan out evenly (about n ** (1 / levels) children each: 10 phases x 10 groups
    x 10 packages for 10,000 tasks and 4 levels); the remaining tasks are the leaves, shared
    out among the deepest summaries."""
    if levels <= 1:
        return [None] * n_tasks
    fan = max(2, round(n_tasks ** (1 / levels)))
    layers = [[None]]  # the parent of each summary of a level; level 0 is a virtual root
    for depth in range(levels - 1):
        layers.append([p for p in range(len(layers[-1])) for _ in range(fan)])
    layers = layers[1:]
    n_summaries = sum(len(x) for x in layers)
    if n_summaries >= n_tasks:
        raise ValueError(f"{n_tasks} tasks are too few for {levels} outline levels")
    deepest = len(layers[-1])
    leaves_of = [(n_tasks - n_summaries) // deepest + (k < (n_tasks - n_summaries) % deepest) for k in range(deepest)]
    parents: list[int | None] = []

    def emit(level: int, k: int, parent: int | None) -> None:
        me = len(parents)
        parents.append(parent)
        if level + 1 < len(layers):
            for child in range(k * fan, (k + 1) * fan):
                emit(level + 1, child, me)
        else:
            parents.extend([me] * leaves_of[k])

    for k in range(len(layers[0])):
        emit(0, k, None)
    return parents


def _summary_links(parents: list[int | None], summaries: set[int], first_id: int) -> list[dict]:
    """Links on summaries as stage-gate plans have them: each phase after the one before it
    (FS, every second one SS + 5 days: a start-based link from a summary), and one second-level
    summary in ten after the one before it in its phase (FS)."""
    out = []
    by_parent: dict[int | None, list[int]] = {}
    for i in sorted(summaries):
        by_parent.setdefault(parents[i], []).append(i)
    phases = by_parent.get(None, [])
    pairs = [(a, b, "SS" if n % 2 else "FS", 5 if n % 2 else 0) for n, (a, b) in enumerate(zip(phases, phases[1:]))]
    for phase in phases:
        groups = by_parent.get(phase, [])
        pairs += [(a, b, "FS", 0) for n, (a, b) in enumerate(zip(groups, groups[1:])) if n % 10 == 0]
    for n, (a, b, kind, lag) in enumerate(pairs, start=first_id + 1):
        out.append({"id": n, "predecessor_id": a + 1, "successor_id": b + 1, "type": kind, "lag": lag,
                    "lag_unit": "d", "threshold": 1.0})
    return out


def _store_schedule(s) -> None:
    """Store the scheduled dates of the (automatic) tasks and the summaries' roll-up, as the app
    keeps them in every file it writes; one bulk update instead of the services' row journal."""
    from pathlib import Path as _Path

    from sqlalchemy import update

    from planner.schedule import schedule_plan
    from planner.schedule.loader import SCHEDULE_TABLES, read_plan_from

    s.flush()
    plan = read_plan_from(s.connection().connection.driver_connection, _Path(""), SCHEDULE_TABLES)
    result = schedule_plan(plan)
    rows = [{"b_id": t.id, "b_start": result.timings[t.id].start, "b_end": result.timings[t.id].finish,
             "b_progress": result.summary_progress.get(t.id, t.progress)} for t in plan.tasks]
    from sqlalchemy import bindparam

    s.connection().execute(
        update(m.Task).where(m.Task.id == bindparam("b_id")).values(
            start_date=bindparam("b_start"), end_date=bindparam("b_end"), progress=bindparam("b_progress")),
        rows)


def generate_plan(path: Path | str, n_tasks: int, seed: int = 1, deps_per_task: float = 1.5,
                  mixed_types: bool = True, outline_levels: int = 0) -> Path:
    """Write a random plan of `n_tasks` tasks to `path` (a `.plan` file) and return its path.

    With `outline_levels` >= 2 the tasks form a work breakdown that deep (summaries over
    leaves; links between leaves, plus FS and SS links between summaries)."""
    rnd = random.Random(seed)
    project = Project.new(f"Benchmark {n_tasks}", START)
    try:
        with project.session() as s:
            prog = s.get(m.Programme, 1)
            prog.status_date = START + dt.timedelta(days=120)
            for table, rows in _rows(n_tasks, rnd, deps_per_task, mixed_types, outline_levels).items():
                if rows:
                    s.execute(insert(table), rows)
            _store_schedule(s)
        path = Path(path)
        project.save_as(path)
        return project.path
    finally:
        project.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path")
    ap.add_argument("n_tasks", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--deps", type=float, default=1.5)
    ap.add_argument("--fs-only", action="store_true")
    ap.add_argument("--outline-levels", type=int, default=0, help="a work breakdown this many levels deep")
    a = ap.parse_args()
    t0 = time.perf_counter()
    out = generate_plan(a.path, a.n_tasks, a.seed, a.deps, not a.fs_only, a.outline_levels)
    print(f"wrote {out} in {time.perf_counter() - t0:.2f} s")


if __name__ == "__main__":
    main()
