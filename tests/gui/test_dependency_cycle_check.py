"""The dependencies cell's check walks the plan's links lazily (forward from the task first, then
back from the typed predecessors when one may close a loop): the same verdict and the same cycle
named as a check over the whole plan's predecessor map built up front (the code before)."""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from planner.errors import CycleError, ParseError
from planner.plan import Plan
from planner.services import dependencies
from ui.plan_text import check_dependencies
from ui.views import task_columns
from ui.views.task_columns import _PredecessorCodes, check_dependency_text


def _reference(task_code, specs, codes, edges):
    """The check as it was: the whole map copied, each stacked path a new list."""
    seen = set()
    for spec in specs:
        if spec.code == task_code:
            raise ParseError("self", where=task_code, key="self_dependency")
        if spec.code not in codes:
            raise ParseError("unknown", where=spec.code, key="unknown_task")
        if spec.code in seen:
            raise ParseError("twice", where=spec.code, key="listed_twice")
        seen.add(spec.code)
    graph = dict(edges)
    graph[task_code] = seen
    stack = [(code, [task_code, code]) for code in sorted(seen)]
    visited = set()
    while stack:
        code, path = stack.pop()
        if code == task_code:
            raise CycleError(path)
        if code in visited:
            continue
        visited.add(code)
        for pred in sorted(graph.get(code, ())):
            stack.append((pred, path + [pred]))


def _plan(rnd: random.Random, n: int, links: int) -> Plan:
    tasks = [SimpleNamespace(id=i + 1, code=f"T-{i + 1:03d}") for i in range(n)]
    pairs = {(rnd.randrange(n), rnd.randrange(n)) for _ in range(links)}
    deps = [SimpleNamespace(id=k + 1, predecessor_id=p + 1, successor_id=s + 1)
            for k, (p, s) in enumerate(sorted(pairs)) if p != s]
    deps.append(SimpleNamespace(id=len(deps) + 1, predecessor_id=n + 5, successor_id=1))  # to no task
    return Plan(programme=None, tasks=tasks, dependencies=deps)


def _outcome(fn, *args):
    try:
        fn(*args)
    except CycleError as exc:
        return ("cycle", list(exc.cycle) if hasattr(exc, "cycle") else str(exc))
    except ParseError as exc:
        return ("parse", exc.key)
    return None


@pytest.mark.parametrize("budget", [2000, 3])  # the walk forward decides, or gives up to the walk back
@pytest.mark.parametrize("seed", range(6))
def test_lazy_walk_names_the_same_cycle_as_the_whole_map(seed, budget, monkeypatch):
    monkeypatch.setattr(task_columns, "_FORWARD_BUDGET", budget)
    rnd = random.Random(seed)
    plan = _plan(rnd, 60, 90 + 20 * seed)
    edges = {}
    for d in plan.dependencies:
        succ, pred = plan.task_by_id.get(d.successor_id), plan.task_by_id.get(d.predecessor_id)
        if succ and pred:
            edges.setdefault(succ.code, set()).add(pred.code)
    lazy = _PredecessorCodes(plan)
    assert dict(lazy) == edges
    codes = set(plan.task_by_code)
    cycles = 0
    for _ in range(80):
        task = rnd.choice(plan.tasks)
        chosen = rnd.sample(sorted(codes), rnd.randint(1, 3))
        specs = dependencies.parse_dependencies_text("、".join(chosen), codes)
        expected = _outcome(_reference, task.code, specs, codes, edges)
        assert _outcome(check_dependencies, task.code, specs, plan.task_by_code.keys(), lazy) == expected
        assert _outcome(check_dependency_text, plan, task, "、".join(chosen)) == expected
        cycles += expected is not None and expected[0] == "cycle"
    assert cycles  # the loops were exercised, not only the plain cases
