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
    # The desktop app; imported lazily so the CLI never loads Qt.
    from ui.app import run_app

    return run_app(argv)


if __name__ == "__main__":
    sys.exit(main())
