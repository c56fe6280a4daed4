"""`planner export PLAN --template stats|tasks|raci|system|workbook|collect -o FILE.xlsx`."""

from __future__ import annotations

from planner.cli import HELP

import sys

from planner.i18n import _
from planner.cli.common import read_plan
from planner.cli.interop import add_export_options, export_format, run_export
from planner.excel.export import KINDS


def register(sub) -> None:
    p = sub.add_parser("export", help=HELP["export"])
    p.add_argument("plan", help="a .plan file")
    p.add_argument("--template", choices=KINDS, help="which template to write (xlsx and csv)")
    add_export_options(p)
    p.add_argument("--team", help="collect: the team whose indicators the workbook asks for")
    p.add_argument("--period", help="stats/collect: the reporting period (2025-03 or 2025-W12)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="header language (default zh)")
    p.add_argument("-o", "--output", required=True, help="the file to write: .xlsx, .csv (the tasks, system, stats or raci table), .xml (MS Project) or .ics")
    p.set_defaults(func=run)


def run(args) -> int:
    from planner.excel.export import export_template

    fmt = export_format(args)
    if fmt in ("mspdi", "ics"):
        return run_export(args, read_plan(args.plan))
    if not args.template:
        from planner.errors import ValidationError

        raise ValidationError(_("--template is needed for an Excel or CSV export (or --format mspdi|ics)."),
                              where="--template")
    if fmt == "csv":
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
