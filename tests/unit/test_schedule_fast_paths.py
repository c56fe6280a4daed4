"""The scheduler's fast paths give the same schedule as a straightforward reference, on random plans.

`cpm.solve` walks the edges once in a topological rank it did not have to search for (the task
order, or a hint such as summaries after their last sub-task); otherwise it runs Kahn's algorithm
(`_solve_kahn`, the original pass). Here both, and a textbook relaxation to a fixpoint, are run on
random networks with fixed starts, start-no-earlier-than floors and negative weights, and whole
random plans with summaries are scheduled once through each path.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from planner.schedule import cpm, schedule_plan
from planner.schedule.cpm import Network, _solve_kahn, critical_chain, free_float, solve
from tests.unit.schedule_plans import MONDAY, a_plan


def _reference(net: Network) -> tuple[list[int], list[int], int]:
    """Earliest and latest starts by relaxing every edge until nothing changes (no order needed)."""
    n = net.n
    base = [net.floor if (net.earliest is None or net.earliest[v] is None) else max(net.floor, net.earliest[v])
            for v in range(n)]
    start = [base[v] if net.fixed[v] is None else net.fixed[v] for v in range(n)]
    changed = True
    while changed:
        changed = False
        for p, s, w in zip(net.pred, net.succ, net.weight):
            if net.fixed[s] is None and start[p] + w > start[s]:
                start[s] = start[p] + w
                changed = True
    finish = max((s + d for s, d in zip(start, net.duration)), default=net.floor)
    late = [finish - d for d in net.duration]
    changed = True
    while changed:
        changed = False
        for p, s, w in zip(net.pred, net.succ, net.weight):
            if late[s] - w < late[p]:
                late[p] = late[s] - w
                changed = True
    return start, late, finish


def _random_network(rnd: random.Random, n: int, shuffle: bool) -> tuple[Network, list[int]]:
    """A random DAG over n tasks; with `shuffle` the task numbers are permuted so links run both ways.
    Returns the network and a valid topological rank of its tasks."""
    perm = list(range(n))
    if shuffle:
        rnd.shuffle(perm)
    dur = [rnd.choice([0, 1, 2, 3, 5, 8, 13]) for _ in range(n)]
    pred, succ, weight = [], [], []
    for v in range(1, n):
        for u in rnd.sample(range(max(0, v - 12), v), k=min(v - max(0, v - 12), rnd.randint(0, 3))):
            kind = rnd.choice(["FS", "SS", "FF", "SF"])
            w = cpm.link_weight(kind, rnd.randint(-4, 6), rnd.choice([1.0, 1.0, 0.3]), dur[u], dur[v])
            pred.append(perm[u])
            succ.append(perm[v])
            weight.append(w)
    order = list(range(len(pred)))
    rnd.shuffle(order)  # links in no particular order
    pred, succ, weight = ([col[k] for k in order] for col in (pred, succ, weight))
    d = [0] * n
    fixed: list[int | None] = [None] * n
    earliest: list[int | None] = [None] * n
    for i in range(n):
        d[perm[i]] = dur[i]
        r = rnd.random()
        if r < 0.15:
            fixed[perm[i]] = rnd.randint(-3, 40)  # manual or started: may break its links
        elif r < 0.25:
            earliest[perm[i]] = rnd.randint(0, 40)
    rank = [0] * n
    for i in range(n):
        rank[perm[i]] = i
    floor = rnd.randint(0, 5)
    return Network(d, fixed, floor, pred, succ, weight, earliest if any(e is not None for e in earliest) else None), rank


def _same_pass(a: cpm.Pass, b: cpm.Pass, net: Network) -> None:
    assert a.start == b.start
    assert a.late_start == b.late_start
    assert a.total_float == b.total_float
    assert a.finish == b.finish
    assert (a.out_ptr, a.out_succ, a.out_w, a.out_edge) == (b.out_ptr, b.out_succ, b.out_w, b.out_edge)
    assert critical_chain(net, a) == critical_chain(net, b)
    in_ptr, in_edge = b.incoming  # edges into each task, by a grouping of every edge
    assert [list(a.into(v)) for v in range(net.n)] == [list(in_edge[in_ptr[v]:in_ptr[v + 1]]) for v in range(net.n)]
    assert [free_float(a, net.duration, u) for u in range(net.n)] == [free_float(b, net.duration, u)
                                                                        for u in range(net.n)]
    order = a.topological()
    position = {v: i for i, v in enumerate(order)}
    assert sorted(order) == list(range(net.n))
    assert all(position[p] < position[s] for p, s in zip(net.pred, net.succ))  # a topological order


@pytest.mark.parametrize("seed", range(60))
def test_solve_matches_kahn_and_a_plain_relaxation_on_random_networks(seed):
    rnd = random.Random(seed)
    shuffle = seed % 2 == 1
    net, rank = _random_network(rnd, rnd.randint(1, 60), shuffle)
    kahn = _solve_kahn(net)
    start, late, finish = _reference(net)
    assert (kahn.start, kahn.late_start, kahn.finish) == (start, late, finish)
    # the task order itself when links go up in it; else the hint; else Kahn inside solve
    _same_pass(solve(net), kahn, net)
    _same_pass(solve(net, None, rank), kahn, net)
    wrong = list(range(net.n))[::-1]
    _same_pass(solve(net, None, wrong), kahn, net)
    # a rank shared by tasks not linked to each other (each task's level: the longest chain of
    # links before it), as the summaries' finish gates share one after their last sub-task
    level = [0] * net.n
    for v in sorted(range(net.n), key=rank.__getitem__):
        for p, q in zip(net.pred, net.succ):
            if q == v:
                level[v] = max(level[v], level[p] + 1)
    _same_pass(solve(net, None, level), kahn, net)


def test_a_cycle_is_reported_whatever_the_hint():
    net = Network([1, 1, 1], [None] * 3, 0, [0, 1, 2], [1, 2, 0], [1, 1, 1])
    for hint in (None, [0, 1, 2], [2, 1, 0]):
        with pytest.raises(Exception) as err:
            solve(net, ["A", "B", "C"], hint)
        assert "A" in str(err.value)


def _random_plan(rnd: random.Random):
    """Summaries over leaves, manual and started tasks, links between leaves and on summaries."""
    b = a_plan(status=MONDAY + dt.timedelta(days=rnd.randint(0, 60)))
    codes: list[str] = []
    summaries: list[str] = []
    every: list[str] = []  # in the order written
    for i in range(rnd.randint(5, 40)):
        code = f"T{i}"
        parent = rnd.choice(summaries) if summaries and rnd.random() < 0.7 else None
        if rnd.random() < 0.15:
            b.summary(code, parent=parent)
            summaries.append(code)
            every.append(code)
            continue
        r = rnd.random()
        if r < 0.15:
            begin = MONDAY + dt.timedelta(days=rnd.randint(0, 30))
            b.manual(code, begin, begin + dt.timedelta(days=rnd.randint(0, 10)), parent=parent)
        else:
            b.task(code, rnd.randint(1, 8), parent=parent, progress=rnd.choice([0.0, 0.0, 0.5, 1.0]))
        codes.append(code)
        every.append(code)
    for _ in range(rnd.randint(0, 2 * len(every))):
        p, s = rnd.sample(every, 2) if len(every) > 1 else (every[0], every[0])
        if p == s:
            continue
        if every.index(p) > every.index(s):
            p, s = s, p  # keep it acyclic through the task order
        b.link(p, s, rnd.choice(["FS", "FS", "SS", "FF", "SF"]), rnd.randint(-2, 3),
               threshold=rnd.choice([1.0, 1.0, 0.3]))
    return b.build()


def _summary(result) -> dict:
    return {
        "timings": {k: dataclasses.astuple(v) for k, v in result.timings.items()},
        "links": {k: dataclasses.astuple(v) for k, v in result.links.items()},
        "conflicts": [(c.kind, c.task_id, c.message, c.dependency_id, c.days) for c in result.conflicts],
        "critical": result.critical_path,
        "span": (result.project_start, result.project_finish),
        "progress": result.summary_progress,
        "milestones": dict(result.milestones),
    }


@pytest.mark.parametrize("seed", range(40))
def test_whole_schedule_is_the_same_through_kahn(seed, monkeypatch):
    plan = _random_plan(random.Random(seed))
    try:
        fast = _summary(schedule_plan(plan))
    except Exception as exc:  # a summary link can make a cycle through its sub-tasks: same error both ways
        fast = repr(exc)
    plan.__dict__.pop("outline", None)
    monkeypatch.setattr(cpm, "_rank", lambda pred, succ, hint: (None, None))  # every solve through Kahn
    try:
        slow = _summary(schedule_plan(plan))
    except Exception as exc:
        slow = repr(exc)
    assert fast == slow
