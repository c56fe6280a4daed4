"""One worksheet part, parsed by expat: where its cells are, as the reader will place them.

The value reader (python-calamine) allocates a grid from A1 to the furthest cell it finds, so
a single cell at XFD1048576 asks for 17 billion cells and aborts the process. Its rules for
placing a cell are simple and are mirrored here exactly (calamine `xlsx/cells_reader.rs`):
a `c` element (any namespace prefix) with an `r` attribute goes where `r` says (letters in
either case, then digits); one without `r` follows the previous cell of its row; a `row`
without `r` follows the previous row. A reference with anything but letters then digits is
refused here, as the reader would fail on it. Numbers are read whole (leading zeros
included) and checked against the limits, so a reference the reader might wrap around is
refused too.

Most sheets give every cell its `r`; then a cell's place never depends on the elements
around it, and the fast handler below needs no element stack. The first cell without `r`
switches to the strict pass: it models the reader's counters with a real stack and accepts
only the schema's shape (worksheet > sheetData > row > c), under which the two agree.

The same pass collects merged ranges (kept as ranges), formula cells, the declared used
range and the cells whose style carries a number format or a solid fill.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from planner.excel.container import refuse
from planner.excel.styles import CellStyle, Styles
from planner.i18n import _

_DIGITS = "0123456789"
# Elements of a sheet that say nothing the scan needs (the hot path skips them first).
_PLAIN = frozenset({"v", "t", "is", "r", "rPr", "rPh", "phoneticPr", "col", "pageMargins", "selection", "pane",
                    "sheetView", "sheetViews", "sheetFormatPr", "cols", "sheetPr", "hyperlink", "x14ac:dyDescent"})


def col_letters(col: int) -> str:
    """0-based column index -> letters (0 -> A)."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_name(row: int, col: int) -> str:
    return f"{col_letters(col)}{row + 1}"


@dataclass
class SheetScan:
    """What the pre-flight learned about one worksheet (all positions 0-based)."""

    name: str
    path: str  # the part, as named in the zip
    hidden: bool = False
    reader_name: str = ""  # the sheet's name in the package given to the reader
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1
    formulas: set[tuple[int, int]] = field(default_factory=set)
    styles: dict[tuple[int, int], CellStyle] = field(default_factory=dict)
    rows: int = 0  # the reader's grid height (furthest row + 1)
    cols: int = 0
    cells: int = 0
    dimension: str = ""

    @property
    def max_row(self) -> int:  # 1-based, as before the scan kept ranges
        return self.rows

    @property
    def max_col(self) -> int:
        return self.cols


def _attr(attrs: list[str], key: str) -> str | None:
    """An attribute from expat's ordered list [name, value, name, value ...]."""
    for i in range(0, len(attrs) - 1, 2):
        if attrs[i] == key:
            return attrs[i + 1]
    return None


class _NeedStrict(Exception):
    """A cell without `r`: its place depends on the cells before it (see the module docstring)."""


