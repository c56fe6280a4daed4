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
from planner.i18n import N_, _, language
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
LABEL = {  # marked for the catalogue; `label(table)` gives the one in the user's language
    m.Programme: N_("plan"), m.CalendarException: N_("calendar day"), m.Stage: N_("stage"), m.Module: N_("module"),
    m.RoadmapCell: N_("roadmap cell"), m.Task: N_("task"), m.Team: N_("team"), m.Role: N_("role"),
    m.TaskRole: N_("task role"), m.Dependency: N_("dependency"), m.Milestone: N_("milestone"), m.Risk: N_("risk"),
    m.RaciCell: N_("RACI letter"), m.DivisionOfWork: N_("division of work"), m.Objective: N_("objective"),
    m.Indicator: N_("indicator"), m.KeyResult: N_("key result"), m.KeyResultLink: N_("key-result link"),
    m.Reading: N_("reading"), m.Baseline: N_("baseline"), m.BaselineTask: N_("baseline task"),
}


def label(table: type[SQLModel]) -> str:
    """What a row of `table` is called, in the user's language ("指标", "indicator")."""
    return _(LABEL[table])


def field_label(table: type[SQLModel] | None, name: str) -> str:
    """A field by the column header users know it by in their language (建设内容 / Scope)."""
    from planner.excel.schema import ALL_SPECS, COVER_FIELDS

    for spec in ALL_SPECS:
        if spec.model is table and table is not None:
            for c in spec.columns:
                if c.key == name:
                    return c.zh if language() == "zh_CN" else c.en
    for c in COVER_FIELDS:
        if c.key == name:
            return c.zh if language() == "zh_CN" else c.en
    return name


def shown_value(value: Any, unit: str = "") -> str:
    """A value as a user would write it: 3 not 3.0, a unit after a number (5款), dates in the
    language's form (2025年3月28日, 2025-03-28), yes/no in words."""
    import datetime as dt

    if value is None or value == "":
        return _("(empty)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (dt.date, dt.datetime)):
        day = value.date() if isinstance(value, dt.datetime) else value
        return _("{year}-{month:02d}-{day:02d}", year=day.year, month=day.month, day=day.day)
    if hasattr(value, "value") and not isinstance(value, (int, float, str)):  # an Enum
        value = value.value
    if isinstance(value, float):
        text = f"{value:.6g}"
        return text + unit
    if isinstance(value, int):
        return f"{value}{unit}"
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"

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

    def item(self, plan: Plan | None = None) -> str:
        """The row as users name it: "IND-002 适配AI芯片数量 2025-05", "TP-03", "模块 生态"."""
        name = self._named(self.key, plan)
        if self.table is m.Reading and name:
            return name  # the indicator's code and name and the period say what it is
        return _("{kind} {name}", kind=label(self.table), name=name).strip() if name else label(self.table)

    def _named(self, key: Key, plan: Plan | None) -> str:
        parts = []
        for k in key:
            if isinstance(k, tuple):
                parts.append(self._named(k, plan))
            elif k is not None and k != "":
                text = str(k)
                indicator = _indicator(plan, text) if self.table in (m.Indicator, m.Reading) else None
                parts.append(f"{text} {indicator.name}" if indicator is not None and indicator.name != text else text)
        return " ".join(p for p in parts if p)

    def details(self, plan: Plan | None = None) -> str:
        """Each changed field with its old and new value: "累计实际值：3 → 5款"."""
        unit = ""
        if self.table in (m.Indicator, m.Reading):
            code = self.key[0][0] if self.table is m.Reading and self.key and isinstance(self.key[0], tuple) else \
                (self.key[0] if self.key else None)
            indicator = _indicator(plan, code) if code else None
            unit = indicator.unit if indicator is not None and indicator.unit else ""
        def shown(field: str, value: Any) -> str:
            if field in _FRACTIONS and isinstance(value, (int, float)) and not isinstance(value, bool):
                return f"{value * 100:.4g}%"  # progress is kept as 0.3 and written as 30%
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            return shown_value(value, unit if number else "")

        return _("; ").join(_("{field}: {old} → {new}", field=field_label(self.table, f), old=shown(f, o), new=shown(f, n))
                            for f, (o, n) in self.fields.items())

    def describe(self, plan: Plan | None = None) -> str:
        """One line for the changes list, in the user's language, values as users write them."""
        if self.action == "add":
            return _("add {item}", item=self.item(plan))
        if len(self.fields) == 1 and self.table is m.Reading:
            (old, new), = self.fields.values()
            return _("{item}: {values}", item=self.item(plan), values=_reading_values(self, plan, old, new))
        return _("change {item}: {details}", item=self.item(plan), details=self.details(plan))


_FRACTIONS = {"progress", "threshold"}  # stored as 0..1, written as percentages


def _indicator(plan: Plan | None, code: str):
    if plan is None:
        return None
    return next((i for i in plan.indicators if i.code == code), None)


def _reading_values(change: "Change", plan: Plan | None, old: Any, new: Any) -> str:
    """'3 → 5款' for a reading's one changed figure."""
    code = change.key[0][0] if change.key and isinstance(change.key[0], tuple) else None
    indicator = _indicator(plan, code) if code else None
    unit = indicator.unit if indicator is not None and indicator.unit else ""
    numeric = isinstance(new, (int, float)) and not isinstance(new, bool)
    old_text = shown_value(old) if old is not None else _("(empty)")
    return _("{old} → {new}", old=old_text, new=shown_value(new, unit if numeric else ""))


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
