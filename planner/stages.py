"""Stage spans as users write them (0-6 个月, 第1-8周, W1-W8, dates) and tasks that run outside their stage.

A stage's span is stored as month offsets (`start_month`/`end_month`) when written in months
and as inclusive dates otherwise; weeks become the dates of those weeks. Every notation a
task's 起止时间 accepts is accepted here, read by the same parser (planner.schedule.notation).

A dated stage is shown back in weeks when its dates are exactly whole programme weeks (a
Monday-to-Sunday run counted from the programme start), which is how "第1-8周" comes back as
typed; other dates are shown as dates.

Whether a task fits its stage: month spans are approximate, and plans such as FlagOS count a
month as four weeks (stage "6-18 个月" holds tasks "第25-72周", which start two weeks before
calendar month 6). A month stage therefore starts at the earlier of the two readings (week
4 x a + 1, or calendar month a) and ends at the end of calendar month b, the later of the two.
Dated stages are taken as written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.bounds import DATE_MAX, DATE_MIN
from planner.errors import ParseError
from planner.i18n import _
from planner.kinds import PeriodStyle
from planner.schedule.notation import add_months, format_span, parse_months, parse_span, parse_weeks

if TYPE_CHECKING:  # rows are read by attribute: the ORM is not needed to judge them
    from planner import model as m

CLEARED = {"start_month": None, "end_month": None, "start_date": None, "end_date": None}
OUTSIDE_STAGE = "outside_stage"
"""`Problem`-style code of a task whose dates leave its stage's span."""

# English spellings some users type, mapped onto the notation the parser reads.
_ALIASES = (
    (re.compile(r"^\s*(?:weeks?|wks?)\s*(\d+)\s*(?:-|–|—|~|～|to)\s*(\d+)\s*$", re.I), r"W\1-W\2"),
    (re.compile(r"^\s*(?:weeks?|wks?)\s*(\d+)\s*$", re.I), r"W\1"),
    (re.compile(r"^\s*(\d+)\s*(?:-|–|—|~|～|to)\s*(\d+)\s*(?:months?|mos?|m)\s*$", re.I), r"\1-\2 个月"),
    (re.compile(r"^(.*\d)\s+to\s+(\d.*)$", re.I), r"\1 至 \2"),
)
_DATE_LIKE = re.compile(r"\d{4}\s*(?:[-/.]|年)")


def parse_stage_span(text: str, programme_start: dt.date) -> dict:
    """The Stage fields of a typed span; "" clears it. Raises ParseError (translated, keyed, `where`=text)."""
    written = (text or "").strip()
    if not written:
        return dict(CLEARED)
    normalised = _normalise(written)
    try:
        span = parse_span(normalised, programme_start)
    except ParseError:
        raise _refusal(written, normalised) from None
    except (ValueError, OverflowError):  # a week or month number so large the date overflows
        raise _out_of_range(written) from None
    if span.style == PeriodStyle.month.value:
        return {**CLEARED, "start_month": span.first, "end_month": span.last}
    if not (DATE_MIN <= span.start and span.end <= DATE_MAX):
        raise _out_of_range(written)
    return {**CLEARED, "start_date": span.start, "end_date": span.end}


def _normalise(text: str) -> str:
    for pattern, replacement in _ALIASES:
        if pattern.match(text):
            return pattern.sub(replacement, text)
    return text


def _refusal(written: str, normalised: str) -> ParseError:
    """The most helpful reason the parser's refusal allows: order, a missing date, or the notation."""
    for probe in (parse_weeks, parse_months):
        try:
            probe(normalised)
        except ParseError:
            return ParseError(
                _("The stage span “{text}” runs backwards: weeks count from 1, months from 0, "
                  "and the end comes after the start.", text=written),
                key="stage_span_order", where=written)
        except (ValueError, OverflowError):
            return _out_of_range(written)
    if _DATE_LIKE.search(normalised):
        return ParseError(
            _("The stage span “{text}” holds a date that does not exist or ends before it starts.", text=written),
            key="stage_span_date", where=written)
    return ParseError(
        _("Cannot read the stage span “{text}”: write it as 0-6 个月, 第1-8周, W1-W8 "
          "or 2025-01-27 至 2025-03-10.", text=written),
        key="stage_span_unreadable", where=written)


def _out_of_range(written: str) -> ParseError:
    return ParseError(_("The stage span “{text}” lies outside the supported dates.", text=written),
                      key="stage_span_range", where=written)


