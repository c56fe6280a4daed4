"""Critical-path method on working-day integers: forward and backward pass, float, critical chain.

Every link, whatever its type, lag or threshold, is reduced beforehand to one difference
constraint `start[succ] >= start[pred] + weight` (see `link_weight`), so both passes are a
single loop over integer arrays in topological order (Kahn's algorithm). Tasks are numbered
0..n-1; edges are kept as CSR arrays by predecessor. No per-edge objects are created.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, compress, islice, repeat
from operator import add, eq, le, lt, sub, truth

from planner.errors import CycleError

NEG = -(1 << 60)  # "no constraint" (below any real day index)


def threshold_days(threshold: float, duration: int) -> int:
    """Working days of `duration` that must be done to reach `threshold` (rounded up).

    The threshold is quantised to 0.1% first so 0.3 x 10 gives 3, not 4 (float noise).
    """
    if threshold >= 1.0:
        return duration
    per_mille = round(threshold * 1000)
    return -(-per_mille * duration // 1000)


def link_weight(dep_type: str, lag_days: int, threshold: float, dur_pred: int, dur_succ: int) -> int:
    """`w` such that the link holds iff start[succ] >= start[pred] + w.

    With exclusive finishes (finish = start + duration):
      FS: start_s >= point_p + lag       SS: start_s >= start_p + lag
      FF: finish_s >= point_p + lag      SF: finish_s >= start_p + lag
    where point_p is the predecessor's finish, or for a progress threshold t < 1 the moment
    t x its duration is planned done. A threshold means nothing for start-based SS/SF.
    """
    if dep_type == "FS":
        return threshold_days(threshold, dur_pred) + lag_days
    if dep_type == "SS":
        return lag_days
    if dep_type == "FF":
        return threshold_days(threshold, dur_pred) + lag_days - dur_succ
    if dep_type == "SF":
        return lag_days - dur_succ
    raise ValueError(f"unknown dependency type {dep_type!r}")


@dataclass
class Network:
    """The scheduling problem as integer arrays."""

    duration: list[int]
    fixed: list[int | None]  # start index the user fixed (manual or started tasks), else None
    floor: int  # earliest start of an automatic task (the programme start)
    pred: list[int]  # per edge
    succ: list[int]
    weight: list[int]
    earliest: list[int | None] | None = None  # start-no-earlier-than of automatic tasks (None: none has one)

    @property
    def n(self) -> int:
        return len(self.duration)


@dataclass
class Pass:
    """Forward/backward pass results, one entry per task (indices are working days).

    The edges grouped by predecessor (`out_*`, CSR) and by successor (`in_*`) are built when
    first read (free float, forecasts, the critical chain), from the edges as they were solved."""

    order: list[int] | None  # topological order; None until `topological()` sorts it from `rank`
    start: list[int]
    late_start: list[int]
    total_float: list[int]
    finish: int  # project finish (exclusive working-day index)
    edges: tuple[list[int], list[int], list[int]]  # (pred, succ, weight) per edge, as solved
    by_succ: list[int] | None = None  # edge numbers sorted by successor (stable), when solve had them
    rank: list[int] | None = None  # a topological rank per task, when solve walked one
    # with `rank`: the edge numbers sorted by their successor's rank (stable) and those ranks
    by_rank: tuple[list[int], list[int]] | None = None

    def topological(self) -> list[int]:
        """Every task in a topological order (sorted when first asked: only forecasts walk it)."""
        if self.order is None:
            self.order = sorted(range(len(self.start)), key=self.rank.__getitem__)
        return self.order

    def derived(self, name: str, key, compute):
        """`compute()`, a column that depends only on these passes, the network they solved and
        `key`: computed once per pass and key, the last key's kept (a progress report reuses the
        passes, see reuse.py, and with them what status and roll-up derive from dates alone)."""
        memo = self.__dict__.setdefault("_derived", {})
        kept = memo.get(name)
        if kept is None or kept[0] != key:
            kept = memo[name] = (key, compute())
        return kept[1]

    def last_days(self, duration: list[int]) -> list[int]:
        """Each task's last working day in these passes (`last_days` of the starts), computed once."""
        return self.derived("last days", None, lambda: last_days(self.start, duration))

    @cached_property
    def _out(self) -> tuple[list[int], list[int], list[int], list[int]]:
        pred, succ, weight = self.edges
        ptr, edge = _csr(len(self.start), pred)
        return ptr, list(map(succ.__getitem__, edge)), list(map(weight.__getitem__, edge)), edge

    @property
    def out_ptr(self) -> list[int]:
        """CSR by predecessor: u's edges are positions out_ptr[u]:out_ptr[u+1] of out_succ / out_w /
        out_edge (the edge's number in the Network)."""
        return self._out[0]

    @property
    def out_succ(self) -> list[int]:
        return self._out[1]

    @property
    def out_w(self) -> list[int]:
        return self._out[2]

    @property
    def out_edge(self) -> list[int]:
        return self._out[3]

    def into(self, v: int) -> list[int]:
        """The numbers of the edges into task v, in input order. With the edges solve sorted by
        their successor's rank, a search for v's rank and a filter of that run (ranks may be
        shared), instead of grouping every edge by successor (`incoming`) for a few tasks."""
        if self.by_succ is None and self.by_rank is not None and "incoming" not in self.__dict__:
            edges, ranks = self.by_rank
            r = self.rank[v]
            succ = self.edges[1]
            return [k for k in edges[bisect_left(ranks, r):bisect_right(ranks, r)] if succ[k] == v]
        ptr, edge = self.incoming
        return edge[ptr[v]:ptr[v + 1]]

    @cached_property
    def incoming(self) -> tuple[list[int], list[int]]:
        """(in_ptr, in_edge): edge numbers grouped by successor, in input order within a group."""
        succ = self.edges[1]
        if self.by_succ is not None:
            return _ptr(len(self.start), succ), self.by_succ
        return _csr(len(self.start), succ)


