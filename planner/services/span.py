"""A task's start-end phrase read through the project-week notation of planner/schedule."""

from __future__ import annotations

import datetime as dt

from planner.i18n import _
from planner import model as m
from planner.errors import ParseError
from planner.schedule.notation import format_span, parse_span


def parse_span_text(text: str, programme: m.Programme, *, where: str) -> tuple[dt.date, dt.date, str]:
    """(start, end, period_style) from "第1-8周", "W1-W8", "0-6 个月" or "2025-03-01 至 2025-04-30"."""
    try:
        span = parse_span(text, programme.start_date)
    except ParseError as exc:
        raise ParseError(_("{where}: {message}.", where=where, message=exc.message), where=where) from None
    except (ValueError, OverflowError):  # a week or month number so large the date overflows
        raise ParseError(_("{where}: “{text}” lies outside the supported dates.", where=where, text=text), where=where) from None
    return span.start, span.end, span.style


def span_text(task: m.Task, programme: m.Programme) -> str:
    """The task's span written back in the style the user wrote it."""
    return format_span(task.start_date, task.end_date, task.period_style, programme.start_date)
