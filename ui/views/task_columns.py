"""The task matrix's columns: how each cell reads a task and how an edit becomes one undo command.

Columns follow the seeds' task tables, plus the work breakdown (WBS number, owner, duration as
an estimate, scheduling mode, conflicts with links). A summary task's dates, duration and
progress are its sub-tasks' roll-up: those cells are read-only on a summary row.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Qt

from planner import model as m
from planner.errors import ParseError, UnknownPredecessor
from planner.excel import values
from planner.services import dependencies, tasks
from ui.commands import JournalCommand
from ui.plan_text import check_dependencies, format_percent, format_span, parse_percent, parse_span
from ui.table_model import Column

STATUS_LABELS = {
    m.TaskStatus.not_started.value: QT_TRANSLATE_NOOP("Status", "Not started"),
    m.TaskStatus.in_progress.value: QT_TRANSLATE_NOOP("Status", "In progress"),
    m.TaskStatus.done.value: QT_TRANSLATE_NOOP("Status", "Done"),
    m.TaskStatus.on_hold.value: QT_TRANSLATE_NOOP("Status", "On hold"),
    m.TaskStatus.cancelled.value: QT_TRANSLATE_NOOP("Status", "Cancelled"),
}


def status_label(value: str) -> str:
    return QCoreApplication.translate("Status", STATUS_LABELS.get(value, value))


def _edit(label: str, **fields_of):
    """A setter that updates task fields computed from the typed value."""
    def setter(model, task, value):
        fields = {k: f(model, task, value) for k, f in fields_of.items()}
        if all(getattr(task, k) == v for k, v in fields.items()):
            return None
        text = (QCoreApplication.translate("Command", "Edit %1 of %2")
                .replace("%1", QCoreApplication.translate("Column", label)).replace("%2", task.code))
        return JournalCommand(model.controller, text, tasks.update_task, task.id, patch_table=m.Task, **fields)
    return setter


def _text(key: str, label: str, width: int = 200, tip: str = "") -> Column:
    return Column(key, label, width, set=_edit(label, **{key: lambda _m, _t, v: str(v).strip()}), tip=tip,
                  paste=_paste_text, cleared="")


# --- pasted text (a block copied from Excel or WPS), read as the import reads its cells -----
def _paste_text(_model, _task, text: str) -> str:
    return values.read_text(text)


def _paste_code(_model, _task, text: str) -> str:
    return values.read_code(text)


def _paste_span(model, _task, text: str) -> str:
    """W1-W8 and 第1-8周 as typed; dates as the import reads them (2025/1/27-2025/3/10, 5月1日-5月20日)."""
    try:
        parse_span(model.plan.programme.start_date, text)
        return text
    except ParseError:
        try:
            start, end = values.read_date_range(text, year=model.plan.programme.start_date.year)
        except values.CellError:
            start = end = None
        if start is None or end is None:
            raise
        return f"{start.isoformat()} 至 {end.isoformat()}"


def _paste_duration(_model, _task, text: str) -> str:
    days, estimated = values.read_duration(text)
    return "" if days is None else f"{days}d" + ("?" if estimated else "")


def _paste_percent(_model, _task, text: str) -> str:
    return format_percent(values.read_percent(text) or 0.0)


def _paste_choice(key: str):
    """A label as shown ("进行中" / "In progress"), a stored value, or (status) a word the import knows."""
    def paste(model, _task, text: str):
        wanted = values.read_text(text).casefold()
        spec = next(c for c in COLUMNS if c.key == key)
        for label, value in spec.choices(model):
            if wanted in (str(label).casefold(), str(value).casefold()):
                return value
        if key == "status":
            found = values.status_of(text)
            if found is not None:
                return found
        if key == "module":
            for module in model.plan.modules:
                if module.prefix and module.prefix.casefold() == wanted:
                    return module.id
        raise values.CellError(QCoreApplication.translate("TaskMatrix", "not one of: %1").replace(
            "%1", "、".join(str(label) for label, _v in spec.choices(model))))
    return paste


def _timing(model, task):
    schedule = model.controller.schedule()
    return schedule.timings.get(task.id) if schedule else None


def _span_text(model, task) -> str:
    start, end = task.start_date, task.end_date
    if start is None:  # not scheduled yet: where the schedule puts it, marked as an estimate
        timing = _timing(model, task)
        if timing is None:
            return ""
        start, end = timing.start, timing.finish
        return format_span(model.plan.programme.start_date, start, end, task.period_style) + "?"
    return format_span(model.plan.programme.start_date, start, end, task.period_style)


def _set_span(model, task, value):
    start, end, style = parse_span(model.plan.programme.start_date, str(value))
    if (start, end, style) == (task.start_date, task.end_date, task.period_style):
        return None
    text = QCoreApplication.translate("Command", "Reschedule %1").replace("%1", task.code)
    return JournalCommand(model.controller, text, tasks.update_task, task.id, patch_table=m.Task,
                          start_date=start, end_date=end, period_style=style)


def _deps_text(model, task) -> str:
    plan = model.plan
    return "、".join(
        dependencies.format_dependency(d, plan.task_by_id[d.predecessor_id].code)
        for d in plan.predecessors_of.get(task.id, []) if d.predecessor_id in plan.task_by_id
    )


class _PredecessorCodes(Mapping):
    """Task code -> the codes of its predecessors, read from the plan's lookups when asked.

    The cycle check of a typed dependency walks back from the typed predecessors only, so the
    whole plan's map is never built for a keystroke (10,000 tasks, 15,000 links)."""

    def __init__(self, plan):
        self._plan = plan
        self._known: dict[str, set[str] | None] = {}  # each code read once (the walk asks twice)

    def __getitem__(self, code: str) -> set[str]:
        found = self._known.get(code, self)
        if found is self:
            found = self._known[code] = self._read(code)
        if found is None:
            raise KeyError(code)  # as a map built from the links: no entry for a task without predecessors
        return found

    def _read(self, code: str) -> set[str] | None:
        plan = self._plan
        task = plan.task_by_code.get(code)
        links = plan.predecessors_of.get(task.id) if task is not None else None
        if not links:
            return None
        by_id = plan.task_by_id
        tasks = [by_id.get(d.predecessor_id) for d in links]
        return {t.code for t in tasks if t is not None} or None

    def __iter__(self):
        return (code for code in self._plan.task_by_code if code in self)

    def __len__(self) -> int:
        return sum(1 for _code in self)

    def __contains__(self, code) -> bool:
        try:
            self[code]
        except KeyError:
            return False
        return True


