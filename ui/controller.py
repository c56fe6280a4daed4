"""The one DocumentController: owns the open Project, the undo stack and the cached plan.

Data flows one way: a gesture becomes one undo command (ui/commands.py); the command calls
one core service through `run_service`; the controller broadcasts the returned `Changes` on
`changed`; each view refreshes only the areas it shows.
"""

from __future__ import annotations

import bisect
import gc
import logging
from contextlib import contextmanager
from functools import cached_property
from itertools import compress, islice
from operator import lt, not_

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlmodel import SQLModel, select

from planner import plan as plan_module
from planner.changes import Area, Changes
from planner.collector import paused
from planner.columns import columns
from planner.document import Project
from planner.errors import PlannerError
from planner.model import Task
from planner.plan import LIST_OF_TABLE, Plan, load_plan
from planner.schedule.result import ScheduleResult
from planner.schedule.reuse import NETWORK_TASK_FIELDS
from planner.services.journal import Patch
from ui.messages import user_message

log = logging.getLogger(__name__)

# Columns other rows or lookups are keyed by: changing one needs a full reload of the snapshot.
_KEY_COLUMNS = {"id", "code", "order", "stage_id", "module_id", "task_id", "team_id", "period",
                "indicator_id", "objective_id", "key_result_id", "predecessor_id", "successor_id",
                "role_id", "baseline_id", "parent_id"}

# The lists each of the Plan's cached lookups is built from: after a journaled edit only the
# lookups of the lists it touched are rebuilt (a task added leaves `predecessors_of` alone).
# A lookup missing here is rebuilt after every edit.
_LOOKUP_READS = {
    "task_by_id": {"tasks"}, "task_by_code": {"tasks"}, "outline": {"tasks"}, "stage_by_id": {"stages"},
    "module_by_id": {"modules"}, "team_by_id": {"teams"}, "role_by_id": {"roles"},
    "indicator_by_id": {"indicators"}, "roles_of_task": {"task_roles"}, "predecessors_of": {"dependencies"},
    "successor_ids_of": {"dependencies"},
    "readings_of": {"readings"}, "_cells": {"cells"},
}

_BY_TASK_FIELD = {"task_by_id": "id", "task_by_code": "code"}  # lookups of the tasks by one unique field


