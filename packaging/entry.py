"""PyInstaller entry script: the same `main()` as the `planner` console script."""

import sys

from planner.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
