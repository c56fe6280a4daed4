"""The column map of one sheet (plain data, saved as JSON) and the rows it lifts from a grid.

A `ColumnMap` says where a table's header is, where its data starts and, per column, what it
holds: a field of its kind of table (``name``, ``start``, ``owner`` ... see `synonyms.json`),
``note`` (kept on each row as a note line "header: value"), ``ignore`` or ``timeline`` (the
Gantt bars beside a table). The core guesses one from the best candidate (`guess_map`); the
import dialog edits it and saves it; ``planner import --map MAP.json`` reads the same JSON.

`lift` applies a map to a grid already read, so changing the map re-reads nothing: it walks the
data rows once, forward-fills group columns (merged or left blank), recognises section rows
(a one-cell heading), note rows under the table (注：…) and a repeated header, and applies the
caller's row actions (skip a row, drop a cell, a corrected value typed in the dialog).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from openpyxl.utils import column_index_from_string, get_column_letter

from planner.errors import ValidationError
from planner.excel.candidates import Candidate
from planner.excel.headers import fold, match_header, synonyms
from planner.excel.grid import SheetGrid
from planner.i18n import _

SPECIAL_USES = ("note", "ignore", "timeline")
MAP_VERSION = 1


@dataclass
class MappedColumn:
    column: int  # 0-based
    header: str
    use: str  # a field of the kind, or note / ignore / timeline
    reason: str = ""

    @property
    def letter(self) -> str:
        return get_column_letter(self.column + 1)


@dataclass
class ColumnMap:
    sheet: str
    kind: str  # tasks | raci | indicators | okrs
    header_row: int  # 0-based
    first_data_row: int  # 0-based
    columns: list[MappedColumn]
    last_data_row: int | None = None  # 0-based, inclusive; None = to the end of the sheet
    file: str = ""
    layout: str = "rows"  # "rows", or "objective_columns": objectives across, key results down (OKR)

    def uses(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for c in self.columns:
            out.setdefault(c.use, []).append(c.column)
        return out

    def signature(self) -> str:
        """The headers of the mapped table, folded: a saved map is offered for the same headers again."""
        return "|".join(fold(c.header) for c in self.columns if c.use != "timeline")

    def to_json(self) -> dict[str, Any]:
        return {
            "version": MAP_VERSION, "sheet": self.sheet, "kind": self.kind, "layout": self.layout,
            "header_row": self.header_row + 1, "first_data_row": self.first_data_row + 1,
            "last_data_row": None if self.last_data_row is None else self.last_data_row + 1,
            "signature": self.signature(),
            "columns": [{"column": c.letter, "header": c.header, "use": c.use, "reason": c.reason} for c in self.columns],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], *, where: str = "") -> ColumnMap:
        try:
            kind = data["kind"]
            if kind not in synonyms()["kinds"]:
                raise ValueError(_("unknown table kind {kind}", kind=kind))
            fields = set(synonyms()["kinds"][kind]["fields"]) | {"team"}
            columns = []
            for c in data["columns"]:
                use = c["use"]
                if use not in fields and use not in SPECIAL_USES:
                    raise ValueError(_("unknown use {use} for column {column}", use=use, column=c["column"]))
                columns.append(MappedColumn(column_index_from_string(str(c["column"]).upper()) - 1,
                                            str(c.get("header", "")), use, str(c.get("reason", ""))))
            last = data.get("last_data_row")
            layout = str(data.get("layout", "rows"))
            if layout not in ("rows", "objective_columns"):
                raise ValueError(_("unknown layout {layout}", layout=layout))
            return cls(str(data.get("sheet", "*")), kind, int(data["header_row"]) - 1,
                       int(data.get("first_data_row", int(data["header_row"]) + 1)) - 1, columns,
                       None if last in (None, "") else int(last) - 1, layout=layout)
        except (KeyError, TypeError, ValueError) as exc:
            raise ValidationError(_("{where}: not a column map ({reason})", where=where or "map", reason=str(exc)),
                                  where=where, key="bad_column_map") from exc


def guess_map(c: Candidate) -> ColumnMap:
    """The core's guess: recognised columns to their fields, the others kept as notes."""
    columns = []
    for g in c.columns:
        if g.strength == "timeline":
            use, reason = "timeline", g.reason
        elif g.field:
            use, reason = g.field, g.reason
        else:
            use, reason = ("note", "not recognised: kept as a note") if g.header.strip() else ("ignore", "no header")
        columns.append(MappedColumn(g.column, g.header, use, reason))
    known = {m.column for m in columns}
    columns += [MappedColumn(t, "", "timeline", "a timeline column") for t in c.timeline if t not in known]
    columns.sort(key=lambda m: m.column)
    return ColumnMap(c.sheet, c.kind, c.header_row, c.first_data_row, columns)


