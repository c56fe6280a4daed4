"""Generic row services: edit fields, create, delete with dependants, and restore (for undo).

Domain services (tasks, dependencies, RACI ...) build on these; every edit a user makes can
be undone by feeding the returned `Changes.undo` to the inverse call.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, SQLModel, select

from planner.i18n import _
from planner import model as m
from planner.changes import Area, Changes
from planner.errors import NotFound

AREA_OF: dict[type[SQLModel], Area] = {
    m.Programme: Area.PROGRAMME | Area.SCHEDULE,
    m.CalendarException: Area.PROGRAMME | Area.SCHEDULE,
    m.Stage: Area.STAGES,
    m.Module: Area.MODULES,
    m.RoadmapCell: Area.ROADMAP,
    m.Task: Area.TASKS | Area.SCHEDULE,
    m.Team: Area.TEAMS | Area.RACI,
    m.Role: Area.TASKS,
    m.TaskRole: Area.TASKS,
    m.Dependency: Area.DEPENDENCIES | Area.SCHEDULE,
    m.Milestone: Area.MILESTONES,
    m.Risk: Area.RISKS,
    m.RaciCell: Area.RACI,
    m.DivisionOfWork: Area.RACI,
    m.Objective: Area.OKR,
    m.KeyResult: Area.OKR,
    m.KeyResultLink: Area.OKR,
    m.Indicator: Area.INDICATORS,
    m.Reading: Area.READINGS | Area.INDICATORS,
    m.Baseline: Area.BASELINES,
    m.BaselineTask: Area.BASELINES,
}

TABLE_BY_NAME: dict[str, type[SQLModel]] = {t.__tablename__: t for t in m.ALL_TABLES}


def get(s: Session, table: type[SQLModel], row_id: int) -> Any:
    row = s.get(table, row_id)
    if row is None:
        raise NotFound(_("{name} {row_id} does not exist.", name=table.__name__, row_id=row_id), where=f"{table.__name__}:{row_id}")
    return row


def update_fields(s: Session, table: type[SQLModel], row_id: int, **values: Any) -> Changes:
    """Set fields on one row; `Changes.undo` holds the old values for `update_fields` again."""
    row = get(s, table, row_id)
    old = {k: getattr(row, k) for k in values}
    for key, value in values.items():
        setattr(row, key, value)
    s.add(row)
    s.flush()
    return Changes(AREA_OF[table], frozenset({row_id}), undo=(table, row_id, old))


def undo_update(s: Session, undo: tuple) -> Changes:
    table, row_id, old = undo
    return update_fields(s, table, row_id, **old)


def create_row(s: Session, row: SQLModel) -> Changes:
    s.add(row)
    s.flush()
    return Changes(AREA_OF[type(row)], frozenset({row.id}), created=row.id, undo=(type(row), row.id))


# Children deleted with their parent, as (child table, foreign-key column).
_DEPENDANTS: dict[type[SQLModel], list[tuple[type[SQLModel], str]]] = {
    m.Task: [
        (m.Task, "parent_id"),  # a summary goes with its sub-tasks, as in MS Project
        (m.TaskRole, "task_id"),
        (m.Dependency, "predecessor_id"),
        (m.Dependency, "successor_id"),
        (m.RaciCell, "task_id"),
        (m.KeyResultLink, "task_id"),
        (m.BaselineTask, "task_id"),
    ],
    m.Stage: [(m.RoadmapCell, "stage_id")],
    m.Module: [(m.RoadmapCell, "module_id"), (m.RaciCell, "module_id"), (m.DivisionOfWork, "module_id")],
    m.Team: [(m.RaciCell, "team_id")],
    m.Objective: [(m.KeyResult, "objective_id")],
    m.KeyResult: [(m.KeyResultLink, "key_result_id")],
    m.Indicator: [(m.Reading, "indicator_id"), (m.KeyResultLink, "indicator_id")],
    m.Role: [(m.TaskRole, "role_id")],
    m.Baseline: [(m.BaselineTask, "baseline_id")],
}

# Optional references cleared (set to NULL) when the parent goes, so nothing dangles.
_NULLED: dict[type[SQLModel], list[tuple[type[SQLModel], str]]] = {
    m.Task: [(m.Milestone, "task_id"), (m.Risk, "task_id")],
    m.Stage: [(m.Task, "stage_id"), (m.Indicator, "stage_id"), (m.Milestone, "stage_id")],
    m.Module: [(m.Task, "module_id"), (m.Indicator, "module_id"), (m.Risk, "module_id")],
    m.Team: [(m.Indicator, "owner_team_id"), (m.Role, "team_id")],
}


def _row_dump(row: SQLModel) -> tuple[type[SQLModel], dict]:
    return type(row), row.model_dump()


def delete_row(s: Session, table: type[SQLModel], row_id: int) -> Changes:
    """Delete a row and its dependants; `Changes.undo` restores all of them exactly."""
    row = get(s, table, row_id)
    removed: list[tuple[type[SQLModel], dict]] = []
    nulled: list[tuple[type[SQLModel], int, str, Any]] = []
    areas = AREA_OF[table]
    _collect_delete(s, row, removed, nulled)
    for child_table, child_id, column, _old in nulled:
        child = s.get(child_table, child_id)
        setattr(child, column, None)
        s.add(child)
        areas |= AREA_OF[child_table]
    s.flush()
    for child_table, values in reversed(removed):
        s.delete(s.get(child_table, values["id"]))
        areas |= AREA_OF[child_table]
        s.flush()
    return Changes(areas, frozenset({row_id}), undo=(removed, nulled))


def _collect_delete(s, row, removed, nulled) -> None:
    table = type(row)
    removed.append(_row_dump(row))
    for child_table, column in _NULLED.get(table, []):
        for child in s.exec(select(child_table).where(getattr(child_table, column) == row.id)):
            nulled.append((child_table, child.id, column, row.id))
    seen = {(t, v["id"]) for t, v in removed}
    for child_table, column in _DEPENDANTS.get(table, []):
        for child in s.exec(select(child_table).where(getattr(child_table, column) == row.id)):
            if (child_table, child.id) not in seen:
                _collect_delete(s, child, removed, nulled)
                seen.add((child_table, child.id))


def restore_rows(s: Session, undo: tuple) -> Changes:
    """Undo `delete_row`: re-insert every removed row with its old id and re-link references."""
    removed, nulled = undo
    areas = Area.NONE
    ids = set()
    for table, values in removed:
        s.add(table(**values))
        s.flush()
        areas |= AREA_OF[table]
        ids.add(values["id"])
    for child_table, child_id, column, old in nulled:
        child = s.get(child_table, child_id)
        setattr(child, column, old)
        s.add(child)
        areas |= AREA_OF[child_table]
    s.flush()
    return Changes(areas, frozenset(ids))

# Public names for the journal (planner/services/journal.py), which cascades the same way.
DEPENDANTS = _DEPENDANTS
NULLED = _NULLED
