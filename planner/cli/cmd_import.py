"""`planner import FILE.xlsx... [--into PLAN] [--apply] [--period P]`: preview (and apply) workbooks."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from planner import model as m


def register(sub) -> None:
    p = sub.add_parser("import", help="read Excel workbooks, print what would change and every problem")
    p.add_argument("files", nargs="+", help=".xlsx workbooks (several returned templates may be read together), or one MS Project "
                   "XML file (.xml), or .mpp/.mpx/.gan/.pod/.planner/.xer through MPXJ")
    p.add_argument("--into", metavar="PLAN", help="the plan to import into (created by --apply if missing)")
    p.add_argument("--apply", action="store_true", help="write the import into PLAN (one transaction)")
    p.add_argument("--period", default="", help="reporting period for statistics sheets without one (2025-03, 2025-W12)")
    p.add_argument("--quiet", action="store_true", help="print only the summary and the problems")
    p.set_defaults(func=run)


def run(args) -> int:
    from planner.cli.interop import import_preview, wants_interop_import
    from planner.excel.preview import ImportOptions, read_workbooks

    project = _open(args)
    try:
        plan = project.read(_load) if project is not None else None
        if wants_interop_import(args.files):  # MS Project and other planners' files
            preview = import_preview(args.files, plan)
        else:
            preview = read_workbooks(args.files, plan, ImportOptions(period=args.period))
        print_preview(preview, quiet=args.quiet)
        if not preview.ok:
            print(f"{len(preview.problems.errors)} error(s): nothing imported.", file=sys.stderr)
            return 1
        if args.apply:
            _apply(args, project, preview)
        return 0
    finally:
        if project is not None:
            project.close()


def _load(s):
    from planner.plan import load_plan

    return load_plan(s)


def _open(args):
    from planner.document import Project

    if not args.into:
        if args.apply:
            from planner.errors import ValidationError

            raise ValidationError("--apply needs --into PLAN (the plan to write).", where="--apply")
        return None
    path = Path(args.into)
    if path.exists():
        return Project.open(path, read_only=not args.apply)
    return None


def _apply(args, project, preview) -> None:
    from planner.document import Project
    from planner.excel.apply import apply_import

    if project is None:
        cover = preview.records.get(m.Programme, ())
        name = (cover.values.get("name") if cover else None) or Path(args.into).stem
        start = (cover.values.get("start_date") if cover else None) or dt.date.today()
        project = Project.new(name, start)
        project.run(apply_import, preview)
        project.save_as(Path(args.into))
        project.close()
    else:
        project.run(apply_import, preview)
        project.save()
    print(f"imported into {args.into}")


def print_preview(preview, *, quiet: bool = False, out=None) -> None:
    out = out or sys.stdout
    counts = preview.counts()
    print(f"{counts['add']} to add, {counts['change']} to change, {counts['remove']} to remove; "
          f"{counts['errors']} error(s), {counts['warnings']} warning(s)", file=out)
    if not quiet:
        for change in preview.changes:
            print(f"  {change.describe()}", file=out)
        for table, key in preview.removals:
            print(f"  remove {table.__name__} {key}", file=out)
    if preview.collection is not None:
        for line in preview.collection.lines():
            print(f"  {line}", file=out)
    for problem in preview.problems.items:
        print(f"{problem.level}: {problem}", file=out)
