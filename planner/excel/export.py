"""Export the templates: statistics, task plan, division of work + RACI, indicator system, whole plan.

Only the app's own formulas are written (达成率, on the allow-list in `RATE_FORMULAS`); every
user value goes through `sheetwriter.put`, which never lets text become a formula.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from planner.i18n import _
from planner.document.atomic import atomic_write
from planner.errors import ExportFailed
from planner.excel import fastrows
from planner.excel import rows as xr
from planner.excel import schema as sc
from planner.excel.cellsafe import ExportNotes
from planner.excel.sheetwriter import UNLOCKED, header, layout, put, write_table
from planner.excel.tables import META_SHEET
from planner.plan import Plan

KINDS = tuple(sc.TEMPLATES)
MAX_ROWS = 1_048_576 - 10  # G6: refuse before writing rather than let Excel "repair" the file

# 达成率 per rule: cumulative F / target D (ratio), inverse, or progress from the baseline N.
RATE_FORMULAS = {
    "ratio": '=IFERROR({cum}{r}/{tgt}{r},"")',
    "inverse": '=IFERROR({tgt}{r}/{cum}{r},"")',
    "progress": '=IFERROR(({cum}{r}-{base}{r})/({tgt}{r}-{base}{r}),"")',
}
RATE_ALLOWLIST = re.compile(
    r'^IFERROR\((?:([A-Z]+)(\d+)/([A-Z]+)\2|\(([A-Z]+)(\d+)-([A-Z]+)\5\)/\(([A-Z]+)\5-\6\5\)),""\)$'
)
DEVIATION = 0.10  # a rate more than 10% below target needs an exception note (偏差>10%)
RED = PatternFill("solid", fgColor="F8CBAD")
AMBER = PatternFill("solid", fgColor="FFE699")


def export_template(plan: Plan, kind: str, path: Path | str, *, lang: str = "zh", team: str | None = None,
                    period: str | None = None) -> list[str]:
    """Write the template atomically; returns notes about cells that had to be cleaned or cut."""
    if kind not in KINDS:
        raise ExportFailed(_("Unknown template {kind}; choose one of {value}.", kind=repr(kind), value=', '.join(KINDS)))
    notes = ExportNotes()
    wb = build_workbook(plan, kind, lang=lang, team=team, period=period, notes=notes)
    try:
        with atomic_write(path) as tmp:
            fastrows.save(wb, tmp)
    except OSError as exc:
        raise ExportFailed(_("Could not write {name}: {value}", name=Path(path).name, value=exc.strerror or exc), where=str(path)) from exc
    return notes.messages()


def build_workbook(plan: Plan, kind: str, *, lang: str = "zh", team: str | None = None, period: str | None = None,
                   notes: ExportNotes | None = None) -> Workbook:
    notes = notes or ExportNotes()
    if len(plan.tasks) > MAX_ROWS or len(plan.readings) > MAX_ROWS:
        raise ExportFailed(_("The plan has more rows than a worksheet can hold (1,048,576)."))
    wb = Workbook()
    wb.remove(wb.active)
    if kind == "collect":
        _collect(wb, plan, lang, team, period, notes)
        return wb
    for key in sc.TEMPLATES[kind]:
        _SHEETS[key](wb, plan, lang, notes, period if kind == "stats" else None)
    _meta(wb, plan, kind, notes)
    return wb


_TITLE_FORBIDDEN = str.maketrans({"/": "／", "\\": "＼", "?": "？", "*": "＊", "[": "［", "]": "］", ":": "："})


def sheet_title(text: str) -> str:
    """A sheet title Excel accepts (no / \\ ? * [ ] :, no leading or trailing quote, 31 characters),
    keeping a team's name readable: forbidden characters become their full-width forms."""
    title = str(text).translate(_TITLE_FORBIDDEN).strip("'")[:31].strip("'")
    return title or "Sheet"


def _sheet(wb: Workbook, spec_or_title, lang: str):
    title = spec_or_title.title(lang) if hasattr(spec_or_title, "title") else spec_or_title
    return wb.create_sheet(sheet_title(title))


def _simple(key: str, items):
    def write(wb, plan, lang, notes, _period):
        spec = sc.SPEC_BY_KEY[key]
        write_table(_sheet(wb, spec, lang), spec, xr.simple_rows(spec, plan, items(plan)), lang, notes)
    return write


