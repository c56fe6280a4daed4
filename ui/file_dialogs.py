"""Where file dialogs start: the open plan's folder, else the folder last used, never the install folder."""

from __future__ import annotations

from pathlib import Path

from ui import settings


def start_folder(controller=None) -> str:
    project = getattr(controller, "project", None)
    path = getattr(project, "path", None)
    if path is not None and Path(path).parent.is_dir():
        return str(Path(path).parent)
    for candidate in (settings.last_folder(), *(str(Path(p).parent) for p in settings.recent_files())):
        if candidate and Path(candidate).is_dir():
            return candidate
    return str(Path.home())


def suggested_path(controller, name: str) -> str:
    """A suggested file name placed in the start folder (a bare name would land in the working folder)."""
    return str(Path(start_folder(controller)) / name)


def remember(path) -> None:
    """The folder of a file the user chose is where the next dialog starts."""
    if path:
        settings.set_last_folder(str(Path(path).parent))
