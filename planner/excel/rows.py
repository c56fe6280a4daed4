"""The plan as table rows for export: one dict per row, keyed by the shared schema's column keys."""

from __future__ import annotations

from typing import Any

from planner import model as m
from planner.excel.schema import TableSpec
from planner.plan import Plan


def _model_row(spec: TableSpec, row: Any, plan: Plan) -> dict[str, Any]:
    out = {}
    for column in spec.columns:
        if hasattr(row, column.key):
            value = getattr(row, column.key)
            out[column.key] = ref_name(plan, column.ref, value) if column.kind == "ref" else value
    return out


def ref_name(plan: Plan, ref: str, row_id: int | None) -> str:
    if row_id is None:
        return ""
    if ref == "stages":
        return plan.stage_by_id[row_id].name
    if ref == "modules":
        return plan.module_by_id[row_id].name
    if ref == "teams":
        return plan.team_by_id[row_id].name
    if ref == "tasks":
        return plan.task_by_id[row_id].code
    if ref == "indicators":
        return plan.indicator_by_id[row_id].code
    raise KeyError(ref)


def stage_label(stage: m.Stage) -> str:
    """The label as written when it names the stage ("第一阶段（0-6 个月）：基础建设期"), else the name."""
    from planner.excel.mapping import stage_fields

    if stage.label and stage_fields(stage.label)["name"] == stage.name:
        return stage.label
    return stage.name


def simple_rows(spec: TableSpec, plan: Plan, items: list) -> list[dict[str, Any]]:
    return [_model_row(spec, row, plan) for row in items]


def task_rows(spec: TableSpec, plan: Plan) -> tuple[list[dict[str, Any]], list[tuple[int, str]]]:
    """Tasks grouped by module (modules in plan order, a heading before each), each top-level
    task followed by its sub-tasks in outline order. The outline numbers are those the task
    matrix shows (`Plan.outline`); `_depth` is the outline level (0 = top)."""
    from planner.outline import build_outline
    from planner.schedule.notation import format_span

    start = plan.programme.start_date
    wbs = plan.outline.wbs()
    outline = build_outline(plan.tasks, plan.modules)
    by_id = plan.task_by_id
    rows, sections, last = [], [], object()
    for task_id in outline.order:
        task = by_id[task_id]
        depth = outline.depth[task_id]
        if depth == 0 and task.module_id != last:
            last = task.module_id
            name = plan.module_by_id[task.module_id].name if task.module_id in plan.module_by_id else ""
            sections.append((len(rows), f"{name}模块" if name else "其他任务"))
        row = _model_row(spec, task, plan)
        row["outline_number"] = wbs[task_id]
        row["_depth"] = depth
        if task.start_date is None:
            row["span"] = ""  # not scheduled yet: the duration (and its estimate flag) says it all
        else:
            try:
                row["span"] = format_span(task.start_date, task.end_date, task.period_style, start)
            except ValueError:
                row["span"] = format_span(task.start_date, task.end_date, "date", start)
        row["deps"] = deps_text(plan, task)
        rows.append(row)
    return rows, sections


def deps_text(plan: Plan, task: m.Task) -> str:
    deps = sorted(plan.predecessors_of.get(task.id, []), key=lambda d: d.id)
    if not deps:
        return "无"
    texts: list[str] = []
    for d in deps:
        text = d.text or _generated(plan, d)
        if text not in texts:
            texts.append(text)
    return "、".join(texts)


def _generated(plan: Plan, d: m.Dependency) -> str:
    code = plan.task_by_id[d.predecessor_id].code
    extra = "" if d.type == "FS" else f" {d.type}"
    if d.lag:
        extra += f"{d.lag:+d}{'w' if d.lag_unit == 'w' else 'd'}"
    if d.threshold < 1:
        extra += f" {round(d.threshold * 100)}%"
    return code + extra


def cell_rows(spec: TableSpec, plan: Plan) -> tuple[list[dict[str, Any]], list[tuple[int, int]]]:
    """Roadmap cells by stage then module; returns the rows and the row spans to merge per stage."""
    s_order = {s.id: i for i, s in enumerate(plan.stages)}
    m_order = {x.id: i for i, x in enumerate(plan.modules)}
    cells = sorted(plan.cells, key=lambda c: (s_order[c.stage_id], m_order[c.module_id]))
    rows, spans, start = [], [], 0
    for i, cell in enumerate(cells):
        row = _model_row(spec, cell, plan)
        row["stage_id"] = stage_label(plan.stage_by_id[cell.stage_id])
        rows.append(row)
        if i + 1 == len(cells) or cells[i + 1].stage_id != cell.stage_id:
            spans.append((start, i))
            start = i + 1
    return rows, spans