def _cover(wb, plan, lang, notes, _period):
    ws = wb.create_sheet(sc.COVER_TITLE[lang == "en"])
    title = put(ws, 1, 1, plan.programme.name, notes)
    title.font = Font(bold=True, size=16)
    for r, column in enumerate(sc.COVER_FIELDS, start=3):
        put(ws, r, 1, column.header(lang), notes).font = Font(bold=True)
        put(ws, r, 2, getattr(plan.programme, column.key), notes, kind=column.kind, lang=lang, ref=column.ref)
        ws.cell(r, 2).alignment = Alignment(wrap_text=True, vertical="top")
    r = len(sc.COVER_FIELDS) + 4
    counts = (("阶段", "Stages", plan.stages), ("模块", "Modules", plan.modules), ("任务", "Tasks", plan.tasks),
              ("指标", "Indicators", plan.indicators), ("里程碑", "Milestones", plan.milestones))
    put(ws, r, 1, "内容概览" if lang != "en" else "Contents", notes).font = Font(bold=True)
    for i, (zh, en, items) in enumerate(counts, start=1):
        put(ws, r + i, 1, f"{en if lang == 'en' else zh}: {len(items)}", notes)
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 60
    ws.page_setup.orientation = "portrait"


def _tasks(wb, plan, lang, notes, _period):
    spec = sc.TASKS
    ws = _sheet(wb, spec, lang)
    rows, sections = xr.task_rows(spec, plan)
    last = write_table(ws, spec, rows, lang, notes, sections=sections)
    width = len(spec.columns)
    # Module headings span the table; big sheets (written as XML directly) keep them unmerged.
    for r in range(2, last + 1 if len(rows) <= fastrows.FAST_ROWS else 2):
        if ws.cell(r, 2).value is None and ws.cell(r, 1).value is not None:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=min(width, 8))
    _validate(ws, spec, 2, last, lang)


def _cells(wb, plan, lang, notes, _period):
    spec = sc.SYSTEM
    ws = _sheet(wb, spec, lang)
    rows, spans = xr.cell_rows(spec, plan)
    write_table(ws, spec, rows, lang, notes)
    for first, last in spans:  # the stage cell merged over its modules, as the seed lays it out
        if last > first:
            ws.merge_cells(start_row=first + 2, start_column=1, end_row=last + 2, end_column=1)
        ws.cell(first + 2, 1).alignment = Alignment(wrap_text=True, vertical="center")


def _division(wb, plan, lang, notes, _period):
    spec = sc.DIVISION
    write_table(_sheet(wb, spec, lang), spec, xr.division_rows(spec, plan), lang, notes)


def _raci(wb, plan, lang, notes, _period):
    spec = sc.RACI
    ws = _sheet(wb, spec, lang)
    teams, rows = xr.raci_rows(plan, lang)
    columns = list(spec.columns) + [sc.Column(f"team:{t}", t, t, width=10) for t in teams]
    header(ws, 1, columns, lang, notes)
    for r, (kind, subject, letters) in enumerate(rows, start=2):
        put(ws, r, 1, kind, notes)
        put(ws, r, 2, subject, notes)
        for c, team in enumerate(teams, start=3):
            put(ws, r, c, letters.get(team), notes)
    layout(ws, columns, 1, max(2, len(rows) + 1))
    if teams:
        dv = DataValidation(type="list", formula1='"R,A,C,I"', allow_blank=True, showErrorMessage=True,
                            error="R, A, C or I", errorTitle="RACI")
        ws.add_data_validation(dv)
        dv.add(f"C2:{get_column_letter(len(columns))}{max(2, len(rows) + 1)}")


def _okrs(wb, plan, lang, notes, _period):
    spec = sc.OKRS
    write_table(_sheet(wb, spec, lang), spec, xr.okr_rows(spec, plan), lang, notes)


def _baselines(wb, plan, lang, notes, _period):
    spec = sc.BASELINES
    write_table(_sheet(wb, spec, lang), spec, xr.baseline_rows(plan), lang, notes)


def _readings(wb, plan, lang, notes, period, *, indicators=None, title=None, fast=True):
    spec = sc.STATS
    ws = wb.create_sheet(sheet_title(title or spec.title(lang)))
    rows = xr.reading_rows(plan, period=period, indicators=indicators)
    _rate_formulas(ws, rows)
    last = write_table(ws, spec, rows, lang, notes, fast=fast)
    _validate(ws, spec, 2, max(2, last), lang)
    return ws, last


def column_letter(spec: sc.TableSpec, key: str) -> str:
    return get_column_letter(next(i for i, c in enumerate(spec.columns, start=1) if c.key == key))


