"""MS Project XML (MSPDI): `read(path, plan) -> Reading` and `write(plan, path)`.

Reading is three layers: a guarded XML parse (`xmlsafe`), the MSPDI element tree as plain data
(`msproject`), and the mapping to our records (here for the plan-level parts: programme,
calendar, stages, modules, teams, baselines, roadmap milestones; `mspdi_tasks` for tasks, links
and assignments). The records then enter the Excel import's preview and apply path.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from planner import model as m
from planner.i18n import _
from planner.interop import fields as f
from planner.interop.msproject import MsCalendar, MsProject, parse
from planner.interop.mspdi_tasks import TaskMapper, finish_day, task_label
from planner.interop.mspdi_write import write  # noqa: F401 - the module's writer
from planner.interop.reading import Reading, place, typed
from planner.interop.xmlsafe import parse_file, refuse
from planner.plan import Plan
from planner.schedule.calendar import WorkCalendar, region_exceptions

MAX_EXCEPTION_DAYS = 3660  # ten years of holidays; a longer exception is a mistake


def read(path: Path | str, plan: Plan | None = None) -> Reading:
    """Read an MSPDI file into records and problems; `ImportRejected` if it is hostile or no MSPDI."""
    path = Path(path)
    root = parse_file(path)
    if root.tag != "Project" or root.find("Tasks") is None and root.find("SaveVersion") is None:
        raise refuse(path, _("this XML file is not an MS Project XML file (MSPDI)."), "not_mspdi")
    project, issues = parse(root)
    reading = Reading(path.name)
    for issue in issues:
        reading.error(_("the value cannot be read"), place(_where(issue), issue.element), issue.value)
    map_project(project, reading, plan, path)
    return reading


def _where(issue) -> str:
    if issue.kind == "Task":
        return _("Task {uid}", uid=issue.ident) if issue.ident.isdigit() else _("Task “{name}”", name=issue.ident)
    if issue.kind == "Calendar":
        return _("Calendar {name}", name=issue.ident)
    return {"Project": _("Project"), "Resource": _("Resource"), "Assignment": _("Assignment")}.get(issue.kind, issue.kind)


def map_project(project: MsProject, reading: Reading, plan: Plan | None, path: Path) -> None:
    defs = project.ext_defs
    planner_def = defs.get(f.FIELD_ID["planner"])
    plan_data: dict[str, Any] = {}
    if planner_def is not None and planner_def.alias == f.ATTRIBUTES["planner"][1]:
        reading.ours = True
        plan_data = next((f.loads(d) for v, d in planner_def.values if v == f.PLAN_ENTRY), {})
    start = _programme(project, reading, plan, plan_data, path)
    workweek, region = _calendar(project, reading, plan, plan_data)
    cal = WorkCalendar(workweek, region=region, origin=start)
    _lists(project, reading)
    tasks = TaskMapper(project, reading, cal, start)
    tasks.map()
    _milestones(tasks, reading)
    _baselines(project, tasks, reading, plan_data)
    if not tasks.tasks and not tasks.milestone_rows:
        reading.warning(_("the file holds no tasks"))


def _programme(project: MsProject, reading: Reading, plan: Plan | None, data: dict, path: Path) -> dt.date:
    starts = [t.start.date() for t in project.tasks if t.start and t.uid != 0]
    start = project.start.date() if project.start else (min(starts) if starts else dt.date.today())
    if plan is not None and not reading.ours:
        return plan.programme.start_date  # another planner's file adds to this plan, it does not rename it
    name = project.title.strip() or Path(project.name).stem.strip() or path.stem
    values: dict[str, Any] = {"name": name, "start_date": start,
                              "status_date": project.status_date.date() if project.status_date else None,
                              "notes": project.comments}
    values.update(typed(m.Programme, {k: v for k, v in data.items() if k not in ("baselines", "roles", "exceptions")}))
    reading.put(m.Programme, values)
    return start


def _base_calendar(project: MsProject) -> MsCalendar | None:
    by_uid = {c.uid: c for c in project.calendars}
    return by_uid.get(project.calendar_uid) or next((c for c in project.calendars if c.base_uid is None), None)


def _calendar(project: MsProject, reading: Reading, plan: Plan | None, data: dict) -> tuple[str, str]:
    """The work week and the exceptions that the holiday region does not already give."""
    cal = _base_calendar(project)
    if plan is not None and not reading.ours:
        workweek, region = plan.programme.workweek, plan.programme.holiday_region
    else:
        workweek = data.get("workweek") or _workweek(cal)
        region = data.get("holiday_region", "") if reading.ours else ""
        if not reading.ours:
            reading.records.get(m.Programme, ()).values.update(workweek=workweek, holiday_region=region)
    if cal is None:
        return workweek, region
    holidays, workdays = region_exceptions(region or "")
    weekly = [c == "1" for c in workweek]
    mine = set(data.get("exceptions") or [])
    for ex in cal.exceptions:
        if ex.recurring:
            reading.warning(_("the recurring calendar exception {name} was left out; add its days as holidays",
                              name=ex.name or ex.start.isoformat()), _("Calendar {name}", name=cal.name))
            continue
        days = (ex.end - ex.start).days + 1
        if days > MAX_EXCEPTION_DAYS:
            reading.warning(_("a calendar exception of {days} days was left out", days=days),
                            _("Calendar {name}", name=cal.name), f"{ex.start} – {ex.end}")
            continue
        for n in range(days):
            day = ex.start + dt.timedelta(days=n)
            given = holidays if not ex.working else workdays
            if day.isoformat() not in mine and (day.toordinal() in given or weekly[day.weekday()] == ex.working):
                continue  # the region or the work week gives this day already
            reading.put(m.CalendarException, {"day": day, "working": ex.working, "name": ex.name})
    return workweek, region


def _workweek(cal: MsCalendar | None) -> str:
    if cal is None or not cal.weekdays:
        return "1111100"
    return "".join("1" if cal.weekdays.get((i + 1) % 7 + 1, i < 5) else "0" for i in range(7))


def _lists(project: MsProject, reading: Reading) -> None:
    """Stages, modules and teams from the value lists of our attributes (our own files)."""
    if not reading.ours:
        return
    _carried(project, reading)
    for key, table in (("stage", m.Stage), ("module", m.Module), ("raci", m.Team)):
        definition = project.ext_defs.get(f.FIELD_ID[key])
        for value, description in (definition.values if definition else []):
            data = f.loads(description)
            extra = {k: data.pop(k) for k in ("division", "raci") if k in data}
            reading.put(table, {"name": value, **typed(table, data)})
            if table is m.Module:
                _module_extras(reading, value, extra)


def _carried(project: MsProject, reading: Reading) -> None:
    import json

    from planner.interop import carry

    tables = carry.tables_by_name()
    for value, description in project.ext_defs[f.FIELD_ID["planner"]].values:
        table = tables.get(value)
        if table is None:
            continue
        try:
            rows = json.loads(description)
        except ValueError:
            reading.warning(_("the plan's {table} could not be read back", table=table.__tablename__), value)
            continue
        for row in rows if isinstance(rows, list) else []:
            if isinstance(row, dict):
                reading.put(table, carry.record_values(table, row))


def _module_extras(reading: Reading, module: str, extra: dict) -> None:
    if extra.get("division"):
        reading.put(m.DivisionOfWork, {"module_id": (module,), **typed(m.DivisionOfWork, extra["division"])})
    for team, letter in f.parse_raci(extra.get("raci", "")):
        reading.put(m.RaciCell, {"module_id": (module,), "task_id": None, "team_id": (team,), "role": letter})
    reading.replace_scopes.add((m.RaciCell, "module_id", (module,)))


def _milestones(tasks: TaskMapper, reading: Reading) -> None:
    for t in tasks.milestone_rows:
        data = tasks.data[t.uid]
        values = typed(m.Milestone, {k: v for k, v in data.items() if k not in ("kind", "task")})
        values.update(name=t.name, date=t.start.date() if t.start else tasks.start,
                      actual_date=t.actual_finish.date() if t.actual_finish else None,
                      task_id=(data["task"],) if data.get("task") else None,
                      stage_id=tasks._named(m.Stage, t.ext.get(f.FIELD_ID["stage"], "")))
        reading.put(m.Milestone, values, f"{reading.file} › {task_label(t)}")


def _baselines(project: MsProject, tasks: TaskMapper, reading: Reading, data: dict) -> None:
    named = {b["number"]: b for b in data.get("baselines") or [] if isinstance(b, dict) and "number" in b}
    taken = (project.last_saved or project.start or dt.datetime.now()).date()
    used: set[int] = set()
    pairs = sorted(((b.number, i, t, b) for i, t in enumerate(tasks.tasks) for b in t.baselines), key=lambda x: x[:2])
    for _number, _i, t, b in pairs:  # baseline by baseline, as the plan stores them
        progress = tasks.data[t.uid].get("baseline_progress") or {}
        if b.start is None or b.finish is None or (reading.ours and b.number not in named):
            continue
        name = named[b.number]["name"] if b.number in named else (_("Baseline") if b.number == 0 else
                                                                  _("Baseline {n}", n=b.number))
        if b.number not in used:
            used.add(b.number)
            when = named[b.number]["taken_on"] if b.number in named else taken.isoformat()
            reading.put(m.Baseline, {"name": name, "taken_on": dt.date.fromisoformat(when)})
        proxy = type(t)(t.uid, start=b.start, finish=b.finish)
        reading.put(m.BaselineTask, {"baseline_id": (name,), "task_id": (tasks.code[t.uid],),
                                     "start_date": b.start.date(), "end_date": finish_day(proxy, project.default_start),
                                     "progress": float(progress.get(str(b.number), 0.0))})
