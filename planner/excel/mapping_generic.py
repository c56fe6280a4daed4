"""Records from tables people made themselves (a lifted `colmap.Lifted`): tasks, RACI, KPIs, OKRs.

A cell never refuses the workbook: a value that cannot be read is reported with its place,
the value, the reason and what would fix it, and the row imports without that field (under
`strict` it is an error, as scripts may want). A row with no usable name is skipped. IDs are
made when the sheet has none: the WBS number, else T-001, T-002 ... in row order, so the same
workbook imported again names the same tasks.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from typing import Any

from openpyxl.utils import get_column_letter

from planner import model as m
from planner.excel import values as cv
from planner.excel.colmap import Lifted, LiftedRow
from planner.excel.mapping import Context, ensure_named, set_order
from planner.excel.records import Record
from planner.i18n import _
from planner.raci import named_teams

HAS_OUTLINE = "parent_id" in m.Task.model_fields  # the work-breakdown model (summary tasks, owners)
UNDATED_OK = not m.Task.model_fields["start_date"].is_required()


# --- problems with places --------------------------------------------------------------------
def sheet_label(lifted: Lifted) -> str:
    return f"{lifted.grid.file} › {lifted.grid.name}" if lifted.grid.file else lifted.grid.name


def cell_problem(ctx: Context, lifted: Lifted, row: LiftedRow, use: str, raw: Any, reason: str,
                 *, code: str = "cell_unreadable", fix: str = "") -> None:
    """A cell that cannot be read: a warning (the row imports without it), an error under strict."""
    col = lifted.column_of(use)
    ctx.problems.add("error" if ctx.strict else "warning", reason, sheet=sheet_label(lifted), row=row.r + 1,
                     column=get_column_letter(col + 1) if col is not None else "", value=cv.read_text(raw)[:80],
                     code=code, fix=fix or _("correct the cell, or leave it empty"))


def row_problem(ctx: Context, lifted: Lifted, r: int, level: str, message: str, code: str, value: str = "",
                column: str = "", fix: str = "") -> None:
    ctx.problems.add(level, message, sheet=sheet_label(lifted), row=r + 1, column=column, value=value[:80],
                     code=code, fix=fix)


def _origin(lifted: Lifted, row: LiftedRow) -> str:
    return f"{sheet_label(lifted)}!{row.r + 1}"


def _notes_text(row: LiftedRow, first: str = "") -> str:
    lines = [first] if first else []
    lines += [f"{h.split(' / ')[-1].strip()}: {cv.read_text(v)}" if h.split(' / ')[-1].strip() else cv.read_text(v)
              for h, v in row.notes]
    return "\n".join(x for x in lines if x)


# --- tasks ------------------------------------------------------------------------------------
class _ColumnReaders:
    """Per table, once: the day-month order of each date column and the unit of the duration."""

    def __init__(self, lifted: Lifted, ctx: Context):
        self.order: dict[str, str] = {}
        for use in ("start", "end", "span", "date", "actual_start", "actual_end"):
            vals = [row.values.get(use) for row in lifted.rows if isinstance(row.values.get(use), str)]
            self.order[use] = cv.date_order(vals) if vals else ""
        header = next((c.header for c in lifted.map.columns if c.use == "duration"), "").lower()
        self.duration_unit = 1 / 8 if re.search(r"hour|小时|工时|hrs|\bh\b", header) else 5 if re.search(r"周|week", header) else 1
        self.year = ctx.year_hint

    def date(self, use: str, raw: Any) -> dt.date | None:
        if isinstance(raw, (int, float)) and not isinstance(raw, bool) and not 32874 <= raw <= 73050:
            raise cv.CellError(_("a number, not a date"))  # a total (29000) under a date header, not 1979
        return cv.read_date_as(raw, self.order.get(use, ""), self.year)

    def span(self, raw: Any) -> tuple[dt.date | None, dt.date | None]:
        return cv.read_date_range(raw, self.order.get("span", ""), self.year)


def _read(ctx: Context, lifted: Lifted, row: LiftedRow, use: str, reader, *, fix: str = "") -> Any:
    raw = row.values.get(use)
    if raw is None:
        return None
    if isinstance(raw, str) and cv.is_placeholder(raw):
        cell_problem(ctx, lifted, row, use, raw, _("a placeholder, not a value yet"), code="cell_placeholder",
                     fix=fix or _("fill in the value when it is known"))
        return None
    try:
        return reader(raw)
    except cv.CellError as exc:
        cell_problem(ctx, lifted, row, use, raw, str(exc), fix=fix)
        return None


def _wbs_text(raw: Any) -> str:
    """'1.2.3' for a WBS number however it was stored (1.0 as a float is 1); '' if it is none."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw)
    return _wbs_str(raw if isinstance(raw, str) else cv.read_text(raw))


