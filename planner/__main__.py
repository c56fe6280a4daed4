"""Entry point: `planner SUBCOMMAND ...` runs headless; with no sub-command it starts the app.

`--self-test` checks the runtime headlessly; `--smoke-test` builds the main window offscreen,
exports a template and a chart, and quits (both are run against the frozen build).
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--self-test"]:
        from planner.selftest import main as self_test

        return self_test()
    from planner.cli import is_cli_invocation, run_cli, take_language

    argv = take_language(argv)

    if is_cli_invocation(argv):
        return run_cli(argv)
    if argv[:1] == ["--smoke-test"]:
        from ui.smoke import run_smoke_test

        return run_smoke_test(argv[1:])
    refusal = _not_for_the_app(argv)
    if refusal:
        print(refusal, file=sys.stderr)
        return 2
    # The desktop app; imported lazily so the CLI never loads Qt.
    from ui.app import run_app

    return run_app(argv)


def _not_for_the_app(argv: list[str]) -> str | None:
    """Why the window cannot be what the user asked for, before Qt is loaded: a mistyped
    sub-command (`planner pubish x.plan`), or no display to show the window on."""
    import os

    first = argv[0] if argv else ""
    if first and not first.startswith("-") and not os.path.exists(first) and not _looks_like_path(first):
        from planner.cli import unknown_command

        return unknown_command(first)
    if sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")):
        from planner.i18n import _

        return _("error: there is no display to show the window on (neither DISPLAY nor WAYLAND_DISPLAY is set). "
                 "Start it from a desktop session, or use a command such as `planner info PLAN`; "
                 "`planner --help` lists them.")
    return None


def _looks_like_path(word: str) -> bool:
    """A plan path the app will open (or say it is missing), not a word meant as a command."""
    import os

    return os.sep in word or "/" in word or "." in word


if __name__ == "__main__":
    sys.exit(main())
