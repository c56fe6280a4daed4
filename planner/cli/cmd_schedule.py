"""`planner schedule PLAN [--json] [--today DATE]`: critical path, float, late tasks, conflicts."""

from __future__ import annotations

from planner.cli import HELP

import json

from pathlib import Path

from planner.i18n import _
from planner.cli.common import parse_date_arg, read_plan
from planner.errors import FileDamaged
from planner.plan import Plan
from planner.schedule import ScheduleResult, schedule_plan


def register(sub) -> None:
    p = sub.add_parser("schedule", help=HELP["schedule"])
    p.add_argument("plan", help="a .plan file")
    p.add_argument("--json", action="store_true", help="print JSON instead of tables")
    p.add_argument("--today", metavar="DATE", help="status date (YYYY-MM-DD); default: the plan's, else today")
    p.set_defaults(func=run)


def report(plan: Plan, result: ScheduleResult) -> dict:
    """Everything the command prints, as plain data in plan order (stable for equal input)."""
    code = {t.id: t.code for t in plan.tasks}
    outline = plan.outline
    wbs = outline.wbs()
    tasks = []
    for t in map(plan.task_by_id.__getitem__, outline.order):  # summaries before their sub-tasks
        tm = result.timings[t.id]
        summary = outline.is_summary(t.id)
        tasks.append({
            "code": t.code, "wbs": wbs[t.id], "summary": summary,
            "parent": code.get(t.parent_id), "owner": t.owner, "estimated": t.estimated or t.start_date is None,
            "scheduling": t.scheduling,
            "start": tm.start.isoformat(), "finish": tm.finish.isoformat(),
            "late_start": tm.late_start.isoformat(), "late_finish": tm.late_finish.isoformat(),
            "duration": tm.duration, "total_float": tm.total_float, "free_float": tm.free_float,
            "critical": tm.critical, "late": tm.late, "at_risk": tm.at_risk,
            "progress": result.summary_progress.get(t.id, t.progress),
        })
    milestones = []
    for ms in plan.milestones:
        f = result.milestones.get(ms.id)
        if f is not None:
            milestones.append({"name": ms.name, "task": code.get(ms.task_id), "planned": f.planned.isoformat(),
                               "forecast": f.forecast.isoformat(), "status": f.status, "slip_days": f.slip_days})
    return {
        "programme": plan.programme.name,
        "status_date": result.status_date.isoformat() if result.status_date else None,
        "project_start": result.project_start.isoformat() if result.project_start else None,
        "project_finish": result.project_finish.isoformat() if result.project_finish else None,
        "critical_path": [code[i] for i in result.critical_path],
        "late": [t["code"] for t in tasks if t["late"]],
        "at_risk": [t["code"] for t in tasks if t["at_risk"]],
        "conflicts": [
            {"kind": c.kind.value, "task": c.task_code, "message": c.message, "days": c.days}
            for c in result.conflicts
        ],
        "milestones": milestones,
        "tasks": tasks,
    }


def read_for_schedule(path: str | Path) -> Plan:
    """Open the plan (checks, migrations) and read only what scheduling needs, as plain rows:
    several times faster than the full ORM load on big plans."""
    from planner.schedule.loader import SCHEDULE_TABLES
    from planner.server.url import is_server_url

    path = path if is_server_url(path) else Path(path)  # postgresql://host/db?plan=NAME: a plan on a server
    if isinstance(path, Path) and path.is_dir():
        raise FileDamaged(_("{path} is a folder, not a plan file.", path=path), where=str(path))
    return read_plan(path, SCHEDULE_TABLES)


def run(args) -> int:
    today = parse_date_arg(args.today, "--today") if args.today else None
    plan = read_for_schedule(args.plan)
    data = report(plan, schedule_plan(plan, today))
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True))
    else:
        print(render_text(data))
    return 0


def render_text(d: dict) -> str:
    lines = [
        *_labelled([(_("Programme:"), d["programme"]), (_("Status date:"), d["status_date"]),
                    (_("Span:"), f"{d['project_start'] or '-'} .. {d['project_finish'] or '-'}"),
                    (_("Critical path:"), " → ".join(d["critical_path"]) or "-")]),
        "",
        _table(
            ("WBS", _("Task"), _("Start"), _("Finish"), _("Days"), _("Float"), _("Free"), _("Flags")),
            [(t["wbs"], "  " * t["wbs"].count(".") + t["code"], t["start"], t["finish"],
              f"{t['duration']}?" if t["estimated"] else t["duration"], t["total_float"], t["free_float"], _flags(t))
             for t in d["tasks"]],
        ),
    ]
    none = _("none")
    lines += [""] + _labelled([(_("Late tasks:"), ", ".join(d["late"]) or none),
                               (_("At risk:"), ", ".join(d["at_risk"]) or none)])
    lines += ["", _("Conflicts ({n}):", n=len(d["conflicts"])) if d["conflicts"] else _("Conflicts: none")]
    lines += [f"  {c['message']}" for c in d["conflicts"]]
    if d["milestones"]:
        statuses = {"met": _("met"), "missed": _("missed"), "at_risk": _("at risk"), "on_track": _("on track"),
                    "pending": _("pending"), "late": _("late")}
        lines += ["", _table(
            (_("Milestone"), _("Planned"), _("Forecast"), _("Status"), _("Slip")),
            [(x["name"], x["planned"], x["forecast"], statuses.get(x["status"], x["status"]), x["slip_days"])
             for x in d["milestones"]],
        )]
    return "\n".join(lines)


def _labelled(pairs: list[tuple[str, object]]) -> list[str]:
    """`label  value` lines with the values in one column (CJK labels are two columns a character)."""
    width = max(_width(label) for label, _value in pairs) + 1
    return [label + " " * (width - _width(label)) + str(value) for label, value in pairs]


def _flags(t: dict) -> str:
    return " ".join(name for name, on in ((_("summary"), t["summary"]), (_("critical"), t["critical"]),
                                          (_("late"), t["late"]), (_("at-risk"), t["at_risk"]),
                                          (_("manual"), t["scheduling"] == "manual" and not t["summary"]))
                    if on)


def _width(s: str) -> int:
    # CJK characters take two columns in a terminal
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in s)


def _table(header: tuple, rows: list[tuple]) -> str:
    cells = [[str(c) for c in header]] + [[str(c) for c in r] for r in rows]
    widths = [max(_width(r[i]) for r in cells) for i in range(len(header))]
    out = []
    for r in cells:
        out.append("  ".join(c + " " * (w - _width(c)) for c, w in zip(r, widths)).rstrip())
    out.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(out)
