"""Read a checked workbook into plain grids of values (python-calamine: fast, keeps cached values).

Merged ranges, formula cells and hidden sheets come from the pre-flight scan, so the reader
only has to give values. Values of formula cells are the cached results, never the formula.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planner.excel.preflight import ScanResult, refuse


@dataclass
class SheetGrid:
    name: str
    rows: list[list[Any]]
    hidden: bool = False
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    formulas: set[tuple[int, int]] = field(default_factory=set)
    file: str = ""

    def value(self, r: int, c: int) -> Any:
        if r < len(self.rows) and c < len(self.rows[r]):
            v = self.rows[r][c]
            return None if v == "" else v
        return None


def read_grids(path: Path, scan: ScanResult) -> list[SheetGrid]:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine's own errors (password, zip, xml) and anything unexpected
        raise refuse(path, f"the workbook cannot be read ({type(exc).__name__}: {str(exc)[:160]}).", "unreadable") from exc
    grids = []
    try:
        for info in scan.sheets:
            try:
                sheet = wb.get_sheet_by_name(info.name)
                rows = sheet.to_python(skip_empty_area=False)
            except Exception as exc:
                raise refuse(path, f"sheet '{info.name}' cannot be read ({type(exc).__name__}).", "unreadable") from exc
            grids.append(SheetGrid(info.name, rows, info.hidden, info.merges, info.formulas, path.name))
    finally:
        wb.close()
    return grids
