"""Indicators tab: expected-to-date and deviation are columns of their own, sortable by value."""

from __future__ import annotations

import shutil

from PySide6.QtCore import Qt

from planner.document import Project
from planner.resources import resource_path
from ui.controller import DocumentController
from ui.views.indicators import IndicatorView


def test_expected_and_deviation_columns_sort_by_their_value(qtbot, tmp_path):
    copy = tmp_path / "flagos.plan"
    shutil.copy(resource_path("samples", "flagos.plan"), copy)
    controller = DocumentController(Project.open(copy))
    try:
        view = IndicatorView(controller)
        qtbot.addWidget(view)
        model = view.model
        keys = [c.key for c in model.columns]
        assert {"expected", "deviation"} <= set(keys)
        deviation = keys.index("deviation")
        view.table.sortByColumn(deviation, Qt.SortOrder.AscendingOrder)
        texts = [model.data(model.index(r, deviation)) for r in range(model.rowCount())]
        values = [float(t.rstrip("%")) for t in texts if t]
        assert len(values) >= 2 and values == sorted(values)  # numeric order: -22% before +5% before +49%
        assert texts.index(next(t for t in texts if t)) == 0  # blanks last
        worst = model.row_at(0)
        assert model.status(worst).off_target  # the furthest behind comes first
        expected = model.data(model.index(0, keys.index("expected")))
        assert expected.endswith("%")
    finally:
        controller.project.close()