def collect_all() -> None:
    """One full collection including what `gc.freeze()` set aside, then everything alive frozen again.

    The frozen generation is never collected, so a window or plan closed after a freeze stays in
    memory until this runs; it costs one walk of every tracked object (~250 ms with a 10,000-task
    plan open), so it runs when a plan or window is closed, not on edits.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


_collect_pending = False


@contextmanager
def _collector_paused():
    """The cyclic collector off while an edit is brought into the snapshot and the views (or the
    schedule is computed), then everything alive frozen, as after a snapshot is read.

    An edit replaces rows, lookups, the schedule and the views' rows: tens of thousands of
    objects. Left collectable they made a full collection (every object not frozen, ~200,000
    after a few edits at 10,000 tasks) land in most edits, 100-280 ms each. Frozen objects are
    still freed by reference counting when dropped; only cycles among them wait for
    `collect_all` (a plan or window closed)."""
    with paused():
        try:
            yield
        finally:
            gc.freeze()


def collect_soon() -> None:
    """`collect_all` shortly after control is back in the event loop (once per burst of closes)."""
    global _collect_pending
    if _collect_pending:
        return
    _collect_pending = True

    def run() -> None:
        global _collect_pending
        _collect_pending = False
        collect_all()

    # After the closing gesture's deferred deletes (a closed window's C++ side goes first, then
    # its Python side is a plain cycle the collection frees).
    QTimer.singleShot(100, run)


class DocumentController(QObject):
    changed = Signal(object)  # Changes
    document_replaced = Signal()  # a different Project was opened (views reset completely)
    error = Signal(str)  # a user-facing message about a refused edit or gesture
    problem_resolved = Signal(str)  # the cause of that message is gone (the status bar clears it)
    outline_toggled = Signal(object)  # frozenset of summary task ids expanded or collapsed
    baseline_chosen = Signal(object)  # the baseline id the views compare with (None: none)

    def __init__(self, project: Project | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.project: Project | None = None
        self._plan: Plan | None = None
        self._schedule: ScheduleResult | None = None
        self._schedule_failed = False
        # the last schedule while only task fields outside its network changed since (a progress
        # report): the next schedule takes its network as it is (`schedule_plan(progress_since=)`)
        self._progress_since: ScheduleResult | None = None
        self._patched_fields: set[str] = set()  # the fields `_patch_plan` found changed
        self.patched: tuple[type[SQLModel], frozenset[int]] | None = None
        """Set while `changed` is emitted when only non-key fields of these rows changed."""
        self.collapsed: set[int] = set()
        """Summary tasks shown collapsed, shared by the task matrix and the Gantt (not an edit)."""
        self._baseline_choice: int | str | None = "latest"
        if project is not None:
            self.set_project(project)

    # --- the document ----------------------------------------------------------------
    def set_project(self, project: Project) -> None:
        old = self.project
        self.project = project
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.collapsed = set()
        self._baseline_choice = "latest"
        self._plan = None
        self._schedule = None
        self._schedule_failed = False
        self._progress_since = None
        self.document_replaced.emit()
        if old is not None and old is not project:
            old.close()
            collect_soon()  # the views of the last plan dropped its rows and their caches

    def __del__(self) -> None:
        # A controller nobody closed (a view's test, a window dropped without closing) may be
        # freed by the cyclic collector together with its undo commands. The collector calls
        # this finalizer while every object of the cycle is still whole (PEP 442); left to
        # tp_clear, PySide could free the commands' wrappers first and ~QUndoStack then crashed
        # on them. Emptying the stack here deletes the commands in order.
        try:
            stack = self.undo_stack
            stack.blockSignals(True)
            stack.clear()
        except (AttributeError, RuntimeError):  # never fully built, or the C++ side is already gone
            pass

    def release(self) -> None:
        """The window is closing: close the plan and free its undo commands and snapshot now.

        The undo commands must go here, on a live controller: left to the cyclic garbage
        collector (the window, its views and this controller refer to each other), PySide could
        free a command's Python wrapper, and with it the C++ command, before ~QUndoStack deleted
        that command again - a segfault inside the collector (scripts/repro_window_cycles.py).
        """
        self.undo_stack.clear()
        self._plan = None
        self._schedule = self._progress_since = None
        if self.project is not None:
            self.project.close()
            self.project = None
        collect_soon()

    # --- cached reads (rebuilt lazily after a change) ----------------------------------
    def plan(self) -> Plan:
        if self._plan is None:
            # A snapshot is ~5 objects per row and lives until the next reload. Freezing it keeps
            # the cyclic garbage collector from re-scanning it on every burst of allocations (on
            # a 10,000-task plan a full collection walks ~500,000 objects, ~250 ms, against ~15 ms
            # with the snapshot frozen: docs/benchmarks.md). The collector is paused while the
            # snapshot is read, so no collection runs between unfreeze and freeze: it would walk
            # everything, and it is the moment the frozen garbage of closed windows became
            # collectable (that is where a crash was seen; see `release`). Cycles that died while
            # frozen are freed by `collect_soon` when a plan or window is closed.
            gc.unfreeze()
            with _collector_paused():
                self._plan = self.project.read(load_plan)
        return self._plan

    def schedule(self) -> ScheduleResult | None:
        """The computed schedule, or None while no scheduler is available or the plan has a cycle."""
        if self._schedule is None and not self._schedule_failed:
            try:
                from planner.schedule import schedule_plan
            except ImportError:
                return None
            try:
                since, self._progress_since = self._progress_since, None
                with _collector_paused():
                    self._schedule = schedule_plan(self.plan(), progress_since=since)
            except PlannerError as exc:
                log.info("schedule not computed: %s", exc)
                self._schedule_failed = True
            except Exception:  # noqa: BLE001 - views paint without float rather than fail on every repaint
                log.exception("scheduling failed")
                self._schedule_failed = True
        return self._schedule

    # --- outline display ----------------------------------------------------------------
    def set_collapsed(self, task_ids, collapsed: bool) -> None:
        """Collapse or expand summary tasks in every view (a view state, not an undoable edit)."""
        ids = frozenset(task_ids)
        before = set(self.collapsed)
        if collapsed:
            self.collapsed |= ids
        else:
            self.collapsed -= ids
        if self.collapsed != before:
            self.outline_toggled.emit(ids)

    # --- the baseline compared with (variance columns, baseline bars) ----------------------
    def compared_baseline_id(self) -> int | None:
        """The baseline chosen in the task matrix or the Gantt; until one is chosen, the latest."""
        if self.project is None:
            return None
        plan = self.plan()
        known = {b.id for b in plan.baselines}
        if self._baseline_choice is None:
            return None
        if self._baseline_choice in known:
            return self._baseline_choice
        from planner.baselines import latest

        newest = latest(plan)
        return newest.id if newest is not None else None

    def choose_baseline(self, baseline_id: int | None) -> None:
        """Compare with this baseline in every view (a view state, not an undoable edit)."""
        if baseline_id == self._baseline_choice:
            return
        self._baseline_choice = baseline_id
        self.baseline_chosen.emit(self.compared_baseline_id())

    # --- edits -------------------------------------------------------------------------
    def push(self, command: QUndoCommand) -> None:
        """Every user edit goes through here: one gesture, one undo step.

        Raises the command's PlannerError when its first run failed (nothing was changed and
        nothing was put on the stack).
        """
        self.undo_stack.push(command)
        error = getattr(command, "error", None)
        if error is not None:
            raise error

    def try_push(self, command: QUndoCommand) -> bool:
        """Push; on a user error report it on `error` and return False."""
        try:
            self.push(command)
        except PlannerError as exc:
            self.error.emit(user_message(exc))
            return False
        return True

    def run_service(self, service, *args, patch_table: type[SQLModel] | None = None, **kwargs) -> Changes:
        """Called by undo commands only. Runs one service and broadcasts what changed.

        `patch_table` says the service only edited fields of that table's rows in `Changes.ids`,
        so the cached snapshot can be patched in place instead of reloaded (fast on big plans).
        """
        with _collector_paused():
            changes = self.project.run(service, *args, **kwargs)
            self.notify(changes, patch_table)
        return changes

    def notify(self, changes: Changes, patch_table: type[SQLModel] | None = None) -> None:
        with _collector_paused():
            self._notify(changes, patch_table)

    def _notify(self, changes: Changes, patch_table: type[SQLModel] | None) -> None:
        if patch_table is not None and self._patch_plan(patch_table, changes.ids):
            self.patched = (patch_table, changes.ids)
        else:
            self.patched = None
            if not (isinstance(changes.undo, Patch) and self._apply_journal(changes.undo)):
                self._plan = None
        if changes.areas & (Area.SCHEDULE | Area.TASKS | Area.DEPENDENCIES | Area.PROGRAMME | Area.MILESTONES):
            # task rows patched in place, none of the fields the schedule's network is built from
            progress_only = (self.patched is not None and patch_table is Task
                             and not changes.areas & ~(Area.TASKS | Area.SCHEDULE)
                             and self._patched_fields.isdisjoint(NETWORK_TASK_FIELDS))
            self._progress_since = (self._schedule or self._progress_since) if progress_only else None
            self._schedule = None
            self._schedule_failed = False
        try:
            self.changed.emit(changes)
        finally:
            self.patched = None

    def _apply_journal(self, patch: Patch) -> bool:
        """Bring the snapshot up to date from the rows a journaled service touched.

        Rows are re-read by id and replaced, added or removed in their lists, which are then put
        back in load order (new rows alone are inserted in place); the Plan's lookups built from
        those lists are dropped so they rebuild on next use. Much cheaper than a full reload on
        big plans; False (reload) when there is no snapshot.
        """
        if self._plan is None or not patch.entries:
            return self._plan is not None
        wanted: dict[type[SQLModel], set[int]] = {}
        for table, row_id, _before in patch.entries:
            wanted.setdefault(table, set()).add(row_id)
        if any(table not in LIST_OF_TABLE for table in wanted):
            return False

        def read(s):
            found = {}
            for table, ids in wanted.items():
                found[table] = {row.id: row for row in s.exec(select(table).where(table.id.in_(ids)))}
            s.expunge_all()
            return found

        fresh = self.project.read(read)
        created = {(table, row_id) for table, row_id, before in patch.entries if before is None}
        added: list = []  # new tasks, when tasks were only added
        for table, ids in wanted.items():
            rows = getattr(self._plan, LIST_OF_TABLE[table])
            key = (lambda r: (r.order, r.id)) if table in plan_module._ORDERED else (lambda r: r.id)
            if all((table, row_id) in created for row_id in ids):
                # Only new rows (a task added): the rest stay in load order, each new one is put
                # in its place - no walk over the 10,000 others.
                for row in sorted(fresh[table].values(), key=key):
                    bisect.insort(rows, row, key=key)
                if table is Task:
                    added = list(fresh[table].values())
                continue
            rows[:] = _replaced(rows, ids, list(fresh[table].values()), table in plan_module._ORDERED)
        changed = {LIST_OF_TABLE[table] for table in wanted}
        lookups = self._plan.__dict__
        for name in [k for k, v in vars(Plan).items() if isinstance(v, cached_property)]:
            if name in _BY_TASK_FIELD and added and lookups.get(name) is not None:
                field_name = _BY_TASK_FIELD[name]  # a task added: its entry added, no walk over the others
                lookups[name].update((getattr(row, field_name), row) for row in added)
            elif _LOOKUP_READS.get(name, changed) & changed:  # a lookup not listed is always rebuilt
                lookups.pop(name, None)
        return True

    def _patch_plan(self, table: type[SQLModel], ids: frozenset[int]) -> bool:
        """Copy the edited rows' fields into the snapshot; False when a reload is needed."""
        if self._plan is None or table not in LIST_OF_TABLE or not ids:
            return False
        by_id = self._plan.__dict__.get("task_by_id") if table is Task else None  # built already: no walk
        if by_id is not None:
            current = {row_id: by_id[row_id] for row_id in ids if row_id in by_id}
        else:
            current = {row.id: row for row in getattr(self._plan, LIST_OF_TABLE[table]) if row.id in ids}
        fresh = self.project.read(lambda s: list(s.exec(select(table).where(table.id.in_(ids)))))
        if len(fresh) != len(ids) or set(current) != set(ids):
            return False
        changed: set[str] = set()
        for row in fresh:
            old = current[row.id]
            values = row.model_dump()
            if any(values[k] != getattr(old, k) for k in values if k in _KEY_COLUMNS):
                return False
            changed.update(k for k, v in values.items() if v != getattr(old, k))
        for row in fresh:
            for key, value in row.model_dump().items():
                setattr(current[row.id], key, value)
        self._patched_fields = changed
        return True