@lru_cache(maxsize=50_000)
def _wbs_str(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw).strip().rstrip(".")
    return text if _WBS_NUMBER.fullmatch(text) else ""


_WBS_NUMBER = re.compile(r"\d+(\.\d+)*")


def map_generic_tasks(ctx: Context, lifted: Lifted) -> None:
    """Task rows: IDs made where missing, WBS numbers and groups to summary tasks, dates of every form."""
    readers = _ColumnReaders(lifted, ctx)
    has_wbs = "wbs" in lifted.map.uses()
    seq_is_wbs = not has_wbs and any("." in _wbs_text(r.values.get("seq")) for r in lifted.rows)
    tasks: list[dict[str, Any]] = []  # in row order, with their row and references
    by_wbs: dict[str, dict[str, Any]] = {}
    by_seq: dict[str, dict[str, Any]] = {}
    summaries: dict[tuple, dict[str, Any]] = {}
    previous: dict[str, Any] | None = None
    for row in lifted.rows:
        groups = [cv.read_text(g) for g in row.groups]
        name = cv.read_text(row.values.get("name"))
        written = [i for i, own in enumerate(row.own_groups) if own and groups[i]]
        if not name and written:  # 大項目 | 中項目 | 小項目: the deepest level written names the row
            depth = max(written)
            name, groups = groups[depth], groups[:depth]
            if any(k not in ("seq", "wbs") for k in row.values):
                summaries.pop(tuple(x for x in (row.section, *groups, name) if x), None)
        if row.continued and previous is not None:  # the name merged down: more detail of the task above
            extra = _notes_text(row, cv.read_text(row.values.get("notes")))
            if extra:
                previous["notes"] = "\n".join(x for x in (previous.get("notes", ""), extra) if x)
            continue
        if not name:
            if any(k not in ("seq", "wbs") and not cv.is_placeholder(v) for k, v in row.values.items()) or row.notes:
                row_problem(ctx, lifted, row.r, "warning", _("row skipped: it has no task name"), "row_no_name",
                            fix=_("write the task's name, or map the column that holds it"))
            continue
        task = previous = _task_values(ctx, lifted, row, readers, name)
        wbs = _wbs_text(row.values.get("wbs") if has_wbs else row.values.get("seq") if seq_is_wbs else None)
        seq = _wbs_text(row.values.get("seq")) if not seq_is_wbs else ""
        code = cv.read_code(row.values.get("code")) if row.values.get("code") is not None else ""
        task["_wbs"], task["_row"], task["_seq"] = wbs, row, seq
        task["_code_given"] = code
        parent_key = tuple(x for x in (row.section, *groups) if x)
        task["_group"] = parent_key
        for depth in range(1, len(parent_key) + 1):
            key = parent_key[:depth]
            if key not in summaries:
                summaries[key] = {"name": key[-1], "_group": key[:-1], "_row": row, "_summary": True, "_wbs": "",
                                  "_seq": "", "_code_given": ""}
                tasks.append(summaries[key])
        tasks.append(task)
        if wbs:
            if wbs in by_wbs:
                row_problem(ctx, lifted, row.r, "warning", _("WBS number {wbs} is used twice; the second is ignored", wbs=wbs),
                            "wbs_duplicate", value=wbs)
            else:
                by_wbs[wbs] = task
        if seq:
            by_seq.setdefault(seq, task)
    if not has_wbs and not seq_is_wbs and not summaries:
        _phase_rows(tasks, lifted)
    _codes(ctx, tasks)
    _outline(tasks, by_wbs, summaries)
    for task in tasks:
        _store_task(ctx, lifted, task)
        for team in task.get("_collaborators", ()):  # 协作团队 -> C, unless the team has a letter there already
            ctx.records.put(Record(m.RaciCell, {"module_id": None, "task_id": (task["code"],), "team_id": (team,),
                                                "role": m.RaciRole.C.value}, _origin(lifted, task["_row"])))
    # a bare number is the row's 序号 (as MS Project's predecessors name the ID), a dotted one its WBS number
    refs = {**{k: t["code"] for k, t in by_wbs.items()}, **{k: t["code"] for k, t in by_seq.items()}}
    for task in tasks:
        if "_deps" in task:
            ctx.generic_deps.append((lifted, task["_row"], task["code"], task["_deps"], refs))


