"""Turn recognised tables into records, collecting every bad cell as a problem (never stopping)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from sqlmodel import SQLModel

from planner import model as m
from planner.errors import ProblemList
from planner.excel import values as cv
from planner.excel.records import Record, Records
from planner.excel.schema import Column
from planner.excel.tables import Row, Table
from planner.i18n import N_, _, language

ORDERED = {m.Stage, m.Module, m.Team, m.Milestone, m.Risk, m.Objective, m.Indicator, m.Task, m.KeyResult}


@dataclass
class Context:
    """What mapping needs besides the rows: where problems go and what the plan already has."""

    problems: ProblemList
    records: Records
    file: str = ""
    programme_start: Any = None  # dt.date, for week ranges
    period: str = ""  # readings' period when a sheet has no period column
    known_tasks: set[str] = field(default_factory=set)  # codes in the open plan
    known_indicators: dict[str, Any] = field(default_factory=dict)  # code -> Indicator (open plan)
    replace_scopes: set[tuple] = field(default_factory=set)  # (table, field, key): rows to replace
    pending_deps: list[tuple[str, str, Row, Table]] = field(default_factory=list)  # (task code, text, row, table)
    division_rows: list[tuple[Record, Row, Table]] = field(default_factory=list)
    has_raci_grid: bool = False
    has_dependency_sheet: bool = False
    order_counters: dict[Any, int] = field(default_factory=dict)
    known: dict[type, set[str]] = field(default_factory=dict)  # names in the open plan per table
    exact_files: set[str] = field(default_factory=set)  # the app's own workbooks: figures in the indicator's unit
    role_texts: dict[str, str] = field(default_factory=dict)  # task code -> 责任角色 in the plan
    dep_texts: dict[str, str] = field(default_factory=dict)  # task code -> 依赖项 as the plan exports it
    new_names: dict[type, list[str]] = field(default_factory=dict)  # referenced names not in the plan
    # tables people made themselves (mapping_generic)
    strict: bool = False  # a bad cell is an error (the whole import refused), not a warning
    year_hint: int | None = None  # the year of dates written without one (5月28日)
    earliest: Any = None  # the earliest date in the workbooks
    needs_start: bool = False  # week-based spans were met without a programme start
    task_counter: int = 0  # T-001, T-002 ... across every sheet of the import
    task_names: dict[str, str] = field(default_factory=dict)  # plan task name -> code
    plan_task_names: dict[str, str] = field(default_factory=dict)  # plan task code -> name
    generic_deps: list = field(default_factory=list)  # (lifted, row, code, text, refs)
    _timelines: dict[int, dict] = field(default_factory=dict)
    dep_columns: dict[str, str] = field(default_factory=dict)  # sheet label -> column letter of its predecessors
    module_prefixes: dict[str, str] = field(default_factory=dict)  # module name -> task-ID prefix (plan and workbook)

    def known_names(self, model: type) -> set[str]:
        return self.known.get(model, set())

    def cell_level(self) -> str:
        return "error" if self.strict else "warning"

    def calendar_add(self, day, workdays: int):
        """`day` moved by a number of working days (Monday to Friday): end from start and duration."""
        import datetime as dt

        step = 1 if workdays >= 0 else -1
        left = abs(workdays)
        while day.weekday() >= 5:  # a start on a weekend counts from the next working day
            day += dt.timedelta(days=step)
        while left:
            day += dt.timedelta(days=step)
            if day.weekday() < 5:
                left -= 1
        return day

    def number_format(self, lifted, row, use: str) -> str:
        """A cell's number format code from the scan ('"≥"0%', '0"款"'), '' when General."""
        col = lifted.column_of(use)
        fmt = getattr(lifted.grid, "number_format", None)
        return (fmt(row.r, col) or "") if fmt is not None and col is not None else ""

    def timeline_dates(self, lifted) -> dict:
        """Timeline column -> (first, last) day it stands for, from the dates or weeks heading it."""
        key = id(lifted)
        if key not in self._timelines:
            from planner.excel.timeline import column_dates

            self._timelines[key] = column_dates(lifted, self.programme_start)
        return self._timelines[key]


def where(table: Table, row: Row, key: str) -> dict[str, Any]:
    r, col = row.place(key)
    return {"sheet": table.sheet, "row": r, "column": col}


def origin(ctx: Context, table: Table, row: Row) -> str:
    return f"{table.sheet}!{row.r + 1}"


_READERS: dict[str, Callable[[Any], Any]] = {
    "text": cv.read_text, "code": cv.read_code, "int": cv.read_int, "float": cv.read_number,
    "percent": cv.read_percent, "date": cv.read_date, "bool": cv.read_bool, "priority": cv.read_priority,
}


