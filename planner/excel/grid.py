"""Import stage 2: a checked workbook as plain grids of values (python-calamine: fast, and it
keeps the cached values of formula cells), with what the pre-flight learned about each cell.

The reader opens only the package the pre-flight built (`planner.excel.package`): checked
parts under neutral names, nothing else. The pre-flight bounded everything the reader sizes
from the input (the grid from A1 to the furthest cell, the shared-string count, the cells),
so it cannot be asked for an allocation that would abort the process; any error it raises
is caught here and becomes a refusal of that one file.

`SheetGrid` is what later stages read: values (`value`, `rows`), merged ranges looked up
lazily (`merge_at`, `merged_value`, `merge_fill`; never expanded), formula cells, and the
number format and solid fill of the cells whose style has one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planner.excel.merges import MergeIndex, Range
from planner.excel.preflight import ScanResult, refuse
from planner.excel.styles import CellStyle
from planner.i18n import _

log = logging.getLogger(__name__)


@dataclass
class SheetGrid:
    name: str
    rows: list[list[Any]]
    hidden: bool = False
    merges: list[Range] = field(default_factory=list)  # r0, c0, r1, c1 (0-based, inclusive)
    formulas: set[tuple[int, int]] = field(default_factory=set)
    file: str = ""
    styles: dict[tuple[int, int], CellStyle] = field(default_factory=dict)
    _index: MergeIndex | None = field(default=None, repr=False, compare=False)

    def value(self, r: int, c: int) -> Any:
        if r < len(self.rows) and c < len(self.rows[r]):
            v = self.rows[r][c]
            return None if v == "" else v
        return None

    # --- styles ------------------------------------------------------------------------------
    def number_format(self, r: int, c: int) -> str | None:
        """The cell's number format code ('"≥"0%', '0"款"', 'yyyy/m/d') when it is not General."""
        style = self.styles.get((r, c))
        return style.number_format if style is not None else None

    def fill(self, r: int, c: int) -> str | None:
        """The colour of the cell's solid fill ("FFFF0000", "theme:4", "indexed:10"; "" when the
        fill names none); None when the cell has no solid fill."""
        style = self.styles.get((r, c))
        return style.fill if style is not None else None

    def has_fill(self, r: int, c: int) -> bool:
        return self.fill(r, c) is not None

    # --- merged ranges -------------------------------------------------------------------------
    @property
    def merge_index(self) -> MergeIndex:
        if self._index is None:
            self._index = MergeIndex(self.merges)
        return self._index

    def merge_at(self, r: int, c: int) -> Range | None:
        """The merged range covering (r, c), or None."""
        return self.merge_index.at(r, c) if self.merges else None

    def merge_origin(self, r: int, c: int) -> tuple[int, int] | None:
        rng = self.merge_at(r, c)
        return (rng[0], rng[1]) if rng else None

    def merged_value(self, r: int, c: int) -> Any:
        """The value shown in (r, c): its merge's top-left value for a covered cell."""
        rng = self.merge_at(r, c)
        return self.value(rng[0], rng[1]) if rng else self.value(r, c)

    def merge_fill(self) -> "MergeFill":
        """Mapping view (r, c) -> (top-left value, range) of the cells a merge covers, origin excluded."""
        return MergeFill(self)


class MergeFill:
    """`(r, c) in fill` and `fill[(r, c)]` answered by lookups, so nothing is expanded."""

    def __init__(self, grid: SheetGrid):
        self.grid = grid

    def __bool__(self) -> bool:
        return bool(self.grid.merges)

    def __contains__(self, cell: tuple[int, int]) -> bool:
        rng = self.grid.merge_at(*cell)
        return rng is not None and (rng[0], rng[1]) != tuple(cell)

    def __getitem__(self, cell: tuple[int, int]) -> tuple[Any, Range]:
        rng = self.grid.merge_at(*cell)
        if rng is None or (rng[0], rng[1]) == tuple(cell):
            raise KeyError(cell)
        return self.grid.value(rng[0], rng[1]), rng

    def get(self, cell: tuple[int, int], default=None):
        try:
            return self[cell]
        except KeyError:
            return default


def read_grids(path: Path, scan: ScanResult) -> list[SheetGrid]:
    """Every scanned sheet's values; refuses the file (ImportRejected) if the reader fails."""
    try:
        return _read(path, scan)
    finally:
        scan.close()


def _read(path: Path, scan: ScanResult) -> list[SheetGrid]:
    from python_calamine import CalamineWorkbook

    if not scan.sheets or scan.package is None:
        return []
    try:
        source = scan.package.source()
        wb = CalamineWorkbook.from_path(source) if isinstance(source, str) else CalamineWorkbook.from_filelike(source)
    except BaseException as exc:  # calamine's own errors, and a Rust panic (pyo3's PanicException)
        if isinstance(exc, _NOT_OURS):
            raise
        raise _unreadable(path, "", exc) from exc
    grids = []
    try:
        for info in scan.sheets:
            try:
                rows = wb.get_sheet_by_name(info.reader_name).to_python(skip_empty_area=False)
            except BaseException as exc:
                if isinstance(exc, _NOT_OURS):
                    raise
                raise _unreadable(path, info.name, exc) from exc
            grids.append(SheetGrid(info.name, rows, info.hidden, info.merges, info.formulas, path.name, info.styles))
    finally:
        wb.close()
    return grids


# pyo3 turns a Rust panic into PanicException, which derives from BaseException: catch
# everything but what must stop the program.
_NOT_OURS = (KeyboardInterrupt, SystemExit, GeneratorExit)


def _unreadable(path: Path, sheet: str, exc: BaseException):
    log.warning("reader failed on %s (%s): %r", path, sheet or "workbook", exc)
    reason = f"{type(exc).__name__}: {str(exc)[:160]}"
    if sheet:
        return refuse(path, _("sheet '{sheet}' cannot be read ({reason}).", sheet=sheet, reason=reason),
                      "unreadable", sheet=sheet)
    return refuse(path, _("the workbook cannot be read ({reason}).", reason=reason), "unreadable")
