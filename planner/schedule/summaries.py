"""Summary tasks in the network: which tasks are summaries, and links on them rewritten onto sub-tasks.

A summary has no work of its own: its dates are the roll-up of its sub-tasks (rollup.py), so
the scheduler only places leaf tasks. Links on a summary apply to its sub-tasks, as in MS
Project (the network is rewritten before `cpm.solve`, which never sees a summary rule):

- a link *to* a summary constrains every leaf under it (FS/SS: each leaf's start; FF/SF,
  which MS Project does not allow on summaries, each leaf's finish);
- a finish-based link *from* a summary (FS or FF, no progress threshold) waits for its last
  leaf: it leaves the summary's own node, which becomes a zero-length "finish gate" that every
  leaf under it precedes;
- a start-based link from a summary (SS, SF) or one with a progress threshold ("start when
  the phase is 30% done") counts from the summary's start, which is its earliest leaf's: the
  link leaves that leaf (the summary's *representative*), and the scheduler re-solves when the
  representative turns out to be another leaf (`representatives`);
- a link between a summary and a task inside it makes no sense and is dropped (reported).

Everything here is by task index (0..n-1, as in `TaskArrays`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain, compress
from operator import not_

_FINISH_BASED = ("FS", "FF")


@dataclass
class Shape:
    """The outline by task index."""

    parent: list[int | None]  # effective parent (loops in the file are cut)
    children: dict[int, list[int]]  # summary index -> direct children
    leaves: dict[int, list[int]]  # summary index -> every leaf under it
    bottom_up: list[int]  # summary indices, every summary after all summaries under it
    position: list[int] = field(default_factory=list)  # place of each task in the outline order
    span: dict[int, tuple[int, int]] = field(default_factory=dict)  # summary -> positions of what is under it

    def is_summary(self, i: int) -> bool:
        return i in self.children

    @cached_property
    def leaf_mask(self) -> list[bool]:
        """Per task, True for a leaf (not a summary); built once per outline (a shape is shared
        while the outline is unchanged, see `outline_shape`)."""
        mask = [True] * len(self.parent)
        for sm in self.children:
            mask[sm] = False
        return mask

    @cached_property
    def rank_hint(self) -> list[int]:
        """A likely topological rank for `cpm.solve`: the task order, with each summary (its finish
        gate, which its leaves precede) just after its last leaf. Only a hint: solve checks it."""
        hint = list(range(0, 2 * len(self.parent), 2))
        for sm, leaves in self.leaves.items():
            hint[sm] = 2 * max(leaves) + 1 if leaves else hint[sm]
        return hint


def outline_shape(plan, index_of: dict[int, int], parents: list | None = None,
                  ids: list[int] | None = None) -> Shape | None:
    """The plan's outline by index, or None when no task has a sub-task (the common, fast case).
    `parents` and `ids` are the tasks' parent_id and id columns when the caller has them already."""
    global _last_shape
    parents = [t.parent_id for t in plan.tasks] if parents is None else parents
    if parents.count(None) == len(parents):
        return None
    outline = plan.outline
    ids = [t.id for t in plan.tasks] if ids is None else ids
    last = _last_shape
    if last is not None and last[0] is outline and last[1] == ids:  # the outline is shared while unchanged (outline_of)
        return last[2]
    shape = _shape(outline, index_of, ids)
    _last_shape = (outline, list(ids), shape)
    return shape


# the last (outline, task ids, shape), swapped whole (safe across threads); a Shape, like an
# Outline, is never changed once built
_last_shape: tuple | None = None


def _shape(outline, index_of: dict[int, int], ids: list[int]) -> Shape | None:
    # by index, from the outline's maps (C-level); children in task order, as the roll-up sums them
    parent: list[int | None] = list(map(index_of.get, map(outline.parent.get, ids)))
    to_index = index_of.__getitem__
    children: dict[int, list[int]] = dict(sorted(
        ((index_of[p], sorted(map(to_index, kids))) for p, kids in outline.children.items() if p is not None and kids),
        key=lambda item: item[1][0]))  # summaries in the order of their first sub-task
    if not children:
        return None
    depth_of, place = outline.depth, outline.position
    position = list(map(place.__getitem__, ids))
    bottom_up = sorted(children, key=lambda sm: -depth_of[ids[sm]])
    leaves: dict[int, list[int]] = {}
    size: dict[int, int] = {}  # tasks under each summary
    for sm in bottom_up:  # children's leaf lists are complete before their parent's is built
        mine: list[int] = []
        count = 0
        for c in children[sm]:
            if c in children:
                mine.extend(leaves[c])
                count += size[c] + 1
            else:
                mine.append(c)
                count += 1
        leaves[sm], size[sm] = mine, count
    # what is under a summary is a contiguous run of the outline order, right after it
    span = {sm: (position[sm] + 1, position[sm] + size[sm]) for sm in bottom_up}
    return Shape(parent, children, leaves, bottom_up, position, span)


