"""`planner publish FILE.plan postgresql://user@host/database [--name NAME] [--replace]`
and `planner publish --grant LOGIN --role ROLE [--team TEAM] postgresql://…?plan=NAME`.

Copies a plan file to a PostgreSQL server (one transaction; the publishing login owns it), or
gives a login a role in a plan already there. See docs/server.md."""

from __future__ import annotations

from planner.cli import HELP
from planner.i18n import _


def register(sub) -> None:
    p = sub.add_parser("publish", help=HELP["publish"])
    p.add_argument("source", nargs="?", help="the .plan file to copy")
    p.add_argument("url", help="postgresql://user@host/database (add ?plan=NAME to name the plan)")
    p.add_argument("--name", help="the plan's name on the server (default: ?plan= or the file's name)")
    p.add_argument("--replace", action="store_true", help="replace a plan of that name on the server")
    p.add_argument("--grant", metavar="LOGIN", help="give LOGIN a role in the plan named by ?plan=")
    p.add_argument("--role", choices=("owner", "editor", "team", "viewer"), default="viewer")
    p.add_argument("--team", help="the team of a team member (--role team)")
    p.add_argument("--list", action="store_true", help="list the plans on the server")
    p.set_defaults(func=run)


def run(args) -> int:
    from planner.errors import ValidationError
    from planner.server.project import grant, list_plans, publish
    from planner.server.url import is_server_url, parse

    if args.source and not args.url and is_server_url(args.source):
        args.source, args.url = None, args.source
    url = parse(args.url)
    if args.list:
        for p in list_plans(url):
            print(f"{p['name']}\t{_('format')} {p['schema_version']}\t{p['published_by']}\t{p['role'] or '-'}")
        return 0
    if args.grant:
        if not url.plan:
            raise ValidationError(_("--grant needs the plan: {url}?plan=NAME", url=url.text), where="--grant")
        grant(url, url.plan, args.grant, args.role, team=args.team)
        print(_("{login} is now {role} of plan “{plan}”", login=args.grant, role=args.role, plan=url.plan))
        return 0
    if not args.source:
        raise ValidationError(_("Name the .plan file to publish."), where="publish")
    target = publish(args.source, url, name=args.name, replace=args.replace)
    print(_("published as {url}", url=target.text))
    return 0