def load_maps(path: Path | str) -> list[ColumnMap]:
    """Maps from a JSON file: one map, a list of maps, or {"maps": [...]}."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValidationError(_("{file}: the column map cannot be read ({reason})", file=path.name,
                                reason=exc.strerror or str(exc)), where=str(path), key="map_unreadable") from exc
    except ValueError as exc:
        raise ValidationError(_("{file}: the column map is not JSON ({reason})", file=path.name, reason=str(exc)),
                              where=str(path), key="bad_column_map") from exc
    items = data.get("maps", [data]) if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ValidationError(_("{file}: the column map is not JSON ({reason})", file=path.name, reason="list"),
                              where=str(path), key="bad_column_map")
    return [ColumnMap.from_json(x, where=f"{path.name}#{i + 1}") for i, x in enumerate(items)]


def maps_json(maps: Iterable[ColumnMap]) -> dict[str, Any]:
    return {"maps": [m.to_json() for m in maps]}


def pick_map(maps: list[ColumnMap], sheet: str, signature: str = "") -> ColumnMap | None:
    """The given map for a sheet: by its name, else by the same headers, else a map for any sheet ("*")."""
    for test in (lambda m: m.sheet == sheet, lambda m: signature and m.signature() == signature,
                 lambda m: m.sheet == "*"):
        hit = next((m for m in maps if test(m)), None)
        if hit is not None:
            return hit
    return None


# --- row actions ---------------------------------------------------------------------------
@dataclass(frozen=True)
class RowAction:
    """What the user decided for one row: skip it, import it without a field, or correct a cell."""

    sheet: str
    row: int  # 1-based, as the sheet shows it
    action: str  # "skip" | "drop" | "set"
    column: str = ""  # letter, for drop and set
    value: Any = None  # the corrected value, for set
    file: str = ""  # empty: any file


# --- lifting rows --------------------------------------------------------------------------
@dataclass
class LiftedRow:
    r: int  # 0-based row index
    values: dict[str, Any]  # field -> raw cell (the first column of a field)
    groups: list[Any] = field(default_factory=list)  # group columns, outer first (forward-filled)
    notes: list[tuple[str, Any]] = field(default_factory=list)  # (header, raw) of note columns
    teams: dict[str, Any] = field(default_factory=dict)  # RACI: team header -> raw
    marks: list[int] = field(default_factory=list)  # timeline columns with a bar (value or fill)
    indent: int = 0  # leading spaces of the name (outline indentation)
    section: str = ""  # the last section heading above the row
    own_groups: list[bool] = field(default_factory=list)  # which group cells are written on this row
    continued: bool = False  # the name comes from a cell merged down from the row above


@dataclass
class Lifted:
    map: ColumnMap
    grid: SheetGrid
    rows: list[LiftedRow]
    notes: list[tuple[int, str]] = field(default_factory=list)  # (row, text) note rows under the table
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (row, reason code)
    team_columns: dict[str, int] = field(default_factory=dict)  # RACI team -> column

    def column_of(self, use: str) -> int | None:
        first = self.__dict__.get("_first")
        if first is None:  # asked for every problem of every row: computed once
            first = self.__dict__["_first"] = {u: cols[0] for u, cols in self.map.uses().items()}
        return first.get(use)


_NOTE_PREFIX = None


def _note_prefixes() -> tuple[str, ...]:
    global _NOTE_PREFIX
    if _NOTE_PREFIX is None:
        _NOTE_PREFIX = tuple(synonyms()["note_prefixes"])
    return _NOTE_PREFIX


class _MergedCells:
    """Cells of mapped data columns covered by a merge -> the merge's value, looked up lazily.

    Merges that start at or above the header are the header's, never data.
    """

    def __init__(self, grid: SheetGrid, cols: set[int], header_row: int):
        self.grid, self.cols, self.header_row = grid, cols, header_row
        self.lookup = getattr(grid, "merge_at", None)
        if self.lookup is None:  # a grid without the scan's index: expand the few merges over mapped columns
            expanded: dict[tuple[int, int], tuple] = {}
            for rng in grid.merges:
                r0, c0, r1, c1 = rng
                for r in range(r0, min(r1, r0 + 100_000) + 1):
                    for c in cols:
                        if c0 <= c <= c1:
                            expanded[(r, c)] = rng
            self.lookup = lambda r, c: expanded.get((r, c))

    def get(self, cell: tuple[int, int], default: Any = "") -> Any:
        r, c = cell
        if c not in self.cols:
            return default
        rng = self.lookup(r, c)
        if rng is None or (rng[0], rng[1]) == (r, c) or rng[0] <= self.header_row or (rng[0] == rng[2] and rng[1] == rng[3]):
            return default
        return self.grid.value(rng[0], rng[1])


def _team_names(cmap: ColumnMap) -> dict[str, int]:
    """RACI team columns by their header; the same header twice is told apart by its column."""
    out: dict[str, int] = {}
    for c in cmap.columns:
        if c.use == "team":
            name = re.sub(r"\s+", " ", c.header.split(" / ")[-1]).strip() or c.letter  # the role under a group header
            if name in out:
                name = f"{name} ({c.letter})"
            out[name] = c.column
    return out


def lift(grid: SheetGrid, cmap: ColumnMap, actions: Iterable[RowAction] = ()) -> Lifted:
    """The data rows of a mapped table, as raw cells by field (no value is read yet)."""
    if cmap.layout == "objective_columns":
        from planner.excel.okr_columns import lift_objective_columns

        return lift_objective_columns(grid, cmap, actions)
    by_use: list[tuple[str, int]] = [(c.use, c.column) for c in cmap.columns if c.use not in ("ignore", "timeline", "note", "team", "group")]
    groups = [c.column for c in cmap.columns if c.use == "group"]
    notes = [(c.header, c.column) for c in cmap.columns if c.use == "note"]
    timeline = [c.column for c in cmap.columns if c.use == "timeline"]
    timeline_set = set(timeline)
    teams = _team_names(cmap)
    header_texts = {c.column: fold(c.header.split(" / ")[-1]) for c in cmap.columns if c.use not in ("ignore", "timeline")}
    merged = _MergedCells(grid, {c for _u, c in by_use} | set(groups), cmap.header_row) if grid.merges else None
    # a header cell merged down over the rows under it (B8:B10) makes those rows part of the header
    first = cmap.first_data_row
    for r0, c0, r1, c1 in grid.merges:
        if r0 <= cmap.header_row <= r1 and r1 >= first and any(c0 <= c.column <= c1 for c in cmap.columns if c.use != "timeline"):
            first = r1 + 1
    fills = getattr(grid, "fill", None)  # the scan's solid fills: a Gantt bar coloured in
    coloured: list[tuple[LiftedRow, int, str]] = []
    skip, drop, fixes = _actions(grid, actions)
    out = Lifted(cmap, grid, [], team_columns=teams)
    name_col = next((c for u, c in by_use if u == "name"), None)
    last = len(grid.rows) - 1 if cmap.last_data_row is None else min(cmap.last_data_row, len(grid.rows) - 1)
    blank_run = 0
    tail = False  # after two empty rows, lone cells are notes under the table (开发工具 / IDEA)
    filled_groups: list[Any] = [""] * len(groups)
    name_map = next((c for c in cmap.columns if c.use == "name"), None)
    # a name column found by its values has a title for a header (流量计开发): it names the rows' group
    section = name_map.header.strip() if cmap.kind == "tasks" and name_map and "no task-name header" in name_map.reason else ""
    for r in range(first, last + 1):
        raw = grid.rows[r]
        if r + 1 in skip:
            out.skipped.append((r, "skipped_by_user"))
            continue
        width = len(raw)
        if not any(v not in ("", None) for v in raw):
            blank_run += 1
            continue
        if blank_run >= 2 and out.rows and sum(1 for v in raw if v not in ("", None)) <= 1:
            tail = True
        blank_run = 0
        if tail and sum(1 for v in raw if v not in ("", None)) <= 1:
            out.notes.append((r, cv_text(next(v for v in raw if v not in ("", None)))))
            continue
        if fixes:
            raw = list(raw)
            for c, v in fixes.get(r + 1, {}).items():
                while len(raw) <= c:
                    raw.append("")
                raw[c] = v
            width = len(raw)
        filled = [(c, v) for c, v in enumerate(raw) if v not in ("", None) and c not in timeline_set]
        if _repeats_header(raw, header_texts):
            out.skipped.append((r, "repeated_header"))
            if name_col is not None and name_col < width and isinstance(raw[name_col], str) and \
                    match_header(raw[name_col], cmap.kind) is None:
                section = raw[name_col].strip()  # 流量计开发 heading its own copy of the header
            continue
        if len(filled) == 1 and isinstance(filled[0][1], str):
            text = filled[0][1].strip()
            if text.startswith(_note_prefixes()) or (len(text) > 40 and filled[0][0] != name_col):
                out.notes.append((r, text))
                continue
            if cmap.kind == "tasks" and filled[0][0] != name_col and filled[0][0] <= (name_col or 0) + 1 and groups == []:
                section = text  # a one-cell heading inside the table: the rows under it belong to it
                continue
        values: dict[str, Any] = {}
        continued = False
        for use, c in by_use:
            if use in values:
                continue
            v = raw[c] if c < width else ""
            if v in ("", None) and merged:
                v = merged.get((r, c), "")
                continued |= use == "name" and v not in ("", None)
            if (r + 1, c) in drop:
                v = ""
            if v not in ("", None):
                values[use] = v
        row = LiftedRow(r, values, section=section, continued=continued)
        for i, c in enumerate(groups):
            v = raw[c] if c < width else ""
            row.own_groups.append(v not in ("", None))
            if v in ("", None) and merged:
                v = merged.get((r, c), "")
            if v not in ("", None):
                filled_groups[i] = v
                filled_groups[i + 1:] = [""] * (len(groups) - i - 1)  # a new outer group restarts the inner ones
            row.groups.append(filled_groups[i])
        for header, c in notes:
            v = raw[c] if c < width else ""
            if v not in ("", None) and (r + 1, c) not in drop:
                row.notes.append((header, v))
        for team, c in teams.items():
            v = raw[c] if c < width else ""
            if v not in ("", None):
                row.teams[team] = v
        dated = "start" in values or "end" in values or "span" in values or "date" in values
        for c in (() if dated else timeline):  # a row with dates needs no bar
            v = raw[c] if c < width else ""
            if v not in ("", None):
                row.marks.append(c)
            elif fills is not None:
                colour = fills(r, c)
                if colour is not None:
                    coloured.append((row, c, colour))
        name = values.get("name")
        if isinstance(name, str):
            stripped = name.lstrip(" \u3000\u00a0")
            row.indent = len(name) - len(stripped)
        out.rows.append(row)
    if coloured:
        background = _background(coloured)
        for row, c, colour in coloured:
            if colour not in background:
                row.marks.append(c)
        for row in out.rows:
            row.marks.sort()
    return out


_WHITE = {"FFFFFFFF", "00FFFFFF", "theme:0", ""}


def _background(cells: list[tuple[Any, int, str]]) -> set[str]:
    """Fill colours that are the timeline's background, not bars: white, and one covering most cells."""
    from collections import Counter

    counts = Counter(colour for _r, _c, colour in cells)
    out = set(_WHITE)
    colour, n = counts.most_common(1)[0]
    if n > 0.6 * len(cells) and len(counts) > 1:
        out.add(colour)
    return out