def check_dependency_text(plan, task, text: str) -> None:
    """Raise a ParseError/CycleError naming the problem with a typed dependency phrase."""
    codes = plan.task_by_code.keys()
    where = QCoreApplication.translate("TaskMatrix", "Task %1, dependencies").replace("%1", task.code)
    # only the codes found in the text can start one of its items (the parser takes the longest)
    upper = text.upper()
    specs = dependencies.parse_dependencies_text(text, [c for c in codes if c.upper() in upper], where=where)
    for spec in specs:
        if spec.code not in codes:
            raise UnknownPredecessor(task.code, spec.code)
    if _closes_no_loop(plan, task, specs):
        check_dependencies(task.code, specs, codes, {})  # unknown, self, twice: no loop to look for
        return
    check_dependencies(task.code, specs, codes, _PredecessorCodes(plan))


_FORWARD_BUDGET = 2000  # tasks walked forward before the walk back from the predecessors is taken instead


def _closes_no_loop(plan, task, specs) -> bool:
    """True when no typed predecessor is downstream of `task` (so no new link closes a loop), found
    by walking forward from the task; False when one is, or when the walk would be long (the walk
    back from the predecessors then decides, and names the loop)."""
    by_code = plan.task_by_code
    wanted = {by_code[spec.code].id for spec in specs if spec.code in by_code}
    after = plan.successor_ids_of
    stack, seen = [task.id], {task.id}
    while stack:
        for successor in after.get(stack.pop(), ()):
            if successor in wanted:
                return False
            if successor not in seen:
                if len(seen) >= _FORWARD_BUDGET:
                    return False
                seen.add(successor)
                stack.append(successor)
    return True


def _set_deps(model, task, value):
    text = str(value).strip()
    if text == _deps_text(model, task):
        return None
    check_dependency_text(model.plan, task, text)
    label = QCoreApplication.translate("Command", "Set dependencies of %1").replace("%1", task.code)
    return JournalCommand(model.controller, label, dependencies.set_dependencies_text, task.id, text)


def _set_roles(model, task, value):
    if str(value).strip() == task.roles_text:
        return None
    label = QCoreApplication.translate("Command", "Set roles of %1").replace("%1", task.code)
    return JournalCommand(model.controller, label, tasks.set_task_roles_text, task.id, str(value))


def _set_code(model, task, value):
    code = str(value).strip().upper()
    if not code:
        raise ParseError(QCoreApplication.translate("TaskMatrix", "A task needs an ID."), where=task.code)
    return _edit(QT_TRANSLATE_NOOP("Column", "Task ID"), code=lambda *_: code)(model, task, value)


def _choice_setter(key: str, label: str):
    return _edit(label, **{key: lambda _m, _t, v: v})