def _task_values(ctx: Context, lifted: Lifted, row: LiftedRow, readers: _ColumnReaders, name: str) -> dict[str, Any]:
    t: dict[str, Any] = {"name": name.strip()}
    start = _read(ctx, lifted, row, "start", lambda v: readers.date("start", v))
    end = _read(ctx, lifted, row, "end", lambda v: readers.date("end", v))
    if start is None and end is None and "date" in row.values:  # a milestone list: one date
        start = end = _read(ctx, lifted, row, "date", lambda v: readers.date("date", v))
        t["is_milestone"] = start is not None
    if "span" in row.values:
        s, e = _read(ctx, lifted, row, "span", _span_reader(ctx, readers)) or (None, None)
        start, end = start or s, end or e
    duration = estimated = None
    if "duration" in row.values:
        got = _read(ctx, lifted, row, "duration", lambda v: cv.read_duration(v, readers.duration_unit),
                    fix=_("write a duration such as 5, 2天 or 1周"))
        if got is not None:
            duration, estimated = got
    if start is None and end is None and row.marks:
        start, end = _dates_from_marks(ctx, lifted, row)
    if start is not None and end is None and duration:
        end = ctx.calendar_add(start, duration - 1)
    if end is not None and start is None and duration:
        start = ctx.calendar_add(end, -(duration - 1))
    if start is not None and end is None:
        end = start
    if end is not None and start is None:
        start = end
    if start is not None and end is not None and end < start:
        cell_problem(ctx, lifted, row, "end", row.values.get("end") or row.values.get("span"),
                     _("the task ends before it starts"), code="end_before_start",
                     fix=_("swap the dates, or correct the one that is wrong"))
        start = end = None
    t.update(start_date=start, end_date=end, period_style=m.PeriodStyle.date.value)
    if duration is not None:
        t["duration_days"] = duration
        if duration == 0:
            t["is_milestone"] = True
        if estimated and "estimated" in m.Task.model_fields:
            t["estimated"] = True
    progress = _read(ctx, lifted, row, "progress", cv.read_percent, fix=_("write a percentage such as 50%"))
    if progress is not None:
        t["progress"] = progress
    status = _read(ctx, lifted, row, "status", cv.status_of)
    if status is not None:
        t["status"] = status
    if "done" in row.values and cv.read_text(row.values["done"]).strip().lower() in ("是", "yes", "y", "✓", "√", "x", "完成", "done", "true", "1"):
        t["status"], t["progress"] = m.TaskStatus.done.value, 1.0
    if t.get("status") == m.TaskStatus.done.value and "progress" not in t:
        t["progress"] = 1.0
    priority = _read(ctx, lifted, row, "priority", cv.read_priority)
    if priority is not None:
        t["priority"] = priority
    for use, fld in (("actual_start", "actual_start"), ("actual_end", "actual_finish")):
        day = _read(ctx, lifted, row, use, lambda v, u=use: readers.date(u, v))
        if day is not None:
            t[fld] = day
    owner = cv.read_text(row.values.get("owner"))
    if owner and not cv.is_placeholder(owner):
        if "owner" in m.Task.model_fields:
            t["owner"] = owner
        else:
            row.notes.insert(0, (_("Owner"), owner))
    if row.values.get("roles") is not None:
        t["roles_text"] = cv.read_text(row.values["roles"])
    if row.values.get("milestone") is not None:
        t["milestone_text"] = cv.read_text(row.values["milestone"])
    collaborators = [] if cv.is_placeholder(row.values.get("collaborators")) else \
        named_teams(cv.read_text(row.values.get("collaborators")))
    if collaborators:
        for team in collaborators:
            ensure_named(ctx, m.Team, team, ctx.known_names(m.Team), {})
        t["_collaborators"] = collaborators
    for use, fld in (("module", "module_id"), ("stage", "stage_id")):
        text = cv.read_text(row.values.get(use))
        if text:
            model = m.Module if use == "module" else m.Stage
            ensure_named(ctx, model, text, ctx.known_names(model), {})
            t[fld] = (text,)
    notes = _notes_text(row, cv.read_text(row.values.get("notes")))
    if notes:
        t["notes"] = notes
    deps = cv.read_text(row.values.get("deps"))
    if deps and deps.strip() not in ("-", "—", "无", "none", "None", "N/A"):
        t["_deps"] = deps
    return t


