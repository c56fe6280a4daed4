"""Find tables in sheets by their headers and lift their rows, tolerant of how people lay them out.

A header row is recognised by synonyms (after folding full-width punctuation and spaces), on
any row, several per sheet. Group columns (stage, module, objective) are forward-filled
over merged or blank cells; a one-cell row inside a task table ("3.1 技术产品模块") sets
the module of the rows under it. Empty rows, however many, are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from openpyxl.utils import get_column_letter

from planner.errors import ProblemList
from planner.i18n import _, language
from planner.excel.grid import SheetGrid
from planner.excel.schema import ALL_SPECS, SPEC_BY_KEY, Column, TableSpec, norm_header

META_SHEET = "_planner"


@dataclass
class Row:
    r: int  # 0-based row index in the sheet
    cells: dict[str, Any]
    cols: dict[str, int]  # key -> 0-based column
    section: str = ""  # the last one-cell heading above this row
    stage_section: str = ""  # the last heading naming a stage ("第一阶段（0-6个月）：基础建设期")
    extra: dict[str, Any] = field(default_factory=dict)  # grid columns (team name -> value)

    def place(self, key: str) -> tuple[int, str]:
        col = self.cols.get(key)
        return self.r + 1, (get_column_letter(col + 1) if col is not None else "")


@dataclass
class Table:
    spec: TableSpec
    sheet: str
    header_row: int
    cols: dict[str, int]
    extra_cols: dict[str, int] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)

    @cached_property
    def layout(self) -> list[tuple[str, int, Column]]:
        """(key, column index, column spec) of every recognised column, computed once."""
        return [(key, c, self.spec.column(key)) for key, c in self.cols.items()]


def _build_index() -> dict[str, list[tuple[TableSpec, Column]]]:
    index: dict[str, list[tuple[TableSpec, Column]]] = {}
    for spec in ALL_SPECS:
        for column in spec.columns:
            for name in column.names():
                index.setdefault(name, []).append((spec, column))
    return index


_INDEX = _build_index()


def _lookup(text: str) -> list[tuple[TableSpec, Column]]:
    found = _INDEX.get(text)
    if found is None and text.endswith(")"):
        found = _INDEX.get(re.sub(r"\(.*\)$", "", text))
    return found or []


_DATA_LIKE = re.compile(r"\d{2}|[-/]\d")  # IDs, dates, figures: never a header name


def recognise(row: list[Any], *, inside: bool = False) -> tuple[TableSpec, dict[str, int]] | None:
    """The table whose header this row is, with each column's position; None if none fits.

    `inside` a table, a new header needs three recognised columns: a data row such as
    "模块 | description" (a RACI row) must not start a risk table.
    """
    cols: dict[str, dict[str, int]] = {}
    seen = 0
    for index, value in enumerate(row):
        if value == "" or value is None:
            continue
        seen += 1
        if seen > 3 and not cols:
            return None  # a header names its columns from the start; data rows are rejected early
        if not isinstance(value, str) or len(value) > 60 or _DATA_LIKE.search(value):
            continue
        for spec, column in _lookup(norm_header(value)):
            taken = cols.setdefault(spec.key, {})
            if column.key not in taken and index not in taken.values():
                taken[column.key] = index
    filled = sum(1 for v in row if v not in ("", None))
    best = None
    for key, found in cols.items():
        spec = SPEC_BY_KEY[key]
        # Most cells of a header row are header names; a data row that happens to hold "Team" is not.
        needed = max(spec.min_match, 3) if inside else spec.min_match
        if len(found) >= needed and (spec.grid or len(found) >= 0.6 * filled) and (best is None or len(found) > len(best[1])):
            best = (spec, found)
    return best


def _is_section(row: list[Any]) -> str:
    filled = [(i, v) for i, v in enumerate(row) if v not in ("", None)]
    if len(filled) == 1 and filled[0][0] <= 1 and isinstance(filled[0][1], str):
        return filled[0][1].strip()
    return ""


def find_tables(grid: SheetGrid, problems: ProblemList) -> list[Table]:
    tables: list[Table] = []
    current: Table | None = None
    fill = grid.merge_fill() if grid.merges else {}  # lazy lookups: merges are never expanded
    previous: dict[str, Any] = {}
    section = stage_section = ""
    for r, raw in enumerate(grid.rows):
        if not any(v != "" and v is not None for v in raw):
            continue  # empty rows (thousands of formatted ones) cost one check each
        first = raw[0]
        # A row starting with a number (序号) is data: headers name their first column.
        numbered = isinstance(first, (int, float)) and not isinstance(first, bool)
        found = None if numbered else recognise(raw, inside=current is not None)
        if found is not None:
            spec, cols = found
            current = Table(spec, grid.name, r, cols)
            if spec.grid:
                current.extra_cols = _grid_columns(raw, cols)
            _report_header(grid, current, raw, problems)
            tables.append(current)
            previous = {}
            continue
        heading = _is_section(raw) if current is None or current.spec.key == "tasks" else ""
        if current is None or (heading and _is_heading(current, heading)):
            section = heading or section
            if "阶段" in heading:
                stage_section = heading.lstrip("#").strip()
            continue
        row = _lift(grid, current, raw, r, fill, previous, problems)
        row.section, row.stage_section = section, stage_section
        current.rows.append(row)
    return tables


def _is_heading(table: Table, text: str) -> bool:
    """A one-cell row inside a task table is a group heading ("3.1 技术产品模块"), not a task."""
    return table.spec.key == "tasks" and not re.fullmatch(r"[A-Za-z]{1,6}-?\d{1,4}", text)


def _grid_columns(raw: list[Any], cols: dict[str, int]) -> dict[str, int]:
    used = set(cols.values())
    return {str(v).strip(): i for i, v in enumerate(raw) if i not in used and isinstance(v, str) and v.strip()}


def _report_header(grid: SheetGrid, table: Table, raw: list[Any], problems: ProblemList) -> None:
    for column in table.spec.required:
        if column.key not in table.cols:
            problems.add("error", _("required column '{column}' is missing", column=column.zh if language() == "zh_CN" else column.en), sheet=grid.name,
                         row=table.header_row + 1, code="required_missing")
    if table.spec.grid:
        return
    used = set(table.cols.values())
    for i, v in enumerate(raw):
        if i not in used and v not in ("", None):
            problems.add("warning", _("column not recognised; ignored"), sheet=grid.name, row=table.header_row + 1,
                         column=get_column_letter(i + 1), value=str(v)[:80], code="column_ignored")


def _lift(grid, table: Table, raw: list[Any], r: int, fill, previous, problems: ProblemList) -> Row:
    cells: dict[str, Any] = {}
    width = len(raw)
    for key, c, column in table.layout:
        value = raw[c] if c < width else ""
        if fill and value in ("", None) and (r, c) in fill:
            value = _from_merge(grid, column, fill[(r, c)], r, c, problems)
        if column.group:
            if value in ("", None):
                value = previous.get(key, "")
            previous[key] = value
        cells[key] = None if value == "" else value
    extra = {}
    for team, c in table.extra_cols.items():
        value = raw[c] if c < width else ""
        if value not in ("", None):
            extra[team] = value
    return Row(r, cells, table.cols, extra=extra)


def _from_merge(grid, column: Column, merged, r: int, c: int, problems: ProblemList) -> Any:
    """A cell covered by a merge takes the merge's value; outside group columns that is reported."""
    value, (r0, c0, r1, c1) = merged
    if not column.group and c0 == c1:
        problems.warning(
            _("merged cells in a data column: the value applies to every row of the range"),
            sheet=grid.name, row=r + 1, column=get_column_letter(c + 1),
            value=f"{get_column_letter(c0 + 1)}{r0 + 1}:{get_column_letter(c0 + 1)}{r1 + 1}", code="merged_data")
    return value


def formula_cells(grid: SheetGrid, table: Table) -> list[tuple[Row, str]]:
    """(row, key) of input cells that held a formula (their cached value is what was read)."""
    out = []
    by_col = {c: k for k, c in table.cols.items()}
    rows = {row.r: row for row in table.rows}
    for r, c in grid.formulas:
        if r in rows and c in by_col and table.spec.column(by_col[c]).kind != "formula":
            out.append((rows[r], by_col[c]))
    return out
