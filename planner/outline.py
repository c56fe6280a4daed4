"""The work breakdown as pure data: tree order, depth, WBS numbers, summaries, ancestors.

A plan's tasks form an outline through `Task.parent_id`. Children are ordered by (order, id)
under their parent; top-level tasks by (order, id), or, given the modules, first by module in
the plan's order (tasks without a module last), as the task sheet groups them. The outline
order is depth-first: a summary, then its children, as MS Project lists them; WBS numbers
("1", "1.2", "1.2.3") count positions in that order across the whole plan and are computed,
never stored.

Works on ORM rows and the fast loader's named tuples alike (it reads id, parent_id, module_id
and order). A parent that is not in the plan, or a parent chain that loops (neither can be
written by the services), is treated as top level so every task appears exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator, Sequence

from planner.columns import columns


@dataclass
class Outline:
    order: list[int]  # task ids in outline order
    depth: dict[int, int]  # 0 = top level
    parent: dict[int, int | None]  # the effective parent (None when top level)
    children: dict[int | None, list[int]]  # ordered; children[None] = top-level tasks in plan order
    position: dict[int, int] = field(default_factory=dict)  # task id -> index in `order`
    _wbs: dict[int, str] | None = field(default=None, repr=False, compare=False)

    @property
    def summaries(self) -> set[int]:
        """Ids of tasks that have children (summary tasks)."""
        return {p for p, kids in self.children.items() if p is not None and kids}

    def is_summary(self, task_id: int) -> bool:
        return bool(self.children.get(task_id))

    def wbs(self) -> dict[int, str]:
        """Outline numbers: "1", "1.1", "1.1.2" ... (computed from positions, once per outline: an
        outline is shared by the snapshots of an unchanged hierarchy, so callers must not change it)."""
        if self._wbs is None:
            self._wbs = self._numbers()
        return self._wbs

    def _numbers(self) -> dict[int, str]:
        out: dict[int, str] = {}
        stack: list[tuple[int | None, str]] = [(None, "")]
        while stack:
            parent, prefix = stack.pop()
            kids = self.children.get(parent, [])
            for i, tid in enumerate(kids, 1):
                out[tid] = f"{prefix}{i}"
            stack.extend((tid, f"{out[tid]}.") for tid in reversed(kids) if self.children.get(tid))
        return out

    def ancestors(self, task_id: int) -> Iterator[int]:
        """Parent, grandparent ... of a task (nearest first)."""
        p = self.parent.get(task_id)
        while p is not None:
            yield p
            p = self.parent.get(p)

    def descendants(self, task_id: int) -> list[int]:
        """Every task under `task_id`, in outline order (a contiguous run after it)."""
        start = self.position[task_id] + 1
        d = self.depth[task_id]
        end = start
        order, depth = self.order, self.depth
        while end < len(order) and depth[order[end]] > d:
            end += 1
        return order[start:end]

    def leaves_under(self, task_id: int) -> list[int]:
        return [t for t in self.descendants(task_id) if not self.children.get(t)]

    def visible(self, collapsed: Iterable[int]) -> list[int]:
        """Outline order without the descendants of collapsed summaries."""
        shut = set(collapsed)
        if not shut:
            return list(self.order)
        out: list[int] = []
        skip_below: int | None = None
        depth = self.depth
        for tid in self.order:
            d = depth[tid]
            if skip_below is not None:
                if d > skip_below:
                    continue
                skip_below = None
            out.append(tid)
            if tid in shut and self.children.get(tid):
                skip_below = d
        return out


_COLUMNS = ("id", "parent_id", "order", "module_id")


def build_outline(tasks: Sequence, modules: Sequence | None = None) -> Outline:
    """The outline of `tasks` (rows with id, parent_id, module_id, order); see the module docstring."""
    return _from_columns(*columns(tasks, _COLUMNS), modules)


def _from_columns(ids: list[int], parents: list, orders: list[int], module_ids: list,
                  modules: Sequence | None = None) -> Outline:
    """`build_outline` on the tasks' columns (read in one go: ORM rows are slow to read one by one)."""
    place = sorted(range(len(ids)), key=ids.__getitem__)  # by (order, id): two stable sorts on ints,
    place.sort(key=orders.__getitem__)  # each a single pass when the rows come in that order already
    known = set(ids)
    if modules is not None:  # top-level tasks by module first (the task sheet's grouping); the sort
        rank = {mod.id: i for i, mod in enumerate(modules)}  # is stable: children keep (order, id)
        unranked = len(rank)
        group = [rank.get(module_ids[i], unranked) if parents[i] not in known else 0 for i in place]
        place = list(map(place.__getitem__, sorted(range(len(place)), key=group.__getitem__)))
    ids, raw = list(map(ids.__getitem__, place)), list(map(parents.__getitem__, place))
    parents = [p if p in known and p != t else None for t, p in zip(ids, raw)]
    kids: dict[int | None, list[int]] = {None: []}
    for tid, p in zip(ids, parents):
        got = kids.get(p)
        if got is None:
            kids[p] = [tid]
        else:
            got.append(tid)
    parent = dict(zip(ids, parents))
    order = _depth_first(kids, kids[None])
    if len(order) < len(ids):  # parent chains that loop: lift the first task of each loop
        reached = set(order)
        for tid in ids:
            if tid not in reached:
                kids[parent[tid]].remove(tid)
                kids[None].append(tid)
                parent[tid] = None
                more = _depth_first(kids, [tid])
                order += more
                reached.update(more)
    depth: dict[int, int] = {}
    for tid in order:  # a parent always comes before its children
        p = parent[tid]
        depth[tid] = 0 if p is None else depth[p] + 1
    outline = Outline(order, depth, parent, kids)
    outline.position = dict(zip(order, range(len(order))))
    return outline


