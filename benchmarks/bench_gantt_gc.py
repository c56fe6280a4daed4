"""Garbage collections around a Gantt edit: do full collections land in frames after the rebuild?

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.bench_gantt_gc [--tasks 10000] [--edits 6]

Opens a generated plan in a GanttView (1440x900, week zoom), then alternates progress edits
(patched into the snapshot) and date moves (rescheduled), each followed by the Gantt rebuild and
120 scroll repaints. Every collection is timed through `gc.callbacks` and filed under the edit or
the frames it happened in; also printed: the tracked objects left outside the frozen snapshot
and what one forced full collection costs with them, and with nothing frozen.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from benchmarks.generate import generate_plan  # noqa: E402
from planner import model as m  # noqa: E402
from planner.document import Project  # noqa: E402
from planner.services import tasks  # noqa: E402
from ui.commands import JournalCommand  # noqa: E402
from ui.controller import DocumentController  # noqa: E402
from ui.gantt import GanttView  # noqa: E402


class Collections:
    """Every collection's generation and milliseconds, under the phase it happened in."""

    def __init__(self):
        self.phase, self.events, self._start = "load", [], 0.0
        gc.callbacks.append(self._on_gc)

    def _on_gc(self, stage: str, info: dict) -> None:
        if stage == "start":
            self._start = time.perf_counter()
        else:
            self.events.append((self.phase, info["generation"], (time.perf_counter() - self._start) * 1000))

    def stop(self) -> None:
        gc.callbacks.remove(self._on_gc)

    def of(self, generation: int, in_frames: bool) -> list[float]:
        return [ms for phase, gen, ms in self.events if gen == generation and phase.endswith("frames") == in_frames]


def edit(controller, task_id: int, number: int) -> JournalCommand:
    task = controller.plan().task_by_id[task_id]
    if number % 2 == 0:
        return JournalCommand(controller, "progress", tasks.update_task, task.id, patch_table=m.Task, progress=0.5)
    week = dt.timedelta(days=7)
    return JournalCommand(controller, "move", tasks.update_task, task.id,
                          start_date=task.start_date + week, end_date=task.end_date + week)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10000)
    parser.add_argument("--edits", type=int, default=6)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    path = generate_plan(Path(tempfile.mkdtemp()) / "gc.plan", args.tasks, seed=1)
    controller = DocumentController(Project.open(path))
    view = GanttView(controller)
    view.resize(1440, 900)
    view.show()
    app.processEvents()
    view.set_level("week")
    record, frames, edits = Collections(), [], []
    vp, bar = view.timeline.viewport(), view.timeline.verticalScrollBar()
    for number, task in enumerate(controller.plan().tasks[:args.edits]):
        record.phase = f"edit {number}"
        start = time.perf_counter()
        controller.push(edit(controller, task.id, number))
        app.processEvents()  # the Gantt rebuilds here
        edits.append((time.perf_counter() - start) * 1000)
        record.phase = f"edit {number} frames"
        for i in range(120):
            bar.setValue((i * 997 * 24) % max(1, bar.maximum()))
            start = time.perf_counter()
            vp.repaint()
            view.names.repaint()
            frames.append((time.perf_counter() - start) * 1000)
    record.stop()
    unfrozen, frozen = len(gc.get_objects()), gc.get_freeze_count()
    start = time.perf_counter()
    gc.collect()
    forced = (time.perf_counter() - start) * 1000
    gc.unfreeze()  # the same collection with the snapshot back in the collector's way
    start = time.perf_counter()
    gc.collect()
    unfrozen_ms = (time.perf_counter() - start) * 1000
    young = record.of(0, True) + record.of(1, True)
    print(f"tasks {args.tasks}, edits {args.edits}: edit + rebuild median {statistics.median(edits):.0f} ms")
    print(f"full collections: {len(record.of(2, True))} in frames, {len(record.of(2, False))} in edits")
    print(f"young collections in frames: {len(young)}, longest {max(young, default=0):.1f} ms")
    print(f"frames: {len(frames)}, median {statistics.median(frames):.1f} ms, max {max(frames):.1f} ms")
    print(f"tracked objects outside the frozen snapshot {unfrozen}, frozen {frozen}; "
          f"one forced full collection {forced:.1f} ms ({unfrozen_ms:.1f} ms with nothing frozen)")
    controller.project.close()


if __name__ == "__main__":
    main()
