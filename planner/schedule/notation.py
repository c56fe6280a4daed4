"""Project time as users write it (第1-8周, W1-W8, 0-6 个月, M1-M6, 2025-01-27 至 2025-04-21) <-> dates.

Week N starts on `programme_start + 7 x (N - 1)` days. A span of weeks ends on the last
*calendar* day of its last week (`programme_start + 7 x last - 1`, a Sunday when the programme
starts on a Monday), so "第1-8周" covers exactly 56 days and formats back to itself; which of
those days are worked is the calendar's business. A date maps to the week that contains it,
so formatting arbitrary dates as weeks rounds outwards to whole weeks.

Month offsets count from the programme start: "0-6 个月" (also "M1-M6": months 1 to 6) runs
from the start to the day before start + 6 months. Days past the end of a shorter month clamp
(a programme starting on 31 January has month 1 starting on 28/29 February).
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
import re
from dataclasses import dataclass

from planner.errors import ParseError
from planner.i18n import _

_DASH = r"\s*(?:-|－|–|—|~|～|至|到)\s*"
_WEEKS = [
    re.compile(rf"^第?\s*(\d+)\s*周?{_DASH}第?\s*(\d+)\s*周$"),  # 第1-8周, 第20周-第24周, 1-8周
    re.compile(rf"^[Ww]\s*(\d+){_DASH}[Ww]?\s*(\d+)$"),  # W1-W8, W1-8
    re.compile(r"^第\s*(\d+)\s*周$"),  # 第8周
    re.compile(r"^[Ww]\s*(\d+)$"),  # W8
]
_MONTHS = [
    re.compile(rf"^第?\s*(\d+){_DASH}(\d+)\s*(?:个)?\s*月$"),  # 0-6 个月, 6-18个月, 0-6月
    re.compile(rf"^[Mm]\s*(\d+){_DASH}[Mm]?\s*(\d+)$"),  # M1-M6
    re.compile(r"^[Mm]\s*(\d+)$"),  # M3
    re.compile(r"^第\s*(\d+)\s*(?:个)?月$"),  # 第3个月
]
_DATE = r"(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?"
_DATE_ONE = re.compile(rf"^{_DATE}$")
_DATE_RANGE = re.compile(rf"^{_DATE}\s*(?:至|到|~|～|—|–|\s-\s|--)\s*{_DATE}$")


@dataclass(frozen=True)
class Span:
    """A parsed period: inclusive dates, how it was written, and its week/month numbers."""

    start: dt.date
    end: dt.date
    style: str  # "week" | "month" | "date" (planner.model.PeriodStyle values)
    first: int | None = None  # week number, or month offset for "month"
    last: int | None = None


# --- weeks -----------------------------------------------------------------------------
def week_start(n: int, programme_start: dt.date) -> dt.date:
    return programme_start + dt.timedelta(days=7 * (n - 1))


def week_end(n: int, programme_start: dt.date) -> dt.date:
    """Last calendar day of week n."""
    return programme_start + dt.timedelta(days=7 * n - 1)


def week_of(day: dt.date, programme_start: dt.date) -> int:
    """The week containing `day` (week 1 starts on the programme start; 0 or less before it)."""
    return (day - programme_start).days // 7 + 1


def parse_weeks(text: str) -> tuple[int, int] | None:
    """(first, last) week numbers of "第1-8周", "W1-W8", "第20周-第24周", "第8周"; None if not weeks."""
    s = _clean(text)
    for rx in _WEEKS:
        mt = rx.match(s)
        if mt:
            nums = [int(g) for g in mt.groups()]
            first, last = nums[0], nums[-1]
            if first < 1 or last < first:
                raise ParseError(_("Week span {text}: weeks count from 1 and must not run backwards", text=repr(text)),
                                 where=text)
            return first, last
    return None


# --- months ----------------------------------------------------------------------------
def add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, _cal.monthrange(year, month)[1]))


def month_offset_of(day: dt.date, programme_start: dt.date) -> int:
    """Whole months from the programme start to `day` (the offset of the month containing it)."""
    k = (day.year - programme_start.year) * 12 + day.month - programme_start.month
    while k > 0 and add_months(programme_start, k) > day:
        k -= 1
    while add_months(programme_start, k + 1) <= day:
        k += 1
    return k


def parse_months(text: str) -> tuple[int, int] | None:
    """(start offset, end offset) of "0-6 个月", "M1-M6" (= 0, 6), "M3" (= 2, 3); None if not months."""
    s = _clean(text)
    for i, rx in enumerate(_MONTHS):
        mt = rx.match(s)
        if not mt:
            continue
        nums = [int(g) for g in mt.groups()]
        if i == 0:
            a, b = nums
        else:  # M-numbers and 第N个月 count months from 1
            if min(nums) < 1:
                raise ParseError(_("Month span {text}: M-numbers count from 1", text=repr(text)), where=text)
            a, b = nums[0] - 1, nums[-1]
        if b <= a:
            raise ParseError(_("Month span {text}: the end must come after the start", text=repr(text)), where=text)
        return a, b
    return None


# --- dates -----------------------------------------------------------------------------
def _date(y: str, m: str, d: str, text: str) -> dt.date:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError as exc:
        raise ParseError(_("{text}: {y}-{m}-{d} is not a date", text=repr(text), y=y, m=m, d=d), where=text) from exc


def parse_date(text: str) -> dt.date:
    """One date: "2025-03-28", "2025/03/28", "2025.04.11", "2025年3月28日"."""
    mt = _DATE_ONE.match(_clean(text))
    if not mt:
        raise ParseError(_("{text} is not a date (write 2025-03-28)", text=repr(text)), where=text)
    return _date(*mt.groups(), text)


# --- any span --------------------------------------------------------------------------
def parse_span(text: str, programme_start: dt.date) -> Span:
    """A task's 起止时间 in any supported notation -> inclusive dates and the style to show it in."""
    s = _clean(text)
    if not s:
        raise ParseError(_("The period is empty"), where=text)
    weeks = parse_weeks(s)
    if weeks:
        a, b = weeks
        return Span(week_start(a, programme_start), week_end(b, programme_start), "week", a, b)
    months = parse_months(s)
    if months:
        a, b = months
        end = add_months(programme_start, b) - dt.timedelta(days=1)
        return Span(add_months(programme_start, a), end, "month", a, b)
    mt = _DATE_RANGE.match(s)
    if mt:
        g = mt.groups()
        start, end = _date(*g[:3], text), _date(*g[3:], text)
        if end < start:
            raise ParseError(_("Period {text} ends before it starts", text=repr(text)), where=text)
        return Span(start, end, "date")
    mt = _DATE_ONE.match(s)
    if mt:
        d = _date(*mt.groups(), text)
        return Span(d, d, "date")
    raise ParseError(
        _("Cannot read the period {text} (write W1-W8 or 2025-01-27 – 2025-04-21)", text=repr(text)),
        where=text,
    )


