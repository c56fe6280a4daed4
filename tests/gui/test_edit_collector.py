"""An edit runs with the cyclic collector paused and leaves what it built frozen: the collector is
on again afterwards (or stays off when the caller had it off), and nothing the edit made is left
for a full collection to walk."""

from __future__ import annotations

import gc

from planner import model as m
from planner.services import tasks
from ui.commands import JournalCommand


def _edit(controller, percent):
    task = controller.plan().tasks[0]
    controller.push(JournalCommand(controller, "progress", tasks.update_task, task.id, patch_table=m.Task,
                                   progress=percent))


def test_an_edit_runs_with_the_collector_paused_then_freezes_what_it_built(controller):
    controller.plan()
    seen = []
    controller.changed.connect(lambda _changes: seen.append(gc.isenabled()))
    assert gc.isenabled()
    _edit(controller, 0.25)
    assert seen == [False]  # the views refreshed with the collector off
    assert gc.isenabled()
    assert controller.schedule() is not None
    frozen = gc.get_freeze_count()
    assert frozen > 0
    left = len(gc.get_objects())
    _edit(controller, 0.5)
    controller.schedule()
    assert len(gc.get_objects()) <= left + 50  # the edit's rows, lookups and schedule frozen with it
    controller.undo_stack.undo()
    assert controller.plan().tasks[0].progress == 0.25


def test_the_collector_left_off_when_it_was_off(controller):
    controller.plan()
    gc.disable()
    try:
        _edit(controller, 0.75)
        assert not gc.isenabled()
    finally:
        gc.enable()
