"""The "compare with baseline" box of the task matrix and the Gantt: both follow the controller's choice."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox


def tr(text: str) -> str:
    return QCoreApplication.translate("BaselineBox", text)


def fill(box: QComboBox, controller) -> None:
    """"No baseline", then each baseline by name and date; the compared one current (no signal)."""
    box.blockSignals(True)
    box.clear()
    box.addItem(tr("No baseline"), None)
    if controller.project is not None:
        for b in controller.plan().baselines:
            box.addItem(tr("Baseline: %1 (%2)").replace("%1", b.name).replace("%2", b.taken_on.isoformat()), b.id)
    chosen = controller.compared_baseline_id()
    box.setCurrentIndex(max(box.findData(chosen), 0) if chosen is not None else 0)
    box.view().setMinimumWidth(box.view().sizeHintForColumn(0) + 24)
    box.setToolTip(tr("The baseline the variance columns and the Gantt's grey bars compare with"))
    box.blockSignals(False)


def make(parent, controller) -> QComboBox:
    box = QComboBox(parent)
    # A long baseline name must not squeeze the filters: the box elides, its list shows names whole.
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(12)
    box.currentIndexChanged.connect(lambda _n: controller.choose_baseline(box.currentData()))
    fill(box, controller)
    return box