def last_days(start: list[int], duration: list[int]) -> list[int]:
    """Each task's last working day: start + duration - 1, a milestone's start (C-level maps;
    durations are never negative, so duration - 1 for a task is duration - truth(duration),
    three times cheaper than max(duration - 1, 0) through a map of the builtin)."""
    return list(map(add, start, map(sub, duration, map(truth, duration))))


def _csr(n: int, node_of_edge: list[int]) -> tuple[list[int], list[int]]:
    """Edge numbers grouped by node (predecessor or successor), in input order within a group."""
    return _ptr(n, node_of_edge), sorted(range(len(node_of_edge)), key=node_of_edge.__getitem__)  # stable, in C


def _ptr(n: int, node_of_edge: list[int]) -> list[int]:
    """CSR row pointers: node u's edges are positions ptr[u]:ptr[u+1] once grouped by node (C-level counts)."""
    counts = Counter(node_of_edge)
    return [0, *accumulate(map(counts.get, range(n), repeat(0)))]


def _rank(pred: list[int], succ: list[int], hint: list[int] | None) -> tuple[list[int] | None | bool, list[int] | None]:
    """A topological numbering of the tasks, when one is at hand without a graph walk: True when the
    task order itself is one (every link goes from a lower index to a higher, as in most plans, where
    tasks are written after what they wait for), else `hint` if every link goes up in it, else None;
    with the hint, also each edge's successor's rank (solve sorts the edges by it)."""
    # the last edge first: a summary's finish-gate edges, appended last, go down in the task order
    if (not pred or pred[-1] < succ[-1]) and all(map(lt, pred, succ)):
        return True, None
    if hint is not None:
        ranks = list(map(hint.__getitem__, succ))
        if all(map(lt, map(hint.__getitem__, pred), ranks)):
            return hint, ranks
    return None, None


