"""`python -m planner.samples [folder]`: rebuild every sample plan byte-stably."""

from __future__ import annotations

import sys
from pathlib import Path

from planner.samples import build_all


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else None
    for path in build_all(folder):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
