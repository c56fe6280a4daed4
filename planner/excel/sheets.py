"""Per sheet: read it as one of our own templates, or find its table by evidence, or say why not.

A sheet is read as our template when the app wrote the workbook (its `_planner` sheet) or when
a header of ours is found with every column that template requires; every other sheet goes
through the scored reader (`candidates`), its `ColumnMap` (guessed, or the caller's) and
`colmap.lift`. The read grids are kept, so a changed map is applied again without reading
the file (`Workbooks`, `preview.preview_grids`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planner.errors import Problem, ProblemList
from planner.excel.candidates import SheetScan, scan_sheet
from planner.excel.headers import field_label, kind_label
from planner.excel.colmap import ColumnMap, Lifted, RowAction, guess_map, lift, pick_map
from planner.excel.grid import SheetGrid
from planner.excel.schema import norm_header
from planner.excel.tables import Table, find_tables
from planner.i18n import _


@dataclass
class SheetReport:
    """What was found on one sheet, as plain data for the dialog and `--json`."""

    file: str
    sheet: str
    status: str  # template | table | none | hidden | cover | meta | empty
    scan: SheetScan | None = None
    map: ColumnMap | None = None
    lifted: Lifted | None = None
    tables: list[Table] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.file, "sheet": self.sheet, "status": self.status}
        if self.tables:
            out["tables"] = [{"kind": t.spec.key, "header_row": t.header_row + 1, "rows": len(t.rows),
                              "columns": {k: _letter(c) for k, c in t.cols.items()}} for t in self.tables]
        if self.map is not None:
            out["kind"] = self.map.kind
            out["map"] = self.map.to_json()
            out["rows"] = len(self.lifted.rows) if self.lifted else 0
        if self.scan is not None:
            out["candidates"] = self.scan.to_dict()["candidates"]
            if self.status == "none":
                out["why_not"] = self.scan.why_not()
        return out


def _letter(c: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(c + 1)


def read_sheet(grid: SheetGrid, file: str, own: bool, maps: list[ColumnMap], actions: list[RowAction],
               *, template_only: bool = False) -> SheetReport:
    """Find the sheet's table: our template's header first, else the best scored candidate."""
    sub = ProblemList()
    found = find_tables(grid, sub) if own or template_only or _has_template_header(grid) else []
    # our template's header: every required column, and either three columns or the sheet's own title
    # (a sheet "name | date" of someone else's is a milestone list, not our calendar sheet)
    titled = {norm_header(t.spec.zh) for t in found} | {norm_header(t.spec.en) for t in found}
    complete = found and all(c.key in t.cols for t in found for c in t.spec.required) and all(
        (len(t.cols) >= 3 or norm_header(grid.name) in titled) and len(t.cols) >= 0.75 * _filled(grid, t) for t in found)
    if own or template_only or complete:
        return SheetReport(file, grid.name, "template" if found else "none", tables=found, problems=sub.items)
    scan = scan_sheet(grid)
    given = pick_map(maps, grid.name, scan.best and guess_map(scan.best).signature() or "") if maps else None
    cmap = given or (guess_map(scan.best) if scan.best is not None else None)
    if cmap is None:
        from planner.excel.okr_columns import find_objective_columns

        cmap = find_objective_columns(grid)
    if cmap is None:
        return SheetReport(file, grid.name, "none" if any(any(v not in ("", None) for v in r) for r in grid.rows) else "empty",
                           scan=scan)
    cmap.sheet, cmap.file = grid.name, file
    return SheetReport(file, grid.name, "table", scan=scan, map=cmap, lifted=lift(grid, cmap, actions))


def _has_template_header(grid: SheetGrid) -> bool:
    """Whether a header of our templates is on one of the sheet's first rows (else skip that reader)."""
    from planner.excel.tables import recognise

    seen = 0
    for row in grid.rows:
        if any(v not in ("", None) for v in row):
            seen += 1
            if recognise(row) is not None:
                return True
            if seen >= 60:
                return False
    return False


def _filled(grid: SheetGrid, table: Table) -> int:
    if table.spec.grid:
        return len(table.cols)
    return sum(1 for v in grid.rows[table.header_row] if v not in ("", None))


def why_not(report: SheetReport) -> Problem:
    """Why a sheet gave no table: its best row, the headers matched and not, what is missing."""
    scan = report.scan
    top = scan.candidates[0] if scan and scan.candidates else None
    sheet = f"{report.file} › {report.sheet}"
    if top is None:
        return Problem("warning", _("no table found: no row looks like a header (short texts naming the columns)"),
                       sheet=sheet, code="no_table", fix=_("add a header row naming the columns, such as 任务名称 | 开始日期 | 结束日期"))
    info = top.to_dict()
    matched = "、".join(f"{m['column']} {m['header']}→{field_label(top.kind, m['field'])}" for m in info["matched"]) or "-"
    unmatched = "、".join(f"{u['column']} {u['header']}" for u in info["unmatched"][:8]) or "-"
    missing = "、".join(_missing_label(x) for x in info["missing"])
    return Problem("warning", _("no table found: the best candidate is row {row} ({kind}); matched: {matched}; "
                                "not matched: {unmatched}; missing: {missing}", row=info["header_row"],
                                kind=kind_label(top.kind), matched=matched, unmatched=unmatched, missing=missing),
                   sheet=sheet, row=info["header_row"], code="no_table",
                   fix=_("name the missing columns in the header, or give a column map (--map)"))


def _missing_label(name: str) -> str:
    labels = {"name": _("a name column (任务名称 / Task)"), "indicator": _("an indicator column (指标名称 / KPI)"),
              "letters": _("columns of R/A/C/I letters"), "objective": _("an objective column (目标 / Objective)"),
              "key_result": _("a key-result column (关键结果 / KR)"), "header": _("a header row")}
    return labels.get(name, _("dates, owner, duration or progress") if name.startswith("dates") else name)


@dataclass
class Workbooks:
    """Grids read once per file, with the pre-flight's problems; re-mapped without reading again."""

    paths: list[Path]
    grids: dict[str, list[SheetGrid]]  # file name -> grids
    problems: list[Problem]
    mtimes: dict[str, float] = field(default_factory=dict)
    opened: set[str] = field(default_factory=set)  # files that could be read


def open_workbooks(paths: list[Path | str]) -> Workbooks:
    from planner.excel.preview import open_grids

    books = Workbooks([Path(p) for p in paths], {}, [])
    for path in books.paths:
        problems = ProblemList()
        grids = open_grids(path, problems)
        books.problems.extend(problems.items)
        books.grids[path.name] = grids
        if grids:
            books.opened.add(path.name)
            try:
                books.mtimes[path.name] = path.stat().st_mtime
            except OSError:
                books.mtimes[path.name] = 0.0
    return books
