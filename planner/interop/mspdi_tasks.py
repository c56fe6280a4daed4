"""MS Project tasks, links and assignments as our task records (the task half of the MSPDI mapping).

Our own extended attributes refine what MS Project holds (an exact 33.3% progress, a threshold
link, the task ID): each is used only while it still agrees with the MS Project value beside
it, so an edit made in MS Project always wins over what we wrote before.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from planner import model as m
from planner.i18n import _
from planner.interop import fields as f
from planner.interop.msproject import UNIT_OF_FORMAT, MsLink, MsProject, MsTask
from planner.interop.mspdi_rules import PRIORITY, link_lag, link_type
from planner.interop.reading import Reading, place, typed


_LINK_DEFAULTS = {"type": "FS", "lag": 0, "lag_unit": m.LagUnit.day.value, "threshold": 1.0}
MAX_DAYS = 100 * 366  # a century of working days: anything longer is a damaged or hostile file


def task_label(t: MsTask) -> str:
    return _("Task {uid} “{name}”", uid=t.uid, name=t.name) if t.name else _("Task {uid}", uid=t.uid)


def finish_day(t: MsTask, day_start: dt.time) -> dt.date | None:
    """The last day worked: a finish at or before the start of a day ends the day before."""
    if t.finish is None:
        return None
    if t.start is not None and t.finish > t.start and t.finish.time() <= day_start and t.finish.date() > t.start.date():
        return t.finish.date() - dt.timedelta(days=1)
    return t.finish.date()


class TaskMapper:
    def __init__(self, project: MsProject, reading: Reading, calendar, start: dt.date):
        self.p, self.r, self.cal, self.start = project, reading, calendar, start
        self.tasks = [t for t in project.tasks if t.uid != 0 and not t.null and (t.outline_level or 0) > 0]
        self.data = {t.uid: f.loads(t.ext.get(f.FIELD_ID["planner"], "")) if reading.ours else {} for t in self.tasks}
        self.milestone_rows = [t for t in self.tasks if self.data[t.uid].get("kind") == "milestone"]
        self.tasks = [t for t in self.tasks if self.data[t.uid].get("kind") != "milestone"]
        self.code = self._codes()
        self.by_uid = {t.uid: t for t in self.tasks}

    # --- task IDs ---------------------------------------------------------------------------
    def _codes(self) -> dict[int, str]:
        """Our task ID column when the file has it, else MS Project's WBS code, else the UID."""
        ours = {t.uid: t.ext.get(f.FIELD_ID["code"], "").strip() for t in self.tasks}
        wbs = [t.wbs for t in self.tasks]
        use_wbs = all(wbs) and len(set(wbs)) == len(wbs)
        out, seen = {}, set()
        for t in self.tasks:
            code = ours[t.uid] or (t.wbs if use_wbs else "") or str(t.uid)
            if code in seen:
                self.r.warning(_("the task ID {code} is used twice; this task gets {new}", code=code, new=str(t.uid)),
                               task_label(t), code)
                code = f"{code}#{t.uid}"
            seen.add(code)
            out[t.uid] = code
        return out

    # --- tasks --------------------------------------------------------------------------
    def map(self) -> None:
        parents = self._parents()
        order: dict[Any, int] = {}
        for t in self.tasks:
            values = self._task(t, parents.get(t.uid))
            if values is None:
                continue
            scope = values.get("parent_id")  # under its summary, or the top level as one list
            data = self.data[t.uid]
            auto = set()
            if "order" in data and isinstance(data["order"], int):
                values["order"] = data["order"]
            else:
                values["order"] = order.get(scope, 0)
                auto.add("order")
            order[scope] = order.get(scope, 0) + 1
            self.r.put(m.Task, values, f"{self.r.file} › {task_label(t)}", auto)
            code = (values["code"],)
            self.r.replace_scopes.update({(m.Dependency, "successor_id", code), (m.TaskRole, "task_id", code),
                                          (m.RaciCell, "task_id", code)})
        for t in self.tasks:
            self._links(t)
            self._raci(t)
        self._assignments()

    def _parents(self) -> dict[int, int]:
        """The summary above each task, from the outline levels in file order."""
        stack: list[MsTask] = []
        out = {}
        for t in self.tasks:
            while stack and stack[-1].outline_level >= t.outline_level:
                stack.pop()
            if stack:
                out[t.uid] = stack[-1].uid
            stack.append(t)
        return out

    def _task(self, t: MsTask, parent: int | None) -> dict[str, Any] | None:
        data, ext, where = self.data[t.uid], t.ext, task_label(t)
        start, end = (t.start.date() if t.start else None), finish_day(t, self.p.default_start)
        undated = bool(data.get("undated")) or start is None or end is None
        if start is not None and end is not None and end < start:
            self.r.error(_("the task finishes before it starts"), place(where, "Finish"), f"{start} > {end}")
            return None
        values: dict[str, Any] = {
            "code": self.code[t.uid], "name": t.name, "notes": t.notes,
            "start_date": None if undated else start,
            "end_date": None if undated else end,
            "progress": self._progress(t, data), "is_milestone": t.milestone,
            "actual_start": t.actual_start.date() if t.actual_start else None,
            "actual_finish": t.actual_finish.date() if t.actual_finish else None,
            "period_style": data.get("period_style") or m.PeriodStyle.date.value,
            "duration_days": self._duration(t, data, start, end, where),
            "scheduling": self._scheduling(t, data, where),
            "priority": self._priority(t, data),
            "status": self._status(t, data),
        }
        for key in ("actions", "roles", "acceptance", "milestone_text", "risk_response"):
            values["roles_text" if key == "roles" else key] = ext.get(f.FIELD_ID[key], "")
        values["module_id"] = self._named(m.Module, ext.get(f.FIELD_ID["module"], ""))
        values["stage_id"] = self._named(m.Stage, ext.get(f.FIELD_ID["stage"], ""))
        values["parent_id"] = (self.code[parent],) if parent is not None else None
        values["owner"] = t.contact
        values["estimated"] = bool(data["estimated"]) if "estimated" in data else t.estimated and not undated
        if not t.active:
            values["status"] = m.TaskStatus.cancelled.value
            self.r.warning(_("an inactive task is imported as cancelled"), where)
        if t.constraint_type in (2, 3) and not self.r.ours:  # must start / finish on
            values["scheduling"] = m.Scheduling.manual.value
        snet = t.constraint_type == 4 and t.constraint_date is not None
        values["not_before"] = (t.constraint_date.date() if snet and values["scheduling"] == m.Scheduling.auto.value
                                else None)  # start no earlier than: an automatic task's (a manual one keeps its dates)
        return values

    def _named(self, table: type, name: str) -> tuple | None:
        name = name.strip()
        if not name:
            return None
        if self.r.records.get(table, (name,)) is None:
            self.r.put(table, {"name": name, "order": len(self.r.records.of(table))}, auto={"order"})
        return (name,)

    def _progress(self, t: MsTask, data: dict) -> float:
        exact = data.get("progress")
        if isinstance(exact, (int, float)) and round(exact * 100) == round(t.percent):
            return float(exact)
        return max(0.0, min(1.0, t.percent / 100))

    def _duration(self, t: MsTask, data: dict, start, end, where: str) -> int | None:
        if t.duration is None or t.milestone:
            return data.get("duration_days") if t.milestone else None
        per_day = self.p.minutes_per_day
        if data.get("undated") and "duration_days" not in data:
            return None
        if "duration_days" in data:
            mine = data["duration_days"]
            written = mine * 480 if mine is not None else (self.cal.count_working_days(start, end) * 480 if start and end else 480)
            if abs(written - t.duration) < 1:
                return mine
        days = t.duration / per_day
        if abs(days) > MAX_DAYS:
            self.r.error(_("the duration {hours} hours is not a real duration", hours=_g(t.duration / 60)),
                         place(where, "Duration"))
            return None
        if start and end and abs(days - self.cal.count_working_days(start, end)) < 1e-6:
            return None  # the span says it: keep it derived
        whole = max(1, round(days)) if days > 0 else 0  # a one-hour task still takes a day of ours
        if abs(days - whole) > 1e-6:
            self.r.warning(_("the duration {hours} hours is rounded to {days} working day(s)",
                             hours=_g(t.duration / 60), days=whole), place(where, "Duration"))
        return whole

    def _scheduling(self, t: MsTask, data: dict, where: str) -> str:
        mine = data.get("scheduling")
        manual = m.Scheduling.manual.value if t.manual else m.Scheduling.auto.value
        if mine and (t.summary or mine == manual or (mine == m.Scheduling.manual.value and t.constraint_type == 4)):
            return mine
        return manual

    def _priority(self, t: MsTask, data: dict) -> str | None:
        if "priority" in data and PRIORITY.get(data["priority"] or "", 500) == (t.priority if t.priority is not None else 500):
            return data["priority"]
        if t.priority is None or t.priority == 500:
            return None
        return "high" if t.priority >= 667 else "low" if t.priority <= 333 else "medium"

    def _status(self, t: MsTask, data: dict) -> str:
        derived = (m.TaskStatus.done if t.percent >= 100 else m.TaskStatus.in_progress if t.percent > 0
                   else m.TaskStatus.not_started).value
        mine = data.get("status")
        if mine and (mine not in ("done", "in_progress", "not_started") or mine == derived):
            return mine
        return derived

    # --- links ------------------------------------------------------------------------------
    def _links(self, t: MsTask) -> None:
        where = task_label(t)
        mine = self.data[t.uid].get("links") or {}
        for link in t.links:
            pred = self.by_uid.get(link.predecessor_uid)
            if pred is None:
                self.r.warning(_("a link from a task that is not in the file was left out"), place(where, "PredecessorLink"),
                               link.predecessor_uid)
                continue
            if pred.uid == t.uid:
                self.r.warning(_("a task linked to itself: the link was left out"), place(where, "PredecessorLink"))
                continue
            values = self._exact(mine.get(self.code[pred.uid]), link, pred) or self._convert(link, pred, where)
            if values is None:
                continue
            values.update(predecessor_id=(self.code[pred.uid],), successor_id=(self.code[t.uid],))
            self.r.put(m.Dependency, values, f"{self.r.file} › {where}")

    def _exact(self, data: dict | None, link: MsLink, pred: MsTask) -> dict | None:
        if not data:
            return None
        dep = SimpleNamespace(**{**_LINK_DEFAULTS, **typed(m.Dependency, data)})  # what link_type/link_lag read
        days = round(pred.duration / 480) if pred.duration else 1
        if link_type(dep) != link.type or link_lag(dep, days) != (link.lag, link.lag_format):
            return None
        return typed(m.Dependency, data)

    def _convert(self, link: MsLink, pred: MsTask, where: str) -> dict | None:
        unit = UNIT_OF_FORMAT.get(link.lag_format, "d")
        values: dict[str, Any] = {"type": link.type, "lag": 0, "lag_unit": m.LagUnit.day.value, "threshold": 1.0, "text": ""}
        if not link.lag:
            if unit in ("w", "ew"):
                values["lag_unit"] = m.LagUnit.week.value
            return values
        pred_days = (pred.duration or 0) / self.p.minutes_per_day
        if unit in ("%", "e%"):
            if link.type == "SS" and 0 < link.lag < 100:  # start when the predecessor is X% done
                values.update(type="FS", threshold=link.lag / 100)
                return values
            days = link.lag / 100 * pred_days
        else:
            minutes = link.lag / 10
            days = minutes / (24 * 60) * 5 / 7 if unit.startswith("e") else minutes / self.p.minutes_per_day
        whole = round(days)
        if unit in ("w", "ew") and whole % 5 == 0:
            values.update(lag=whole // 5, lag_unit=m.LagUnit.week.value)
        else:
            values["lag"] = whole
        if abs(days - whole) > 1e-6 or unit.startswith("e") or unit in ("%", "mo", "emo"):
            self.r.warning(_("the lag {lag} is kept as {days} working day(s)", lag=_lag_text(link, unit), days=whole),
                           place(where, "LinkLag"))
        return values

    # --- RACI and roles ---------------------------------------------------------------------------
    def _raci(self, t: MsTask) -> None:
        for team, letter in f.parse_raci(t.ext.get(f.FIELD_ID["raci"], "")):
            self._named(m.Team, team)
            self.r.put(m.RaciCell, {"module_id": None, "task_id": (self.code[t.uid],), "team_id": (team,), "role": letter})

    def _assignments(self) -> None:
        resources = {x.uid: x for x in self.p.resources}
        per_task: dict[int, int] = {}
        generated: dict[int, list[str]] = {}
        for res in self.p.resources:  # every work resource is a role, in the file's order
            if res.type == 1 and not res.null and res.name.strip():
                self._role(res.name.strip(), res.group)
        for a in self.p.assignments:
            task, res = self.by_uid.get(a.task_uid), resources.get(a.resource_uid)
            if task is None or res is None or res.null or not res.name.strip():
                continue  # the unassigned placeholder (-65535) and assignments of summary rows already left
            if res.type != 1:
                self.r.warning(_("a material or cost resource is not a role: {name} was left out", name=res.name),
                               task_label(task), res.name)
                continue
            name = res.name.strip()
            exact = (self.data[task.uid].get("task_roles") or {}).get(name)
            count = max(1, round(a.units))
            if abs(a.units - count) > 1e-6 and not exact:
                self.r.warning(_("{units}% of {name} is counted as {n} person(s)", units=_g(a.units * 100), name=name,
                                 n=count), place(task_label(task), "Units"))
            order = per_task.get(task.uid, 0)
            if exact and exact[0] == round(a.units):
                count, order = exact
            per_task[task.uid] = per_task.get(task.uid, 0) + 1
            self._role(name, res.group)
            self.r.put(m.TaskRole, {"task_id": (self.code[task.uid],), "role_id": (name,), "headcount": count, "order": order})
            generated.setdefault(task.uid, []).append(name if count == 1 else f"{name}×{count}")
        for uid, names in ({} if self.r.ours else generated).items():  # our file says the text as written
            record = self.r.records.get(m.Task, (self.code[uid],))
            if record is not None and not record.values.get("roles_text"):
                record.values["roles_text"] = "、".join(names)

    def _role(self, name: str, group: str) -> None:
        if self.r.records.get(m.Role, (name,)) is not None:
            return
        team = self._named(m.Team, group) if group.strip() else None
        self.r.put(m.Role, {"name": name, "team_id": team})


def _g(value: float) -> str:
    return format(value, "g")


def _lag_text(link: MsLink, unit: str) -> str:
    if unit in ("%", "e%"):
        return f"{link.lag}%"
    minutes = link.lag / 10
    per = {"m": 1, "em": 1, "h": 60, "eh": 60, "d": 480, "ed": 1440, "w": 2400, "ew": 10080, "mo": 9600, "emo": 43200}
    return f"{minutes / per.get(unit, 480):g}{unit}"
