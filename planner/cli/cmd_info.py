"""`planner info PLAN [--json]`: name, dates and what the plan holds."""

from __future__ import annotations

from planner.cli import HELP

import json

from planner.cli.common import read_plan
from planner.i18n import N_, _
from planner.plan import Plan

COUNTED = (
    ("stages", N_("stages")), ("modules", N_("modules")), ("tasks", N_("tasks")),
    ("dependencies", N_("dependencies")), ("milestones", N_("milestones")), ("risks", N_("risks")),
    ("teams", N_("teams")), ("roles", N_("roles")), ("raci", N_("RACI cells")), ("objectives", N_("objectives")),
    ("key_results", N_("key results")), ("indicators", N_("indicators")), ("readings", N_("readings")),
    ("baselines", N_("baselines")),
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
    lines = [(_("name"), info["name"]), (_("start"), info["start_date"]), (_("language"), info["language"])]
    if info["first_task_start"]:
        lines.append((_("tasks span"), f"{info['first_task_start']} .. {info['last_task_end']}"))
    lines += [(_(label), info["counts"][key]) for key, label in COUNTED]
    for label, value in lines:
        label = _("{label}:", label=label)
        print(label + " " * max(1, 14 - sum(2 if ord(ch) > 0x2E7F else 1 for ch in label)) + str(value))
    return 0
