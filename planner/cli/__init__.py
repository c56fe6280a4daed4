"""The headless command line: `planner new|info|validate|schedule|dump|import|export|chart|report|publish`.

Each sub-command lives in its own module `planner/cli/cmd_<name>.py` exposing
`register(subparsers)`; the parser calls the function stored as `func`. User errors
(`PlannerError`) print one message and exit 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from planner.errors import PlannerError
from planner.i18n import _

COMMANDS = ("new", "info", "validate", "schedule", "dump", "import", "export", "chart", "report", "publish")
# one line per sub-command for `planner --help`; each cmd_<name>.register uses its own, so the
# overview needs no sub-command imported (matplotlib, openpyxl, the ORM: a second or more)
HELP = {
    "new": "create an empty plan file",
    "info": "show a plan's name, dates and counts",
    "validate": "check RACI rules, cycles and date/dependency conflicts",
    "schedule": "show the critical path, float per task, late tasks and conflicts",
    "dump": "print the whole plan as stable, sorted JSON",
    "import": "read Excel workbooks, print what would change and every problem",
    "export": "write an Excel template from a plan",
    "chart": "draw a chart of a plan as PNG, SVG or PDF",
    "report": "write the monthly review (PDF) or the deviation analysis (PDF or Excel)",
    "publish": "copy a plan to a PostgreSQL server, or give someone a role in a plan there",
}


def _available_commands() -> list[str]:
    names = []
    for name in COMMANDS:
        if importlib.util.find_spec(f"planner.cli.cmd_{name}") is not None:
            names.append(name)
    return names


def take_language(argv: list[str]) -> list[str]:
    """`--lang zh_CN` / `--lang=en` anywhere before the sub-command's files: the core's messages
    in that language from now on (else the locale's, see planner.i18n); the rest of argv."""
    from planner import i18n

    rest, wanted, words = [], None, iter(argv)
    for word in words:
        if word == "--lang":
            wanted = next(words, None)
        elif word.startswith("--lang="):
            wanted = word.split("=", 1)[1]
        else:
            rest.append(word)
    if wanted is not None:
        i18n.set_language(wanted)
    return rest


def is_cli_invocation(argv: list[str]) -> bool:
    return bool(argv) and (argv[0] in COMMANDS or argv[0] in ("-h", "--help", "--version"))


def build_parser(only: str | None = None, overview: bool = False) -> argparse.ArgumentParser:
    """The parser; with `only`, just that sub-command is registered, so running `dump` never
    imports what `chart` or `export` need (matplotlib, openpyxl): a second of start-up. With
    `overview` (`--help`, `--version`), the sub-commands are listed from HELP, none imported."""
    from planner import __version__

    parser = argparse.ArgumentParser(prog="planner", description="Roadmap Planner (路线图规划器)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--lang", choices=("zh_CN", "en"),
                        help="language of the messages (default: LANG / LC_MESSAGES)")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS if overview else _available_commands():
        if overview:
            sub.add_parser(name, help=HELP[name], add_help=False)
        elif only is None or name == only:
            importlib.import_module(f"planner.cli.cmd_{name}").register(sub)
    return parser


def unknown_command(word: str) -> str:
    """The message for `planner pubish x.plan`: what was typed, the nearest verb, the list."""
    import difflib

    from planner.i18n import _

    near = difflib.get_close_matches(word, COMMANDS, n=1)
    choices = ", ".join(COMMANDS)
    if near:
        return _("error: unknown command “{word}” (did you mean “{near}”?); the commands are: {choices}. "
                 "Run `planner --help` for what each does.", word=word, near=near[0], choices=choices)
    return _("error: unknown command “{word}”; the commands are: {choices}. Run `planner --help` for what each "
             "does.", word=word, choices=choices)


def _quiet_logging() -> None:
    """Log records (kept by the app's log) must not repeat the one error line on the terminal.

    Without any handler, Python prints warnings to stderr; a NullHandler on `planner` stops that
    unless the caller configured logging itself.
    """
    import logging

    logger = logging.getLogger("planner")
    if not logging.getLogger().handlers and not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
        logger.addHandler(logging.NullHandler())


def _os_error_behind(exc: BaseException) -> OSError | None:
    """The operating-system error an exception was raised while handling, if any."""
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, OSError):
            return exc
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return None


def run_cli(argv: list[str]) -> int:
    _quiet_logging()
    verb = argv[0] if argv and argv[0] in COMMANDS else None
    parser = build_parser(verb, overview=verb is None and bool(argv) and argv[0] in ("-h", "--help", "--version"))
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except PlannerError as exc:
        print(_("error: {message}", message=exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`planner schedule ... | head`): stop quietly, as Unix tools do.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as exc:  # permission, a folder, a full disk: one sentence, never a traceback
        from planner.document.oserrors import describe

        print(f"error: {describe(exc, exc.filename, '')}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - a failure of ours: logged in full, told in one line
        import logging

        cause = _os_error_behind(exc)
        if cause is not None:  # e.g. zlib.error while closing a PDF whose write hit a full disk
            from planner.document.oserrors import describe

            print(f"error: {describe(cause, cause.filename, '')}", file=sys.stderr)
            return 2
        logging.getLogger("planner").exception("command %s failed", argv[:1])
        print(_("error: the command failed unexpectedly ({kind}: {detail}); nothing was changed.",
                kind=type(exc).__name__, detail=str(exc)[:200]), file=sys.stderr)
        return 70