# --- reading a stage back ------------------------------------------------------------------
def stage_dates(stage: m.Stage, programme_start: dt.date) -> tuple[dt.date, dt.date] | None:
    """Inclusive first and last day of a stage, from its months or its dates; None without a span."""
    if stage.start_month is not None and stage.end_month is not None:
        return (add_months(programme_start, stage.start_month),
                add_months(programme_start, stage.end_month) - dt.timedelta(days=1))
    if stage.start_date is not None and stage.end_date is not None:
        return stage.start_date, stage.end_date
    return None


def stage_window(stage: m.Stage, programme_start: dt.date) -> tuple[dt.date, dt.date] | None:
    """The days a task of this stage may use (see the module docstring for month stages)."""
    dates = stage_dates(stage, programme_start)
    if dates is None or stage.start_month is None:
        return dates
    four_week_start = programme_start + dt.timedelta(days=28 * stage.start_month)
    return min(dates[0], four_week_start), dates[1]


def is_whole_weeks(start: dt.date, end: dt.date, programme_start: dt.date) -> bool:
    """Whether [start, end] is exactly weeks a..b of the programme (a >= 1)."""
    offset = (start - programme_start).days
    return offset >= 0 and offset % 7 == 0 and ((end - start).days + 1) % 7 == 0


def stage_span_text(stage: m.Stage, programme_start: dt.date) -> str:
    """The span as it would be typed: 0-6 个月, 第1-8周 or 2025-01-27 至 2025-03-10 ("" without one)."""
    if stage.start_month is not None and stage.end_month is not None:
        return f"{stage.start_month}-{stage.end_month} 个月"
    if stage.start_date is None or stage.end_date is None:
        return ""
    style = "week" if is_whole_weeks(stage.start_date, stage.end_date, programme_start) else "date"
    return format_span(stage.start_date, stage.end_date, style, programme_start)


def stage_dates_text(stage: m.Stage, programme_start: dt.date) -> str:
    """The dates a stage covers ("2025-01-06 至 2025-07-05"), whatever it was written in."""
    dates = stage_dates(stage, programme_start)
    return format_span(dates[0], dates[1], "date", programme_start) if dates else ""


# --- tasks outside their stage ---------------------------------------------------------------
@dataclass(frozen=True)
class OutsideStage:
    """A task whose planned dates are not inside the span of the stage it belongs to."""

    task_id: int
    task_code: str
    stage_id: int
    stage_name: str
    message: str
    code: str = OUTSIDE_STAGE


def stage_windows(plan) -> dict[int, tuple[dt.date, dt.date]]:
    """The days each stage with a span allows its tasks (see `stage_window`), by stage id."""
    start = plan.programme.start_date
    return {s.id: w for s in plan.stages if (w := stage_window(s, start)) is not None}


def is_outside(task: m.Task, windows: dict[int, tuple[dt.date, dt.date]]) -> bool:
    """Whether a dated task starts before or ends after its stage (undated ones are not judged)."""
    window = windows.get(task.stage_id)
    if window is None or task.start_date is None or task.end_date is None:
        return False
    return task.start_date < window[0] or task.end_date > window[1]


def outside_stage_ids(plan) -> frozenset[int]:
    """Ids of the tasks that run outside their stage."""
    windows = stage_windows(plan)
    return frozenset(t.id for t in plan.tasks if is_outside(t, windows)) if windows else frozenset()


def tasks_outside_stage(plan) -> list[OutsideStage]:
    """Every task outside its stage, in plan order, with the message that says so."""
    outside, start = outside_stage_ids(plan), plan.programme.start_date
    out = []
    for task in plan.tasks:
        if task.id in outside:
            stage = plan.stage_by_id[task.stage_id]
            out.append(OutsideStage(task.id, task.code, stage.id, stage.name, outside_message(task, stage, start)))
    return out


def outside_message(task: m.Task, stage: m.Stage, programme_start: dt.date) -> str:
    task_span = format_span(task.start_date, task.end_date, task.period_style, programme_start)
    written, dates = stage_span_text(stage, programme_start), stage_dates_text(stage, programme_start)
    if written == dates:
        return _("Task {task} ({span}) runs outside its stage {stage} ({dates}).",
                 task=task.code, span=task_span, stage=stage.name, dates=dates)
    return _("Task {task} ({span}) runs outside its stage {stage} ({stage_span}, {dates}).",
             task=task.code, span=task_span, stage=stage.name, stage_span=written, dates=dates)
