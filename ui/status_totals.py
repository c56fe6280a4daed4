"""The status bar's plan totals: tasks, late, critical, link conflicts, RACI problems, indicators off target."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QLabel

from planner import raci
from planner.indicators.status import off_target


BIG_PLAN = 3000  # tasks


def tr(text: str) -> str:
    return QCoreApplication.translate("StatusTotals", text)


def totals(plan, schedule) -> dict[str, int | None]:
    """Counts shown in the status bar; late and critical are None until a schedule exists."""
    late = critical = None
    if schedule is not None and schedule.timing_columns is not None:  # no timing object built per task
        cols = schedule.timing_columns()
        late, critical = sum(cols.late), sum(tf <= 0 for tf in cols.total_float)
    elif schedule is not None:
        timings = schedule.timings.values()
        late, critical = sum(t.late for t in timings), sum(t.critical for t in timings)
    return {
        "tasks": len(plan.tasks),
        "late": late,
        "critical": critical,
        # the schedule's conflicts: what `planner validate` lists and the matrix's conflict column counts
        "conflicts": None if schedule is None else len(schedule.conflicts),
        "raci": len(raci.check_plan(plan)),
        "indicators": len(off_target(plan)),
    }


class StatusTotals(QLabel):
    """Recomputed shortly after edits (coalesced), so typing never waits for the counts."""

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.setToolTip(tr("Late and critical tasks come from the schedule; conflicts are dates that break "
                           "a link; RACI problems break the one-A / at-least-one-R rule; indicators more than "
                           "10% below target"))
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.refresh)
        controller.changed.connect(self._on_controller_changed)
        controller.document_replaced.connect(self._timer.start)  # after the window is on screen
        self._timer.start()

    def _on_controller_changed(self, _changes) -> None:
        # Counting late and critical tasks builds every task's timing: on big plans wait until
        # the user pauses, so a run of edits is not slowed down by the status bar.
        big = self.controller.project is not None and len(self.controller.plan().tasks) > BIG_PLAN
        self._timer.start(1000 if big else 150)

    def refresh(self) -> None:
        if self.controller.project is None:
            self.setText("")
            return
        values = totals(self.controller.plan(), self.controller.schedule())
        dash = "–"
        from ui.plan_properties import status_date_text
        self.setText("  ·  ".join((
            status_date_text(self.controller.plan().programme),
            tr("Tasks: %1").replace("%1", str(values["tasks"])),
            tr("Late: %1").replace("%1", dash if values["late"] is None else str(values["late"])),
            tr("Critical: %1").replace("%1", dash if values["critical"] is None else str(values["critical"])),
            tr("Conflicts: %1").replace("%1", dash if values["conflicts"] is None else str(values["conflicts"])),
            tr("RACI problems: %1").replace("%1", str(values["raci"])),
            tr("Indicators off target: %1").replace("%1", str(values["indicators"])),
        )))