def _span_reader(ctx: Context, readers: _ColumnReaders):
    def read(raw):
        text = cv.read_text(raw)
        if re.search(r"周|[Ww]\d|月$|个月", text) and not re.search(r"\d+月\d+", text):
            from planner.errors import ParseError
            from planner.schedule.notation import parse_span

            if ctx.programme_start is None:
                ctx.needs_start = True
                raise cv.CellError(_("a week or month span needs the plan's start date (--start)"))
            try:
                span = parse_span(text, ctx.programme_start)
            except ParseError as exc:
                raise cv.CellError(str(exc)) from None
            return span.start, span.end
        return readers.span(raw)
    return read


def _dates_from_marks(ctx: Context, lifted: Lifted, row: LiftedRow) -> tuple[dt.date | None, dt.date | None]:
    """A bar drawn in a timeline (filled cells): its first and last column's dates."""
    days = [d for d in (ctx.timeline_dates(lifted).get(c) for c in row.marks) if d is not None]
    if not days:
        if row.marks and ctx.programme_start is None:
            ctx.needs_start = True  # week labels (Wk 1, 第1周) count from the plan's start: asked once
        return None, None
    return min(d[0] for d in days), max(d[1] for d in days)


_SCHEDULE_KEYS = ("start_date", "end_date", "duration_days", "owner", "progress", "status", "_deps")


def _phase_rows(tasks: list[dict[str, Any]], lifted: Lifted) -> None:
    """A row with a name and nothing else, above rows with dates, is a phase: a summary of the rows under it."""
    uses = lifted.map.uses()
    if not any(u in uses for u in ("start", "end", "span", "duration")) and \
            not any(c.use == "timeline" for c in lifted.map.columns):  # a Gantt drawn beside the names
        return
    phase = None
    for i, t in enumerate(tasks):
        bare = not any(t.get(k) not in (None, "") for k in _SCHEDULE_KEYS)
        if bare:
            nxt = tasks[i + 1] if i + 1 < len(tasks) else None
            phase = t if nxt is not None and any(nxt.get(k) not in (None, "") for k in _SCHEDULE_KEYS) else None
            continue
        if phase is not None:
            t["_phase"] = phase


