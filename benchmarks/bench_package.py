"""Packaging budgets: build time, onedir and package sizes, and time to the window of the built app.

    python benchmarks/bench_package.py [--runs 5] [--no-build]

Targets (issue 8): build <= 5 min on 2 cores; onedir <= 265 MB (250 MB + the PostgreSQL client); compressed package <= 110 MB;
window shown <= 3 s after launch (offscreen, median). Prints a Markdown block for
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
APP = DIST / "roadmap-planner" / "roadmap-planner"


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def launch_once(tmp: Path) -> tuple[float, float]:
    """(seconds from launch to the window shown, wall seconds for the whole smoke test)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp), "PLANNER_DATA_DIR": str(tmp / "d")}
    launched_at = time.time()
    start = time.perf_counter()
    out = subprocess.run([str(APP), "--smoke-test", "--out", str(tmp / "o")], capture_output=True, text=True,
                         env=env, timeout=120)
    wall = time.perf_counter() - start
    match = re.search(r"shown_at=([0-9.]+)", out.stdout)
    if out.returncode != 0 or not match:
        raise SystemExit(f"smoke test failed:\n{out.stdout}\n{out.stderr}")
    return float(match.group(1)) - launched_at, wall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()
    build_s = None
    if not args.no_build:
        start = time.perf_counter()
        subprocess.run(["bash", "packaging/linux/build.sh"], cwd=ROOT, check=True, capture_output=True)
        build_s = time.perf_counter() - start
    onedir = tree_size(DIST / "roadmap-planner")
    tar = max(DIST.glob("roadmap-planner-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    deb = max(DIST.glob("roadmap-planner_*.deb"), key=lambda p: p.stat().st_mtime)
    launches = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            launches.append(launch_once(Path(tmp)))
    shown = statistics.median(s for s, _ in launches)
    wall = statistics.median(w for _, w in launches)
    mb = 1024 * 1024
    print(f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.1f}; {dt.date.today()}")
    print("| measure | result | budget |\n|---|---|---|")
    if build_s is not None:
        print(f"| build (PyInstaller + tar.gz + .deb) | {build_s:.0f} s | 300 s |")
    print(f"| onedir size | {onedir / mb:.0f} MB | 265 MB |")
    print(f"| .tar.gz | {tar.stat().st_size / mb:.0f} MB | 110 MB |")
    print(f"| .deb | {deb.stat().st_size / mb:.0f} MB | 110 MB |")
    print(f"| window shown after launch (median of {args.runs}) | {shown:.2f} s | 3 s |")
    print(f"| whole smoke test incl. exports and exit (median) | {wall:.2f} s | - |")


if __name__ == "__main__":
    main()
