"""Entry point: `planner SUBCOMMAND ...` runs headless; with no sub-command it starts the app."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from planner.cli import is_cli_invocation, run_cli

    if is_cli_invocation(argv):
        return run_cli(argv)
    # The desktop app; imported lazily so the CLI never loads Qt.
    from ui.app import run_app

    return run_app(argv)


if __name__ == "__main__":
    sys.exit(main())
