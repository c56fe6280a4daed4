"""Shared paths for the interop tests: files written by MS Project and other planners."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "tests" / "data" / "interop"
SAMPLES = ROOT / "resources" / "samples"


def shared_interop() -> Path:
    """shared/interop beside the repository, beside the worktrees folder, or where the build machine keeps it."""
    candidates = (ROOT.parent / "shared" / "interop", ROOT.parent.parent / "shared" / "interop",
                  Path("/work/shared/interop"))  # a clone elsewhere on the build machine
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise AssertionError(f"the MS Project test files (shared/interop) are not beside {ROOT}")


MS_PROJECT_FILES = sorted((shared_interop() / "mspdi").glob("*.xml"))
