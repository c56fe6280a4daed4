"""Task services: add, edit, span and roles as users write them, delete, restore, move, next code."""

from __future__ import annotations

import re
from typing import Any

from sqlmodel import Session, select

from planner import model as m
from planner.changes import Changes
from planner.errors import DuplicateId, ParseError, ValidationError
from planner.i18n import _
from planner.services import generic
from planner.services.journal import Journal, Patch
from planner.services.schedule_sync import sync_schedule, touches_schedule

_ROLE_SPLIT = re.compile(r"[、,，;；/\n]+")
_ROLE_COUNT = re.compile(r"^(?P<name>.*?)\s*(?:[×xX*＊]\s*(?P<n>\d+)\s*(?:人|名)?)?\s*$")


def task_label(s: Session, task_id: int) -> str:
    return f"Task {generic.get(s, m.Task, task_id).code}"


def add_task(
    s: Session, code: str, *, start: Any = None, end: Any = None, module_id: int | None = None,
    stage_id: int | None = None, name: str = "", after: int | None = None, **fields: Any,
) -> Changes:
    """Create a task; a code already in the plan raises DuplicateId.

    It goes last at the top of the outline, or last under `parent_id`; given `after` (a task's id)
    it goes right below that task, at its level (under the same summary), as a new row inserted
    under the selected one.

    Without `start` and `end` the task is not scheduled yet: it takes its place from its links
    and shows its duration as an estimate. Unless `scheduling` is given it follows the plan's
    default for new tasks (`Programme.default_scheduling`); an automatic task given a start
    starts no earlier than it.
    """
    j = Journal(s)
    _check_code_free(s, code, where=f"Task {code}")
    if "scheduling" not in fields:
        programme = s.exec(select(m.Programme)).first()
        fields["scheduling"] = programme.default_scheduling if programme else m.Scheduling.auto.value
    if start is None and end is None and "estimated" not in fields:
        fields["estimated"] = True  # "1天?": a first guess until someone gives dates or a duration
    if start is not None and fields["scheduling"] == m.Scheduling.auto.value:
        fields.setdefault("not_before", start)  # where it was put, unless its links need it later
    above = generic.get(s, m.Task, after) if after is not None else None
    if above is not None:
        fields["parent_id"] = above.parent_id
    values = dict(code=code, module_id=module_id, stage_id=stage_id, name=name,
                  start_date=start, end_date=end, **fields)
    task = generic.add_row(j, m.Task, values, where=f"Task {code}")
    if above is not None:
        generic.place_after(j, task, above)
    j.touch(task.id)
    programme = s.exec(select(m.Programme)).first()
    if task.parent_id is not None or (task.start_date is not None and programme is not None
                                      and task.start_date < programme.start_date):
        # a new task has no links yet: it moves nothing, and only itself when it would start
        # before the programme; under a summary it changes that summary's roll-up
        sync_schedule(j)
    return j.changes(created=task.id)


def update_task(s: Session, task_id: int, **fields: Any) -> Changes:
    """Set task fields (start_date, end_date, progress 0..1, status ...), all checked first.

    Dates given to an automatic task hold it there, as MS Project's "start no earlier than":
    it stays automatic and only its links can push it later (see `_typed_dates_on_automatic`).
    The scheduled dates of automatic tasks and summaries are then brought up to date."""
    j = Journal(s)
    task = generic.get(s, m.Task, task_id)
    where = f"Task {task.code}"
    if "code" in fields and fields["code"] != task.code:
        _check_code_free(s, fields["code"], where=where)
    rolled = {k for k, v in fields.items() if k in _ROLLED_UP and getattr(task, k) != v}
    if rolled and s.exec(select(m.Task.id).where(m.Task.parent_id == task_id)).first() is not None:
        raise ValidationError(_("Task {task}: a summary task's dates, duration and progress come from its "
                                "sub-tasks ({fields}).", task=task.code, fields=", ".join(sorted(rolled))),
                              where=f"{where}.{min(rolled)}", key="summary_rolled_up")
    if fields.get("start_date") is not None or fields.get("duration_days") is not None:
        fields.setdefault("estimated", False)  # dates or a duration given: no longer a guess
    if fields.get("start_date") is not None and fields.get("scheduling", task.scheduling) == m.Scheduling.auto.value:
        _typed_dates_on_automatic(task, fields)
    generic.update_row(j, task, fields, where=where)
    j.touch(task_id)
    if touches_schedule(fields, task):
        sync_schedule(j)
    return j.changes()


