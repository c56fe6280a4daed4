"""Charts and reports on a generated 1,000-task plan: each chart to PNG, the monthly review PDF,
and the dashboard redraw after an edit (offscreen Qt).

    QT_QPA_PLATFORM=offscreen python -m benchmarks.bench_charts [--tasks 1000] [--repeat 5]
        [--only redraw] [--edit command|reload] [--tabs dependencies,indicator-trend]

Targets (issue 6): each chart to PNG <= 1.5 s, monthly report PDF <= 10 s, dashboard redraw <= 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.generate import generate_plan  # noqa: E402
from planner import model as m  # noqa: E402
from planner.charts import build_chart, chart_kinds  # noqa: E402
from planner.charts.export import export_figure  # noqa: E402
from planner.charts.label_layer import clear_cache  # noqa: E402
from planner.cli.common import read_plan  # noqa: E402
from planner.reports.monthly import write_monthly_review  # noqa: E402
from planner.schedule import schedule_plan  # noqa: E402

TARGETS = {"chart": 1.5, "monthly": 10.0, "redraw": 0.5}


def timed(fn, repeat: int) -> tuple[float, float]:
    """(median wall seconds, median CPU seconds of this process): on a shared, loaded machine the
    CPU time is what the work itself costs; wall time adds the wait for a core."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def bench_charts(plan, folder: Path, repeat: int) -> dict[str, tuple[float, float]]:
    """Each chart built and exported as a `planner chart` command does: with no label cached yet."""
    schedule = schedule_plan(plan)
    out = {}

    def export(kind: str) -> None:
        clear_cache()
        export_figure(build_chart(kind, plan, schedule).figure, folder / f"{kind}.png")

    for kind in chart_kinds():
        out[kind] = timed(lambda: export(kind), repeat)
    return out


def bench_monthly(plan, folder: Path, repeat: int) -> tuple[float, float]:
    return timed(lambda: write_monthly_review(plan, folder / "review.pdf", schedule=schedule_plan(plan)), repeat)


def bench_redraw(path: Path, repeat: int, edit: str = "command") -> dict[str, tuple[float, float]]:
    """Edit one task's progress (a reading, for the indicator tabs) and let the dashboard react as in
    the app (the `changed` signal, plan patch, schedule, build, canvas resize and paint), until the
    visible chart is repainted; one median per dashboard tab.

    `edit="command"` pushes the cell-edit undo command the app's views push (the controller patches
    its plan snapshot in place); `edit="reload"` runs the service bare, so the whole plan is re-read.
    """
    from PySide6.QtWidgets import QApplication

    from planner.changes import Area
    from planner.charts import CHART_KINDS
    from planner.document import Project
    from planner.services import rows
    from ui.commands import EditFields
    from ui.controller import DocumentController
    from ui.dashboard import DashboardView

    app = QApplication.instance() or QApplication([])
    controller = DocumentController(Project.open(path))
    view = DashboardView(controller)
    view.resize(1400, 900)
    view.show()
    app.processEvents()

    def run_edit(table, row_id, **values):
        if edit == "command":
            controller.push(EditFields(controller, "edit", table, row_id, **values))
        else:
            controller.run_service(rows.update_fields, table, row_id, **values)

    task_id = controller.plan().tasks[0].id
    reading = controller.plan().readings[0]
    out = {}
    for index, kind in enumerate(view.panes):
        view.tabs.setCurrentIndex(index)
        app.processEvents()
        progress = [0.1]

        def edit_and_redraw():
            progress[0] = 0.6 if progress[0] < 0.5 else 0.1
            pane = view.panes[kind]
            before = pane.result
            if CHART_KINDS[kind].areas & Area.TASKS:  # an edit the chart shows, so it must redraw
                run_edit(m.Task, task_id, progress=progress[0])
            else:
                run_edit(m.Reading, reading.id, cumulative_value=(reading.cumulative_value or 0) + progress[0])
            while pane.result is before:  # the coalescing timer fires, the worker rebuilds and rasterises
                app.processEvents()
            for _ in range(3):  # the image shown
                app.processEvents()

        edit_and_redraw()  # the first redraw after opening a tab builds its canvas: not what an edit costs
        out[kind] = timed(edit_and_redraw, repeat)
    view.close()
    controller.project.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", choices=("all", "redraw"), default="all",
                        help="redraw: only the dashboard redraws (quick comparisons of two versions)")
    parser.add_argument("--edit", choices=("command", "reload"), default="command",
                        help="how the redraw benchmark edits (see bench_redraw)")
    parser.add_argument("--tabs", help="comma-separated dashboard tabs to report (default: all)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = generate_plan(folder / "bench.plan", args.tasks, seed=1)
        plan = read_plan(path)
        print(f"# {platform.node()} · {platform.processor() or platform.machine()} · {os.cpu_count()} cores · "
              f"Python {platform.python_version()} · {time.strftime('%Y-%m-%d %H:%M')}")
        print(f"plan: {len(plan.tasks)} tasks, {len(plan.dependencies)} links, {len(plan.milestones)} milestones, "
              f"{len(plan.indicators)} indicators, {len(plan.raci)} RACI cells; medians of {args.repeat} runs\n")
        print(f"load average before: {os.getloadavg()[0]:.1f}\n")
        print("| measurement | wall median (s) | CPU median (s) | target (s) | CPU / target |\n|---|---|---|---|---|")
        if args.only == "all":
            for kind, (wall, cpu) in bench_charts(plan, folder, args.repeat).items():
                _row(f"chart `{kind}` to PNG (200 dpi)", wall, cpu, TARGETS["chart"])
            wall, cpu = bench_monthly(plan, folder, max(1, args.repeat // 2))
            _row("monthly review PDF", wall, cpu, TARGETS["monthly"])
        tabs = args.tabs.split(",") if args.tabs else None
        for kind, (wall, cpu) in bench_redraw(path, args.repeat, args.edit).items():
            if tabs is None or kind in tabs:
                _row(f"dashboard redraw after an edit, tab `{kind}`", wall, cpu, TARGETS["redraw"])
        print(f"\nload average after: {os.getloadavg()[0]:.1f}")


def _row(label: str, wall: float, cpu: float, target: float) -> None:
    print(f"| {label} | {wall:.3f} | {cpu:.3f} | {target} | {cpu / target:.2f} |")


if __name__ == "__main__":
    main()
