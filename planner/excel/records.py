"""Imported rows as records keyed by natural keys (task code, module name ...), and their diff.

A record holds model field values; a foreign-key field holds the referenced row's natural
key (a tuple) instead of an id, so records from a workbook and rows of an open plan compare
directly and an import never depends on row ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import SQLModel

from planner import model as m
from planner.plan import LIST_OF_TABLE, Plan

KEY_FIELDS: dict[type[SQLModel], tuple[str, ...]] = {
    m.Programme: (), m.CalendarException: ("day",), m.Stage: ("name",), m.Module: ("name",),
    m.RoadmapCell: ("stage_id", "module_id"), m.Task: ("code",), m.Team: ("name",),
    m.Role: ("name",), m.TaskRole: ("task_id", "role_id"),
    m.Dependency: ("predecessor_id", "successor_id"), m.Milestone: ("name",),
    m.Risk: ("category", "description"), m.RaciCell: ("module_id", "task_id", "team_id"),
    m.DivisionOfWork: ("module_id",), m.Objective: ("code",), m.Indicator: ("code",),
    m.KeyResult: ("objective_id", "code"), m.KeyResultLink: ("key_result_id", "indicator_id", "task_id"),
    m.Reading: ("indicator_id", "period"), m.Baseline: ("name",), m.BaselineTask: ("baseline_id", "task_id"),
}

_BY_NAME = {t.__tablename__: t for t in m.ALL_TABLES}
FK: dict[type[SQLModel], dict[str, type[SQLModel]]] = {
    t: {fk.parent.name: _BY_NAME[fk.column.table.name] for fk in t.__table__.foreign_keys} for t in m.ALL_TABLES
}
LABEL = {
    m.Programme: "plan", m.CalendarException: "calendar day", m.Stage: "stage", m.Module: "module",
    m.RoadmapCell: "roadmap cell", m.Task: "task", m.Team: "team", m.Role: "role", m.TaskRole: "task role",
    m.Dependency: "dependency", m.Milestone: "milestone", m.Risk: "risk", m.RaciCell: "RACI letter",
    m.DivisionOfWork: "division of work", m.Objective: "objective", m.Indicator: "indicator",
    m.KeyResult: "key result", m.KeyResultLink: "key-result link", m.Reading: "reading",
    m.Baseline: "baseline", m.BaselineTask: "baseline task",
}

Key = tuple


@dataclass
class Record:
    table: type[SQLModel]
    values: dict[str, Any]
    origin: str = ""  # file / sheet!row it came from
    auto: set[str] = field(default_factory=set)  # derived fields (order by position): not compared

    @property
    def key(self) -> Key:
        """The natural key; key fields are set when the record is made and never change after."""
        key = self.__dict__.get("_key")
        if key is None:
            key = self.__dict__["_key"] = tuple(self.values.get(f) for f in KEY_FIELDS[self.table])
        return key


@dataclass
class Records:
    """Everything read from the workbooks, one dict per table, keyed by natural key."""

    by_table: dict[type[SQLModel], dict[Key, Record]] = field(default_factory=dict)

    def get(self, table: type[SQLModel], key: Key) -> Record | None:
        return self.by_table.get(table, {}).get(key)

    def of(self, table: type[SQLModel]) -> dict[Key, Record]:
        return self.by_table.setdefault(table, {})

    def put(self, record: Record) -> Record | None:
        """Store a record; returns the one already there under the same key (not replaced)."""
        table = self.of(record.table)
        old = table.get(record.key)
        if old is None:
            table[record.key] = record
        return old

    def count(self) -> int:
        return sum(len(v) for v in self.by_table.values())


# --- the open plan as records --------------------------------------------------------------
@dataclass
class PlanIndex:
    """The open plan's rows by natural key, and each row's natural key by id."""

    rows: dict[type[SQLModel], dict[Key, SQLModel]]
    key_of: dict[type[SQLModel], dict[int, Key]]
    programme: m.Programme | None

    def values(self, row: SQLModel) -> dict[str, Any]:
        """A row's values in record form (foreign keys as natural keys)."""
        refs = FK[type(row)]
        out = {}
        for c in type(row).__table__.columns:
            if c.name == "id":
                continue
            v = getattr(row, c.name)
            out[c.name] = self.key_of[refs[c.name]].get(v) if c.name in refs and v is not None else v
        return out


def index_plan(plan: Plan | None) -> PlanIndex:
    rows: dict[type[SQLModel], dict[Key, SQLModel]] = {}
    key_of: dict[type[SQLModel], dict[int, Key]] = {}
    for table in m.ALL_TABLES:
        rows[table], key_of[table] = {}, {}
        if table is m.Programme or plan is None:
            continue
        refs = FK[table]
        for row in getattr(plan, LIST_OF_TABLE[table]):
            key = tuple(
                key_of[refs[f]].get(getattr(row, f)) if f in refs else getattr(row, f) for f in KEY_FIELDS[table]
            )
            rows[table][key] = row
            key_of[table][row.id] = key
    return PlanIndex(rows, key_of, plan.programme if plan else None)


# --- what would change ---------------------------------------------------------------------
@dataclass(frozen=True)
class Change:
    action: str  # "add" | "change"
    table: type[SQLModel]
    key: Key
    fields: dict[str, tuple[Any, Any]]  # changed field -> (old, new); empty for an add
    origin: str = ""

    def describe(self) -> str:
        name = " / ".join(_key_text(k) for k in self.key) or LABEL[self.table]
        if self.action == "add":
            return f"add {LABEL[self.table]} {name}"
        fields = ", ".join(f"{f}: {_short(o)} → {_short(n)}" for f, (o, n) in self.fields.items())
        return f"change {LABEL[self.table]} {name}: {fields}"


def _key_text(k: Any) -> str:
    if isinstance(k, tuple):
        return " / ".join(_key_text(x) for x in k)
    return "" if k is None else str(k)


def _short(v: Any) -> str:
    text = "" if v is None else str(v)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def same(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        try:
            return a is not None and b is not None and abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(a)))
        except (TypeError, ValueError):
            return False
    return a == b


def diff(records: Records, index: PlanIndex) -> list[Change]:
    out: list[Change] = []
    for table in m.ALL_TABLES:
        for key, record in records.of(table).items():
            row = index.programme if table is m.Programme else index.rows[table].get(key)
            if row is None:
                out.append(Change("add", table, key, {}, record.origin))
                continue
            old = index.values(row)
            changed = {
                f: (old.get(f), v) for f, v in record.values.items() if f not in record.auto and not same(old.get(f), v)
            }
            if changed:
                out.append(Change("change", table, key, changed, record.origin))
    return out