def _typed_dates_on_automatic(task, fields: dict[str, Any]) -> None:
    """Dates typed or dragged onto an automatic task: it may not start before the given start
    (`not_before`), and its length is the given span's unless a duration comes with them."""
    fields.setdefault("not_before", fields["start_date"])
    if "end_date" in fields and "duration_days" not in fields and getattr(task, "duration_days", None) is not None:
        fields["duration_days"] = None  # the span given says how long it is


_ROLLED_UP = frozenset({"start_date", "end_date", "duration_days", "progress", "status", "actual_start",
                        "actual_finish"})  # a summary's own values are its sub-tasks' roll-up


def set_task_span_text(s: Session, task_id: int, text: str) -> Changes:
    """Set start and end from "第1-8周", "W1-W8", "0-6 个月" or "2025-03-01 至 2025-04-30"."""
    from planner.services.span import parse_span_text

    task = generic.get(s, m.Task, task_id)
    programme = s.exec(select(m.Programme)).one()
    start, end, style = parse_span_text(text, programme, where=f"Task {task.code}, field start-end")
    return update_task(s, task_id, start_date=start, end_date=end, period_style=style)


_DURATION = re.compile(r"^\s*(\d+)\s*(天|日|工作日|d|days?|周|w|weeks?)?\s*([?？])?\s*$", re.IGNORECASE)


def parse_duration_text(text: str, *, where: str = "", days_per_week: int = 5) -> tuple[int, bool]:
    """"5天" / "5d" / "1周" / "3?" -> (working days, estimated): a trailing ? marks a guess (MS Project's "5 days?")."""
    match = _DURATION.match(str(text or ""))
    if not match:
        raise ParseError(_("{place}: “{text}” is not a duration (write e.g. 5天, 2周 or 3天? for an estimate).",
                           place=where, text=text), where=where, key="duration_text")
    n = int(match.group(1))
    unit = (match.group(2) or "").lower()
    days = n * days_per_week if unit in ("周", "w", "week", "weeks") else n
    if days > 100_000:
        raise ParseError(_("{place}: {days} working days is more than a plan can hold.", place=where, days=days),
                         where=where, key="duration_range")
    return days, bool(match.group(3))


def set_task_duration(s: Session, task_id: int, days: int, *, estimated: bool = False) -> Changes:
    """Set a task's length in working days. A manual task keeps its start and ends later or
    sooner; an automatic or undated one takes the duration and is placed by the schedule."""
    from planner.schedule.calendar import calendar_for

    task = generic.get(s, m.Task, task_id)
    where = f"Task {task.code}, field duration"
    if days < 0:
        raise ValidationError(_("Task {task}: a duration cannot be negative.", task=task.code), where=where,
                              key="duration_range")
    fields: dict[str, Any] = {"duration_days": days, "estimated": estimated}
    if task.start_date is not None and task.scheduling == m.Scheduling.manual.value and days > 0:
        programme = s.exec(select(m.Programme)).one()
        cal = calendar_for(programme, s.exec(select(m.CalendarException)).all())
        start = cal.index(task.start_date)
        fields["end_date"] = cal.date(start + days - 1)
        fields["scheduling"] = m.Scheduling.manual.value
    return update_task(s, task_id, **fields)


def parse_roles_text(text: str, *, where: str = "") -> list[tuple[str, int]]:
    """"算子组工程师×8、架构师×2" -> [("算子组工程师", 8), ("架构师", 2)]; no count means 1."""
    out: dict[str, int] = {}
    for part in _ROLE_SPLIT.split(text or ""):
        part = part.strip()
        if not part or part in ("无", "-", "—"):
            continue
        match = _ROLE_COUNT.match(part)
        name = match.group("name").strip() if match else ""
        if not name:
            raise ParseError(_("{where}: “{part}” names no role.", where=where, part=part), where=where)
        out[name] = out.get(name, 0) + int(match.group("n") or 1)
    return list(out.items())


