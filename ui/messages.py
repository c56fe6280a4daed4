"""Errors a user causes, told in the UI's language: known ones from templates, others with a headline."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

from planner import errors as e
from planner.i18n import Translated
from ui import i18n

# Errors whose key says exactly what happened; %1 is the error's `where` (the text or task ID).
BY_KEY = {
    "weeks_from_1": QT_TRANSLATE_NOOP("Messages", "Weeks start at 1: %1"),
    "bad_date": QT_TRANSLATE_NOOP("Messages", "%1 holds an impossible date."),
    "unreadable_span": QT_TRANSLATE_NOOP(
        "Messages", "Cannot read the span %1; write it as W1-W8 or 2025-01-27 – 2025-03-10."),
    "span_order": QT_TRANSLATE_NOOP("Messages", "The span %1 ends before it starts."),
    "not_percent": QT_TRANSLATE_NOOP("Messages", "%1 is not a percentage."),
    "percent_range": QT_TRANSLATE_NOOP("Messages", "Progress must be between 0% and 100%, not %1."),
    "not_number": QT_TRANSLATE_NOOP("Messages", "%1 is not a number."),
    "self_dependency": QT_TRANSLATE_NOOP("Messages", "A task cannot depend on itself (%1)."),
    "unknown_task": QT_TRANSLATE_NOOP("Messages", "Unknown task ID %1."),
    "listed_twice": QT_TRANSLATE_NOOP("Messages", "%1 is listed twice."),
}
# Other errors get a translated headline above the detailed (English) message from the core.
HEADLINES = (
    (e.NotAPlanFile, QT_TRANSLATE_NOOP("Messages", "This file is not a Roadmap Planner plan.")),
    (e.FileDamaged, QT_TRANSLATE_NOOP("Messages", "The plan file is damaged.")),
    (e.FileTooNew, QT_TRANSLATE_NOOP("Messages", "This plan was saved by a newer version of Roadmap Planner.")),
    (e.FileLocked, QT_TRANSLATE_NOOP("Messages", "The plan is open elsewhere.")),
    (e.SaveFailed, QT_TRANSLATE_NOOP("Messages", "The plan could not be saved; the file on disk is unchanged.")),
    (e.ReadOnlyDocument, QT_TRANSLATE_NOOP("Messages", "This plan is open read-only; use Save As to keep changes.")),
    (e.ChangedOnDisk, QT_TRANSLATE_NOOP("Messages", "The file was changed on disk since it was opened.")),
    (e.FileAccessError, QT_TRANSLATE_NOOP("Messages", "The system did not allow this file operation.")),
    (e.DuplicateId, QT_TRANSLATE_NOOP("Messages", "This ID is already used.")),
    (e.ImportRejected, QT_TRANSLATE_NOOP("Messages", "The workbook was not imported.")),
    (e.ExportFailed, QT_TRANSLATE_NOOP("Messages", "The export could not be written.")),
    (e.NotFound, QT_TRANSLATE_NOOP("Messages", "An item this refers to does not exist.")),
    (e.ParseError, QT_TRANSLATE_NOOP("Messages", "This text could not be read.")),
    (e.ValidationError, QT_TRANSLATE_NOOP("Messages", "This value is not accepted.")),
)


def tr(text: str) -> str:
    return QCoreApplication.translate("Messages", text)


def user_message(exc: Exception) -> str:
    """What to show for a PlannerError (or a missing file) in the current UI language."""
    if isinstance(exc, e.CycleError):
        return tr("Dependency cycle: %1").replace("%1", " → ".join(exc.cycle))
    if isinstance(exc, e.UnknownPredecessor):
        return tr("Task %1: unknown predecessor %2").replace("%1", exc.task).replace("%2", exc.missing)
    key = getattr(exc, "key", "")
    if key in BY_KEY:
        return tr(BY_KEY[key]).replace("%1", str(getattr(exc, "where", "")))
    if i18n.current_language() == "en" or isinstance(getattr(exc, "message", None), Translated):
        return str(exc)  # already in the UI's language (a core message from the gettext catalogue)
    for kind, headline in HEADLINES:
        if isinstance(exc, kind):
            return tr(headline) + "\n\n" + str(exc)
    return str(exc)
