"""Big tables written straight to sheet XML: openpyxl's cell-by-cell writer needs seconds per 100k cells.

openpyxl still writes the workbook, the header row, styles, widths, validations and print
settings; the data rows of large tables are rendered here as XML text (style ids taken from
openpyxl's own style table) and spliced into the saved file. User text goes through the same
checks as `sheetwriter.put`: cleaned, cut with a note, quote-prefixed when it looks like a
formula, always a string cell.

Their text cells refer to a shared strings part written here (`<c t="s"><v>7</v></c>`), which
openpyxl (3.1) does not write: its own cells keep inline strings. Each distinct text is stored
once, and every reader of the file (our import's pre-flight, python-calamine, Excel) parses one
element fewer per text cell than with an inline string (`<c><is><t>`). Should openpyxl write a
shared strings part of its own, the fast rows go back to inline strings (`save`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
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
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRINGS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
STRINGS_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_STRING_CELL = re.compile(rb' t="s"><v>(\d+)</v>')  # only the fast rows' text cells have this shape


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
        self.strings = strings_of(ws.parent)
        self.refs = 0  # text cells written (the shared strings part's count)

    def _text(self, text: str) -> int:
        """The shared string index of a (cleaned) text."""
        index = self.strings.get(text)
        if index is None:
            index = self.strings[text] = len(self.strings)
        self.refs += 1
        return index

    def add_rows(self, rows: list[dict[str, Any]], lang: str, notes: ExportNotes, sections: dict[int, str]) -> int:
        r = self.start
        out = self.parts
        for i, values in enumerate(rows):
            if i in sections:
                r += 1
                index = self._text(clean_text(sections[i], f"{self.ws.title}!A{r}", notes))
                out.append(f'<row r="{r}"><c r="A{r}" s="{self.styles["section"]}" t="s"><v>{index}</v></c></row>')
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
            return f'<c r="{ref}"{style} t="s"><v>{self._text(text)}</v></c>'
        if isinstance(value, (dt.date, dt.datetime)):
            day = value.date() if isinstance(value, dt.datetime) else value
            return f'<c r="{ref}" s="{self.styles["date"]}"><v>{(day - EPOCH).days}</v></c>'
        style = f' s="{self.styles["percent"]}"' if kind == "percent" else ""
        return f'<c r="{ref}"{style}><v>{value!r}</v></c>'


def strings_of(wb) -> dict[str, int]:
    """The workbook's shared strings table of the fast rows: text -> index, in order."""
    return wb.__dict__.setdefault("_fast_strings", {})


def register(ws: Worksheet, sheet: FastSheet) -> None:
    ws.parent.__dict__.setdefault("_fast_sheets", []).append(sheet)


def _string_item(text: str) -> str:
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<si><t{space}>{escape(text)}</t></si>"


def _strings_part(strings: dict[str, int], refs: int) -> bytes:
    items = "".join(_string_item(text) for text in strings)  # dicts keep the order of the indices
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{MAIN_NS}" count="{refs}" '
            f'uniqueCount="{len(strings)}">{items}</sst>').encode("utf-8")


def _has_strings(rels: bytes) -> bool:
    return STRINGS_TYPE.encode() in rels


def _add_strings_rel(rels: bytes) -> bytes:
    ids = set(re.findall(rb'Id="([^"]*)"', rels))
    rid, n = b"rIdStrings", 1
    while rid in ids:
        n += 1
        rid = b"rIdStrings%d" % n
    rel = b'<Relationship Id="%s" Type="%s" Target="sharedStrings.xml"/>' % (rid, STRINGS_TYPE.encode())
    head, sep, tail = rels.rpartition(b"</Relationships>")
    if not sep:
        raise ValueError("the workbook relationships have no closing tag")
    return head + rel + sep + tail


def _add_strings_type(types: bytes) -> bytes:
    override = b'<Override PartName="/xl/sharedStrings.xml" ContentType="%s"/>' % STRINGS_CONTENT.encode()
    head, sep, tail = types.rpartition(b"</Types>")
    if not sep:
        raise ValueError("the content types part has no closing tag")
    return head + override + sep + tail


def _inline(rows: bytes, strings: dict[str, int]) -> bytes:
    """The fast rows with their shared string references turned back into inline strings."""
    texts = list(strings)

    def inline(match: re.Match) -> bytes:
        text = texts[int(match[1])]
        space = ' xml:space="preserve"' if text != text.strip() else ""
        return f' t="inlineStr"><is><t{space}>{escape(text)}</t></is>'.encode("utf-8")

    return _STRING_CELL.sub(inline, rows)


def save(wb, target) -> None:
    """Save with openpyxl, then splice the fast rows into their sheets' XML."""
    sheets = wb.__dict__.get("_fast_sheets", [])
    if not sheets:
        wb.save(target)
        return
    buf = io.BytesIO()
    wb.save(buf)
    by_part = {s.ws.path.lstrip("/"): s for s in sheets}
    strings = strings_of(wb)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        names = set(src.namelist())
        rels_name, types_name = "xl/_rels/workbook.xml.rels", "[Content_Types].xml"
        shared = bool(strings) and rels_name in names and types_name in names and "xl/sharedStrings.xml" not in names
        shared = shared and not _has_strings(src.read(rels_name))
        for info in src.infolist():
            data = src.read(info.filename)
            sheet = by_part.get(info.filename)
            if sheet is not None:
                data = _splice(data, sheet, None if shared else strings)
            elif shared and info.filename == rels_name:
                data = _add_strings_rel(data)
            elif shared and info.filename == types_name:
                data = _add_strings_type(data)
            dst.writestr(info.filename, data)
        if shared:
            dst.writestr("xl/sharedStrings.xml", _strings_part(strings, sum(s.refs for s in sheets)))


def _splice(xml: bytes, sheet: FastSheet, inline: dict[str, int] | None = None) -> bytes:
    """The sheet's XML with the fast rows in; `inline`: the strings table, to write them inline."""
    rows = "".join(sheet.parts).encode("utf-8")
    if inline is not None:
        rows = _inline(rows, inline)
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
