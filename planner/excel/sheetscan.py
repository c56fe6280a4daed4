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
    rows: int = 0  # the reader's grid height (furthest row holding a value + 1)
    cols: int = 0
    cells: int = 0  # cell elements
    filled: int = 0  # cells with a value (an element inside): the reader's grid covers these
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
        self.merged_area = 0  # cells covered by the sheet's merges so far, overlaps counted

    def where(self) -> str:  # replaced by the fast pass, which keeps the cell in a closure
        return _(" (near cell {cell})", cell=self.last) if self.last else ""

    # --- refusals ------------------------------------------------------------------------
    def _refuse(self, message: str, key: str) -> Exception:
        return refuse(self.path, message, key, sheet=self.sheet.name)

    def far(self, row: int, col: int, ref: str = "") -> Exception:
        limits = self.limits
        if ref:
            return self._refuse(_("sheet '{sheet}' has a cell at {ref}, beyond {rows:,} rows and {cols:,} columns; "
                                  "refused.", sheet=self.sheet.name, ref=ref[:40], rows=limits.max_rows,
                                  cols=limits.max_cols), "far_cell")
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
    def column(self, letters: str, text: str, *, limit: bool = True) -> int:
        """0-based column of a reference's letters; beyond the limit refused, or (limit=False, for
        a cell that may prove empty) returned as the limit itself, which no counted cell may reach."""
        if not letters or not (letters.isascii() and letters.isalpha()):
            raise self.bad_ref(text)
        if len(letters) > 3:
            if limit:
                raise self.far(0, self.limits.max_cols)
            return self.limits.max_cols
        n = 0
        for ch in letters.upper():
            n = n * 26 + ord(ch) - 64
        if n > self.limits.max_cols:
            if limit:
                raise self.far(0, n - 1)
            return min(n - 1, self.limits.max_cols)
        return n - 1

    def row_number(self, digits: str, text: str, *, limit: bool = True) -> int:
        if not digits or not (digits.isascii() and digits.isdigit()):
            raise self.bad_ref(text)
        value = digits.lstrip("0")
        if not value:  # the reader needs a row >= 1
            raise self.bad_ref(text)
        row = int(value) - 1 if len(value) <= 9 else self.limits.max_rows  # 9 digits exceed any limit
        if row >= self.limits.max_rows:
            if limit:
                raise self.far(row, 0)
            return min(row, self.limits.max_rows)
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

    def range(self, text: str) -> tuple[int, int, int, int]:
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
        rng = self.range(ref)
        sheet.merges.append(rng)
        self.merged_area += (rng[2] - rng[0] + 1) * (rng[3] - rng[1] + 1)
        if self.merged_area > limits.max_merged_area:
            raise self._refuse(_("sheet '{sheet}': its merged ranges cover more than {limit:,} cells (at {ref}); "
                                 "refused.", sheet=sheet.name, limit=limits.max_merged_area, ref=ref), "merges")

    def declared(self, ref: str) -> None:
        """The used range a sheet declares: only recorded. The reader sizes nothing from it beyond a
        capped reservation, and real files declare A1:XFD1048576 over a few cells; a malformed one
        makes the reader fail, so it is refused here with its own reason."""
        self.sheet.dimension = ref
        try:
            self.range(ref)
        except Exception as exc:  # noqa: BLE001 - only a malformed declaration is refused
            if getattr(exc, "key", "") != "far_cell":
                raise

    # --- the fast pass ---------------------------------------------------------------------------
    def fast(self, stream):
        """(start handler, start counter, rebase, finish) for a sheet whose cells all carry `r`;
        `stream` is the PartStream that will parse it. Its list of the current chunk's end tags
        tells a cell's child from the next cell: a cell with no child element is empty, and the
        reader leaves it out of its grid. `rebase(k)` is called with that list's length before
        the stream clears it after a chunk.

        The handler gets attributes as expat's ordered list [name, value, ...] (cheaper to build
        than a dict; the hot path looks where writers put r and s first). It is the cost of the
        scan, so it keeps its state in closure variables and makes no Python call for a cell
        that follows the common pattern."""
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
        cr = cc = 0  # the last cell opened: row, column
        last = ""
        pending = -1  # len(ends) when the last cell opened; -1 once its emptiness is known
        filled = 0
        budget = self.limits.max_cells - self.workbook_cells[0]
        plain = _PLAIN
        digits_of = _DIGITS
        ends = stream.ends
        max_rows, max_cols = self.limits.max_rows, self.limits.max_cols
        self.where = lambda: _(" (near cell {cell})", cell=last) if last else ""  # noqa: E731

        def start(name, attrs):
            nonlocal n, cells, row_text, row, last_row, last_col, cr, cc, last, pending, filled
            n += 1
            if pending >= 0:
                if len(ends) == pending:  # no end tag since the cell opened: this is its first child
                    if cr >= max_rows or cc >= max_cols:
                        raise self.far(cr, cc, last)
                    if cr > last_row:
                        last_row = cr
                    if cc > last_col:
                        last_col = cc
                    filled += 1
                pending = -1
            if name == "c":
                k = len(attrs)
                if k and attrs[0] == "r":  # where writers put r, then s: found without a call
                    r = attrs[1]
                    if k == 2:
                        s = None
                    elif attrs[2] == "s":
                        s = attrs[3]
                    elif k == 4:  # r and one other attribute (the t="s" of a text cell)
                        s = None
                    elif attrs[4] == "s":
                        s = attrs[5]
                    else:
                        s = _attr(attrs, "s")
                else:
                    r = _attr(attrs, "r")
                    if r is None:
                        raise _NeedStrict
                    s = _attr(attrs, "s")
                last = r
                letters = r.rstrip(digits_of)
                cc = cols.get(letters, -1)
                if cc < 0:
                    cc = cols[letters] = self.column(letters, r, limit=False)
                digits = r[len(letters):]
                if digits == row_text:
                    if row < 0:
                        row = self.row_number(row_text, r, limit=False)
                    cr = row
                else:
                    cr = self.row_number(digits, r, limit=False)
                pending = len(ends)
                cells += 1
                if cells > budget:
                    raise self.too_many_cells()
                if s in interesting:
                    styles[cr, cc] = styles_of[s]
            elif name in plain:
                return
            elif name == "row":
                r = attrs[1] if attrs and attrs[0] == "r" else _attr(attrs, "r")
                row = -1
                row_text = None if r is None else r.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
            elif name == "f":
                formulas.add((cr, cc))
            else:
                local = name.rpartition(":")[2]
                if local != name and local in ("c", "row", "f"):
                    start(local, attrs)
                    n -= 1
                else:
                    self.other(local, dict(zip(attrs[::2], attrs[1::2])))

        def rebase(k):
            nonlocal pending
            if pending >= 0:
                pending -= k  # below 0: the cell closed in the chunk just parsed, with nothing inside

        def finish():
            sheet.rows, sheet.cols, sheet.cells, sheet.filled = last_row + 1, last_col + 1, cells, filled
            self.workbook_cells[0] += cells

        return start, (lambda: n), rebase, finish

    # --- the strict pass ---------------------------------------------------------------------------
    def strict(self):
        """(start, end, finish) modelling the reader's counters with an element stack."""
        sheet, styles_of, interesting = self.sheet, self.styles.by_index, self.styles.interesting
        stack: list[str] = []
        state = {"row": 0, "col": 0, "last_row": -1, "last_col": -1, "cells": 0, "cell": (0, 0), "data": 0,
                 "pending": None, "filled": 0}
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
            if state["pending"] is not None and parent == "c":  # a value inside the cell: the reader keeps it
                row, col = state["pending"]
                if row >= self.limits.max_rows or col >= self.limits.max_cols:
                    raise self.far(row, col, self.last)
                state["last_row"] = max(state["last_row"], row)
                state["last_col"] = max(state["last_col"], col)
                state["filled"] += 1
                state["pending"] = None
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
                    letters = r.rstrip(_DIGITS)
                    cell = (self.row_number(r[len(letters):], r, limit=False), self.column(letters, r, limit=False))
                else:
                    cell = (min(state["row"], self.limits.max_rows), min(state["col"], self.limits.max_cols))
                    self.last = cell_name(*cell)
                state["col"] = cell[1] + 1
                state["cell"] = cell
                state["pending"] = cell
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
            if local == "c":
                state["pending"] = None  # closed with nothing inside: empty, outside the reader's grid
            if local == "row" and state["data"] == 1 and stack and stack[-1] == "sheetData":
                state["row"] += 1
                state["col"] = 0
            elif local == "sheetData" and state["data"] == 1:
                state["data"] = 2

        def finish():
            sheet.rows, sheet.cols, sheet.cells = state["last_row"] + 1, state["last_col"] + 1, state["cells"]
            sheet.filled = state["filled"]
            self.workbook_cells[0] += state["cells"]

        return start, end, finish

    # --- both ------------------------------------------------------------------------------------
    def check_area(self) -> None:
        sheet, limits = self.sheet, self.limits
        area = sheet.rows * sheet.cols
        # A sparse grid costs the reader as much as a full one: a big one needs the cells to justify it.
        if area > limits.max_area or (area > limits.sparse_area and sheet.filled * limits.sparse_ratio < area):
            used = f"A1:{cell_name(sheet.rows - 1, sheet.cols - 1)}"
            raise self._refuse(_("sheet '{sheet}' spans {used} ({area:,} cells for {cells:,} filled; limit "
                                 "{limit:,}); refused.", sheet=sheet.name, used=used, area=area, cells=sheet.filled,
                                 limit=limits.max_area if area > limits.max_area else limits.sparse_area), "area")
