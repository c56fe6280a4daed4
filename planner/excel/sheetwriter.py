"""Write one table to a worksheet: safe text, number formats, widths, wrap, frozen header, print setup."""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planner.excel.cellsafe import ExportNotes, clean_text, is_formula_like
from planner.excel.schema import ENUM_LABELS, PRIORITY_LABELS, Column, TableSpec

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "yyyy-mm-dd"
UNLOCKED = Protection(locked=False)


def put(ws: Worksheet, row: int, col: int, value: Any, notes: ExportNotes, *, kind: str = "text", lang: str = "zh",
        ref: str = "") -> Any:
    """Write one value; user text is always a string cell, quote-prefixed if it looks like a formula."""
    cell = ws.cell(row=row, column=col)
    if value is None or value == "":
        return cell
    if kind == "enum":
        value = ENUM_LABELS[ref].get(value, (value, value))[0 if lang != "en" else 1]
    elif kind == "priority":
        value = PRIORITY_LABELS.get(value, (value, value))[0 if lang != "en" else 1]
    if isinstance(value, str):
        text = clean_text(value, f"{ws.title}!{get_column_letter(col)}{row}", notes)
        cell.value = text
        cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
        if is_formula_like(text):
            cell.quotePrefix = True
        return cell
    if isinstance(value, bool):
        cell.value = ("是" if value else "否") if lang != "en" else ("yes" if value else "no")
        return cell
    cell.value = value
    if isinstance(value, (dt.date, dt.datetime)):
        cell.number_format = DATE_FORMAT
    elif kind == "percent":
        cell.number_format = "0%"
    return cell


def header(ws: Worksheet, row: int, columns: Iterable[Column], lang: str, notes: ExportNotes) -> None:
    for col, column in enumerate(columns, start=1):
        cell = put(ws, row, col, column.header(lang), notes)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def layout(ws: Worksheet, spec_columns: list[Column], header_row: int, last_row: int) -> None:
    """Widths, wrapped long text, frozen header, filter, and a landscape page that fits the width."""
    for col, column in enumerate(spec_columns, start=1):
        ws.column_dimensions[get_column_letter(col)].width = column.width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    if last_row > header_row:
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(spec_columns))}{last_row}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def wrap_columns(ws: Worksheet, columns: list[Column], first: int, last: int) -> None:
    """Long text columns wrap, so numbered actions ("1. ...\\n2. ...") read as lists."""
    for col, column in enumerate(columns, start=1):
        if column.width >= 20:
            for row in ws.iter_rows(min_row=first, max_row=last, min_col=col, max_col=col):
                row[0].alignment = WRAP


def write_table(ws: Worksheet, spec: TableSpec, rows: list[dict[str, Any]], lang: str, notes: ExportNotes,
                *, start: int = 1, sections: list[tuple[int, str]] | None = None, fast: bool = True) -> int:
    """Header at `start`, then one row per dict (keys are column keys); returns the last row.

    Formula columns take the row's own formula text (the app's allow-listed 达成率), never user text.
    """
    from planner.excel import fastrows

    columns = list(spec.columns)
    header(ws, start, columns, lang, notes)
    heads = dict(sections or [])
    if fast and len(rows) > fastrows.FAST_ROWS:
        fast = fastrows.FastSheet(ws, columns, start)
        r = fast.add_rows(rows, lang, notes, heads)
        fastrows.register(ws, fast)
        layout(ws, columns, start, r)
        return r
    r = start
    for i, values in enumerate(rows):
        if i in heads:
            r += 1
            cell = put(ws, r, 1, heads[i], notes)
            cell.font = Font(bold=True)
            cell.fill = SECTION_FILL
        r += 1
        for col, column in enumerate(columns, start=1):
            if column.kind == "formula":
                _formula(ws, r, col, values.get(column.key))
            else:
                put(ws, r, col, values.get(column.key), notes, kind=column.kind, lang=lang, ref=column.ref)
    layout(ws, columns, start, r)
    wrap_columns(ws, columns, start + 1, r)
    return r


def _formula(ws: Worksheet, row: int, col: int, formula: str | None) -> None:
    if formula:
        cell = ws.cell(row=row, column=col)
        cell.value = formula
        cell.number_format = "0%"
