"""`planner info PLAN [--json]`: name, dates and what the plan holds."""

from __future__ import annotations

from planner.cli import HELP

import json

from planner.cli.common import read_plan
from planner.plan import Plan

COUNTED = (
    ("stages", "stages"), ("modules", "modules"), ("tasks", "tasks"),
    ("dependencies", "dependencies"), ("milestones", "milestones"), ("risks", "risks"),
    ("teams", "teams"), ("roles", "roles"), ("raci", "RACI cells"), ("objectives", "objectives"),
    ("key_results", "key results"), ("indicators", "indicators"), ("readings", "readings"),
    ("baselines", "baselines"),
)


def register(sub) -> None:
    p = sub.add_parser("info", help=HELP["info"])
    p.add_argument("plan", help="a .plan file")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(func=run)


def summary(plan: Plan) -> dict:
    prog = plan.programme
    starts = [t.start_date for t in plan.tasks if t.start_date is not None]  # undated tasks have none
    ends = [t.end_date for t in plan.tasks if t.end_date is not None]
    return {
        "name": prog.name,
        "start_date": prog.start_date.isoformat(),
        "language": prog.language,
        "first_task_start": min(starts).isoformat() if starts else None,
        "last_task_end": max(ends).isoformat() if ends else None,
        "counts": {key: len(getattr(plan, key)) for key, _ in COUNTED},
    }


def run(args) -> int:
    info = summary(read_plan(args.plan))
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=1, sort_keys=True))
        return 0
    print(f"name:         {info['name']}")
    print(f"start:        {info['start_date']}")
    print(f"language:     {info['language']}")
    if info["first_task_start"]:
        print(f"tasks span:   {info['first_task_start']} .. {info['last_task_end']}")
    for key, label in COUNTED:
        print(f"{label + ':':<14}{info['counts'][key]}")
    return 0
