"""Records from the other layouts people make: RACI matrices, KPI lists without IDs, OKR sheets.

Same rules as the task tables (`mapping_generic`): every problem has its place and a code, a
cell never refuses the workbook, and IDs are made where the sheet has none.
"""

from __future__ import annotations

import re
from typing import Any

from openpyxl.utils import get_column_letter

from planner import model as m
from planner.excel import values as cv
from planner.excel.cellkinds import raci_letters
from planner.excel.colmap import Lifted, LiftedRow
from planner.excel.headers import synonyms
from planner.excel.mapping import Context, ensure_named, set_order
from planner.excel.mapping_generic import (
    UNDATED_OK, _notes_text, _origin, _read, cell_problem, map_generic_tasks, row_problem, sheet_label,
)
from planner.excel.records import Record
from planner.i18n import _


# --- RACI -----------------------------------------------------------------------------------------
def map_generic_raci(ctx: Context, lifted: Lifted) -> None:
    """Activity rows x team columns of letters; R/A is kept as A; two A's are a RACI problem."""
    header = next((c.header for c in lifted.map.columns if c.use == "name"), "")
    as_modules = "模块" in header or "module" in header.lower()
    for team in lifted.team_columns:
        ensure_named(ctx, m.Team, team, ctx.known_names(m.Team), {})
    legend = {w.lower() for w in synonyms()["raci"]["legend_words"]}
    for row in lifted.rows:
        name = cv.read_text(row.values.get("name"))
        if not name or raci_letters(name) or name.lower() in legend or not row.teams:
            if name and row.teams:
                row_problem(ctx, lifted, row.r, "warning", _("legend row skipped"), "raci_legend", value=name)
            continue
        letters = {}
        for team, raw in row.teams.items():
            got = raci_letters(raw)
            if got is None:
                ctx.problems.add("warning", _("one of R, A, C, I is expected"), sheet=sheet_label(lifted), row=row.r + 1,
                                 column=get_column_letter(lifted.team_columns[team] + 1), value=cv.read_text(raw)[:20],
                                 code="raci_letter", fix=_("write R, A, C or I (R/A for both)"))
                continue
            if got:
                letters[team] = "A" if "A" in got.split("/") else got.split("/")[0]
        accountable = [t for t, x in letters.items() if x == "A"]
        if len(accountable) > 1:
            row_problem(ctx, lifted, row.r, "warning", _("{count} teams are accountable (A); one is expected: {teams}",
                                                         count=len(accountable), teams="、".join(accountable)),
                        "raci_two_a", value=name)
        if letters and not any(x in ("R", "A") for x in letters.values()):
            row_problem(ctx, lifted, row.r, "warning", _("nobody is responsible (R) for this row"), "raci_no_r", value=name)
        if letters and not accountable:
            row_problem(ctx, lifted, row.r, "warning", _("no team is accountable (A) for this row"), "raci_no_a", value=name)
        subject = _raci_subject(ctx, lifted, row, name, as_modules)
        field = "module_id" if subject[0] == "module" else "task_id"
        key = (subject[1],)
        ctx.replace_scopes.add((m.RaciCell, field, key))
        for team, letter in letters.items():
            ctx.records.put(Record(m.RaciCell, {"module_id": key if field == "module_id" else None,
                                                 "task_id": key if field == "task_id" else None,
                                                 "team_id": (team,), "role": letter}, _origin(lifted, row)))


def _raci_subject(ctx: Context, lifted: Lifted, row: LiftedRow, name: str, as_modules: bool) -> tuple[str, str]:
    """A task of the plan or workbook with this name or ID, a module so named, else a new task (or module)."""
    by_name = {r.values.get("name"): k[0] for k, r in ctx.records.of(m.Task).items()}
    by_name.update(ctx.task_names)
    code = cv.read_code(name)
    if not as_modules:
        if name in by_name:
            return "task", by_name[name]
        if code in ctx.known_tasks or (code,) in ctx.records.of(m.Task):
            return "task", code
    if as_modules or name in ctx.known_names(m.Module) or (name,) in ctx.records.of(m.Module) or not UNDATED_OK:
        ensure_named(ctx, m.Module, name, ctx.known_names(m.Module), {})
        return "module", name
    ctx.task_counter += 1
    code = f"T-{ctx.task_counter:03d}"
    while code in ctx.known_tasks or (code,) in ctx.records.of(m.Task):
        ctx.task_counter += 1
        code = f"T-{ctx.task_counter:03d}"
    record = Record(m.Task, {"code": code, "name": name, "period_style": m.PeriodStyle.date.value}, _origin(lifted, row))
    set_order(ctx, record)
    ctx.records.put(record)
    return "task", code