def _float(model, task):
    timing = _timing(model, task)
    return None if timing is None else timing.total_float


def duration_text(model, task) -> str:
    """Working days, "5天" / "5 days"; an estimate (or an undated task) ends in "?" ("1天?")."""
    timing = _timing(model, task)
    days = timing.duration if timing is not None else (task.duration_days or 1)
    text = QCoreApplication.translate("TaskMatrix", "%1 d").replace("%1", str(days))
    return text + "?" if task.estimated or task.start_date is None else text


def _set_duration(model, task, value):
    days, estimated = tasks.parse_duration_text(str(value), where=task.code,
                                                days_per_week=model.plan.programme.workweek.count("1") or 5)
    if str(value).strip() == duration_text(model, task):
        return None
    label = QCoreApplication.translate("Command", "Set duration of %1").replace("%1", task.code)
    return JournalCommand(model.controller, label, tasks.set_task_duration, task.id, days, estimated=estimated,
                          patch_table=m.Task)


SCHEDULING_LABELS = {
    m.Scheduling.auto.value: QT_TRANSLATE_NOOP("Scheduling", "Auto"),
    m.Scheduling.manual.value: QT_TRANSLATE_NOOP("Scheduling", "Manual"),
}


def scheduling_label(value: str) -> str:
    return QCoreApplication.translate("Scheduling", SCHEDULING_LABELS.get(value, value))


def _scheduling_text(model, task) -> str:
    if model.is_summary(task):
        return ""  # a summary follows its sub-tasks
    if task.start_date is None:
        return scheduling_label(m.Scheduling.auto.value)  # an undated task is placed from its links
    return scheduling_label(task.scheduling)


def conflict_text(model, task) -> str:
    """How many link conflicts the schedule reports for this task ("⚠ 2"), as `planner validate` does."""
    found = model.conflicts_of(task)
    return f"⚠ {len(found)}" if found else ""


def conflict_tip(model, task) -> str | None:
    from ui.conflict_text import describe

    found = model.conflicts_of(task)
    return "\n".join(describe(model.plan, c) for c in found) if found else None


def _variance(part: str):
    def value(model, task):
        found = model.variance_of(task)
        return None if found is None else getattr(found, part)
    return value


def _variance_text(part: str):
    def text(model, task) -> str:
        days = _variance(part)(model, task)
        if days is None:
            return ""
        sign = "+" if days > 0 else ("−" if days < 0 else "")
        return sign + QCoreApplication.translate("TaskMatrix", "%1 d").replace("%1", str(abs(days)))
    return text