@dataclass
class Expanded:
    """The network's edges after rewriting links on summaries, column by column."""

    pred: list[int]
    succ: list[int]
    kinds: list[str]
    lags: list[int]  # as written (in lag units)
    units: list[str]
    thresholds: list[float]
    origin: list[int]  # index of the dependency (in the plan's order) each edge comes from; -1 = gate
    shown_pred: list[int]  # the task the user linked from (the summary, for gate and representative edges)
    shown_succ: list[int]  # the task the user linked to (the summary, for edges to its leaves)
    weight: list[int] = field(default_factory=list)  # the links between leaves' weights (build adds the rest)
    rep_edges: list[int] = field(default_factory=list)  # edges leaving a representative leaf
    rep_of: dict[int, int] = field(default_factory=dict)  # summary -> its representative leaf
    dropped: list[int] = field(default_factory=list)  # dependencies between a summary and its own task
    link_runs: list[tuple[int, int]] = field(default_factory=list)  # edges lo:hi of each link on a summary
    leaf_runs: list[slice] = field(default_factory=list)  # the direct edges as runs of the plan's links
    direct: int = 0  # the first `direct` edges are the links between two leaf tasks, as written


def expand(shape: Shape, pred: list[int], succ: list[int], kinds: list[str], lags: list[int], units: list[str],
           thresholds: list[float], first_leaf, free: list[bool], weight: list[int], duration: list[int]) -> Expanded:
    """Rewrite links on summaries (see the module docstring); `first_leaf(summary)` gives a
    summary's initial representative (the scheduler corrects it if another leaf starts first);
    `free[i]` says task i follows its links (automatic, not started), see `_Covered`; `weight`
    holds the original edges' weights (`cpm.link_weight`)."""
    children = shape.children
    leaf = shape.leaf_mask
    # the few links on a summary, by number; the links between two leaf tasks stay as they are,
    # copied as the runs of edges between those (slices, not a per-edge mask over every column)
    m = len(pred)
    is_leaf = leaf.__getitem__
    on_summary = sorted({*compress(range(m), map(not_, map(is_leaf, pred))),
                         *compress(range(m), map(not_, map(is_leaf, succ)))})
    runs = [slice(a + 1, b) for a, b in zip([-1, *on_summary], [*on_summary, m])]

    def direct(col: list) -> list:
        return list(chain.from_iterable(map(col.__getitem__, runs)))

    origin = direct(range(m))
    e_pred, e_succ = direct(pred), direct(succ)
    out = Expanded(e_pred, e_succ, direct(kinds), direct(lags), direct(units), direct(thresholds),
                   origin, list(e_pred), list(e_succ), direct(weight), direct=len(origin), leaf_runs=runs)
    gates: set[int] = set()
    leaves = shape.leaves
    covered = _Covered(shape, out, free, duration)
    for k in on_summary:
        p, s, kind, thr = pred[k], succ[k], kinds[k], thresholds[k]
        if _related(shape, p, s):
            out.dropped.append(k)
            continue
        targets = covered.entries(s) if s in children and kind in ("FS", "SS") else leaves[s] if s in children else [s]
        if p not in children:
            source = p
        elif kind in _FINISH_BASED and thr >= 1.0:
            source = p
            gates.add(p)
        else:
            if p not in out.rep_of:
                out.rep_of[p] = first_leaf(p)
            source = out.rep_of[p]
            out.rep_edges.extend(range(len(out.pred), len(out.pred) + len(targets)))
        out.link_runs.append((len(out.pred), len(out.pred) + len(targets)))
        _edges(out, [source] * len(targets), targets, kind, lags[k], units[k], thr, k, p, s)
    for g in sorted(gates):  # the leaves that may finish last precede the summary's finish gate
        ends = covered.exits(g)
        _edges(out, ends, [g] * len(ends), "FS", 0, "d", 1.0, -1, None, g)
    return out


