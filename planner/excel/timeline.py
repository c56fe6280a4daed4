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
from planner.excel.cellkinds import is_date_value


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
    """Each timeline column's (first, last) day.

    Week labels win when the header has them (第一周 over two columns is one week): week N starts
    7 x (N - 1) days after the plan's start, else after the first date heading the timeline.
    Otherwise the row with the most dates gives them: evenly stepped columns (a day or a week each)
    continue their step; uneven ones (months over a few columns) run to the next date.
    """
    grid, cmap = lifted.grid, lifted.map
    cols = [c.column for c in cmap.columns if c.use == "timeline"]
    if not cols:
        return {}
    top = max(0, cmap.header_row - 4)
    first = lifted.rows[0].r if lifted.rows else cmap.first_data_row  # header rows merged down count too
    header_rows = [grid.rows[r] for r in range(top, max(first, cmap.first_data_row))]
    dates: dict[int, dt.date] = {}
    weeks: dict[int, int] = {}
    for row in header_rows:
        found = {c: d for c in cols if c < len(row) and (d := _as_date(row[c])) is not None}
        if len(found) > len(dates):
            dates = found
        labels = {c: n for c in cols if c < len(row) and (n := _week_number(row[c])) is not None}
        if len(labels) > len(weeks):
            weeks = labels
    out: dict[int, tuple[dt.date, dt.date]] = {}
    base = programme_start or (min(dates.values()) if dates else None)
    if len(weeks) >= 2 and base is not None:
        last = None
        for c in cols:
            last = weeks.get(c, last)
            if last is not None:
                start = base + dt.timedelta(days=7 * (last - 1))
                out[c] = (start, start + dt.timedelta(days=6))
        return out
    if len(dates) < 2:
        return out
    dated = sorted(dates)
    steps = [(dates[b] - dates[a]).days for a, b in zip(dated, dated[1:]) if b == a + 1]
    if steps and len(set(steps)) == 1 and steps[0] > 0:  # one column a day, or a week
        step = steps[0]
        for c in cols:
            base_col = max((d for d in dated if d <= c), default=dated[0])
            day = dates[base_col] + dt.timedelta(days=step * (c - base_col))
            out[c] = (day, day + dt.timedelta(days=step - 1))
        return out
    for i, c0 in enumerate(dated):  # dates over several columns each: each runs to the next date
        end = dates[dated[i + 1]] - dt.timedelta(days=1) if i + 1 < len(dated) else None
        stop = dated[i + 1] if i + 1 < len(dated) else cols[-1] + 1
        for c in (c for c in cols if c0 <= c < stop):
            out[c] = (dates[c0], end or dates[c0] + dt.timedelta(days=max(0, median(
                [(dates[b] - dates[a]).days for a, b in zip(dated, dated[1:])]) - 1)))
    return out