def read_cell(ctx: Context, table: Table, row: Row, column: Column) -> tuple[bool, Any]:
    """(ok, value) for one cell; a bad cell becomes an error naming sheet, row, column and value."""
    raw = row.cells.get(column.key)
    try:
        if column.kind == "enum":
            return True, cv.read_enum(raw, column.ref)
        if column.kind == "ref":
            text = cv.read_code(raw) if column.ref in ("tasks", "indicators") else cv.read_text(raw)
            return True, (text,) if text else None
        if column.kind == "bool" and cv.is_blank(raw):
            return True, None
        return True, _READERS.get(column.kind, cv.read_text)(raw)
    except cv.CellError as exc:
        cell_warning(ctx, table, row, column.key, raw, str(exc))
        return (not ctx.strict), None


def cell_warning(ctx: Context, table: Table, row: Row, key: str, raw: Any, reason: str) -> None:
    """A bad cell: a warning and the row imports without it, or an error under strict."""
    ctx.problems.add(ctx.cell_level(), reason, **where(table, row, key), value=cv.read_text(raw)[:80],
                     code="cell_unreadable", fix=_("correct the cell, or leave it empty"))


def generic_values(ctx: Context, table: Table, row: Row, skip: set[str] = frozenset()) -> tuple[dict, bool]:
    """Model field values of the columns present in this table; False if any cell was bad."""
    out, ok = {}, True
    cells = row.cells
    max_text = cv.MAX_TEXT
    for column, key, reader, is_field, default, read_none, needed in _plan(table):
        if key in skip:
            continue
        raw = cells.get(key)
        if raw is None and not read_none:
            value = None
        else:
            try:
                value = reader(raw)
            except cv.CellError as exc:
                cell_warning(ctx, table, row, key, raw, str(exc))
                if ctx.strict:
                    ok = False
                    continue
                value = None  # a cell never refuses the workbook: the row imports without it
            if isinstance(raw, str) and (len(raw) > max_text or not raw.isprintable()):
                if len(raw) > max_text:
                    ctx.problems.warning(_("text longer than {n} characters was cut", n=max_text), **where(table, row, key),
                                         value=raw[:40])
                if not raw.isprintable() and cv.has_control(raw):
                    ctx.problems.warning(_("control characters were removed"), **where(table, row, key),
                                         value=cv.read_text(raw)[:40])
        if is_field:
            out[key] = default if value is None else value
        if needed and cv.is_blank(raw):
            if column.key == "code" and table.spec.key == "tasks" and not ctx.strict:
                continue  # an ID is made for the row (map_tasks)
            ctx.problems.add(ctx.cell_level(), _("'{column}' is required", column=column.zh), **where(table, row, column.key),
                             code="required_blank", fix=_("fill in the cell"))
            ok = False
    return out, ok


def _plan(table: Table) -> list[tuple[Column, str, Callable[[Any], Any], bool, Any, bool, bool]]:
    """Per table, once: each recognised column with its key, reader, whether it is a model field,
    that field's default, whether an absent cell is read too (enums) and whether it is required."""
    cached = getattr(table, "_readers", None)
    if cached is not None:
        return cached
    model = table.spec.model
    fields = set(model.model_fields) if model else set()
    out = []
    for column in table.spec.columns:
        if column.key not in table.cols or column.kind in ("formula", "span", "deps", "teams", "links"):
            continue
        is_field = column.key in fields
        default = _default_for_blank(model, column.key, None) if is_field else None
        out.append((column, column.key, _reader(column), is_field, default, column.kind == "enum",
                    bool(column.required and not column.blank_ok)))
    table._readers = out
    return out


def _reader(column: Column) -> Callable[[Any], Any]:
    if column.kind == "enum":
        return lambda raw: cv.read_enum(raw, column.ref)
    if column.kind == "ref":
        read = cv.read_code if column.ref in ("tasks", "indicators") else cv.read_text
        return lambda raw: ((read(raw),) if read(raw) else None)
    if column.kind == "bool":
        return lambda raw: None if cv.is_blank(raw) else cv.read_bool(raw)
    return _READERS.get(column.kind, cv.read_text)


def _default_for_blank(model: type[SQLModel], key: str, value: Any) -> Any:
    """A blank cell means the field's default ('' for text, None for optional values)."""
    if value is not None:
        return value
    info = model.model_fields[key]
    default = info.default
    return None if default is None or repr(default) == "PydanticUndefined" else default


def next_order(ctx: Context, table: type[SQLModel], scope: Any = None) -> int:
    key = (table, scope)
    ctx.order_counters[key] = ctx.order_counters.get(key, -1) + 1
    return ctx.order_counters[key]