def format_span(start: dt.date, end: dt.date, style: str, programme_start: dt.date) -> str:
    """Dates back to text. Styles: "week" (第1-8周), "week_latin" (W1-W8), "month" (0-6 个月),
    "month_latin" (M1-M6), "date" (2025-01-27 至 2025-04-21). Weeks and months round outwards."""
    if style in ("week", "week_latin"):
        a, b = week_of(start, programme_start), week_of(end, programme_start)
        if style == "week_latin":
            return f"W{a}" if a == b else f"W{a}-W{b}"
        return f"第{a}周" if a == b else f"第{a}-{b}周"
    if style in ("month", "month_latin"):
        a = month_offset_of(start, programme_start)
        b = max(a + 1, month_offset_of(end, programme_start) + 1)
        if style == "month_latin":
            return f"M{a + 1}" if b == a + 1 else f"M{a + 1}-M{b}"
        return f"{a}-{b} 个月"
    if style == "date":
        return start.isoformat() if start == end else f"{start.isoformat()} 至 {end.isoformat()}"
    raise ValueError(f"unknown span style {style!r}")


def _clean(text: str) -> str:
    # full-width digits and spaces are common in pasted Chinese text
    return (text or "").translate(_FULLWIDTH).strip().strip("（）()")


_FULLWIDTH = {ord("０") + i: ord("0") + i for i in range(10)} | {0x3000: 0x20}


# dependency phrases live in links.py; re-exported so all user notation is found here
from planner.schedule.links import ParsedLink, format_link, format_links, parse_dependencies  # noqa: E402,F401
