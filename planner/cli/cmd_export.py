"""`planner export PLAN --template stats|tasks|raci|system|workbook|collect -o FILE.xlsx`."""

from __future__ import annotations

import sys

from planner.cli.common import read_plan
from planner.excel.export import KINDS


def register(sub) -> None:
    p = sub.add_parser("export", help="write an Excel template from a plan")
    p.add_argument("plan", help="a .plan file")
    p.add_argument("--template", required=True, choices=KINDS, help="which template to write")
    p.add_argument("--team", help="collect: the team whose indicators the workbook asks for")
    p.add_argument("--period", help="stats/collect: the reporting period (2025-03 or 2025-W12)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="header language (default zh)")
    p.add_argument("-o", "--output", required=True, help="the .xlsx file to write (.csv writes the tasks, system, stats or raci table as CSV)")
    p.set_defaults(func=run)


def run(args) -> int:
    from planner.excel.export import export_template

    if str(args.output).lower().endswith(".csv"):
        from planner.excel.csvexport import export_csv

        export_csv(read_plan(args.plan), args.template, args.output, lang=args.lang)
        print(f"wrote {args.output}")
        return 0
    notes = export_template(read_plan(args.plan), args.template, args.output, lang=args.lang,
                            team=args.team, period=args.period)
    for note in notes:
        print(f"warning: {note}", file=sys.stderr)
    print(f"wrote {args.output}")
    return 0
