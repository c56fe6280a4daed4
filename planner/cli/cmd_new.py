"""`planner new PATH --name N --start DATE [--lang zh_CN|en]`: create an empty plan file."""

from __future__ import annotations

from planner.cli import HELP

from pathlib import Path

from planner.i18n import _
from planner import model as m
from planner.cli.common import parse_date_arg
from planner.errors import DocumentError, ValidationError
from planner.services.fields import check_date


def register(sub) -> None:
    p = sub.add_parser("new", help=HELP["new"])
    p.add_argument("path", help="the plan file to create (.plan)")
    p.add_argument("--name", required=True, help="programme name")
    p.add_argument("--start", required=True, help="programme start date, YYYY-MM-DD (week 1 starts here)")
    p.add_argument("--lang", default=m.Language.zh.value, choices=[x.value for x in m.Language])
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.set_defaults(func=run)


def run(args) -> int:
    from planner.document import PLAN_SUFFIX, Project

    start = check_date(parse_date_arg(args.start, "--start"), "--start", where="--start")
    if not args.name.strip():
        raise ValidationError(_("--name: the programme needs a name."), where="--name")
    path = Path(args.path)
    if path.suffix != PLAN_SUFFIX:
        path = path.with_suffix(PLAN_SUFFIX)
    if path.exists() and not args.force:
        raise DocumentError(_("{path} already exists; use --force to replace it.", path=path), where=str(path))
    if not path.parent.is_dir():
        raise DocumentError(_("Folder {parent} does not exist.", parent=path.parent), where=str(path.parent))
    project = Project.create(path, args.name.strip(), start, language=args.lang)
    project.close()
    print(f"created {path}")
    return 0