# --- indicators (KPI lists without IDs) -------------------------------------------------------------
def map_generic_indicators(ctx: Context, lifted: Lifted) -> None:
    from planner.indicators.targets import TargetParseError, parse_target

    taken = {k[0] for k in ctx.records.of(m.Indicator)} | set(ctx.known_indicators)
    by_name = {ind.name: c for c, ind in ctx.known_indicators.items()}
    for row in lifted.rows:
        name = cv.read_text(row.values.get("indicator"))
        if not name:
            continue
        code = cv.read_code(row.values.get("code")) if row.values.get("code") is not None else by_name.get(name, "")
        if not code:
            n = len(taken) + 1
            while f"IND-{n:03d}" in taken:
                n += 1
            code = f"IND-{n:03d}"
        taken.add(code)
        values: dict[str, Any] = {"code": code, "name": name}
        target_raw = row.values.get("target")
        comparator, unit, percent = cv.format_decoration(ctx.number_format(lifted, row, "target"))
        text = cv.read_text(target_raw)
        if isinstance(target_raw, (int, float)) and not isinstance(target_raw, bool):
            shown = target_raw * 100 if percent else target_raw
            shown = int(shown) if float(shown).is_integer() else round(shown, 6)
            text = {">=": "≥", "<=": "≤"}.get(comparator, comparator) + f"{shown}" + ("%" if percent else "") + unit
        if text:
            values["target_text"] = text
            try:
                t = parse_target(text)
                values.update(target=t.value, comparator=t.comparator, unit=t.unit, baseline=t.baseline, direction=t.direction)
            except TargetParseError:
                cell_problem(ctx, lifted, row, "target", target_raw, _("the target has no figure; the achievement rate stays empty"),
                             code="target_unreadable", fix=_("write a target such as ≥10% or 25款"))
        if row.values.get("unit") is not None and not values.get("unit"):
            values["unit"] = cv.read_text(row.values["unit"])
        for use, fld in (("method", "evaluation_method"), ("source", "data_source")):
            if row.values.get(use) is not None:
                values[fld] = cv.read_text(row.values[use])
        base = _read(ctx, lifted, row, "baseline", cv.read_number)
        if base is not None:
            values["baseline"] = base
        owner = cv.read_text(row.values.get("owner"))
        if owner:
            ensure_named(ctx, m.Team, owner, ctx.known_names(m.Team), {})
            values["owner_team_id"] = (owner,)
        record = Record(m.Indicator, values, _origin(lifted, row))
        set_order(ctx, record)
        if ctx.records.put(record) is not None:
            row_problem(ctx, lifted, row.r, "warning", _("indicator {name} is listed twice; the first is kept", name=name),
                        "duplicate_indicator", value=name)
        actual = row.values.get("actual")
        if actual is not None and ctx.period:
            got = _read(ctx, lifted, row, "actual", cv.read_number)
            if got is not None:
                ctx.records.put(Record(m.Reading, {"indicator_id": (code,), "period": ctx.period, "period_value": got,
                                                   "cumulative_value": got}, _origin(lifted, row)))


# --- OKRs -----------------------------------------------------------------------------------------
def map_generic_okrs(ctx: Context, lifted: Lifted) -> None:
    """Objective (a merged group cell or a column) over key-result rows; codes O1, KR1 ... made."""
    objectives: dict[str, str] = {}
    counts: dict[str, int] = {}
    last = ""
    for row in lifted.rows:
        title = cv.read_text(row.values.get("objective")) or last
        kr = cv.read_text(row.values.get("key_result"))
        if not title:
            continue
        last = title
        if title not in objectives:
            code = re.match(r"^(O\d+)\b", title)
            if code:
                objectives[title] = code[1]
            else:  # O1, O2 ... across every sheet of the import (a sheet per quarter or sprint)
                taken = {k[0] for k in ctx.records.of(m.Objective)} | set(objectives.values())
                n = len(taken) + 1
                while f"O{n}" in taken:
                    n += 1
                objectives[title] = f"O{n}"
            values = {"code": objectives[title], "title": re.sub(r"^O\d+[\s:：.、]*", "", title) or title}
            owner = cv.read_text(row.values.get("owner")) if not kr else ""
            if owner:
                values["owner"] = owner
            rec = Record(m.Objective, values, _origin(lifted, row))
            set_order(ctx, rec)
            ctx.records.put(rec)
        if not kr:
            continue
        ocode = objectives[title]
        counts[ocode] = counts.get(ocode, 0) + 1
        code = re.match(r"^(KR\d+)\b", kr, re.I)
        values = {"objective_id": (ocode,), "code": code[1].upper() if code else f"KR{counts[ocode]}",
                  "title": re.sub(r"^KR\d+[\s:：.、]*", "", kr, flags=re.I) or kr}
        progress = _read(ctx, lifted, row, "progress", cv.read_percent)
        if progress is not None:
            values["progress"] = progress
        if row.values.get("target") is not None:
            values["target_text"] = cv.read_text(row.values["target"])
        notes = _notes_text(row, cv.read_text(row.values.get("notes")))
        if notes:
            values["steps"] = notes
        rec = Record(m.KeyResult, values, _origin(lifted, row))
        set_order(ctx, rec, scope=ocode)
        ctx.records.put(rec)


GENERIC_MAPPERS = {"tasks": map_generic_tasks, "raci": map_generic_raci, "indicators": map_generic_indicators,
                   "okrs": map_generic_okrs}
