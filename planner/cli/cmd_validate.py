"""`planner validate PLAN [--json]`: RACI rules, cycles, unknown predecessors, date conflicts, tasks outside their stage.

Exit status 1 when there are errors; warnings (fixed dates that break a dependency, work
started before a progress threshold was reached, a task running outside its stage) are printed
with status 0.
"""

from __future__ import annotations

from planner.cli import HELP

import json
from dataclasses import asdict, dataclass

from planner.cli.common import read_plan
from planner.errors import CycleError
from planner.i18n import _
from planner.plan import Plan
from planner.bounds import DATE_MAX, DATE_MIN


@dataclass(frozen=True)
class Finding:
    level: str  # "error" | "warning"
    kind: str
    where: str
    message: str


def register(sub) -> None:
    p = sub.add_parser("validate", help=HELP["validate"])
    p.add_argument("plan", help="a .plan file")
    p.add_argument("--json", action="store_true", help="print the findings as JSON")
    p.set_defaults(func=run)


def validate_plan(plan: Plan) -> list[Finding]:
    """Every problem of a plan: errors first in plan order, then warnings."""
    findings = _raci_findings(plan) + _date_findings(plan) + _schedule_findings(plan) + _stage_findings(plan)
    return sorted(findings, key=lambda f: f.level != "error")


def _raci_findings(plan: Plan) -> list[Finding]:
    from planner.raci import check_plan

    return [Finding("error", f"raci_{i.kind.value}", i.subject.describe(), i.message) for i in check_plan(plan)]


def _date_findings(plan: Plan) -> list[Finding]:
    out = []
    for task in plan.tasks:
        if task.start_date is None or task.end_date is None:
            continue  # not scheduled yet: placed from its links
        for name in ("start_date", "end_date"):
            day = getattr(task, name)
            if not DATE_MIN <= day <= DATE_MAX:
                out.append(Finding("error", "date_out_of_range", f"Task {task.code}",
                                   f"Task {task.code}, field {name}: {day} is outside the supported range."))
        if task.end_date < task.start_date:
            out.append(Finding("error", "start_after_end", f"Task {task.code}",
                               f"Task {task.code}: the start {task.start_date} is after the end {task.end_date}."))
    return out


def _schedule_findings(plan: Plan) -> list[Finding]:
    from planner.schedule import ConflictKind, schedule_plan

    try:
        result = schedule_plan(plan)
    except CycleError as exc:
        return [Finding("error", "cycle", exc.where, str(exc))]
    out = []
    for c in result.conflicts:
        level = "error" if c.kind is ConflictKind.unknown_predecessor else "warning"
        out.append(Finding(level, c.kind.value, f"Task {c.task_code}", c.message))
    return out


def _stage_findings(plan: Plan) -> list[Finding]:
    from planner.stages import tasks_outside_stage

    return [Finding("warning", o.code, f"Task {o.task_code}", o.message) for o in tasks_outside_stage(plan)]


def run(args) -> int:
    findings = validate_plan(read_plan(args.plan))
    errors = sum(f.level == "error" for f in findings)
    if args.json:
        print(json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=1))
    else:
        levels = {"error": _("error"), "warning": _("warning")}
        for f in findings:
            print(_("{level}: {message}", level=levels.get(f.level, f.level), message=f.message))
        print(_("{errors} error(s), {warnings} warning(s)", errors=errors, warnings=len(findings) - errors))
    return 1 if errors else 0