class _LastOutline:
    """`build_outline(tasks)` reused while no task's id, parent or order has changed.

    The app takes a new plan snapshot after every edit and reschedules it; most edits (dates,
    progress, links, names) leave the outline as it was, and rebuilding it (with the scheduler's
    shape of it) is about a seventh of scheduling a 10,000-task work breakdown. One entry (the
    plan being edited), compared column by column (lists of ints: equal objects compare by
    identity). An `Outline` is never changed after it is built, so snapshots can share it."""

    def __init__(self):
        self._last: tuple[list, Outline] | None = None  # one tuple, swapped whole: safe across threads

    def __call__(self, tasks: Sequence) -> Outline:
        cols = columns(tasks, _COLUMNS)
        key = cols[:3]  # id, parent_id, order
        last = self._last
        if last is not None and last[0] == key:
            return last[1]
        outline = _from_columns(*cols)
        self._last = (key, outline)
        return outline

    def forget(self) -> None:
        """Build the next outline afresh (benchmarks: the cost after an outline edit)."""
        self._last = None


outline_of = _LastOutline()


def _depth_first(kids: dict, top: list[int]) -> list[int]:
    """Depth-first order from `top`, iteratively (an outline may be thousands of levels deep in a
    hostile file). Tasks in a parent loop are not reachable from the top and are left out."""
    order: list[int] = []
    append, get = order.append, kids.get
    stack = top[::-1]
    pop, extend = stack.pop, stack.extend
    while stack:
        tid = pop()
        append(tid)
        below = get(tid)
        if below:
            extend(below[::-1])
    return order


def parent_loop(parent_of: dict) -> list | None:
    """A chain of keys that leads back to itself through `parent_of` (key -> parent key), or None.

    Used where parents arrive as data (an imported sheet) before any service could refuse them.
    """
    done: set = set()
    for start in parent_of:
        path: list = []
        on_path: set = set()
        node = start
        while node is not None and node not in done:
            if node in on_path:
                return path[path.index(node):] + [node]
            path.append(node)
            on_path.add(node)
            node = parent_of.get(node)
        done.update(path)
    return None
