"""Find the tables of a sheet people made themselves: header rows scored on evidence.

A row is a candidate header when most of its cells are short text. Each candidate is scored
per kind of table (tasks, RACI, indicators, OKRs) from three kinds of evidence, kept apart so
the import dialog can show them:

- ``synonyms``: headers found in `synonyms.json` (3 for a whole match, 1.5 for a header that
  contains a synonym, such as 计划开始时间 containing 开始时间);
- ``values``: the values under a column agree with its guess (dates under 开始, numbers under
  工期, R/A/C/I under a team);
- ``position``: an earlier row wins a tie, and a row that is mostly text scores above one that
  is not.

The best candidate is taken even when some columns are unknown: they are kept as notes. A
second header row under the first (计划 over 开始 | 结束, merged or not) is joined to it. Columns
headed by dates, weeks or months (a Gantt timeline beside the table) are a timeline, not
columns. A sheet without a usable candidate says why: its best row, which headers matched,
which did not, and what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from planner.excel.cellkinds import fits, is_date_value, is_timeline_label, raci_letters
from planner.excel.grid import SheetGrid
from planner.excel.headers import match_header, synonyms

SCAN_ROWS = 60  # non-empty rows looked at for a header; headers sit near the top
SAMPLE_ROWS = 30  # rows under a header whose values are checked against its guesses


# --- candidates ----------------------------------------------------------------------------
@dataclass
class ColumnGuess:
    column: int  # 0-based
    header: str  # as written (both rows of a two-row header, joined by " / ")
    field: str = ""  # the guess; "" = not recognised (kept as a note)
    strength: str = ""  # "exact" | "contains" | "values" | "timeline" | ""
    reason: str = ""

    @property
    def letter(self) -> str:
        return get_column_letter(self.column + 1)


@dataclass
class Candidate:
    """One possible table: where its header is, what each column would be, and why."""

    sheet: str
    kind: str
    header_row: int  # 0-based index of the (first) header row
    header_rows: int  # 1, or 2 for a header over a sub-header
    columns: list[ColumnGuess]
    timeline: list[int] = field(default_factory=list)
    score: float = 0.0
    parts: dict[str, float] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    @property
    def first_data_row(self) -> int:
        return self.header_row + self.header_rows

    @property
    def usable(self) -> bool:
        return not self.missing

    def fields(self) -> dict[str, int]:
        return {g.field: g.column for g in self.columns if g.field and g.strength != "timeline"}

    def to_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet, "kind": self.kind, "header_row": self.header_row + 1,
            "header_rows": self.header_rows, "first_data_row": self.first_data_row + 1,
            "score": round(self.score, 2), "parts": {k: round(v, 2) for k, v in self.parts.items()},
            "matched": [{"column": g.letter, "header": g.header, "field": g.field, "strength": g.strength}
                        for g in self.columns if g.field and g.strength != "timeline"],
            "unmatched": [{"column": g.letter, "header": g.header} for g in self.columns if not g.field],
            "timeline": [get_column_letter(c + 1) for c in self.timeline[:1] + self.timeline[-1:]],
            "missing": list(self.missing),
        }


@dataclass
class SheetScan:
    """Every candidate of one sheet, best first; `why_not` when none is usable."""

    sheet: str
    candidates: list[Candidate]

    @property
    def best(self) -> Candidate | None:
        return next((c for c in self.candidates if c.usable), None)

    def why_not(self) -> dict[str, Any]:
        top = self.candidates[0] if self.candidates else None
        return {"sheet": self.sheet, "best_candidate": top.to_dict() if top else None,
                "missing": top.missing if top else ["header"]}

    def to_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "candidates": [c.to_dict() for c in self.candidates[:5]]}


def _is_serial(v: Any) -> bool:
    return isinstance(v, float) and v.is_integer() and 30000 <= v <= 60000


def _header_like(row: list[Any]) -> bool:
    """Mostly short text, leaving aside the dates, serials and week labels of a timeline beside it."""
    cells = [v for v in row if v not in ("", None) and not is_timeline_label(v) and not _is_serial(v)]
    if len(cells) < 2 or sum(1 for v in cells if raci_letters(v)) >= 3:
        return False  # a row of R/A/C/I letters is a RACI row, never a header
    texts = sum(1 for v in cells if isinstance(v, str) and len(v) <= 60)
    return texts >= max(2, 0.6 * len(cells))


def _merged_over(grid: SheetGrid, r: int) -> dict[int, int]:
    """Columns of row r covered by a horizontal merge -> the merge's first column."""
    out: dict[int, int] = {}
    for r0, c0, r1, c1 in grid.merges:
        if r0 <= r <= r1 and c1 > c0:
            for c in range(c0 + 1, c1 + 1):
                out[c] = c0
    return out


