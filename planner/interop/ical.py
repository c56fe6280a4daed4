"""The plan's dates in people's calendars: an iCalendar (.ics) file, for the whole plan or one team.

Milestones (roadmap milestones and milestone tasks) and stage starts and ends are all-day
events; each meeting of the division of work's cadence (协作频率, `planner.interop.cadence`) is a
recurring event from the module's first task to its last, skipping holidays of the plan's
calendar (EXDATE). UIDs are made from the plan's name and each item's natural key, so exporting
again after dates moved updates the events a calendar already has instead of adding copies.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from planner import model as m
from planner.errors import NotFound
from planner.i18n import _
from planner.interop import cadence as cad
from planner.plan import Plan
from planner.schedule.calendar import calendar_for
from planner.schedule.notation import add_months

PRODID = "-//Roadmap Planner//路线图规划器//ZH"
UID_DOMAIN = "roadmap-planner"


@dataclass
class IcsResult:
    text: str
    events: int = 0
    notes: list[str] = field(default_factory=list)  # cadence pieces that could not be read


def uid(plan: Plan, kind: str, *key: object) -> str:
    digest = hashlib.sha1("\x1f".join([plan.programme.name, kind, *map(str, key)]).encode("utf-8")).hexdigest()
    return f"{kind}-{digest[:20]}@{UID_DOMAIN}"


def write(plan: Plan, path: Path | str, *, team: str | None = None) -> list[str]:
    """Write the .ics atomically; returns notes (cadence phrases that are not a schedule)."""
    from planner.document.atomic import atomic_write

    result = build(plan, team=team)
    with atomic_write(Path(path)) as tmp:
        Path(tmp).write_bytes(result.text.encode("utf-8"))
    return result.notes


def build(plan: Plan, *, team: str | None = None, now: dt.datetime | None = None) -> IcsResult:
    from icalendar import Calendar

    b = _Builder(plan, team, now or dt.datetime.now(dt.timezone.utc))
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", plan.programme.name + (f" · {team}" if team else ""))
    if b.tz is not None:
        cal.add("x-wr-timezone", b.tz.key)
    for event in b.events():
        cal.add_component(event)
    if b.tz is not None:
        cal.add_missing_timezones()
    return IcsResult(cal.to_ical().decode("utf-8"), b.count, b.notes)


class _Builder:
    def __init__(self, plan: Plan, team: str | None, now: dt.datetime):
        self.plan, self.now, self.count, self.notes = plan, now.astimezone(dt.timezone.utc), 0, []
        self.team_id = None
        if team:
            found = next((t for t in plan.teams if t.name == team), None)
            if found is None:
                raise NotFound(_("There is no team {team} in this plan.", team=team), where=team, key="unknown_team")
            self.team_id = found.id
        self.tz = ZoneInfo("Asia/Shanghai") if plan.programme.holiday_region == "CN" else None
        dated = [t for t in plan.tasks if t.start_date is not None and t.end_date is not None]
        lo = min([plan.programme.start_date] + [t.start_date for t in dated])
        hi = max([plan.programme.start_date] + [t.end_date for t in dated] + [x.date for x in plan.milestones])
        self.span = (lo, hi)
        self.cal = calendar_for(plan.programme, plan.calendar_exceptions, span=(lo, hi))
        self.letters: dict[tuple[str, int], set[int]] = {}
        for c in plan.raci:
            subject = ("module", c.module_id) if c.module_id is not None else ("task", c.task_id)
            self.letters.setdefault(subject, set()).add(c.team_id)

    def _concerns(self, module_id: int | None = None, task_id: int | None = None) -> bool:
        if self.team_id is None:
            return True
        if task_id is not None and self.team_id in self.letters.get(("task", task_id), set()):
            return True
        if task_id is not None and module_id is None:
            module_id = self.plan.task_by_id[task_id].module_id
        return module_id is not None and self.team_id in self.letters.get(("module", module_id), set())

    def events(self):
        yield from self._milestones()
        yield from self._stages()
        yield from self._cadences()

    # --- all-day events -------------------------------------------------------------
    def _all_day(self, key: str, summary: str, day: dt.date, description: str = "", category: str = ""):
        from icalendar import Event

        e = Event()
        e.add("uid", key)
        e.add("dtstamp", self.now)
        e.add("summary", summary)
        e.add("dtstart", day)
        e.add("dtend", day + dt.timedelta(days=1))
        e.add("transp", "TRANSPARENT")  # a date to remember, not a busy day
        if description:
            e.add("description", description)
        if category:
            e.add("categories", [category])
        self.count += 1
        return e

    def _milestones(self):
        plan = self.plan
        for x in plan.milestones:
            task = plan.task_by_id.get(x.task_id) if x.task_id else None
            if self._concerns(task.module_id if task else None, x.task_id) or (self.team_id is None):
                yield self._all_day(uid(plan, "milestone", x.name), _("Milestone: {name}", name=x.name), x.date,
                                    x.criterion, _("Milestone"))
        for t in plan.tasks:
            if t.is_milestone and t.end_date is not None and self._concerns(t.module_id, t.id):
                yield self._all_day(uid(plan, "task", t.code), _("Milestone: {name}", name=" ".join((t.code, t.name)).strip()),
                                    t.end_date, t.milestone_text or t.acceptance, _("Milestone"))

    def _stage_dates(self, s: m.Stage) -> tuple[dt.date | None, dt.date | None]:
        start = s.start_date or (add_months(self.plan.programme.start_date, s.start_month)
                                 if s.start_month is not None else None)
        end = s.end_date or (add_months(self.plan.programme.start_date, s.end_month) - dt.timedelta(days=1)
                             if s.end_month is not None else None)
        return start, end

    def _stages(self):
        if self.team_id is not None:
            return  # stage boundaries concern the whole programme, not one team
        for s in self.plan.stages:
            start, end = self._stage_dates(s)
            if start:
                yield self._all_day(uid(self.plan, "stage-start", s.name), _("Stage starts: {name}", name=s.label or s.name),
                                    start, s.goal, _("Stage"))
            if end:
                yield self._all_day(uid(self.plan, "stage-end", s.name), _("Stage ends: {name}", name=s.label or s.name),
                                    end, s.goal, _("Stage"))

    # --- recurring meetings ------------------------------------------------------------
    def _module_span(self, module_id: int) -> tuple[dt.date, dt.date]:
        days = [(t.start_date, t.end_date) for t in self.plan.tasks
                if t.module_id == module_id and t.start_date is not None and t.end_date is not None]
        if not days:
            return self.span
        return min(d[0] for d in days), max(d[1] for d in days)

    def _cadences(self):
        plan = self.plan
        for d in plan.division:
            module = plan.module_by_id.get(d.module_id)
            if module is None or not d.cadence.strip() or not self._concerns(d.module_id):
                continue
            found, unread = cad.parse(d.cadence)
            for piece in unread:
                self.notes.append(_("Module {module}: “{text}” is not a meeting schedule; it was left out of the calendar.",
                                    module=module.name, text=piece))
            for n, c in enumerate(found):
                if c.stage_end:
                    yield from self._stage_end_meetings(module, c, n)
                else:
                    event = self._recurring(module, c, n)
                    if event is not None:
                        yield event

    def _stage_end_meetings(self, module: m.Module, c: cad.Cadence, n: int):
        for s in self.plan.stages:
            _start, end = self._stage_dates(s)
            if end is not None:
                yield self._timed(uid(self.plan, "meeting", module.name, n, s.name), module, c,
                                  dt.datetime.combine(self.cal.next_working_day(end) if not self.cal.is_working(end)
                                                      else end, c.start))

    def _timed(self, key: str, module: m.Module, c: cad.Cadence, start: dt.datetime):
        from icalendar import Event

        e = Event()
        e.add("uid", key)
        e.add("dtstamp", self.now)
        e.add("summary", f"{module.name} · {c.title}")
        e.add("description", c.phrase)
        e.add("categories", [_("Meeting")])
        e.add("dtstart", self._local(start))
        e.add("dtend", self._local(start + dt.timedelta(minutes=c.minutes)))
        self.count += 1
        return e

    def _local(self, when: dt.datetime) -> dt.datetime:
        return when.replace(tzinfo=self.tz) if self.tz is not None else when

    def _recurring(self, module: m.Module, c: cad.Cadence, n: int):
        from dateutil.rrule import rrulestr
        from icalendar import vRecur

        first, last = self._module_span(module.id)
        rule = vRecur({k: v for k, v in c.rule.items()})
        text = rule.to_ical().decode("ascii")
        start = dt.datetime.combine(first, c.start)
        until = dt.datetime.combine(last, dt.time(23, 59, 59))
        occurrences = list(rrulestr(text, dtstart=start, forceset=False).between(start, until, inc=True))
        if not occurrences:
            return None
        event = self._timed(uid(self.plan, "meeting", module.name, n, c.phrase), module, c, occurrences[0])
        rule["UNTIL"] = self._local(until).astimezone(dt.timezone.utc) if self.tz is not None else until
        event.add("rrule", rule)
        skipped = [o for o in occurrences if not self.cal.is_working(o.date())]
        if skipped:  # holidays of the plan's calendar (春节, 国庆 ...): no meeting
            event.add("exdate", [self._local(o) for o in skipped])
        moved = self._moved(c, skipped, set(occurrences), first, last)
        if moved:  # a month-end meeting on a holiday is held on the last working day before it
            event.add("rdate", [self._local(o) for o in moved])
        return event

    def _moved(self, c: cad.Cadence, skipped: list[dt.datetime], taken: set[dt.datetime], first: dt.date,
               last: dt.date) -> list[dt.datetime]:
        step = c.rule.get("BYSETPOS")
        if c.rule.get("FREQ") != "MONTHLY" or step not in (1, -1):
            return []
        out = []
        for o in skipped:
            day = o.date()
            while not self.cal.is_working(day) and first <= day <= last and day.month == o.month:
                day += dt.timedelta(days=step)  # month end: back to the last working day; start: forward
            when = dt.datetime.combine(day, o.time())
            if self.cal.is_working(day) and first <= day <= last and day.month == o.month and when not in taken:
                out.append(when)
        return out
