"""The days a Gantt timeline's columns stand for, read from the dates or week labels heading them.

A timeline heads its columns with dates (one a day, or one a week), with week labels (第1周,
WEEK 3) or both on two rows (a week label merged over day columns, weekday letters under it).
The row with the most dates gives each column's day; columns between dated ones continue
the step; week labels without dates count from the programme start.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from statistics import median

from planner.excel import values as cv
from planner.excel.candidates import is_date_value


def _as_date(v) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, float) and v.is_integer() and 30000 <= v <= 60000:
        return cv.EXCEL_EPOCH + dt.timedelta(days=int(v))
    if isinstance(v, str) and is_date_value(v):
        try:
            return cv.read_date_as(v)
        except cv.CellError:
            return None
    return None


_WEEK_NUMBER = re.compile(r"(?:第\s*|w(?:ee)?k?\s*|week\s*)(\d+)", re.I)
_CN_NUM = {c: i + 1 for i, c in enumerate("一二三四五六七八九十")}


def _week_number(v) -> int | None:
    if not isinstance(v, str):
        return None
    text = unicodedata.normalize("NFKC", v).strip()
    match = _WEEK_NUMBER.search(text)
    if match:
        return int(match[1])
    match = re.fullmatch(r"第([一二三四五六七八九十]+)周", text)
    if match:
        s = match[1]
        return _CN_NUM.get(s) if len(s) == 1 else (10 + _CN_NUM.get(s[-1], 0) if s[0] == "十" else None)
    return None


def column_dates(lifted, programme_start: dt.date | None) -> dict[int, tuple[dt.date, dt.date]]:
    grid, cmap = lifted.grid, lifted.map
    cols = [c.column for c in cmap.columns if c.use == "timeline"]
    if not cols:
        return {}
    top = max(0, cmap.header_row - 4)
    best: dict[int, dt.date] = {}
    for r in range(top, cmap.first_data_row):
        row = grid.rows[r]
        found = {c: d for c in cols if c < len(row) and (d := _as_date(row[c])) is not None}
        if len(found) > len(best):
            best = found
    out: dict[int, tuple[dt.date, dt.date]] = {}
    if len(best) >= 2:
        dated = sorted(best)
        steps = [(best[b] - best[a]).days / (b - a) for a, b in zip(dated, dated[1:]) if b > a]
        step = max(1, round(median(steps))) if steps else 1
        for c in cols:
            left = max((d for d in dated if d <= c), default=None)
            base_col = left if left is not None else dated[0]
            day = best[base_col] + dt.timedelta(days=step * (c - base_col))
            out[c] = (day, day + dt.timedelta(days=step - 1))
        return out
    if programme_start is None:
        return {}
    for r in range(top, cmap.first_data_row):  # week labels only: count from the programme start
        row = grid.rows[r]
        last = None
        for c in cols:
            n = _week_number(row[c]) if c < len(row) else None
            last = n if n is not None else last
            if last is not None:
                start = programme_start + dt.timedelta(days=7 * (last - 1))
                out[c] = (start, start + dt.timedelta(days=6))
        if out:
            break
    return out
