"""Checks every value a service is about to write, so nothing invalid reaches the plan (H4).

Types come from the SQLModel columns; the rules the types cannot say (enums, ranges,
required text, existing references) are listed here. Errors name the row and the field.
"""

from __future__ import annotations

import datetime as dt
import math
from enum import Enum
from typing import Any

from sqlmodel import Session, SQLModel

from planner.i18n import _
from planner import model as m
from planner.errors import NotFound, ValidationError

# the supported range of plan dates (outside it a date is almost surely a typing mistake)
from planner.bounds import DATE_MAX, DATE_MIN  # noqa: E402,F401 - re-exported

ENUMS: dict[tuple[type[SQLModel], str], type[Enum]] = {
    (m.Programme, "language"): m.Language,
    (m.Module, "priority"): m.Priority,
    (m.Task, "priority"): m.Priority,
    (m.Task, "status"): m.TaskStatus,
    (m.Task, "scheduling"): m.Scheduling,
    (m.Task, "period_style"): m.PeriodStyle,
    (m.Dependency, "type"): m.DepType,
    (m.Dependency, "lag_unit"): m.LagUnit,
    (m.Milestone, "status"): m.MilestoneStatus,
    (m.RaciCell, "role"): m.RaciRole,
    (m.Objective, "kind"): m.ObjectiveKind,
    (m.Indicator, "comparator"): m.Comparator,
    (m.Indicator, "direction"): m.Direction,
    (m.Indicator, "rule"): m.AchievementRule,
}

# (low, high, low inclusive): fractions are 0..1 (100% = 1.0).
RANGES: dict[tuple[type[SQLModel], str], tuple[float, float, bool]] = {
    (m.Task, "progress"): (0.0, 1.0, True),
    (m.Task, "duration_days"): (0, 100_000, True),
    (m.BaselineTask, "progress"): (0.0, 1.0, True),
    (m.KeyResult, "progress"): (0.0, 1.0, True),
    (m.Dependency, "threshold"): (0.0, 1.0, False),
    (m.Dependency, "lag"): (-10_000, 10_000, True),
    (m.TaskRole, "headcount"): (0, 100_000, True),
}

REQUIRED_TEXT: dict[type[SQLModel], tuple[str, ...]] = {
    m.Programme: ("name",),
    m.Stage: ("name",),
    m.Module: ("name",),
    m.Team: ("name",),
    m.Role: ("name",),
    m.Task: ("code",),
    m.Objective: ("code", "title"),
    m.KeyResult: ("code", "title"),
    m.Indicator: ("code", "name"),
    m.Milestone: ("name",),
    m.Baseline: ("name",),
    m.Reading: ("period",),
}

# A code must survive being written in a dependency list ("TP-01、TP-02 30%").
_CODE_FORBIDDEN = set(" \t\r\n,，、;；%")


def describe(row_or_table: Any, row_id: int | None = None) -> str:
    """How a message names a row: "Task TP-01", "Module 技术产品", "Stage 3"."""
    table = row_or_table if isinstance(row_or_table, type) else type(row_or_table)
    label = None
    if not isinstance(row_or_table, type):
        label = getattr(row_or_table, "code", None) or getattr(row_or_table, "name", None)
        row_id = row_or_table.id
    return f"{table.__name__} {label or row_id or '(new)'}"


def clean(s: Session, table: type[SQLModel], values: dict[str, Any], *, where: str) -> dict[str, Any]:
    """Coerce and check `values` for `table`; raise ValidationError naming `where` and the field."""
    columns = table.__table__.columns
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name == "id" or name not in columns:
            raise ValidationError(_("{where}: there is no field “{name}”.", where=where, name=name), where=f"{where}.{name}")
        out[name] = _clean_one(s, table, name, value, where=where)
    return out


