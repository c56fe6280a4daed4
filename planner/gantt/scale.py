"""The time axis: date <-> x mapping, zoom levels and the header ticks (calendar or project time)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Iterator

DAY = dt.timedelta(days=1)

# Pixels per day of each named zoom level; zooming between them is continuous.
LEVELS: dict[str, float] = {"day": 28.0, "week": 6.0, "month": 1.6, "quarter": 0.55}
MIN_PX_PER_DAY = 0.05
MAX_PX_PER_DAY = 80.0

CALENDAR = "calendar"
PROJECT = "project"

# Programme.week_numbering: week 1 is the programme's first week, or ISO 8601 weeks (Monday to Sunday).
PROGRAMME_WEEKS = "programme"
ISO_WEEKS = "iso"

# The (minor, major) header units shown at each zoom level.
_UNITS = {"day": ("day", "week"), "week": ("week", "month"), "month": ("month", "quarter"), "quarter": ("quarter", "year")}


@dataclass(frozen=True)
class Tick:
    """One header cell: [x, x_end) labelled `label`; `start` is the period's first day."""

    x: float
    x_end: float
    label: str
    start: dt.date


@dataclass(frozen=True)
class Ticks:
    major: list[Tick]
    minor: list[Tick]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day-of-month `months` later, clamped to the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for dom in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, dom))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - day 28 always exists


@dataclass(frozen=True)
class TimeScale:
    """Maps dates to x pixels from `origin` (the programme start: week 1, month M1)."""

    origin: dt.date
    px_per_day: float = LEVELS["week"]
    mode: str = CALENDAR  # or PROJECT: 第N周 / M1..M36 instead of calendar dates
    lang: str = "zh"
    weeks: str = PROGRAMME_WEEKS  # project time's weeks: 第N周 from the start, or ISO W14 (Monday to Sunday)

    @classmethod
    def at_level(cls, origin: dt.date, level: str, **kw) -> "TimeScale":
        return cls(origin, LEVELS[level], **kw)

    @property
    def level(self) -> str:
        """The named level whose header units suit the current zoom."""
        ppd = self.px_per_day
        if ppd >= 14:
            return "day"
        if ppd >= 2.8:
            return "week"
        if ppd >= 0.9:
            return "month"
        return "quarter"

    def zoomed(self, factor: float) -> "TimeScale":
        ppd = min(MAX_PX_PER_DAY, max(MIN_PX_PER_DAY, self.px_per_day * factor))
        return replace(self, px_per_day=ppd)

    def with_px_per_day(self, ppd: float) -> "TimeScale":
        return replace(self, px_per_day=min(MAX_PX_PER_DAY, max(MIN_PX_PER_DAY, ppd)))

    # --- mapping -------------------------------------------------------------------
    def day_index(self, day: dt.date) -> int:
        return (day - self.origin).days

    def x_of_index(self, index: float) -> float:
        return index * self.px_per_day

    def x(self, day: dt.date) -> float:
        """Left edge of `day`."""
        return (day - self.origin).days * self.px_per_day

    def x_end(self, day: dt.date) -> float:
        """Right edge of `day` (spans are inclusive)."""
        return self.x(day) + self.px_per_day

    def index_at(self, x: float) -> int:
        return int(x // self.px_per_day)

    def date_at(self, x: float) -> dt.date:
        return self.origin + dt.timedelta(days=self.index_at(x))

    # --- header ---------------------------------------------------------------------
    def ticks(self, x0: float, x1: float) -> Ticks:
        minor_unit, major_unit = _UNITS[self.level]
        d0, d1 = self.date_at(x0), self.date_at(x1) + DAY
        return Ticks(
            major=[self._tick(s, e, major_unit, i) for s, e, i in self.periods(major_unit, d0, d1)],
            minor=[self._tick(s, e, minor_unit, i) for s, e, i in self.periods(minor_unit, d0, d1)],
        )

    def _tick(self, start: dt.date, end: dt.date, unit: str, index: int) -> Tick:
        return Tick(self.x(start), self.x(end), self.label(unit, start, index), start)

    def periods(self, unit: str, d0: dt.date, d1: dt.date) -> Iterator[tuple[dt.date, dt.date, int]]:
        """(first day, day after the last, 1-based project index) of each period meeting [d0, d1)."""
        start, index = self._period_start(unit, d0)
        iso = unit == "week" and self.mode == PROJECT and self.weeks == ISO_WEEKS
        while start < d1:
            end = self._next(unit, start)
            yield start, end, index
            start, index = end, (end.isocalendar()[1] if iso else index + 1)

    def _period_start(self, unit: str, day: dt.date) -> tuple[dt.date, int]:
        if unit == "day":
            return day, self.day_index(day) + 1
        if self.mode == PROJECT:
            return self._project_period_start(unit, day)
        if unit == "week":
            start = day - dt.timedelta(days=day.weekday())
            return start, 0
        if unit == "month":
            return day.replace(day=1), 0
        if unit == "quarter":
            return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1), 0
        return dt.date(day.year, 1, 1), 0

    def _project_period_start(self, unit: str, day: dt.date) -> tuple[dt.date, int]:
        if unit == "week" and self.weeks == ISO_WEEKS:
            start = day - dt.timedelta(days=day.weekday())
            return start, start.isocalendar()[1]
        if unit == "week":
            n = self.day_index(day) // 7
            return self.origin + dt.timedelta(weeks=n), n + 1
        months = {"month": 1, "quarter": 3, "year": 12}[unit]
        n = (day.year - self.origin.year) * 12 + day.month - self.origin.month
        n = n // months
        while add_months(self.origin, n * months) > day:
            n -= 1
        while add_months(self.origin, (n + 1) * months) <= day:
            n += 1
        return add_months(self.origin, n * months), n + 1

    def _next(self, unit: str, start: dt.date) -> dt.date:
        if unit == "day":
            return start + DAY
        if unit == "week":
            return start + dt.timedelta(weeks=1)
        months = {"month": 1, "quarter": 3, "year": 12}[unit]
        if self.mode == PROJECT:
            n = round(((start.year - self.origin.year) * 12 + start.month - self.origin.month) / months)
            return add_months(self.origin, (n + 1) * months)
        return add_months(start, months)

    def label(self, unit: str, start: dt.date, index: int) -> str:
        """Header text: calendar dates, or project time (第N周, M1..M36, Q1, 第1年)."""
        zh = self.lang.startswith("zh")
        if self.mode == PROJECT:
            if index < 1:
                return ""  # before the programme starts there is no project time
            if unit == "day":
                return str(index)
            if unit == "week":
                if self.weeks == ISO_WEEKS:  # ISO 8601 writes weeks the same way in every language
                    return f"W{index:02d}"
                return f"第{index}周" if zh else f"W{index}"
            if unit == "month":
                return f"M{index}"
            if unit == "quarter":
                return f"Q{index}"
            return f"第{index}年" if zh else f"Y{index}"
        if unit == "day":
            return str(start.day)
        if unit == "week":  # calendar weeks: each Monday's date, or its ISO week number
            return f"W{start.isocalendar()[1]:02d}" if self.weeks == ISO_WEEKS else f"{start.month:02d}-{start.day:02d}"
        if unit == "month":
            if self.level == "week":
                return f"{start.year}-{start.month:02d}"
            return f"{start.month}月" if zh else start.strftime("%b")
        if unit == "quarter":
            return f"{start.year} Q{(start.month - 1) // 3 + 1}"
        return f"{start.year}年" if zh else str(start.year)
