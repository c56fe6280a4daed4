"""`planner import FILE.xlsx... [--into PLAN] [--apply] [--json] [--map MAP.json] [--show-map] [--strict]`.

Prints what would change and every problem (or the whole preview as JSON), and applies it.
A bad cell is a warning and its row imports without it; `--strict` refuses the import on any
error, as scripts may want. `--show-map` prints the column map used on each sheet read by
evidence, in the JSON that `--map` reads back (the same files the import dialog saves).
"""

from __future__ import annotations

from planner.cli import HELP

import datetime as dt
import json
import sys
from pathlib import Path

from planner import model as m
from planner.i18n import _


def register(sub) -> None:
    p = sub.add_parser("import", help=HELP["import"])
    p.add_argument("files", nargs="+", help=".xlsx workbooks (several returned templates may be read together), or one MS Project "
                   "XML file (.xml), or .mpp/.mpx/.gan/.pod/.planner/.xer through MPXJ")
    p.add_argument("--into", metavar="PLAN", help="the plan to import into (created by --apply if missing)")
    p.add_argument("--apply", action="store_true", help="write the import into PLAN (one transaction)")
    p.add_argument("--period", default="", help="reporting period for statistics sheets without one (2025-03, 2025-W12)")
    p.add_argument("--start", metavar="DATE", help="the plan's start date, for week-based plans (2025-03-03)")
    p.add_argument("--json", action="store_true", help="print the preview as JSON (tables, rows, problems)")
    p.add_argument("--map", metavar="MAP.json", help="column maps to use instead of the guessed ones")
    p.add_argument("--show-map", action="store_true", help="print the column maps used, as JSON for --map")
    p.add_argument("--strict", action="store_true", help="refuse the import on any bad cell (errors, not warnings)")
    p.add_argument("--conflicts", choices=("overwrite", "keep"), default="",
                   help="what to do where the plan holds newer data than the workbook")
    p.add_argument("--quiet", action="store_true", help="print only the summary and the problems")
    p.set_defaults(func=run)


def _options(args):
    from planner.errors import ValidationError
    from planner.excel.colmap import load_maps
    from planner.excel.preview import ImportOptions

    start = None
    if args.start:
        try:
            start = dt.date.fromisoformat(args.start)
        except ValueError:
            raise ValidationError(_("--start: not a date ({value}); use 2025-03-03", value=args.start),
                                  where="--start", key="bad_start") from None
    maps = load_maps(args.map) if args.map else []
    return ImportOptions(period=args.period, programme_start=start, strict=args.strict, maps=maps,
                         conflict_default=args.conflicts)


def run(args) -> int:
    from planner.cli.interop import import_preview, wants_interop_import
    from planner.excel.preview import read_workbooks

    options = _options(args)
    project = _open(args)
    try:
        plan = project.read(_load) if project is not None else None
        if wants_interop_import(args.files):  # MS Project and other planners' files
            preview = import_preview(args.files, plan)
        else:
            preview = read_workbooks(args.files, plan, options)
        if args.show_map:
            from planner.excel.colmap import maps_json

            print(json.dumps(maps_json(preview.maps()), ensure_ascii=False, indent=2))
        elif args.json:
            from planner.excel.preview_json import preview_json

            print(json.dumps(preview_json(preview), ensure_ascii=False, indent=1, default=str))
        else:
            print_preview(preview, quiet=args.quiet)
        if not preview.ok:
            print(_("{count} error(s): nothing imported.", count=len(preview.problems.errors)), file=sys.stderr)
            return 1
        if args.apply:
            _apply(args, project, preview, options)
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

            raise ValidationError(_("--apply needs --into PLAN (the plan to write)."), where="--apply")
        return None
    from planner.server.url import is_server_url

    if is_server_url(args.into):  # a plan on a server: the import is one transaction there
        return Project.open(args.into, read_only=not args.apply)
    path = Path(args.into)
    if path.exists():
        return Project.open(path, read_only=not args.apply)
    return None


def new_plan_start(preview, options) -> dt.date:
    """A plan made by an import starts where the work starts: --start, the cover, the earliest date."""
    cover = preview.records.get(m.Programme, ())
    return (options.programme_start or (cover.values.get("start_date") if cover else None) or preview.earliest
            or dt.date.today())


def _apply(args, project, preview, options) -> None:
    from planner.document import Project
    from planner.excel.apply import apply_import

    if project is None:
        cover = preview.records.get(m.Programme, ())
        name = (cover.values.get("name") if cover else None) or Path(args.into).stem
        project = Project.new(name, new_plan_start(preview, options))
        project.run(apply_import, preview)
        project.save_as(Path(args.into))
        project.close()
    else:
        project.run(apply_import, preview)
        project.save()
    print(_("imported into {plan}", plan=args.into))


def print_preview(preview, *, quiet: bool = False, out=None) -> None:
    from planner.excel.headers import kind_label
    from planner.excel.records import Change

    out = out or sys.stdout
    counts = preview.counts()
    print(_("{add} to add, {change} to change, {remove} to remove, {skip} rows skipped; {errors} error(s), {warnings} warning(s)",
            **counts), file=out)
    for report in preview.sheets:
        if report.map is not None and report.lifted is not None:
            print("  " + _("sheet {sheet}: {kind}, header row {row}, {rows} rows", sheet=report.sheet,
                           kind=kind_label(report.map.kind), row=report.map.header_row + 1, rows=len(report.lifted.rows)), file=out)
            notes = "、".join(f"{c.letter} {c.header}" for c in report.map.columns if c.use == "note")
            if notes:
                print("    " + _("kept as notes: {columns}", columns=notes), file=out)
    if not quiet:
        for change in preview.changes:
            print(f"  {change.describe(preview.plan)}", file=out)
        for table, key in preview.removals:
            print("  " + _("remove {item}", item=Change("remove", table, key, {}).item(preview.plan)), file=out)
    if preview.collection is not None:
        for line in preview.collection.lines():
            print(f"  {line}", file=out)
    levels = {"error": _("error"), "warning": _("warning")}
    for problem in preview.problems.items:
        fix = f" → {problem.fix}" if problem.fix and not quiet else ""
        print(_("{level}: {message}", level=levels.get(problem.level, problem.level), message=f"{problem}{fix}"),
              file=out)
