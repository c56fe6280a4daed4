"""Read workbooks into an import preview: what would be added or changed, and every problem.

Nothing is written here; `planner.excel.apply.apply_import` applies a preview in one
transaction. Several files are read together (a master file, or many returned templates).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planner import model as m
from planner.collector import paused
from planner.errors import ImportRejected, Problem, ProblemList
from planner.excel import mapping as mp
from planner.excel import mapping_plan as mpp
from planner.excel import values as cv
from planner.excel.grid import SheetGrid, read_grids
from planner.excel.mapping_readings import map_readings
from planner.excel.preflight import preflight
from planner.excel.records import FK, Change, PlanIndex, Record, Records, diff, index_plan
from planner.excel.schema import COVER_FIELDS, COVER_TITLE, norm_header
from planner.excel.tables import META_SHEET, Table, formula_cells
from planner.i18n import _
from planner.plan import Plan


@dataclass
class ImportOptions:
    period: str = ""  # readings' period when the sheets do not say
    programme_start: dt.date | None = None
    strict: bool = False  # a bad cell refuses the import (scripts); else it is a warning and the row imports
    maps: list[Any] = field(default_factory=list)  # colmap.ColumnMap given by the caller (--map, the dialog)
    row_actions: list[Any] = field(default_factory=list)  # colmap.RowAction: skip a row, drop or correct a cell
    conflicts: dict[str, str] = field(default_factory=dict)  # conflict key -> "overwrite" | "keep"
    conflict_default: str = ""  # "overwrite" | "keep" for conflicts without a decision; "" = ask (an error)


@dataclass
class Preview:
    files: list[str]
    records: Records
    problems: ProblemList
    changes: list[Change] = field(default_factory=list)
    removals: list[tuple[type, Any]] = field(default_factory=list)  # (table, key) replaced away
    replace_scopes: set[tuple] = field(default_factory=set)
    meta: list[dict[str, str]] = field(default_factory=list)  # one per collection workbook
    collection: Any = None  # planner.excel.collect.CollectionReport when returns were read
    sheets: list[Any] = field(default_factory=list)  # sheets.SheetReport per sheet read
    conflicts: list[Any] = field(default_factory=list)  # preview_json.Conflict: newer plan data overwritten
    earliest: dt.date | None = None  # the earliest date in the workbooks (a new plan starts there)
    needs_start: bool = False  # week-based spans were read without a start date (ask once, --start)
    skipped_rows: int = 0
    plan: Any = None  # the plan read against: the changes list names its indicators (IND-002 适配AI芯片数量)

    @property
    def ok(self) -> bool:
        return not self.problems.errors

    def counts(self) -> dict[str, int]:
        adds = sum(1 for c in self.changes if c.action == "add")
        return {"add": adds, "change": len(self.changes) - adds, "remove": len(self.removals),
                "skip": self.skipped_rows, "conflicts": len(self.conflicts),
                "errors": len(self.problems.errors), "warnings": len(self.problems.items) - len(self.problems.errors)}

    def maps(self) -> list[Any]:
        """The column map used on each sheet read by evidence (what `--show-map` prints)."""
        return [r.map for r in self.sheets if getattr(r, "map", None) is not None]


_MAP_ORDER = ("stages", "modules", "teams", "roles", "calendar", "cells", "tasks", "dependencies",
              "division", "raci", "indicators", "milestones", "risks", "readings", "okrs", "baselines")
_GENERIC_ORDER = ("tasks", "indicators", "okrs", "raci")  # RACI rows may name tasks read just before


def read_workbooks(paths: list[Path | str], plan: Plan | None = None, options: ImportOptions | None = None) -> Preview:
    """Check, read and map every workbook; never raises for what is in the files."""
    from planner.excel.sheets import open_workbooks

    with paused():  # hundreds of thousands of small objects, all kept until the end
        return preview_grids(open_workbooks(paths), plan, options or ImportOptions())


def preview_grids(books, plan: Plan | None = None, options: ImportOptions | None = None) -> Preview:
    """Map grids already read (`sheets.open_workbooks`) into a preview: re-run after a map changes."""
    from planner.excel.mapping_generic import resolve_generic_dependencies
    from planner.excel.mapping_layouts import GENERIC_MAPPERS
    from planner.excel.sheets import SheetReport, read_sheet, why_not

    options = options or ImportOptions()
    problems = ProblemList(list(books.problems))
    records = Records()
    index = index_plan(plan)
    tables: list[tuple[str, Table, SheetGrid]] = []
    reports: list[SheetReport] = []
    metas: list[dict[str, str]] = []
    for path in books.paths:
        grids = books.grids.get(path.name, [])
        own = any(g.name == META_SHEET for g in grids)
        found_any = False
        for grid in grids:
            if grid.name == META_SHEET:
                metas.append({**read_meta(grid), "file": path.name, "mtime": str(books.mtimes.get(path.name, 0.0))})
                reports.append(SheetReport(path.name, grid.name, "meta"))
            elif grid.hidden:
                problems.add("warning", _("hidden sheet skipped"), sheet=grid.name, value=path.name, code="sheet_hidden")
                reports.append(SheetReport(path.name, grid.name, "hidden"))
            elif norm_header(grid.name) in {norm_header(t) for t in COVER_TITLE}:
                _cover(grid, records, problems, path.name)
                reports.append(SheetReport(path.name, grid.name, "cover"))
                found_any = True
            else:
                report = read_sheet(grid, path.name, own, options.maps, options.row_actions)
                reports.append(report)
                problems.items.extend(_in_file(p, path.name) for p in report.problems)
                for table in report.tables:
                    table.sheet = f"{path.name} › {grid.name}"  # every problem names file and sheet
                    _flag_formulas(grid, table, problems)
                    tables.append((path.name, table, grid))
                found_any |= bool(report.tables or report.lifted)
        if grids and not found_any:
            problems.add("error", _("no table with recognised headers was found"), sheet=path.name, code="no_table_in_file",
                         fix=_("see the reasons given for each sheet"))
            problems.items.extend(why_not(r) for r in reports if r.file == path.name and r.status == "none")
    generic = [r for r in reports if r.lifted is not None]
    ctx = _context(problems, records, index, plan, options, metas, books, generic)
    _period_hints(ctx, tables)
    for key in _MAP_ORDER:
        for file, table, _grid in tables:
            if table.spec.key == key:
                ctx.file = file
                _MAPPERS[key](ctx, table)
    ctx.module_prefixes.update({k[0]: r.values["prefix"] for k, r in ctx.records.of(m.Module).items() if r.values.get("prefix")})
    for kind in _GENERIC_ORDER:
        for report in generic:
            if report.map.kind == kind:
                ctx.file = report.file
                GENERIC_MAPPERS[kind](ctx, report.lifted)
    resolve_generic_dependencies(ctx)
    preview = _complete(ctx, index, plan, [str(p) for p in books.paths], options, metas)
    preview.sheets = reports
    preview.skipped_rows = sum(len(r.lifted.skipped) for r in generic)
    return preview


def _period_hints(ctx: mp.Context, tables) -> None:
    """Statistics sheets without a period column take it from the sheet, its name or the file name."""
    from planner.excel.periods import sheet_period

    for file, table, grid in tables:
        if table.spec.key == "readings" and "period" not in table.cols and not ctx.period:
            period, source = sheet_period(grid, file, ctx.year_hint, table.header_row)
            table.period_hint = period
            if period:
                message = {"sheet": _("period {period} taken from the text above the table", period=period),
                           "sheet name": _("period {period} taken from the sheet name", period=period),
                           "file name": _("period {period} taken from the file name", period=period)}[source]
                ctx.problems.add("warning", message, sheet=table.sheet, code="period_guessed", value=period)


def preview_from_records(files: list[str], records: Records, problems: ProblemList, plan: Plan | None = None,
                         options: ImportOptions | None = None, *, replace_scopes: set[tuple] | None = None) -> Preview:
    """A preview of records read by another reader (MS Project XML ...): the same checks, diff and apply."""
    options = options or ImportOptions()
    index = index_plan(plan)
    ctx = mp.Context(problems, records, programme_start=options.programme_start)
    ctx.strict = options.strict
    ctx.replace_scopes = set(replace_scopes or ())
    return _complete(ctx, index, plan, files, options, [])


def _complete(ctx: mp.Context, index: PlanIndex, plan: Plan | None, files: list[str], options: ImportOptions,
              metas: list[dict[str, str]]) -> Preview:
    from planner.excel.preview_json import find_conflicts

    _finish(ctx, index)
    preview = Preview(files, ctx.records, ctx.problems, replace_scopes=ctx.replace_scopes, meta=metas, plan=plan)
    preview.changes = diff(ctx.records, index)
    preview.conflicts = find_conflicts(preview, index, options)
    preview.removals = removals(ctx.records, index, ctx.replace_scopes)
    starts = [r.values.get("start_date") for r in ctx.records.of(m.Task).values() if r.values.get("start_date")]
    preview.earliest = min(starts) if starts else ctx.earliest
    preview.needs_start = ctx.needs_start
    if ctx.needs_start:
        ctx.problems.add("error", _("the plan counts in weeks or months but has no start date"), code="start_needed",
                         fix=_("give the plan's start date (--start 2025-03-03)"))
    returns = [x for x in metas if x.get("kind") == "collect"]
    if returns:
        from planner.excel.collect import collection_report

        preview.collection = collection_report(preview, plan, returns)
    return preview


def open_grids(path: Path, problems: ProblemList) -> list[SheetGrid]:
    return _open(path, problems)


def _open(path: Path, problems: ProblemList) -> list[SheetGrid]:
    try:
        scan = preflight(path)
        problems.items.extend(_in_file(p, path.name) for p in scan.warnings)
        return read_grids(path, scan)
    except ImportRejected as exc:
        problems.items.extend(_in_file(p, path.name) for p in exc.problems or [Problem("error", str(exc))])
        return []
    except FileNotFoundError:
        problems.add("error", _("file not found"), sheet=path.name, code="file_not_found")
        return []
    except OSError as exc:  # permission denied, a folder, a file still locked by a sync client
        problems.add("error", _("the file cannot be read ({reason})", reason=exc.strerror or exc), sheet=path.name,
                     code="file_unreadable")
        return []


def _in_file(p: Problem, file: str) -> Problem:
    sheet = f"{file} › {p.sheet}" if p.sheet and p.sheet != file else (p.sheet or file)
    return Problem(p.level, p.message, sheet, p.row, p.column, p.value, p.code, p.fix)


def _flag_formulas(grid: SheetGrid, table: Table, problems: ProblemList) -> None:
    for row, key in formula_cells(grid, table):
        r, col = row.place(key)
        problems.add("warning", _("this cell holds a formula: its last computed value was used, the formula was not kept"),
                     sheet=table.sheet, row=r, column=col, code="formula_value")


def read_meta(grid: SheetGrid) -> dict[str, str]:
    return {cv.read_text(row[0]): cv.read_text(row[1]) for row in grid.rows if len(row) >= 2 and row[0]}


def _cover(grid: SheetGrid, records: Records, problems: ProblemList, file: str) -> None:
    values: dict[str, Any] = {}
    for r, row in enumerate(grid.rows):
        if len(row) < 2 or not isinstance(row[0], str):
            continue
        label = norm_header(row[0])
        column = next((c for c in COVER_FIELDS if label in c.names()), None)
        if column is None:
            continue
        try:
            if column.kind == "date":
                values[column.key] = cv.read_date(row[1])
            elif column.kind == "enum":
                values[column.key] = cv.read_enum(row[1], column.ref)
            else:
                values[column.key] = cv.read_text(row[1])
        except cv.CellError as exc:
            problems.error(str(exc), sheet=f"{file} › {grid.name}", row=r + 1, column="B", value=cv.read_text(row[1]))
    if values.get("status_date") is None and "status_date" in values:
        values["status_date"] = None
    if values:
        records.put(Record(m.Programme, values, f"{file} {grid.name}"))


def _context(problems, records, index: PlanIndex, plan, options, metas, books=None, generic=()) -> mp.Context:
    from planner.excel.periods import earliest_date, year_hint

    cover = records.get(m.Programme, ())
    earliest = earliest_date(books) if books is not None else None
    start = options.programme_start or (cover.values.get("start_date") if cover else None)
    start = start or (plan.programme.start_date if plan else None)
    period = options.period or next((x.get("period", "") for x in metas if x.get("period")), "")  # collect files
    ctx = mp.Context(problems, records, programme_start=start, period=period)
    ctx.strict = options.strict
    ctx.earliest = earliest
    ctx.year_hint = year_hint(books, start) if books is not None else None
    if start is None and not generic:
        ctx.programme_start = earliest or dt.date.today()  # our templates write dates; weeks need a start
    ctx.exact_files = {x["file"] for x in metas if x.get("values") == "unit" and x.get("kind") != "collect"}
    ctx.known_tasks = {k[0] for k in index.rows[m.Task]}
    ctx.known_indicators = {k[0]: row for k, row in index.rows[m.Indicator].items()}
    ctx.known = {t: {k[0] for k in index.rows[t]} for t in (m.Stage, m.Module, m.Team, m.Role)}
    ctx.module_prefixes = {k[0]: row.prefix for k, row in index.rows[m.Module].items() if row.prefix}
    if plan is not None:
        from planner.excel.rows import deps_text

        ctx.dep_texts = {t.code: deps_text(plan, t) for t in plan.tasks}
        ctx.role_texts = {t.code: t.roles_text for t in plan.tasks}
        ctx.task_names = {t.name: t.code for t in plan.tasks if t.name}
        ctx.plan_task_names = {t.code: t.name for t in plan.tasks}
    return ctx


_MAPPERS = {
    "stages": mp.map_simple, "modules": mp.map_simple, "teams": mp.map_simple, "calendar": mp.map_simple,
    "milestones": mp.map_simple, "risks": mp.map_simple, "indicators": mp.map_simple,
    "roles": mpp.map_roles, "cells": mpp.map_cells, "tasks": mpp.map_tasks, "dependencies": mpp.map_dependencies,
    "division": mpp.map_division, "raci": mpp.map_raci_grid, "readings": map_readings, "okrs": mpp.map_okrs,
    "baselines": mpp.map_baselines,
}


def _finish(ctx: mp.Context, index: PlanIndex) -> None:
    mp.sheet_order_when_numbered_again(ctx)
    mpp.resolve_dependency_phrases(ctx)
    mpp.division_letters(ctx)
    mpp.fix_refs(ctx, m.Milestone, {"stage_id": m.Stage})
    mpp.fix_refs(ctx, m.Risk, {"module_id": m.Module})
    mpp.fix_refs(ctx, m.Indicator, {"stage_id": m.Stage, "module_id": m.Module, "owner_team_id": m.Team})
    mp.report_new_names(ctx)
    _check_references(ctx, index)
    _check_cycles(ctx, index)
    _check_outline(ctx, index)


def _check_references(ctx: mp.Context, index: PlanIndex) -> None:
    for table, recs in ctx.records.by_table.items():
        for record in recs.values():
            for fk, target in FK[table].items():
                key = record.values.get(fk)
                if key is None or ctx.records.get(target, key) is not None or key in index.rows[target]:
                    continue
                from planner.excel.records import label

                ctx.problems.error(_("unknown {kind} {key}", kind=label(target), key="/".join(map(str, _flat(key)))),
                                   sheet=record.origin.strip())


def _flat(key) -> list:
    out = []
    for k in key:
        out.extend(_flat(k) if isinstance(k, tuple) else [k])
    return out


def _check_cycles(ctx: mp.Context, index: PlanIndex) -> None:
    from planner.services.dependencies import find_cycle

    replaced = {k for t, f, k in ctx.replace_scopes if t is m.Dependency}
    edges = [(d.values["predecessor_id"][0], d.values["successor_id"][0]) for d in ctx.records.of(m.Dependency).values()]
    for key in index.rows[m.Dependency]:
        if (key[1],) not in replaced and key[1] not in replaced:
            edges.append((key[0][0], key[1][0]))
    cycle = find_cycle(edges)
    if cycle:
        text = " → ".join(cycle)
        ctx.problems.add("error", _("dependencies form a cycle: {cycle}", cycle=text), value=text, code="dep_cycle",
                         fix=_("remove one of the links on the cycle"))
        for a, b in zip(cycle, cycle[1:]):  # located at every cell on the cycle
            rec = ctx.records.get(m.Dependency, ((a,), (b,))) or ctx.records.get(m.Dependency, ((b,), (a,)))
            if rec is None or "!" not in rec.origin:
                continue
            sheet, _sep, row = rec.origin.rpartition("!")
            ctx.problems.add("error", _("this link is on the cycle {cycle}", cycle=text), sheet=sheet.strip(),
                             row=int(row) if row.isdigit() else None, column=ctx.dep_columns.get(sheet.strip(), ""),
                             value=rec.values.get("text", ""), code="dep_cycle", fix=_("remove one of the links on the cycle"))


def _check_outline(ctx: mp.Context, index: PlanIndex) -> None:
    """Summary tasks (上级任务) may not loop: A under B under A."""
    from planner.outline import parent_loop

    parent_of = {key: index.values(row).get("parent_id") for key, row in index.rows[m.Task].items()}
    parent_of.update({key: r.values.get("parent_id") for key, r in ctx.records.of(m.Task).items()})
    loop = parent_loop(parent_of)
    if loop:
        text = " → ".join(k[0] for k in loop)
        ctx.problems.error(_("summary tasks form a loop: {loop}", loop=text), value=text)


def removals(records: Records, index: PlanIndex, scopes: set[tuple]) -> list[tuple[type, Any]]:
    """Rows of the plan a sheet replaces (a task's old predecessors, old RACI letters ...)."""
    out = []
    wanted: dict[type, set[tuple]] = {}
    for table, column, key in scopes:
        wanted.setdefault(table, set()).add((column, key))
    for table, pairs in wanted.items():
        names = {f for f, _k in pairs}
        for key, row in index.rows[table].items():
            if records.get(table, key) is not None:
                continue
            values = index.values(row)
            if any((f, values.get(f)) in pairs for f in names):
                out.append((table, key))
    return out
