"""Reads a task's start-end phrase through the project-week notation of planner/schedule."""

from __future__ import annotations

import datetime as dt
import re

from planner import model as m
from planner.errors import ParseError

_DATES = re.compile(r"^\s*(\d{4}-\d{1,2}-\d{1,2})\s*(?:至|到|~|～|—|–|-{1,2}|to)\s*(\d{4}-\d{1,2}-\d{1,2})\s*$")


def parse_span_text(text: str, programme: m.Programme, *, where: str) -> tuple[dt.date, dt.date, str]:
    """(start, end, period_style) from "第1-8周", "W1-W8", "0-6 个月" or "2025-03-01 至 2025-04-30"."""
    match = _DATES.match(text or "")
    if match:
        try:
            start, end = (dt.date.fromisoformat(_pad(g)) for g in match.groups())
        except ValueError:
            raise ParseError(f"{where}: “{text}” holds an impossible date.", where=where) from None
        return start, end, m.PeriodStyle.date.value
    raise ParseError(f"{where}: “{text}” is not a week range (第1-8周), month range or date range.", where=where)


def _pad(iso: str) -> str:
    y, mo, d = iso.split("-")
    return f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