def _headers(grid: SheetGrid, r: int, two: bool) -> dict[int, tuple[str, str]]:
    """column -> (top text, sub text) of a header of one or two rows."""
    top = grid.rows[r]
    sub = grid.rows[r + 1] if two and r + 1 < len(grid.rows) else []
    merged = _merged_over(grid, r) if two else {}
    out: dict[int, tuple[str, str]] = {}
    carry = ""
    for c in range(max(len(top), len(sub))):
        t = top[c] if c < len(top) else ""
        s = sub[c] if c < len(sub) else ""
        t = "" if t is None else t
        s = "" if s is None else s
        if two and t == "" and s != "":
            t = top[merged[c]] if c in merged else carry  # a group header over several sub-headers
        elif t != "":
            carry = t if isinstance(t, str) else ""
        if t == "" and s == "":
            carry = ""
            continue
        out[c] = (str(t) if not isinstance(t, str) else t, str(s) if not isinstance(s, str) else s)
    return out


def _guess_column(kind: str, top: str, sub: str) -> tuple[str, str, str] | None:
    for text in (sub, f"{top}{sub}" if sub else "", top if not sub else ""):
        if text:
            hit = match_header(text, kind)
            if hit and hit[1] == "exact":
                return hit
    for text in (sub, f"{top}{sub}" if sub else "", top):
        if text:
            hit = match_header(text, kind)
            if hit:
                return hit
    return None


def _sample(grid: SheetGrid, start: int, c: int) -> list[Any]:
    cache = _SAMPLES.get(id(grid))
    if cache is not None and (start, c) in cache:
        return cache[(start, c)]
    out = _sample_uncached(grid, start, c)
    if cache is not None:
        cache[(start, c)] = out
    return out


_SAMPLES: dict[int, dict] = {}  # per sheet being scanned: (row, column) -> sample


def _sample_uncached(grid: SheetGrid, start: int, c: int) -> list[Any]:
    out = []
    for r in range(start, min(len(grid.rows), start + SAMPLE_ROWS * 3)):
        row = grid.rows[r]
        if out and not any(x not in ("", None) for x in row):
            break  # the block under the header ends at an empty row (a legend may follow)
        v = row[c] if c < len(row) else ""
        if v not in ("", None):
            out.append(v)
            if len(out) >= SAMPLE_ROWS:
                break
    return out


def _timeline_columns(grid: SheetGrid, r: int, rows: int, used: set[int]) -> list[int]:
    """Columns headed by dates, weeks, months or weekday letters (in or just above the header)."""
    cache = _SAMPLES.get(id(grid))
    key = ("timeline", r, rows)
    if cache is not None and key in cache:
        return cache[key]
    out = _timeline_uncached(grid, r, rows, used)
    if cache is not None:
        cache[key] = out
    return out


def _timeline_uncached(grid: SheetGrid, r: int, rows: int, used: set[int]) -> list[int]:
    marked: list[int] = []
    width = max((len(grid.rows[i]) for i in range(max(0, r - 4), min(len(grid.rows), r + rows + 2))), default=0)
    for c in range(width):
        if c in used:
            continue
        for i in range(max(0, r - 4), min(len(grid.rows), r + rows + 2)):
            row = grid.rows[i]
            v = row[c] if c < len(row) else ""
            # below the header only labels count (M T W, 第一周): dates there are a column's data
            if v not in ("", None) and (is_timeline_label(v) or _is_serial(v)) and (i < r + rows or not is_date_value(v)):
                marked.append(c)
                break
    runs, run = [], []
    for c in marked:
        if run and c - run[-1] > 8:  # week labels merged over 5-7 day columns leave gaps
            runs.append(run)
            run = []
        run.append(c)
    if run:
        runs.append(run)
    out: list[int] = []
    for run in runs:
        if len(run) >= 4:
            out.extend(range(run[0], max(run[-1] + 1, width if run is runs[-1] else run[-1] + 1)))
    return out