def _clean_one(s: Session, table: type[SQLModel], name: str, value: Any, *, where: str) -> Any:
    column = table.__table__.columns[name]
    place = _("{where}, field {name}", where=where, name=name)
    if value is None:
        if not column.nullable:
            raise ValidationError(_("{place}: a value is required.", place=place), where=f"{where}.{name}")
        return None
    kind = column.type.python_type
    value = _coerce(kind, value, place, where=f"{where}.{name}")
    if isinstance(value, str):
        _check_text(table, name, value, place, where=f"{where}.{name}")
    if (table, name) in ENUMS:
        value = _check_enum(ENUMS[(table, name)], value, place, where=f"{where}.{name}")
    if (table, name) in RANGES:
        _check_range(RANGES[(table, name)], value, place, where=f"{where}.{name}")
    for fk in column.foreign_keys:
        target = _table_named(fk.column.table.name)
        if s.get(target, value) is None:
            raise NotFound(_("{place}: {name} {value} does not exist.", place=place, name=target.__name__, value=value), where=f"{where}.{name}")
    return value


def _coerce(kind: type, value: Any, place: str, *, where: str) -> Any:
    if kind is dt.date:
        return check_date(value, place, where=where)
    if kind is bool:
        if isinstance(value, bool):
            return value
        raise ValidationError(_("{place}: expected yes or no, got {value}.", place=place, value=repr(value)), where=where)
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
            raise ValidationError(_("{place}: expected a whole number, got {value}.", place=place, value=repr(value)), where=where)
        return int(value)
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ValidationError(_("{place}: expected a number, got {value}.", place=place, value=repr(value)), where=where)
        return float(value)
    if kind is str:
        if isinstance(value, Enum):
            return value.value
        if not isinstance(value, str):
            raise ValidationError(_("{place}: expected text, got {value}.", place=place, value=repr(value)), where=where)
    return value


def check_date(value: Any, place: str, *, where: str = "") -> dt.date:
    """A date within [DATE_MIN, DATE_MAX]; ISO text ("2025-03-01") is accepted."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(_("{place}: “{value}” is not a date (YYYY-MM-DD).", place=place, value=value), where=where) from None
    if not isinstance(value, dt.date):
        raise ValidationError(_("{place}: expected a date, got {value}.", place=place, value=repr(value)), where=where)
    if not DATE_MIN <= value <= DATE_MAX:
        raise ValidationError(
            _("{place}: {value} is outside the supported range {value2} to {value3}.", place=place, value=value.isoformat(), value2=DATE_MIN.isoformat(), value3=DATE_MAX.isoformat()),
            where=where,
        )
    return value


def check_span(start: dt.date, end: dt.date, where: str) -> None:
    if end < start:
        raise ValidationError(
            _("{where}: the start {value} is after the end {value2}.", where=where, value=start.isoformat(), value2=end.isoformat()),
            where=f"{where}.start_date",
        )


def _check_text(table: type[SQLModel], name: str, value: str, place: str, *, where: str) -> None:
    if name in REQUIRED_TEXT.get(table, ()) and not value.strip():
        raise ValidationError(_("{place}: may not be empty.", place=place), where=where)
    if name == "code" and _CODE_FORBIDDEN & set(value):
        raise ValidationError(
            _("{place}: “{value}” may not contain spaces, commas, 、, ; or %.", place=place, value=value), where=where
        )


def _check_enum(enum: type[Enum], value: Any, place: str, *, where: str) -> str:
    allowed = [e.value for e in enum]
    if value not in allowed:
        raise ValidationError(_("{place}: {value} is not one of {value2}.", place=place, value=repr(value), value2=', '.join(allowed)), where=where)
    return value


def _check_range(bounds: tuple[float, float, bool], value: float, place: str, *, where: str) -> None:
    low, high, low_inclusive = bounds
    ok = (value >= low if low_inclusive else value > low) and value <= high
    if not ok:
        shown = f"{value:.0%}" if high == 1.0 else str(value)
        limits = f"{'0%' if low_inclusive else 'above 0%'} to 100%" if high == 1.0 else f"{low} to {high}"
        raise ValidationError(_("{place}: {shown} is outside {limits}.", place=place, shown=shown, limits=limits), where=where)


_BY_NAME = {t.__tablename__: t for t in m.ALL_TABLES}


def _table_named(name: str) -> type[SQLModel]:
    return _BY_NAME[name]
