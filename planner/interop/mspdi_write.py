"""Write a plan as MS Project XML (MSPDI, the format of MS Project 2010-2019 "Save as XML").

Tasks keep their outline, dates, durations, progress, actual dates, links with lags, notes;
roles become work resources (their team as the resource group) assigned with the head-count
as units (8 people = 800%); the calendar carries the work week and every holiday and make-up
workday (China's statutory ones included) as exceptions; baselines go to Baseline 0-10. Our
fields without an MSPDI home ride in extended attributes (`planner.interop.fields`), so reading
the file back gives the same plan. Text is built directly (10,000 tasks in well under a second).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from planner import model as m
from planner.interop import carry
from planner.interop import fields as f
from planner.interop.msproject import LINK_CODES, NS
from planner.interop.mspdi_calendar import when, write_calendar
from planner.interop.mspdi_rules import MINUTES_PER_DAY, PRIORITY, derived_status, link_lag, link_type
from planner.plan import Plan
from planner.schedule.calendar import calendar_for

DAY_START, DAY_END = dt.time(8, 0), dt.time(17, 0)
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESC = {"\r": "&#13;"}  # element text only: quotes need no escape, and JSON values are full of them
MAX_BASELINES = 11  # MS Project keeps Baseline and Baseline 1-10


_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def text(value: Any) -> str:
    value = str(value)
    if _SPECIAL.search(value) is None:  # most values: nothing to escape or drop
        return value
    return escape(_INVALID.sub("", value), _ESC)


class _Out:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def el(self, name: str, value: Any, indent: int) -> None:
        if value is None:
            return
        value = value if type(value) is int else text(value)
        self.parts.append(f"<{name}>{value}</{name}>\n")  # no indentation: a quarter of a big file

    def open(self, name: str, indent: int) -> None:
        self.parts.append(f"<{name}>\n")

    def close(self, name: str, indent: int) -> None:
        self.parts.append(f"</{name}>\n")


def write(plan: Plan, path: Path | str) -> list[str]:
    """Write `plan` to `path` atomically; returns notes about what MS Project cannot hold."""
    from planner.document.atomic import atomic_write

    xml, notes = to_xml(plan)
    with atomic_write(Path(path)) as tmp:
        Path(tmp).write_bytes(xml.encode("utf-8"))
    return notes


def to_xml(plan: Plan) -> tuple[str, list[str]]:
    from planner.collector import paused

    with paused():  # a quarter of a million small strings and dicts, all kept
        w = _Writer(plan)
        return w.build(), w.notes


class _Writer:
    def __init__(self, plan: Plan):
        self.plan = plan
        self.notes: list[str] = []
        self.out = _Out()
        tasks = plan.tasks
        self.uid = {t.id: n for n, t in enumerate(tasks, 1)}
        self.cal = calendar_for(plan.programme, plan.calendar_exceptions, span=self._span())
        self.children: dict[int | None, list[m.Task]] = {}
        for t in tasks:
            self.children.setdefault(getattr(t, "parent_id", None), []).append(t)
        self.baselines = plan.baselines[:MAX_BASELINES]
        if len(plan.baselines) > MAX_BASELINES:
            from planner.i18n import _

            self.notes.append(_("MS Project keeps 11 baselines: only the first 11 of {n} were written.",
                                n=len(plan.baselines)))
        self.baseline_no = {b.id: n for n, b in enumerate(self.baselines)}
        self.baseline_of: dict[int, list[m.BaselineTask]] = {}
        for bt in plan.baseline_tasks:
            if bt.baseline_id in self.baseline_no:
                self.baseline_of.setdefault(bt.task_id, []).append(bt)

    def _span(self) -> tuple[dt.date, dt.date]:
        days = [self.plan.programme.start_date]
        for t in self.plan.tasks:
            days += [d for d in (t.start_date, t.end_date) if d is not None]
        days += [x.date for x in self.plan.milestones]
        return min(days), max(days)

    # --- the document -----------------------------------------------------------------
    def build(self) -> str:
        p, o = self.plan.programme, self.out
        o.parts.append(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Project xmlns="{NS}">\n')
        o.el("SaveVersion", 14, 1)
        o.el("Name", f"{p.name}.xml", 1)
        o.el("Title", p.name, 1)
        o.el("Comments", p.notes or None, 1)
        o.el("ScheduleFromStart", 1, 1)
        o.el("StartDate", when(p.start_date, DAY_START), 1)
        o.el("CalendarUID", 1, 1)
        o.el("DefaultStartTime", DAY_START.isoformat(), 1)
        o.el("DefaultFinishTime", DAY_END.isoformat(), 1)
        o.el("MinutesPerDay", MINUTES_PER_DAY, 1)
        o.el("MinutesPerWeek", MINUTES_PER_DAY * max(1, p.workweek.count("1")), 1)
        o.el("DaysPerMonth", 20, 1)
        o.el("DurationFormat", 7, 1)
        o.el("WeekStartDay", 1, 1)
        o.el("StatusDate", when(p.status_date, DAY_END) if p.status_date else None, 1)
        o.el("NewTasksAreManual", 0, 1)
        self._ext_defs()
        write_calendar(self.out, self.plan, self._span())
        o.open("Tasks", 1)
        o.parts.append("<Task>\n<UID>0</UID>\n<ID>0</ID>\n<Name>" + text(p.name)
                       + "</Name>\n<OutlineLevel>0</OutlineLevel>\n<Summary>1</Summary>\n</Task>\n")
        self.next_id = 1
        self._outline(None, 1, "")
        self._milestones()
        o.close("Tasks", 1)
        self._resources()
        o.parts.append("</Project>\n")
        return "".join(o.parts)

    # --- extended attributes and the lists they carry ---------------------------------
    def _ext_defs(self) -> None:
        o, plan = self.out, self.plan
        lists: dict[str, list[tuple[str, str]]] = {
            "stage": [(s.name, f.dumps(_fields(m.Stage, s, ("name", "id")))) for s in plan.stages],
            "module": [(x.name, f.dumps(self._module_data(x))) for x in plan.modules],
            "raci": [(t.name, f.dumps({"order": t.order})) for t in plan.teams],
            "planner": [(f.PLAN_ENTRY, f.dumps(self._plan_data()))]
            + [(name, json.dumps(rows, ensure_ascii=False, separators=(",", ":"))) for name, rows in carry.entries(plan)],
        }
        o.open("ExtendedAttributes", 1)
        for key, (number, alias) in f.ATTRIBUTES.items():
            o.open("ExtendedAttribute", 2)
            o.el("FieldID", f.FIELD_ID[key], 3)
            o.el("FieldName", f"Text{number}", 3)
            o.el("Alias", alias, 3)
            values = lists.get(key)
            if values:
                o.open("ValueList", 3)
                for n, (value, description) in enumerate(values, 1):
                    o.open("Value", 4)
                    o.el("ID", n, 5)
                    o.el("Value", value, 5)
                    o.el("Description", description, 5)
                    o.close("Value", 4)
                o.close("ValueList", 3)
            o.close("ExtendedAttribute", 2)
        o.close("ExtendedAttributes", 1)

    def _module_data(self, module: m.Module) -> dict[str, Any]:
        data = _fields(m.Module, module, ("name", "id"))
        division = next((d for d in self.plan.division if d.module_id == module.id), None)
        if division is not None:
            data["division"] = _fields(m.DivisionOfWork, division, ("id", "module_id"))
        letters = [(self.plan.team_by_id[c.team_id].name, c.role) for c in self.plan.raci if c.module_id == module.id]
        if letters:
            data["raci"] = f.raci_text(letters)
        return data

    def _plan_data(self) -> dict[str, Any]:
        p = self.plan.programme
        data = _fields(m.Programme, p, ("id", "name", "start_date", "status_date", "notes"))
        data["baselines"] = [{"name": b.name, "taken_on": b.taken_on.isoformat(), "number": self.baseline_no[b.id]}
                             for b in self.baselines]
        data["exceptions"] = [e.day.isoformat() for e in self.plan.calendar_exceptions]  # ours, not the region's
        return data

    # --- tasks ----------------------------------------------------------------------------
    def _outline(self, parent: int | None, level: int, prefix: str) -> None:
        for n, task in enumerate(self._ordered(self.children.get(parent, [])), 1):
            number = f"{prefix}{n}"
            self._task(task, level, number)
            if task.id in self.children:
                self._outline(task.id, level + 1, number + ".")

    def _ordered(self, tasks: list[m.Task]) -> list[m.Task]:
        return tasks  # Plan lists tasks in the user's order already

    def _task(self, t: m.Task, level: int, number: str) -> None:
        o, plan = self.out, self.plan
        start, end = t.start_date, t.end_date
        undated = start is None or end is None
        if undated:
            start = end = plan.programme.start_date
        milestone = bool(t.is_milestone)
        minutes = 0 if milestone else self._minutes(t, start, end)
        summary = t.id in self.children
        o.open("Task", 2)
        o.el("UID", self.uid[t.id], 3)
        o.el("ID", self._next_id(), 3)
        o.el("Name", t.name or t.code, 3)
        o.el("Manual", 1 if t.scheduling == m.Scheduling.manual.value and not summary else None, 3)
        o.el("Contact", t.owner or None, 3)
        o.el("WBS", number, 3)
        o.el("OutlineNumber", number, 3)
        o.el("OutlineLevel", level, 3)
        o.el("Priority", PRIORITY.get(t.priority) if t.priority else None, 3)  # none: MS Project's 500
        o.el("Start", when(start, DAY_START), 3)
        o.el("Finish", when(end if not milestone else start, DAY_END if not milestone else DAY_START), 3)
        o.el("Duration", _iso(minutes), 3)
        estimated = undated or bool(t.estimated)
        o.el("DurationFormat", 39 if estimated else None, 3)  # elements at MS Project's default are left out
        o.el("Estimated", 1 if estimated else None, 3)
        o.el("Milestone", 1 if milestone else None, 3)
        o.el("Summary", 1 if summary else None, 3)
        o.el("PercentComplete", round(t.progress * 100) or None, 3)
        o.el("ActualStart", when(t.actual_start, DAY_START) if t.actual_start else None, 3)
        o.el("ActualFinish", when(t.actual_finish, DAY_END) if t.actual_finish else None, 3)
        if not (t.scheduling == m.Scheduling.auto.value or summary or undated):  # fixed dates: "start no earlier than", so MS Project keeps them when it reschedules
            o.el("ConstraintType", 4, 3)
            o.el("ConstraintDate", when(start, DAY_START), 3)
        elif getattr(t, "not_before", None) and not (summary or undated):  # an automatic task's own SNET
            o.el("ConstraintType", 4, 3)
            o.el("ConstraintDate", when(t.not_before, DAY_START), 3)
        o.el("Notes", t.notes or None, 3)
        for d in plan.predecessors_of.get(t.id, []):
            self._link(d)
        self._task_ext(t, undated)
        for bt in self.baseline_of.get(t.id, []):
            o.open("Baseline", 3)
            o.el("Number", self.baseline_no[bt.baseline_id], 4)
            o.el("Start", when(bt.start_date, DAY_START), 4)
            o.el("Finish", when(bt.end_date, DAY_END), 4)
            o.el("Duration", _iso(self._minutes(None, bt.start_date, bt.end_date)), 4)
            o.el("DurationFormat", 7, 4)
            o.close("Baseline", 4)
        o.close("Task", 2)

    def _next_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def _minutes(self, t: m.Task | None, start: dt.date, end: dt.date) -> int:
        if t is not None and t.duration_days is not None:
            return t.duration_days * MINUTES_PER_DAY
        return self.cal.count_working_days(start, end) * MINUTES_PER_DAY

    def _link(self, d: m.Dependency) -> None:
        o = self.out
        o.open("PredecessorLink", 3)
        o.el("PredecessorUID", self.uid[d.predecessor_id], 4)
        lag, fmt = link_lag(d, self._predecessor_days(d))
        o.el("Type", LINK_CODES[link_type(d)], 4)
        if lag or d.lag_unit == m.LagUnit.week.value:  # "+0w" keeps its unit
            o.el("LinkLag", lag, 4)
            o.el("LagFormat", fmt, 4)
        o.close("PredecessorLink", 3)

    def _predecessor_days(self, d: m.Dependency) -> int:
        pred = self.plan.task_by_id[d.predecessor_id]
        if pred.start_date is None or pred.end_date is None:
            return pred.duration_days or 1
        return pred.duration_days if pred.duration_days is not None else self.cal.count_working_days(
            pred.start_date, pred.end_date)

    def _task_ext(self, t: m.Task, undated: bool) -> None:
        plan = self.plan
        values = {
            "code": t.code,
            "stage": plan.stage_by_id[t.stage_id].name if t.stage_id else "",
            "module": plan.module_by_id[t.module_id].name if t.module_id else "",
            "actions": t.actions, "roles": t.roles_text, "acceptance": t.acceptance,
            "milestone_text": t.milestone_text, "risk_response": t.risk_response,
            "raci": f.raci_text([(plan.team_by_id[c.team_id].name, c.role) for c in self._raci_of(t.id)]),
            "deps": self._deps_text(t),
            "planner": f.dumps(self._task_data(t, undated)),
        }
        for key, value in values.items():
            if value:
                self.out.parts.append(f"<ExtendedAttribute><FieldID>{f.FIELD_ID[key]}</FieldID>"
                                      f"<Value>{text(value)}</Value></ExtendedAttribute>\n")

    def _raci_of(self, task_id: int) -> list[m.RaciCell]:
        by_task = self.__dict__.get("_raci_by_task")
        if by_task is None:
            by_task = self.__dict__["_raci_by_task"] = {}
            for c in self.plan.raci:
                if c.task_id is not None:
                    by_task.setdefault(c.task_id, []).append(c)
        return by_task.get(task_id, [])

    def _deps_text(self, t: m.Task) -> str:
        from planner.excel.rows import deps_text

        return deps_text(self.plan, t) if t.id in self.plan.predecessors_of else ""

    def _task_data(self, t: m.Task, undated: bool) -> dict[str, Any]:
        """What reading the MSPDI values back would not give exactly (planner.interop.mspdi_tasks)."""
        data: dict[str, Any] = {"order": t.order}
        if t.period_style != m.PeriodStyle.date.value:
            data["period_style"] = t.period_style
        if t.duration_days is not None:
            data["duration_days"] = t.duration_days
        if t.status != derived_status(round(t.progress * 100)):
            data["status"] = t.status
        if t.id in self.children and t.scheduling == m.Scheduling.manual.value:
            data["scheduling"] = t.scheduling  # a summary is written as automatic
        if abs(round(t.progress * 100) - t.progress * 100) > 1e-9:
            data["progress"] = t.progress  # MS Project holds whole percents
        if undated:
            data["undated"] = True
        links = {}
        for d in self.plan.predecessors_of.get(t.id, []):
            if d.text or d.threshold < 1:  # type and lag in days or weeks read back from the link itself
                links[self.plan.task_by_id[d.predecessor_id].code] = _fields(
                    m.Dependency, d, ("id", "predecessor_id", "successor_id"))
        if links:
            data["links"] = links
        roles = sorted(self.plan.roles_of_task.get(t.id, []), key=lambda r: r.id)  # as the assignments are written
        if any(r.order != n or r.headcount < 1 for n, r in enumerate(roles)):
            data["task_roles"] = {self.plan.role_by_id[r.role_id].name: [r.headcount, r.order] for r in roles}
        progress = {str(self.baseline_no[b.baseline_id]): b.progress for b in self.baseline_of.get(t.id, []) if b.progress}
        if progress:
            data["baseline_progress"] = progress
        return data

    def _milestones(self) -> None:
        """Roadmap milestones (their own list in the plan) as milestone tasks after the tasks."""
        o, plan = self.out, self.plan
        base = len(plan.tasks)
        for n, x in enumerate(plan.milestones, 1):
            o.open("Task", 2)
            o.el("UID", base + n, 3)
            o.el("ID", self._next_id(), 3)
            o.el("Name", x.name, 3)
            o.el("OutlineLevel", 1, 3)
            o.el("Start", when(x.date, DAY_START), 3)
            o.el("Finish", when(x.date, DAY_START), 3)
            o.el("Duration", "PT0H0M0S", 3)
            o.el("Milestone", 1, 3)
            o.el("PercentComplete", 100 if x.actual_date else 0, 3)
            o.el("ActualFinish", when(x.actual_date, DAY_START) if x.actual_date else None, 3)
            o.el("ConstraintType", 2, 3)  # must start on: the roadmap fixes it
            o.el("ConstraintDate", when(x.date, DAY_START), 3)
            o.el("Notes", x.criterion or None, 3)
            data = _fields(m.Milestone, x, ("id", "name", "date", "task_id", "stage_id", "actual_date", "criterion"))
            data["kind"] = "milestone"
            data["criterion"] = x.criterion
            data["task"] = plan.task_by_id[x.task_id].code if x.task_id else None
            stage = plan.stage_by_id[x.stage_id].name if x.stage_id else ""
            for key, value in (("stage", stage), ("planner", f.dumps(data))):
                if value:
                    o.parts.append(f"<ExtendedAttribute><FieldID>{f.FIELD_ID[key]}</FieldID>"
                                   f"<Value>{text(value)}</Value></ExtendedAttribute>\n")
            o.close("Task", 2)

    # --- resources and assignments ------------------------------------------------------------
    def _resources(self) -> None:
        o, plan = self.out, self.plan
        peak: dict[int, int] = {}
        for r in plan.task_roles:
            peak[r.role_id] = max(peak.get(r.role_id, 0), r.headcount)
        ruid = {r.id: n for n, r in enumerate(plan.roles, 1)}
        o.open("Resources", 1)
        for r in plan.roles:
            o.open("Resource", 2)
            o.el("UID", ruid[r.id], 3)
            o.el("ID", ruid[r.id], 3)
            o.el("Name", r.name, 3)
            o.el("Type", 1, 3)
            o.el("Group", plan.team_by_id[r.team_id].name if r.team_id else None, 3)
            o.el("MaxUnits", f"{max(1, peak.get(r.id, 1)):.2f}", 3)
            o.close("Resource", 2)
        o.close("Resources", 1)
        o.open("Assignments", 1)
        for n, r in enumerate(plan.task_roles, 1):
            o.parts.append(f"<Assignment><UID>{n}</UID><TaskUID>{self.uid[r.task_id]}</TaskUID>"
                           f"<ResourceUID>{ruid[r.role_id]}</ResourceUID><Units>{r.headcount:g}</Units></Assignment>\n")
        o.close("Assignments", 1)


def _iso(minutes: int) -> str:
    return f"PT{minutes // 60}H{minutes % 60}M0S"


def _fields(table: type, row: Any, skip: tuple[str, ...]) -> dict[str, Any]:
    out = {}
    for c in table.__table__.columns:
        if c.name in skip:
            continue
        v = getattr(row, c.name)
        out[c.name] = v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v
    return out