def score_row(grid: SheetGrid, r: int, kind: str, two: bool) -> Candidate:
    """Score row r (and r+1 when `two`) as the header of a table of this kind."""
    spec = synonyms()["kinds"][kind]
    heads = _headers(grid, r, two)
    rows = 2 if two else 1
    timeline = set(_timeline_columns(grid, r, rows, set()))
    guesses: list[ColumnGuess] = []
    taken: dict[str, int] = {}
    syn_score = val_score = 0.0
    evidence: set[str] = set()  # fields whose values below agree with the guess
    for c, (top, sub) in heads.items():
        header = f"{top} / {sub}" if top and sub and top != sub else (sub or top)
        guess = ColumnGuess(c, header)
        hit = _guess_column(kind, top, sub)
        if hit and c in timeline and hit[1] != "exact":
            hit = None
        if hit:
            name, strength, syn = hit
            ftype = spec["fields"][name]["type"]
            if name in taken and ftype != "group":
                guess.reason = f"same field as column {get_column_letter(taken[name] + 1)}"
            else:
                taken.setdefault(name, c)
                guess.field, guess.strength = name, strength
                guess.reason = f"synonym {syn}"
                syn_score += 3 if strength == "exact" else 1.5
                sample = _sample(grid, r + rows, c)
                if sample:
                    share = sum(1 for v in sample if fits(ftype, v)) / len(sample)
                    val_score += 1 if share >= 0.6 else (-0.5 if share < 0.3 else 0)
                    if share >= 0.6:
                        evidence.add(name)
        elif c in timeline:
            guess.strength, guess.reason = "timeline", "a timeline column (dates, weeks or months)"
        guesses.append(guess)
    timeline_cols = sorted(c for c in timeline if all(g.column != c or g.strength == "timeline" for g in guesses))
    cand = Candidate(grid.name, kind, r, rows, guesses, timeline_cols)
    if kind == "raci":
        val_score += _raci_columns(grid, cand)
    if kind == "tasks" and "name" not in taken:
        _name_by_values(grid, cand)
    elif kind == "tasks":
        _name_beside(grid, cand, heads)
    present = {g.field for g in cand.columns if g.field}
    cand.missing = [n for n in spec["needs"] if n not in present and not (n == "letters" and any(
        g.field == "team" for g in cand.columns))]
    if kind == "tasks" and not evidence & _PLAN_EVIDENCE:
        cand.missing.append("dates, owner, duration or progress")  # a list of names is not a plan
    filled = [v for v in grid.rows[r] if v not in ("", None)]
    text_share = sum(1 for v in filled if isinstance(v, str)) / max(1, len(filled))
    cand.parts = {"synonyms": syn_score, "values": val_score, "position": round(text_share - 0.002 * r, 3)}
    cand.score = syn_score + val_score + cand.parts["position"]
    return cand


_PLAN_EVIDENCE = {"start", "end", "span", "date", "duration", "progress", "owner", "status", "deps", "wbs", "actual_start", "actual_end"}


def _raci_columns(grid: SheetGrid, cand: Candidate) -> float:
    """Columns whose values are R/A/C/I letters are teams; the name is the text column before them."""
    teams = 0
    for g in cand.columns:
        if g.field in ("name", "seq"):
            continue
        sample = _sample(grid, cand.first_data_row, g.column)
        letters = [raci_letters(v) for v in sample]
        if sample and sum(1 for x in letters if x is not None) >= 0.7 * len(sample) and any(letters):
            g.field, g.strength, g.reason = "team", "values", "R/A/C/I letters below"
            teams += 1
    if teams and not any(g.field == "name" for g in cand.columns):
        first_team = min(g.column for g in cand.columns if g.field == "team")
        before = [g for g in cand.columns if g.column < first_team and not g.field]
        if before:
            g = before[-1]
            g.field, g.strength, g.reason = "name", "values", "the text column before the letters"
        else:  # activities under no header: the nearest column of text before the letters
            for c in range(first_team - 1, -1, -1):
                sample = _sample(grid, cand.first_data_row, c)
                if sample and sum(1 for v in sample if fits("text", v)) >= 0.6 * len(sample):
                    cand.columns.append(ColumnGuess(c, "", "name", "values", "the text column before the letters"))
                    cand.columns.sort(key=lambda x: x.column)
                    break
    return 2.0 * min(teams, 5)