def cv_text(v: Any) -> str:
    from planner.excel.values import read_text

    return read_text(v)


def _repeats_header(raw: list[Any], header_texts: dict[int, str]) -> bool:
    if len(header_texts) < 3:
        return False
    need = max(3, 0.6 * len(header_texts))
    same = missed = 0
    for c, h in header_texts.items():
        v = raw[c] if c < len(raw) else ""
        if h and isinstance(v, str) and len(v) <= 80 and fold(v) == h:
            same += 1
        else:
            missed += 1
            if missed > len(header_texts) - need:
                return False  # most data rows fail on their first cells
    return same >= need


def _actions(grid: SheetGrid, actions: Iterable[RowAction]):
    skip: set[int] = set()
    drop: set[tuple[int, int]] = set()
    fixes: dict[int, dict[int, Any]] = {}
    for a in actions:
        if a.sheet not in (grid.name, "*") or (a.file and a.file != grid.file):
            continue
        if a.action == "skip":
            skip.add(a.row)
        elif a.action == "drop" and a.column:
            drop.add((a.row, column_index_from_string(a.column.upper()) - 1))
        elif a.action == "set" and a.column:
            fixes.setdefault(a.row, {})[column_index_from_string(a.column.upper()) - 1] = a.value
    return skip, drop, fixes