def _codes(ctx: Context, tasks: list[dict[str, Any]]) -> None:
    """IDs: the sheet's own, else the WBS number, else T-001 ... (skipping IDs already used).

    A made ID that the plan already gives to a task of another name is skipped, so importing
    a second workbook never overwrites the first one's tasks; the same workbook again maps onto
    the same tasks.
    """
    used = {k[0] for k in ctx.records.of(m.Task)} | {t["_code_given"] for t in tasks if t["_code_given"]}

    def clash(code: str, name: str) -> bool:
        return code in used or (code in ctx.plan_task_names and ctx.plan_task_names[code] != name)

    for t in tasks:
        code = t["_code_given"] or t["_wbs"]
        prefix = ctx.module_prefixes.get((t.get("module_id") or ("",))[0], "")
        if not code and prefix and not t.get("_summary"):  # the module's own IDs: TP-05 after TP-04
            code = _next_with_prefix(ctx, prefix, used, t["name"])
        if not code or clash(code, t["name"]) and not t["_code_given"]:
            ctx.task_counter += 1
            code = f"T-{ctx.task_counter:03d}"
            while clash(code, t["name"]):
                ctx.task_counter += 1
                code = f"T-{ctx.task_counter:03d}"
        used.add(code)
        t["code"] = code


def _next_with_prefix(ctx: Context, prefix: str, used: set[str], name: str) -> str:
    taken = used | set(ctx.plan_task_names)
    numbers = [int(mt[1]) for c in taken if (mt := re.fullmatch(re.escape(prefix) + r"-?(\d+)", c))]
    for code, plan_name in ctx.plan_task_names.items():  # the same task imported again keeps its ID
        if plan_name == name and re.fullmatch(re.escape(prefix) + r"-?\d+", code) and code not in used:
            return code
    n = max(numbers, default=0) + 1
    return f"{prefix}-{n:02d}"


def _outline(tasks: list[dict[str, Any]], by_wbs: dict[str, dict], summaries: dict[tuple, dict]) -> None:
    """Parents from WBS numbers (1.2 under 1) and from groups; summary dates roll up from children."""
    for t in tasks:
        parent = None
        if t["_wbs"] and "." in t["_wbs"]:
            parent = by_wbs.get(t["_wbs"].rsplit(".", 1)[0])
        if parent is None and t["_group"]:
            parent = summaries.get(t["_group"])
        if parent is None:
            parent = t.get("_phase")
        if parent is not None and parent is not t:
            t["_parent"] = parent
            parent["_summary"] = True
    children: dict[int, list[dict]] = {}
    for t in tasks:
        if t.get("_parent") is not None:
            children.setdefault(id(t["_parent"]), []).append(t)
    for t in reversed(tasks):  # children come after their summary: roll up from the bottom
        if t.get("_summary"):
            kids = [k for k in children.get(id(t), ()) if k.get("start_date") is not None]
            if kids:
                t["start_date"] = min(k["start_date"] for k in kids)
                t["end_date"] = max(k["end_date"] for k in kids)
                t.setdefault("period_style", m.PeriodStyle.date.value)


def _store_task(ctx: Context, lifted: Lifted, t: dict[str, Any]) -> None:
    values = {k: v for k, v in t.items() if not k.startswith("_")}
    row: LiftedRow = t["_row"]
    if values.get("start_date") is None and not UNDATED_OK:
        start = ctx.programme_start or ctx.earliest or dt.date.today()
        values["start_date"] = start
        values["end_date"] = ctx.calendar_add(start, max(1, values.get("duration_days") or 1) - 1)
        row_problem(ctx, lifted, row.r, "warning", _("no dates: placed at the plan's start"), "task_undated",
                    fix=_("write a start and end date"))
    if HAS_OUTLINE and t.get("_parent") is not None:
        values["parent_id"] = (t["_parent"]["code"],)
    values.setdefault("period_style", m.PeriodStyle.date.value)
    if "scheduling" in m.Task.model_fields and values.get("start_date") is None:
        values["scheduling"] = m.Scheduling.auto.value
    record = Record(m.Task, values, _origin(lifted, row))
    scope = ("parent", values["parent_id"]) if values.get("parent_id") else None  # top level: one list
    set_order(ctx, record, scope=scope)
    old = ctx.records.put(record)
    if old is not None:
        level = "warning" if old.values == record.values else "error"
        row_problem(ctx, lifted, row.r, level, _("duplicate task ID {code} (also at {place})", code=values["code"],
                                                 place=old.origin), "duplicate_id", value=values["code"],
                    fix=_("give each task its own ID"))