def _name_beside(grid: SheetGrid, cand: Candidate, heads: dict) -> None:
    """任务名称 over two columns (序号 | name): numbers under the header, the names in the next column."""
    g = next(g for g in cand.columns if g.field == "name")
    sample = _sample(grid, cand.first_data_row, g.column)
    nxt = _sample(grid, cand.first_data_row, g.column + 1)
    numeric = sum(1 for v in sample if fits("seq", v))
    if sample and numeric >= 0.8 * len(sample) and g.column + 1 not in heads and nxt and \
            sum(1 for v in nxt if fits("text", v)) >= 0.8 * len(nxt):
        g.field, g.strength, g.reason = "seq", "values", "numbers under the task-name header"
        cand.columns.append(ColumnGuess(g.column + 1, g.header, "name", "values", "the names beside the numbers"))
        cand.columns.sort(key=lambda x: x.column)


def _name_by_values(grid: SheetGrid, cand: Candidate) -> None:
    """No name header: the first unknown column of text (not numbers, not dates) names the tasks."""
    for g in cand.columns:
        if g.field or g.strength == "timeline":
            continue
        sample = _sample(grid, cand.first_data_row, g.column)
        if len(sample) >= 1 and sum(1 for v in sample if fits("text", v)) >= 0.6 * len(sample):
            g.field, g.strength, g.reason = "name", "values", "text values; no task-name header"
            return
    for g in cand.columns:  # an assignment list by module (模块 | 负责人 | 所需时间): the modules are the tasks
        if g.field in ("module", "group", "stage") and _sample(grid, cand.first_data_row, g.column):
            g.field, g.strength, g.reason = "name", "values", "no task-name column: this column names the tasks"
            return
    fields = synonyms()["kinds"]["tasks"]["fields"]
    for g in cand.columns:  # "Start Date:" over the task names (a label for the timeline beside them)
        ftype = fields.get(g.field, {}).get("type") if g.field else None
        if ftype not in ("date", "span"):
            continue
        sample = _sample(grid, cand.first_data_row, g.column)
        if len(sample) >= 3 and not any(fits(ftype, v) for v in sample) and len(set(map(str, sample))) >= 0.8 * len(sample) \
                and sum(1 for v in sample if fits("text", v)) >= 0.8 * len(sample):  # names differ; 待定 x 5 does not
            g.field, g.strength, g.reason = "name", "values", f"text under {g.header!r}, not dates: the task names"
            return


def scan_sheet(grid: SheetGrid, kinds: tuple[str, ...] = ("tasks", "raci", "indicators", "okrs")) -> SheetScan:
    """Every header candidate of a sheet, best first (usable ones before the rest)."""
    _SAMPLES[id(grid)] = {}
    try:
        return _scan(grid, kinds)
    finally:
        _SAMPLES.pop(id(grid), None)


def _scan(grid: SheetGrid, kinds: tuple[str, ...]) -> SheetScan:
    cands: list[Candidate] = []
    seen = 0
    found_at = None  # a usable header was found at this many non-empty rows: look a little further only
    for r, row in enumerate(grid.rows):
        if not any(v not in ("", None) for v in row):
            continue
        seen += 1
        if seen > SCAN_ROWS or (found_at is not None and seen > found_at + 10):
            break
        if not _header_like(row):
            continue
        nxt = grid.rows[r + 1] if r + 1 < len(grid.rows) else []
        two_possible = _header_like(nxt) and not any(is_date_value(v) for v in nxt[:12])
        for kind in kinds:
            best = score_row(grid, r, kind, False)
            if two_possible:
                joined = score_row(grid, r, kind, True)
                if joined.score > best.score + 0.5 and len(joined.fields()) > len(best.fields()):
                    best = joined
            if best.parts["synonyms"] > 0 or best.usable:
                cands.append(best)
                if best.usable and found_at is None:
                    found_at = seen
    cands.sort(key=lambda c: (not c.usable, -c.score, c.header_row))
    return SheetScan(grid.name, cands)