class SheetScanner:
    """Scans one sheet part through `PartStream`; raises ImportRejected with the cell named."""

    def __init__(self, path: Path, sheet: SheetScan, styles: Styles, limits, workbook_cells: list[int]):
        self.path, self.sheet, self.styles, self.limits = path, sheet, styles, limits
        self.workbook_cells = workbook_cells  # [cells so far in the workbook], shared between sheets
        self.last = ""  # the reference of the cell being read, for messages

    def where(self) -> str:  # replaced by the fast pass, which keeps the cell in a closure
        return _(" (near cell {cell})", cell=self.last) if self.last else ""

    # --- refusals ------------------------------------------------------------------------
    def _refuse(self, message: str, key: str) -> Exception:
        return refuse(self.path, message, key, sheet=self.sheet.name)

    def far(self, row: int, col: int) -> Exception:
        limits = self.limits
        if row >= limits.max_rows:
            return self._refuse(_("sheet '{sheet}' has a cell at row {row:,} (limit {limit:,}); refused.",
                                  sheet=self.sheet.name, row=row + 1, limit=limits.max_rows), "far_cell")
        return self._refuse(_("sheet '{sheet}' has a cell in column {column} ({number:,}; limit {limit:,}); refused.",
                              sheet=self.sheet.name, column=col_letters(min(col, 10**6)), number=col + 1,
                              limit=limits.max_cols), "far_cell")

    def bad_ref(self, text: str) -> Exception:
        return self._refuse(_("sheet '{sheet}' has a cell reference {ref!r} that is not a column and a row "
                              "(like B7); refused.", sheet=self.sheet.name, ref=text[:40]), "bad_ref")

    def too_many_cells(self) -> Exception:
        return self._refuse(_("the workbook has more than {limit:,} cells (in sheet '{sheet}'); refused.",
                              limit=self.limits.max_cells, sheet=self.sheet.name), "cells")

    # --- references ----------------------------------------------------------------------
    def column(self, letters: str, text: str) -> int:
        if not letters or len(letters) > 3 or not (letters.isascii() and letters.isalpha()):
            if letters.isascii() and letters.isalpha():
                raise self.far(0, self.limits.max_cols)
            raise self.bad_ref(text)
        n = 0
        for ch in letters.upper():
            n = n * 26 + ord(ch) - 64
        if n > self.limits.max_cols:
            raise self.far(0, n - 1)
        return n - 1

    def row_number(self, digits: str, text: str) -> int:
        if not digits or not (digits.isascii() and digits.isdigit()):
            raise self.bad_ref(text)
        value = digits.lstrip("0")
        if len(value) > 9 or not value:  # the reader needs a row >= 1; 9 digits already exceed any limit
            if not value:
                raise self.bad_ref(text)
            raise self.far(self.limits.max_rows, 0)
        row = int(value) - 1
        if row >= self.limits.max_rows:
            raise self.far(row, 0)
        return row

    def row_index(self, text: str) -> int:
        """A row's r (the reader allows letters before the digits); no limit: a row alone allocates nothing."""
        digits = text.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        value = digits.lstrip("0")
        if not digits or not (digits.isascii() and digits.isdigit()) or not value:
            raise self.bad_ref(text)
        return int(value) - 1 if len(value) <= 9 else self.limits.max_rows

    def ref(self, text: str) -> tuple[int, int]:
        letters = text.rstrip(_DIGITS)
        return self.row_number(text[len(letters):], text), self.column(letters, text)

    def range(self, text: str, key: str) -> tuple[int, int, int, int]:
        first, colon, last = text.partition(":")
        if ":" in last or (colon and not last):
            raise self.bad_ref(text)
        (r0, c0), (r1, c1) = self.ref(first), self.ref(last or first)
        return min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1)

    # --- the other elements of a sheet ---------------------------------------------------------
    def other(self, local: str, attrs: dict) -> None:
        if local == "mergeCell":
            ref = attrs.get("ref")
            if ref is None:
                raise self.bad_ref("")
            self.merge(ref)
        elif local == "dimension":
            self.declared(attrs.get("ref", ""))

    def merge(self, ref: str) -> None:
        sheet, limits = self.sheet, self.limits
        if len(sheet.merges) >= limits.max_merges:
            raise self._refuse(_("sheet '{sheet}' has more than {limit:,} merged ranges; refused.",
                                 sheet=sheet.name, limit=limits.max_merges), "merges")
        rng = self.range(ref, "merge")
        sheet.merges.append(rng)
        self.merged_area += (rng[2] - rng[0] + 1) * (rng[3] - rng[1] + 1)
        if self.merged_area > limits.max_merged_area:
            raise self._refuse(_("sheet '{sheet}': its merged ranges cover more than {limit:,} cells (at {ref}); "
                                 "refused.", sheet=sheet.name, limit=limits.max_merged_area, ref=ref), "merges")

    def declared(self, ref: str) -> None:
        self.sheet.dimension = ref
        try:
            r0, c0, r1, c1 = self.range(ref, "dimension")
        except Exception as exc:  # noqa: BLE001 - the declaration is refused as a whole, with its own reason
            if getattr(exc, "key", "") != "far_cell":
                raise
            r1, c1 = self.limits.max_rows, self.limits.max_cols
        if r1 >= self.limits.max_rows or c1 >= self.limits.max_cols or (r1 + 1) * (c1 + 1) > self.limits.max_area:
            raise self._refuse(_("sheet '{sheet}' declares a used range {ref} beyond the allowed area; refused.",
                                 sheet=self.sheet.name, ref=ref[:40]), "dimension")

    merged_area = 0

    # --- the fast pass ---------------------------------------------------------------------------
    def fast(self):
        """(start handler, start counter, finish) for a sheet whose cells all carry `r`.

        The handler gets attributes as expat's ordered list [name, value, ...] (cheaper to build
        than a dict; the hot path looks where writers put r and s first). It is the cost of the
        scan, so it keeps its state in closure variables."""
        sheet, styles_of, interesting = self.sheet, self.styles.by_index, self.styles.interesting
        cols: dict[str, int] = {}
        styles = sheet.styles
        formulas = sheet.formulas
        n = 0
        cells = 0
        row_text = None  # the current row's r digits, to place its cells without int(); None: no r
        row = -1  # that row's index, worked out for its first cell (a row alone allocates nothing)
        last_row = -1  # furthest row holding a cell
        last_col = -1
        cell = (0, 0)
        last = ""
        budget = self.limits.max_cells - self.workbook_cells[0]
        plain = _PLAIN
        digits_of = _DIGITS
        self.where = lambda: _(" (near cell {cell})", cell=last) if last else ""  # noqa: E731

        def start(name, attrs):
            nonlocal n, cells, row_text, row, last_row, last_col, cell, last
            n += 1
            if name == "c":
                if attrs and attrs[0] == "r":
                    r = attrs[1]
                else:
                    r = _attr(attrs, "r")
                    if r is None:
                        raise _NeedStrict
                last = r
                letters = r.rstrip(digits_of)
                c = cols.get(letters)
                if c is None:
                    c = cols[letters] = self.column(letters, r)
                if c > last_col:
                    last_col = c
                digits = r[len(letters):]
                if digits == row_text:
                    if row < 0:
                        row = self.row_number(row_text, r)
                    rr = row
                else:
                    rr = self.row_number(digits, r)
                if rr > last_row:
                    last_row = rr
                cell = rr, c
                cells += 1
                if cells > budget:
                    raise self.too_many_cells()
                if len(attrs) > 2:
                    s = attrs[3] if attrs[2] == "s" else _attr(attrs, "s")
                    if s in interesting:
                        styles[cell] = styles_of[s]
            elif name in plain:
                return
            elif name == "row":
                r = attrs[1] if attrs and attrs[0] == "r" else _attr(attrs, "r")
                row = -1
                row_text = None if r is None else r.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
            elif name == "f":
                formulas.add(cell)
            else:
                local = name.rpartition(":")[2]
                if local != name and local in ("c", "row", "f"):
                    start(local, attrs)
                    n -= 1
                else:
                    self.other(local, dict(zip(attrs[::2], attrs[1::2])))

        def finish():
            sheet.rows, sheet.cols, sheet.cells = last_row + 1, last_col + 1, cells
            self.workbook_cells[0] += cells

        return start, (lambda: n), finish

    # --- the strict pass ---------------------------------------------------------------------------
    def strict(self):
        """(start, end, finish) modelling the reader's counters with an element stack."""
        sheet, styles_of, interesting = self.sheet, self.styles.by_index, self.styles.interesting
        stack: list[str] = []
        state = {"row": 0, "col": 0, "last_row": -1, "last_col": -1, "cells": 0, "cell": (0, 0), "data": 0}
        budget = self.limits.max_cells - self.workbook_cells[0]

        def wrong(local: str) -> Exception:
            return self._refuse(_("sheet '{sheet}' has a {element} element outside its place (a cell belongs "
                                  "in a row, a row in sheetData){where}; refused.", sheet=sheet.name,
                                  element=local, where=self.where()), "structure")

        def start(name, attrs):
            local = name.rpartition(":")[2]
            parent = stack[-1] if stack else ""
            stack.append(local)
            in_data = state["data"] == 1
            if local == "sheetData":
                if state["data"] or len(stack) != 2:
                    raise wrong(local)
                state["data"] = 1
            elif local == "row" and in_data:
                if parent != "sheetData":
                    raise wrong(local)
                r = attrs.get("r")
                if r is not None:
                    state["row"] = self.row_index(r)
                state["col"] = 0
            elif local == "c" and in_data:
                if parent != "row":
                    raise wrong(local)
                r = attrs.get("r")
                if r is not None:
                    self.last = r
                    cell = self.ref(r)
                else:
                    cell = (state["row"], state["col"])
                    self.last = cell_name(*cell)
                    if cell[0] >= self.limits.max_rows or cell[1] >= self.limits.max_cols:
                        raise self.far(*cell)
                state["col"] = cell[1] + 1
                state["cell"] = cell
                state["last_row"] = max(state["last_row"], cell[0])
                state["last_col"] = max(state["last_col"], cell[1])
                state["cells"] += 1
                if state["cells"] > budget:
                    raise self.too_many_cells()
                s = attrs.get("s")
                if s in interesting:
                    sheet.styles[cell] = styles_of[s]
            elif local in ("row", "c") and state["data"] == 1:
                raise wrong(local)
            elif local == "f":
                sheet.formulas.add(state["cell"])
            else:
                self.other(local, attrs)

        def end(name):
            local = stack.pop() if stack else ""
            if local == "row" and state["data"] == 1 and stack and stack[-1] == "sheetData":
                state["row"] += 1
                state["col"] = 0
            elif local == "sheetData" and state["data"] == 1:
                state["data"] = 2

        def finish():
            sheet.rows, sheet.cols, sheet.cells = state["last_row"] + 1, state["last_col"] + 1, state["cells"]
            self.workbook_cells[0] += state["cells"]

        return start, end, finish

    # --- both ------------------------------------------------------------------------------------
    def check_area(self) -> None:
        sheet, limits = self.sheet, self.limits
        area = sheet.rows * sheet.cols
        # A sparse grid costs the reader as much as a full one: a big one needs the cells to justify it.
        if area > limits.max_area or (area > limits.sparse_area and sheet.cells * limits.sparse_ratio < area):
            used = f"A1:{cell_name(sheet.rows - 1, sheet.cols - 1)}"
            raise self._refuse(_("sheet '{sheet}' spans {used} ({area:,} cells for {cells:,} filled; limit "
                                 "{limit:,}); refused.", sheet=sheet.name, used=used, area=area, cells=sheet.cells,
                                 limit=limits.max_area if area > limits.max_area else limits.sparse_area), "area")
