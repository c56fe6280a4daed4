"""Validated, undoable add / update / delete / reorder for any table; domain services build on it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import UniqueConstraint, and_, func, or_
from sqlmodel import Session, SQLModel, select

from planner import model as m
from planner.changes import Changes
from planner.errors import DuplicateId, NotFound, ValidationError
from planner.i18n import _
from planner.services.fields import check_span, clean, describe
from planner.services.journal import Journal, Patch
from planner.services.journal import undo as _undo

# Tables whose rows the user orders, and the column that scopes the order (None = whole table).
ORDER_SCOPE: dict[type[SQLModel], str | None] = {
    m.Stage: None,
    m.Module: None,
    m.Team: None,
    m.Milestone: None,
    m.Risk: None,
    m.Objective: None,
    m.Indicator: None,
    m.Task: None,  # top-level tasks form one list across modules; a summary's children are ordered under it
    m.KeyResult: "objective_id",
    m.TaskRole: "task_id",
}


def get(s: Session, table: type[SQLModel], row_id: int) -> Any:
    row = s.get(table, row_id) if row_id is not None else None
    if row is None:
        raise NotFound(_("{name} {row_id} does not exist.", name=table.__name__, row_id=row_id), where=f"{table.__name__}:{row_id}")
    return row


def undo(s: Session, patch: Patch) -> Changes:
    """The inverse of every service: restore what `patch` recorded (returns the redo patch)."""
    return _undo(s, patch)


# --- building blocks used with a Journal ----------------------------------------------------
def add_row(j: Journal, table: type[SQLModel], values: dict[str, Any], *, where: str = "") -> SQLModel:
    label = values.get("code") or values.get("name") or values.get("title")
    where = where or (f"{table.__name__} {label}" if isinstance(label, str) and label.strip() else describe(table))
    values = clean(j.s, table, values, where=where)
    if table in ORDER_SCOPE and "order" not in values:
        values["order"] = next_order(j.s, table, scope_value(table, values))
    try:
        row = table(**values)
    except (TypeError, ValueError) as exc:  # a required field is missing
        raise ValidationError(_("{where}: {exc}", where=where, exc=exc), where=where) from None
    check_row(j.s, row, where=where)
    return j.add(row)


def update_row(j: Journal, row: SQLModel, values: dict[str, Any], *, where: str = "") -> SQLModel:
    where = where or describe(row)
    values = clean(j.s, type(row), values, where=where)
    merged = type(row)(**{**_values(row), **values})
    changed = {k for k, v in values.items() if getattr(row, k) != v}
    check_row(j.s, merged, where=where, changed=changed)
    return j.update(row, **values)


def check_row(s: Session, row: SQLModel, *, where: str, changed: set[str] | None = None) -> None:
    """Rules spanning several fields, and unique codes and names (of an existing row, only
    those among the `changed` fields: the others were checked when they were written)."""
    table = type(row)
    if table is m.Task:
        if (row.start_date is None) != (row.end_date is None):
            raise ValidationError(_("Task {task}: give both a start and an end, or neither (not scheduled yet).",
                                    task=row.code), where=f"{where}.start_date", key="task_span_both")
        if row.start_date is not None:
            check_span(row.start_date, row.end_date, where)
        if row.parent_id is not None:
            _check_parent(s, row, where)
        if row.actual_start and row.actual_finish:
            _ordered(row.actual_start, row.actual_finish, where, "actual_start", "actual_finish")
    if table is m.Stage:
        if row.start_date and row.end_date:
            _ordered(row.start_date, row.end_date, where, "start_date", "end_date")
        if row.start_month is not None and row.end_month is not None:
            _ordered(row.start_month, row.end_month, where, "start_month", "end_month")
    if table is m.Dependency and row.predecessor_id == row.successor_id:
        raise ValidationError(_("{where}: a task cannot depend on itself.", where=where), where=where)
    if table is m.Dependency:
        _check_link_on_outline(s, row, where)
    if table is m.RaciCell and (row.module_id is None) == (row.task_id is None):
        raise ValidationError(_("{where}: give either a module or a task.", where=where), where=where)
    if table is m.KeyResultLink and (row.indicator_id is None) == (row.task_id is None):
        raise ValidationError(_("{where}: link either an indicator or a task.", where=where), where=where)
    _check_unique(s, row, where=where, changed=changed)


def _check_parent(s: Session, row: SQLModel, where: str) -> None:
    """A task may not be its own summary, directly or further up."""
    seen, parent = set(), row.parent_id
    while parent is not None and parent not in seen:
        if parent == row.id:
            raise ValidationError(_("Task {task}: a task cannot be placed under itself or one of its own sub-tasks.",
                                    task=row.code), where=f"{where}.parent_id", key="parent_loop")
        seen.add(parent)
        parent = s.exec(select(m.Task.parent_id).where(m.Task.id == parent)).first()


def _ancestors(s: Session, task_id: int) -> list[int]:
    out, parent = [], s.exec(select(m.Task.parent_id).where(m.Task.id == task_id)).first()
    while parent is not None and parent not in out:
        out.append(parent)
        parent = s.exec(select(m.Task.parent_id).where(m.Task.id == parent)).first()
    return out


def _check_link_on_outline(s: Session, row: SQLModel, where: str) -> None:
    """As MS Project: no link between a summary and its own sub-task, no FF/SF onto a summary."""
    if row.predecessor_id in _ancestors(s, row.successor_id) or row.successor_id in _ancestors(s, row.predecessor_id):
        raise ValidationError(_("{link}: a summary task cannot be linked to a task inside it.", link=where),
                              where=where, key="link_within_summary")
    if row.type in ("FF", "SF") and s.exec(select(m.Task.id).where(m.Task.parent_id == row.successor_id)).first():
        raise ValidationError(_("{link}: a summary task can only follow with FS or SS links (its finish is its "
                                "sub-tasks').", link=where), where=where, key="finish_link_to_summary")


def _ordered(first, last, where: str, first_name: str, last_name: str) -> None:
    if last < first:
        raise ValidationError(
            _("{where}: {first_name} {first} is after {last_name} {last}.", where=where, first_name=first_name, first=first, last_name=last_name, last=last), where=f"{where}.{first_name}"
        )


# Kept unique by the services though the schema allows repeats: names users refer to rows by.
UNIQUE_IN_SERVICES: dict[type[SQLModel], list[list[str]]] = {
    m.Module: [["name"], ["prefix"]],
    m.Stage: [["name"]],
}


def _check_unique(s: Session, row: SQLModel, *, where: str, changed: set[str] | None = None) -> None:
    table = type(row)
    groups = [[c.name for c in k.columns] for k in table.__table__.constraints if isinstance(k, UniqueConstraint)]
    for names in groups + UNIQUE_IN_SERVICES.get(table, []):
        if changed is not None and not changed.intersection(names):
            continue  # the row keeps these values: no new clash (one query less per edit)
        wanted = {n: getattr(row, n) for n in names}
        if any(v is None or v == "" for v in wanted.values()):
            continue  # SQL treats NULLs as distinct; an empty prefix is no claim
        query = select(table)
        for name, value in wanted.items():
            query = query.where(getattr(table, name) == value)
        clash = s.exec(query).first()
        if clash is not None and clash.id != row.id:
            shown = ", ".join(str(v) for n, v in wanted.items() if not n.endswith("_id")) or str(wanted)
            raise DuplicateId(
                _("{where}: {shown} is already used by another {value}.", where=where, shown=shown, value=table.__name__.lower()),
                where=f"{where}.{names[-1]}",
            )


def _values(row: SQLModel) -> dict[str, Any]:
    return {c.name: getattr(row, c.name) for c in type(row).__table__.columns}


_OWN = object()  # `place`: the row's own scope


def scope_value(table: type[SQLModel], values: Any) -> Any:
    """The value that scopes a row's order: for a task its summary task ("parent", id), or None at
    the top of the outline (top-level tasks are one list, whatever their module: the task matrix
    shows them in that order); for other tables the ORDER_SCOPE column."""
    get = values.get if isinstance(values, dict) else lambda k: getattr(values, k, None)
    if table is m.Task and get("parent_id") is not None:
        return ("parent", get("parent_id"))
    scope = ORDER_SCOPE[table]
    return get(scope) if scope is not None else None


def scoped(query, table: type[SQLModel], scope_value: Any):
    scope = ORDER_SCOPE[table]
    if table is m.Task and isinstance(scope_value, tuple):
        return query.where(m.Task.parent_id == scope_value[1])
    if table is m.Task:
        return query.where(m.Task.parent_id.is_(None))
    if scope is not None:
        return query.where(getattr(table, scope) == scope_value)
    return query


def next_order(s: Session, table: type[SQLModel], scope_value: Any) -> int:
    last = s.exec(scoped(select(func.max(table.order)), table, scope_value)).one()
    return 0 if last is None else last + 1


# --- services -------------------------------------------------------------------------------
def add(s: Session, table: type[SQLModel], **values: Any) -> Changes:
    j = Journal(s)
    row = add_row(j, table, values)
    j.touch(row.id)
    return j.changes(created=row.id)


def update(s: Session, table: type[SQLModel], row_id: int, **values: Any) -> Changes:
    j = Journal(s)
    update_row(j, get(s, table, row_id), values)
    j.touch(row_id)
    return j.changes()


def delete(s: Session, table: type[SQLModel], row_id: int) -> Changes:
    """Delete a row, its dependants, and clear optional references to it; undo restores all."""
    j = Journal(s)
    j.delete(get(s, table, row_id))
    j.touch(row_id)
    return j.changes()


def rename(s: Session, table: type[SQLModel], row_id: int, name: str) -> Changes:
    return update(s, table, row_id, name=name)


def reorder(s: Session, table: type[SQLModel], row_id: int, new_index: int) -> Changes:
    """Move a row to position `new_index` among its siblings (clamped)."""
    if table not in ORDER_SCOPE:
        raise ValidationError(_("{name} rows have no user order.", name=table.__name__), where=table.__name__)
    j = Journal(s)
    row = get(s, table, row_id)
    place(j, row, new_index)
    j.touch(row_id)
    return j.changes()


def ordered_siblings(s: Session, table: type[SQLModel], scope_value: Any) -> list[SQLModel]:
    """Rows sharing `scope_value` (see `scope_value`), in their order."""
    query = scoped(select(table), table, scope_value)
    return list(s.exec(query.order_by(table.order, table.id)).all())


def renumber(j: Journal, rows: list[SQLModel]) -> None:
    j.update_all((row, {"order": index}) for index, row in enumerate(rows))  # one flush for all


def place(j: Journal, row: SQLModel, index: int, scope: Any = _OWN) -> None:
    """Put `row` at position `index` (clamped) among the other rows of `scope` (default: its own,
    see `scope_value`), as `place_after` does."""
    table = type(row)
    scope = scope_value(table, row) if scope is _OWN else scope
    others = scoped(select(table), table, scope).where(table.id != row.id)
    anchor = None
    if index > 0:  # the row it goes after: the one at index - 1, or the last when past the end
        anchor = (j.s.exec(others.order_by(table.order, table.id).offset(index - 1).limit(1)).first()
                  or j.s.exec(others.order_by(table.order.desc(), table.id.desc()).limit(1)).first())
    place_after(j, row, anchor, scope)


def place_after(j: Journal, row: SQLModel, anchor: SQLModel | None, scope: Any = _OWN) -> None:
    """Give `row` the lowest order that sorts it right after `anchor` (None: first) among the
    rows of `scope`, changing only the rows after it that would not stay above it.

    Rows sort by (order, id), so orders may have gaps and ties: a new task (the highest id) goes
    after a task of order k with order k itself, and the rows after it need no change. Rewriting
    every sibling would make an edit on a 10,000-task top level as slow as the whole list, so
    the rows after the anchor are read in order only until the first that stays above."""
    table = type(row)
    scope = scope_value(table, row) if scope is _OWN else scope
    after = scoped(select(table), table, scope).where(table.id != row.id)
    if anchor is not None:
        after = after.where(or_(table.order > anchor.order, and_(table.order == anchor.order, table.id > anchor.id)))
        last = (anchor.order, anchor.id)
    else:
        last = (0, -1)  # first: order 0 (never below: 序号 in an export is the order), the rest moved up as needed
    moved = []
    following = j.s.exec(after.order_by(table.order, table.id).execution_options(yield_per=64))
    last = _above(last, row, moved)  # the row itself, then as many of the following as must move up
    for r in following:
        if (r.order, r.id) > last:
            break  # the rest are above it already (and keep their own sequence)
        last = _above(last, r, moved)
    following.close()
    j.update_all(moved)


def _above(last: tuple[int, int], r: SQLModel, moved: list) -> tuple[int, int]:
    """The lowest order that sorts `r` after the key `last`; recorded in `moved`."""
    order = last[0] if r.id > last[1] else last[0] + 1
    moved.append((r, {"order": order}))
    return order, r.id