def solve(net: Network, codes: list[str] | None = None, hint: list[int] | None = None) -> Pass:
    """Forward pass then backward pass; raises CycleError naming the cycle.

    When the task order (or `hint`, a candidate topological rank per task) is topological, both
    passes are one loop over the edges sorted by their predecessor's rank, with no per-task
    bookkeeping; otherwise Kahn's algorithm finds the order as it goes (`_solve_kahn`). Both give
    the same dates: earliest and latest starts do not depend on which topological order is walked.
    """
    n = net.n
    pred, succ, weight = net.pred, net.succ, net.weight
    rank, ranks = _rank(pred, succ, hint)
    if rank is None:
        return _solve_kahn(net, codes)
    dur, fixed, floor = net.duration, net.fixed, net.floor
    m = len(pred)
    identity = rank is True
    # sorted by the successor's rank; links are usually stored by successor already, and then
    # walked as they are (a check in C instead of a sort and three gathers)
    by_rank = None
    if identity and all(map(le, succ, islice(succ, 1, None))):
        edges, e_pred, e_succ, e_w = range(m), pred, succ, weight
    else:
        if identity:
            edges = sorted(range(m), key=succ.__getitem__)
        else:  # the sorted ranks are kept: `Pass.into` finds a task's edges among them
            edges = sorted(range(m), key=ranks.__getitem__)
            by_rank = (edges, list(map(ranks.__getitem__, edges)))
        e_pred = list(map(pred.__getitem__, edges))
        e_succ = list(map(succ.__getitem__, edges))
        e_w = list(map(weight.__getitem__, edges))

    # forward: a[v] starts at v's own floor (programme start, start-no-earlier-than) or fixed start;
    # walking the edges by their successor's rank, every edge into u (successor u) comes before any
    # edge out of u (whose successor ranks above u)
    if net.earliest is None:
        a = [floor] * n
    else:
        a = [floor if e is None or e < floor else e for e in net.earliest]
    if fixed.count(None) == n:
        target = e_succ
    else:  # a fixed start does not move: links into it write to a spare slot (index n)
        a = [x if f is None else f for x, f in zip(a, fixed)]
        into = [i if f is None else n for i, f in zip(range(n), fixed)]
        target = list(map(into.__getitem__, e_succ))
    a.append(NEG)
    for u, v, w in zip(e_pred, target, e_w):
        c = a[u] + w
        if c > a[v]:
            a[v] = c
    a.pop()
    start = a

    finish = max(map(add, start, dur), default=floor)
    late = list(map(sub, repeat(finish, n), dur))
    for u, v, w in zip(reversed(e_pred), reversed(e_succ), reversed(e_w)):  # every edge out of v comes first
        t = late[v] - w
        if t < late[u]:
            late[u] = t
    total = list(map(sub, late, start))
    # copies: solve_outline rewrites the network's edges in place before solving again
    return Pass(range(n) if identity else None, start, late, total, finish, (list(pred), list(succ), list(weight)),
                edges if identity else None, None if identity else rank, by_rank)


def _solve_kahn(net: Network, codes: list[str] | None = None) -> Pass:
    """Forward pass (Kahn) then backward pass; raises CycleError naming the cycle."""
    n = net.n
    dur, fixed, floor = net.duration, net.fixed, net.floor
    out_ptr, out_edge = _csr(n, net.pred)
    succ_of_edge, weight = net.succ, net.weight
    out_succ = [succ_of_edge[k] for k in out_edge]
    out_w = [weight[k] for k in out_edge]

    indeg = [0] * n
    for s in succ_of_edge:
        indeg[s] += 1
    allowed = [NEG] * n if net.earliest is None else [NEG if e is None else e for e in net.earliest]
    start = [0] * n
    order = [v for v in range(n) if not indeg[v]]
    for u in order:  # the list grows while we walk it: Kahn's queue
        f = fixed[u]
        if f is None:
            a = allowed[u]
            su = a if a > floor else floor
        else:
            su = f
        start[u] = su
        lo = out_ptr[u]
        hi = out_ptr[u + 1]
        if lo == hi:
            continue
        if hi - lo == 1:  # the usual case: one successor, no slices to build
            v = out_succ[lo]
            c = su + out_w[lo]
            if c > allowed[v]:
                allowed[v] = c
            d = indeg[v] - 1
            indeg[v] = d
            if not d:
                order.append(v)
            continue
        for k in range(lo, hi):
            v = out_succ[k]
            c = su + out_w[k]
            if c > allowed[v]:
                allowed[v] = c
            d = indeg[v] - 1
            indeg[v] = d
            if not d:
                order.append(v)
    if len(order) < n:
        raise CycleError(_find_cycle(n, net.pred, net.succ, indeg, codes))

    finish = max(map(add, start, dur), default=floor)
    late = [0] * n
    for u in reversed(order):
        ls = finish - dur[u]
        lo = out_ptr[u]
        hi = out_ptr[u + 1]
        while lo < hi:
            t = late[out_succ[lo]] - out_w[lo]
            if t < ls:
                ls = t
            lo += 1
        late[u] = ls
    total = list(map(sub, late, start))
    res = Pass(order, start, late, total, finish, (list(net.pred), list(succ_of_edge), list(weight)))
    res.__dict__["_out"] = (out_ptr, out_succ, out_w, out_edge)
    return res


def free_float(res: Pass, duration: list[int], u: int) -> int:
    """Working days task u can slip without moving any successor (or the project finish).

    Computed per task when asked (a timing is read), not for all tasks up front."""
    su = res.start[u]
    ff = res.finish - su - duration[u]
    start = res.start
    lo, hi = res.out_ptr[u], res.out_ptr[u + 1]
    for v, w in zip(res.out_succ[lo:hi], res.out_w[lo:hi]):
        t = start[v] - su - w
        if t < ff:
            ff = t
    return ff if ff > 0 else 0


