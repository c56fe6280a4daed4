"""Screenshots of the plan-building dialogs (plan properties, set baseline, add indicator, teams and roles, indicators from a roadmap cell, the RACI tab's team buttons), zh and en.

    .venv/bin/python scripts/plan_dialog_screenshots.py [--out docs/screenshots]

Runs itself under xvfb-run (xcb) unless a display or QT_QPA_PLATFORM=offscreen is set.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import screenshots as base  # noqa: E402  (isolation and the xvfb re-run)


def shoot(out: Path, language: str) -> list[Path]:
    from PySide6.QtTest import QTest

    from planner.samples import sample_path
    from ui import settings
    from ui.app import build_window, create_app
    from ui.plan_properties import BaselineDialog, PlanPropertiesDialog
    from ui.indicator_dialog import IndicatorDialog
    from ui.teams_dialog import TeamsDialog
    from ui.indicators_from_cell import IndicatorsFromCellDialog
    from ui.commands import JournalCommand
    from planner.services import teams as team_service

    settings.set_language(language)
    create_app([])
    suffix = "zh" if language == "zh_CN" else "en"
    out.mkdir(parents=True, exist_ok=True)
    window = build_window([])
    window.documents.open_untitled_copy(sample_path("flagos"))
    window.resize(1280, 800)
    window.show()
    written = []

    def grab(widget, name: str, prefix: str = "build-") -> None:
        QTest.qWait(400)
        target = out / f"{prefix}{name}-{suffix}.png"
        widget.grab().save(str(target))
        written.append(target)

    props = PlanPropertiesDialog(window.controller.plan().programme, window, new_plan=True)
    props.set_value("status_date", dt.date(2025, 5, 31))
    props.show()
    grab(props, "plan-properties")
    props.close()
    baseline = BaselineDialog(window.controller.plan().programme, window)
    baseline.show()
    grab(baseline, "set-baseline")
    baseline.close()
    indicator = IndicatorDialog(window.controller.plan(), window)
    indicator.name.setText("适配芯片数")
    indicator.target.setText("≥25款")
    indicator.module.setCurrentIndex(1)
    indicator.show()
    grab(indicator, "add-indicator")
    indicator.close()
    teams = TeamsDialog(window.controller, window)
    teams.resize(520, 360)
    teams.show()
    grab(teams, "teams")
    teams.close()
    plan = window.controller.plan()
    core = plan.teams[0]
    for role in plan.roles[:3]:  # roles put in the first team, as the dialog's boxes do
        window.controller.try_push(JournalCommand(window.controller, "role", team_service.set_role_team, role.id, core.id))
    teams = TeamsDialog(window.controller, window)
    teams.resize(620, 640)
    teams.show()
    teams.select(core.name)
    grab(teams, "roles", prefix="teams-")
    teams.close()
    plan = window.controller.plan()
    stage, module = plan.stages[0], plan.modules[0]
    cell_names = {"AI芯片适配数量", "框架兼容通过率", "Qwen2.5-7B 推理提速", "超节点适配效率"}
    shown = dataclasses.replace(plan, indicators=[i for i in plan.indicators if not (
        i.stage_id == stage.id and i.module_id == module.id and i.name in cell_names)])
    from_cell = IndicatorsFromCellDialog(shown, stage.id, module.id, window)
    from_cell.set_checked(3, False)
    from_cell.show()
    grab(from_cell, "from-cell", prefix="indicators-")
    from_cell.close()
    window.views.show("raci")
    grab(window, "raci-team-buttons")
    window.controller.undo_stack.clear()
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
