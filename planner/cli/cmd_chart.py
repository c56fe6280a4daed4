"""`planner chart KIND PLAN -o FILE.png|svg|pdf [--lang zh|en] [--today DATE]`: one chart, offline."""

from __future__ import annotations

from planner.i18n import _
from planner.cli import HELP

from planner.cli.common import parse_date_arg, read_plan
from planner.errors import ValidationError


def register(sub) -> None:
    from planner.charts import chart_kinds

    kinds = chart_kinds()
    p = sub.add_parser("chart", help=HELP["chart"],
                       description="Chart kinds: " + ", ".join(kinds))
    p.add_argument("kind", metavar="KIND", help="one of: " + ", ".join(kinds))
    p.add_argument("plan", help="a .plan file")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="FILE.png, FILE.svg or FILE.pdf")
    p.add_argument("--lang", choices=("zh", "en"), help="label language; default: the plan's language")
    p.add_argument("--today", metavar="DATE", help="status date (YYYY-MM-DD); default: the plan's, else today")
    p.add_argument("--dpi", type=int, default=200, help="resolution of PNG output (default 200)")
    p.add_argument("--mode", choices=("auto", "all", "problems"), default="auto",
                   help="dependencies chart: label every task, or only blocking/broken work")
    p.add_argument("--group-by", choices=("module", "stage"), default="module", help="indicators chart grouping")
    p.add_argument("--metric", choices=("completion", "health"), default="completion", help="heatmap metric")
    p.add_argument("--per", choices=("team", "owner"), default="team",
                   help="raci chart: RACI letters per team, or tasks per owner (负责人)")
    p.set_defaults(func=run)


def run(args) -> int:
    from planner.charts import CHART_KINDS, build_chart, schedule_for
    from planner.charts.export import export_figure, format_of

    if args.kind not in CHART_KINDS:
        raise ValidationError(_("Unknown chart kind '{kind}'. Choose one of: {value}.", kind=args.kind, value=', '.join(CHART_KINDS)),
                              where="KIND")
    if not 50 <= args.dpi <= 1200:
        raise ValidationError(_("--dpi must be between 50 and 1200."), where="--dpi")
    format_of(args.output)  # refuse a bad file name before any work
    today = parse_date_arg(args.today, "--today") if args.today else None
    plan = read_plan(args.plan)
    schedule = schedule_for(plan, today)
    result = build_chart(args.kind, plan, schedule, lang=args.lang or plan.programme.language, today=today,
                         mode=args.mode, group_by=args.group_by, metric=args.metric, per=args.per)
    path = export_figure(result.figure, args.output, dpi=args.dpi)
    print(f"wrote {path}")
    return 0