def _replaced(rows: list, ids: set[int], fresh: list, ordered: bool) -> list:
    """`rows` (in load order: by (order, id), or by id) without the rows of `ids`, with `fresh` put in
    their places by the same key.

    The keys are read column-wise and the rows kept are already in order, so only the fresh rows
    are placed (a bisection each) instead of sorting 10,000 rows by a Python key; rows found out of
    order (never expected) are sorted whole."""
    names = ("order", "id") if ordered else ("id",)
    cols = columns(rows, names)
    row_ids = cols[-1]
    keys = list(zip(*cols)) if ordered else row_ids
    if ids:
        stay = list(map(not_, map(ids.__contains__, row_ids)))
        rows, keys = list(compress(rows, stay)), list(compress(keys, stay))
    new_cols = columns(fresh, names)
    new_keys = list(zip(*new_cols)) if ordered else new_cols[0]
    if not all(map(lt, keys, islice(keys, 1, None))):
        merged = rows + fresh
        every = keys + new_keys
        return [merged[k] for k in sorted(range(len(merged)), key=every.__getitem__)]
    placed = sorted(zip(new_keys, range(len(fresh))))
    out: list = []
    start = 0
    for key, n in placed:
        at = bisect.bisect_left(keys, key, start)
        out.extend(rows[start:at])
        out.append(fresh[n])
        start = at
    out.extend(rows[start:])
    return out