def division_rows(spec: TableSpec, plan: Plan) -> list[dict[str, Any]]:
    letters: dict[int, dict[str, list[str]]] = {}
    for cell in sorted(plan.raci, key=lambda c: _team_rank(plan, c.team_id)):
        if cell.module_id is not None:
            letters.setdefault(cell.module_id, {}).setdefault(cell.role, []).append(plan.team_by_id[cell.team_id].name)
    division = {d.module_id: d for d in plan.division}
    rows = []
    for module in plan.modules:
        d = division.get(module.id)
        if d is None and module.id not in letters:
            continue
        got = letters.get(module.id, {})
        rows.append({
            "module_id": module.name, "responsible": "、".join(got.get("R", [])),
            "collaborators": "、".join(got.get("C", [])), "decision_maker": d.decision_maker if d else "",
            "executing_roles": d.executing_roles if d else "", "cadence": d.cadence if d else "",
        })
    return rows


def _team_rank(plan: Plan, team_id: int) -> tuple[int, int]:
    team = plan.team_by_id[team_id]
    return team.order, team.id


def raci_rows(plan: Plan, lang: str) -> tuple[list[str], list[tuple[str, str, dict[str, str]]]]:
    """Team columns, and (kind, subject, {team: letter}) rows: every module, then tasks with letters."""
    teams = [t.name for t in plan.teams]
    by_subject: dict[tuple[str, int], dict[str, str]] = {}
    for cell in plan.raci:
        subject = ("module", cell.module_id) if cell.module_id is not None else ("task", cell.task_id)
        by_subject.setdefault(subject, {})[plan.team_by_id[cell.team_id].name] = cell.role
    kinds = {"module": ("模块", "Module"), "task": ("任务", "Task")}
    rows = [(kinds["module"][lang == "en"], mod.name, by_subject.get(("module", mod.id), {})) for mod in plan.modules]
    for task in plan.tasks:
        if ("task", task.id) in by_subject:
            rows.append((kinds["task"][lang == "en"], task.code, by_subject[("task", task.id)]))
    return teams, rows


def okr_rows(spec: TableSpec, plan: Plan) -> list[dict[str, Any]]:
    links: dict[int, list[str]] = {}
    for link in sorted(plan.kr_links, key=lambda x: x.id):
        code = ref_name(plan, "indicators", link.indicator_id) if link.indicator_id else ref_name(plan, "tasks", link.task_id)
        links.setdefault(link.key_result_id, []).append(code)
    rows = []
    for obj in plan.objectives:
        krs = sorted((k for k in plan.key_results if k.objective_id == obj.id), key=lambda k: (k.order, k.id))
        head = {"objective_order": obj.order, "objective_code": obj.code, "objective_title": obj.title,
                "objective_kind": obj.kind, "objective_owner": obj.owner, "objective_period": obj.period}
        if not krs:
            rows.append(dict(head))
        for kr in krs:
            row = dict(head)
            row.update(_model_row(spec, kr, plan))
            row["links"] = "、".join(links.get(kr.id, []))
            rows.append(row)
    return rows


def baseline_rows(plan: Plan) -> list[dict[str, Any]]:
    rows = []
    for b in plan.baselines:
        items = [bt for bt in plan.baseline_tasks if bt.baseline_id == b.id]
        if not items:
            rows.append({"baseline": b.name, "taken_on": b.taken_on})
        for bt in items:
            rows.append({"baseline": b.name, "taken_on": b.taken_on, "task_id": plan.task_by_id[bt.task_id].code,
                         "start_date": bt.start_date, "end_date": bt.end_date, "progress": bt.progress})
    return rows


def reading_rows(plan: Plan, *, period: str | None = None, indicators: list | None = None) -> list[dict[str, Any]]:
    """Every reading (period None), or one row per indicator for `period` (a fill-in template)."""
    def base(ind: m.Indicator) -> dict[str, Any]:
        return {"indicator_code": ind.code, "indicator_name": ind.name, "target_text": ind.target_text,
                "target": ind.target, "baseline": ind.baseline, "_rule": ind.rule}

    chosen = indicators if indicators is not None else plan.indicators
    rows = []
    for ind in chosen:
        readings = plan.readings_of.get(ind.id, [])
        if period is not None:
            readings = [r for r in readings if r.period == period] or [None]
        for reading in readings:
            row = base(ind)
            row["period"] = period if reading is None else reading.period
            if reading is not None:
                row.update({k: getattr(reading, k) for k in ("period_value", "cumulative_value", "test_date", "tester",
                                                               "source", "exception_note", "verified", "verified_by")})
            rows.append(row)
    return rows
