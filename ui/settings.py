"""Persistent settings (QSettings, INI format) under one organisation and application name."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

ORGANISATION = "RoadmapPlanner"
APPLICATION = "Roadmap Planner"
MAX_RECENT = 8


def settings() -> QSettings:
    """Tests isolate this with `QSettings.setPath(IniFormat, UserScope, tmp_dir)`."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


def recent_files() -> list[str]:
    value = settings().value("recent_files", [])
    if isinstance(value, str):
        value = [value]
    return [p for p in (value or []) if p]


def add_recent(path: Path | str) -> list[str]:
    path = str(Path(path).resolve())
    files = [path] + [p for p in recent_files() if p != path]
    settings().setValue("recent_files", files[:MAX_RECENT])
    return files[:MAX_RECENT]


def remove_recent(path: str) -> None:
    settings().setValue("recent_files", [p for p in recent_files() if p != path])


def language() -> str:
    """'' follows the system locale; otherwise 'zh_CN' or 'en'."""
    return str(settings().value("language", "") or "")


def set_language(value: str) -> None:
    settings().setValue("language", value)


def autosave_seconds() -> int:
    try:
        return max(10, int(settings().value("autosave_seconds", 60)))
    except (TypeError, ValueError):
        return 60


def gantt_float_for_all() -> bool:
    """Whether the Gantt draws every task's float line (default: hovered, selected, critical only)."""
    value = settings().value("gantt/float_for_all", False)
    return value is True or str(value).lower() == "true"


def set_gantt_float_for_all(on: bool) -> None:
    settings().setValue("gantt/float_for_all", bool(on))


def last_folder() -> str:
    """The folder of the file last chosen in a file dialog ("" at first)."""
    return str(settings().value("last_folder", "") or "")


def set_last_folder(folder: str) -> None:
    settings().setValue("last_folder", folder)
