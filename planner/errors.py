"""Typed errors a user can cause; each carries a message key and the place it happened."""

from __future__ import annotations

from dataclasses import dataclass, field


class PlannerError(Exception):
    """Base of every error the user can cause. `str(e)` is a complete, user-facing message.

    `where` names the place (task ID, field, sheet!cell ...) so the UI and CLI can show it
    without parsing the message.
    """

    def __init__(self, message: str, *, where: str = "", key: str = ""):
        super().__init__(message)
        self.message = message
        self.where = where
        self.key = key or type(self).__name__

    def __str__(self) -> str:  # the message already names the place when there is one
        return self.message


# --- document -------------------------------------------------------------------------
class DocumentError(PlannerError):
    """The plan file cannot be opened or saved."""


class NotAPlanFile(DocumentError):
    """The file is not a Roadmap Planner plan (another database, a workbook, random bytes)."""


class FileDamaged(DocumentError):
    """The plan file is truncated or corrupt."""


class FileTooNew(DocumentError):
    """The plan was written by a newer version of the app."""


class FileTooOld(DocumentError):
    """The plan's schema is older than this app can upgrade."""


class FileLocked(DocumentError):
    """Another instance holds the plan open."""

    def __init__(self, message: str, *, owner: dict | None = None, where: str = ""):
        super().__init__(message, where=where)
        self.owner = owner or {}


class SaveFailed(DocumentError):
    """Saving did not complete; the previous file is unchanged."""


class ChangedOnDisk(DocumentError):
    """The plan file was moved, deleted or replaced since it was opened."""


class UpgradeFailed(DocumentError):
    """Upgrading an older plan's format failed; the file itself was not changed."""


class ReadOnlyDocument(DocumentError):
    """The plan is open read-only."""


class FileAccessError(DocumentError):
    """The operating system refused a file operation (permission, a folder, a full or read-only
    disk ...). `key` names the cause; see `planner.document.oserrors`."""

    errno: int | None = None


class FileMissing(FileAccessError, FileNotFoundError):
    """The plan file does not exist (moved or deleted?); also a FileNotFoundError for callers
    that treat a missing file on its own (the recent-files list)."""


# --- domain ----------------------------------------------------------------------------
class ValidationError(PlannerError):
    """A value the user entered is not acceptable (bad date, progress over 100% ...)."""


class NotFound(PlannerError):
    """A referenced item (task ID, stage, team ...) does not exist."""


class DuplicateId(ValidationError):
    """A task ID or other code is already used."""


class CycleError(PlannerError):
    """Dependencies form a cycle. `cycle` lists the task codes around it, first == last."""

    def __init__(self, cycle: list[str]):
        path = " → ".join(cycle)
        super().__init__(f"Dependency cycle: {path}", where=cycle[0] if cycle else "")
        self.cycle = list(cycle)


class UnknownPredecessor(PlannerError):
    """A dependency names a task ID that is not in the plan."""

    def __init__(self, task: str, missing: str):
        super().__init__(f"Task {task}: unknown predecessor {missing}", where=task)
        self.task = task
        self.missing = missing


class ParseError(ValidationError):
    """A phrase (week range, target, dependency) could not be understood."""


# --- import ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Problem:
    """One problem found while reading a workbook or validating a plan."""

    level: str  # "error" | "warning"
    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""
    value: str = ""
    code: str = ""  # stable machine-readable reason ("cell_unreadable", "duplicate_id" ...)
    fix: str = ""  # what would fix it, shown beside the message

    @property
    def place(self) -> str:
        cell = f"{self.column}{self.row}" if self.row is not None else self.column
        return f"{self.sheet}!{cell}" if self.sheet and cell else (self.sheet or cell)

    def __str__(self) -> str:
        where = f"{self.place}: " if self.place else ""
        if not self.value:
            return f"{where}{self.message}"
        from planner.i18n import _

        return where + _("{message} (value: {value})", message=self.message, value=repr(self.value))


class ImportRejected(PlannerError):
    """A workbook was refused; nothing was imported. `problems` lists every reason."""

    def __init__(self, message: str, problems: list[Problem] | None = None, *, where: str = ""):
        super().__init__(message, where=where)
        self.problems: list[Problem] = list(problems or [])


class ExportFailed(PlannerError):
    """An export could not be written; no partial file is left at the target."""


@dataclass
class ProblemList:
    """Collects problems instead of stopping at the first."""

    items: list[Problem] = field(default_factory=list)

    def error(self, message: str, **where) -> None:
        self.items.append(Problem("error", message, **where))

    def warning(self, message: str, **where) -> None:
        self.items.append(Problem("warning", message, **where))

    def add(self, level: str, message: str, **where) -> None:
        self.items.append(Problem(level, message, **where))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.level == "error"]

    def __bool__(self) -> bool:
        return bool(self.items)
