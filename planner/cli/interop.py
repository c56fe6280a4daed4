"""The CLI's part of exchanging plans with other planners: `planner import plan.xml|.mpp ...` and
`planner export PLAN --format mspdi|ics -o FILE` (the sub-commands call in here)."""

from __future__ import annotations

from pathlib import Path

from planner.i18n import _

FORMATS = ("xlsx", "csv", "mspdi", "ics")


def wants_interop_import(files: list[str]) -> bool:
    from planner.interop.formats import is_project_file

    return any(is_project_file(f) for f in files)


def import_preview(files: list[str], plan):
    from planner.interop.formats import read_preview

    return read_preview([Path(f) for f in files], plan)


def add_export_options(p) -> None:
    p.add_argument("--format", choices=FORMATS, help="xlsx or csv (a --template), mspdi (MS Project XML) or ics "
                   "(iCalendar: milestones, stages and meetings); default from the -o suffix")


def export_format(args) -> str:
    if args.format:
        return args.format
    suffix = Path(args.output).suffix.lower()
    return {".xml": "mspdi", ".ics": "ics", ".csv": "csv"}.get(suffix, "xlsx")


def run_export(args, plan) -> int:
    import sys

    from planner.interop.formats import export

    for note in export(plan, export_format(args), args.output, team=args.team):
        print(_("warning: {note}", note=note), file=sys.stderr)
    print(_("wrote {file}", file=args.output))
    return 0
