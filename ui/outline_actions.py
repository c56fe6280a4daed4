"""Work-breakdown commands shared by the task matrix, the Gantt and the Edit menu.

Indent and outdent (Alt+Shift+Right / Alt+Shift+Left, as in MS Project), fold and unfold
summary tasks, and "move successors to respect links" for manually scheduled plans. Each edit
is one undo command running one service; folding is a view state, not an edit.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

from planner.services import outline
from planner.services.respect_links import move_successors
from ui.commands import JournalCommand


def tr(text: str) -> str:
    return QCoreApplication.translate("Outline", text)


def _codes(controller, ids) -> str:
    by_id = controller.plan().task_by_id
    return "、".join(by_id[i].code for i in ids if i in by_id)


def indent(controller, ids) -> bool:
    ids = list(ids)
    if not ids:
        return False
    text = tr("Indent %1").replace("%1", _codes(controller, ids))
    return controller.try_push(JournalCommand(controller, text, outline.indent_tasks, ids))


def outdent(controller, ids) -> bool:
    ids = list(ids)
    if not ids:
        return False
    text = tr("Outdent %1").replace("%1", _codes(controller, ids))
    return controller.try_push(JournalCommand(controller, text, outline.outdent_tasks, ids))


def respect_links(controller, ids=None) -> bool:
    """Move manual tasks that start before their links allow (downstream of `ids`, or all)."""
    if ids:
        text = tr("Move successors of %1 to respect links").replace("%1", _codes(controller, ids))
    else:
        text = tr("Move successors to respect links")
    return controller.try_push(JournalCommand(controller, text, move_successors, list(ids) if ids else None))


def fold(controller, ids, collapsed: bool) -> None:
    """Fold (or unfold) the chosen summaries; with none chosen, every summary of the plan."""
    plan = controller.plan()
    summaries = plan.outline.summaries
    chosen = [i for i in ids if i in summaries] if ids else list(summaries)
    controller.set_collapsed(chosen, collapsed)


def create_actions(window, controller, selected) -> list[QAction]:
    """The Edit menu's outline actions; `selected()` gives the shared task selection."""
    def action(text, shortcut, tip, slot):
        a = QAction(text, window)
        if shortcut:
            a.setShortcut(QKeySequence(shortcut))
        a.setToolTip(tip)
        a.setStatusTip(tip)
        a.triggered.connect(lambda _c=False: slot())
        return a

    return [
        action(tr("&Indent"), "Alt+Shift+Right", tr("Make the selected tasks sub-tasks of the task above"),
               lambda: indent(controller, selected())),
        action(tr("&Outdent"), "Alt+Shift+Left", tr("Move the selected tasks up one outline level"),
               lambda: outdent(controller, selected())),
        action(tr("&Collapse"), "Alt+Shift+-", tr("Hide the sub-tasks of the selected summaries (all when none is selected)"),
               lambda: fold(controller, selected(), True)),
        action(tr("E&xpand"), "Alt+Shift+=", tr("Show the sub-tasks of the selected summaries (all when none is selected)"),
               lambda: fold(controller, selected(), False)),
        action(tr("Move successors to respect &links"), None,
               tr("Move manually scheduled tasks that start before their links allow (after the selected tasks, or all)"),
               lambda: respect_links(controller, selected())),
    ]
