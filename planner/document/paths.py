"""Where the app keeps working copies and backups: the user's app-data folder."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

APP_DIR_NAME = "RoadmapPlanner"
ENV = "PLANNER_DATA_DIR"
"""Override of the app-data folder (tests, portable installs)."""


def data_dir() -> Path:
    override = os.environ.get(ENV)
    if override:
        base = Path(override)
    elif sys.platform.startswith("win"):
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / APP_DIR_NAME
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support" / APP_DIR_NAME
    else:
        xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        base = Path(xdg) / APP_DIR_NAME
    base.mkdir(parents=True, exist_ok=True)
    return base


def work_root() -> Path:
    """One sub-folder per open document (or per crashed session awaiting recovery)."""
    root = data_dir() / "work"
    root.mkdir(parents=True, exist_ok=True)
    return root


def backups_dir(document: Path) -> Path:
    """Saved versions and pre-upgrade copies of one document, keyed by its absolute path."""
    resolved = str(document.resolve())
    key = hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:12]
    folder = data_dir() / "backups" / f"{_safe(document.stem)}-{key}"
    return folder


def _safe(stem: str) -> str:
    # Keep CJK names readable; drop only characters no file system accepts.
    cleaned = "".join("_" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in stem)
    return cleaned[:40] or "plan"
