"""Shared paths for the interop tests: files written by MS Project and other planners."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "tests" / "data" / "interop"
SAMPLES = ROOT / "resources" / "samples"


def shared_interop() -> Path:
    """shared/interop beside the repository (CI lays a copy there) or beside the worktrees folder."""
    for candidate in (ROOT.parent / "shared" / "interop", ROOT.parent.parent / "shared" / "interop"):
        if candidate.is_dir():
            return candidate
    raise AssertionError(f"the MS Project test files (shared/interop) are not beside {ROOT}")


MS_PROJECT_FILES = sorted((shared_interop() / "mspdi").glob("*.xml"))