def _rate_formulas(ws, rows) -> None:
    """Each row's 达成率 formula (from the allow-list, by the indicator's rule) and the deviation colours."""
    spec = sc.STATS
    rate, cum, tgt, base = (column_letter(spec, k) for k in ("rate", "cumulative_value", "target", "baseline"))
    for r, row in enumerate(rows, start=2):
        rule = row.get("_rule") or "ratio"
        if rule == "progress" and row.get("baseline") is None:
            continue  # no baseline, no rate (as planner.indicators.rates computes it)
        row["rate"] = RATE_FORMULAS.get(rule, RATE_FORMULAS["ratio"]).format(cum=cum, tgt=tgt, base=base, r=r)
    last = len(rows) + 1
    if last >= 2:
        rng = f"{rate}2:{rate}{last}"
        ws.conditional_formatting.add(rng, FormulaRule(formula=[f"AND(ISNUMBER({rate}2),{rate}2<{1 - DEVIATION})"], fill=RED))
        ws.conditional_formatting.add(rng, FormulaRule(formula=[f"AND(ISNUMBER({rate}2),{rate}2>{1 + DEVIATION})"], fill=AMBER))


def _validate(ws, spec: sc.TableSpec, first: int, last: int, lang: str) -> None:
    """Number, percent and date checks on input columns, so typos are caught where they are typed."""
    if last < first:  # an empty table: still check what people type into its first rows
        last = first + 99
    en = lang == "en"
    checks = {
        "float": DataValidation(type="decimal", operator="between", formula1="-1E+15", formula2="1E+15", allow_blank=True,
                                error="Enter a number" if en else "请输入数字"),
        "percent": DataValidation(type="decimal", operator="between", formula1="0", formula2="1", allow_blank=True,
                                  error="Enter 0%-100%" if en else "请输入 0%-100%"),
        "date": DataValidation(type="date", operator="between", formula1="1", formula2="109574", allow_blank=True,
                               error="Enter a date such as 2025-03-28" if en else "请输入日期，如 2025-03-28"),
    }
    used = set()
    for col, column in enumerate(spec.columns, start=1):
        dv = checks.get(column.kind)
        if dv is not None:
            dv.showErrorMessage = True
            dv.add(f"{get_column_letter(col)}{first}:{get_column_letter(col)}{last}")
            used.add(column.kind)
    for kind in used:
        ws.add_data_validation(checks[kind])


def _collect(wb, plan, lang, team, period, notes) -> None:
    """One team's fill-in workbook: only its indicators; inputs unlocked, the rest protected."""
    from planner.excel.collect import collection_period, due_date, team_indicators

    period = collection_period(period or "")  # refused with the reason; "2025-3" is 2025-03
    indicators = team_indicators(plan, team)
    ws, last = _readings(wb, plan, lang, notes, period, indicators=indicators,  # cell by cell: inputs get unlocked
                         title=f"{sc.STATS.title(lang)}-{team}" if team else None, fast=False)
    inputs = {"period_value", "cumulative_value", "test_date", "tester", "source", "exception_note"}
    for col, column in enumerate(sc.STATS.columns, start=1):
        if column.key in inputs:
            for r in range(2, last + 1):
                ws.cell(r, col).protection = UNLOCKED
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    _meta(wb, plan, "collect", notes, team=team or "", period=period, due=due_date(period).isoformat(),
          indicators=",".join(i.code for i in indicators))


def _meta(wb, plan, kind: str, notes, **facts: str) -> None:
    """A hidden sheet naming the plan, the template and how figures are written (read back on import).

    `values=unit`: numbers in statistics columns are in the indicator's own unit (11.2 for 11.2%),
    so the app's own files read back exactly; a fill-in workbook (kind collect) follows the rules
    for typed values instead (a % cell holding 0.112 is 11.2%).
    """
    meta = wb.create_sheet(META_SHEET)
    facts = {"kind": kind, "plan": plan.programme.name, "plan_start": plan.programme.start_date.isoformat(),
             "exported": dt.date.today().isoformat(), "values": "unit", **facts}
    for r, (k, v) in enumerate(facts.items(), start=1):
        put(ws=meta, row=r, col=1, value=k, notes=notes)
        put(ws=meta, row=r, col=2, value=v, notes=notes)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True


_SHEETS = {
    "cover": _cover,
    "stages": _simple("stages", lambda p: p.stages),
    "modules": _simple("modules", lambda p: p.modules),
    "teams": _simple("teams", lambda p: p.teams),
    "roles": _simple("roles", lambda p: p.roles),
    "calendar": _simple("calendar", lambda p: p.calendar_exceptions),
    "indicators": _simple("indicators", lambda p: p.indicators),
    "milestones": _simple("milestones", lambda p: p.milestones),
    "risks": _simple("risks", lambda p: p.risks),
    "dependencies": _simple("dependencies", lambda p: sorted(p.dependencies, key=lambda d: d.id)),
    "cells": _cells, "tasks": _tasks, "division": _division, "raci": _raci, "okrs": _okrs,
    "baselines": _baselines, "readings": lambda wb, plan, lang, notes, period: _readings(wb, plan, lang, notes, period),
}
