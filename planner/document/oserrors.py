"""Operating-system errors told as a user understands them: what could not be done to which file,
why (no permission, a folder, a full or read-only disk ...), and that nothing was lost.

Every entry point (CLI, `Project`, the window) turns an `OSError` into a `FileAccessError` with
`describe`, so no `PermissionError` or `IsADirectoryError` ever reaches a user as a traceback.
`FileAccessError.key` names the cause for scripts and tests ("permission", "is_folder",
"disk_full", "read_only", "not_found", "too_long", "io", "os_error").
"""

from __future__ import annotations

import errno
from pathlib import Path

from planner.errors import FileAccessError
from planner.i18n import _

_CAUSES = {
    errno.EACCES: "permission", errno.EPERM: "permission", errno.EISDIR: "is_folder", errno.ENOTDIR: "not_folder",
    errno.ENOSPC: "disk_full", errno.EDQUOT: "disk_full", errno.EFBIG: "disk_full", errno.EROFS: "read_only",
    errno.ENOENT: "not_found", errno.ENAMETOOLONG: "too_long", errno.EIO: "io", errno.ELOOP: "too_long",
    errno.EBUSY: "busy", errno.ETXTBSY: "busy",
}


def cause(exc: OSError) -> str:
    if isinstance(exc, IsADirectoryError):
        return "is_folder"
    if isinstance(exc, PermissionError):
        return "permission"
    if isinstance(exc, FileNotFoundError):
        return "not_found"
    return _CAUSES.get(exc.errno or 0, "os_error")


def reason(exc: OSError) -> str:
    """Why, in a few words of the user's language."""
    return {
        "permission": _("you do not have permission"),
        "is_folder": _("it is a folder, not a file"),
        "not_folder": _("a part of the path is not a folder"),
        "disk_full": _("the disk is full"),
        "read_only": _("the disk is read-only"),
        "not_found": _("it does not exist (moved or deleted?)"),
        "too_long": _("the path is too long or loops through links"),
        "io": _("the disk reported an input/output error"),
        "busy": _("it is in use by another program"),
    }.get(cause(exc), exc.strerror or str(exc))


def describe(exc: OSError, path: Path | str | None, action: str) -> FileAccessError:
    """A typed error for `exc` met while doing `action` ("open", "save", "lock", "read", "write",
    "recover") to `path`."""
    name = Path(exc.filename).name if getattr(exc, "filename", None) else (Path(path).name if path else "")
    target = str(path) if path else str(getattr(exc, "filename", "") or "")
    why = reason(exc)
    message = {
        "open": _("Could not open {name}: {reason}. Nothing was changed.", name=name, reason=why),
        "save": _("Could not save {name}: {reason}. The file on disk is unchanged.", name=name, reason=why),
        "lock": _("Could not open {name} for editing: its lock file could not be written ({reason}). "
                  "Nothing was changed; you can open it read-only.", name=name, reason=why),
        "read": _("Could not read {name}: {reason}.", name=name, reason=why),
        "write": _("Could not write {name}: {reason}. No partial file was left.", name=name, reason=why),
        "recover": _("Could not recover {name}: {reason}. The recovery copy was kept.", name=name, reason=why),
        "workspace": _("Could not prepare the app's working folder ({reason}): {name}. Free some space or "
                       "check its permissions, then try again; nothing was changed.", name=target, reason=why),
    }.get(action) or _("{name}: {reason}.", name=name, reason=why)
    error = FileAccessError(message, where=target, key=cause(exc))
    error.errno = exc.errno
    return error
