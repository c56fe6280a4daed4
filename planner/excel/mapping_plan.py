"""Mapping of the tables that are more than one row per record: tasks, RACI, readings, OKRs, baselines."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from planner import model as m
from planner.errors import ParseError
from planner.excel import values as cv
from planner.excel.mapping import (
    Context, add_record, ensure_named, generic_values, origin, read_cell, set_order, stage_fields, where,
)
from planner.excel.records import Record
from planner.excel.tables import Row, Table
from planner.i18n import _


# --- tasks -----------------------------------------------------------------------------------
def map_tasks(ctx: Context, table: Table) -> None:
    for row in table.rows:
        values, ok = generic_values(ctx, table, row)
        if ok and not values.get("code"):
            values["code"] = _made_code(ctx, table, row)
        module = values.get("module_id") or _section_module(row.section)
        values["module_id"] = module
        if not values.get("stage_id") and row.stage_section:
            values["stage_id"] = (row.stage_section,)
        if not ok or not _task_span(ctx, table, row, values):
            continue
        _refs(ctx, table, row, values)
        record = Record(m.Task, values, origin(ctx, table, row))
        parent = values.get("parent_id")  # children are ordered under their summary task, the
        set_order(ctx, record, scope=("parent", parent) if parent else None)  # top level as one list
        add_record(ctx, table, row, record)
        _task_roles(ctx, table, row, values)
        _task_collaborators(ctx, table, row, values["code"])
        if "deps" in table.cols:
            ctx.dep_columns.setdefault(table.sheet, row.place("deps")[1])
            ctx.pending_deps.append((values["code"], cv.read_text(row.cells.get("deps")), row, table))


def _task_collaborators(ctx: Context, table: Table, row: Row, code: str) -> None:
    """协作团队 on a task row: each team named is a team of the plan, consulted (C) on the task
    unless the row already gives it a letter (a RACI sheet read first keeps its own)."""
    from planner.raci import named_teams

    raw = row.cells.get("collaborators")
    if raw is None or cv.is_placeholder(raw):
        return
    for team in named_teams(cv.read_text(raw)):
        ensure_named(ctx, m.Team, team, ctx.known_names(m.Team), where(table, row, "collaborators"))
        ctx.records.put(Record(m.RaciCell, {"module_id": None, "task_id": (code,), "team_id": (team,),
                                            "role": m.RaciRole.C.value}, origin(ctx, table, row)))


def _made_code(ctx: Context, table: Table, row: Row) -> str:
    """A row without a task ID gets T-001, T-002 ... (reported, so the user can give it its own)."""
    codes = ctx.known_tasks | {k[0] for k in ctx.records.of(m.Task)}
    ctx.task_counter += 1
    while f"T-{ctx.task_counter:03d}" in codes:
        ctx.task_counter += 1
    code = f"T-{ctx.task_counter:03d}"
    ctx.problems.add("warning", _("no task ID: {code} given", code=code), **where(table, row, "code"), code="id_made",
                     value=code, fix=_("write the task's own ID in the cell"))
    return code


def _section_module(section: str) -> tuple | None:
    """'3.1 技术产品模块' -> ('技术产品',); headings that name no module give None."""
    text = re.sub(r"^[#\s]*[\d.]+\s*", "", section or "").strip()
    text = re.sub(r"[（(][^）)]*[）)]$", "", text).strip()
    if not text or "其他" in text or "阶段" in text:
        return None
    return (re.sub(r"(模块|任务组)$", "", text).strip() or text,)


def _task_span(ctx: Context, table: Table, row: Row, values: dict) -> bool:
    """Dates from 开始/结束 cells, else from 起止时间 (weeks, months or dates)."""
    from planner.schedule.notation import parse_span

    text = cv.read_text(row.cells.get("span"))
    span = None
    dated = values.get("start_date") is not None and values.get("end_date") is not None
    if text and not (dated and values.get("period_style")):  # the dates are authoritative when given
        try:
            span = parse_span(text, ctx.programme_start)
        except ParseError as exc:
            if values.get("start_date") is None:
                ctx.problems.add(ctx.cell_level(), str(exc), **where(table, row, "span"), value=text,
                                 code="cell_unreadable", fix=_("write the span as 第1-8周 or 2025-01-27 至 2025-04-21"))
                if ctx.strict:
                    return False
                text = ""
    if values.get("start_date") is None and span is not None:
        values["start_date"] = span.start
    if values.get("end_date") is None and span is not None:
        values["end_date"] = span.end
    if values.get("period_style") is None:
        values["period_style"] = span.style if span is not None else m.PeriodStyle.date.value
    if values.get("start_date") is None and values.get("end_date") is None and not text:
        return True  # not scheduled yet: placed from its links, with its (estimated) duration
    if values.get("start_date") is None or values.get("end_date") is None:
        if ctx.strict:
            ctx.problems.error(_("start and end are needed (起止时间, or 开始日期 and 结束日期)"), **where(table, row, "span"),
                               code="dates_incomplete")
            return False
        values["start_date"] = values["end_date"] = values.get("start_date") or values.get("end_date")
    if values["end_date"] < values["start_date"]:
        ctx.problems.add(ctx.cell_level(), _("the task ends before it starts"), **where(table, row, "end_date"),
                         value=f"{values['start_date']} > {values['end_date']}", code="end_before_start",
                         fix=_("swap the dates, or correct the one that is wrong"))
        if ctx.strict:
            return False
        values["start_date"] = values["end_date"] = None  # imported unscheduled; placed from its links
    return True


def _refs(ctx: Context, table: Table, row: Row, values: dict) -> None:
    place = where(table, row, "module_id")
    if values.get("module_id"):
        ensure_named(ctx, m.Module, values["module_id"][0], ctx.known_names(m.Module), place)
    if values.get("stage_id"):
        _stage_ref(ctx, values, "stage_id", place)


def _stage_ref(ctx: Context, values: dict, key: str, place: dict) -> None:
    text = values[key][0]
    fields = stage_fields(text)
    values[key] = (fields["name"],)
    ensure_named(ctx, m.Stage, fields["name"], ctx.known_names(m.Stage), place, extra={k: v for k, v in fields.items() if k != "name"})


_ROLE = re.compile(r"^(?P<name>.+?)\s*(?:[×xX*]\s*(?P<n>\d+)|[（(]?\s*(?P<m>\d+)\s*人[）)]?)?$")


def split_roles(text: str) -> list[tuple[str, int]]:
    """'算子组工程师×8、架构师×2' -> [('算子组工程师', 8), ('架构师', 2)]; no count means 1."""
    out: list[tuple[str, int]] = []
    for piece in re.split(r"[、，,；;\n]+", text or ""):
        piece = piece.strip()
        if not piece:
            continue
        match = _ROLE.match(piece)
        name = match["name"].strip() if match else piece
        count = int(match["n"] or match["m"] or 1) if match else 1
        if name and all(name != n for n, _ in out):
            out.append((name, count))
    return out


def _task_roles(ctx: Context, table: Table, row: Row, values: dict) -> None:
    if "roles_text" not in table.cols or not values.get("code"):
        return
    code = (values["code"],)
    if ctx.role_texts.get(values["code"]) == (values.get("roles_text") or ""):
        return  # unchanged text: the task's roles and head-counts stay exactly as they are
    ctx.replace_scopes.add((m.TaskRole, "task_id", code))
    for order, (name, count) in enumerate(split_roles(values.get("roles_text") or "")):
        ensure_named(ctx, m.Role, name, ctx.known_names(m.Role), {**where(table, row, "roles_text"), "value": name})
        ctx.records.put(Record(m.TaskRole, {"task_id": code, "role_id": (name,), "headcount": count, "order": order},
                               origin(ctx, table, row)))


def resolve_dependency_phrases(ctx: Context) -> None:
    """依赖项 cells become dependencies once every task code in the import is known."""
    from planner.services.dependencies import parse_dependencies_text

    if ctx.has_dependency_sheet:
        return
    codes = ctx.known_tasks | {k[0] for k in ctx.records.of(m.Task)}
    for code, text, row, table in ctx.pending_deps:
        if ctx.dep_texts.get(code) == text:
            continue  # the phrase the plan itself would write: its links stay exactly as they are
        ctx.replace_scopes.add((m.Dependency, "successor_id", (code,)))
        try:
            specs = parse_dependencies_text(text, codes, where=f"{table.sheet}!{row.place('deps')[1]}{row.r + 1}")
        except ParseError as exc:
            ctx.problems.error(str(exc.message).split(": ", 1)[-1], **where(table, row, "deps"), value=text)
            continue
        for spec in specs:
            if spec.code not in codes:
                ctx.problems.error(_("unknown predecessor {code}", code=spec.code), **where(table, row, "deps"), value=text)
                continue
            if spec.code == code:
                ctx.problems.error(_("a task cannot depend on itself"), **where(table, row, "deps"), value=text)
                continue
            ctx.records.put(Record(m.Dependency, {
                "predecessor_id": (spec.code,), "successor_id": (code,), "type": spec.type, "lag": spec.lag,
                "lag_unit": spec.lag_unit, "threshold": spec.threshold, "text": _phrase(text, specs, spec),
            }, origin(ctx, table, row)))


def _phrase(text: str, specs: list, spec) -> str:
    """The cell as written when it names several tasks ("TP-02、TP-03完成" is one phrase), else the item."""
    return text.strip() if len(specs) > 1 else spec.text


def map_dependencies(ctx: Context, table: Table) -> None:
    ctx.has_dependency_sheet = True
    for row in table.rows:
        values, ok = generic_values(ctx, table, row)
        if not ok:
            continue
        if values.get("threshold") is None:
            values["threshold"] = 1.0
        ctx.replace_scopes.add((m.Dependency, "successor_id", values["successor_id"]))
        add_record(ctx, table, row, Record(m.Dependency, values, origin(ctx, table, row)))


# --- division of work and RACI ---------------------------------------------------------------
def map_division(ctx: Context, table: Table) -> None:
    for row in table.rows:
        values, ok = generic_values(ctx, table, row)
        if not ok:
            continue
        ensure_named(ctx, m.Module, values["module_id"][0], ctx.known_names(m.Module), where(table, row, "module_id"))
        _division_teams(ctx, table, row)
        record = Record(m.DivisionOfWork, values, origin(ctx, table, row))
        if any(values.get(k) for k in ("decision_maker", "executing_roles", "cadence")):
            add_record(ctx, table, row, record)  # a row with letters only needs no division record
        ctx.division_rows.append((record, row, table))


def _division_teams(ctx: Context, table: Table, row: Row) -> None:
    """Every team a division row names (责任团队, 协作团队) is a team of the plan, with or without a RACI sheet."""
    from planner.raci import named_teams

    for key in ("responsible", "collaborators"):
        for team in named_teams(cv.read_text(row.cells.get(key))):
            ensure_named(ctx, m.Team, team, ctx.known_names(m.Team), where(table, row, key))


def division_letters(ctx: Context) -> None:
    """Without a RACI sheet, 责任团队/协作团队/决策人 become R/C/A letters (planner.raci's mapping)."""
    from planner.raci import division_to_raci, named_teams

    if ctx.has_raci_grid:
        return
    named: list[str] = []  # "所有业务及技术团队" consults every team the matrix names
    for _record, row, _table in ctx.division_rows:
        for key in ("responsible", "collaborators"):
            named += [t for t in named_teams(cv.read_text(row.cells.get(key))) if t not in named]
    for record, row, table in ctx.division_rows:
        module = record.values["module_id"]
        ctx.replace_scopes.add((m.RaciCell, "module_id", module))
        letters = division_to_raci(
            cv.read_text(row.cells.get("responsible")), cv.read_text(row.cells.get("collaborators")),
            record.values.get("decision_maker") or "", all_teams=named,
        )
        for a in letters:
            ensure_named(ctx, m.Team, a.team, ctx.known_names(m.Team), where(table, row, "responsible"))
            ctx.records.put(Record(m.RaciCell, {"module_id": module, "task_id": None, "team_id": (a.team,), "role": a.role},
                                   origin(ctx, table, row)))


_KIND = {"模块": "module", "module": "module", "任务": "task", "task": "task"}


def map_raci_grid(ctx: Context, table: Table) -> None:
    ctx.has_raci_grid = True
    for team in table.extra_cols:
        ensure_named(ctx, m.Team, team, ctx.known_names(m.Team), {"sheet": table.sheet, "row": table.header_row + 1})
    for row in table.rows:
        kind = _KIND.get(cv.read_text(row.cells.get("subject_kind")).lower())
        subject = cv.read_text(row.cells.get("subject"))
        if kind is None or not subject:
            ctx.problems.error(_("each RACI row needs a kind (module or task) and a module or task"),
                               **where(table, row, "subject_kind"), value=cv.read_text(row.cells.get("subject_kind")))
            continue
        field = "module_id" if kind == "module" else "task_id"
        key = (cv.read_code(subject),) if kind == "task" else (subject,)
        ctx.replace_scopes.add((m.RaciCell, field, key))
        for team, raw in row.extra.items():
            letter = cv.read_text(raw).upper()
            if letter not in ("R", "A", "C", "I"):
                col = table.extra_cols[team]
                from openpyxl.utils import get_column_letter

                ctx.problems.error(_("one of R, A, C, I is expected"), sheet=table.sheet, row=row.r + 1,
                                   column=get_column_letter(col + 1), value=cv.read_text(raw)[:40])
                continue
            values = {"module_id": key if kind == "module" else None, "task_id": key if kind == "task" else None,
                      "team_id": (team,), "role": letter}
            add_record(ctx, table, row, Record(m.RaciCell, values, origin(ctx, table, row)))


# --- OKRs and baselines -----------------------------------------------------------------------
def map_okrs(ctx: Context, table: Table) -> None:
    for row in table.rows:
        values, ok = generic_values(ctx, table, row, skip={"objective_code"})
        ok_code, code = read_cell(ctx, table, row, table.spec.column("objective_code"))
        if not (ok and ok_code and code):
            continue
        objective = {"code": code, "title": cv.read_text(row.cells.get("objective_title")) or code}
        for key, field in (("objective_owner", "owner"), ("objective_period", "period")):
            if key in table.cols:
                objective[field] = cv.read_text(row.cells.get(key))
        if "objective_kind" in table.cols:
            objective["kind"] = cv.read_enum(row.cells.get("objective_kind"), "objective_kind") or m.ObjectiveKind.delivery.value
        if (code,) not in ctx.records.of(m.Objective):
            rec = Record(m.Objective, {**objective, "order": row.cells.get("objective_order")}, origin(ctx, table, row))
            if rec.values["order"] is not None:
                rec.values["order"] = cv.read_int(rec.values["order"])
            set_order(ctx, rec)
            ctx.records.put(rec)
        if not values.get("code"):
            continue
        kr = {k: v for k, v in values.items() if k in m.KeyResult.model_fields}
        kr["objective_id"] = (code,)
        kr.setdefault("title", values.get("code"))
        record = Record(m.KeyResult, kr, origin(ctx, table, row))
        set_order(ctx, record, scope=code)
        add_record(ctx, table, row, record)
        _kr_links(ctx, table, row, (code,), kr["code"])


def _kr_links(ctx: Context, table: Table, row: Row, objective: tuple, kr_code: str) -> None:
    if "links" not in table.cols:
        return
    kr = (objective, kr_code)
    ctx.replace_scopes.add((m.KeyResultLink, "key_result_id", kr))
    for item in re.split(r"[、，,；;\s]+", cv.read_text(row.cells.get("links"))):
        code = cv.read_code(item)
        if not code:
            continue
        is_indicator = (code,) in ctx.records.of(m.Indicator) or code in ctx.known_indicators
        values = {"key_result_id": kr, "indicator_id": (code,) if is_indicator else None,
                  "task_id": None if is_indicator else (code,)}
        ctx.records.put(Record(m.KeyResultLink, values, origin(ctx, table, row)))


def map_baselines(ctx: Context, table: Table) -> None:
    for row in table.rows:
        values, ok = generic_values(ctx, table, row)
        name = cv.read_text(row.cells.get("baseline"))
        if not ok or not name:
            continue
        # taken_on is the Baseline's, not a BaselineTask field, so generic_values (which checked the
        # cell) leaves it out of `values`
        taken = cv.read_date(row.cells.get("taken_on")) or dt.date.today()
        if (name,) not in ctx.records.of(m.Baseline):
            ctx.records.put(Record(m.Baseline, {"name": name, "taken_on": taken}, origin(ctx, table, row)))
        if values.get("task_id"):
            bt = {"baseline_id": (name,), "task_id": values["task_id"], "start_date": values.get("start_date"),
                  "end_date": values.get("end_date"), "progress": values.get("progress") or 0.0}
            add_record(ctx, table, row, Record(m.BaselineTask, bt, origin(ctx, table, row)))


def map_cells(ctx: Context, table: Table) -> None:
    for row in table.rows:
        values, ok = generic_values(ctx, table, row)
        if not ok:
            continue
        _stage_ref(ctx, values, "stage_id", where(table, row, "stage_id"))
        ensure_named(ctx, m.Module, values["module_id"][0], ctx.known_names(m.Module), where(table, row, "module_id"))
        add_record(ctx, table, row, Record(m.RoadmapCell, values, origin(ctx, table, row)))


def map_roles(ctx: Context, table: Table) -> None:
    for row in table.rows:
        values, ok = generic_values(ctx, table, row)
        if not ok:
            continue
        if values.get("team_id"):
            ensure_named(ctx, m.Team, values["team_id"][0], ctx.known_names(m.Team), where(table, row, "team_id"))
        add_record(ctx, table, row, Record(m.Role, values, origin(ctx, table, row)))


def fix_refs(ctx: Context, model: type, fields: dict[str, type]) -> Any:
    """Stage/module/team names referenced by milestones, risks and indicators are added when new."""
    for record in ctx.records.of(model).values():
        for field, target in fields.items():
            key = record.values.get(field)
            if key and target in (m.Stage, m.Module, m.Team):
                if target is m.Stage:
                    vals = {field: key}
                    _stage_ref(ctx, vals, field, {"sheet": record.origin})
                    record.values[field] = vals[field]
                else:
                    ensure_named(ctx, target, key[0], ctx.known_names(target), {"sheet": record.origin})
