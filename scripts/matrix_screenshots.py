"""Screenshots of the task matrix's baseline variance columns (ID and scope frozen while scrolled
sideways), a paste with a bad cell reported, and the Gantt's baseline bars, zh and en.

    .venv/bin/python scripts/matrix_screenshots.py [--out docs/screenshots]

Runs itself under xvfb-run (xcb) unless a display or QT_QPA_PLATFORM=offscreen is set.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import screenshots as base  # noqa: E402  (isolation and the xvfb re-run)


def shoot(out: Path, language: str) -> list[Path]:
    from PySide6.QtTest import QTest

    from planner.samples import sample_path
    from planner.services import programme, tasks
    from ui import settings
    from ui.app import build_window, create_app
    from ui.commands import JournalCommand

    settings.set_language(language)
    create_app([])
    suffix = "zh" if language == "zh_CN" else "en"
    out.mkdir(parents=True, exist_ok=True)
    window = build_window([])
    window.documents.open_untitled_copy(sample_path("flagos"))
    window.resize(1280, 800)
    window.show()
    controller = window.controller
    written = []

    def grab(widget, name: str) -> None:
        QTest.qWait(500)
        target = out / f"matrix-{name}-{suffix}.png"
        widget.grab().save(str(target))
        written.append(target)

    plan = controller.plan()
    controller.push(JournalCommand(controller, "baseline", programme.take_baseline, "立项基线",
                                   plan.programme.start_date))
    # the plan since: two tasks a week late, one a week longer
    dated = [t for t in plan.tasks if t.start_date is not None and not plan.outline.is_summary(t.id)]
    week = dt.timedelta(days=7)
    for task in dated[1:3]:
        controller.push(JournalCommand(controller, "late", tasks.update_task, task.id,
                                       start_date=task.start_date + week, end_date=task.end_date + week))
    longer = dated[4]
    controller.push(JournalCommand(controller, "longer", tasks.update_task, longer.id, end_date=longer.end_date + week))
    matrix = window.views.show("tasks")
    QTest.qWait(300)
    bar = matrix.table.horizontalScrollBar()
    bar.setValue(bar.maximum())  # the variance columns at the right end; ID and scope stay
    grab(window, "variance")
    bar.setValue(0)
    last = len(matrix.model.visible_rows())
    span = next(n for n, c in enumerate(matrix.model.columns) if c.key == "span")
    matrix.table.setCurrentIndex(matrix.model.index(last - 2, span))
    matrix.paste_text("2025/3/3-2025/3/28\t3周\r\n下个月\t5天?\r\n")
    grab(window, "paste")
    gantt = window.views.show("gantt")
    QTest.qWait(300)
    gantt.zoom_to_fit()
    grab(window, "gantt-baseline")
    controller.undo_stack.clear()
    window.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--language", default="")
    args = parser.parse_args()
    base._under_xvfb()
    if not args.language:
        import subprocess
        for language in ("zh_CN", "en"):
            subprocess.run([sys.executable, __file__, "--out", str(args.out), "--language", language], check=True)
        return 0
    base._isolate()
    for path in shoot(args.out, args.language):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
