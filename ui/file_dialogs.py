"""Where file dialogs start: the open plan's folder, else the folder last used, never the install folder."""

from __future__ import annotations

import sys
from pathlib import Path

from planner.resources import resources_root
from ui import settings


def install_folder() -> Path:
    """Where the app's own files are: the frozen bundle's folder, or the bundled resources of a checkout."""
    if getattr(sys, "frozen", False) or getattr(sys, "_MEIPASS", None):
        return Path(sys.executable).resolve().parent
    return resources_root().resolve()


def _inside_install(folder: Path) -> bool:
    try:
        return folder.resolve().is_relative_to(install_folder())
    except OSError:
        return False


def start_folder(controller=None) -> str:
    project = getattr(controller, "project", None)
    path = getattr(project, "path", None)
    if path is not None and Path(path).parent.is_dir() and not _inside_install(Path(path).parent):
        return str(Path(path).parent)
    for candidate in (settings.last_folder(), *(str(Path(p).parent) for p in settings.recent_files())):
        if candidate and Path(candidate).is_dir() and not _inside_install(Path(candidate)):
            return candidate
    return str(Path.home())


def suggested_path(controller, name: str) -> str:
    """A suggested file name placed in the start folder (a bare name would land in the working folder)."""
    return str(Path(start_folder(controller)) / name)


def remember(path) -> None:
    """The folder of a file the user chose is where the next dialog starts."""
    if path:
        settings.set_last_folder(str(Path(path).parent))
