"""Big tables written straight to sheet XML: openpyxl's cell-by-cell writer needs seconds per 100k cells.

openpyxl still writes the workbook, the header row, styles, widths, validations and print
settings; the data rows of large tables are rendered here as XML text (inline strings, style ids
taken from openpyxl's own style table) and spliced into the saved file. User text goes through
the same checks as `sheetwriter.put`: cleaned, cut with a note, quote-prefixed when it looks like
a formula, always a string cell.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any
from xml.sax.saxutils import escape

from openpyxl.cell.cell import Cell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planner.excel.cellsafe import ExportNotes, clean_text, is_formula_like
from planner.excel.schema import ENUM_LABELS, PRIORITY_LABELS, Column

FAST_ROWS = 400  # tables longer than this take the fast path
EPOCH = dt.date(1899, 12, 30)
_SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")


def _style(ws: Worksheet, **attrs: Any) -> int:
    """The workbook style id for a cell with these attributes (registered in openpyxl's table)."""
    cell = Cell(ws, row=1, column=1)
    for key, value in attrs.items():
        setattr(cell, key, value)
    return cell.style_id


class FastSheet:
    def __init__(self, ws: Worksheet, columns: list[Column], start: int):
        self.ws, self.columns, self.start = ws, columns, start
        self.letters = [get_column_letter(i) for i in range(1, len(columns) + 1)]
        self.styles = {
            "date": _style(ws, number_format="yyyy-mm-dd"), "percent": _style(ws, number_format="0%"),
            "quote": _style(ws, quotePrefix=True), "section": _style(ws, font=Font(bold=True), fill=_SECTION_FILL),
        }
        self.parts: list[str] = []
        self.last = start

    def add_rows(self, rows: list[dict[str, Any]], lang: str, notes: ExportNotes, sections: dict[int, str]) -> int:
        r = self.start
        out = self.parts
        for i, values in enumerate(rows):
            if i in sections:
                r += 1
                text = escape(clean_text(sections[i], f"{self.ws.title}!A{r}", notes))
                out.append(f'<row r="{r}"><c r="A{r}" t="inlineStr" s="{self.styles["section"]}"><is><t>{text}</t></is></c></row>')
            r += 1
            cells = [self._cell(letter, r, column, values.get(column.key), lang, notes)
                     for letter, column in zip(self.letters, self.columns)]
            out.append(f'<row r="{r}">{"".join(c for c in cells if c)}</row>')
        self.last = r
        return r

    def _cell(self, letter: str, r: int, column: Column, value: Any, lang: str, notes: ExportNotes) -> str:
        if value is None or value == "":
            return ""
        ref = f"{letter}{r}"
        kind = column.kind
        if kind == "formula":
            return f'<c r="{ref}" s="{self.styles["percent"]}"><f>{escape(value.lstrip("="))}</f></c>'
        if kind == "enum":
            value = ENUM_LABELS[column.ref].get(value, (value, value))[lang == "en"]
        elif kind == "priority":
            value = PRIORITY_LABELS.get(value, (value, value))[lang == "en"]
        if isinstance(value, bool):
            value = ("是" if value else "否") if lang != "en" else ("yes" if value else "no")
        if isinstance(value, str):
            text = clean_text(value, f"{self.ws.title}!{ref}", notes)
            style = f' s="{self.styles["quote"]}"' if is_formula_like(text) else ""
            return f'<c r="{ref}" t="inlineStr"{style}><is><t xml:space="preserve">{escape(text)}</t></is></c>'
        if isinstance(value, (dt.date, dt.datetime)):
            day = value.date() if isinstance(value, dt.datetime) else value
            return f'<c r="{ref}" s="{self.styles["date"]}"><v>{(day - EPOCH).days}</v></c>'
        style = f' s="{self.styles["percent"]}"' if kind == "percent" else ""
        return f'<c r="{ref}"{style}><v>{value!r}</v></c>'


def register(ws: Worksheet, sheet: FastSheet) -> None:
    ws.parent.__dict__.setdefault("_fast_sheets", []).append(sheet)


def save(wb, target) -> None:
    """Save with openpyxl, then splice the fast rows into their sheets' XML."""
    sheets = wb.__dict__.get("_fast_sheets", [])
    if not sheets:
        wb.save(target)
        return
    buf = io.BytesIO()
    wb.save(buf)
    by_part = {s.ws.path.lstrip("/"): s for s in sheets}
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            sheet = by_part.get(info.filename)
            if sheet is not None:
                data = _splice(data, sheet)
            dst.writestr(info.filename, data)


def _splice(xml: bytes, sheet: FastSheet) -> bytes:
    rows = "".join(sheet.parts).encode("utf-8")
    head, sep, tail = xml.partition(b"</sheetData>")
    if not sep:  # openpyxl wrote <sheetData/> for a sheet without cells
        head, sep, tail = xml.partition(b"<sheetData/>")
        head += b"<sheetData>"
    last = f"{get_column_letter(len(sheet.columns))}{sheet.last}".encode()
    head = _dimension(head, last)
    return head + rows + b"</sheetData>" + tail


def _dimension(head: bytes, last: bytes) -> bytes:
    start = head.find(b'<dimension ref="')
    if start < 0:
        return head
    end = head.find(b'"', start + 16)
    ref = head[start + 16:end]
    first = ref.split(b":")[0]
    return head[:start + 16] + first + b":" + last + head[end:]