class _Covered:
    """Which leaves of a summary need their own edge for a constraint on the whole summary.

    A start constraint on summary S (FS/SS onto it) reaches a free leaf L through another free
    leaf of S linked to it with a non-negative weight (L starts no earlier than it), so L needs
    no edge of its own. Symmetrically a leaf followed within S by a free leaf that must finish
    no earlier (weight + that leaf's duration >= its own) cannot be S's last one. Every leaf of S
    is then reached, directly or along links inside S, and the left-out edges are redundant in
    the forward and in the backward pass (the path through S is at least as tight). Manual and
    started leaves always keep their edge, so every conflict is still seen.

    What is under S is a run of outline positions, so "a linked leaf inside S" is a range test:
    per leaf, the nearest qualifying neighbour before and after it in the outline is kept
    (one pass over the links), and S holds one iff either lies in S's run."""

    def __init__(self, shape: Shape, out: Expanded, free: list[bool], duration: list[int]):
        self.shape, self.free, self.duration = shape, free, duration
        self._out, self._n = out, len(out.pred)
        self._near: tuple[list, list, list, list] | None = None

    def _index(self) -> None:
        out, n, dur, free, pos = self._out, self._n, self.duration, self.free, self.shape.position
        far = len(pos) + 1
        pred_before, pred_after = [-1] * len(pos), [far] * len(pos)  # nearest free predecessor, by position
        succ_before, succ_after = [-1] * len(pos), [far] * len(pos)  # nearest free successor that finishes later
        for p, s, w in zip(out.pred[:n], out.succ[:n], out.weight[:n]):
            ps, pp = pos[s], pos[p]
            if w >= 0 and free[p]:
                if pp < ps:
                    if pp > pred_before[s]:
                        pred_before[s] = pp
                elif pp < pred_after[s]:
                    pred_after[s] = pp
            if free[s] and w + dur[s] >= dur[p]:
                if ps < pp:
                    if ps > succ_before[p]:
                        succ_before[p] = ps
                elif ps < succ_after[p]:
                    succ_after[p] = ps
        self._near = (pred_before, pred_after, succ_before, succ_after)

    def entries(self, sm: int) -> list[int]:
        if self._near is None:
            self._index()
        before, after = self._near[0], self._near[1]
        lo, hi = self.shape.span[sm]
        free = self.free
        return [leaf for leaf in self.shape.leaves[sm]
                if not (free[leaf] and (before[leaf] >= lo or after[leaf] <= hi))]

    def exits(self, sm: int) -> list[int]:
        if self._near is None:
            self._index()
        before, after = self._near[2], self._near[3]
        lo, hi = self.shape.span[sm]
        return [leaf for leaf in self.shape.leaves[sm] if not (before[leaf] >= lo or after[leaf] <= hi)]


def _edges(out: Expanded, ps: list[int], ss: list[int], kind: str, lag: int, unit: str, thr: float, origin: int,
           shown_p: int | None, shown_s: int) -> None:
    n = len(ps)
    out.pred.extend(ps)
    out.succ.extend(ss)
    out.kinds.extend([kind] * n)
    out.lags.extend([lag] * n)
    out.units.extend([unit] * n)
    out.thresholds.extend([thr] * n)
    out.origin.extend([origin] * n)
    out.shown_pred.extend(ps if shown_p is None else [shown_p] * n)
    out.shown_succ.extend([shown_s] * n)


def _related(shape: Shape, a: int, b: int) -> bool:
    """True when one task is inside the other (a summary and one of its own sub-tasks)."""
    return _inside(shape, a, b) or _inside(shape, b, a)


def _inside(shape: Shape, inner: int, outer: int) -> bool:
    p = shape.parent[inner]
    while p is not None:
        if p == outer:
            return True
        p = shape.parent[p]
    return False


def representatives(shape: Shape, start: list[int], current: dict[int, int]) -> dict[int, int]:
    """Each summary's leaf that starts first in this schedule (ties: the current one, then outline order)."""
    out = {}
    for summary, rep in current.items():
        leaves = shape.leaves[summary]
        best = min(map(start.__getitem__, leaves))
        out[summary] = rep if start[rep] == best else next(leaf for leaf in leaves if start[leaf] == best)
    return out