def loop_left(n: int, pred: list[int], succ: list[int], waiting: list[int]) -> list[int]:
    """A loop among the nodes Kahn's algorithm left (`waiting[v]` > 0), in link direction.

    Every node left has a predecessor left, so walking back along such links comes round to a
    node already seen; the nodes from there on are a cycle."""
    back: dict[int, int] = {}
    for p, s in zip(pred, succ):
        if waiting[s] and waiting[p] and s not in back:
            back[s] = p
    v = next(x for x in range(n) if waiting[x])
    seen: dict[int, int] = {}
    path: list[int] = []
    while v not in seen:
        seen[v] = len(path)
        path.append(v)
        v = back[v]
    loop = path[seen[v]:]
    loop.reverse()  # walked successor -> predecessor; in link direction now
    return loop


def _find_cycle(n: int, pred: list[int], succ: list[int], indeg: list[int], codes) -> list[str]:
    """Tasks left after Kahn all have an unprocessed predecessor: a loop among them, named."""
    loop = loop_left(n, pred, succ, indeg)
    # start at the smallest code so the message does not depend on where the walk began
    names = [codes[x] if codes else str(x) for x in loop]
    first = min(range(len(names)), key=lambda j: names[j])
    names = names[first:] + names[:first]
    return names + [names[0]]


def critical_chain(net: Network, res: Pass) -> list[int]:
    """The chain that drives the project finish, in link order.

    Starts from the task that finishes last (least float first on ties) and walks back along
    links that are tight in the backward pass (the predecessor's late start is set by this
    link), preferring the least-float predecessor; it stops where the float grows. In a plan
    without fixed dates this is the classic zero-float path; with manual dates that break
    links it is the least-float (possibly negative) chain behind the finish.
    """
    n = net.n
    if not n:
        return []
    tf, start, dur, late = res.total_float, res.start, net.duration, res.late_start
    pred, weight = net.pred, net.weight
    into = res.into  # edges by successor: the walk reads only the chain's
    ends = list(map(add, start, dur))
    end = min(compress(range(n), map(eq, ends, repeat(res.finish))), key=lambda v: (tf[v], v))  # the last to finish
    chain = [end]
    seen = {end}
    while True:
        cur = chain[-1]
        tight = [pred[k] for k in into(cur) if late[cur] - weight[k] == late[pred[k]]]
        if not tight:
            break
        p = min(tight, key=lambda q: (tf[q], -ends[q], q))
        if p in seen or tf[p] > tf[cur]:
            break
        seen.add(p)
        chain.append(p)
    chain.reverse()
    return chain


def forward_only(res: Pass, fixed: list[int | None], floors: list[int], delay: list[int],
                 finish_based: list[bool] | None) -> list[int]:
    """Another forward pass in `res`'s topological order with a per-task floor (forecasting).

    `delay[u]` postpones u's finish (work remaining past the plan); it reaches successors
    through the edges marked `finish_based` (FS/FF), not through start-based ones. With no
    delays, pass `finish_based=None`.
    """
    ptr, out_succ, out_w = res.out_ptr, res.out_succ, res.out_w
    allowed = list(floors)
    start = [0] * len(floors)
    if finish_based is None:
        for u in res.topological():
            f = fixed[u]
            su = allowed[u] if f is None else f
            start[u] = su
            lo, hi = ptr[u], ptr[u + 1]
            if lo != hi:
                for v, w in zip(out_succ[lo:hi], out_w[lo:hi]):
                    if su + w > allowed[v]:
                        allowed[v] = su + w
        return start
    out_add = [delay[u] if finish_based[k] else 0
               for u, k in zip(_owners(ptr), res.out_edge)]  # per CSR slot: the predecessor's delay
    for u in res.topological():
        f = fixed[u]
        su = allowed[u] if f is None else f
        start[u] = su
        lo, hi = ptr[u], ptr[u + 1]
        if lo != hi:
            for v, w, x in zip(out_succ[lo:hi], out_w[lo:hi], out_add[lo:hi]):
                if su + w + x > allowed[v]:
                    allowed[v] = su + w + x
    return start


def _owners(ptr: list[int]) -> list[int]:
    """For each CSR slot, the node whose out-edges it belongs to."""
    out: list[int] = []
    for u in range(len(ptr) - 1):
        out.extend([u] * (ptr[u + 1] - ptr[u]))
    return out