def set_task_roles_text(s: Session, task_id: int, text: str) -> Changes:
    """Replace the task's roles from a phrase, creating Role rows the plan does not have yet."""
    j = Journal(s)
    task = generic.get(s, m.Task, task_id)
    wanted = parse_roles_text(text, where=f"Task {task.code}, field roles")
    existing = {tr.role_id: tr for tr in s.exec(select(m.TaskRole).where(m.TaskRole.task_id == task_id))}
    keep: set[int] = set()
    for order, (name, count) in enumerate(wanted):
        role = s.exec(select(m.Role).where(m.Role.name == name)).first()
        if role is None:
            role = generic.add_row(j, m.Role, {"name": name}, where=f"Task {task.code}, role {name}")
        keep.add(role.id)
        values = {"headcount": count, "order": order}
        if role.id in existing:
            generic.update_row(j, existing[role.id], values, where=f"Task {task.code}, role {name}")
        else:
            generic.add_row(j, m.TaskRole, {"task_id": task_id, "role_id": role.id, **values},
                            where=f"Task {task.code}, role {name}")
    for role_id, link in existing.items():
        if role_id not in keep:
            j.delete(link)
    j.update(task, roles_text=text.strip())
    j.touch(task_id)
    return j.changes()


def delete_task(s: Session, task_id: int) -> Changes:
    """Delete a task with its sub-tasks, roles, dependencies, RACI cells, links and baseline rows."""
    j = Journal(s)
    j.delete(generic.get(s, m.Task, task_id))
    j.touch(task_id)
    sync_schedule(j)
    return j.changes()


def restore_task(s: Session, undo: Patch) -> Changes:
    """Undo `delete_task` (or any task service) from its `Changes.undo`."""
    return generic.undo(s, undo)


def move_task(s: Session, task_id: int, new_index: int, module_id: int | None = None) -> Changes:
    """Move a task to `new_index` among its siblings: the sub-tasks of its summary, or the plan's
    top-level tasks (one list across modules, as the task matrix shows them). `module_id` gives
    the task another module; it keeps its place in the outline unless `new_index` moves it."""
    j = Journal(s)
    task = generic.get(s, m.Task, task_id)
    if module_id is not None and module_id != task.module_id:
        generic.get(s, m.Module, module_id)
        j.update(task, module_id=module_id)
    generic.place(j, task, new_index)
    j.touch(task_id)
    return j.changes()


def next_task_code(s: Session, module_id: int | None) -> str:
    """The next free code of a module: prefix + next number ("TP-05"), keeping the digit width."""
    module = s.get(m.Module, module_id) if module_id is not None else None
    codes = list(s.exec(select(m.Task.code)).all())
    own = list(s.exec(select(m.Task.code).where(m.Task.module_id == module_id)).all()) if module else []
    return code_after(codes, module_prefix(module, own))


_CODE_PARTS = re.compile(r"^(?P<prefix>[A-Za-z][A-Za-z0-9]*?)-?(?P<n>\d+)$")


def module_prefix(module: m.Module | None, own_codes: list[str]) -> str:
    """A module's task-ID prefix: its own, else the one most of its tasks use (TP-01..TP-04 -> TP),
    else the capitals or first letters of its name ("Training Platform" -> TP), else "T"."""
    if module is not None and module.prefix.strip():
        return module.prefix.strip()
    counts: dict[str, int] = {}
    for code in own_codes:
        match = _CODE_PARTS.match(code)
        if match:
            counts[match["prefix"]] = counts.get(match["prefix"], 0) + 1
    if counts:
        return max(counts, key=lambda p: (counts[p], -len(p)))
    words = re.findall(r"[A-Za-z][A-Za-z0-9]*", module.name if module is not None else "")
    if words:
        capitals = "".join(c for c in "".join(words) if c.isupper())
        if len(words) > 1:
            return "".join(w[0] for w in words).upper()[:4]
        return capitals[:4] if len(capitals) >= 2 else words[0][:3].upper()
    return "T"


def code_after(codes, prefix: str) -> str:
    """`prefix` + the number after the highest one in `codes` with that prefix, keeping the digit width."""
    pattern = re.compile(rf"^{re.escape(prefix)}-?(\d+)$")
    numbers, width = [], 2
    for code in codes:
        match = pattern.match(code)
        if match:
            numbers.append(int(match.group(1)))
            width = max(width, len(match.group(1)))
    n = max(numbers, default=0) + 1
    taken = set(codes)
    while f"{prefix}-{n:0{width}d}" in taken:
        n += 1
    return f"{prefix}-{n:0{width}d}"


def _check_code_free(s: Session, code: Any, *, where: str) -> None:
    if isinstance(code, str) and s.exec(select(m.Task.id).where(m.Task.code == code)).first() is not None:
        raise DuplicateId(_("{where}: the task ID {code} is already used.", where=where, code=code), where=f"{where}.code")
