"""Row journal: every service writes through one, so its `Changes.undo` restores rows exactly.

A service records the before-image of each row it touches (None for rows it created). The
inverse call, `undo(session, patch)`, puts every row back as it was and itself returns the
patch that redoes the edit, so undo and redo keep the same ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from sqlmodel import Session, SQLModel, select

from planner import model as m
from planner.changes import Area, Changes
from planner.services.rows import AREA_OF, DEPENDANTS, NULLED

_RANK = {table: i for i, table in enumerate(m.ALL_TABLES)}  # parents before children


@dataclass(frozen=True)
class Patch:
    """Before-images: (table, id, column values before the edit, or None if it was created)."""

    entries: tuple[tuple[type[SQLModel], int, dict | None], ...]
    areas: Area = Area.NONE
    ids: frozenset[int] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.entries)


def values_of(row: SQLModel) -> dict[str, Any]:
    """Column values of a row (a plain dict, safe to keep after the session closes)."""
    return {c.name: getattr(row, c.name) for c in type(row).__table__.columns}


class Journal:
    """Writes rows for one service call and remembers how they were before."""

    def __init__(self, s: Session):
        self.s = s
        self._before: dict[tuple[type[SQLModel], int], dict | None] = {}
        self.areas = Area.NONE
        self.ids: set[int] = set()

    # --- writes ------------------------------------------------------------------------
    def add(self, row: SQLModel) -> SQLModel:
        self.s.add(row)
        self.s.flush()
        self._before.setdefault((type(row), row.id), None)
        self.areas |= AREA_OF[type(row)]
        return row

    def update(self, row: SQLModel, **values: Any) -> SQLModel:
        changed = {k: v for k, v in values.items() if getattr(row, k) != v}
        if not changed:
            return row
        self._remember(row)
        for key, value in changed.items():
            setattr(row, key, value)
        self.s.add(row)
        self.s.flush()
        return row

    def update_all(self, changes: Iterable[tuple[SQLModel, dict[str, Any]]]) -> None:
        """`update` for many rows with one flush at the end (what a rescheduling writes back)."""
        touched = False
        for row, values in changes:
            changed = {k: v for k, v in values.items() if getattr(row, k) != v}
            if not changed:
                continue
            self._remember(row)
            for key, value in changed.items():
                setattr(row, key, value)
            self.s.add(row)
            touched = True
        if touched:
            self.s.flush()

    def delete(self, row: SQLModel) -> None:
        """Delete a row with its dependants (cascade) and clear optional references to it."""
        doomed: list[SQLModel] = []
        self._collect(row, doomed, set())
        doomed_keys = {(type(d), d.id) for d in doomed}
        for parent in doomed:
            for table, column in NULLED.get(type(parent), []):
                for child in self.s.exec(select(table).where(getattr(table, column) == parent.id)).all():
                    if (table, child.id) not in doomed_keys:
                        self.update(child, **{column: None})
        # children first: by table rank, and within a table in reverse collection order, so
        # sub-tasks (collected after their summary) go before it
        ranked = sorted(enumerate(doomed), key=lambda e: (-_RANK[type(e[1])], -e[0]))
        for _i, victim in ranked:
            self._remember(victim)
            self.s.delete(victim)
            self.s.flush()

    def touch(self, *ids: int, areas: Area = Area.NONE) -> None:
        self.ids.update(i for i in ids if i is not None)
        self.areas |= areas

    # --- result ------------------------------------------------------------------------
    def changes(self, *, created: int | None = None, warnings: Iterable[str] = ()) -> Changes:
        patch = Patch(
            tuple((t, i, v) for (t, i), v in self._before.items()),
            self.areas,
            frozenset(self.ids),
        )
        return Changes(self.areas, frozenset(self.ids), created, patch, tuple(warnings))

    # --- helpers -----------------------------------------------------------------------
    def _remember(self, row: SQLModel) -> None:
        key = (type(row), row.id)
        if key not in self._before:
            self._before[key] = values_of(row)
        self.areas |= AREA_OF[type(row)]

    def _collect(self, row: SQLModel, out: list[SQLModel], seen: set) -> None:
        key = (type(row), row.id)
        if key in seen:
            return
        seen.add(key)
        out.append(row)
        for child_table, column in DEPENDANTS.get(type(row), []):
            for child in self.s.exec(select(child_table).where(getattr(child_table, column) == row.id)).all():
                self._collect(child, out, seen)


def undo(s: Session, patch: Patch) -> Changes:
    """Put every row in `patch` back as it was; the result's `undo` redoes the edit."""
    journal = Journal(s)
    current = {(t, i): s.get(t, i) for t, i, _ in patch.entries}
    inserts = [(t, i, v) for t, i, v in patch.entries if v is not None and current[(t, i)] is None]
    updates = [(t, i, v) for t, i, v in patch.entries if v is not None and current[(t, i)] is not None]
    deletes = [(t, i) for t, i, v in patch.entries if v is None and current[(t, i)] is not None]
    # Parents are inserted first and children deleted first, so foreign keys always hold (a
    # summary task is its sub-tasks' parent within the same table).
    for table, _id, values in sorted(_summaries_first(inserts), key=lambda e: _RANK[e[0]]):
        journal.add(table(**values))
    for table, row_id, values in updates:
        journal.update(current[(table, row_id)], **values)
    doomed = _summaries_first([(t, i, {"parent_id": getattr(current[(t, i)], "parent_id", None)}) for t, i in deletes])
    for table, row_id in reversed([(t, i) for t, i, _v in sorted(doomed, key=lambda e: _RANK[e[0]])]):
        row = current[(table, row_id)]
        journal._remember(row)
        s.delete(row)
        s.flush()
    journal.touch(*patch.ids, areas=patch.areas)
    return journal.changes()


def _summaries_first(entries: list[tuple[type[SQLModel], int, dict]]) -> list[tuple[type[SQLModel], int, dict]]:
    """Task entries reordered so a summary precedes the sub-tasks it has in `values` (others kept)."""
    tasks = {i: (t, i, v) for t, i, v in entries if t is m.Task}
    if len(tasks) < 2:
        return list(entries)
    out, placed = [], set()
    for entry in entries:
        if entry[0] is not m.Task:
            out.append(entry)
            continue
        chain, seen = [], set()
        while entry is not None and entry[1] not in placed and entry[1] not in seen:
            chain.append(entry)
            seen.add(entry[1])
            entry = tasks.get(entry[2].get("parent_id"))
        for e in reversed(chain):
            placed.add(e[1])
            out.append(e)
    return out