# --- dependencies -------------------------------------------------------------------------------
_DEP_SPLIT = re.compile(r"\s*(?:[,，、;；&\n]|\band\b|和|及)\s*")
_DEP_ITEM = re.compile(
    r"^(?P<ref>.+?)\s*(?P<type>FS|SS|FF|SF)?\s*(?:(?P<sign>[+-])\s*(?P<lag>\d+(?:\.\d+)?)\s*(?P<unit>d|days?|天|工作日|w|wks?|weeks?|周)?)?$",
    re.I)


def resolve_generic_dependencies(ctx: Context) -> None:
    """Predecessors written as IDs, WBS numbers or row numbers (2fs, 3SS+2d, 4FF-1 day, "5,6", "1 - 15")."""
    codes = ctx.known_tasks | {k[0] for k in ctx.records.of(m.Task)}
    for lifted, row, code, text, refs in ctx.generic_deps:
        col = lifted.column_of("deps")
        if col is not None:
            ctx.dep_columns.setdefault(sheet_label(lifted), get_column_letter(col + 1))
        ctx.replace_scopes.add((m.Dependency, "successor_id", (code,)))
        for item in _dep_items(text, refs):
            spec = _dep_item(item, refs, codes)
            if spec is None:
                col = lifted.column_of("deps")
                ctx.problems.add("error" if ctx.strict else "warning", _("unknown predecessor {item}", item=item),
                                 sheet=sheet_label(lifted), row=row.r + 1,
                                 column=get_column_letter(col + 1) if col is not None else "", value=text[:80],
                                 code="dep_unknown", fix=_("write the predecessor's ID, WBS number or row number"))
                continue
            pred, dep_type, lag, unit = spec
            if pred == code:
                continue
            ctx.records.put(Record(m.Dependency, {
                "predecessor_id": (pred,), "successor_id": (code,), "type": dep_type, "lag": lag,
                "lag_unit": unit, "threshold": 1.0, "text": item}, _origin(lifted, row)))


def _dep_items(text: str, refs: dict[str, str]) -> list[str]:
    out = []
    for item in _DEP_SPLIT.split(unicodedata.normalize("NFKC", text).strip()):
        item = item.strip()
        span = re.fullmatch(r"(\d+)\s+-\s+(\d+)", item)  # "1 - 15": rows 1 to 15; "1-15" is one ID
        if span and int(span[2]) - int(span[1]) < 500:
            out += [str(n) for n in range(int(span[1]), int(span[2]) + 1)]
        elif item:
            out.append(item)
    return out


def _dep_item(item: str, refs: dict[str, str], codes: set[str]) -> tuple[str, str, int, str] | None:
    if _wbs_text(item) in refs:
        return refs[_wbs_text(item)], "FS", 0, "d"
    if item in codes:
        return item, "FS", 0, "d"
    match = _DEP_ITEM.match(item)
    if not match:
        return None
    ref = match["ref"].strip()
    pred = refs.get(_wbs_text(ref)) or (ref if ref in codes else None)
    if pred is None:
        return None
    lag = 0
    unit = "d"
    if match["lag"]:
        lag = int(float(match["lag"])) * (-1 if match["sign"] == "-" else 1)
        unit = "w" if (match["unit"] or "").lower().startswith(("w", "周")) else "d"
    return pred, (match["type"] or "FS").upper(), lag, unit
