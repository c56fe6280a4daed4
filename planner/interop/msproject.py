"""MS Project XML (MSPDI) as plain data: the parse layer, no knowledge of our plan model.

`parse(root)` turns the element tree into `MsProject`; `planner.interop.mspdi_records` maps it to
our records. Values keep MS Project's own units (durations in minutes, lags in tenths of a
minute with their format code) so the mapping decides how to round and what to report.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

NS = "http://schemas.microsoft.com/project"

LINK_TYPES = {0: "FF", 1: "FS", 2: "SF", 3: "SS"}
LINK_CODES = {v: k for k, v in LINK_TYPES.items()}

# LagFormat / DurationFormat codes (the "e" forms are elapsed time), from the MSPDI schema.
UNIT_OF_FORMAT = {
    3: "m", 35: "m", 4: "em", 36: "em", 5: "h", 37: "h", 6: "eh", 38: "eh", 7: "d", 39: "d", 53: "d",
    8: "ed", 40: "ed", 9: "w", 41: "w", 10: "ew", 42: "ew", 11: "mo", 43: "mo", 12: "emo", 44: "emo",
    19: "%", 51: "%", 20: "e%", 52: "e%",
}


@dataclass
class MsLink:
    predecessor_uid: int
    type: str = "FS"
    lag: int = 0  # tenths of a minute; for percent formats the percentage itself
    lag_format: int = 7


@dataclass
class MsBaseline:
    number: int
    start: dt.datetime | None
    finish: dt.datetime | None


@dataclass
class MsTask:
    uid: int
    id: int | None = None
    name: str = ""
    wbs: str = ""
    outline_number: str = ""
    outline_level: int = 1
    start: dt.datetime | None = None
    finish: dt.datetime | None = None
    duration: float | None = None  # minutes
    milestone: bool = False
    summary: bool = False
    null: bool = False
    active: bool = True
    manual: bool = False
    estimated: bool = False
    percent: float = 0.0
    actual_start: dt.datetime | None = None
    actual_finish: dt.datetime | None = None
    priority: int | None = None
    constraint_type: int = 0
    constraint_date: dt.datetime | None = None
    notes: str = ""
    contact: str = ""
    links: list[MsLink] = field(default_factory=list)
    ext: dict[int, str] = field(default_factory=dict)  # FieldID -> value
    baselines: list[MsBaseline] = field(default_factory=list)
    line: int | None = None  # position among the tasks (1-based), for messages


@dataclass
class MsResource:
    uid: int
    name: str = ""
    group: str = ""
    type: int = 1  # 0 material, 1 work, 2 cost
    max_units: float = 1.0
    null: bool = False


@dataclass
class MsAssignment:
    task_uid: int
    resource_uid: int
    units: float = 1.0


@dataclass
class MsException:
    start: dt.date
    end: dt.date
    working: bool
    name: str = ""
    recurring: bool = False


@dataclass
class MsCalendar:
    uid: int
    name: str = ""
    base_uid: int | None = None
    weekdays: dict[int, bool] = field(default_factory=dict)  # 1 = Sunday ... 7 = Saturday
    exceptions: list[MsException] = field(default_factory=list)


@dataclass
class MsExtDef:
    field_id: int
    field_name: str = ""
    alias: str = ""
    values: list[tuple[str, str]] = field(default_factory=list)  # (value, description) of its value list


@dataclass
class MsProject:
    name: str = ""
    title: str = ""
    comments: str = ""
    start: dt.datetime | None = None
    status_date: dt.datetime | None = None
    last_saved: dt.datetime | None = None
    calendar_uid: int | None = None
    minutes_per_day: int = 480
    minutes_per_week: int = 2400
    days_per_month: int = 20
    default_start: dt.time = dt.time(8, 0)
    save_version: str = ""
    tasks: list[MsTask] = field(default_factory=list)
    resources: list[MsResource] = field(default_factory=list)
    assignments: list[MsAssignment] = field(default_factory=list)
    calendars: list[MsCalendar] = field(default_factory=list)
    ext_defs: dict[int, MsExtDef] = field(default_factory=dict)

    def ext_by_alias(self) -> dict[str, int]:
        return {d.alias or d.field_name: d.field_id for d in self.ext_defs.values()}


# --- values ---------------------------------------------------------------------------------
_DURATION = re.compile(r"^(-)?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)D)?"
                       r"(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$")


class BadValue(ValueError):
    """A value MS Project would not have written; the mapping reports it with its task."""


def duration_minutes(text: str, minutes_per_day: int = 480) -> float:
    """ISO 8601 durations as MS Project writes them ("PT8H0M0S"); days count as working days."""
    match = _DURATION.match(text.strip())
    if not match or text.strip() in ("P", "PT"):
        raise BadValue(text)
    sign, years, months, days, hours, minutes, seconds = match.groups()
    total = float(days or 0) * minutes_per_day + float(hours or 0) * 60 + float(minutes or 0) + float(seconds or 0) / 60
    total += (float(years or 0) * 12 + float(months or 0)) * 20 * minutes_per_day
    return -total if sign else total


def iso_minutes(minutes: float) -> str:
    whole = int(round(minutes))
    return f"PT{whole // 60}H{whole % 60}M0S"


def parse_datetime(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise BadValue(text) from None


# --- the tree -------------------------------------------------------------------------------
def _text(el: Element | None, name: str, default: str = "") -> str:
    child = el.find(name) if el is not None else None
    return child.text.strip() if child is not None and child.text else default


def _raw(el: Element | None, name: str) -> str:
    """Text as written (names and notes keep their spaces)."""
    child = el.find(name) if el is not None else None
    return child.text if child is not None and child.text else ""


def _int(el: Element, name: str, default: int | None = None) -> int | None:
    text = _text(el, name)
    if not text:
        return default
    try:
        return int(float(text))
    except ValueError:
        raise BadValue(f"{name}={text}") from None


def _bool(el: Element, name: str) -> bool:
    return _text(el, name) in ("1", "true")


def _when(el: Element, name: str) -> dt.datetime | None:
    text = _text(el, name)
    return parse_datetime(text) if text else None


@dataclass
class ParseIssue:
    """A value that could not be read: where ("Task", its UID), the element and the value."""

    kind: str  # Project, Task, Resource, Assignment, Calendar
    ident: str  # the task's UID, the calendar's name ...
    element: str
    value: str


def parse(root: Element) -> tuple[MsProject, list[ParseIssue]]:
    issues: list[ParseIssue] = []
    p = MsProject()
    p.name, p.title, p.comments = _text(root, "Name"), _raw(root, "Title"), _raw(root, "Comments")
    p.save_version = _text(root, "SaveVersion")
    for attr, name in (("start", "StartDate"), ("status_date", "StatusDate"), ("last_saved", "LastSaved")):
        try:
            setattr(p, attr, _when(root, name))
        except BadValue as exc:
            issues.append(ParseIssue("Project", "", name, str(exc)))
    p.calendar_uid = _int(root, "CalendarUID")
    p.minutes_per_day = _int(root, "MinutesPerDay", 480) or 480
    p.minutes_per_week = _int(root, "MinutesPerWeek", 2400) or 2400
    p.days_per_month = _int(root, "DaysPerMonth", 20) or 20
    start_time = _text(root, "DefaultStartTime")
    if start_time:
        try:
            p.default_start = dt.time.fromisoformat(start_time)
        except ValueError:
            issues.append(ParseIssue("Project", "", "DefaultStartTime", start_time))
    for el in root.iterfind("ExtendedAttributes/ExtendedAttribute"):
        d = _ext_def(el)
        if d is not None:
            p.ext_defs[d.field_id] = d
    p.calendars = [_calendar(el, issues) for el in root.iterfind("Calendars/Calendar")]
    for n, el in enumerate(root.iterfind("Tasks/Task"), 1):
        task = _task(el, p.minutes_per_day, issues)
        if task is not None:
            task.line = n
            p.tasks.append(task)
    for el in root.iterfind("Resources/Resource"):
        uid = _safe_int(el, "UID", issues, "Resource")
        if uid is not None:
            p.resources.append(MsResource(uid, _raw(el, "Name"), _text(el, "Group"), _int(el, "Type", 1) or 0,
                                          _float(el, "MaxUnits", 1.0), _bool(el, "IsNull")))
    for el in root.iterfind("Assignments/Assignment"):
        task, res = _safe_int(el, "TaskUID", issues, "Assignment"), _safe_int(el, "ResourceUID", issues, "Assignment")
        if task is not None and res is not None:
            p.assignments.append(MsAssignment(task, res, _float(el, "Units", 1.0)))
    return p, issues


def _safe_int(el: Element, name: str, issues: list[ParseIssue], where: str) -> int | None:
    try:
        return _int(el, name)
    except BadValue as exc:
        issues.append(ParseIssue(where, "", name, str(exc)))
        return None


def _float(el: Element, name: str, default: float) -> float:
    try:
        return float(_text(el, name) or default)
    except ValueError:
        return default


def _ext_def(el: Element) -> MsExtDef | None:
    try:
        fid = int(_text(el, "FieldID"))
    except ValueError:
        return None
    values = [(_raw(v, "Value"), _raw(v, "Description")) for v in el.iterfind("ValueList/Value")]
    return MsExtDef(fid, _text(el, "FieldName"), _text(el, "Alias"), values)


_REPEATED = frozenset(("PredecessorLink", "ExtendedAttribute", "Baseline", "TimephasedData", "OutlineCode"))
_TASK_INTS = (("id", "ID"), ("outline_level", "OutlineLevel"), ("priority", "Priority"),
              ("constraint_type", "ConstraintType"))
_TASK_TIMES = (("start", "Start"), ("finish", "Finish"), ("actual_start", "ActualStart"),
               ("actual_finish", "ActualFinish"), ("constraint_date", "ConstraintDate"))


def _task(el: Element, minutes_per_day: int, issues: list[ParseIssue]) -> MsTask | None:
    # The single-valued children's texts in one pass over the task (a task has 30-80 children).
    texts: dict[str, str] = {}
    for child in el:
        if child.tag not in _REPEATED and child.tag not in texts:
            texts[child.tag] = child.text or ""
    uid_text = texts.get("UID", "").strip()
    try:
        t = MsTask(int(uid_text))
    except ValueError:
        issues.append(ParseIssue("Task", texts.get("Name", "").strip(), "UID", uid_text))
        return None
    t.name = texts.get("Name", "")
    t.wbs, t.outline_number = texts.get("WBS", "").strip(), texts.get("OutlineNumber", "").strip()
    for attr, name in _TASK_INTS:
        value = texts.get(name, "").strip()
        if value:
            try:
                setattr(t, attr, int(float(value)))
            except ValueError:
                issues.append(ParseIssue("Task", uid_text, name, f"{name}={value}"))
    for attr, name in _TASK_TIMES:
        value = texts.get(name, "").strip()
        if value:
            try:
                setattr(t, attr, dt.datetime.fromisoformat(value))
            except ValueError:
                issues.append(ParseIssue("Task", uid_text, name, value))
    duration = texts.get("Duration", "").strip()
    if duration:
        try:
            t.duration = duration_minutes(duration, minutes_per_day)
        except BadValue:
            issues.append(ParseIssue("Task", uid_text, "Duration", duration))
    flag = lambda name: texts.get(name, "").strip() in ("1", "true")  # noqa: E731
    t.milestone, t.summary, t.null, t.manual, t.estimated = (flag("Milestone"), flag("Summary"), flag("IsNull"),
                                                             flag("Manual"), flag("Estimated"))
    t.active = texts.get("Active", "1").strip() != "0"
    try:
        t.percent = float(texts.get("PercentComplete", "").strip() or 0)
    except ValueError:
        issues.append(ParseIssue("Task", uid_text, "PercentComplete", texts["PercentComplete"]))
    t.notes, t.contact = texts.get("Notes", ""), texts.get("Contact", "").strip()
    _task_lists(el, t, uid_text, issues)
    return t


def _task_lists(el: Element, t: MsTask, where: str, issues: list[ParseIssue]) -> None:
    for link in el.iterfind("PredecessorLink"):
        try:
            uid = _int(link, "PredecessorUID")
            if uid is None:
                continue
            t.links.append(MsLink(uid, LINK_TYPES.get(_int(link, "Type", 1), "FS"), _int(link, "LinkLag", 0) or 0,
                                  _int(link, "LagFormat", 7) or 7))
        except BadValue as exc:
            issues.append(ParseIssue("Task", where, "PredecessorLink", str(exc)))
    for ext in el.iterfind("ExtendedAttribute"):
        try:
            t.ext[int(_text(ext, "FieldID"))] = _raw(ext, "Value")
        except ValueError:
            issues.append(ParseIssue("Task", where, "ExtendedAttribute", _text(ext, "FieldID")))
    for b in el.iterfind("Baseline"):
        try:
            t.baselines.append(MsBaseline(_int(b, "Number", 0) or 0, _when(b, "Start"), _when(b, "Finish")))
        except BadValue as exc:
            issues.append(ParseIssue("Task", where, "Baseline", str(exc)))


def _calendar(el: Element, issues: list[ParseIssue]) -> MsCalendar:
    cal = MsCalendar(_int(el, "UID", 0) or 0, _text(el, "Name"))
    base = _int(el, "BaseCalendarUID")
    cal.base_uid = base if base is not None and base >= 0 else None
    for day in el.iterfind("WeekDays/WeekDay"):
        kind = _int(day, "DayType", -1)
        working = _bool(day, "DayWorking")
        if kind and 1 <= kind <= 7:
            cal.weekdays[kind] = working
        elif kind == 0:  # the 2003 form of an exception: a dated WeekDay
            span = _span(day, issues, cal.name)
            if span:
                cal.exceptions.append(MsException(span[0], span[1], working))
    for ex in el.iterfind("Exceptions/Exception"):
        span = _span(ex, issues, cal.name)
        if span:
            kind = _int(ex, "Type", 1)
            cal.exceptions.append(MsException(span[0], span[1], _bool(ex, "DayWorking"), _text(ex, "Name"),
                                              recurring=kind not in (None, 1)))
    return cal


def _span(el: Element, issues: list[ParseIssue], calendar: str) -> tuple[dt.date, dt.date] | None:
    try:
        start, end = _when(el, "TimePeriod/FromDate"), _when(el, "TimePeriod/ToDate")
    except BadValue as exc:
        issues.append(ParseIssue("Calendar", calendar, "TimePeriod", str(exc)))
        return None
    if start is None or end is None:
        return None
    last = end.date() if end.time() != dt.time(0) or end.date() == start.date() else end.date() - dt.timedelta(days=1)
    return start.date(), max(start.date(), last)
