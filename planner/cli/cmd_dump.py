"""`planner dump PLAN [-o FILE] [--natural]`: the whole plan as stable, sorted JSON."""

from __future__ import annotations

from planner.cli import HELP

from planner.cli.common import read_plan, write_text
from planner.dump import dump_json


def register(sub) -> None:
    p = sub.add_parser("dump", help=HELP["dump"])
    p.add_argument("plan", help="a .plan file")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.add_argument("--natural", action="store_true",
                   help="drop row ids; write references as task codes and names")
    p.set_defaults(func=run)


def run(args) -> int:
    write_text(dump_json(read_plan(args.plan), natural=args.natural), args.output)
    return 0
