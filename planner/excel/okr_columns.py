"""OKR sheets laid out across: objectives as column headings, key results down the rows.

    OBJECTIVES & KEY RESULTS
                  | Create clear circles    | Agree on the mission   | ...
                  | Our goal is to ...      | Our goal is ...        |
    KEY RESULT 1  | Create 3 circles ...    | Hold meetings ...      |
    KEY RESULT 2  | Make a final list ...   | ...                    |

A column of labels (KEY RESULT 1, KR2, 关键结果1 ...) marks the layout; the objectives are the
text of the nearest row above it in each column, a second text row between them and the key
results is the objective's description. The map says `"layout": "objective_columns"`, with the
label column as `key_result` and each objective column as `objective`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterable

from planner.excel.colmap import ColumnMap, Lifted, LiftedRow, MappedColumn, RowAction, _actions
from planner.excel.grid import SheetGrid

_LABEL = re.compile(r"^(kr|key\s*results?|关键结果|关键成果)\s*[#:：.]?\s*\d*$", re.I)


def _is_label(v: Any) -> bool:
    return isinstance(v, str) and bool(_LABEL.match(unicodedata.normalize("NFKC", v).strip()))


def find_objective_columns(grid: SheetGrid) -> ColumnMap | None:
    """The map of an across-laid OKR sheet, or None when the sheet is not one."""
    for c in range(3):
        rows = [r for r, row in enumerate(grid.rows[:200]) if c < len(row) and _is_label(row[c])]
        if len(rows) < 2:
            continue
        first = rows[0]
        heading = next((r for r in range(first - 1, -1, -1)
                        if sum(1 for v in grid.rows[r][c + 1:] if isinstance(v, str) and v.strip()) >= 1), None)
        if heading is None:
            return None
        # the objectives' row is the first of the text rows directly above the key results
        while heading - 1 >= 0 and sum(1 for v in grid.rows[heading - 1][c + 1:] if isinstance(v, str) and v.strip()) >= 1 \
                and not any(_is_label(v) for v in grid.rows[heading - 1]) and heading - 1 > first - 4:
            heading -= 1
        objectives = [MappedColumn(k, str(v).strip(), "objective", "an objective heading a column of key results")
                      for k, v in enumerate(grid.rows[heading]) if k > c and isinstance(v, str) and v.strip()]
        if not objectives:
            return None
        columns = [MappedColumn(c, "", "key_result", "key-result labels (KEY RESULT 1 ...)"), *objectives]
        return ColumnMap(grid.name, "okrs", heading, first, columns, rows[-1], layout="objective_columns")
    return None


def lift_objective_columns(grid: SheetGrid, cmap: ColumnMap, actions: Iterable[RowAction] = ()) -> Lifted:
    skip, drop, fixes = _actions(grid, actions)
    label_col = next(c.column for c in cmap.columns if c.use == "key_result")
    objectives = [c for c in cmap.columns if c.use == "objective"]
    out = Lifted(cmap, grid, [])
    last = len(grid.rows) - 1 if cmap.last_data_row is None else min(cmap.last_data_row, len(grid.rows) - 1)
    between = range(cmap.header_row + 1, cmap.first_data_row)
    for obj in objectives:
        notes = [grid.rows[r][obj.column] for r in between if obj.column < len(grid.rows[r]) and grid.rows[r][obj.column]]
        for r in range(cmap.first_data_row, last + 1):
            row = grid.rows[r]
            if r + 1 in skip or not (label_col < len(row) and _is_label(row[label_col])):
                continue
            v = fixes.get(r + 1, {}).get(obj.column, row[obj.column] if obj.column < len(row) else "")
            if v in ("", None) or (r + 1, obj.column) in drop:
                continue
            lifted = LiftedRow(r, {"objective": obj.header, "key_result": v})
            lifted.notes = [("", n) for n in notes]
            out.rows.append(lifted)
    return out
