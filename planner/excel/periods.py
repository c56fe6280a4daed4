"""Dates and periods a workbook implies: its earliest date, the year of dates written without one,
and the reporting period of a statistics sheet (from the sheet, its name, or the file name)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter

SCAN_CELLS = 60_000  # enough for any plan; a huge formatted tail is not read for this


def _dates(books):
    seen = 0
    for grids in books.grids.values():
        for grid in grids:
            for row in grid.rows:
                for v in row:
                    if isinstance(v, dt.date):
                        yield v.date() if isinstance(v, dt.datetime) else v
                seen += len(row)
                if seen > SCAN_CELLS:
                    return


def earliest_date(books) -> dt.date | None:
    """The earliest plausible date in the workbooks (1990 and later: older ones are placeholders)."""
    days = [d for d in _dates(books) if d.year >= 1990]
    return min(days) if days else None


def year_hint(books, start: dt.date | None) -> int | None:
    """The year of 5月28日 and 8/26: the plan's start year, else the most common year in the workbooks."""
    if start is not None:
        return start.year
    years = Counter(d.year for d in _dates(books) if d.year >= 1990)
    return years.most_common(1)[0][0] if years else None


_PERIOD_LABEL = re.compile(r"(填报周期|统计周期|报告周期|数据周期|周期|期间|月份|报告期)\s*[:：]?\s*(?P<p>.+)$")


def period_text(text: str, year: int | None) -> str:
    """'2025年4月' -> '2025-04', '2025-W12' kept, '4月' -> '<year>-04'; '' if none."""
    s = unicodedata.normalize("NFKC", text or "").strip()
    m = re.search(r"(?P<y>20\d{2})\s*-?\s*[Ww]\s*(?P<w>\d{1,2})", s)
    if m:
        return f"{m['y']}-W{int(m['w']):02d}"
    m = re.search(r"(?P<y>20\d{2})\s*(?:年|[-/.])\s*(?P<m>\d{1,2})(?:\s*月)?", s) or re.search(r"(?P<y>20\d{2})(?P<m>0[1-9]|1[0-2])(?!\d)", s)
    if m and 1 <= int(m["m"]) <= 12:
        return f"{m['y']}-{int(m['m']):02d}"
    m = re.search(r"(?<!\d)(?P<m>\d{1,2})\s*月", s)
    if m and year and 1 <= int(m["m"]) <= 12:
        return f"{year}-{int(m['m']):02d}"
    return ""


def sheet_period(grid, file: str, year: int | None, header_row: int) -> tuple[str, str]:
    """(period, where it came from) for a statistics sheet without a period column."""
    for r in range(min(header_row, 10)):
        for v in grid.rows[r]:
            if isinstance(v, str):
                m = _PERIOD_LABEL.search(unicodedata.normalize("NFKC", v))
                found = period_text(m["p"], year) if m else ""
                if found:
                    return found, "sheet"
    found = period_text(grid.name, year)
    if found:
        return found, "sheet name"
    found = period_text(re.sub(r"\.xlsx$", "", file, flags=re.I), year)
    return (found, "file name") if found else ("", "")
