"""Qt-free text forms of plan values: spans as users write them, percents, dependency checks.

Parsing returns plain values or raises `ParseError` naming what was not understood, so the
task matrix can check a cell as it is typed and show the reason.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import ChainMap
from collections.abc import Container, Mapping

from planner import model as m
from planner.errors import CycleError, ParseError

# --- spans ---------------------------------------------------------------------------
_WEEKS = re.compile(r"^\s*(?:第|w(?:eeks?)?\s*)?\s*(\d+)\s*(?:[-–~～至到]\s*(\d+))?\s*周?\s*$", re.I)
_MONTHS = re.compile(r"^\s*(\d+)\s*[-–~～至到]\s*(\d+)\s*(?:个月|月|months?|m)\s*$", re.I)
_DATE = r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
_DATES = re.compile(rf"^\s*{_DATE}\s*(?:[-–~～]|至|到|to)\s*{_DATE}\s*$", re.I)


def week_of(start: dt.date, day: dt.date) -> int:
    return (day - start).days // 7 + 1


def _add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    return dt.date(day.year + year, month + 1, min(day.day, 28))


def format_span(programme_start: dt.date, start: dt.date, end: dt.date, style: str) -> str:
    """The span shown back the way it was written: 第1-8周, 0-6 个月 or dated."""
    if style == m.PeriodStyle.week.value:
        a, b = week_of(programme_start, start), week_of(programme_start, end)
        return f"第{a}周" if a == b else f"第{a}-{b}周"
    if style == m.PeriodStyle.month.value:
        a = (start.year - programme_start.year) * 12 + start.month - programme_start.month
        b = (end.year - programme_start.year) * 12 + end.month - programme_start.month + 1
        return f"{a}-{b} 个月"
    return f"{start.isoformat()} 至 {end.isoformat()}"


def parse_span(programme_start: dt.date, text: str) -> tuple[dt.date, dt.date, str]:
    """(start, end, period style) from "第1-8周", "W3", "0-6 个月" or "2025-01-27 至 2025-03-10"."""
    match = _WEEKS.match(text)
    if match and text.strip():
        a = int(match.group(1))
        b = int(match.group(2) or a)
        _check_order(a, b, text)
        if a < 1:
            raise ParseError(f"Weeks start at 1: {text!r}", where=text, key="weeks_from_1")
        start = programme_start + dt.timedelta(days=7 * (a - 1))
        end = programme_start + dt.timedelta(days=7 * b - 1)
        return start, end, m.PeriodStyle.week.value
    match = _MONTHS.match(text)
    if match:
        a, b = int(match.group(1)), int(match.group(2))
        _check_order(a, b, text)
        start = _add_months(programme_start, a)
        end = _add_months(programme_start, b) - dt.timedelta(days=1)
        return start, end, m.PeriodStyle.month.value
    match = _DATES.match(text)
    if match:
        g = [int(x) for x in match.groups()]
        try:
            start, end = dt.date(g[0], g[1], g[2]), dt.date(g[3], g[4], g[5])
        except ValueError as exc:
            raise ParseError(f"Not a valid date in {text!r}: {exc}", where=text, key="bad_date") from exc
        _check_order(start, end, text)
        return start, end, m.PeriodStyle.date.value
    raise ParseError(
        f"Cannot read the span {text!r}; write it as 第1-8周, 0-6 个月 or 2025-01-27 至 2025-03-10",
        where=text, key="unreadable_span",
    )


def _check_order(a, b, text: str) -> None:
    if b < a:
        raise ParseError(f"The span {text!r} ends before it starts", where=text, key="span_order")


# --- percents ------------------------------------------------------------------------
def format_percent(value: float | None, decimals: int = 0) -> str:
    return "" if value is None else f"{value * 100:.{decimals}f}%"


def parse_percent(text: str) -> float:
    """'45%', '45', '0.45' -> 0.45 (a bare number above 1 is read as a percent)."""
    raw = str(text).strip().replace("％", "%")
    try:
        number = float(raw.rstrip("%").strip())
    except ValueError as exc:
        raise ParseError(f"Not a percentage: {text!r}", where=str(text), key="not_percent") from exc
    if raw.endswith("%") or number > 1:
        number /= 100
    if not 0 <= number <= 1:
        raise ParseError(f"Progress must be between 0% and 100%, not {text!r}", where=str(text), key="percent_range")
    return number


def parse_number(text: str) -> float | None:
    raw = str(text).strip().replace(",", "").replace("，", "")
    if not raw:
        return None
    raw = re.sub(r"[^\d.+\-eE]+$", "", raw.rstrip("%"))  # "15款" -> 15
    try:
        return float(raw)
    except ValueError as exc:
        raise ParseError(f"Not a number: {text!r}", where=str(text), key="not_number") from exc


# --- dependencies --------------------------------------------------------------------
def check_dependencies(task_code: str, specs: list, codes: Container[str], edges: Mapping[str, set[str]]) -> None:
    """Raise ParseError/CycleError for unknown, self, duplicate or cyclic predecessors.

    `edges` maps each task code to its current predecessor codes (the task's own entry is
    replaced by `specs`); it is only read along the walk back from the new predecessors, so it
    may compute its entries when asked.
    """
    seen: set[str] = set()
    for spec in specs:
        if spec.code == task_code:
            raise ParseError(f"{task_code} cannot depend on itself", where=task_code, key="self_dependency")
        if spec.code not in codes:
            raise ParseError(f"{task_code}: unknown task ID {spec.code}", where=spec.code, key="unknown_task")
        if spec.code in seen:
            raise ParseError(f"{task_code}: {spec.code} is listed twice", where=spec.code, key="listed_twice")
        seen.add(spec.code)
    graph = ChainMap({task_code: seen}, edges)  # the task's entry replaced, `edges` not copied
    cycle = _find_path(graph, task_code, seen)
    if cycle:
        raise CycleError(cycle)


def _find_path(graph: Mapping[str, set[str]], target: str, starts: set[str]) -> list[str] | None:
    """A predecessor chain from `target` back to itself, if the new edges close a loop.

    Depth first from the new predecessors; each stacked code carries the chain that reached it
    as a linked pair (code, rest), so a push costs the same however deep the walk is."""
    root = (target, None)
    stack = [(code, (code, root)) for code in sorted(starts)]
    visited: set[str] = set()
    while stack:
        code, chain = stack.pop()
        if code == target:
            path = []
            while chain is not None:
                path.append(chain[0])
                chain = chain[1]
            return path[::-1]
        if code in visited:
            continue
        visited.add(code)
        for pred in sorted(graph.get(code, ())):
            stack.append((pred, (pred, chain)))
    return None
