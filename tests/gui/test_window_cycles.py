"""A long session in one process: windows and plans opened, edited and closed many times.

No test here forces a garbage collection: the app has to free what a closed window or plan
leaves behind by itself (scripts/repro_window_cycles.py is the long version, 200+ cycles).
Before the fix this crashed inside the cyclic collector (PySide freed undo commands twice when
it collected a closed window's controller), and windows closed after the plan snapshot was
frozen stayed in memory.
"""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from planner.samples import sample_path
from ui.controller import DocumentController
from ui.main_window import MainWindow

SAMPLES = ("flagos", "okr", "otlp_rust")


def _edit(qtbot, window, rounds: int) -> None:
    model = window.views["tasks"].model
    progress = next(i for i, c in enumerate(model.columns) if c.key == "progress")
    code = next(i for i, c in enumerate(model.columns) if c.key == "code")
    for i in range(rounds):
        assert model.setData(model.index(i, progress), f"{20 + i}%")  # patched into the snapshot
        assert model.setData(model.index(i, code), f"CYC-{i}")  # a key column: the snapshot reloaded
        qtbot.wait(1)


@pytest.mark.parametrize("cycles", [40])
def test_open_edit_close_cycles_free_every_window(qtbot, dialogs, cycles):
    alive: list[weakref.ref] = []
    for cycle in range(cycles):
        controller = DocumentController()
        window = MainWindow(controller)
        window.resize(1100, 700)
        assert window.documents.open_untitled_copy(Path(sample_path(SAMPLES[cycle % 3])))
        window.show()
        qtbot.waitExposed(window)
        window.views.show("gantt")
        if cycle % 10 == 0 and "dashboard" in window.views:
            window.views.show("dashboard")
        qtbot.wait(5)
        window.views.show("tasks")
        _edit(qtbot, window, 2)
        controller.undo_stack.setClean()
        # File > Open Sample in the same window: the last plan's views and snapshot are dropped
        assert window.documents.open_untitled_copy(Path(sample_path(SAMPLES[(cycle + 1) % 3])))
        _edit(qtbot, window, 1)
        controller.undo_stack.setClean()
        alive += [weakref.ref(window), weakref.ref(controller)]
        window.close()
        window.deleteLater()
        del window, controller
        qtbot.wait(5)
    qtbot.wait(300)  # the event loop runs the deferred deletes, then the collection after a close
    left = [r() for r in alive if r() is not None]
    assert not left, f"{len(left)} of {len(alive)} windows/controllers still alive: {sorted({type(o).__name__ for o in left})}"
    assert gc.isenabled()
