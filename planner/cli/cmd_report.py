"""`planner report monthly|deviation PLAN -o FILE.pdf|xlsx [--lang] [--month YYYY-MM] [--today DATE]`."""

from __future__ import annotations

from planner.cli import HELP

from pathlib import Path

from planner.i18n import _
from planner.cli.common import parse_date_arg, read_plan
from planner.errors import ValidationError


def register(sub) -> None:
    p = sub.add_parser("report", help=HELP["report"])
    p.add_argument("kind", choices=("monthly", "deviation"), help="monthly review or deviation analysis")
    p.add_argument("plan", help="a .plan file")
    p.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="FILE.pdf (monthly, deviation) or FILE.xlsx (deviation: a sheet to fill in)")
    p.add_argument("--lang", choices=("zh", "en"), help="report language; default: the plan's language")
    p.add_argument("--month", metavar="YYYY-MM", help="monthly review: the month; default: the status date's")
    p.add_argument("--today", metavar="DATE", help="status date (YYYY-MM-DD); default: the plan's, else today")
    p.set_defaults(func=run)


def run(args) -> int:
    from planner.charts import schedule_for

    suffix = Path(args.output).suffix.lower()
    allowed = (".pdf",) if args.kind == "monthly" else (".pdf", ".xlsx")
    if suffix not in allowed:
        raise ValidationError(_("The {kind} report is written as {value}; '{name}' does not end so.", kind=args.kind, value=' or '.join(allowed), name=Path(args.output).name), where="-o")
    today = parse_date_arg(args.today, "--today") if args.today else None
    plan = read_plan(args.plan)
    lang = args.lang or plan.programme.language
    if args.kind == "monthly":
        from planner.reports.monthly import write_monthly_review

        path = write_monthly_review(plan, args.output, schedule=schedule_for(plan, today), lang=lang,
                                    month=args.month, today=today)
    elif suffix == ".xlsx":
        from planner.reports.deviation_xlsx import write_deviation_xlsx

        path = write_deviation_xlsx(plan, args.output, lang=lang, today=today)
    else:
        from planner.reports.deviation import write_deviation_pdf

        path = write_deviation_pdf(plan, args.output, schedule=schedule_for(plan, today), lang=lang, today=today)
    print(f"wrote {path}")
    return 0