COLUMNS = [
    Column("wbs", QT_TRANSLATE_NOOP("Column", "WBS"), 48, get=lambda mo, t: mo.wbs_of(t),
           sort=lambda mo, t: mo.outline_position(t),
           tip=QT_TRANSLATE_NOOP("Column", "Outline number, from the summary tasks above (1, 1.2, 1.2.3)")),
    Column("code", QT_TRANSLATE_NOOP("Column", "Task ID"), 70, set=_set_code, paste=_paste_code),
    Column("module", QT_TRANSLATE_NOOP("Column", "Module"), 90, kind="choice",
           get=lambda mo, t: mo.plan.module_by_id[t.module_id].name if t.module_id in mo.plan.module_by_id else "",
           edit_text=lambda mo, t: t.module_id, set=_choice_setter("module_id", QT_TRANSLATE_NOOP("Column", "Module")),
           choices=lambda mo: [(x.name, x.id) for x in mo.plan.modules], paste=_paste_choice("module")),
    Column("stage", QT_TRANSLATE_NOOP("Column", "Stage"), 90, kind="choice",
           get=lambda mo, t: mo.plan.stage_by_id[t.stage_id].name if t.stage_id in mo.plan.stage_by_id else "",
           edit_text=lambda mo, t: t.stage_id, set=_choice_setter("stage_id", QT_TRANSLATE_NOOP("Column", "Stage")),
           choices=lambda mo: [(x.name, x.id) for x in mo.plan.stages], paste=_paste_choice("stage")),
    _text("name", QT_TRANSLATE_NOOP("Column", "Scope")),
    Column("actions", QT_TRANSLATE_NOOP("Column", "Actions"), 200, kind="multiline",
           set=_edit(QT_TRANSLATE_NOOP("Column", "Actions"), actions=lambda _m, _t, v: str(v).strip()),
           paste=_paste_text, cleared=""),
    Column("span", QT_TRANSLATE_NOOP("Column", "Start–end"), 120, get=_span_text, set=_set_span,
           sort=lambda mo, t: t.start_date or (_timing(mo, t).start if _timing(mo, t) else None),
           check=lambda mo, t, text: parse_span(mo.plan.programme.start_date, text), paste=_paste_span,
           tip=QT_TRANSLATE_NOOP("Column", "As written: W1-W8 or 2025-01-27 – 2025-03-10")),
    Column("duration", QT_TRANSLATE_NOOP("Column", "Duration"), 64, get=duration_text, set=_set_duration,
           sort=lambda mo, t: (_timing(mo, t).duration if _timing(mo, t) else t.duration_days or 0),
           check=lambda mo, t, text: tasks.parse_duration_text(text, where=t.code), paste=_paste_duration,
           tip=QT_TRANSLATE_NOOP("Column", "Working days; a ? marks an estimate (3d?)")),
    Column("scheduling", QT_TRANSLATE_NOOP("Column", "Mode"), 56, kind="choice", get=_scheduling_text,
           edit_text=lambda mo, t: t.scheduling,
           set=_choice_setter("scheduling", QT_TRANSLATE_NOOP("Column", "Mode")),
           choices=lambda mo: [(scheduling_label(v), v) for v in SCHEDULING_LABELS], paste=_paste_choice("scheduling"),
           tip=QT_TRANSLATE_NOOP("Column", "Auto: placed by its links; manual: kept where it was put")),
    Column("roles_text", QT_TRANSLATE_NOOP("Column", "Roles"), 170, set=_set_roles,
           check=lambda mo, t, text: tasks.parse_roles_text(text, where=t.code), paste=_paste_text, cleared="",
           tip=QT_TRANSLATE_NOOP("Column", "Roles with head-counts: engineer×8, architect×2")),
    _text("owner", QT_TRANSLATE_NOOP("Column", "Owner"), 80,
          tip=QT_TRANSLATE_NOOP("Column", "The one person answerable for the task")),
    Column("deps", QT_TRANSLATE_NOOP("Column", "Dependencies"), 110, get=_deps_text, set=_set_deps,
           check=lambda mo, t, text: check_dependency_text(mo.plan, t, text), paste=_paste_text, cleared="",
           tip=QT_TRANSLATE_NOOP("Column", "Predecessors: TP-01, TP-02 30% (start at 30% done), TP-01 SS+2d")),
    Column("conflicts", QT_TRANSLATE_NOOP("Column", "Conflicts"), 56, get=conflict_text,
           sort=lambda mo, t: len(mo.conflicts_of(t)),
           tip=QT_TRANSLATE_NOOP("Column", "Links the task's dates break, as planner validate reports them")),
    _text("milestone_text", QT_TRANSLATE_NOOP("Column", "Milestone")),
    _text("risk_response", QT_TRANSLATE_NOOP("Column", "Risk response")),
    Column("progress", QT_TRANSLATE_NOOP("Column", "Progress"), 70, kind="percent",
           get=lambda mo, t: format_percent(t.progress), edit_text=lambda mo, t: format_percent(t.progress),
           sort=lambda mo, t: t.progress,
           set=_edit(QT_TRANSLATE_NOOP("Column", "Progress"), progress=lambda _m, _t, v: parse_percent(v)),
           check=lambda mo, t, text: parse_percent(text), paste=_paste_percent, cleared="0%"),
    Column("status", QT_TRANSLATE_NOOP("Column", "Status"), 80, kind="choice",
           get=lambda mo, t: status_label(t.status), edit_text=lambda mo, t: t.status,
           set=_choice_setter("status", QT_TRANSLATE_NOOP("Column", "Status")),
           choices=lambda mo: [(status_label(v), v) for v in STATUS_LABELS], paste=_paste_choice("status")),
    Column("float", QT_TRANSLATE_NOOP("Column", "Float (d)"), 70, kind="number", get=_float,
           tip=QT_TRANSLATE_NOOP("Column", "Total float in working days, from the schedule")),
    Column("start_var", QT_TRANSLATE_NOOP("Column", "Start var."), 64, kind="number", get=_variance_text("start"),
           sort=_variance("start"),
           tip=QT_TRANSLATE_NOOP("Column", "Working days the start moved since the compared baseline (+ later)")),
    Column("finish_var", QT_TRANSLATE_NOOP("Column", "Finish var."), 64, kind="number", get=_variance_text("finish"),
           sort=_variance("finish"),
           tip=QT_TRANSLATE_NOOP("Column", "Working days the finish moved since the compared baseline (+ later)")),
    Column("duration_var", QT_TRANSLATE_NOOP("Column", "Duration var."), 64, kind="number",
           get=_variance_text("duration"), sort=_variance("duration"),
           tip=QT_TRANSLATE_NOOP("Column", "Working days longer (+) or shorter than in the compared baseline")),
]