def set_order(ctx: Context, record: Record, scope: Any = None) -> None:
    """Order from the 序号 column when there is one, else the row's position (not compared)."""
    if record.table not in ORDERED:
        return
    if record.values.get("order") is None:
        record.values["order"] = next_order(ctx, record.table, scope)
        record.auto.add("order")


def _order_scope(record: Record) -> Any:
    """The list a record is ordered in: a task's summary (or the top level), a key result's
    objective; one list for the other tables (as `services.generic.scope_value`)."""
    if record.table is m.Task:
        return record.values.get("parent_id")
    return record.values.get("objective_id") if record.table is m.KeyResult else None


def sheet_order_when_numbered_again(ctx: Context) -> None:
    """A 序号 column that starts again in each section (1, 2, 3 under one module, 1, 2 under the
    next) numbers rows within a group, not in the plan's lists: where the same number comes
    twice in one list, that table's rows take the sheet's order instead, as the user sees them."""
    for table in ORDERED:
        records = list(ctx.records.of(table).values())  # in the order the rows were read
        seen: set = set()
        for r in records:
            if "order" in r.auto or r.values.get("order") is None:
                continue
            key = (_order_scope(r), r.values["order"])
            if key in seen:
                break
            seen.add(key)
        else:
            continue
        counters: dict[Any, int] = {}
        for r in records:
            scope = _order_scope(r)
            r.values["order"] = counters[scope] = counters.get(scope, -1) + 1
            r.auto.add("order")


def add_record(ctx: Context, table: Table, row: Row, record: Record) -> None:
    """Store a record; the same key twice is a duplicate unless the values agree exactly."""
    old = ctx.records.put(record)
    if old is None:
        return
    if old.values == record.values and old.origin.split(" › ")[0] != record.origin.split(" › ")[0]:
        return  # the same row in two returned workbooks
    key = " / ".join(str(k[0] if isinstance(k, tuple) else k) for k in record.key)
    if record.table is m.Reading:
        message = _("conflicting values reported for '{key}' (also at {where})", key=key, where=old.origin.strip())
    else:
        message = _("duplicate {kind} '{key}' (also at {where})", kind=table.spec.zh if language() == "zh_CN"
                    else table.spec.en, key=key, where=old.origin.strip())
    ctx.problems.error(message,
                       **where(table, row, table.spec.natural_key[0]), value=key)


def map_simple(ctx: Context, table: Table) -> None:
    """Tables whose columns are model fields one to one (stages, modules, teams, risks ...)."""
    model = table.spec.model
    for row in table.rows:
        values, ok = generic_values(ctx, table, row)
        if not ok:
            continue
        if model is m.Stage:
            _stage_from_label(values)
        record = Record(model, values, origin(ctx, table, row))
        set_order(ctx, record)
        add_record(ctx, table, row, record)


def _stage_from_label(values: dict) -> None:
    if values.get("name") and not values.get("label") and _STAGE_LABEL.search(values["name"]):
        label = values["name"]
        values.update(stage_fields(label))


_STAGE_LABEL = re.compile(r"[:：]")


def stage_fields(text: str) -> dict[str, Any]:
    """'第一阶段（0-6 个月）：基础建设期' -> name 基础建设期, label as written, months 0 and 6."""
    from planner.schedule.notation import parse_months

    name = re.split(r"[:：]", text, maxsplit=1)[-1].strip() or text.strip()
    out: dict[str, Any] = {"name": name}
    if name != text.strip():
        out["label"] = text.strip()
    months = re.search(r"[（(]([^（）()]*月)[）)]", text)
    if months:
        try:
            span = parse_months(months.group(1))
        except Exception:  # an unreadable month range only loses the offsets
            span = None
        if span:
            out["start_month"], out["end_month"] = span
    return out


def ensure_named(ctx: Context, model: type[SQLModel], name: str, known: set, place: dict, extra: dict | None = None) -> None:
    """Referenced stage/module/team/role not in the plan or workbook: add it (listed once per kind)."""
    if not name or (name,) in ctx.records.of(model) or name in known:
        return
    record = Record(model, {"name": name, **(extra or {})}, "(added)")
    set_order(ctx, record)
    ctx.records.put(record)
    ctx.new_names.setdefault(model, []).append(name)


def report_new_names(ctx: Context) -> None:
    messages = {m.Stage: N_("new stages will be added: {names}"), m.Module: N_("new modules will be added: {names}"),
                m.Team: N_("new teams will be added: {names}"), m.Role: N_("new roles will be added: {names}")}
    for model, names in ctx.new_names.items():
        ctx.problems.add("warning", _(messages[model], names="、".join(names)), code="new_names")
